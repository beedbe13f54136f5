"""Timing and the first blow: the challengers pick their day, take the chair, and move.

The challengers strike on the day of their window, among the days the arena sits, when their
expected share of the arena's voting members present is largest, counting each member by the
probability with which they expect his support (and each bloc's members by the share they
expect of it), reading whereabouts from the itineraries they know; on a tie they strike early.
They do not strike if no day gives them an expected majority.

References
----------
.. [Rush1965] Rush (1965), "Political Succession in the USSR" (succession struggles fought by
   majorities in the Presidium, with the Central Committee as the court of appeal).
"""

from __future__ import annotations

import numpy as np

from politburo.engine.codes import Phase
from politburo.engine.facts import itinerary_fact
from politburo.engine.kernel import Simulation
from politburo.engine.perception.attendance import attendance
from politburo.engine.procedures import ballot
from politburo.engine.procedures.alignment import declare, speak_for, update_sides
from politburo.engine.procedures.arena import demand, take_chair
from politburo.engine.procedures.meetings import log_meeting
from politburo.engine.state import Fight

__all__ = [
    "CASCADE_ROUNDS",
    "choose_strike_day",
    "expected_shares",
    "plan_call",
    "strike",
]

CASCADE_ROUNDS = 6
"""Rounds of reconsideration in the room before the first vote (the cascade settles)."""


def expected_shares(sim: Simulation, fight: Fight) -> dict[int, float]:
    """Expected share of the present voting members backing the challengers, by window day."""
    c, ch = sim.compiled, fight.challenge
    support = sim.model.expected(ch)
    heads = c.group_count * ((c.group_body == ch.arena) & c.group_votes)
    g_support = sim.model.expected_group_support(ch) * heads
    seat = c.body_seat[ch.arena]
    shares: dict[int, float] = {}
    lo, hi = max(ch.window[0], 0), min(ch.window[1], c.n_days - 1)
    for day in range(lo, hi + 1):
        if not c.sittings.sits(ch.arena, day):
            continue  # a body that keeps a schedule can be struck at only when it sits
        ranks = c.member_rank[day, ch.arena]
        votes = np.array([c.votes(ch.arena, int(r)) for r in ranks])
        here = votes & (c.actor_sched[:, day] == seat)
        blocs = c.group_sched[:, day] == seat
        count = here.sum() + heads[blocs].sum()
        if count > 0:
            shares[day] = float((support[here].sum() + g_support[blocs].sum()) / count)
    return shares


def choose_strike_day(sim: Simulation, fight: Fight) -> int:
    """The day the challengers strike, or -1 if no day promises a majority."""
    c, ch = sim.compiled, fight.challenge
    shares = expected_shares(sim, fight)
    if not shares:
        return -1
    best = max(shares, key=lambda d: (shares[d], -d))
    return best if shares[best] > c.body_threshold[ch.arena] else -1


def plan_call(sim: Simulation, fight: Fight) -> tuple[int, int]:
    """The day the question is brought on and by whom (+1 the challengers, -1 the
    incumbent), by the challenge's ``call``; (-1, +1) if nobody brings it on.

    ``majority``: the challengers, on their best day, only with an expected majority.
    ``declared``: the challengers on their best day, whatever they expect. ``incumbent``: the
    challengers with an expected majority; else the target, on the day they expect least
    (the earliest of equals), since he expects to win.
    """
    ch = fight.challenge
    day = choose_strike_day(sim, fight)
    if day >= 0 or ch.call == "majority":
        return day, 1
    shares = expected_shares(sim, fight)
    if not shares:
        return -1, 1
    if ch.call == "declared":
        return max(shares, key=lambda d: (shares[d], -d)), 1
    return min(shares, key=lambda d: (shares[d], d)), -1


def strike(sim: Simulation, fight: Fight) -> None:
    """The arena meets on the strike day; the challengers take the chair and move."""
    c, ch, day = sim.compiled, fight.challenge, sim.day
    runs = fight.phase == Phase.WAITING
    if not runs.any():
        return
    shares = expected_shares(sim, fight)
    att = attendance(sim, ch.arena)
    absent = np.flatnonzero((att.seated & ~att.present)[0]).tolist()
    if fight.planned_by < 0:
        sim.log.add(
            "call-vote",
            runs,
            day,
            sim.session,
            actor=ch.target,
            body=ch.arena,
            subject=ch.target,
            detail=lambda run: {"facts": [f"challenges/{ch.id}"]},
        )
    sim.log.add(
        "strike",
        runs,
        day,
        sim.session,
        actor=int(ch.leaders[0]),
        body=ch.arena,
        subject=ch.target,
        detail=lambda run: {
            "expected_share": {c.day(d).isoformat(): round(s, 3) for d, s in shares.items()},
            "facts": [f"challenges/{ch.id}"]
            + [f for a in absent for f in itinerary_fact(c, a, day)],
        },
    )
    fight.phase = np.where(runs, Phase.ARENA, fight.phase).astype(np.int8)
    fight.strike_day = np.where(runs, day, fight.strike_day).astype(np.int16)
    log_meeting(sim, att, runs, note="the challengers strike")
    dec = None
    for _ in range(CASCADE_ROUNDS):
        dec = update_sides(sim, fight, runs)
    assert dec is not None
    declare(sim, fight, att.present & runs[:, None], dec)
    speak_for(sim, fight, att.present & runs[:, None], att.voting, ch.arena)
    if ch.take_chair:
        take_chair(sim, fight, att, runs)
    if ch.ballot is not None:
        ballot.settle(sim, fight, att, runs)
        return
    demand(sim, fight, att, runs)


def no_strike(sim: Simulation, fight: Fight) -> None:
    """Log that the challengers found no day with an expected majority."""
    ch = fight.challenge
    sim.log.add(
        "no-strike",
        sim.all_runs(),
        sim.day,
        0,
        actor=int(ch.leaders[0]),
        body=ch.arena,
        subject=ch.target,
        detail=lambda run: {"facts": [f"challenges/{ch.id}"]},
    )
    fight.phase = np.full_like(fight.phase, Phase.DONE)
