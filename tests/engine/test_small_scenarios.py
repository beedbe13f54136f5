"""Crises of other shapes run with no code change and meet their own records."""

from __future__ import annotations

from typing import Any

import pytest

from politburo.analysis.fidelity import check_fidelity
from politburo.engine import replay
from politburo.scenario import load_scenario
from tests.engine.conftest import SMALL, edited, item


@pytest.mark.parametrize("name", SMALL)
def test_small_scenario_meets_its_record(name: str) -> None:
    model = load_scenario(name).model
    report = check_fidelity(model, runs=100, seed=0)
    assert all(r.replay for r in report.rows), [r.id for r in report.rows if not r.replay]
    assert all(r.share >= 0.8 for r in report.rows)


def test_leader_on_holiday_is_summoned_and_gives_in() -> None:
    trace = replay(load_scenario("october-1964").model)
    strike = trace.of_kind("meeting")[0]
    assert "khrushchev" in (strike.absent or [])
    assert trace.of_kind("comply")
    assert trace.final["offices"]["first-secretary"] == "brezhnev"


def test_minister_abroad_is_removed_without_appeal() -> None:
    trace = replay(load_scenario("zhukov-1957").model)
    removed = trace.of_kind("removed")[0]
    assert removed.detail["how"] == "vote"
    assert not trace.of_kind("appeal")
    assert "zhukov" in (trace.of_kind("meeting")[0].absent or [])
    assert trace.final["offices"]["defence-minister"] == "malinovsky"


def test_arrest_needs_the_guns_in_the_room() -> None:
    scenario = load_scenario("beria-1953")
    trace = replay(scenario.model)
    force = trace.of_kind("force")[0]
    assert force.detail["used"] and trace.of_kind("detained")

    def unarmed(raw: dict[str, Any]) -> None:
        item(raw["offices"], "air-defence-command")["resources"] = []

    calm = replay(edited(scenario, unarmed))
    assert not calm.of_kind("detained")
    assert calm.of_kind("appeal")


def test_a_scenario_written_by_others_runs() -> None:
    """The lead's example: a harbour council, blocs with no ties, no petition share."""
    from tests.conftest import EXAMPLE

    trace = replay(load_scenario(EXAMPLE).model, seed=1)
    kinds = {e.kind for e in trace.events}
    assert "strike" in kinds or "no-strike" in kinds
    assert trace.final["outcome"]
