"""Affinity of voters for candidates in a ballot: the terms of a multinomial choice.

A ballot is not a choice of side but among candidates. The affinity of voter *i* for
candidate *j* is built from the same data as the side utility (see docs/model.md, "Ballots
among candidates"): the distance of their stances, *i*'s ties to *j*, his grievances against
and fears of *j*; a candidate's regard for himself; for the shares of a bloc, their lean
toward the incumbent or away from him, applied to each candidate by his alignment with the
incumbent. Voters choose by a multinomial logit over the candidates who stand ([McFadden1974]).

References
----------
.. [McFadden1974] McFadden (1974), "Conditional logit analysis of qualitative choice behavior".
.. [Downs1957] Downs (1957), "An Economic Theory of Democracy" (spatial voting).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from politburo.arrays import Floats
from politburo.engine.compile import TIE_KINDS, CompiledChallenge, CompiledScenario

__all__ = ["BallotWeights", "alignment", "candidate_affinity", "policy_distance"]


@dataclass(frozen=True)
class BallotWeights:
    """The weights of the affinity's terms, from a decision model's parameters."""

    policy: float = 1.0
    group_policy: float = 1.0
    ties: Floats | None = None
    """(A, A) signed tie weights (already times the model's weight of ties), or none."""
    group_ties: Floats | None = None
    grievance: float = 0.0
    fear: float = 0.0
    own: float = 1.0
    """A candidate's regard for his own candidacy (and a leader's for his side's)."""
    lean: float = 1.0


def policy_distance(stance: Floats, salience: Floats, other: Floats) -> Floats:
    """(N, M) salience-weighted mean of half the distance of each row's stances to each of
    ``other``'s rows, over the issues both have (0 where they share none).

    >>> policy_distance(np.array([[1.0]]), np.ones((1, 1)), np.array([[-1.0], [1.0]])).tolist()
    [[1.0, 0.0]]
    """
    both = ~np.isnan(stance)[:, None, :] & ~np.isnan(other)[None, :, :]
    weight = np.where(both, salience[:, None, :], 0.0)
    gap = np.abs(np.nan_to_num(stance)[:, None, :] - np.nan_to_num(other)[None, :, :]) / 2.0
    total = weight.sum(axis=2)
    out: Floats = np.divide(
        (gap * weight).sum(axis=2), total, out=np.zeros(total.shape), where=total > 0
    )
    return out


def alignment(c: CompiledScenario, ch: CompiledChallenge) -> Floats:
    """(A,) each actor's alignment with the incumbent in [-1, 1]: the target +1, the leaders
    and declared candidates -1, anyone else his strongest tie with the target (patrons,
    clients and allies plus, rivals minus), 0 if none."""
    signs = np.array([1.0, 1.0, 1.0, -1.0, 0.0])
    assert len(signs) == len(TIE_KINDS) + 1

    def signed(kind: np.ndarray, strength: Floats) -> Floats:
        return np.asarray(signs[np.where(kind < 0, len(TIE_KINDS), kind)] * strength)

    to = signed(c.tie_kind[:, ch.target], c.tie_strength[:, ch.target])
    back = signed(c.tie_kind[ch.target, :], c.tie_strength[ch.target, :])
    align = np.where(np.abs(back) > np.abs(to), back, to)
    align = np.clip(align, -1.0, 1.0)
    align[ch.leaders] = -1.0
    align[ch.candidates] = -1.0
    align[ch.target] = 1.0
    return align


def candidate_affinity(
    c: CompiledScenario, ch: CompiledChallenge, w: BallotWeights
) -> tuple[Floats, Floats]:
    """(A, A) affinity of each actor for each actor as candidate, and (G, 3, A) of the loyal,
    wavering and hostile shares of each bloc."""
    actors = -w.policy * policy_distance(c.stance, c.salience, c.stance)
    if w.ties is not None:
        actors += w.ties
    actors -= w.grievance * c.grievance + w.fear * c.fear
    np.fill_diagonal(actors, w.own)
    declared = np.zeros(c.n_actors, dtype=bool)
    declared[ch.candidates] = True
    for leader in ch.leaders.tolist():
        if not declared[leader]:
            actors[leader, declared] += w.own
    groups = -w.group_policy * policy_distance(c.group_stance, c.group_salience, c.stance)
    if w.group_ties is not None:
        groups = groups + w.group_ties
    lean = np.array([1.0, 0.0, -1.0]) * w.lean
    by_share = groups[:, None, :] + lean[None, :, None] * alignment(c, ch)[None, None, :]
    return actors, by_share
