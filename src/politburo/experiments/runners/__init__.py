"""Runners: compute chunks of runs of a plan on this machine or on a Dask cluster.

A runner maps chunks ``(index, start, stop)`` of run ids to their results and yields them as
they complete, in any order; the batch writes each one as it arrives. Every runner gives the
same rows for the same plan, since a run depends only on the plan and its id.

Chunks are the unit of writing and of resuming; the unit of work is a **task** of several
chunks (:func:`tasks`), so that each combination of evidence is simulated once per task, not
once per chunk: the engine's cost per call does not grow with the chunk count.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Protocol

import numpy as np

from politburo.errors import PolitburoError, Problem
from politburo.experiments.plan import Plan, Runs, compute_runs

__all__ = [
    "BACKENDS",
    "TASK_RUNS",
    "Chunk",
    "Runner",
    "Task",
    "compute_task",
    "default_workers",
    "make_runner",
    "tasks",
]

Chunk = tuple[int, int, int]
"""A chunk of runs: its index and the run ids ``start`` to ``stop - 1``."""

Task = tuple[Chunk, ...]
"""Chunks computed together by one worker."""

TASK_RUNS = 100_000
"""Most runs in one task (bounds a worker's memory); tasks are fewer when the batch is small."""


def tasks(chunks: Sequence[Chunk], workers: int, most: int = TASK_RUNS) -> list[Task]:
    """Group chunks, in order, into tasks of at most ``most`` runs (a chunk larger than that
    is a task of its own), and at least two tasks per worker when there are enough chunks.

    >>> tasks([(0, 0, 10), (1, 10, 20), (2, 20, 30), (3, 30, 40)], workers=1)
    [((0, 0, 10), (1, 10, 20)), ((2, 20, 30), (3, 30, 40))]
    """
    total = sum(stop - start for _, start, stop in chunks)
    wanted = max(2 * workers, -(-total // most))
    size = min(most, -(-total // wanted)) if wanted else most
    result: list[Task] = []
    current: list[Chunk] = []
    runs = 0
    for chunk in chunks:
        length = chunk[2] - chunk[1]
        if current and runs + length > size:
            result.append(tuple(current))
            current, runs = [], 0
        current.append(chunk)
        runs += length
    if current:
        result.append(tuple(current))
    return result


def _rows(runs: Runs, lo: int, hi: int) -> Runs:
    """The rows ``lo`` to ``hi - 1`` of ``runs``."""
    return Runs(
        {k: v[lo:hi] for k, v in runs.columns.items()},
        runs.labels,
        {k: v[lo:hi] for k, v in runs.missing.items() if v[lo:hi].any()},
    )


def compute_task(plan: Plan, task: Task) -> list[tuple[int, Runs]]:
    """Compute every run of the chunks of ``task`` together; return each chunk's rows."""
    ids = np.concatenate([np.arange(start, stop, dtype=np.int64) for _, start, stop in task])
    runs = compute_runs(plan, ids)
    order = runs.columns["run_id"]
    result = []
    for index, start, stop in task:
        lo, hi = np.searchsorted(order, [start, stop])
        result.append((index, _rows(runs, int(lo), int(hi))))
    return result


BACKENDS = ("local", "dask")


class Runner(Protocol):
    """Something that computes chunks of a plan."""

    workers: int

    def map(self, plan: Plan, chunks: Sequence[Chunk]) -> Iterator[tuple[int, Runs]]:
        """Compute ``chunks``; yield ``(index, runs)`` for each as it completes."""
        ...

    def close(self) -> None:
        """Release the workers."""
        ...

    def __enter__(self) -> Runner: ...

    def __exit__(self, *exc: object) -> None: ...


def default_workers() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def make_runner(
    backend: str = "local",
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    timeout: float = 10.0,
) -> Runner:
    """A runner for ``backend`` (``local`` or ``dask``) with ``workers`` processes.

    ``scheduler`` (Dask only) is the address of a running scheduler, such as
    ``tcp://10.0.0.5:8786``; without it Dask starts a local cluster of ``workers``.

    Raises
    ------
    PolitburoError
        For an unknown backend, fewer than one worker, a scheduler given to the local
        backend, or a scheduler that cannot be reached within ``timeout`` seconds.
    """
    if backend not in BACKENDS:
        raise PolitburoError(
            Problem(f"unknown backend {backend!r}; choose local or dask", field="--backend")
        )
    if workers is not None and workers < 1:
        raise PolitburoError(
            Problem(f"workers must be at least 1, not {workers}", field="--workers")
        )
    count = workers or default_workers()
    if backend == "local":
        if scheduler is not None:
            raise PolitburoError(Problem("--scheduler needs --backend dask", field="--scheduler"))
        from politburo.experiments.runners.local import LocalRunner

        return LocalRunner(count)
    from politburo.experiments.runners.dask import DaskRunner

    return DaskRunner(count, scheduler=scheduler, timeout=timeout)
