"""Meetings and votes: who is in the room, who may vote, and how a motion is carried.

A body meets with the members present at its seat who are not detained. Members of a rank
without a vote speak but do not vote. A motion carries when its yes votes reach the number the
body's rule requires of the voting members present (or of all voting members), provided the
quorum is present. Blocs vote by head count, split by the sides of their shares, or all with
the largest share when they vote as one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from politburo.arrays import Bools as B
from politburo.arrays import Ints
from politburo.engine.codes import Ballot
from politburo.engine.facts import body_fact, itinerary_fact
from politburo.engine.kernel import Simulation
from politburo.engine.numerics.reduce import row_count
from politburo.engine.perception.attendance import Attendance, group_votes
from politburo.engine.state import Fight

__all__ = ["Tally", "log_meeting", "vote"]


@dataclass
class Tally:
    """The result of a vote in each run."""

    yes: Ints
    no: Ints
    abstain: Ints
    needed: Ints
    passed: B


def vote(
    sim: Simulation,
    fight: Fight,
    att: Attendance,
    runs: B,
    motion: str,
    ballots: npt.NDArray[np.int8],
    *,
    groups: tuple[Ints, Ints, Ints] | None = None,
    group_side: int = 1,
    subject: int | Ints = -1,
    mover: int = -1,
    facts: list[str] | None = None,
) -> Tally:
    """Put ``motion`` to the vote in the runs of ``runs``; ``ballots`` (R, A) of 1, -1, 0.

    Only voting members present count; the others are recorded as present without a vote or
    absent. Blocs vote yes with their shares on side ``group_side`` unless ``groups`` gives
    their tally. Logs one ``vote`` event per run with every ballot and the tally.
    """
    c = sim.compiled
    if groups is None:
        groups = group_votes(sim, fight, att, group_side)
    cast, yes, no, abstain, needed, passed = _count(sim, att, ballots, groups)
    present = att.present_voters
    body = att.body
    sides = fight.side
    sel = runs
    sim.log.add(
        "vote",
        sel,
        sim.day,
        sim.session,
        actor=mover,
        body=body,
        motion=motion,
        subject=subject if isinstance(subject, int) else subject[sel],
        yes=yes[sel],
        no=no[sel],
        abstain=abstain[sel],
        passed=(passed & sel)[sel].astype(np.int64),
        ballots=cast[sel],
        detail=lambda run: {
            "passed": bool(passed[run]),
            "needed": int(needed[run]),
            "present_voters": int(present[run]),
            "sides": {c.actor_ids[a]: int(sides[run, a]) for a in np.flatnonzero(att.present[run])},
            "facts": body_fact(c, body, "rule") + body_fact(c, body, "ranks") + (facts or []),
        },
    )
    fight.public = fight.public + (att.voting & sel[:, None] & (cast != Ballot.ABSTAIN))
    return Tally(yes, no, abstain, needed, passed & sel)


def _count(
    sim: Simulation, att: Attendance, ballots: npt.NDArray[np.int8], groups: tuple[Ints, Ints, Ints]
) -> tuple[npt.NDArray[np.int8], Ints, Ints, Ints, Ints, B]:
    """The ballots cast, yes, no and abstentions, the yes votes needed and whether the motion
    passes, in every run (cached for read-only ballots: a body votes the same ballots on each
    sanction of a resolution)."""
    cached = sim.cache.get("count")
    if (
        cached is not None
        and cached[0] is att
        and cached[1] is ballots
        and cached[2] is groups
        and not ballots.flags.writeable
    ):
        found: tuple[npt.NDArray[np.int8], Ints, Ints, Ints, Ints, B] = cached[3]
        return found
    c, body = sim.compiled, att.body
    cast = np.where(
        att.voting, ballots, np.where(att.present, Ballot.PRESENT_WITHOUT_VOTE, Ballot.ABSENT)
    ).astype(np.int8)
    yes = row_count(cast == Ballot.YES) + groups[0]
    no = row_count(cast == Ballot.NO) + groups[1]
    abstain = row_count(cast == Ballot.ABSTAIN) + groups[2]
    present = att.present_voters
    base = att.voters if c.body_of_members[body] else present
    needed = (base * c.body_threshold[body]).astype(np.int64) + 1
    quorum = present >= np.ceil(c.body_quorum[body] * att.voters)
    result = (cast, yes, no, abstain, needed, (yes >= needed) & quorum)
    sim.cache["count"] = (att, ballots, groups, result)
    return result


def log_meeting(sim: Simulation, att: Attendance, runs: B, *, note: str = "") -> None:
    """Record that the body met in ``runs``, with who was present and who was away."""
    c = sim.compiled
    body = att.body
    away = att.seated & ~att.present

    def detail(run: int) -> dict[str, object]:
        absent = np.flatnonzero(away[run]).tolist()
        facts = body_fact(c, body, "seat")
        for a in absent:
            facts += itinerary_fact(c, a, sim.day)
        return {
            "note": note,
            "facts": facts,
            "detained": [
                c.actor_ids[a] for a in np.flatnonzero(sim.world.detained[run] & att.seated[run])
            ],
        }

    sim.log.add(
        "meeting",
        runs,
        sim.day,
        sim.session,
        body=body,
        present_total=att.present_total[runs],
        present_voters=att.present_voters[runs],
        present=att.present[runs],
        group_present=att.groups[runs],
        detail=detail,
    )
