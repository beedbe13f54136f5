"""A batch of runs: one row per run of generic outcome variables, the event table, traces.

Column names are built from the scenario's ids: ``challenge.<id>.succeeded``,
``office.<id>.holder_at_end``, ``actor.<id>.deserted_day``, ``body.<id>.convened_day``, ...
Days are integer offsets from the scenario's start; -1 means never.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from politburo.engine.codes import Outcome, SanctionLevel
from politburo.engine.compile import CompiledScenario
from politburo.engine.kernel import Simulation
from politburo.engine.log import EventLog, EventTable
from politburo.engine.trace import Trace

__all__ = ["Batch", "collect_columns", "final_state"]


@dataclass
class Batch:
    """The result of :func:`politburo.engine.simulate`.

    Attributes
    ----------
    columns
        One array per outcome variable, one row per run (aligned with ``run_ids``).
    run_ids
        The run ids simulated, in row order.
    seed
        The root seed.
    traces
        One :class:`Trace` per run when tracing, else ``None``.
    events
        Every event of every run (for fidelity checks over many runs), built from ``log``
        when first asked for.
    """

    columns: dict[str, npt.NDArray[Any]]
    run_ids: npt.NDArray[np.int64]
    seed: int
    traces: list[Trace] | None
    compiled: CompiledScenario
    log: EventLog | None = field(default=None, repr=False)
    """The event log of the simulation, until :attr:`events` is built from it."""
    _events: EventTable | None = field(default=None, repr=False)

    @property
    def events(self) -> EventTable:
        """Every event of every run, ordered by run, then time."""
        if self._events is None:
            if self.log is None:
                raise ValueError("this batch kept no event log")
            self._events = self.log.table()
            self.log = None
        return self._events

    def __len__(self) -> int:
        return len(self.run_ids)


def collect_columns(sim: Simulation) -> dict[str, npt.NDArray[Any]]:
    """The outcome columns of a finished simulation."""
    c, w = sim.compiled, sim.world
    cols: dict[str, npt.NDArray[Any]] = {}
    for fight in sim.fights:
        ch = fight.challenge
        pre = f"challenge.{ch.id}."
        cols[pre + "struck"] = fight.strike_day >= 0
        cols[pre + "succeeded"] = (w.holder[:, ch.office] != ch.target) & (fight.strike_day >= 0)
        for name in (
            "strike_day",
            "appeal_day",
            "petition_day",
            "convened_day",
            "open_day",
            "resolved_day",
            "removed_day",
        ):
            cols[pre + name] = getattr(fight, name).astype(np.int64)
        for name in ("refused", "complied", "force_used", "fait"):
            cols[pre + name] = getattr(fight, name).copy()
        cols[pre + "outcome"] = fight.outcome.astype(np.int64)
        if ch.higher >= 0:
            body = f"body.{c.body_ids[ch.higher]}."
            cols[body + "convened_day"] = fight.convened_day.astype(np.int64)
            cols[body + "opened_day"] = fight.open_day.astype(np.int64)
    for o, office in enumerate(c.office_ids):
        cols[f"office.{office}.holder_at_end"] = w.holder[:, o].astype(np.int64)
    last = sim.fights[-1] if sim.fights else None
    for a, actor in enumerate(c.actor_ids):
        pre = f"actor.{actor}."
        if last is not None:
            cols[pre + "side_at_end"] = last.side[:, a].astype(np.int64)
            for name in ("joined", "deserted", "recanted", "defected"):
                cols[pre + f"{name}_day"] = last.__dict__[name][:, a].astype(np.int64)
            cols[pre + "sanction"] = np.max(
                np.stack([f.sanction[:, a] for f in sim.fights]), axis=0
            ).astype(np.int64)
        cols[pre + "detained"] = w.detained[:, a].copy()
        for b, body in enumerate(c.body_ids):
            cols[pre + f"rank.{body}"] = w.ranks(c, b, c.n_days - 1)[:, a].astype(np.int64)
    return cols


def final_state(sim: Simulation, row: int) -> dict[str, Any]:
    """Offices (the first holder of each, and all its holders), seats and sanctions at the end
    of one run, by id."""
    c, w = sim.compiled, sim.world
    last_day = c.n_days - 1
    offices = {
        office: (c.actor_ids[h] if (h := int(w.holder[row, o])) >= 0 else None)
        for o, office in enumerate(c.office_ids)
    }
    holders = {
        office: [c.actor_ids[a] for a in np.flatnonzero(w.holds[o, row])]
        for o, office in enumerate(c.office_ids)
    }
    seats: dict[str, dict[str, str]] = {}
    for b, body in enumerate(c.body_ids):
        ranks = w.ranks(c, b, last_day)[row]
        seats[body] = {c.actor_ids[a]: c.rank_ids[b][int(r)] for a, r in enumerate(ranks) if r >= 0}
    sanctions = {
        c.actor_ids[a]: SanctionLevel.word(int(v))
        for fight in sim.fights
        for a, v in enumerate(fight.sanction[row])
        if v > 0
    }
    outcome = {f.challenge.id: Outcome.word(int(f.outcome[row])) for f in sim.fights}
    return {
        "offices": offices,
        "holders": holders,
        "memberships": seats,
        "sanctions": sanctions,
        "outcome": outcome,
    }
