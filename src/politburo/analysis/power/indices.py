"""Banzhaf and Shapley-Shubik indices of weighted voting games, by generating functions.

A player *swings* in a coalition of others that loses without it and wins with it. The
**Banzhaf** index counts swings: ``eta_i``, the number of coalitions of the others whose weight
lies in ``[q - w_i, q)``; the *absolute* index is ``eta_i / 2**(n - 1)`` (the chance of being
decisive when every other player votes yes or no with even odds) and the *normalized* index is
``eta_i / sum_j eta_j`` [1]_. The **Shapley-Shubik** index is the share of the ``n!`` orders
of voting in which the player is pivotal, the one who first brings the tally to the quota:
``sum_s c_i(s) s! (n - 1 - s)! / n!`` with ``c_i(s)`` the swings in coalitions of size ``s``
[2]_. Both counts come from the generating functions of the game [3]_ [4]_ (see
:mod:`politburo.analysis.power._dp`), in time proportional to ``n * q`` (Banzhaf) and about
``n * n * q`` (Shapley-Shubik), not ``2**n``.

Exactness. Counts are exact integers (and the indices exact fractions) when they fit: int64
for up to 62 players of non-zero weight, Python integers beyond while the work stays below
:data:`EXACT_WORK` (about 400 players of weights 1 to 5 for Shapley-Shubik, thousands for
Banzhaf). Larger games use float64 tables scaled so that nothing overflows and every update
adds non-negative numbers; the result states ``exact=False`` and a bound ``max_abs_error`` on
the error of every value. ``exact=True`` forces exact integers at any size.

Two identities shrink every game first: weights and quota are divided by their common divisor,
and a quota ``q`` is replaced by ``min(q, W - q + 1)``, since a coalition of the others lies in
the window of ``q`` exactly when its complement lies in the window of ``W - q + 1``. Players of
weight zero are null players and leave the others' indices unchanged.

Examples
--------
The Council of the EEC, 1958: France, Germany, Italy 4 votes, Belgium and the Netherlands 2,
Luxembourg 1, quota 12. Luxembourg never swings.

>>> from politburo.analysis.power.game import WeightedGame
>>> eec = WeightedGame((4, 4, 4, 2, 2, 1), 12, ("FR", "DE", "IT", "BE", "NL", "LU"))
>>> [str(f) for f in banzhaf(eec).fractions]
['5/21', '5/21', '5/21', '1/7', '1/7', '0']
>>> [str(f) for f in shapley_shubik(eec).fractions]
['7/30', '7/30', '7/30', '3/20', '3/20', '0']
>>> banzhaf(eec).swings
(10, 10, 10, 6, 6, 0)

References
----------
.. [1] Banzhaf, J. F. (1965). Weighted voting doesn't work: a mathematical analysis. *Rutgers
   Law Review* 19, 317-343.
.. [2] Shapley, L. S. and Shubik, M. (1954). A method for evaluating the distribution of power
   in a committee system. *American Political Science Review* 48, 787-792.
.. [3] Mann, I. and Shapley, L. S. (1962). Values of large games, VI: evaluating the Electoral
   College exactly. RAND Memorandum RM-3158-PR.
.. [4] Brams, S. J. and Affuso, P. J. (1976). Power and size: a new paradox. *Theory and
   Decision* 7, 29-56.
.. [5] Felsenthal, D. S. and Machover, M. (1998). *The Measurement of Voting Power*. Edward
   Elgar.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from politburo.analysis.power import _dp
from politburo.analysis.power.game import WeightedGame
from politburo.errors import PolitburoError, Problem

__all__ = [
    "EXACT_WORK",
    "INDEX_NAMES",
    "IndexName",
    "PowerIndex",
    "banzhaf",
    "power_index",
    "shapley_shubik",
    "swing_counts",
]

IndexName = Literal["banzhaf", "banzhaf_absolute", "shapley_shubik"]
INDEX_NAMES: tuple[IndexName, ...] = ("banzhaf", "banzhaf_absolute", "shapley_shubik")

EXACT_WORK = {"banzhaf": 10**7, "shapley_shubik": 10**8}
"""Largest work estimate (players x table cells) for which ``exact=None`` chooses exact
Python integers beyond int64; above it the float64 tables are used."""

_U = 2.0**-53


@dataclass(frozen=True)
class PowerIndex:
    """The power of every player of a game under one index.

    Attributes
    ----------
    index
        ``"banzhaf"`` (normalized), ``"banzhaf_absolute"`` or ``"shapley_shubik"``.
    game
        The game measured.
    values
        The index of each player, in the game's player order.
    exact
        Whether the counts were exact integers; then ``fractions`` holds the exact values and
        ``values`` their correctly rounded floats.
    max_abs_error
        Bound on ``|values[i] - true value|`` for every player.
    fractions
        Exact values, or ``None`` when computed in floating point.
    swings
        Banzhaf only, when exact: the number of coalitions of the others in which each player
        is decisive.
    """

    index: IndexName
    game: WeightedGame
    values: tuple[float, ...]
    exact: bool
    max_abs_error: float
    fractions: tuple[Fraction, ...] | None = None
    swings: tuple[int, ...] | None = None

    @property
    def players(self) -> tuple[str, ...]:
        """Player names, in order."""
        return self.game.players

    def __getitem__(self, player: str) -> float:
        return self.values[self.game.index_of(player)]

    def __iter__(self) -> Iterator[tuple[str, float]]:
        return iter(zip(self.game.players, self.values, strict=True))

    def as_dict(self) -> dict[str, float]:
        """``{player: value}`` in player order."""
        return dict(zip(self.game.players, self.values, strict=True))


@dataclass(frozen=True)
class _Reduced:
    weights: tuple[int, ...]
    quota: int
    n: int
    zeros: int

    @property
    def wtop(self) -> int:
        return max(self.weights)


def _reduce(game: WeightedGame) -> _Reduced:
    weights, quota = game.reduced()
    positive = tuple(w for w in weights if w > 0)
    quota = min(quota, sum(positive) - quota + 1)
    return _Reduced(positive, quota, len(positive), game.n - len(positive))


def _mode(r: _Reduced, exact: bool | None, kind: str) -> _dp.Mode:
    if r.n <= _dp.INT64_MAX_PLAYERS and exact is not False:
        return "int64"
    if exact is None:
        rows = 1 if kind == "banzhaf" else min(r.n, r.quota)
        exact = r.n * rows * r.quota <= EXACT_WORK[kind]
    return "object" if exact else "float"


def _float_error(r: _Reduced, values: tuple[float, ...]) -> float:
    """Bound on the absolute error of float64 results (relative bound times the largest value,
    plus room for underflow); see the module docstring of :mod:`._dp`."""
    relative = (4 * r.n + 2 * r.wtop + 10) * _U
    return relative * max(values) + 2.0**-1022


def swing_counts(game: WeightedGame) -> tuple[int, ...]:
    """Exact number of coalitions of the other players in which each player swings.

    Examples
    --------
    >>> swing_counts(WeightedGame((2, 1, 1), 3))
    (3, 1, 1)
    """
    counts = banzhaf(game, exact=True).swings
    assert counts is not None
    return counts


def banzhaf(game: WeightedGame, *, absolute: bool = False, exact: bool | None = None) -> PowerIndex:
    """The Banzhaf index of every player, normalized (default) or absolute.

    Parameters
    ----------
    game
        The weighted voting game.
    absolute
        Return ``eta_i / 2**(n - 1)`` instead of ``eta_i / sum_j eta_j``.
    exact
        ``True`` for exact integers at any size, ``False`` for float64, ``None`` to choose
        (exact while cheap, see :data:`EXACT_WORK`).

    Examples
    --------
    >>> game = WeightedGame((2, 1, 1), 3)
    >>> banzhaf(game).values, banzhaf(game, absolute=True).values
    ((0.6, 0.2, 0.2), (0.75, 0.25, 0.25))
    """
    r = _reduce(game)
    mode = _mode(r, exact, "banzhaf")
    by_weight = _dp.window_counts_1d(r.weights, r.quota, mode)
    reduced, _ = game.reduced()
    index: IndexName = "banzhaf_absolute" if absolute else "banzhaf"
    if mode != "float":
        swings = tuple(by_weight[w] << r.zeros if w > 0 else 0 for w in reduced)
        scale = sum(swings) if not absolute else 2 ** (game.n - 1)
        fractions = tuple(Fraction(s, scale) for s in swings)
        values = tuple(float(f) for f in fractions)
        return PowerIndex(index, game, values, True, _U, fractions, swings)
    raw = tuple(by_weight[w] if w > 0 else 0.0 for w in reduced)
    total = math.fsum(raw)
    values = raw if absolute else tuple(x / total for x in raw)
    return PowerIndex(index, game, values, False, _float_error(r, values))


def shapley_shubik(game: WeightedGame, *, exact: bool | None = None) -> PowerIndex:
    """The Shapley-Shubik index of every player.

    Parameters
    ----------
    game
        The weighted voting game.
    exact
        ``True`` for exact integers at any size, ``False`` for float64, ``None`` to choose
        (exact while cheap, see :data:`EXACT_WORK`).

    Examples
    --------
    >>> shapley_shubik(WeightedGame((2, 1, 1), 3)).values == (2 / 3, 1 / 6, 1 / 6)
    True
    """
    r = _reduce(game)
    mode = _mode(r, exact, "shapley_shubik")
    by_weight = _dp.window_counts_2d(r.weights, r.quota, mode)
    reduced, _ = game.reduced()
    n1 = r.n - 1
    if mode != "float":
        fact = [1] * (r.n + 1)
        for k in range(1, r.n + 1):
            fact[k] = fact[k - 1] * k
        exact_value = {
            w: Fraction(sum(c * fact[s] * fact[n1 - s] for s, c in enumerate(counts)), fact[r.n])
            for w, counts in by_weight.items()
        }
        fractions = tuple(exact_value[w] if w > 0 else Fraction(0) for w in reduced)
        values = tuple(float(f) for f in fractions)
        return PowerIndex("shapley_shubik", game, values, True, _U, fractions)
    by_value = {w: math.fsum(scaled) / r.n for w, scaled in by_weight.items()}
    values = tuple(by_value[w] if w > 0 else 0.0 for w in reduced)
    return PowerIndex("shapley_shubik", game, values, False, _float_error(r, values))


def power_index(game: WeightedGame, index: str, *, exact: bool | None = None) -> PowerIndex:
    """Dispatch on an index name: ``banzhaf``, ``banzhaf_absolute``, ``shapley_shubik``
    (or ``shapley``).

    Raises
    ------
    PolitburoError
        For an unknown index name.
    """
    name = index.strip().lower().replace("-", "_")
    if name in ("banzhaf", "banzhaf_normalized"):
        return banzhaf(game, exact=exact)
    if name == "banzhaf_absolute":
        return banzhaf(game, absolute=True, exact=exact)
    if name in ("shapley", "shapley_shubik", "ss"):
        return shapley_shubik(game, exact=exact)
    known = ", ".join(INDEX_NAMES)
    raise PolitburoError(Problem(f"unknown index {index!r}; known: {known}", field="index"))
