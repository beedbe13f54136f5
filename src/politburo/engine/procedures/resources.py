"""Offices and the resources they command: who holds what, in each run.

An office may have many holders (the secretaries of a secretariat); the office a challenge is
about has one, and follows the run. A resource is at the disposal of every holder of its office.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from politburo.arrays import Bools as B
from politburo.engine.kernel import Simulation

__all__ = ["holders", "resources_of_kind", "standing"]


def holders(sim: Simulation, office: int) -> B:
    """(R, A) who holds ``office`` in each run."""
    c, w = sim.compiled, sim.world
    if any(f.challenge.office == office for f in sim.fights):
        mask = np.zeros((sim.runs, c.n_actors), dtype=bool)
        h = w.holder[:, office]
        rows = np.flatnonzero(h >= 0)
        mask[rows, h[rows]] = True
        return mask
    return np.repeat(c.holds0[None, :, office], sim.runs, axis=0)


def resources_of_kind(sim: Simulation, kind: str) -> list[tuple[int, B]]:
    """Every resource of ``kind`` with the mask (R, A) of those who command it."""
    c = sim.compiled
    return [
        (r, holders(sim, int(c.resource_office[r])))
        for r, k in enumerate(c.resource_kind)
        if k == kind
    ]


def standing(sim: Simulation) -> npt.NDArray[np.float64]:
    """(R, A) the standing of the most conspicuous office each actor holds."""
    c = sim.compiled
    out = np.zeros((sim.runs, c.n_actors))
    for o in range(len(c.office_ids)):
        if c.office_standing[o] > 0:
            out = np.maximum(out, holders(sim, o) * c.office_standing[o])
    return out
