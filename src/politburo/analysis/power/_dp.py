"""Dynamic programming over coalition weight and size: the generating functions of a game.

For the players other than ``i``, the coefficient of ``x**k`` in ``prod_j (1 + x**w_j)`` counts
the coalitions of weight ``k`` [2]_; with a second variable ``y`` marking size,
``prod_j (1 + y * x**w_j)`` counts them by size and weight [1]_ [3]_. Player ``i`` swings in
exactly the coalitions whose weight lies in the window ``[q - w_i, q)``. Only coefficients below
``q`` matter, so tables have ``q`` columns.

Three devices keep this fast:

* players of equal weight have equal power, so one representative of each distinct weight is
  left out, and the tables "everyone but one representative" are built by divide and conquer
  over the representatives (``n + d log d`` player steps for ``d`` distinct weights);
* a column ``k`` is only kept while it can still reach a window, given the weight still to be
  added, and a row ``s`` only where size ``s`` can have weight ``k`` (a band), processed in
  chunks of rows;
* tables hold int64 counts when they fit, Python ints (NumPy object arrays) when asked for
  exact results beyond that, and otherwise float64 scaled so that no value overflows: in the
  size-by-weight table row ``s`` is divided by ``C(n - 1, s)``, making every update a
  non-negative combination (relative error grows at most linearly with the number of steps).

Examples
--------
>>> window_counts_1d((4, 4, 4, 2, 2, 1), 12, "int64")
{4: 10, 2: 6, 1: 0}

References
----------
.. [1] Brams, S. J. and Affuso, P. J. (1976). Power and size: a new paradox. *Theory and
   Decision* 7, 29-56.
.. [2] Mann, I. and Shapley, L. S. (1962). Values of large games, VI: evaluating the Electoral
   College exactly. RAND Memorandum RM-3158-PR.
.. [3] Felsenthal, D. S. and Machover, M. (1998). *The Measurement of Voting Power*. Edward
   Elgar.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from politburo.errors import PolitburoError, Problem

__all__ = [
    "ENUMERATE_MAX_PLAYERS",
    "INT64_MAX_PLAYERS",
    "MAX_CELLS",
    "Mode",
    "weight_classes",
    "window_counts_1d",
    "window_counts_2d",
]

Mode = Literal["int64", "object", "float"]

INT64_MAX_PLAYERS = 62
"""Most players (of positive weight) whose coalition counts, below ``2**61``, fit in int64."""

MAX_CELLS = {"int64": 20_000_000, "float": 20_000_000, "object": 4_000_000}
"""Largest table (rows x columns) each mode builds; bigger games are refused, not swapped."""

ENUMERATE_MAX_PLAYERS = 22
"""Most players for which a game too large for the tables is solved by listing coalitions."""

_CHUNK = {"int64": 48, "float": 48, "object": 16}
"""Rows per block in the banded size-by-weight update (Python ints: narrower blocks)."""

_RESCALE = 960
"""Power of two by which float weight tables are scaled down before they could overflow."""


def weight_classes(weights: Sequence[int]) -> tuple[list[int], list[int]]:
    """Distinct positive weights, largest first, and how many players hold each.

    Examples
    --------
    >>> weight_classes([1, 4, 0, 4, 2])
    ([4, 2, 1], [2, 1, 1])
    """
    counts = Counter(w for w in weights if w > 0)
    classes = sorted(counts, reverse=True)
    return classes, [counts[w] for w in classes]


@dataclass
class _Table:
    arr: npt.NDArray[Any]
    added: int = 0
    total: int = 0
    wmin: int = 0
    wmax: int = 0
    exponent: int = 0

    def copy(self) -> _Table:
        return replace(self, arr=self.arr.copy())


_Add = Callable[[_Table, int, int], None]


def _dtype(mode: Mode) -> type[Any]:
    return {"int64": np.int64, "object": object, "float": np.float64}[mode]


def _too_big(cells: int, mode: Mode, players: int) -> bool:
    """Whether listing the coalitions is cheaper than tables of ``cells`` cells (few players,
    large weights); refuses a game too large for either."""
    if players <= ENUMERATE_MAX_PLAYERS and cells > max(2 ** (players - 1), 2**16):
        return True
    if cells <= MAX_CELLS[mode]:
        return False
    raise PolitburoError(
        Problem(
            f"game too large: {players} players and {cells:,} table cells (limit "
            f"{MAX_CELLS[mode]:,}); weights this large need fewer players or a smaller scale",
            field="weights",
        )
    )


def _enumerated(weights: Sequence[int], quota: int) -> dict[int, list[int]]:
    """Swings by coalition size for each distinct weight, listing all ``2**(n - 1)``
    coalitions of the others: for few players with weights too large for tables."""
    positive = [w for w in weights if w > 0]
    dtype: type[Any] = np.int64 if sum(positive) < 2**62 else object
    out: dict[int, list[int]] = {}
    for w in weight_classes(positive)[0]:
        others = list(positive)
        others.remove(w)
        sums = np.zeros(1, dtype=dtype)
        sizes = np.zeros(1, dtype=np.int64)
        for x in others:
            sums = np.concatenate([sums, sums + x])
            sizes = np.concatenate([sizes, sizes + 1])
        hit = ((sums >= quota - w) & (sums < quota)).astype(bool)
        out[w] = [int(c) for c in np.bincount(sizes[hit], minlength=len(others) + 1)]
    return out


def _run(
    weights: Sequence[int], start: _Table, add: _Add, finish: Callable[[_Table, int], None]
) -> None:
    """Add every player but one per distinct weight, then branch over the representatives.

    ``finish(table, w)`` receives the table of all players except one of weight ``w``.
    """
    classes, counts = weight_classes(weights)
    reps = classes
    rest = [w for w, c in zip(classes, counts, strict=True) for _ in range(c - 1)]
    future = sum(reps) - min(reps)
    pending = sum(rest)
    for w in rest:
        pending -= w
        add(start, w, pending + future)

    def extend(tab: _Table, adds: list[int], keep: list[int]) -> None:
        later = sum(keep) - min(keep)
        left = sum(adds)
        for w in adds:
            left -= w
            add(tab, w, left + later)

    def solve(tab: _Table, lo: int, hi: int) -> None:
        if hi - lo == 1:
            finish(tab, reps[lo])
            return
        mid = (lo + hi) // 2
        first = tab.copy()
        extend(first, reps[mid:hi], reps[lo:mid])
        solve(first, lo, mid)
        extend(tab, reps[lo:mid], reps[mid:hi])
        solve(tab, mid, hi)

    solve(start, 0, len(reps))


def window_counts_1d(weights: Sequence[int], quota: int, mode: Mode) -> dict[int, Any]:
    """Swings of one player of each distinct weight: coalitions of the others with weight in
    ``[quota - w, quota)``.

    Exact ``int`` counts in modes ``"int64"`` and ``"object"``; in mode ``"float"`` the count
    divided by ``2 ** (n - 1)`` (the absolute Banzhaf index), ``n`` counting positive weights.
    """
    n = sum(1 for w in weights if w > 0)
    q = quota
    wtop = max(weights)
    if _too_big(q, mode, n):
        listed = {w: sum(c) for w, c in _enumerated(weights, q).items()}
        if mode == "float":
            return {w: c / 2 ** (n - 1) for w, c in listed.items()}
        return listed
    arr = np.zeros(q, dtype=_dtype(mode))
    arr[0] = 1
    out: dict[int, Any] = {}

    def add(tab: _Table, w: int, remaining: int) -> None:
        lo = max(0, q - wtop - remaining)
        tab.added += 1
        tab.total += w
        k0, k1 = max(lo, w), min(q - 1, tab.total)
        if k0 <= k1:
            tab.arr[k0 : k1 + 1] += tab.arr[k0 - w : k1 - w + 1]
        if mode == "float" and tab.added - tab.exponent >= _RESCALE:
            tab.arr *= 2.0**-_RESCALE
            tab.exponent += _RESCALE

    def finish(tab: _Table, w: int) -> None:
        window = tab.arr[max(0, q - w) : q]
        if mode == "float":
            out[w] = float(np.ldexp(float(window.sum()), tab.exponent - (n - 1)))
        else:
            out[w] = sum(int(x) for x in window)

    _run(weights, _Table(arr), add, finish)
    return out


def window_counts_2d(weights: Sequence[int], quota: int, mode: Mode) -> dict[int, list[Any]]:
    """Swings of one player of each distinct weight, by the size ``s`` of the coalition joined.

    Entry ``s`` of the list for weight ``w`` is the number of coalitions of ``s`` other
    players with weight in ``[quota - w, quota)``: an exact ``int`` in modes ``"int64"`` and
    ``"object"``; in mode ``"float"`` that number divided by ``C(n - 1, s)``.
    """
    positive = [w for w in weights if w > 0]
    n1 = len(positive) - 1
    q = quota
    wtop = max(positive)
    rows = min(n1, (q - 1) // min(positive)) + 1
    if _too_big(rows * q, mode, n1 + 1):
        listed = _enumerated(positive, q)
        if mode == "float":
            return {w: [c / math.comb(n1, s) for s, c in enumerate(cs)] for w, cs in listed.items()}
        return listed
    arr = np.zeros((rows, q), dtype=_dtype(mode))
    arr[0, 0] = 1
    ratio: npt.NDArray[np.float64] | None = None
    if mode == "float":
        s = np.arange(rows, dtype=np.float64)
        ratio = np.zeros((rows, 1))
        ratio[1:, 0] = s[1:] / (n1 - s[1:] + 1)
    out: dict[int, list[Any]] = {}
    chunk = _CHUNK[mode]

    def add(tab: _Table, w: int, remaining: int) -> None:
        lo = max(0, q - wtop - remaining)
        wmin_old, wmax_old = tab.wmin, tab.wmax
        tab.added += 1
        tab.total += w
        tab.wmin = w if tab.added == 1 else min(tab.wmin, w)
        tab.wmax = max(tab.wmax, w)
        if w >= q:
            return
        s_hi = min(tab.added, rows - 1, (q - 1) // tab.wmin)
        s_lo = max(1, -(-lo // tab.wmax))
        b = s_hi
        while b >= s_lo:
            a = max(s_lo, b - chunk + 1)
            k0 = max(lo, w, (a - 1) * wmin_old + w)
            k1 = min(q - 1, (b - 1) * wmax_old + w, tab.total)
            if k0 <= k1:
                src = tab.arr[a - 1 : b, k0 - w : k1 - w + 1]
                dst = tab.arr[a : b + 1, k0 : k1 + 1]
                if ratio is None:
                    dst += src
                else:
                    dst += src * ratio[a : b + 1]
            b = a - 1

    def finish(tab: _Table, w: int) -> None:
        window = tab.arr[:, max(0, q - w) : q]
        if mode == "float":
            out[w] = [float(x) for x in window.sum(axis=1)]
        else:
            out[w] = [sum(int(x) for x in row) for row in window]

    _run(positive, _Table(arr), add, finish)
    return out
