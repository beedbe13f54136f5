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

from politburo.engine.facts import body_fact
from politburo.engine.kernel import Simulation
from politburo.engine.procedures.travel import group_present
from politburo.engine.state import Fight

__all__ = ["Attendance", "Tally", "attendance", "group_votes", "log_meeting", "vote"]

B = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

YES, NO, ABSTAIN, SILENT, AWAY = 1, -1, 0, 2, -2
"""Ballot codes: yes, no, abstain, present without a vote, absent or without a seat."""


@dataclass
class Attendance:
    """Who sits in a body in each run."""

    body: int
    seated: B
    present: B
    voting: B
    groups: Ints
    """(R, G) bloc members present (0 for blocs of other bodies)."""
    group_voting: B
    """(G,) whether each bloc's rank votes in this body."""
    voters: Ints
    """(R,) voting members, present or not, counting bloc heads."""

    @property
    def present_voters(self) -> Ints:
        """(R,) voting members present, counting bloc heads."""
        return np.asarray(
            self.voting.sum(axis=1) + (self.groups * self.group_voting[None, :]).sum(axis=1)
        )

    @property
    def present_total(self) -> Ints:
        """(R,) everyone present, counting bloc heads."""
        return np.asarray(self.present.sum(axis=1) + self.groups.sum(axis=1))


def attendance(sim: Simulation, body: int) -> Attendance:
    """Members of ``body`` at its seat today, and which of them vote (cached per state)."""
    w = sim.world
    key = (
        body,
        sim.day,
        w.rank_version,
        hash(w.loc.tobytes()),
        hash(w.detained.tobytes()),
        w.arrivals_version,
    )
    cached = sim.cache.get(("attendance", body))
    if cached is not None and cached[0] == key:
        found: Attendance = cached[1]
        return found
    result = _attendance(sim, body)
    sim.cache[("attendance", body)] = (key, result)
    return result


def _attendance(sim: Simulation, body: int) -> Attendance:
    c, w = sim.compiled, sim.world
    ranks = w.ranks(c, body, sim.day)
    seated = ranks >= 0
    votes_by_rank = np.append(c.rank_votes[body], False)
    votes = votes_by_rank[np.where(seated, ranks, len(votes_by_rank) - 1)]
    present = seated & (w.loc == c.body_seat[body]) & ~w.detained
    mine = c.group_body == body
    groups = group_present(sim, sim.day) * mine[None, :]
    group_voting = mine & c.group_votes
    voters = (seated & votes).sum(axis=1) + int(c.group_count[group_voting].sum())
    return Attendance(body, seated, present, present & votes, groups, group_voting, voters)


def group_votes(
    sim: Simulation, fight: Fight, att: Attendance, yes_side: int
) -> tuple[Ints, Ints, Ints]:
    """Yes, no and abstaining bloc votes (R,) when side ``yes_side`` votes yes."""
    c = sim.compiled
    key = (att.body, yes_side, hash(fight.group_side.tobytes()), hash(att.groups.tobytes()))
    cached = sim.cache.get(("group_votes", fight.challenge.index))
    if cached is not None and cached[0] == key:
        found: tuple[Ints, Ints, Ints] = cached[1]
        return found
    heads = (att.groups * att.group_voting[None, :]).astype(np.float64)
    parts = dict(_side_shares(sim, fight))
    one = c.group_votes_as_one[None, :]
    if one.any():
        stacked = np.stack([parts[-1], parts[0], parts[1]], axis=2)
        pick = np.argmax(stacked, axis=2) - 1
        for v in (-1, 0, 1):
            parts[v] = np.where(one, (pick == v).astype(np.float64), parts[v])
    yes = np.rint(heads * parts[yes_side]).sum(axis=1).astype(np.int64)
    no = np.rint(heads * parts[-yes_side]).sum(axis=1).astype(np.int64)
    total = heads.sum(axis=1).astype(np.int64)
    result = (yes, no, np.maximum(total - yes - no, 0))
    sim.cache[("group_votes", fight.challenge.index)] = (key, result)
    return result


def _side_shares(sim: Simulation, fight: Fight) -> dict[int, Floats]:
    """(R, G) share of each bloc on each side, for the blocs' current sides (cached)."""
    key = hash(fight.group_side.tobytes())
    cached = sim.cache.get(("side_shares", fight.challenge.index))
    if cached is not None and cached[0] == key:
        found: dict[int, Floats] = cached[1]
        return found
    shares = sim.compiled.group_shares[None, :, :]
    side = fight.group_side
    parts = {v: (shares * (side == v)).sum(axis=2) for v in (-1, 0, 1)}
    sim.cache[("side_shares", fight.challenge.index)] = (key, parts)
    return parts


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
    cast = np.where(att.voting, ballots, np.where(att.present, SILENT, AWAY)).astype(np.int8)
    yes = (cast == YES).sum(axis=1)
    no = (cast == NO).sum(axis=1)
    abstain = (cast == ABSTAIN).sum(axis=1)
    if groups is None:
        groups = group_votes(sim, fight, att, group_side)
    yes, no, abstain = yes + groups[0], no + groups[1], abstain + groups[2]
    present = att.present_voters
    body = att.body
    base = att.voters if c.body_of_members[body] else present
    needed = (base * c.body_threshold[body]).astype(np.int64) + 1
    quorum = present >= np.ceil(c.body_quorum[body] * att.voters)
    passed = (yes >= needed) & quorum
    sides = fight.side.copy()
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
        a=yes[sel],
        b=no[sel],
        c=abstain[sel],
        d=(passed & sel)[sel].astype(np.int64),
        ballots=cast[sel],
        detail=lambda run: {
            "passed": bool(passed[run]),
            "needed": int(needed[run]),
            "present_voters": int(present[run]),
            "sides": {c.actor_ids[a]: int(sides[run, a]) for a in np.flatnonzero(att.present[run])},
            "facts": body_fact(c, body, "rule") + body_fact(c, body, "ranks") + (facts or []),
        },
    )
    for a in np.flatnonzero((att.voting & sel[:, None]).any(axis=0)).tolist():
        fight.public[:, a] += (att.voting[:, a] & sel & (cast[:, a] != ABSTAIN)).astype(np.int16)
    return Tally(yes, no, abstain, needed, passed & sel)


def log_meeting(sim: Simulation, att: Attendance, runs: B, *, note: str = "") -> None:
    """Record that the body met in ``runs``, with who was present and who was away."""
    c = sim.compiled
    body = att.body
    away = att.seated & ~att.present

    def detail(run: int) -> dict[str, object]:
        absent = np.flatnonzero(away[run]).tolist()
        facts = body_fact(c, body, "seat")
        for a in absent:
            from politburo.engine.facts import itinerary_fact

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
        a=att.present_total[runs],
        b=att.present_voters[runs],
        present=att.present[runs],
        group_present=att.groups[runs],
        detail=detail,
    )
