"""Row-wise memory: recompute a function of the runs' state only for the runs whose state moved.

The engine's heaviest steps (what each actor perceives, the terms of his decision that do not
depend on the urgency of the moment) are functions of each run's row of a few arrays. From one
session to the next most runs' rows do not change. A :class:`RowMemo` keeps a function's last
inputs and outputs and recomputes only the rows whose inputs differ, bit for bit, merging them
into copies of the old outputs.

The function must compute each row from that row of its inputs alone, with the same arithmetic
whatever rows it is given. Matrix products qualify as long as a product over several rows is
not handed a single row (a library may sum a matrix-vector product in another order): the memo
never recomputes a lone row of a larger batch on its own.

>>> memo = RowMemo()
>>> double = lambda x: (2 * x[0],)
>>> a = np.array([[1.0], [2.0], [3.0]])
>>> memo.get(("x",), (a,), double)[0].ravel().tolist()
[2.0, 4.0, 6.0]
>>> b = np.array([[1.0], [5.0], [3.0]])
>>> memo.get(("x",), (b,), double)[0].ravel().tolist()
[2.0, 10.0, 6.0]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from politburo.engine.numerics.reduce import row_any

__all__ = ["MOST_CHANGED", "Arrays", "RowMemo"]

Arrays = tuple[npt.NDArray[Any], ...]

MOST_CHANGED = 0.5
"""Above this share of changed rows the whole batch is recomputed (gathering and scattering
rows then costs more than it saves)."""


@dataclass
class RowMemo:
    """The last inputs and outputs of a row-wise function (see the module's description)."""

    key: object = None
    inputs: Arrays = ()
    outputs: Arrays = ()

    def get(self, key: object, inputs: Arrays, compute: Callable[[Arrays], Arrays]) -> Arrays:
        """``compute(inputs)``, from the last outputs where the rows of ``inputs`` have not
        changed; ``key`` holds what else the outputs depend on (a change recomputes all)."""
        runs = len(inputs[0])
        same = key == self.key and len(inputs) == len(self.inputs) and bool(self.outputs)
        if not same or any(a.shape != b.shape for a, b in zip(inputs, self.inputs, strict=True)):
            return self._keep(key, inputs, compute(inputs))
        moved = self.changed(inputs)
        count = int(np.count_nonzero(moved))
        if count == 0:
            return self._keep(key, inputs, self.outputs)
        if count > MOST_CHANGED * runs:
            return self._keep(key, inputs, compute(inputs))
        rows = np.flatnonzero(moved)
        if len(rows) == 1 and runs > 1:
            rows = np.array(sorted({int(rows[0]), 0 if rows[0] else 1}))
        fresh = compute(tuple(x[rows] for x in inputs))
        outputs = tuple(old.copy() for old in self.outputs)
        for out, new in zip(outputs, fresh, strict=True):
            out[rows] = new
        return self._keep(key, inputs, outputs)

    def changed(self, inputs: Arrays) -> npt.NDArray[np.bool_]:
        """(R,) the rows of ``inputs`` that differ, in any bit, from the last inputs."""
        moved = np.zeros(len(inputs[0]), dtype=bool)
        for new, old in zip(inputs, self.inputs, strict=True):
            if new is not old:
                moved |= row_any((_bits(new) != _bits(old)).reshape(len(moved), -1))
        return moved

    def _keep(self, key: object, inputs: Arrays, outputs: Arrays) -> Arrays:
        for out in outputs:
            out.flags.writeable = False  # shared with every caller: never to be written into
        # An input its owner may still write into is kept as a copy.
        kept = tuple(x.copy() if x.flags.writeable else x for x in inputs)
        self.key, self.inputs, self.outputs = key, kept, outputs
        return outputs


def _bits(a: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """``a`` with floats seen as their bits (so that -0.0 differs from 0.0)."""
    if a.dtype.kind == "f":
        return a.view(np.dtype(f"i{a.dtype.itemsize}"))
    return a
