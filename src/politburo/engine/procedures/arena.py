"""The fight in the arena: the chair, the demand, the answer, force, and the deadline.

If the arena has the power to remove from the office, the removal motion is binding; if not,
it is a demand to resign that takes effect only if the target complies. A target who refuses
appeals to the higher body, if there is one. The challengers may use force to detain him
(:mod:`~politburo.engine.procedures.force`), or to hold him where he is if he is away.
If nothing has been convened by their deadline and they still hold the arena, they present a
fait accompli; if neither side holds it, an arena whose rules say so (``deadlock: refer``)
refers the question to the higher body, which is convened without a vote.

References
----------
.. [Svolik2012] Svolik (2012), "The Politics of Authoritarian Rule" (power-sharing, the
   ruling coalition's threat of removal, and the role of the repressive apparatus).
"""

from __future__ import annotations

import numpy as np

from politburo.arrays import Bools as B
from politburo.engine.codes import Outcome, Phase
from politburo.engine.facts import body_fact, office_fact
from politburo.engine.kernel import Simulation
from politburo.engine.numerics.reduce import row_count
from politburo.engine.perception.attendance import (
    Attendance,
    attendance,
    group_votes,
)
from politburo.engine.perception.balance import Balance
from politburo.engine.procedures.alignment import balance, situation
from politburo.engine.procedures.demotion import give_in, land
from politburo.engine.procedures.force import hold, use_force
from politburo.engine.procedures.meetings import vote
from politburo.engine.procedures.resources import give_office, log_office
from politburo.engine.procedures.sittings import adjourn
from politburo.engine.procedures.slate import remove_slate
from politburo.engine.procedures.travel import summon, transport_capacity
from politburo.engine.state import Fight

__all__ = [
    "challengers_confident",
    "convene",
    "deadline",
    "demand",
    "present_majority",
    "refer",
    "remove_target",
    "respond",
    "take_chair",
]


def take_chair(sim: Simulation, fight: Fight, att: Attendance, runs: B) -> None:
    """Move that the chair pass from an opponent of the challengers to one of them: to
    ``chair_to`` if he is present and with them, else to the first leader present."""
    c, ch, w = sim.compiled, fight.challenge, sim.world
    chair = w.chair[:, ch.arena].astype(np.int64)
    has_chair = chair >= 0
    chair_side = np.take_along_axis(fight.side, np.maximum(chair, 0)[:, None], 1)[:, 0]
    moving = runs & has_chair & (chair_side <= 0) & ch.arena_may_take_chair
    if not moving.any():
        return
    tally = vote(
        sim,
        fight,
        att,
        moving,
        "chair",
        fight.side,
        subject=chair,
        mover=int(ch.leaders[0]),
        facts=body_fact(c, ch.arena, "chair"),
    )
    if ch.chair_to >= 0:
        pick = np.full(sim.runs, ch.chair_to)
        ours = att.present[:, ch.chair_to] & (fight.side[:, ch.chair_to] > 0)
        pick = np.where(ours, pick, -1)
    else:
        pick = np.full(sim.runs, -1)
    for leader in ch.leaders.tolist():
        pick = np.where((pick < 0) & att.present[:, leader], leader, pick)
    pick = np.where(pick < 0, int(ch.leaders[0]), pick)
    won = tally.passed
    old = chair.copy()
    w.chair[:, ch.arena] = np.where(won, pick, chair)
    sim.log.add(
        "take-chair",
        won,
        sim.day,
        sim.session,
        actor=pick[won],
        body=ch.arena,
        subject=old[won],
        detail=lambda run: {"facts": [f"challenges/{ch.id}", *body_fact(c, ch.arena, "chair")]},
    )


def demand(sim: Simulation, fight: Fight, att: Attendance, runs: B) -> None:
    """Move the removal of the target: binding if the arena may remove, else a demand."""
    c, ch = sim.compiled, fight.challenge
    live = runs & (fight.removed_day < 0)
    if not live.any():
        return
    tally = vote(
        sim,
        fight,
        att,
        live,
        "remove",
        fight.side,
        subject=ch.target,
        mover=int(ch.leaders[0]),
        facts=[*body_fact(c, ch.arena, "powers"), *office_fact(c, ch.target, ch.office)],
    )
    fight.voters_at_last_vote = np.where(
        live, att.present_voters, fight.voters_at_last_vote
    ).astype(np.int16)
    won = tally.passed
    if ch.arena_may_remove:
        remove_target(sim, fight, won, "vote")
        return
    sim.log.add(
        "demand-resignation",
        won,
        sim.day,
        sim.session,
        actor=int(ch.leaders[0]),
        body=ch.arena,
        subject=ch.target,
        detail=lambda run: {
            "binding": False,
            "facts": [
                *body_fact(c, ch.arena, "powers"),
                *(body_fact(c, ch.higher, "powers") if ch.higher >= 0 else []),
            ],
        },
    )
    fight.demanded |= won
    here = att.present[:, ch.target]
    respond(sim, fight, won & here)
    away = won & ~here
    away &= ~hold(sim, fight, away)
    if away.any():
        who = np.zeros_like(att.present)
        who[:, ch.target] = away
        theirs = (fight.side > 0) & ~sim.world.detained
        theirs[:, ch.leaders] = True
        capacity, _ = transport_capacity(sim, theirs)
        air = np.zeros_like(who)
        air[:, ch.target] = capacity > 0
        summon(sim, who, int(c.body_seat[ch.arena]), air, alerter=int(ch.leaders[0]))


def target_answer(sim: Simulation, fight: Fight) -> tuple[Balance, B]:
    """The balance as it stands and, in every run, whether the target would refuse to give
    in now: the decision model's ``refuses`` with the next draw of his tape of answers."""
    bal = balance(sim, fight)
    sit = situation(sim, fight, bal, expectation=False)
    if "refuses" in sim.model.EXPECTATION_IN:
        sit.expected = bal.expected
    block = sim.tape.block(f"respond.{fight.challenge.index}")
    k = np.minimum(fight.responses.astype(np.int64), block.shape[1] - 1)
    draw = np.take_along_axis(np.log(block) - np.log1p(-block), k[:, None], 1)[:, 0]
    return bal, sim.model.refuses(sit, fight.utility, draw)


def respond(sim: Simulation, fight: Fight, runs: B) -> None:
    """The target answers the demand: complies (and loses the office) or refuses."""
    c, ch = sim.compiled, fight.challenge
    runs = runs & fight.demanded & (fight.removed_day < 0)
    if not runs.any():
        return
    bal, refuses = target_answer(sim, fight)
    fight.responses += runs.astype(np.int16)
    fight.demanded &= ~runs
    comply = runs & ~refuses
    refuse = runs & refuses

    def detail(run: int) -> dict[str, object]:
        return {
            "odds_in_higher_body": round(1.0 - float(bal.expected[run, ch.target]), 3),
            "facts": [f"actors/{c.actor_ids[ch.target]}/traits"]
            + (body_fact(c, ch.higher, "powers") if ch.higher >= 0 else []),
        }

    sim.log.add(
        "comply", comply, sim.day, sim.session, actor=ch.target, body=ch.arena, detail=detail
    )
    fight.complied |= comply
    give_in(sim, fight, comply)
    remove_target(sim, fight, comply, "resigned")
    sim.log.add(
        "refuse-resignation",
        refuse,
        sim.day,
        sim.session,
        actor=ch.target,
        body=ch.arena,
        detail=detail,
    )
    fight.refused |= refuse
    appeal = refuse & (fight.appeal_day < 0) & (ch.higher >= 0)
    fight.appeal_day = np.where(appeal, sim.day, fight.appeal_day).astype(np.int16)
    sim.log.add(
        "appeal",
        appeal,
        sim.day,
        sim.session,
        actor=ch.target,
        body=ch.higher,
        subject=ch.target,
        detail=lambda run: {
            "facts": body_fact(c, ch.higher, "powers") + body_fact(c, ch.arena, "powers")
        },
    )
    used = use_force(sim, fight, refuse, "detain")
    if used.any():
        detained = sim.world.detained.copy()
        detained[:, ch.target] |= used
        sim.world.detained = detained
        sim.log.add(
            "detained",
            used,
            sim.day,
            sim.session,
            actor=ch.target,
            body=ch.arena,
            detail=lambda run: {"facts": []},
        )


def remove_target(sim: Simulation, fight: Fight, runs: B, how: str) -> None:
    """The target loses the office; the successor, if the challengers named one, takes it."""
    c, ch, w = sim.compiled, fight.challenge, sim.world
    runs = runs & (fight.removed_day < 0)
    if not runs.any():
        return
    runs = runs & (w.holder[:, ch.office] == ch.target)
    w.holds[ch.office, :, ch.target] &= ~runs
    w.holder[:, ch.office] = np.where(runs, -1, w.holder[:, ch.office])
    if ch.successor >= 0:
        give_office(sim, runs, ch.successor, ch.office)
    fight.removed_day = np.where(runs, sim.day, fight.removed_day).astype(np.int16)
    facts = office_fact(c, ch.target, ch.office)
    log_office(sim, "removed", runs, ch.target, ch.arena, ch.office, facts, how=how)
    if ch.successor >= 0:
        facts = [f"challenges/{ch.id}"]
        log_office(sim, "appointed", runs, ch.successor, ch.arena, ch.office, facts)
    fight.outcome = np.where(runs, Outcome.CHALLENGERS, fight.outcome).astype(np.int8)
    remove_slate(sim, fight, runs & (fight.phase == Phase.ARENA), ch.arena)
    ratify = runs & _challengers_confident(sim, fight)
    if ch.arena_may_convene and ratify.any():
        att = attendance(sim, ch.arena)
        convene(sim, fight, att, ratify, mover=int(ch.leaders[0]), ordinary=True)
    done = runs & (fight.phase == Phase.ARENA)
    fight.phase = np.where(done, Phase.DONE, fight.phase).astype(np.int8)
    land(sim, fight, done & fight.complied)


def _challengers_confident(sim: Simulation, fight: Fight) -> B:
    ch = fight.challenge
    if ch.higher < 0:
        return np.zeros(sim.runs, dtype=bool)
    bal = balance(sim, fight)
    leaders = bal.expected[:, ch.leaders].mean(axis=1)
    return np.asarray(leaders > sim.compiled.body_threshold[ch.higher])


def present_majority(sim: Simulation, fight: Fight, att: Attendance, side: int) -> B:
    """(R,) whether ``side`` holds a majority of the arena's voting members present."""

    c = sim.compiled
    count = row_count(att.voting & (fight.side == side)) + group_votes(sim, fight, att, side)[0]
    needed = (att.present_voters * c.body_threshold[att.body]).astype(np.int64) + 1
    return np.asarray(count >= needed)


def challengers_confident(sim: Simulation, fight: Fight) -> B:
    """(R,) whether the leaders expect to carry the higher body."""
    return _challengers_confident(sim, fight)


def convene(
    sim: Simulation, fight: Fight, att: Attendance, runs: B, *, mover: int, ordinary: bool = False
) -> B:
    """Move that the higher body be convened; on success it is called for after notice (or
    for its next ordinary sitting if sooner); with ``ordinary`` (a ratification), for its next
    ordinary sitting only (:meth:`~politburo.engine.schedule.Sittings.opening_day`)."""
    c, ch = sim.compiled, fight.challenge
    runs = runs & (fight.convened_day < 0)
    if not runs.any() or ch.higher < 0:
        return np.zeros(sim.runs, dtype=bool)
    sit = situation(sim, fight, expectation="prefers_higher_body" in sim.model.EXPECTATION_IN)
    prefers = sim.model.prefers_higher_body(sit, fight.utility)
    ballots = np.where(prefers, 1, -1).astype(np.int8)
    tally = vote(
        sim,
        fight,
        att,
        runs,
        "convene",
        ballots,
        subject=-1,
        mover=mover,
        group_side=-1 if mover == ch.target else 1,
        facts=body_fact(c, ch.higher, "convened_by"),
    )
    fight.last_motion_day = np.where(runs, sim.day, fight.last_motion_day).astype(np.int16)
    won = tally.passed
    if won.any():
        _call_higher(sim, fight, won, mover=mover, ordinary=ordinary)
    return np.asarray(won)


def _call_higher(sim: Simulation, fight: Fight, won: B, *, mover: int, ordinary: bool) -> None:
    """In the runs of ``won``, the higher body is called: for after its notice (or its next
    ordinary sitting if sooner), or with ``ordinary`` for its next ordinary sitting only."""
    c, ch = sim.compiled, fight.challenge
    notice = int(c.body_notice[ch.higher])
    open_day = c.sittings.opening_day(ch.higher, sim.day, notice=notice, ordinary=ordinary)
    fight.convened_day = np.where(won, sim.day, fight.convened_day).astype(np.int16)
    fight.open_day = np.where(won, open_day, fight.open_day).astype(np.int16)
    fight.phase = np.where(won, Phase.CONVENED, fight.phase).astype(np.int8)
    sitting = c.sittings.facts(ch.higher, c.body_ids[ch.higher], open_day)
    sim.log.add(
        "awaits-sitting",
        won & (open_day < 0),
        sim.day,
        sim.session,
        body=ch.higher,
        actor=mover,
        detail=lambda run: {"facts": sitting},
    )
    sim.log.add(
        "convened",
        won & (open_day >= 0),
        sim.day,
        sim.session,
        body=ch.higher,
        actor=mover,
        opens_day=open_day,
        detail=lambda run: {
            "opens": c.day(open_day).isoformat(),
            "facts": [
                *body_fact(c, ch.higher, "convened_by"),
                f"bodies/{c.body_ids[ch.higher]}/notice_days",
                *sitting,
            ],
        },
    )


def refer(sim: Simulation, fight: Fight, deadlocked: B) -> B:
    """Where the arena's rules say so (``deadlock: refer``), a deadlocked arena refers the
    question to the higher body, which is convened without a vote. Returns the runs referred
    (none unless the arena refers)."""
    c, ch = sim.compiled, fight.challenge
    referred = deadlocked & (fight.convened_day < 0)
    if not ch.refers_deadlock or not referred.any():
        return np.zeros(sim.runs, dtype=bool)
    arena_id = c.body_ids[ch.arena]
    sim.log.add(
        "referred",
        referred,
        sim.day,
        sim.session,
        actor=int(ch.leaders[0]),
        body=ch.arena,
        subject=ch.target,
        detail=lambda run: {
            "higher": c.body_ids[ch.higher],
            "facts": [f"challenges/{ch.id}", f"bodies/{arena_id}/deadlock"],
        },
    )
    fight.last_motion_day = np.where(referred, sim.day, fight.last_motion_day).astype(np.int16)
    _call_higher(sim, fight, referred, mover=int(ch.leaders[0]), ordinary=False)
    return np.asarray(referred)


def deadline(sim: Simulation, fight: Fight, att: Attendance, runs: B) -> None:
    """At the challengers' deadline: a fait accompli if they still hold the arena."""
    ch = fight.challenge
    since = np.maximum(fight.strike_day, fight.resumed_day)
    due = runs & (fight.strike_day >= 0) & (sim.day >= since + ch.deadline_days)
    due &= (fight.convened_day < 0) & (fight.removed_day < 0) & ~fight.fait
    if not due.any():
        return
    hold = due & present_majority(sim, fight, att, 1)
    deadlocked = due & ~hold & ~present_majority(sim, fight, att, -1)
    referred = refer(sim, fight, deadlocked)
    due &= ~referred
    due &= ~adjourn(sim, fight, deadlocked & ~referred)
    fight.fait |= due
    sim.log.add(
        "fait-accompli",
        hold,
        sim.day,
        sim.session,
        actor=int(ch.leaders[0]),
        body=ch.arena,
        subject=ch.target,
        detail=lambda run: {"facts": [f"challenges/{ch.id}"]},
    )
    remove_target(sim, fight, hold, "fait accompli")
    sim.log.add(
        "collapse",
        due & ~hold,
        sim.day,
        sim.session,
        actor=int(ch.leaders[0]),
        body=ch.arena,
        subject=ch.target,
        detail=lambda run: {"facts": [f"challenges/{ch.id}"]},
    )
