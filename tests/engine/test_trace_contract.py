"""The contract every trace honours, whatever the scenario and the decision model.

In the manner of Axelrod's inherited strategy tests, one set of invariants is checked on the
traces of every bundled scenario run with every registered decision model
(:func:`politburo.engine.registered_models`), over several seeds:

- events come in time order, within the scenario's days and sessions;
- absent members never vote: a member the last meeting of the body found away, who has not
  arrived since, casts no ballot; at a vote in the session of a meeting, the ballots are
  exactly those present;
- ballots add up to tallies: each tally is the named ballots of its kind plus the blocs'
  votes, and yes, no and abstentions together are the voting members present (named members
  and bloc heads), each counted once;
- a motion that passed had the votes it needed;
- only losers are sanctioned, after a resolution, and each at most once per motion and body;
- nobody votes in a body after losing his seat there.

The traces are those of :func:`politburo.engine.simulate` with ``trace=True``; the events
are read by their kinds and named counts (``counts['yes']``), as a reader of the trace would.
"""

from __future__ import annotations

import collections
import functools
from collections.abc import Iterator

import pytest

from politburo.engine import CompiledScenario, compile_scenario, registered_models, simulate
from politburo.engine.trace import Trace, TraceEvent
from politburo.scenario import load_scenario
from politburo.scenario.bundled import bundled_names

SCENARIOS = tuple(bundled_names())
MODELS = tuple(sorted(registered_models()))
SEEDS = (0, 1, 2)
RUNS = 24
CAST = ("yes", "no", "abstain")
SIDE_EVENTS = ("side", "waver", "desert", "recant", "defect")


@functools.cache
def traced(scenario: str, model: str) -> tuple[CompiledScenario, tuple[Trace, ...]]:
    """The compiled scenario run with decision model ``model``, and its traces for every
    seed (computed once per session)."""
    data = load_scenario(scenario).model
    settings = data.model.model_copy(update={"name": model})
    compiled = compile_scenario(data.model_copy(update={"model": settings}))
    traces: list[Trace] = []
    for seed in SEEDS:
        batch = simulate(compiled, seed=seed, runs=RUNS, trace=True)
        assert batch.traces is not None
        traces += batch.traces
    return compiled, tuple(traces)


def every_trace() -> Iterator[tuple[str, str, CompiledScenario, Trace]]:
    for scenario in SCENARIOS:
        for model in MODELS:
            compiled, traces = traced(scenario, model)
            for trace in traces:
                yield scenario, model, compiled, trace


def _where(trace: Trace, event: TraceEvent) -> str:
    return f"seed {trace.seed} run {trace.run}, {event.day} session {event.session}: {event.kind}"


def _voted(event: TraceEvent) -> set[str]:
    """Members who cast yes, no or abstain (not those present without a vote)."""
    return {a for a, ballot in (event.ballots or {}).items() if ballot in CAST}


def _rank_votes(compiled: CompiledScenario, body: str, rank: int) -> bool:
    return compiled.votes(compiled.body_ids.index(body), rank)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("scenario", SCENARIOS)
class TestTraceContract:
    """Every scenario with every decision model: the same invariants."""

    def test_events_come_in_time_order(self, scenario: str, model: str) -> None:
        compiled, traces = traced(scenario, model)
        for trace in traces:
            assert trace.events, f"seed {trace.seed} run {trace.run}: no events"
            when = [(e.day, e.session) for e in trace.events]
            assert when == sorted(when), f"seed {trace.seed} run {trace.run}"
            for event in trace.events:
                assert trace.start <= event.day <= trace.end, _where(trace, event)
                assert 0 <= event.session < compiled.sessions, _where(trace, event)

    def test_absent_members_never_vote(self, scenario: str, model: str) -> None:
        _, traces = traced(scenario, model)
        for trace in traces:
            meeting: dict[str, TraceEvent] = {}
            arrived: dict[str, set[str]] = collections.defaultdict(set)
            for event in trace.events:
                if event.kind in ("meeting", "opened") and event.body is not None:
                    meeting[event.body], arrived[event.body] = event, set()
                elif event.kind == "arrive" and event.actor is not None:
                    for body in arrived:
                        arrived[body].add(event.actor)
                elif event.kind == "vote" and event.body is not None:
                    last = meeting.get(event.body)
                    assert last is not None, f"{_where(trace, event)} before any meeting"
                    away = set(last.absent or []) - arrived[event.body]
                    assert not away & set(event.ballots or {}), _where(trace, event)
                    if (last.day, last.session) == (event.day, event.session):
                        assert set(event.ballots or {}) == set(last.present or []), _where(
                            trace, event
                        )

    def test_ballots_add_up_to_tallies(self, scenario: str, model: str) -> None:
        compiled, traces = traced(scenario, model)
        voting_blocs = collections.Counter(
            compiled.body_ids[int(b)]
            for b, votes in zip(compiled.group_body, compiled.group_votes, strict=True)
            if votes
        )
        for trace in traces:
            for event in trace.of_kind("vote"):
                assert event.body is not None and event.ballots is not None
                named = collections.Counter(event.ballots.values())
                blocs = {k: event.counts[k] - named[k] for k in CAST}
                assert min(blocs.values()) >= 0, (_where(trace, event), event.counts, named)
                if not voting_blocs[event.body]:
                    assert not any(blocs.values()), (_where(trace, event), event.counts)
                total = sum(event.counts[k] for k in CAST)
                assert total == event.detail["present_voters"], (
                    _where(trace, event),
                    event.counts,
                    event.detail["present_voters"],
                )

    def test_a_motion_passes_only_with_the_votes_it_needs(self, scenario: str, model: str) -> None:
        _, traces = traced(scenario, model)
        for trace in traces:
            for event in trace.of_kind("vote"):
                if event.detail["passed"]:
                    assert event.counts["yes"] >= event.detail["needed"], _where(trace, event)
                    assert event.counts["yes"] > event.counts["no"], _where(trace, event)

    def test_only_losers_are_sanctioned(self, scenario: str, model: str) -> None:
        compiled, traces = traced(scenario, model)
        for trace in traces:
            majority: int | None = None
            court: str | None = None
            sides: dict[str, set[int]] = collections.defaultdict(set)
            seen: set[tuple[str | None, str | None, str | None]] = set()
            for event in trace.events:
                if event.kind in SIDE_EVENTS and event.actor is not None:
                    sides[event.actor] |= {event.counts["side"], event.counts["previous"]}
                elif event.kind == "speak-for" and event.actor is not None:
                    sides[event.actor].add(event.counts["side"])
                elif event.kind == "vote":
                    for actor, side in event.detail.get("sides", {}).items():
                        sides[actor].add(side)
                elif event.kind == "resolution":
                    majority, court = event.counts["majority_side"], event.body
                elif event.kind == "sanction":
                    assert majority in (-1, 1), f"{_where(trace, event)} before a resolution"
                    key = (event.actor, event.body, event.motion)
                    assert key not in seen, _where(trace, event)
                    seen.add(key)
                    assert event.actor is not None and court is not None
                    losing = -majority
                    self._is_a_loser(compiled, trace, event, court, losing, sides[event.actor])

    @staticmethod
    def _is_a_loser(
        compiled: CompiledScenario,
        trace: Trace,
        event: TraceEvent,
        court: str,
        losing: int,
        sides: set[int],
    ) -> None:
        """``event``'s actor took side ``losing`` in the challenge resolved by ``court``: the
        trace shows it where it shows his side, and his part in the challenge or his recorded
        conduct shows it where it does not."""
        assert event.actor is not None
        actor = compiled.actor_index[event.actor]
        ch = next(c for c in compiled.challenges if c.higher == compiled.body_index[court])
        leads = actor in ch.leaders.tolist() if losing > 0 else actor == ch.target
        conduct = event.detail["conduct"]
        on_record = conduct["time_on_losing_side"] > 0 or conduct["holdout"] > 0
        where = (_where(trace, event), event.actor, sorted(sides), conduct)
        if sides and not leads:
            assert losing in sides, where
        else:
            assert leads or on_record, where


def _seat_losses() -> list[str]:
    """Every vote cast in a body by a member after a ``seat`` event took his vote there."""
    found = []
    for scenario, model, compiled, trace in every_trace():
        lost: dict[str, set[str]] = collections.defaultdict(set)
        for event in trace.events:
            if event.kind == "seat" and event.body is not None and event.actor is not None:
                rank = event.counts["rank"]
                if rank >= 0 and _rank_votes(compiled, event.body, rank):
                    lost[event.body].discard(event.actor)
                else:
                    lost[event.body].add(event.actor)
            elif event.kind == "vote" and event.body is not None:
                for actor in sorted(_voted(event) & lost[event.body]):
                    found.append(f"{scenario} ({model}) {_where(trace, event)}: {actor}")
    return found


def test_nobody_votes_in_a_body_after_losing_his_seat() -> None:
    found = _seat_losses()
    assert not found, f"{len(found)} votes after a lost seat, e.g.\n" + "\n".join(found[:5])
