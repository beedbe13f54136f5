"""Ballot rules as indices and numbers: what :mod:`politburo.engine.procedures.ballot` runs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from politburo.arrays import Bools
from politburo.scenario.schema import Body

__all__ = ["CompiledBallot", "CompiledRound", "compile_ballot"]

COUNT_BASES: tuple[str, ...] = ("votes", "present", "members")
"""What a round's shares are of, by code."""


@dataclass(frozen=True)
class CompiledRound:
    """One round: the winner's share of ``of`` and lead as a share of ``margin_of``."""

    threshold: float
    of: int
    margin: float
    margin_of: int
    open: bool
    top: int
    """Only the leading ``top`` of the previous round stand; 0: no run-off."""
    drop_lowest: bool
    after_days: int = 0


@dataclass(frozen=True, eq=False)
class CompiledBallot:
    """How the arena elects the holder of the challenge's office."""

    spill: bool
    incumbent_may_stand: bool
    eligible: Bools
    """(K,): whether each rank of the arena may stand."""
    rounds: tuple[CompiledRound, ...]

    def round(self, k: int) -> CompiledRound:
        """The rule of round ``k`` (from 0): the last one repeats."""
        return self.rounds[min(k, len(self.rounds) - 1)]


def compile_ballot(body: Body, office: str) -> CompiledBallot | None:
    """The body's ballot rule for ``office``, or ``None`` if it elects without one."""
    rule = next((r for r in body.ballots if r.office == office), None)
    if rule is None:
        return None
    eligible = np.array(
        [(r.id in rule.eligible) if rule.eligible else r.vote for r in body.ranks], dtype=bool
    )
    rounds = tuple(
        CompiledRound(
            threshold=r.threshold,
            of=COUNT_BASES.index(r.of),
            margin=r.margin,
            margin_of=COUNT_BASES.index(r.margin_of),
            open=r.open,
            top=r.top or 0,
            drop_lowest=r.drop_lowest,
            after_days=r.after_days,
        )
        for r in rule.rounds
    )
    return CompiledBallot(rule.spill, rule.incumbent_may_stand, eligible, rounds)
