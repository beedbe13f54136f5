"""Work: how the runs of a plan become engine calls and tasks, and how rows come back in order.

The engine's cost per call has a fixed part (tens of milliseconds, whatever the number of
runs), and each call runs one compiled scenario, that is one combination of evidence. So
that the fixed part is paid as few times as possible, runs are computed in **waves** of
consecutive chunks (up to :data:`WAVE_RUNS` runs): a wave's runs are drawn and grouped by
combination once, each combination becomes one call, or a few of at most
:data:`RUNS_PER_CALL` runs (which bounds a worker's memory), and the calls are packed into
tasks of about equal cost (:func:`plan_wave`). A task therefore holds some combinations of
the whole wave, not all combinations of part of it: two workers share one wave's calls
instead of each paying for every combination.

A worker computes a task (:func:`compute_task`) and returns its rows sorted by run id; an
:class:`Assembly` keeps a wave's parts until the last arrives, then builds its chunks one at
a time in run order, with the run ids, seed and evidence columns. A run's row depends only on
the plan and its id (the engine gives the same row however runs are split), so neither the
waves nor the tasks change the rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from politburo.arrays import Ints
from politburo.experiments.plan import RUN_ID, SEED, Plan, Runs, compiled
from politburo.experiments.uncertainty import Evidence

__all__ = [
    "CALL_COST",
    "RUNS_PER_CALL",
    "WAVE_RUNS",
    "Assembly",
    "Call",
    "Chunk",
    "Part",
    "Task",
    "Wave",
    "compute_task",
    "pack",
    "plan_wave",
    "run_all",
    "waves",
]

Chunk = tuple[int, int, int]
"""A chunk of runs: its index and the run ids ``start`` to ``stop - 1``."""

Combo = tuple[int, ...]

RUNS_PER_CALL = 5_000
"""Most runs handed to the engine at once: bounds a worker's memory (the engine holds tens
of kilobytes per run while it runs)."""

WAVE_RUNS = 500_000
"""Most runs computed together (unless one chunk is larger): each combination of evidence
costs at least one engine call per wave, and the caller holds a wave's rows (about half a
kilobyte a run for June 1957) until its chunks are complete."""

CALL_COST = 125
"""The fixed cost of an engine call, in runs' worth of its cost per run: what balancing
tasks adds for each call."""

Call = tuple[Combo, Ints]
"""One engine call: a combination of evidence and the ids of runs that drew it."""

Task = tuple[Call, ...]
"""Calls computed together by one worker."""


def waves(chunks: Sequence[Chunk], most: int = WAVE_RUNS) -> list[tuple[Chunk, ...]]:
    """Group chunks, in order, into waves of at most ``most`` runs (a larger chunk is a wave
    of its own).

    >>> waves([(0, 0, 10), (1, 10, 20), (2, 20, 30)], most=20)
    [((0, 0, 10), (1, 10, 20)), ((2, 20, 30),)]
    """
    result: list[tuple[Chunk, ...]] = []
    current: list[Chunk] = []
    runs = 0
    for chunk in chunks:
        length = chunk[2] - chunk[1]
        if current and runs + length > most:
            result.append(tuple(current))
            current, runs = [], 0
        current.append(chunk)
        runs += length
    if current:
        result.append(tuple(current))
    return result


def _calls(groups: dict[Combo, npt.NDArray[np.intp]], ids: Ints) -> list[Call]:
    """Each combination's runs as one call, or as near-equal calls of at most
    :data:`RUNS_PER_CALL` runs; in the order of the combinations."""
    calls: list[Call] = []
    for combo in sorted(groups):
        rows = groups[combo]
        pieces = -(-len(rows) // RUNS_PER_CALL)
        calls += [(combo, ids[part]) for part in np.array_split(rows, pieces)]
    return calls


def pack(calls: Sequence[Call], tasks: int) -> list[Task]:
    """Pack calls into at most ``tasks`` tasks of about equal cost (largest first, each to
    the cheapest task so far); each task's calls in the order given.

    >>> combo = (0,)
    >>> calls = [(combo, np.arange(n)) for n in (50, 400, 300, 100)]
    >>> [[len(ids) for _, ids in task] for task in pack(calls, 2)]
    [[50, 400], [300, 100]]
    """
    count = max(1, min(tasks, len(calls)))
    cost = [CALL_COST + len(ids) for _, ids in calls]
    load = [0] * count
    members: list[list[int]] = [[] for _ in range(count)]
    for k in sorted(range(len(calls)), key=lambda k: (-cost[k], k)):
        target = min(range(count), key=lambda b: (load[b], b))
        load[target] += cost[k]
        members[target].append(k)
    return [tuple(calls[k] for k in sorted(m)) for m in members if m]


@dataclass
class Wave:
    """Runs computed together: their chunks, ids (sorted), the alternatives each drew, the
    rows of each combination the engine sees, and the tasks that compute them."""

    chunks: tuple[Chunk, ...]
    ids: Ints
    choices: npt.NDArray[np.int16]
    groups: dict[Combo, npt.NDArray[np.intp]]
    tasks: list[Task]


def plan_wave(plan: Plan, chunks: Sequence[Chunk], tasks: int) -> Wave:
    """Draw the evidence of the runs of ``chunks``, group them by combination and cut them
    into engine calls packed into about ``tasks`` tasks."""
    ids = [np.arange(start, stop, dtype=np.int64) for _, start, stop in chunks]
    return _wave(plan, tuple(chunks), np.concatenate(ids), tasks)


def _wave(plan: Plan, chunks: tuple[Chunk, ...], ids: Ints, tasks: int) -> Wave:
    ids = np.sort(ids)
    choices = plan.evidence.draw(plan.seed, ids)
    groups = Evidence.group(plan.engine_choices(choices)) if len(ids) else {}
    return Wave(chunks, ids, choices, groups, pack(_calls(groups, ids), tasks))


@dataclass
class Part:
    """The rows of one task, ordered by run id: ``ids`` and the engine's columns (zero where
    a combination's scenario lacks the column), with the columns each combination gives."""

    ids: Ints
    columns: dict[str, npt.NDArray[Any]]
    names: dict[Combo, tuple[str, ...]]


def compute_task(plan: Plan, task: Task) -> Part:
    """Compute every call of ``task`` (on a worker): one engine call each, on the compiled
    scenario of its combination (compiled once per process, :func:`~.plan.compiled`).

    Integer columns come back in 16 bits where their values fit (days, codes and actor
    numbers do), else 32, not the engine's 64: a quarter of the memory and of what goes
    between processes;
    the rows are sorted by run id, so that each chunk's rows of the part are consecutive.
    """
    from politburo.engine import simulate

    total = sum(len(ids) for _, ids in task)
    columns: dict[str, npt.NDArray[Any]] = {}
    names: dict[Combo, tuple[str, ...]] = {}
    start = 0
    for combo, ids in task:
        batch = simulate(compiled(plan, combo), seed=plan.seed, run_ids=ids)
        names[combo] = tuple(batch.columns)
        for name, values in batch.columns.items():
            if name not in columns:
                kind = np.int32 if values.dtype == np.int64 else values.dtype
                columns[name] = np.zeros(total, dtype=kind)
            columns[name][start : start + len(ids)] = values
        start += len(ids)
        del batch
    all_ids = np.concatenate([ids for _, ids in task]) if task else np.zeros(0, np.int64)
    order = np.argsort(all_ids, kind="stable")
    for name, values in columns.items():
        columns[name] = _narrow(values)[order]
    return Part(all_ids[order], columns, names)


_SHORT = np.iinfo(np.int16)


def _narrow(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """``values`` in 16 bits if they are 32-bit integers that fit, else as they are."""
    if values.dtype != np.int32 or not len(values):
        return values
    if _SHORT.min <= values.min() and values.max() <= _SHORT.max:
        return values.astype(np.int16)
    return values


@dataclass
class Assembly:
    """A wave's rows, put in run order once its tasks' parts have arrived.

    :meth:`add` keeps one part and says whether the wave is complete; :meth:`chunks` then
    builds each chunk's :class:`~.plan.Runs` in turn (so that only one chunk is built at a
    time beside the parts). The columns follow the combinations in order (as the engine
    names them); a column that some combination's scenario lacks is marked missing for the
    runs that drew it.
    """

    plan: Plan
    wave: Wave
    waiting: int = field(init=False)
    parts: list[Part] = field(init=False, default_factory=list)
    names: dict[Combo, tuple[str, ...]] = field(init=False, default_factory=dict)
    _lacking: dict[str, list[Combo]] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.waiting = len(self.wave.tasks)

    def add(self, part: Part) -> bool:
        """Keep a part; true when every part of the wave has arrived."""
        self.parts.append(part)
        self.names.update(part.names)
        self.waiting -= 1
        return self.waiting <= 0

    def chunks(self) -> Iterator[tuple[int, Runs]]:
        """Each chunk of the wave with its rows, built one at a time."""
        for index, start, stop in self.wave.chunks:
            lo, hi = np.searchsorted(self.wave.ids, [start, stop])
            yield index, self.rows(int(lo), int(hi))

    def rows(self, lo: int, hi: int) -> Runs:
        """The rows ``lo`` to ``hi - 1`` of the wave (in run order), once it is complete."""
        plan, wave = self.plan, self.wave
        ids = wave.ids[lo:hi]
        count = len(ids)
        columns: dict[str, npt.NDArray[Any]] = {
            RUN_ID: ids,
            SEED: np.full(count, plan.seed, dtype=np.int64),
        }
        labels: dict[str, list[str]] = {}
        for j, fact in enumerate(plan.evidence.facts):
            columns[fact.column] = wave.choices[lo:hi, j].copy()
            labels[fact.column] = fact.labels
        pieces = [(part, *self._where(part, ids)) for part in self.parts]
        missing: dict[str, npt.NDArray[np.bool_]] = {}
        for name, lacking in self.lacking().items():
            given = [(p.columns[name], a, b, at) for p, a, b, at in pieces if name in p.columns]
            kind = np.result_type(*(values for values, *_ in given))  # whatever the order
            if kind.kind == "i":
                kind = np.dtype(np.int32)  # written in 32 bits, in whatever width they came
            column = columns[name] = np.zeros(count, dtype=kind)
            for values, a, b, at in given:
                column[at] = values[a:b]
            if lacking:
                holes = np.zeros(count, dtype=np.bool_)
                for combo in lacking:
                    rows = wave.groups[combo]
                    holes[rows[(rows >= lo) & (rows < hi)] - lo] = True
                if holes.any():
                    missing[name] = holes
        return Runs(columns, labels, missing)

    def lacking(self) -> dict[str, list[Combo]]:
        """Each column, in order, with the combinations whose scenario lacks it (once the
        wave is complete)."""
        assert self.waiting <= 0, "the wave is not complete"
        if self._lacking is None:
            order = dict.fromkeys(n for combo in sorted(self.names) for n in self.names[combo])
            given = {combo: set(names) for combo, names in self.names.items()}
            self._lacking = {
                name: [c for c, names in given.items() if name not in names] for name in order
            }
        return self._lacking

    @staticmethod
    def _where(part: Part, ids: Ints) -> tuple[int, int, npt.NDArray[np.intp]]:
        """Which rows of ``part`` fall among ``ids`` (consecutive, as the part is sorted),
        and their positions there."""
        if not len(ids):
            return 0, 0, np.zeros(0, dtype=np.intp)
        a, b = (int(k) for k in np.searchsorted(part.ids, [ids[0], ids[-1] + 1]))
        if ids[-1] - ids[0] == len(ids) - 1:  # consecutive ids, as in a chunk
            return a, b, (part.ids[a:b] - ids[0]).astype(np.intp)
        return a, b, np.searchsorted(ids, part.ids[a:b])


def run_all(plan: Plan, run_ids: npt.NDArray[np.integer]) -> Runs:
    """Compute the given runs (distinct ids) of ``plan`` in this process, as one wave of one
    task."""
    wave = _wave(plan, (), np.asarray(run_ids, dtype=np.int64), 1)
    assembly = Assembly(plan, wave)
    for task in wave.tasks:
        assembly.add(compute_task(plan, task))
    return assembly.rows(0, len(wave.ids))
