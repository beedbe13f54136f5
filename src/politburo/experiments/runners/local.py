"""The default runner: a pool of worker processes on this machine.

Each task carries the plan and its engine calls; each worker keeps its own cache of compiled
scenarios across tasks and batches, so a plan's combinations of evidence are compiled at most
once per worker. With one worker the tasks are computed in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import cast

from politburo.experiments.plan import Plan, Runs
from politburo.experiments.runners import Chunk, Job, Pending, schedule
from politburo.experiments.work import Part, Task, compute_task

__all__ = ["ONE_THREAD", "LocalRunner"]

ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
"""Environment of the worker processes: one thread each for the linear-algebra libraries,
so that K workers use K cores (as Dask's nannies do)."""


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables while worker processes are spawned, then restore them."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _now(plan: Plan, task: Task) -> Pending:
    """Compute a task in this process, as a finished future."""
    future: Future[Part] = Future()
    future.set_result(compute_task(plan, task))
    return future


class LocalRunner:
    """Computes chunks in a pool of ``workers`` processes, started (``spawn``, so no state
    leaks in) on first use and kept until :meth:`close`."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def map(self, plan: Plan, chunks: Sequence[Chunk]) -> Iterator[tuple[int, Runs]]:
        """Compute ``chunks``; yield ``(index, runs)`` for each as its wave completes."""
        for _, index, runs in self.map_jobs([(plan, chunks)]):
            yield index, runs

    def map_jobs(self, jobs: Sequence[Job]) -> Iterator[tuple[int, int, Runs]]:
        """Compute the chunks of several plans (see :func:`.schedule`); yield
        ``(job, index, runs)`` for each chunk as its wave completes."""
        if self.workers == 1:
            yield from schedule(jobs, 1, lambda job, task: _now(jobs[job][0], task), set, 0)
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
            )
        pool = self._pool

        def submit(job: int, task: Task) -> Pending:
            with _environment(ONE_THREAD):  # workers start on the first submissions
                return pool.submit(compute_task, jobs[job][0], task)

        def finished(pending: set[Pending]) -> set[Pending]:
            futures = cast("set[Future[Part]]", pending)  # what submit gave
            done: set[Pending] = set(wait(futures, return_when=FIRST_COMPLETED).done)
            return done

        yield from schedule(jobs, self.workers, submit, finished)

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
