"""Offices and the resources they command: who holds what, in each run.

An office may have many holders (the secretaries of a secretariat); the office a challenge is
about has one, and follows the run. A resource is at the disposal of every holder of its office.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from politburo.arrays import Bools as B
from politburo.engine.facts import office_fact
from politburo.engine.kernel import Simulation

__all__ = [
    "give_office",
    "holders",
    "log_office",
    "lose_office",
    "resources_of_kind",
    "standing",
]


def holders(sim: Simulation, office: int) -> B:
    """(R, A) who holds ``office`` in each run."""
    held: B = sim.world.holds[office].copy()
    return held


def give_office(sim: Simulation, runs: B, actor: int, office: int) -> None:
    """``actor`` holds ``office`` in ``runs``, as its first holder."""
    w = sim.world
    w.holds[office, :, actor] |= runs
    w.holder[:, office] = np.where(runs, actor, w.holder[:, office])


def lose_office(sim: Simulation, runs: B, actor: int, office: int, body: int, how: str) -> None:
    """``actor`` no longer holds ``office`` in ``runs``; logged as his removal by ``body``."""
    if not runs.any():
        return
    w = sim.world
    w.holds[office, :, actor] &= ~runs
    w.holder[:, office] = np.where(runs & (w.holder[:, office] == actor), -1, w.holder[:, office])
    log_office(
        sim, "removed", runs, actor, body, office, office_fact(sim.compiled, actor, office), how=how
    )


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


def log_office(
    sim: Simulation,
    kind: str,
    runs: B,
    actor: int,
    body: int,
    office: int,
    facts: list[str],
    **detail: str,
) -> None:
    """Log that ``actor`` was ``removed`` from or ``appointed`` to ``office`` by ``body``."""
    office_id = sim.compiled.office_ids[office]
    sim.log.add(
        kind,
        runs,
        sim.day,
        sim.session,
        actor=actor,
        body=body,
        subject=office,
        motion="remove" if kind == "removed" else "appoint",
        detail=lambda run: {**detail, "office": office_id, "facts": facts},
    )
