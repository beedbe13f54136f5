"""Sanctions graded by conduct: who led, who defended, who held out, for how long, and how
near the victor each stood.

Every actor who took the losing side at any point is graded. The decision model weighs his
conduct into a severity; the severity's rung on the model's ladder gives the sanction: none,
a reprimand, demotion to a non-voting rank of the arena, removal from the arena, or removal
from the arena, the higher body and every other body.

References
----------
.. [BdM2003] Bueno de Mesquita et al. (2003), "The Logic of Political Survival" (rewards and
   punishments for the winning coalition).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from politburo.arrays import I8, Ints
from politburo.arrays import Bools as B
from politburo.engine.codes import SanctionLevel
from politburo.engine.decisions import Conduct
from politburo.engine.facts import body_fact, membership_fact
from politburo.engine.kernel import Simulation
from politburo.engine.numerics.reduce import column_any
from politburo.engine.perception.attendance import Attendance
from politburo.engine.procedures.demotion import land, landing_level, target_led
from politburo.engine.procedures.meetings import vote
from politburo.engine.procedures.resources import lose_office
from politburo.engine.procedures.resources import standing as office_standing
from politburo.engine.state import Fight

__all__ = ["conduct", "impose_sanctions"]


def conduct(
    sim: Simulation, fight: Fight, losers: B, major: Ints, rows: Ints | None = None
) -> Conduct:
    """The conduct of every actor (R, A), measured against the side that lost; in the runs
    ``rows`` only if given (``losers`` and ``major`` are then theirs)."""
    c, ch = sim.compiled, fight.challenge
    pick: slice | Ints = slice(None) if rows is None else rows
    on_side, against = fight.on_side_sessions[pick], fight.against_sessions[pick]
    leader = np.zeros((len(major), c.n_actors))
    leader[:, ch.leaders] = (major < 0)[:, None]
    leader[:, ch.target] = target_led(fight, major, rows)
    losing = -major[:, None]
    holdout = (fight.side[pick] == losing).astype(np.float64)
    sessions = np.where(major[:, None] < 0, on_side, against)
    total = np.maximum(on_side + against, 1)
    total = np.maximum(total.max(axis=1, keepdims=True), 1)
    sign = np.array([-1.0, 1.0, 1.0, -1.0, 0.0])
    kind = np.where(c.tie_kind < 0, 4, c.tie_kind)
    tie = sign[kind] * c.tie_strength
    winner_tie = np.where(
        major[:, None] < 0,
        tie[:, ch.target][None, :],
        tie[:, ch.leaders].mean(axis=1)[None, :],
    )
    joined = np.where(major[:, None] < 0, fight.joined[pick], -1)
    appeal = fight.appeal_day[pick][:, None]
    defiance = (appeal >= 0) & (joined > appeal)

    standing = office_standing(sim)[pick]
    mask = losers.astype(np.float64)
    return Conduct(
        leader=leader * mask,
        accused=fight.accused[pick] * mask,
        holdout=holdout * mask,
        time_on_losing_side=sessions / total * mask,
        tie_to_winner=winner_tie * mask,
        standing=standing * mask,
        defiance=defiance * mask,
    )


def impose_sanctions(
    sim: Simulation, fight: Fight, runs: B, major: Ints, votes: tuple[Any, Any, Any] | None = None
) -> None:
    """Grade and apply the sanctions of the resolution in the runs of ``runs``.

    ``votes`` (attendance, ballots, bloc tallies) lets each sanction be recorded as a vote of
    the higher body cast as the resolution was.
    """
    c, ch = sim.compiled, fight.challenge
    ever_with = fight.joined >= 0
    ever_against = fight.against_sessions > 0
    losers = np.where(major[:, None] < 0, ever_with, ever_against) & runs[:, None]
    losers[:, ch.target] &= major > 0
    if ch.graded_target:  # he lost the office, whatever side he stands on now
        losers[:, ch.target] |= runs & (major > 0)
    losers[:, ch.leaders] |= (runs & (major < 0))[:, None]
    if not losers.any():
        return
    rows = np.flatnonzero(runs)  # graded in the runs resolved, the others are none of it
    conduct_now = conduct(sim, fight, losers[rows], major[rows], rows)
    severity = sim.model.sanction_severity(conduct_now)
    graded = np.searchsorted(sim.model.sanction_thresholds(), severity, side="right")
    level = np.zeros(losers.shape, dtype=np.int8)
    level[rows] = np.where(losers[rows], graded, 0)
    fight.sanction = np.where(runs[:, None], level, fight.sanction).astype(np.int8)
    kept = runs & (major > 0) & (level[:, ch.target] < landing_level())
    arena, higher = ch.arena, ch.higher
    non_voting = [k for k, v in enumerate(c.rank_votes[arena].tolist()) if not v]
    sitting = None
    if votes is not None:
        votes[1].flags.writeable = False  # the same ballots for every sanction: counted once
        sitting = votes[0]
    for a in np.flatnonzero(column_any(level > 0)).tolist():
        lv = level[:, a]
        arena_rank = _seat(sim, arena, a)
        votes_by_rank = np.append(c.rank_votes[arena], False)
        voting_rank = votes_by_rank[np.where(arena_rank >= 0, arena_rank, -1)]
        demote = (lv == SanctionLevel.DEMOTE) & voting_rank & bool(non_voting)
        remove = (lv == SanctionLevel.DEMOTE) & ~demote & (arena_rank >= 0)
        remove |= lv == SanctionLevel.REMOVE
        expel = lv == SanctionLevel.EXPEL
        for motion, sel, body in (
            ("reprimand", lv == SanctionLevel.REPRIMAND, higher),
            ("demote", demote, arena),
            ("expel", remove, arena),
            ("expel", expel, higher),
        ):
            if not sel.any():
                continue
            if votes is not None and sitting is not None:
                _, ballots, blocs = votes
                vote(
                    sim,
                    fight,
                    sitting,
                    sel,
                    motion,
                    ballots,
                    groups=blocs,
                    subject=a,
                    facts=body_fact(c, body, "powers"),
                )
            sim.log.add(
                "sanction",
                sel,
                sim.day,
                sim.session,
                actor=a,
                body=body,
                motion=motion,
                level=lv[sel].astype(np.int64),
                detail=_detail(sim, a, rows, conduct_now, severity, body),
            )
        seats = _unseat(sim, a, arena, non_voting, demote, remove | expel, expel)
        if sitting is not None and seats is not None:
            sitting = _without(sim, sitting, a, *seats)
    land(sim, fight, kept)


def _without(sim: Simulation, sitting: Attendance, a: int, before: I8, after: I8) -> Attendance:
    """The sitting once ``a`` lost the seat he held ``before`` (R, B) in the runs where he holds
    none ``after``: unseated earlier in the sitting, he votes on none of its later sanctions."""
    body = sitting.body
    lost = (before[:, body] >= 0) & (after[:, body] < 0)
    if not lost.any():
        return sitting
    votes_by_rank = np.append(sim.compiled.rank_votes[body], False)
    had_vote = votes_by_rank[np.where(lost, before[:, body], -1)]
    keep = np.ones(sitting.seated.shape, dtype=bool)
    keep[:, a] = ~lost
    return dataclasses.replace(
        sitting,
        seated=sitting.seated & keep,
        present=sitting.present & keep,
        voting=sitting.voting & keep,
        voters=sitting.voters - had_vote,
    )


def _unseat(
    sim: Simulation, a: int, arena: int, non_voting: list[int], demote: B, remove: B, expel: B
) -> tuple[I8, I8] | None:
    """Apply actor ``a``'s sanctions to his seats (demoted in or removed from the arena,
    expelled from every body) and to the offices of the bodies he no longer sits in; his
    ranks (R, B) before and after, if any changed."""
    c, w = sim.compiled, sim.world
    if not (demote.any() or remove.any()):
        return None
    before = np.stack([_seat(sim, b, a) for b in range(len(c.body_ids))], 1)
    if non_voting:
        w.rank[:, arena, a] = np.where(demote, non_voting[0], w.rank[:, arena, a])
    w.rank[:, arena, a] = np.where(remove, -1, w.rank[:, arena, a])
    if expel.any():
        for b in range(len(c.body_ids)):
            w.rank[:, b, a] = np.where(expel, -1, w.rank[:, b, a])
    w.rank_version += 1
    afters = np.stack([_seat(sim, b, a) for b in range(len(c.body_ids))], 1)
    for b in range(len(c.body_ids)):
        after = afters[:, b]
        moved = after != before[:, b]
        if not moved.any():
            continue

        def detail(run: int, b: int = b) -> dict[str, object]:
            return {"facts": body_fact(c, b, "ranks")}

        sim.log.add(
            "seat",
            moved,
            sim.day,
            sim.session,
            actor=a,
            body=b,
            rank=after[moved].astype(np.int64),
            detail=detail,
        )
        unseated = moved & (after < 0)
        for o in np.flatnonzero(c.office_body == b).tolist():
            lose_office(sim, unseated & w.holds[o, :, a], a, o, b, "lost his seat")
    return before, afters


def _seat(sim: Simulation, body: int, actor: int) -> npt.NDArray[np.int8]:
    """(R,) the rank of ``actor`` in ``body`` today: ``World.ranks(...)[:, actor]``."""
    c, own = sim.compiled, sim.world.rank[:, body, actor]
    scheduled = c.member_rank[min(sim.day, c.n_days - 1), body, actor]
    return np.where(own == -2, scheduled, own).astype(np.int8)


def _detail(
    sim: Simulation,
    a: int,
    rows: Ints,
    how: Conduct,
    severity: npt.NDArray[np.float64],
    body: int,
) -> Callable[[int], dict[str, object]]:
    """The detail of actor ``a``'s sanction; ``how`` and ``severity`` are those of ``rows``."""
    c = sim.compiled

    def detail(batch_row: int) -> dict[str, object]:
        k = int(np.searchsorted(rows, batch_row))
        return {
            "severity": round(float(severity[k, a]), 3),
            "conduct": {
                "leader": float(how.leader[k, a]),
                "accused": float(how.accused[k, a]),
                "holdout": float(how.holdout[k, a]),
                "time_on_losing_side": round(float(how.time_on_losing_side[k, a]), 3),
                "tie_to_winner": round(float(how.tie_to_winner[k, a]), 3),
                "standing": round(float(how.standing[k, a]), 3),
                "defiance": float(how.defiance[k, a]),
            },
            "facts": body_fact(c, body, "powers") + membership_fact(c, a, body, sim.day),
        }

    return detail
