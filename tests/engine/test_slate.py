"""Several targets at once: a leader's associates removed with him on one vote.

Gomulka's fall (December 1970) as the challengers hoped it would go: the Politburo members who
turned against him are fixed to the challengers' side, so that they strike; the Central
Committee then removes Kliszko and Jaszczuk, his inner circle, with him on one vote.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from politburo.analysis.fidelity import check_fidelity
from politburo.engine import compile_scenario, replay
from politburo.errors import PolitburoError
from politburo.scenario import load_scenario
from politburo.scenario.basis import judgments
from tests.engine.conftest import edited, item

GOMULKA = Path(__file__).resolve().parents[2] / "src/politburo/scenario/corpus/gomulka-1970"
TURNED = ("cyrankiewicz", "jaroszewicz", "kociolek", "jaruzelski", "strzelecki", "spychalski")


def struck(associates: list[str] | None = None) -> Any:
    """Gomulka's scenario with the members who turned against him fixed to the challengers."""

    def change(raw: dict[str, Any]) -> None:
        for actor in TURNED:
            item(raw["actors"], actor)["side"] = "challengers"
        if associates is not None:
            item(raw["challenges"], "succession")["associates"] = associates

    return edited(load_scenario(GOMULKA), change)


def test_the_associates_fall_with_the_leader_on_one_vote() -> None:
    trace = replay(struck(), seed=0)
    slate = [e for e in trace.of_kind("vote") if e.motion == "slate"]
    assert len(slate) == 1 and slate[0].counts["passed"] == 1
    assert slate[0].subject == "gomulka" and slate[0].body == "central-committee"
    assert {e.actor for e in trace.of_kind("removed-with")} == {"kliszko", "jaszczuk"}
    seats = {(e.actor, e.body): e.counts["rank"] for e in trace.of_kind("seat")}
    assert seats[("kliszko", "politburo")] == -1 and seats[("jaszczuk", "politburo")] == -1


def test_without_associates_they_are_only_graded_by_conduct() -> None:
    report = {r.id: r for r in check_fidelity(struck(), runs=50, seed=0).rows}
    alone = {r.id: r for r in check_fidelity(struck([]), runs=50, seed=0).rows}
    for target in ("kliszko-out-of-politburo", "jaszczuk-out-of-politburo"):
        assert report[target].share >= 0.9, target
        assert alone[target].share <= 0.1, target
    trace = replay(struck([]), seed=0)
    assert not trace.of_kind("removed-with")
    assert not [e for e in trace.of_kind("vote") if e.motion == "slate"]


def test_an_associate_who_never_stood_with_the_target_is_spared() -> None:
    """Cyrankiewicz, on the challengers' side from the start, is named as an associate too:
    the slate carries only those who stood with Gomulka."""
    trace = replay(struck(["kliszko", "cyrankiewicz"]), seed=0)
    assert {e.actor for e in trace.of_kind("removed-with")} == {"kliszko"}


def test_the_body_must_have_the_power_to_remove_from_the_arena() -> None:
    def powerless(raw: dict[str, Any]) -> None:
        for actor in TURNED:
            item(raw["actors"], actor)["side"] = "challengers"
        cc = item(raw["bodies"], "central-committee")
        cc["powers"] = [p for p in cc["powers"] if p["motion"] != "expel"]

    trace = replay(edited(load_scenario(GOMULKA), powerless), seed=0)
    assert (
        compile_scenario(edited(load_scenario(GOMULKA), powerless)).challenges[0].slate_bodies == ()
    )
    assert not trace.of_kind("removed-with")


def test_associates_are_a_judgment_with_a_basis() -> None:
    model = load_scenario(GOMULKA).model
    found = [j for j in judgments(model) if j.kind == "associates"]
    assert len(found) == 1 and found[0].basis == "before"


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("nobody", "unknown actor 'nobody'"),
        ("gomulka", "'gomulka' is the challenge's target or one of its leaders"),
    ],
)
def test_a_bad_associate_is_an_error_at_its_field(tmp_path: Path, who: str, message: str) -> None:
    folder = tmp_path / "g"
    shutil.copytree(GOMULKA, folder)
    raw = yaml.safe_load((folder / "scenario.yaml").read_text())
    item(raw["challenges"], "succession")["associates"] = ["kliszko", who]
    (folder / "scenario.yaml").write_text(yaml.safe_dump(raw, sort_keys=False))
    with pytest.raises(PolitburoError) as error:
        load_scenario(folder)
    found = [(p.field, p.message) for p in error.value.problems]
    assert any(
        f == "challenges[succession].associates[1]" and m.startswith(message) for f, m in found
    ), found
