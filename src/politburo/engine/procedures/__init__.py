"""Procedures: how the state of a challenge turns into institutional events, session by session.

:data:`INSTITUTIONAL_SCRIPT` is the script the kernel is given: at the start, the challengers
of each challenge plan their strike; each day, whereabouts move on, the stances of actors
outside the bodies made known that day are told, and a body that counsels an office's holder
counsels him between the rounds of a ballot for it; each session, every
challenge takes :func:`challenge_session`: the strike on its day; then, while the fight is in
the arena, mobilization, reconsideration, the arena's sitting (answers, renewed demands,
petitions, delegations, convening, the deadline); then the opening and the sessions of the
higher body.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from politburo.engine.codes import Delegation, Phase
from politburo.engine.kernel import Script, Simulation
from politburo.engine.perception.attendance import attendance
from politburo.engine.procedures import counsel, outsiders, travel
from politburo.engine.procedures.alignment import declare, speak_for, update_sides
from politburo.engine.procedures.arena import (
    challengers_confident,
    convene,
    deadline,
    demand,
    present_majority,
    respond,
)
from politburo.engine.procedures.ballot import next_round
from politburo.engine.procedures.meetings import log_meeting
from politburo.engine.procedures.mobilization import (
    dispatch,
    mobilize,
    petition,
    receive_delegation,
    summon_all,
)
from politburo.engine.procedures.plenum import open_plenum, plenum_session
from politburo.engine.procedures.sittings import in_session, resume, summons_due
from politburo.engine.procedures.strike import no_strike, plan_call, strike
from politburo.engine.state import Fight

__all__ = ["INSTITUTIONAL_SCRIPT", "challenge_session", "challenge_sessions", "plan_strikes"]


def plan_strikes(sim: Simulation) -> None:
    """Before the first day: the day each challenge's challengers plan to strike."""
    for fight in sim.fights:
        fight.planned_day, fight.planned_by = plan_call(sim, fight)


def move_people(sim: Simulation) -> None:
    """At the start of each day: everyone where his itinerary or a summons puts him."""
    travel.advance(sim, sim.day)


def challenge_sessions(sim: Simulation) -> None:
    """In each session: every challenge takes its step, in the scenario's order."""
    for fight in sim.fights:
        challenge_session(sim, fight)


INSTITUTIONAL_SCRIPT = Script(
    start=(plan_strikes,),
    daily=(move_people, outsiders.announce, counsel.advise),
    session=(challenge_sessions,),
)
"""The engine's institutional script, given to the kernel by :func:`politburo.engine.simulate`."""


def challenge_session(sim: Simulation, fight: Fight) -> None:
    """Advance one challenge by one session in every run."""
    ch = fight.challenge
    strike_day = fight.planned_day
    first = sim.day == 0 and sim.session == 0
    if strike_day < 0:
        if first:
            no_strike(sim, fight)
        return
    if sim.day == strike_day and sim.session == 0:
        strike(sim, fight)
        _count(fight)
        return
    if sim.session == 0 and fight.ballot is not None:
        next_round(sim, fight)
    appealed = (fight.appeal_day >= 0) & ~sim.world.detained[:, ch.target]
    active = (fight.phase == Phase.ARENA) | (fight.phase == Phase.CONVENED)
    mobilize(sim, fight, active & appealed & (fight.removed_day < 0), -1)
    if sim.session == 0:
        dispatch(sim, fight)
    arena = fight.phase == Phase.ARENA
    if arena.any():
        _arena_session(sim, fight, arena)
    called = (fight.phase == Phase.CONVENED) & ~fight.called & summons_due(sim, fight)
    if called.any():
        summon_all(sim, fight, called)
        fight.called |= called
    if sim.session == 0:
        open_plenum(sim, fight, fight.phase == Phase.CONVENED)
    plenum = fight.phase == Phase.PLENUM
    if plenum.any() and (fight.open_day < sim.day).any() | (sim.session > 0):
        plenum_session(sim, fight, plenum & ((fight.open_day < sim.day) | (sim.session > 0)))
    _count(fight)


def _count(fight: Fight) -> None:
    live = ((fight.phase >= Phase.ARENA) & (fight.phase <= Phase.PLENUM))[:, None]
    if not live.any():
        return
    fight.on_side_sessions += live & (fight.side > 0)
    fight.against_sessions += live & (fight.side < 0)


def _arena_session(sim: Simulation, fight: Fight, runs: npt.NDArray[np.bool_]) -> None:
    ch = fight.challenge
    meets = sim.session == 0 or bool(sim.compiled.body_permanent[ch.arena])
    dec = update_sides(sim, fight, runs)
    appealed = runs & (fight.appeal_day >= 0)
    petition(sim, fight, appealed)
    if not meets:
        return
    runs = runs & in_session(sim, fight)
    if not runs.any():
        return
    resume(sim, fight, runs)
    att = attendance(sim, ch.arena)
    log_meeting(sim, att, runs)
    declare(sim, fight, att.present & runs[:, None], dec)
    speak_for(sim, fight, att.present & runs[:, None], att.voting, ch.arena)
    respond(sim, fight, runs & fight.demanded & att.present[:, ch.target])
    grew = att.present_voters > fight.voters_at_last_vote
    again = runs & fight.refused & ~fight.demanded & (fight.removed_day < 0) & grew
    again &= ~sim.world.detained[:, ch.target]
    if again.any():
        demand(sim, fight, att, again)
    runs = runs & (fight.phase == Phase.ARENA)
    receive_delegation(sim, fight, runs & appealed)
    move = runs & appealed & (fight.last_motion_day < sim.day) & (fight.removed_day < 0)
    move &= (fight.delegation == Delegation.RECEIVED) | present_majority(sim, fight, att, -1)
    if move.any():
        convene(sim, fight, att, move, mover=ch.target)
    ours = runs & fight.refused & (fight.last_motion_day < sim.day) & (fight.convened_day < 0)
    ours &= (fight.phase == Phase.ARENA) & present_majority(sim, fight, att, 1)
    ours &= sim.world.detained[:, ch.target] | challengers_confident(sim, fight)
    if ours.any() and ch.arena_may_convene:
        convene(sim, fight, att, ours, mover=int(ch.leaders[0]))
    deadline(sim, fight, att, runs & (fight.phase == Phase.ARENA))
