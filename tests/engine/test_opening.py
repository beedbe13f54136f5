"""Force as the first move (``opening: force``; docs/model.md, "Force as the first move").

The challengers have the target seized on the strike day before any demand or vote, by their
leaders' order; the unit's commander carries it out or refuses, and a stronger guard repels
it, as for any order. Each test compares the case with the field against the same case
without it (the mechanism disabled), and the outcome must differ.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from politburo.errors import PolitburoError
from politburo.scenario.basis import judgments
from tests.engine.test_escalation import A, _load
from tests.engine.test_force import _armed, _detained, _guards, _kinds, _outsider

BEFORE = ("vote", "demand-resignation", "comply", "refuse-resignation")


def _opening(raw: dict[str, Any], opening: str = "force") -> dict[str, Any]:
    raw["challenges"][0]["opening"] = opening
    return raw


def test_a_loyal_commander_seizes_the_target_before_any_demand_or_vote(tmp_path: Path) -> None:
    kinds, trace = _kinds(tmp_path, _opening(_armed(commanders=["bo"])), "seize")
    assert _detained(trace) == ["ada"]
    first = kinds.index("detained")
    assert not set(BEFORE) & set(kinds[:first]), kinds[:first]
    force = trace.of_kind("force")[0]
    assert force.detail["purpose"] == "seize" and force.counts["used"] == 1
    assert force.counts["present_voters"] == 3, "the leaders decide, not the board"
    assert "demand-resignation" not in kinds, "a held target is not asked to resign"
    assert "fait-accompli" in kinds and trace.final["offices"]["chair"] is None


def test_without_the_field_the_target_is_first_asked_to_resign(tmp_path: Path) -> None:
    kinds, trace = _kinds(tmp_path, _armed(commanders=["bo"]), "demand")
    assert _detained(trace) == ["ada"]
    assert kinds.index("demand-resignation") < kinds.index("detained")
    assert trace.of_kind("force")[0].detail["purpose"] == "detain"


def test_a_commander_loyal_to_the_target_refuses_the_seizure(tmp_path: Path) -> None:
    raw = _opening(_outsider(_armed(commanders=["gus"]), "incumbent"))
    kinds, trace = _kinds(tmp_path, raw, "refused")
    force = trace.of_kind("force")[0]
    assert force.detail["purpose"] == "seize" and force.counts["used"] == 1
    assert [e.actor for e in trace.of_kind("force-refused")][:1] == ["gus"]
    assert _detained(trace) == []
    assert kinds.index("force-refused") < kinds.index("demand-resignation"), (
        "the challengers fall back on the demand"
    )


def test_the_targets_stronger_guard_repels_the_seizure(tmp_path: Path) -> None:
    raw = _guards(_armed(commanders=["bo"], strength=1), "palace", "ada")
    raw["offices"][-1]["resources"][0].update(commanders=["ada"], strength=2)
    kinds, trace = _kinds(tmp_path, _opening(raw), "repelled")
    repelled = trace.of_kind("force-repelled")
    assert repelled and repelled[0].counts == {"attackers": 1, "defenders": 2}
    assert _detained(trace) == []
    assert kinds.index("force-repelled") < kinds.index("demand-resignation")


def _problems(tmp: Path, raw: dict[str, Any]) -> list[str]:
    with pytest.raises(PolitburoError) as err:
        _load(tmp, raw)
    return [f"{p.line}:{p.field}: {p.message}" for p in err.value.problems]


def test_an_unknown_opening_is_refused_with_its_line(tmp_path: Path) -> None:
    found = _problems(tmp_path, _opening(_armed(), "ambush"))
    assert any("opening" in p and p.split(":")[0].isdigit() for p in found), found


def test_an_opening_by_force_needs_a_coercion_resource(tmp_path: Path) -> None:
    raw = _opening(_armed())
    raw["offices"][-1]["resources"][0]["kind"] = "transport"
    found = _problems(tmp_path, raw)
    assert any("opening" in p and "coercion resource" in p for p in found), found


def test_the_opening_is_a_judgment_with_its_basis(tmp_path: Path) -> None:
    raw = _opening(_armed(commanders=["bo"]))
    raw["challenges"][0]["basis"] = {"opening": "course"}
    found = [j for j in judgments(_load(tmp_path, raw)) if j.kind == "opening"]
    assert [(j.basis, j.value, j.read_from_crisis) for j in found] == [("course", "force", True)]


def test_an_arena_that_may_remove_votes_after_the_seizure(tmp_path: Path) -> None:
    raw = _opening(_armed(commanders=["bo"]))
    board = raw["bodies"][0]
    assert board["id"] == "board"
    board["powers"].append({"motion": "remove", "office": "chair", "cite": A})
    kinds, trace = _kinds(tmp_path, raw, "removes")
    assert kinds.index("detained") < kinds.index("vote")
    removed = trace.of_kind("removed")
    assert removed and removed[0].actor == "ada" and removed[0].detail["how"] == "vote"
