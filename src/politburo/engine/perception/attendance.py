"""Who is in the room: the members of a body present at its seat, who of them vote, and
how the blocs present stand, split by the sides of their shares.

These are readings of the state, not procedures: procedures and perception both use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from politburo.arrays import Bools as B
from politburo.arrays import Floats, Ints
from politburo.engine.kernel import Simulation
from politburo.engine.numerics.reduce import row_count
from politburo.engine.state import Fight

__all__ = [
    "Attendance",
    "attendance",
    "group_present",
    "group_votes",
    "masked_shares",
    "share_table",
    "side_shares",
]


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
    by_bloc = np.rint(heads * parts[yes_side])
    yes = by_bloc.sum(axis=1).astype(np.int64)
    # a bloc's yes and no, each rounded, never outnumber its members present
    no = np.minimum(np.rint(heads * parts[-yes_side]), heads - by_bloc).sum(axis=1)
    no = no.astype(np.int64)
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


def group_present(sim: Simulation, day: int) -> Ints:
    """(R, G) members of each bloc at its body's seat on ``day``."""
    c, w = sim.compiled, sim.world
    key = ("group_present", day, w.arrivals_version)
    cached = sim.cache.get("group_present")
    if cached is not None and cached[0] == key:
        result: Ints = cached[1]
        return result
    seat = c.body_seat[c.group_body]
    at_seat = (c.group_sched[:, min(day, c.n_days - 1)] == seat)[None, :]
    came = _came_before(sim, day) + w.g_arrivals[day]
    present = np.where(at_seat, c.group_count[None, :], np.minimum(came, c.group_count[None, :]))
    sim.cache["group_present"] = (key, present)
    return present


def _came_before(sim: Simulation, day: int) -> Ints:
    """(R, G) members of each bloc arrived before ``day``. Arrivals are booked from the
    current day on, so the days before it are final: their sum is kept and extended."""
    kept = sim.cache.get("came_before")
    start, total = (0, np.zeros(sim.world.g_pending.shape, dtype=np.int64))
    if kept is not None and kept[0] <= day:
        start, total = kept
    if start < day:
        total = total + sim.world.g_arrivals[start:day].sum(axis=0, dtype=np.int64)
        sim.cache["came_before"] = (day, total)
    return total
