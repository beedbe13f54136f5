"""Perception: the share of the deciding body each actor and bloc sees backing the challengers.

Before the target appeals, the body that decides is the arena, whose balance everyone in the
room sees (members not yet declared count at their expected support). After the appeal (or
once the higher body is called) it is the higher body: an actor sees the blocs whose minds he
knows (tied to him, or to someone he is tied to and not opposed to), the named members and the
members of the blocs shown at its seat if he is there (signatories of a delivered petition, or
everyone in plenum), and takes the unseen rest to be like the arena. His *expected* balance adds
what everyone knows of the principals' clienteles, and counts the other blocs he does not know
at the support expected of them before the crisis (their dispositions, policies and ties).

The arithmetic is arranged so that every share comes out bit for bit the same whatever the
number of runs computed at once: sums over blocs are taken in one fixed order.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

import numpy as np

from politburo.arrays import Bools as B
from politburo.arrays import Floats as F
from politburo.engine.codes import Phase
from politburo.engine.kernel import Simulation
from politburo.engine.numerics.memo import Arrays, RowMemo
from politburo.engine.numerics.reduce import row_count
from politburo.engine.perception.attendance import attendance, group_votes
from politburo.engine.perception.sight import Rows, Sight
from politburo.engine.perception.signatures import blocs_of
from politburo.engine.state import Fight

__all__ = ["Balance", "balance"]


class Balance:
    """Perceived shares backing the challengers.

    Attributes
    ----------
    arena
        (R,) among the arena's voting members present (the undeclared at their expected
        support).
    higher
        (R, A) of the higher body, as each actor sees it.
    groups
        (R, G) of the deciding body, as each bloc sees it.
    expected
        (R, A) of the higher body, as each actor expects it: what he sees, plus the blocs
        everyone knows to be tied to the principals.
    decisive_higher
        (R,) whether the higher body is the one that decides.

    ``higher``, ``groups`` and ``expected`` are computed when first asked for, from the state
    in which the balance was taken.
    """

    def __init__(
        self,
        arena: F,
        decisive_higher: B,
        higher: Callable[[], F],
        groups: Callable[[], F],
        expected: Callable[[], F] | None = None,
    ) -> None:
        self.arena, self.decisive_higher = arena, decisive_higher
        self._higher, self._groups, self._expected = higher, groups, expected

    @cached_property
    def higher(self) -> F:
        """(R, A) of the higher body, as each actor sees it."""
        return self._higher()

    @cached_property
    def groups(self) -> F:
        """(R, G) of the deciding body, as each bloc sees it."""
        return self._groups()

    @cached_property
    def expected(self) -> F:
        """(R, A) of the higher body, as each actor expects it."""
        return self.higher if self._expected is None else self._expected()


def balance(sim: Simulation, fight: Fight) -> Balance:
    """What each actor and bloc perceives of the balance of the body that will decide.

    Cached for the current state: the same state gives the same balance.
    """
    w = sim.world
    key = (
        fight.challenge.index,
        sim.day,
        fight.stamps(
            "side", "declared", "group_side", "group_signed", "delegation", "phase", "appeal_day"
        ),
        w.stamps("loc", "detained"),
        w.rank_version,
        w.arrivals_version,
    )
    cached = sim.cache.get(("balance", fight.challenge.index))
    if cached is not None and cached[0] == key:
        found: Balance = cached[1]
        return found
    result = _balance(sim, fight)
    sim.cache[("balance", fight.challenge.index)] = (key, result)
    return result


def _balance(sim: Simulation, fight: Fight) -> Balance:
    c, ch = sim.compiled, fight.challenge
    att = attendance(sim, ch.arena)
    g_yes, _, _ = group_votes(sim, fight, att, 1)
    expected = sim.model.expected(ch)

    def share(arrays: Arrays) -> Arrays:
        voting, declared, side, bloc_yes, voters = arrays
        undeclared = voting & ~declared
        yes = row_count(voting & declared & (side > 0)) + bloc_yes
        yes = yes + (undeclared * expected[None, :]).sum(axis=1)
        return (yes / np.maximum(voters, 1),)

    memo = sim.cache.setdefault(("arena", ch.index), RowMemo())
    inputs = (att.voting, fight.declared, fight.side, g_yes, att.present_voters)
    (arena,) = memo.get(ch.index, inputs, share)
    decisive = (fight.appeal_day >= 0) | (fight.phase >= Phase.CONVENED)
    if ch.higher < 0:

        def everywhere(width: int) -> Callable[[], F]:
            return lambda: np.repeat(arena[:, None], width, axis=1)

        return Balance(arena, decisive, everywhere(c.n_actors), everywhere(c.n_groups))
    rows, blocs = Rows.of(sim, fight, arena), blocs_of(sim, ch)
    whole: list[Sight] = []

    def perceive(kinds: tuple[str, ...]) -> Callable[[], Arrays]:
        """The remembered :meth:`Sight.get` of ``kinds``, recomputed for the rows that moved."""

        def compute(arrays: Arrays) -> Arrays:
            if arrays[0] is not rows.arena:  # a few rows that have moved
                sight = Sight(sim, ch, blocs, Rows.of_arrays(arrays), remember=False)
            else:
                if not whole:
                    whole.append(Sight(sim, ch, blocs, rows, remember=True))
                sight = whole[0]
            return tuple(sight.get(kind) for kind in kinds)

        def get() -> Arrays:
            memo = sim.cache.setdefault(("sight", ch.index, kinds), RowMemo())
            found: Arrays = memo.get(kinds, rows.arrays(), compute)
            return found

        return get

    seen = perceive(("higher", "groups"))
    hoped = perceive(("expected",)) if (c.group_body == ch.higher).any() else None
    return Balance(
        arena,
        decisive,
        lambda: np.asarray(seen()[0], dtype=np.float64),
        lambda: np.asarray(seen()[1], dtype=np.float64),
        None if hoped is None else (lambda: np.asarray(hoped()[0], dtype=np.float64)),
    )
