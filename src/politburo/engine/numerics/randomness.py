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

from politburo.engine.numerics.philox import philox_uniforms

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

    The streams are computed for all runs at once (:mod:`politburo.engine.numerics.philox`);
    the first run's is checked against NumPy's own generator.

    >>> layout = TapeLayout(); layout.reserve("x", 3)
    >>> a = draw_tape(layout, 7, np.array([0, 1, 2])).values
    >>> b = draw_tape(layout, 7, np.array([2])).values
    >>> bool((a[2] == b[0]).all())
    True
    """
    width = max(layout.size, 1)
    values = philox_uniforms(seed, run_ids, width)
    if len(run_ids) and not np.array_equal(values[0], _stream(seed, int(run_ids[0]), width)):
        # NumPy's streams changed: draw them one run at a time as NumPy does.
        values = np.array(
            [_stream(seed, run, width) for run in run_ids.tolist()]
        )  # pragma: no cover
    np.clip(values, 1e-12, 1.0 - 1e-12, out=values)
    return Tape(layout, values)


def _stream(seed: int, run: int, width: int) -> npt.NDArray[np.float64]:
    """The first ``width`` uniforms of run ``run``, drawn by NumPy's own generator."""
    sequence = np.random.SeedSequence(seed, spawn_key=(run,))
    return np.random.Generator(np.random.Philox(sequence)).random(width)


def logistic(u: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Standard logistic variates from uniforms (mean 0, scale 1)."""
    return np.log(u) - np.log1p(-u)
