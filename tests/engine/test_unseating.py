"""Sanctions unseat in order: the vote first, then the seat, then the offices of the body;
those unseated no longer vote, and no one keeps an office of a body he has left."""

from __future__ import annotations

import pytest

from politburo.engine import Trace, replay
from politburo.scenario import load_scenario
from politburo.scenario.bundled import bundled_names

TRACES = [(name, seed) for name in bundled_names() for seed in range(4)]


def _trace(name: str, seed: int) -> Trace:
    return replay(load_scenario(name).model, seed=seed)


@pytest.mark.parametrize(("name", "seed"), TRACES)
def test_a_seat_is_lost_after_the_vote_that_takes_it(name: str, seed: int) -> None:
    events = _trace(name, seed).events
    voted: set[tuple[str | None, object]] = set()
    for event in events:
        if event.kind == "vote" and event.motion in ("expel", "demote"):
            voted.add((event.subject, event.day))
        if event.kind == "sanction" and event.motion in ("expel", "demote"):
            assert (event.actor, event.day) in voted, event


@pytest.mark.parametrize(("name", "seed"), TRACES)
def test_the_unseated_vote_no_more(name: str, seed: int) -> None:
    seated: dict[tuple[str, str], bool] = {}
    for event in _trace(name, seed).events:
        if event.kind == "seat" and event.actor and event.body:
            seated[(event.actor, event.body)] = event.counts["rank"] >= 0
        if event.kind == "vote" and event.ballots and event.body:
            for actor in event.ballots:
                assert seated.get((actor, event.body), True), (actor, event)


@pytest.mark.parametrize(("name", "seed"), TRACES)
def test_no_one_keeps_an_office_of_a_body_he_has_left(name: str, seed: int) -> None:
    model = load_scenario(name).model
    trace = _trace(name, seed)
    body_of = {o.id: o.body for o in model.offices}
    seats = trace.final["memberships"]
    for office, holders in trace.final["holders"].items():
        body = body_of[office]
        if body is None:
            continue
        for actor in holders:
            if actor in _unseated(trace):
                assert actor in seats[body], (actor, office)


def _unseated(trace: Trace) -> set[str]:
    return {e.actor for e in trace.events if e.kind == "seat" and e.actor}


def test_june_1957_the_expelled_lose_their_government_offices() -> None:
    final = _trace("june-1957", 0).final
    expelled = {a for a, level in final["sanctions"].items() if level == "expel"}
    assert expelled, "the replay expels no one: the test would assert nothing"
    government = {o for o in ("first-deputy-premier", "deputy-premier") if o in final["holders"]}
    for office in government:
        assert not expelled & set(final["holders"][office]), office
