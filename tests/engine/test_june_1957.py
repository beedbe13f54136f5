"""The default scenario: the seeded replay meets the record, and so do most runs."""

from __future__ import annotations

import json

import pytest

from politburo.analysis.fidelity import check_fidelity
from politburo.engine import replay
from politburo.engine.facts import citations_of
from politburo.scenario import Scenario


def test_replay_meets_every_target(june: Scenario) -> None:
    report = check_fidelity(june.model, runs=1, seed=0)
    missed = [r.id for r in report.rows if not r.replay]
    assert not missed


@pytest.mark.slow
def test_each_target_is_met_in_four_runs_of_five(june: Scenario) -> None:
    report = check_fidelity(june.model, runs=1000, seed=0)
    weak = {r.id: r.share for r in report.rows if r.share < 0.8}
    assert not weak


def test_replay_tells_the_story_in_order(june: Scenario) -> None:
    trace = replay(june.model, seed=0)
    kinds = [e.kind for e in trace.events]
    for earlier, later in [
        ("strike", "take-chair"),
        ("take-chair", "demand-resignation"),
        ("demand-resignation", "refuse-resignation"),
        ("refuse-resignation", "appeal"),
        ("appeal", "petition"),
        ("petition", "convened"),
        ("convened", "opened"),
        ("opened", "resolution"),
        ("resolution", "sanction"),
    ]:
        assert kinds.index(earlier) < kinds.index(later), (earlier, later)


def test_trace_is_json_and_every_fact_is_cited(june: Scenario) -> None:
    trace = replay(june.model, seed=0)
    data = json.loads(json.dumps(trace.to_json()))
    assert data["scenario"] == "june-1957" and data["events"]
    facts = {f for e in trace.events for f in e.facts}
    assert facts
    uncited = [f for f in facts if not citations_of(june.model, f)]
    assert not uncited


def test_every_switch_of_side_carries_its_terms(june: Scenario) -> None:
    trace = replay(june.model, seed=0)
    switches = [e for e in trace.events if e.kind in ("desert", "recant", "waver", "defect")]
    assert switches
    for e in switches:
        terms = e.detail["terms"]
        assert {"policy", "ties", "bandwagon", "commitment", "risk"} <= set(terms)
        assert abs(sum(terms.values()) - e.detail["utility"]) < 1e-2


def test_votes_carry_each_ballot_and_the_tally(june: Scenario) -> None:
    trace = replay(june.model, seed=0)
    vote = next(e for e in trace.events if e.kind == "vote" and e.motion == "remove")
    assert vote.ballots is not None
    yes = sum(v == "yes" for v in vote.ballots.values())
    assert yes == vote.counts["yes"]
    assert vote.ballots.get("shepilov") == "no vote"
