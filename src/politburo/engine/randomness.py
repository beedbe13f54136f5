"""Per-run random tapes: run ``r``'s draws depend only on ``(root seed, r)``.

Each run has its own :class:`numpy.random.Generator` over a Philox bit generator seeded by
``SeedSequence(root_seed, spawn_key=(r,))``; it fills a fixed-length tape of uniforms whose
slots are assigned by name before the run starts. The kernel reads the tape column by column,
vectorised over runs, so a run's result never depends on the batch it is simulated in.

References
----------
.. [Salmon2011] Salmon, Moraes, Dror and Shaw (2011), "Parallel random numbers: as easy as
   1, 2, 3" (the Philox counter-based generator).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

__all__ = ["Tape", "TapeLayout", "draw_tape", "logistic"]


@dataclass
class TapeLayout:
    """Named slots of the tape: each name owns a contiguous block of columns."""

    blocks: dict[str, tuple[int, int]] = field(default_factory=dict)
    size: int = 0

    def reserve(self, name: str, width: int) -> None:
        """Give ``name`` the next ``width`` columns."""
        self.blocks[name] = (self.size, self.size + width)
        self.size += width


@dataclass
class Tape:
    """Uniforms in (0, 1), one row per run, laid out by a :class:`TapeLayout`."""

    layout: TapeLayout
    values: npt.NDArray[np.float64]

    def block(self, name: str) -> npt.NDArray[np.float64]:
        """The columns reserved for ``name``: shape (runs, width)."""
        lo, hi = self.layout.blocks[name]
        return self.values[:, lo:hi]


def draw_tape(layout: TapeLayout, seed: int, run_ids: npt.NDArray[np.int64]) -> Tape:
    """Fill the tape of every run in ``run_ids`` from ``SeedSequence(seed, spawn_key=(r,))``.

    >>> layout = TapeLayout(); layout.reserve("x", 3)
    >>> a = draw_tape(layout, 7, np.array([0, 1, 2])).values
    >>> b = draw_tape(layout, 7, np.array([2])).values
    >>> bool((a[2] == b[0]).all())
    True
    """
    values = np.empty((len(run_ids), max(layout.size, 1)))
    for row, run in enumerate(run_ids.tolist()):
        sequence = np.random.SeedSequence(seed, spawn_key=(int(run),))
        generator = np.random.Generator(np.random.Philox(sequence))
        values[row] = generator.random(values.shape[1])
    np.clip(values, 1e-12, 1.0 - 1e-12, out=values)
    return Tape(layout, values)


def logistic(u: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Standard logistic variates from uniforms (mean 0, scale 1)."""
    return np.log(u) - np.log1p(-u)
