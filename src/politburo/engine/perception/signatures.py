"""Signatures: blocs grouped by the actors they are tied to, and sums over each group.

Whoever knows the mind of one bloc tied to a set of actors knows them all, so perception sums
the blocs of each signature once per run. Those sums must come out bit for bit as the matrix
product ``members @ vectors`` that defines them gives them on this machine: a BLAS library
sums a product of this shape with eight partial sums (blocs ``k``, ``k + 8``, ... in the
``k``-th), added in pairs. :meth:`Blocs.sums` follows that order with a few array additions
(far cheaper than one small product per run) after checking, once, on random numbers, that it
gives the library's very results; where it does not, it calls the library.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from politburo.arrays import Floats as F
from politburo.engine.compile import CompiledChallenge
from politburo.engine.kernel import Simulation

__all__ = ["LANES", "Blocs", "blocs_of"]


LANES = 8
"""Partial sums a BLAS kernel keeps over the blocs of a signature."""

Plan = tuple[tuple[tuple[int, ...], ...], ...]
"""For each signature, for each lane, its blocs in order."""


@dataclass(frozen=True)
class Blocs:
    """Blocs grouped by the set of actors they are tied to (their signature)."""

    tied: tuple[tuple[int, ...], ...]
    """The actors each signature's blocs are tied to."""
    members: F
    """(S, G) 1 where a bloc has the signature."""
    private: F
    """(S,) 1 for the signatures not tied to a principal."""
    public: npt.NDArray[np.intp]
    """The blocs tied to a principal, whose minds everyone knows."""
    plan: Plan = field(init=False)
    by_lanes: bool = field(init=False)
    """Whether :meth:`sums` may add lane by lane (checked against the library)."""

    def __post_init__(self) -> None:
        plan = tuple(
            tuple(
                tuple(g for g in np.flatnonzero(row).tolist() if g % LANES == lane)
                for lane in range(LANES)
            )
            for row in self.members
        )
        object.__setattr__(self, "plan", plan)
        probe = np.random.default_rng(0).random((4, self.members.shape[1], 64)) * 100.0
        same = np.array_equal(self._by_lanes(probe), self._product(probe))
        object.__setattr__(self, "by_lanes", bool(same))

    def sums(self, vectors: F) -> F:
        """(4, S, R) the sums over each signature's blocs of ``vectors`` (4, G, R)."""
        return self._by_lanes(vectors) if self.by_lanes else self._product(vectors)

    def _product(self, vectors: F) -> F:
        """The defining product, of the runs' vectors laid out (R, G, 4)."""
        by_run = np.ascontiguousarray(vectors.transpose(2, 1, 0))
        return np.asarray(np.matmul(self.members[None, :, :], by_run).transpose(2, 1, 0))

    def _by_lanes(self, vectors: F) -> F:
        out = np.zeros((vectors.shape[0], len(self.plan), vectors.shape[2]))
        for s, lanes in enumerate(self.plan):
            partial: list[F | None] = []
            for blocs in lanes:
                total = None
                for g in blocs:
                    total = vectors[:, g, :] if total is None else total + vectors[:, g, :]
                partial.append(total)
            while len(partial) > 1:  # in pairs: ((0 + 1) + (2 + 3)) + ((4 + 5) + (6 + 7))
                partial = [_add(partial[i], partial[i + 1]) for i in range(0, len(partial), 2)]
            if partial[0] is not None:
                out[:, s, :] = partial[0]
        return out


def _add(a: F | None, b: F | None) -> F | None:
    """``a + b``, where ``None`` is a sum of no bloc (adding zero to a sum of non-negative
    numbers leaves it as it is)."""
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def blocs_of(sim: Simulation, ch: CompiledChallenge) -> Blocs:
    """The signatures of the blocs of ``ch`` (cached)."""
    c = sim.compiled
    key = ("blocs", ch.index)
    if key not in sim.cache:
        groups: dict[tuple[int, ...], list[int]] = {}
        for g in range(c.n_groups):
            tied = tuple(np.flatnonzero(c.group_tie_kind[g] >= 0).tolist())
            if tied:
                groups.setdefault(tied, []).append(g)
        principals = {ch.target, *ch.leaders.tolist()}
        members = np.zeros((len(groups), c.n_groups))
        for s, blocs in enumerate(groups.values()):
            members[s, blocs] = 1.0
        private = np.array([float(not principals & set(t)) for t in groups])
        public = np.flatnonzero((members * (1.0 - private)[:, None]).sum(axis=0) > 0)
        sim.cache[key] = Blocs(tuple(groups), members, private.reshape(-1), public)
    found: Blocs = sim.cache[key]
    return found
