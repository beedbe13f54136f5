"""Meetings and votes: who is in the room, who may vote, and how a motion is carried.

A body meets with the members present at its seat who are not detained. Members of a rank
without a vote speak but do not vote. A motion carries when its yes votes reach the number the
body's rule requires of the voting members present (or of all voting members), provided the
quorum is present. Blocs vote by head count, split by the sides of their shares, or all with
the largest share when they vote as one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from politburo.engine.facts import body_fact
from politburo.engine.kernel import Simulation
from politburo.engine.procedures.travel import group_present
from politburo.engine.reduce import row_count
from politburo.engine.state import Fight

__all__ = [
    "Attendance",
    "Tally",
    "attendance",
    "group_votes",
    "log_meeting",
    "masked_shares",
    "side_shares",
    "vote",
]

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

    @cached_property
    def voting_count(self) -> Ints:
        """(R,) named voting members present."""
        return row_count(self.voting)

    @cached_property
    def present_voters(self) -> Ints:
        """(R,) voting members present, counting bloc heads."""
        named = self.voting_count
        if not self.group_voting.any():
            return np.asarray(named + 0)
        return np.asarray(named + (self.groups * self.group_voting[None, :]).sum(axis=1))

    @cached_property
    def present_total(self) -> Ints:
        """(R,) everyone present, counting bloc heads."""
        return np.asarray(row_count(self.present) + self.groups.sum(axis=1))


def attendance(sim: Simulation, body: int) -> Attendance:
    """Members of ``body`` at its seat today, and which of them vote (cached per state)."""
    w = sim.world
    key = (body, sim.day, w.rank_version, w.stamps("loc", "detained"), w.arrivals_version)
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
    voters = row_count(seated & votes) + int(c.group_count[group_voting].sum())
    arrays = (seated, present, present & votes, groups, voters)
    for array in arrays:
        array.flags.writeable = False  # cached and shared: never to be written into
    return Attendance(body, *arrays[:4], group_voting, voters)


def group_votes(
    sim: Simulation, fight: Fight, att: Attendance, yes_side: int
) -> tuple[Ints, Ints, Ints]:
    """Yes, no and abstaining bloc votes (R,) when side ``yes_side`` votes yes."""
    c = sim.compiled
    if not att.group_voting.any():
        none = np.zeros(sim.runs, dtype=np.int64)
        return none, none, none
    cached = sim.cache.get(("group_votes", fight.challenge.index))
    if (
        cached is not None
        and cached[0] == yes_side
        and cached[1] is fight.group_side
        and cached[2] is att
    ):
        found: tuple[Ints, Ints, Ints] = cached[3]
        return found
    heads = (att.groups * att.group_voting[None, :]).astype(np.float64)
    parts = dict(side_shares(sim, fight.group_side))
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
    sim.cache[("group_votes", fight.challenge.index)] = (yes_side, fight.group_side, att, result)
    return result


_COMBOS = np.array([[a, b, c] for a in (-1, 0, 1) for b in (-1, 0, 1) for c in (-1, 0, 1)])
"""Every combination of the sides of a bloc's three shares, numbered ``9 s0 + 3 s1 + s2 + 13``."""


def share_table(shares: Floats) -> Floats:
    """(3, G, 27) the share of each bloc on side -1, 0 and +1 for each combination of its
    shares' sides: ``(shares * (side == v)).sum(axis=-1)``, computed once for every
    combination."""
    return np.stack([(shares[:, None, :] * (v == _COMBOS)).sum(axis=2) for v in (-1, 0, 1)])


def masked_shares(sim: Simulation, mask: npt.NDArray[np.bool_]) -> Floats:
    """(R, G) ``(group_shares * mask).sum(axis=2)`` for a mask (R, G, 3) of each bloc's
    shares, from a table of the eight combinations (the same sums, taken once)."""
    table = sim.cache.get("mask_table")
    if table is None:
        bits = np.array([[(k >> 2) & 1, (k >> 1) & 1, k & 1] for k in range(8)], dtype=bool)
        shares = sim.compiled.group_shares
        table = sim.cache["mask_table"] = (shares[:, None, :] * bits[None, :, :]).sum(axis=2)
    m = mask.view(np.uint8)
    code = (m[:, :, 0] << 2) | (m[:, :, 1] << 1) | m[:, :, 2]
    index = code + (8 * np.arange(mask.shape[1], dtype=np.intp))[None, :]
    return np.asarray(np.take(table.ravel(), index))


def side_shares(sim: Simulation, group_side: npt.NDArray[np.int8]) -> dict[int, Floats]:
    """(R, G) share of each bloc on each side, for the sides ``group_side`` (R, G, 3) of its
    shares (cached for the last array asked about: state arrays are never written into)."""
    cached = sim.cache.get("side_shares")
    if cached is not None and cached[0] is group_side:
        found: dict[int, Floats] = cached[1]
        return found
    table = sim.cache.get("share_table")
    if table is None:
        table = sim.cache["share_table"] = share_table(sim.compiled.group_shares)
    side = group_side.astype(np.intp)
    n_groups = side.shape[1]
    code = side[:, :, 0] * 9 + side[:, :, 1] * 3 + side[:, :, 2]
    code += (13 + 27 * np.arange(n_groups))[None, :]
    parts = {v: np.take(table[v + 1].ravel(), code) for v in (-1, 0, 1)}
    for part in parts.values():
        part.flags.writeable = False
    sim.cache["side_shares"] = (group_side, parts)
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
    fight.public = fight.public + (att.voting & sel[:, None] & (cast != ABSTAIN))
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
    cast = np.where(att.voting, ballots, np.where(att.present, SILENT, AWAY)).astype(np.int8)
    yes = row_count(cast == YES) + groups[0]
    no = row_count(cast == NO) + groups[1]
    abstain = row_count(cast == ABSTAIN) + groups[2]
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
