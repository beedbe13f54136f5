"""Matrix products over many runs that stay on one thread.

A BLAS library splits a large enough product over threads; the products of the engine are
many and small (runs x actors by actors x actors), and on a busy machine the threads cost far
more than they save. :func:`rows_matmul` hands the library slices of rows small enough that it
keeps each on one thread. A row's result does not depend on the slice it is in (a slice has at
least two rows: the product of one row may be summed in another order).
"""

from __future__ import annotations

import numpy as np

from politburo.arrays import Floats as F

__all__ = ["ONE_THREAD_WORK", "rows_matmul"]


ONE_THREAD_WORK = 1 << 17
"""Multiply-adds per product below which BLAS libraries use one thread (OpenBLAS: 2**18)."""


def rows_matmul(a: F, b: F) -> F:
    """``a @ b`` for ``a`` (R, K) and ``b`` (K, N), a slice of rows at a time.

    >>> a = np.arange(12.0).reshape(6, 2); b = np.ones((2, 3))
    >>> bool((rows_matmul(a, b) == a @ b).all())
    True
    """
    runs = a.shape[0]
    rows = max(ONE_THREAD_WORK // max(b.shape[0] * b.shape[1], 1), 2)
    if runs <= rows:
        return np.asarray(a @ b)
    # Slices of equal size (to within a row), so that none has a single row: a product of
    # one row is a matrix-vector product, whose sums a library may take in another order.
    size = -(-runs // -(-runs // rows))
    out = np.empty((runs, b.shape[1]))
    for lo in range(0, runs, size):
        np.matmul(a[lo : lo + size], b, out=out[lo : lo + size])
    return out
