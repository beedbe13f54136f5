"""Timing and the first blow: the challengers pick their day, take the chair, and move.

The challengers strike on the day of their window, among the days the arena sits, when their
expected share of the arena's voting members present is largest, counting each member by the
probability with which they expect his support (and each bloc's members by the share they
expect of it), reading whereabouts from the itineraries they know; on a tie they strike early.
They do not strike if no day gives them an expected majority, unless the challenge's ``call``
says otherwise (:func:`plan_call`): with ``escalate``, challengers who expect no majority in
the arena but expect one in the higher body (every voting member of the higher body counted
at the support they expect of him, every bloc at the share they expect of it: a convened
body summons all its members) take the fight there: on the day of the window, among the
arena's sittings, when they expect most of the higher body (the earliest of equals), the arena
meets and they move at once that the higher body be convened, without a demand below. A
challenge that opens with force (``opening: force``) has the target seized by the leaders'
order before the arena meets (:func:`~politburo.engine.procedures.force.seize`).

References
----------
.. [Rush1965] Rush (1965), "Political Succession in the USSR" (succession struggles fought by
   majorities in the Presidium, with the Central Committee as the court of appeal).
.. [Schattschneider1960] Schattschneider (1960), "The Semisovereign People" (the side losing a
   conflict widens its scope, taking it to a larger audience where the balance differs).
"""

from __future__ import annotations

import numpy as np

from politburo.arrays import Bools as B
from politburo.engine.codes import Phase
from politburo.engine.facts import body_fact, itinerary_fact
from politburo.engine.kernel import Simulation
from politburo.engine.perception.attendance import attendance
from politburo.engine.procedures import ballot
from politburo.engine.procedures.alignment import declare, speak_for, update_sides
from politburo.engine.procedures.arena import convene, demand, take_chair
from politburo.engine.procedures.force import counter, seize
from politburo.engine.procedures.meetings import log_meeting
from politburo.engine.state import Fight

__all__ = [
    "CASCADE_ROUNDS",
    "ESCALATES",
    "choose_strike_day",
    "escalation_day",
    "expected_higher_share",
    "expected_shares",
    "plan_call",
    "strike",
]

CASCADE_ROUNDS = 6
"""Rounds of reconsideration in the room before the first vote (the cascade settles)."""

ESCALATES = 2
"""``planned_by`` of a challenge whose challengers take the fight to the higher body."""


def expected_shares(sim: Simulation, fight: Fight) -> dict[int, float]:
    """Expected share of the present voting members backing the challengers, by window day
    (with the stances of actors outside the bodies as they are known on that day)."""
    c, ch = sim.compiled, fight.challenge
    heads = c.group_count * ((c.group_body == ch.arena) & c.group_votes)
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
            support, g_expected = sim.model.expected_under(ch, ch.outside.shift_on(day))
            g_support = g_expected * heads
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


def expected_higher_share(sim: Simulation, fight: Fight, day: int) -> float:
    """The challengers' expected share of the higher body's voting members on ``day``: all of
    them (a convened body summons every member), each named member at the probability with
    which they expect his support, each bloc's members at the share they expect of it."""
    c, ch = sim.compiled, fight.challenge
    support, g_expected = sim.model.expected_under(ch, ch.outside.shift_on(day))
    heads = c.group_count * ((c.group_body == ch.higher) & c.group_votes)
    ranks = c.member_rank[day, ch.higher]
    votes = np.array([c.votes(ch.higher, int(r)) for r in ranks])
    count = votes.sum() + heads.sum()
    if count == 0:
        return 0.0
    g_support = g_expected * heads
    return float((support[votes].sum() + g_support.sum()) / count)


def escalation_day(sim: Simulation, fight: Fight, days: list[int]) -> int:
    """Of the arena's sitting ``days``, the one on which the challengers expect most of the
    higher body (the earliest of equals), if they expect a majority there; else -1."""
    c, ch = sim.compiled, fight.challenge
    if ch.higher < 0 or not ch.arena_may_convene or not days:
        return -1
    shares = {d: expected_higher_share(sim, fight, d) for d in days}
    best = max(shares, key=lambda d: (shares[d], -d))
    return best if shares[best] > c.body_threshold[ch.higher] else -1


def plan_call(sim: Simulation, fight: Fight) -> tuple[int, int]:
    """The day the question is brought on and by whom (+1 the challengers, -1 the
    incumbent, :data:`ESCALATES` the challengers in the higher body), by the challenge's
    ``call``; (-1, +1) if nobody brings it on.

    ``majority``: the challengers, on their best day, only with an expected majority.
    ``declared``: the challengers on their best day, whatever they expect. ``incumbent``: the
    challengers with an expected majority; else the target, on the day they expect least
    (the earliest of equals), since he expects to win. ``escalate``: the challengers with an
    expected majority; else, if they expect a majority of the higher body, they take the fight
    there (:func:`escalation_day`).
    """
    ch = fight.challenge
    day = choose_strike_day(sim, fight)
    if day >= 0 or ch.call == "majority":
        return day, 1
    shares = expected_shares(sim, fight)
    if not shares:
        return -1, 1
    if ch.call == "escalate":
        up = escalation_day(sim, fight, sorted(shares))
        return (up, ESCALATES) if up >= 0 else (-1, 1)
    if ch.call == "declared":
        return max(shares, key=lambda d: (shares[d], -d)), 1
    return min(shares, key=lambda d: (shares[d], d)), -1


def strike(sim: Simulation, fight: Fight) -> None:
    """The arena meets on the strike day; the challengers take the chair and move (or, if
    they escalate, move that the higher body be convened)."""
    c, ch, day = sim.compiled, fight.challenge, sim.day
    runs = fight.phase == Phase.WAITING
    if not runs.any():
        return
    shares = expected_shares(sim, fight)
    if fight.planned_by == ESCALATES:
        _escalate(sim, fight, runs, shares)
        return
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
    if ch.opening == "force":
        _open_by_force(sim, fight, runs)
        return
    log_meeting(sim, att, runs, note="the challengers strike")
    dec = None
    for _ in range(CASCADE_ROUNDS):
        dec = update_sides(sim, fight, runs)
    assert dec is not None
    declare(sim, fight, att.present & runs[:, None], dec)
    speak_for(sim, fight, att.present & runs[:, None], att.voting, ch.arena)
    runs = runs & ~counter(sim, fight, att, runs)
    if ch.take_chair:
        take_chair(sim, fight, att, runs)
    if ch.ballot is not None:
        ballot.settle(sim, fight, att, runs)
        return
    demand(sim, fight, att, runs)


def _open_by_force(sim: Simulation, fight: Fight, runs: B) -> None:
    """``opening: force``: the leaders read the balance and have the target seized before the
    arena meets (:func:`~politburo.engine.procedures.force.seize`); the arena then meets. Where
    he is held, an arena that may remove him votes on it, and one that may not leaves his
    removal to the deadline's fait accompli and its ratification; where the order is not given
    or fails, the challengers move as with a demand."""
    ch = fight.challenge
    dec = None
    for _ in range(CASCADE_ROUNDS):
        dec = update_sides(sim, fight, runs)
    assert dec is not None
    seized = seize(sim, fight, runs)
    att = attendance(sim, ch.arena)
    log_meeting(sim, att, runs, note="the challengers strike")
    declare(sim, fight, att.present & runs[:, None], dec)
    speak_for(sim, fight, att.present & runs[:, None], att.voting, ch.arena)
    runs = runs & ~counter(sim, fight, att, runs & ~seized)
    if ch.take_chair:
        take_chair(sim, fight, att, runs)
    if ch.ballot is not None:
        ballot.settle(sim, fight, att, runs)
        return
    demand(sim, fight, att, runs & (~seized | ch.arena_may_remove))


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


def _escalate(sim: Simulation, fight: Fight, runs: B, shares: dict[int, float]) -> None:
    """The arena meets; the challengers, without a majority there, declare themselves and move
    at once that the higher body be convened (:func:`~politburo.engine.procedures.arena.
    convene`; the arena votes on it by its rule)."""
    c, ch, day = sim.compiled, fight.challenge, sim.day
    att = attendance(sim, ch.arena)
    higher = expected_higher_share(sim, fight, day)
    sim.log.add(
        "escalate",
        runs,
        day,
        sim.session,
        actor=int(ch.leaders[0]),
        body=ch.arena,
        subject=ch.target,
        detail=lambda run: {
            "expected_share": {c.day(d).isoformat(): round(s, 3) for d, s in shares.items()},
            "expected_share_higher": round(higher, 3),
            "higher": c.body_ids[ch.higher],
            "facts": [f"challenges/{ch.id}", *body_fact(c, ch.higher, "convened_by")],
        },
    )
    fight.phase = np.where(runs, Phase.ARENA, fight.phase).astype(np.int8)
    fight.strike_day = np.where(runs, day, fight.strike_day).astype(np.int16)
    log_meeting(sim, att, runs, note="the challengers take the question to the higher body")
    dec = None
    for _ in range(CASCADE_ROUNDS):
        dec = update_sides(sim, fight, runs)
    assert dec is not None
    declare(sim, fight, att.present & runs[:, None], dec)
    speak_for(sim, fight, att.present & runs[:, None], att.voting, ch.arena)
    convene(sim, fight, att, runs, mover=int(ch.leaders[0]))
