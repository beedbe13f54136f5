"""Mobilization: allies alert members, aircraft bring them in, they petition and go in person.

After the target appeals, the actors on his side who command communication alert the absent
members of the arena who lean to him and every member of the higher body; the transport that
his side commands flies them in as far as its seats go, the rest come by ordinary means.
Members of the higher body at its seat who back the target sign a petition; once the
signatures reach the share that forces the arena to decide, a delegation goes to the arena's
door. The challengers may have it turned away by force; otherwise the arena votes on
receiving it.

References
----------
.. [Tilly1978] Tilly (1978), "From Mobilization to Revolution" (resources, organization and
   opportunity in collective action).
"""

from __future__ import annotations

import numpy as np

from politburo.arrays import Bools as B
from politburo.arrays import Ints
from politburo.engine.codes import Delegation
from politburo.engine.facts import body_fact, resource_facts
from politburo.engine.kernel import Simulation
from politburo.engine.numerics.reduce import row_any, row_count
from politburo.engine.perception.attendance import attendance, group_present, side_shares
from politburo.engine.procedures.alignment import situation
from politburo.engine.procedures.force import use_force
from politburo.engine.procedures.meetings import vote
from politburo.engine.procedures.resources import resources_of_kind
from politburo.engine.procedures.travel import (
    dispatch_groups,
    summon,
    summon_groups,
    transport_capacity,
)
from politburo.engine.state import Fight

__all__ = ["alerters", "dispatch", "mobilize", "petition", "receive_delegation", "summon_all"]


def alerters(sim: Simulation, fight: Fight, side: int) -> tuple[Ints, list[int]]:
    """(R,) the actor of ``side`` who alerts members, or -1: of those free who command
    communication, the one most closely tied to the side's principal (not the principal
    himself, who is busy in the arena, unless nobody else can)."""

    c, w, ch = sim.compiled, sim.world, fight.challenge
    free = _with(fight, side) & ~w.detained
    able = np.zeros((sim.runs, c.n_actors), dtype=bool)
    used: list[int] = []
    for r, mask in resources_of_kind(sim, "communication"):
        able |= mask & free
        used.append(r)
    principal = [ch.target] if side < 0 else ch.leaders.tolist()
    closeness = np.where(c.tie_kind[:, principal] == 3, 0.0, c.tie_strength[:, principal])
    score = closeness.max(axis=1) + 1.0
    score[principal] = 0.5
    ranked = np.where(able, score[None, :], -1.0)
    who = np.where(able.any(axis=1), np.argmax(ranked, axis=1), -1)
    return who.astype(np.int64), used


def _with(fight: Fight, side: int) -> B:
    ch = fight.challenge
    mask = fight.side == side
    if side < 0:
        mask[:, ch.target] = True
    else:
        mask[:, ch.leaders] = True
    return np.asarray(mask, dtype=bool)


def mobilize(sim: Simulation, fight: Fight, runs: B, side: int = -1) -> None:
    """Alert and bring in members for ``side`` in the runs of ``runs``.

    The alerter calls back every absent member of the arena, the absent named members of the
    higher body who lean to ``side``, and every bloc of the higher body; the side's transport
    flies them in as far as its seats go.
    """
    c, ch, w = sim.compiled, fight.challenge, sim.world
    if not runs.any():
        return
    who, comms = alerters(sim, fight, side)
    runs = runs & (who >= 0)
    capacity, _ = transport_capacity(sim, _with(fight, side) & ~w.detained)
    if runs.any():
        seat = int(c.body_seat[ch.arena])
        away = w.loc != seat
        call = runs[:, None] & (w.ranks(c, ch.arena, sim.day) >= 0) & away
        blocs = np.zeros((sim.runs, c.n_groups), dtype=bool)
        if ch.higher >= 0:
            leaning = (fight.utility * side > 0) | _with(fight, side)
            call |= runs[:, None] & (w.ranks(c, ch.higher, sim.day) >= 0) & leaning & away
            blocs = runs[:, None] & (c.group_body == ch.higher)[None, :]
        call[:, ch.target] = False
        first = runs & ~fight.alerted
        fight.alerted |= runs
        body = ch.higher if ch.higher >= 0 else ch.arena
        waiting = c.group_count[None, :] - group_present(sim, sim.day)
        sim.log.add(
            "alert",
            first,
            sim.day,
            sim.session,
            actor=who[first],
            body=body,
            members=row_count(call[first]),
            bloc_members=(np.where(blocs, waiting, 0)[first]).sum(axis=1),
            detail=lambda run: {
                "facts": resource_facts(c, comms) + body_fact(c, body, "convened_by")
            },
        )
        air = (capacity > 0)[:, None] & np.ones_like(call)
        summon(sim, call, seat, air, alerter=who)
        summon_groups(sim, blocs)


def dispatch(sim: Simulation, fight: Fight) -> None:
    """Set summoned bloc members off, in the aircraft of the side that summoned them."""
    w = sim.world
    today = row_any(w.g_pending > 0)
    if not today.any():
        return
    appealed = fight.appeal_day >= 0
    seats = np.zeros(sim.runs, dtype=np.int64)
    planes: list[int] = []
    for side in (-1, 1):
        cap, used = transport_capacity(sim, _with(fight, side) & ~w.detained)
        pick = today & (appealed == (side < 0))
        seats = np.where(pick, cap, seats)
        planes += used
    dispatch_groups(sim, seats, sorted(set(planes)))


def petition(sim: Simulation, fight: Fight, runs: B) -> None:
    """Members of the higher body at its seat sign; enough signatures send a delegation."""
    c, ch = sim.compiled, fight.challenge
    if ch.higher < 0 or ch.petition_share <= 0:
        return
    runs = runs & (fight.petition_day < 0)
    if not runs.any():
        return
    att = attendance(sim, ch.higher)
    backing = side_shares(sim, fight.group_side)[-1]
    group_signers = np.rint(att.groups * backing)
    named = att.present & _with(fight, -1)
    named[:, ch.target] = False
    signatures = group_signers.sum(axis=1) + row_count(named)
    members = row_count(att.seated) + int(c.group_count[c.group_body == ch.higher].sum())
    enough = runs & (signatures >= np.ceil(ch.petition_share * members))
    if not enough.any():
        return
    fight.petition_day = np.where(enough, sim.day, fight.petition_day).astype(np.int16)
    fight.group_signed = fight.group_signed | (enough[:, None] & (group_signers > 0))
    fight.delegation = np.where(enough, Delegation.AT_THE_DOOR, fight.delegation).astype(np.int8)
    sim.log.add(
        "petition",
        enough,
        sim.day,
        sim.session,
        body=ch.higher,
        subject=ch.arena,
        signatures=signatures[enough].astype(np.int64),
        members=members[enough],
        detail=lambda run: {"facts": body_fact(c, ch.higher, "convened_by")},
    )
    sim.log.add(
        "delegation",
        enough,
        sim.day,
        sim.session,
        body=ch.arena,
        subject=ch.higher,
        signatures=signatures[enough].astype(np.int64),
        detail=lambda run: {"facts": body_fact(c, ch.higher, "convened_by")},
    )


def receive_delegation(sim: Simulation, fight: Fight, runs: B) -> None:
    """A delegation at the door: turned away by force, or put to the arena to receive."""
    c, ch = sim.compiled, fight.challenge
    door = runs & (fight.delegation == Delegation.AT_THE_DOOR)
    if not door.any():
        return
    first = door & ~fight.guards
    fight.guards |= door
    blocked = use_force(sim, fight, first, "block")
    fight.delegation = np.where(blocked, Delegation.BLOCKED, fight.delegation).astype(np.int8)
    sim.log.add(
        "blocked",
        blocked,
        sim.day,
        sim.session,
        body=ch.arena,
        subject=ch.higher,
        detail=lambda run: {"facts": []},
    )
    door &= ~blocked
    if not door.any():
        return
    att = attendance(sim, ch.arena)

    asks = "prefers_higher_body" in sim.model.EXPECTATION_IN
    prefers = sim.model.prefers_higher_body(situation(sim, fight, expectation=asks), fight.utility)
    ballots = np.where(prefers, 1, -1).astype(np.int8)
    tally = vote(
        sim,
        fight,
        att,
        door,
        "receive",
        ballots,
        subject=-1,
        mover=ch.target,
        group_side=-1,
        facts=body_fact(c, ch.higher, "convened_by"),
    )
    got = tally.passed
    fight.delegation = np.where(got, Delegation.RECEIVED, fight.delegation).astype(np.int8)
    sim.log.add(
        "received",
        got,
        sim.day,
        sim.session,
        body=ch.arena,
        subject=ch.higher,
        detail=lambda run: {"facts": body_fact(c, ch.arena, "powers")},
    )


def summon_all(sim: Simulation, fight: Fight, runs: B) -> None:
    """A convened body calls every member to its seat (official convocation)."""
    c, ch, w = sim.compiled, fight.challenge, sim.world
    if ch.higher < 0 or not runs.any():
        return
    seat = int(c.body_seat[ch.higher])
    ranks = w.ranks(c, ch.higher, sim.day)
    call = runs[:, None] & (ranks >= 0) & (w.loc != seat)
    summon(sim, call, seat, np.zeros_like(call), alerter=-1)
    summon_groups(sim, runs[:, None] & (c.group_body == ch.higher)[None, :])
