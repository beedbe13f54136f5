"""The terms of the default model's utilities, as arrays over runs.

:func:`social_terms` computes the terms that follow from the sides, presence and public acts of
each run, :func:`balance_terms` those that follow from the balance it perceives: these change in
few runs from one step to the next, and the decision model remembers them run by run
(:class:`politburo.engine.numerics.memo.RowMemo`) and adds the terms of the moment.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from politburo.arrays import Bools, Floats, Ints
from politburo.engine.numerics.linalg import rows_matmul

__all__ = [
    "Betrayals",
    "Constants",
    "balance_terms",
    "betrayal_layers",
    "sigmoid_in_place",
    "social_terms",
]

Betrayals = tuple[Ints, Ints, Floats]
"""Clients, their patrons and the push of betraying each (one patron per client)."""


def sigmoid_in_place(x: Floats) -> Floats:
    """The logistic function of a new array, computed in its place."""
    np.negative(x, out=x)
    np.exp(x, out=x)
    x += 1.0
    return np.divide(1.0, x, out=x)


def betrayal_layers(clients: Ints, patrons: Ints, gains: Floats) -> list[Betrayals]:
    """Client-patron pairs in layers holding each client at most once: a client's first
    patron in the first layer, his second in the second, and so on.

    >>> [c.tolist() for c, _, _ in betrayal_layers(np.array([0, 0, 2]), np.array([1, 2, 0]),
    ...                                            np.ones(3))]
    [[0, 2], [0]]
    """
    order = np.zeros(len(clients), dtype=np.int64)
    for k in range(1, len(clients)):
        order[k] = order[k - 1] + 1 if clients[k] == clients[k - 1] else 0
    return [
        (clients[order == n], patrons[order == n], gains[order == n])
        for n in range(int(order.max()) + 1 if len(order) else 0)
    ]


@dataclass(frozen=True)
class Constants:
    """What the utilities of a challenge use that does not change during it."""

    fixed: Floats
    principal: Bools
    principals: Ints
    policy: Floats
    social: list[tuple[str, Floats]]
    """Each social term: its name and its value when absent (toward the principals only)."""
    weights: Floats
    """(A, 3 A + G) the social terms' matrices, then the blocs' ties, transposed (a view in
    column order, as each matrix's own transpose is: the products sum in the same order)."""
    follow: Floats
    hold: Floats
    lead: Floats
    exposed: Floats
    g_policy: Floats
    lean: list[float]
    betrayals: list[Betrayals]


def social_terms(
    k: Constants,
    p: dict[str, float],
    sides: npt.NDArray[np.int8],
    present: Bools,
    public: npt.NDArray[np.int16],
) -> tuple[Floats, ...]:
    """The terms of each run that follow from sides, presence and public acts: ties,
    grievance, fear and commitment; the sum of policy, ties, grievance and fear; and for each
    share of each bloc the sum of its policy, ties and lean (rows: runs)."""
    side = sides.astype(np.float64)
    side[:, k.principals] = k.fixed[k.principals]
    seen = np.where(present | k.principal[None, :], side, 0.0)
    # One product gives every social term of the actors and the blocs' ties.
    social = rows_matmul(seen, k.weights)
    n = side.shape[1]
    terms = [
        np.where(present, social[:, j * n : (j + 1) * n], far[None, :])
        for j, (_, far) in enumerate(k.social)
    ]
    terms[0] += _betrayed(public, side, k.betrayals)
    public_acts = p["public"] * np.minimum(public, 3) / 3.0
    commitment = sides * (k.hold[None, :] + public_acts) + k.lead[None, :]
    prefix = np.zeros(side.shape)
    prefix += k.policy[None, :]
    for term in terms:
        prefix += term
    base = k.g_policy[None, :] + social[:, len(k.social) * n :]
    return (*terms, commitment, prefix, *(base + lean for lean in k.lean))


def balance_terms(
    k: Constants, p: dict[str, float], threshold: float, perceived: Floats, groups: Floats
) -> tuple[Floats, ...]:
    """The terms of each run that follow from the perceived balance: bandwagon and
    ``2 odds - 1`` of the risk term, of the actors (R, A) and of the blocs (R, G)."""
    steep = p["risk.steepness"]
    return (
        k.follow[None, :] * (2.0 * perceived - 1.0),
        2.0 * sigmoid_in_place(steep * (perceived - threshold)) - 1.0,
        p["bandwagon"] * (2.0 * groups - 1.0),
        2.0 * sigmoid_in_place(steep * (groups - threshold)) - 1.0,
    )


def _betrayed(public: npt.NDArray[np.int16], side: Floats, layers: list[Betrayals]) -> Floats:
    """Extra push from patrons the actor has publicly opposed: the pull of the tie turns into
    a push of ``betrayal`` times its size."""
    out = np.zeros(side.shape)
    for clients, patrons, gain in layers:
        theirs = side[:, patrons]
        opposed = (public[:, clients] > 0) & (side[:, clients] * theirs < 0)
        out[:, clients] += np.where(opposed, gain[None, :] * theirs, 0.0)
    return out
