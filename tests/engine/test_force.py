"""Force on either side, and force refused (docs/model.md, step 4).

A coercion resource that names its ``commanders`` is a unit with loyalties of its own: an order
is carried out only if its senior commander at the place backs that side's force; it defends
the place against the other side; a storming succeeds only if the attackers are stronger; the
target's side may order its units against the challengers' leaders at the strike; an absent
target may be held where a unit's commander is. Each test compares the case with the field
against the same case without it (the mechanism disabled), and the outcome must differ.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from politburo.engine import replay
from politburo.errors import PolitburoError
from tests.engine.test_escalation import HOME, A, _club, _load

SPA = [{"place": "spa", "start": "2000-01-01", "end": "2000-01-31", "cite": A}]


def _guards(raw: dict[str, Any], office: str, holder: str, **resource: Any) -> dict[str, Any]:
    """Give ``holder`` an office commanding a coercion resource with the fields ``resource``."""
    unit = {"id": f"{office}-unit", "name": "Guards", "kind": "coercion", "cite": A, **resource}
    raw["offices"].append({"id": office, "name": office.title(), "cite": A, "resources": [unit]})
    for person in raw["actors"]:
        if person["id"] == holder:
            person.setdefault("offices", []).append({"office": office, "cite": A})
    return raw


def _armed(**resource: Any) -> dict[str, Any]:
    """Three challengers against the chair Ada and one ally; Bo commands the guards."""
    return _guards(_club(["bo", "cy", "di"], ["ed"], hostile=0.9), "guard", "bo", **resource)


def _outsider(raw: dict[str, Any], side: str) -> dict[str, Any]:
    """Gus: no member of any body, at the seat, on ``side``."""
    gus = {"id": "gus", "name": "Gus", "itinerary": HOME, "side": side, "cite": A}
    raw["actors"].append(gus)
    return raw


def _kinds(tmp: Path, raw: dict[str, Any], name: str) -> tuple[list[str], Any]:
    folder = tmp / name
    folder.mkdir()
    trace = replay(_load(folder, raw), seed=0)
    return [e.kind for e in trace.events], trace


def _detained(trace: Any) -> list[str]:
    return [e.actor for e in trace.of_kind("detained")]


# -- (a) commanders who refuse ------------------------------------------------------------


def test_an_order_is_carried_out_by_its_holder_without_named_commanders(tmp_path: Path) -> None:
    kinds, trace = _kinds(tmp_path, _armed(), "plain")
    assert "force" in kinds and _detained(trace) == ["ada"]
    assert "force-refused" not in kinds


def test_a_commander_who_leads_the_challenge_obeys(tmp_path: Path) -> None:
    kinds, trace = _kinds(tmp_path, _armed(commanders=["bo"]), "leader")
    assert _detained(trace) == ["ada"] and "force-refused" not in kinds


@pytest.mark.parametrize("side", ["incumbent", "challengers"])
def test_a_commander_who_does_not_back_force_refuses(tmp_path: Path, side: str) -> None:
    """Gus refuses when he backs the target, and when he backs the challengers too lukewarmly
    to clear the ``force`` threshold; the order was given all the same."""
    _, trace = _kinds(tmp_path, _outsider(_armed(commanders=["gus"]), side), side)
    force = trace.of_kind("force")[0]
    assert force.counts["used"] == 1, "the group orders force"
    assert [e.actor for e in trace.of_kind("force-refused")] == ["gus"]
    assert _detained(trace) == [], "the refusal saves the target from arrest"


def test_a_commander_away_from_the_place_cannot_carry_it_out(tmp_path: Path) -> None:
    raw = _outsider(_armed(commanders=["gus"]), "challengers")
    raw["actors"][-1]["itinerary"] = SPA
    kinds, trace = _kinds(tmp_path, raw, "away")
    assert _detained(trace) == [] and "force-refused" not in kinds


# -- (d) storming -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attack", "defence", "carried"), [(1, 1, False), (1, 2, False), (3, 2, True)]
)
def test_a_storming_succeeds_only_if_the_attackers_are_stronger(
    tmp_path: Path, attack: int, defence: int, carried: bool
) -> None:
    """Ada's own guard (she commands it) defends her: a tie favours the defence."""
    raw = _guards(_armed(commanders=["bo"], strength=attack), "palace", "ada")
    raw["offices"][-1]["resources"][0].update(commanders=["ada"], strength=defence)
    _, trace = _kinds(tmp_path, raw, f"{attack}-{defence}")
    assert (_detained(trace) == ["ada"]) is carried
    repelled = trace.of_kind("force-repelled")
    assert bool(repelled) is not carried
    if repelled:
        assert repelled[0].counts == {"attackers": attack, "defenders": defence}


def test_a_guard_without_named_commanders_does_not_defend(tmp_path: Path) -> None:
    raw = _guards(_armed(commanders=["bo"]), "palace", "ada", strength=5)
    kinds, trace = _kinds(tmp_path, raw, "plain-defence")
    assert _detained(trace) == ["ada"] and "force-repelled" not in kinds


# -- (b) the target's side strikes back --------------------------------------------------


def _outnumbered(**resource: Any) -> dict[str, Any]:
    """Two challengers who declare themselves against Ada and two allies; Ada commands her
    guard; the scenario's ``force`` threshold is 0, so her allies back force too."""
    raw = _club(["bo", "cy"], ["ed", "fi"], hostile=0.9, call="declared")
    raw["model"] = {"name": "default", "parameters": {"force": {"value": 0.0, "cite": A}}}
    return _guards(raw, "palace", "ada", **resource)


def test_the_targets_side_detains_the_challengers_with_a_commanded_unit(tmp_path: Path) -> None:
    kinds, trace = _kinds(tmp_path, _outnumbered(commanders=["ada"]), "counter")
    assert sorted(_detained(trace)) == ["bo", "cy"]
    assert "crushed" in kinds and "demand-resignation" not in kinds
    counter = trace.of_kind("force")[0]
    assert counter.actor == "ada" and counter.detail["purpose"] == "detain the challengers"
    assert trace.final["offices"]["chair"] == "ada"


def test_without_named_commanders_the_targets_side_uses_no_force(tmp_path: Path) -> None:
    kinds, trace = _kinds(tmp_path, _outnumbered(), "no-counter")
    assert "crushed" not in kinds and not trace.of_kind("force")
    assert _detained(trace) == []


def test_the_challengers_unit_repels_the_counter_blow(tmp_path: Path) -> None:
    raw = _guards(_outnumbered(commanders=["ada"]), "guard", "bo", commanders=["bo"], strength=2)
    kinds, trace = _kinds(tmp_path, raw, "repelled")
    assert "crushed" not in kinds and _detained(trace) == []
    assert trace.of_kind("force-repelled")[0].actor == "ada"


# -- (c) holding an absent target ----------------------------------------------------------


def _abroad(**resource: Any) -> dict[str, Any]:
    """Ada and the challenger Cy are at the spa when the board strikes; Bo commands guards."""
    raw = _guards(_club(["bo", "cy", "di", "ex"], ["ed"], hostile=0.9), "guard", "bo", **resource)
    for person in raw["actors"]:
        if person["id"] in ("ada", "cy"):
            person["itinerary"] = SPA
    return raw


def test_an_absent_target_is_summoned_without_a_unit_where_he_is(tmp_path: Path) -> None:
    kinds, trace = _kinds(tmp_path, _abroad(), "summoned")
    assert any(e.subject == "ada" for e in trace.of_kind("summon")) and "held" not in kinds


def test_an_absent_target_is_held_where_a_commander_is(tmp_path: Path) -> None:
    kinds, trace = _kinds(tmp_path, _abroad(commanders=["cy"]), "held")
    held = trace.of_kind("held")
    assert held and held[0].actor == "ada" and held[0].subject == "spa"
    assert not any(e.subject == "ada" for e in trace.of_kind("summon"))
    assert "fait-accompli" in kinds and trace.final["offices"]["chair"] is None


# -- the scenario's checks ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("resource", "words"),
    [
        ({"commanders": ["nobody"]}, "unknown actor 'nobody'"),
        ({"kind": "transport", "commanders": ["bo"]}, "only a coercion resource"),
    ],
)
def test_commanders_are_checked(tmp_path: Path, resource: dict[str, Any], words: str) -> None:
    with pytest.raises(PolitburoError) as err:
        _load(tmp_path, _armed(**resource))
    found = [f"{p.line}:{p.field}: {p.message}" for p in err.value.problems]
    assert any("commanders" in p and words in p for p in found), found
