"""Crises of other shapes run with no code change and meet their own records."""

from __future__ import annotations

from typing import Any

import pytest

from politburo.analysis.fidelity import check_fidelity
from politburo.engine import compile_scenario, replay, simulate
from politburo.scenario import load_scenario
from tests.engine.conftest import SMALL, edited, item

SEEDS = (0, 1, 2)


@pytest.mark.parametrize("name", SMALL)
def test_small_scenario_meets_its_record(name: str) -> None:
    model = load_scenario(name).model
    for seed in SEEDS:
        report = check_fidelity(model, runs=300, seed=seed)
        assert all(r.replay for r in report.rows), [r.id for r in report.rows if not r.replay]
        assert all(r.share >= 0.9 for r in report.rows), [(r.id, r.share) for r in report.rows]


def test_leader_on_holiday_is_summoned_and_gives_in() -> None:
    for seed in SEEDS:
        trace = replay(load_scenario("october-1964").model, seed=seed)
        strike = trace.of_kind("meeting")[0]
        assert "khrushchev" in (strike.absent or [])
        assert trace.of_kind("comply")
        assert trace.final["offices"]["first-secretary"] == "brezhnev"


def test_a_resolute_leader_appeals_but_the_prepared_committee_removes_him() -> None:
    """Resolve decides whether he gives in; the committee, sounded out in advance, decides
    the outcome: with his resolve raised he refuses and appeals, and loses all the same."""
    scenario = load_scenario("october-1964")

    def resolute(raw: dict[str, Any]) -> None:
        for trait in item(raw["actors"], "khrushchev")["traits"]:
            if trait["name"] == "resolve":
                trait["value"] = 0.95

    cols = {}
    for label, model in (("as recorded", scenario.model), ("resolute", edited(scenario, resolute))):
        compiled = compile_scenario(model)
        batch = simulate(compiled, seed=0, runs=300)
        cols[label] = batch.columns
        kept = (
            batch.columns["office.first-secretary.holder_at_end"]
            == compiled.actor_index["khrushchev"]
        )
        assert kept.mean() <= 0.05, label
    assert cols["as recorded"]["challenge.ouster.complied"].mean() >= 0.9
    assert cols["resolute"]["challenge.ouster.refused"].mean() >= 0.9
    assert (cols["resolute"]["challenge.ouster.appeal_day"] >= 0).mean() >= 0.9


def test_minister_abroad_is_removed_without_appeal() -> None:
    for seed in SEEDS:
        trace = replay(load_scenario("zhukov-1957").model, seed=seed)
        removed = trace.of_kind("removed")[0]
        assert removed.detail["how"] == "vote"
        assert not trace.of_kind("appeal")
        assert "zhukov" in (trace.of_kind("meeting")[0].absent or [])
        assert trace.final["offices"]["defence-minister"] == "malinovsky"


def test_arrest_needs_the_guns_in_the_room() -> None:
    scenario = load_scenario("beria-1953")

    def unarmed(raw: dict[str, Any]) -> None:
        item(raw["offices"], "air-defence-command")["resources"] = []

    calm_model = edited(scenario, unarmed)
    for seed in SEEDS:
        trace = replay(scenario.model, seed=seed)
        force = trace.of_kind("force")[0]
        assert force.detail["used"] and trace.of_kind("detained")
        calm = replay(calm_model, seed=seed)
        assert not calm.of_kind("detained")
        assert calm.of_kind("appeal")
    detained = "actor.beria.detained"
    armed = simulate(compile_scenario(scenario.model), seed=0, runs=300).columns[detained]
    bare = simulate(compile_scenario(calm_model), seed=0, runs=300).columns[detained]
    assert armed.mean() >= 0.9 and not bare.any()


def test_a_scenario_written_by_others_runs() -> None:
    """The lead's example: a harbour council, blocs with no ties, no petition share."""
    from tests.conftest import EXAMPLE

    trace = replay(load_scenario(EXAMPLE).model, seed=1)
    kinds = {e.kind for e in trace.events}
    assert "strike" in kinds or "no-strike" in kinds
    model = load_scenario(EXAMPLE).model
    assert set(trace.final["outcome"]) == {c.id for c in model.challenges}
    assert set(trace.final["outcome"].values()) <= {"challengers", "target", "undecided"}
