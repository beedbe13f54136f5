"""Sight: what each actor and bloc sees of the higher body, run by run.

An actor sees the blocs whose minds he knows (tied to him, or to someone he is tied to and not
opposed to), the named members and the members of the blocs shown at the higher body's seat if
he is there (the signatories of a delivered petition, or everyone in plenum), and takes the
unseen rest to be like the arena. His *expected* balance adds what everyone knows of the
principals' clienteles (the blocs tied to a principal).

Every quantity is a function of each run's row of :class:`Rows` alone, computed with the same
arithmetic whatever rows are given (sums over blocs in one fixed order), so that the rows of
runs whose state has not moved can be kept from one step to the next
(:class:`politburo.engine.numerics.memo.RowMemo`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from politburo.arrays import I8, Ints
from politburo.arrays import Bools as B
from politburo.arrays import Floats as F
from politburo.engine.codes import Delegation, Phase
from politburo.engine.compile import CompiledChallenge, CompiledScenario
from politburo.engine.kernel import Simulation
from politburo.engine.numerics.memo import Arrays
from politburo.engine.numerics.reduce import row_count
from politburo.engine.perception.attendance import attendance, side_shares
from politburo.engine.perception.signatures import Blocs
from politburo.engine.state import Fight

__all__ = ["KINDS", "MAX_PATTERN_SIGNATURES", "Rows", "Sight"]


KINDS = ("higher", "expected", "groups")
"""What a :class:`Sight` computes: each actor's seen and expected share of the higher body
backing the challengers (R, A), and each bloc's (R, G)."""


@dataclass(frozen=True)
class Rows:
    """The state a sight is taken from; every field has one row per run."""

    arena: F
    """(R,) the arena's balance (stands for the unseen)."""
    side: I8
    sup: F
    """(R, G) the share of each bloc backing the challengers."""
    signed: B
    delegation: I8
    phase: I8
    loc: npt.NDArray[np.int32]
    voting: B
    """(R, A) the higher body's named voting members present."""
    groups: Ints
    """(R, G) its blocs' members present."""
    voters: Ints
    """(R,) its voting members, present or not."""

    @classmethod
    def of(cls, sim: Simulation, fight: Fight, arena: F) -> Rows:
        """The rows of the current state (its arrays are never written into)."""
        hat = attendance(sim, fight.challenge.higher)
        return cls(
            arena=arena,
            side=fight.side,
            sup=side_shares(sim, fight.group_side)[1],
            signed=fight.group_signed,
            delegation=fight.delegation,
            phase=fight.phase,
            loc=sim.world.loc,
            voting=hat.voting,
            groups=hat.groups,
            voters=hat.voters,
        )

    def arrays(self) -> Arrays:
        """The fields, in order."""
        return tuple(getattr(self, name) for name in self.__dataclass_fields__)

    @classmethod
    def of_arrays(cls, arrays: Arrays) -> Rows:
        """The rows of :meth:`arrays` (of these rows or of a selection of them)."""
        return cls(*arrays)


class Sight:
    """What each actor and bloc sees of the higher body in the runs of ``rows``, computed when
    asked for. With ``remember``, results of the state's arrays are cached on the simulation
    (only for the whole batch: a sight of a few rows leaves the caches alone)."""

    def __init__(
        self, sim: Simulation, ch: CompiledChallenge, blocs: Blocs, rows: Rows, remember: bool
    ) -> None:
        self.sim, self.challenge, self.blocs, self.rows = sim, ch, blocs, rows
        self.remember = remember
        self.arena = rows.arena
        self.in_plenum = rows.phase == Phase.PLENUM

    def get(self, kind: str) -> F:
        """One of :data:`KINDS`."""
        if kind == "higher":
            return self.higher()
        if kind == "expected":
            return self.expected()
        return self.groups()

    @cached_property
    def view(self) -> _View:
        """The members of the higher body that can be seen."""
        rows = self.rows
        sup = rows.sup
        shown, shown_all, heads = self._shown()
        return _View(
            arena=self.arena,
            sup=sup,
            heads=heads,
            shown=shown,
            voters=np.maximum(rows.voters, 1),
            named_yes=row_count(rows.voting & (rows.side > 0)),
            shown_yes=(shown * sup).sum(axis=1),
            shown_all=shown_all,
            named_all=row_count(rows.voting),
        )

    def _shown(self) -> tuple[F, F, F]:
        """(R, G) members of each bloc shown at the seat (the signatories of a delivered
        petition, or everyone in plenum), (R,) their total, and (G,) the blocs' heads; cached
        for the arrays they come from."""
        rows, key = self.rows, ("shown", self.challenge.index)
        sources = (rows.groups, rows.signed, rows.delegation, rows.phase)
        cached = self.sim.cache.get(key) if self.remember else None
        if cached is not None and all(x is y for x, y in zip(cached[0], sources, strict=True)):
            found: tuple[F, F, F] = cached[1]
            return found
        c, higher = self.sim.compiled, self.challenge.higher
        voting = (c.group_body == higher) & c.group_votes
        signed = (rows.signed & (rows.delegation != Delegation.NONE)[:, None]) | self.in_plenum[
            :, None
        ]
        shown = np.where(signed & voting[None, :], rows.groups, 0).astype(np.float64)
        shown *= (c.group_body == higher)[None, :]
        heads = (c.group_count * voting * (c.group_body == higher)).astype(float)
        result = (shown, shown.sum(axis=1), heads)
        if self.remember:
            self.sim.cache[key] = (sources, result)
        return result

    @cached_property
    def vectors(self) -> F:
        """(4, G, R) :meth:`_View.vectors`."""
        return self.view.vectors()

    @cached_property
    def known(self) -> tuple[F, list[B]]:
        """The sums over each signature's blocs (4, S, R), and for each signature who knows
        the minds of its blocs (R, A)."""
        blocs = self.blocs
        if blocs.members.shape[0] == 0:
            return np.zeros((4, 0, len(self.arena))), []
        per_signature = blocs.sums(self.vectors)
        return per_signature, _known(self.sim.compiled, self.challenge, self.rows.side, blocs)

    @cached_property
    def here(self) -> B:
        """(R, A) who is at the higher body's seat."""
        return np.asarray(self.rows.loc == self.sim.compiled.body_seat[self.challenge.higher])

    def higher(self) -> F:
        """(R, A) the share each actor sees backing the challengers."""
        per_signature, _ = self.known
        return self._blend(per_signature, None)

    def expected(self) -> F:
        """(R, A) the share each actor expects: as :meth:`higher`, but the blocs tied to a
        principal count for everyone, and every other bloc of the higher body that he does
        not know counts at the support expected of it before the crisis (its disposition,
        policy and ties: :meth:`DecisionModel.expected_group_support`), not as the arena."""
        blocs, (per_signature, _) = self.blocs, self.known
        vectors, guessed = self.vectors, self.guessed
        public = np.zeros(self.sim.compiled.n_groups, dtype=bool)
        public[blocs.public] = True
        everyone = np.zeros(vectors[:, 0, :].shape)
        for g in range(len(public)):  # one fixed order
            everyone += vectors[:, g, :] if public[g] else guessed[:, g, :]
        if per_signature.shape[1]:
            per_signature = per_signature - blocs.sums(guessed)
        return self._blend(per_signature * blocs.private[None, :, None], everyone)

    @cached_property
    def guessed(self) -> F:
        """(4, G, R) :attr:`vectors` with each bloc backing the challengers at the share
        expected of it before the crisis."""
        expected = self.sim.model.expected_group_support(self.challenge)
        view = self.view
        guess = _View(**{**view.__dict__, "sup": np.broadcast_to(expected, view.sup.shape)})
        return guess.vectors()

    def groups(self) -> F:
        """(R, G) the share each bloc sees: in plenum, the members present; else the arena's."""
        if not self.in_plenum.any():
            return np.repeat(self.arena[:, None], self.sim.compiled.n_groups, axis=1)
        return self.view.groups(self.rows.groups, self.in_plenum)

    def _blend(self, per_signature: F, everyone: F | None) -> F:
        """(R, A) :meth:`_View.blend` of the sums over the blocs each actor knows of
        ``per_signature`` (plus ``everyone`` (4, R), known to all)."""
        _, knows = self.known
        signatures = len(knows)
        if signatures > MAX_PATTERN_SIGNATURES:
            masks = np.stack(knows, axis=2).astype(np.float64)
            k = np.matmul(masks, np.ascontiguousarray(per_signature.transpose(2, 1, 0)))
            if everyone is not None:
                k += everyone.T[:, None, :]
            return self.view.blend(k, self.here)
        # An actor knows one of 2**S patterns of signatures and is at the seat or not:
        # blend each pattern once, then give every actor his. The sums over a pattern's
        # signatures are taken in the order of the signatures (as a matrix product does).
        # Laid out (4, pattern, run), so that every step reads and writes whole rows.
        patterns = 1 << signatures
        sums = np.zeros((4, patterns, len(self.arena)))
        for p in range(1, patterns):
            top = p.bit_length() - 1
            np.add(sums[:, p ^ (1 << top), :], per_signature[:, top, :], out=sums[:, p, :])
        if everyone is not None:
            sums += everyone[:, None, :]
        blended = self.view.blend_patterns(sums)
        return np.take(blended, self.pattern)

    @cached_property
    def pattern(self) -> Ints:
        """(R, A) for each actor, the index into (2 * 2**S, R) patterns flattened: the
        signatures he knows (a bit each), plus 2**S if he is at the seat."""
        _, knows = self.known
        patterns = 1 << len(knows)
        code = self.here.view(np.uint8) * np.uint8(patterns)
        for s, kn in enumerate(knows):
            code |= kn.view(np.uint8) << np.uint8(s)
        runs = len(code)
        return np.asarray(code.astype(np.intp) * runs + np.arange(runs, dtype=np.intp)[:, None])


MAX_PATTERN_SIGNATURES = 4
"""Up to this many signatures, perceptions are blended once per pattern of known signatures
(at most 2**4 of them) rather than once per actor."""


@dataclass
class _View:
    """What is visible of the higher body in each run: the blocs shown at its seat, the named
    members, and the bloc heads; the arena's balance stands for the unseen rest."""

    arena: F
    sup: F
    """(R, G) share of each bloc backing the challengers."""
    heads: F
    """(G,) voting members of each bloc of the higher body."""
    shown: F
    """(R, G) members of each bloc shown at the seat."""
    voters: Ints
    """(R,) voting members of the higher body (at least one)."""
    named_yes: Ints
    shown_yes: F
    """(R,) members shown at the seat backing the challengers, named ones apart."""
    shown_all: F
    named_all: Ints

    def vectors(self) -> F:
        """(4, G, R) per bloc: heads backing, heads, shown backing, shown (laid out so that
        each quantity of a bloc is one whole row)."""
        runs, n_groups = self.sup.shape
        out = np.empty((4, n_groups, runs))
        sup = self.sup.T
        np.multiply(self.heads[:, None], sup, out=out[0])
        out[1] = self.heads[:, None]
        np.multiply(self.shown.T, sup, out=out[2])
        out[3] = self.shown.T
        return out

    def blend(self, k: F, here: B) -> F:
        """(R, X) share backing the challengers among the members seen, the rest taken as the
        arena, for X viewers who know the blocs whose sums of :meth:`vectors` are in ``k``
        (R, X, 4) and who, if ``here`` (at the seat), also see the named members and the
        members of the other blocs shown there."""
        arena = self.arena
        num = k[:, :, 0] + here * (self.shown_yes[:, None] - k[:, :, 2] + self.named_yes[:, None])
        den = k[:, :, 1] + here * (self.shown_all[:, None] - k[:, :, 3] + self.named_all[:, None])
        known = np.minimum(den / self.voters[:, None], 1.0)
        fallback = np.repeat(arena[:, None], k.shape[1], 1)
        observed = np.divide(num, den, out=fallback, where=den > 0)
        return np.asarray((1.0 - known) * arena[:, None] + known * observed)

    def blend_patterns(self, sums: F) -> F:
        """(2P, R) :meth:`blend` for P patterns of known blocs (their sums in ``sums``
        (4, P, R)), away from the seat, then at it."""
        k0, k1, k2, k3 = sums
        away, here = slice(0, len(k0)), slice(len(k0), 2 * len(k0))
        num, den = np.empty((2, 2 * len(k0), len(self.arena)))
        # Away from the seat, ``here * (...)`` is a zero that leaves k0 and k1 as they are.
        num[away], den[away] = k0, k1
        np.add(k0, self.shown_yes[None, :] - k2 + self.named_yes[None, :], out=num[here])
        np.add(k1, self.shown_all[None, :] - k3 + self.named_all[None, :], out=den[here])
        known = np.divide(den, self.voters[None, :])
        np.minimum(known, 1.0, out=known)
        arena = self.arena[None, :]
        fallback = np.repeat(arena, len(den), 0)
        observed = np.divide(num, den, out=fallback, where=den > 0)
        observed *= known
        out = np.subtract(1.0, known, out=known)
        out *= arena
        out += observed
        return out

    def groups(self, present: Ints, in_plenum: B) -> F:
        """(R, G) the balance each bloc sees: in plenum, the members present; else the
        arena's."""
        arena = self.arena
        g_num = self.shown_yes + self.named_yes
        g_den = self.shown_all + self.named_all
        g_obs = np.divide(g_num, g_den, out=arena.copy(), where=g_den > 0)
        g_known = np.minimum(g_den / self.voters, 1.0)
        g_view = (1.0 - g_known) * arena + g_known * g_obs
        return np.where((present > 0) & in_plenum[:, None], g_view[:, None], arena[:, None])


def _known(c: CompiledScenario, ch: CompiledChallenge, sides: I8, blocs: Blocs) -> list[B]:
    """For each signature, (R, A) whether an actor knows the minds of its blocs: they are tied
    to him, or to someone he is tied to and not opposed to."""
    side = sides.astype(np.int8)
    side[:, ch.target] = -1
    side[:, ch.leaders] = 1
    friendly = (c.tie_kind >= 0) & (c.tie_kind != 3)
    out = []
    for tied in blocs.tied:
        knows = np.zeros(side.shape, dtype=bool)
        for j in tied:
            knows[:, j] = True
            agree = (side * side[:, j : j + 1]) >= 0
            knows |= friendly[None, :, j] & agree
        out.append(knows)
    return out
