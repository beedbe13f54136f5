"""Fidelity: how well runs of a scenario reproduce its record.

For each target of the scenario's record, :func:`check_fidelity` reports whether the seeded
replay meets it and in what share of ``runs`` runs it is met. This is the only place that
reads the record.

Examples
--------
>>> from politburo.scenario import load_scenario
>>> report = check_fidelity(load_scenario("june-1957").model, runs=20, seed=0)
>>> len(report.rows) > 0
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from politburo.analysis.fidelity.targets import evaluate, known_event
from politburo.engine import Batch, compile_scenario, simulate
from politburo.engine.events import EVENT_KINDS
from politburo.errors import PolitburoError, Problem
from politburo.experiments.work import RUNS_PER_CALL
from politburo.scenario.schema import EventTarget, OrderTarget, ScenarioModel
from politburo.scenario.yaml_marks import Marks
from politburo.seeds import check_seed

__all__ = [
    "FidelityReport",
    "FidelityRow",
    "check_fidelity",
    "evaluate",
    "event_problems",
    "score_batch",
]


@dataclass(frozen=True)
class FidelityRow:
    """One target: whether the replay meets it, and the share of runs that do."""

    id: str
    kind: str
    description: str
    replay: bool
    share: float


@dataclass(frozen=True)
class FidelityReport:
    """Every target of a scenario's record against a replay and a batch of runs."""

    scenario: str
    seed: int
    runs: int
    rows: list[FidelityRow]
    all_met: float = 0.0
    """Share of runs that meet every target at once."""

    @property
    def replay_met(self) -> int:
        """Targets the replay meets."""
        return sum(r.replay for r in self.rows)

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "runs": self.runs,
            "replay_met": self.replay_met,
            "all_met": round(self.all_met, 4),
            "targets": [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "description": r.description,
                    "replay": r.replay,
                    "share": round(r.share, 4),
                }
                for r in self.rows
            ],
        }


def event_problems(model: ScenarioModel, marks: Marks | None = None) -> list[Problem]:
    """The record's targets that name an event kind the engine never records, located by
    ``marks`` when given (``check`` reports them; fidelity refuses to run on them)."""
    known = ", ".join(sorted(EVENT_KINDS))
    problems = []
    for i, t in enumerate(model.record):
        if isinstance(t, EventTarget | OrderTarget) and not known_event(t.event):
            file, line = marks.locate(("record", i, "event")) if marks else (None, None)
            problems.append(
                Problem(
                    f"unknown event kind {t.event!r}; known: {known}",
                    file=file,
                    line=line,
                    field=f"record[{t.id}].event",
                )
            )
    return problems


def _check_events(model: ScenarioModel) -> None:
    problems = event_problems(model)
    if problems:
        raise PolitburoError(problems)


def score_batch(model: ScenarioModel, batch: Batch) -> dict[str, npt.NDArray[np.bool_]]:
    """(R,) met/unmet per target id for every run of ``batch``."""
    return {t.id: evaluate(batch, t) for t in model.record}


def check_fidelity(
    model: ScenarioModel,
    *,
    runs: int = 1000,
    seed: int = 0,
    on_progress: Callable[[int], None] | None = None,
) -> FidelityReport:
    """Compare the seeded replay (run 0 of ``seed``) and ``runs`` runs with the record;
    ``on_progress(count)`` is told each block of runs done.

    Raises
    ------
    PolitburoError
        For a seed outside ``0 .. 2**63 - 1``, or when the record names an event kind the
        engine does not produce.
    """
    check_seed(seed)
    _check_events(model)
    compiled = compile_scenario(model)
    runs = max(runs, 1)
    met = dict.fromkeys((t.id for t in model.record), 0)
    replay: dict[str, bool] = {}
    all_met = 0
    # A block at a time, so that memory does not grow with runs (a run's result does not
    # depend on its block).
    for start in range(0, runs, RUNS_PER_CALL):
        ids = np.arange(start, min(start + RUNS_PER_CALL, runs), dtype=np.int64)
        scores = score_batch(model, simulate(compiled, seed=seed, run_ids=ids))
        every = np.ones(len(ids), dtype=bool)
        for target, hits in scores.items():
            met[target] += int(hits.sum())
            replay.setdefault(target, bool(hits[0]))
            every &= np.asarray(hits, dtype=bool)
        all_met += int(every.sum())
        if on_progress is not None:
            on_progress(len(ids))
    rows = [
        FidelityRow(
            id=t.id,
            kind=t.kind,
            description=t.description,
            replay=replay[t.id],
            share=met[t.id] / runs,
        )
        for t in model.record
    ]
    return FidelityReport(
        scenario=model.id, seed=seed, runs=runs, rows=rows, all_met=all_met / runs
    )
