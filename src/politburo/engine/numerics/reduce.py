"""Reductions of boolean arrays over runs and actors, faster than NumPy's for many short rows.

NumPy reduces an (R, A) array along its short rows (a few dozen actors) one row at a time,
at a cost per row that dwarfs the work. These helpers give the same results by other means;
they are for booleans only, whose counts and tests do not depend on the order of the sums.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from politburo.arrays import Bools as B

__all__ = ["BYTE_WIDTH", "MANY_ROWS", "column_any", "row_any", "row_count"]


def row_any(mask: B) -> B:
    """(R,) ``mask.any(axis=1)`` for ``mask`` (R, n).

    >>> row_any(np.array([[False, False], [True, False], [False, True]])).tolist()
    [False, True, True]
    >>> bool(row_any(np.eye(300, dtype=bool)).all())
    True
    """
    if _by_bytes(mask):
        return np.asarray(_byte_counts(mask) != 0)
    return np.asarray(mask.any(axis=1))


def column_any(mask: B) -> B:
    """(n,) ``mask.any(axis=0)`` for ``mask`` (R, n): the first true element of a column is
    found without reading the rest (and a mask with none is read only once).

    >>> column_any(np.array([[False, True, False], [False, True, True]])).tolist()
    [False, True, True]
    """
    if not mask.any():
        return np.zeros(mask.shape[1], dtype=bool)
    return np.asarray((mask.argmax(axis=0) > 0) | mask[0])


def row_count(mask: B) -> npt.NDArray[np.int64]:
    """(R,) ``mask.sum(axis=1)`` for ``mask`` (R, n).

    >>> row_count(np.array([[True, False, True], [False, False, False]])).tolist()
    [2, 0]
    >>> row_count(np.ones((300, 3), dtype=bool))[:2].tolist()
    [3, 3]
    """
    if _by_bytes(mask):
        return _byte_counts(mask).astype(np.int64)
    return np.asarray(mask.sum(axis=1))


BYTE_WIDTH = 256
"""Rows narrower than this are counted in bytes: no row's count can overflow one."""

MANY_ROWS = 256
"""From this many rows on, counting in bytes is quicker (below, its fixed cost is not)."""


def _by_bytes(mask: B) -> bool:
    """Whether to count the rows of ``mask`` in bytes."""
    rows, width = mask.shape
    return bool(rows >= MANY_ROWS and width < BYTE_WIDTH)


def _byte_counts(mask: B) -> npt.NDArray[np.uint8]:
    """(R,) the true elements of each row of ``mask`` (R, n < 256), summed as bytes (the sums
    of a byte array run along whole rows, where NumPy's sums go row by row)."""
    return np.asarray(np.einsum("ij->i", mask.view(np.uint8)))
