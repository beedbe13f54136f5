"""The default runner: a pool of worker processes on this machine.

Each task carries the plan and the bounds of its chunks; each worker keeps its own cache of
compiled scenarios, so a plan's combinations of evidence are compiled once per worker. With
one worker the tasks are computed in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager

from politburo.experiments.plan import Plan, Runs
from politburo.experiments.runners import Chunk, compute_task, tasks

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


class LocalRunner:
    """Computes chunks in a pool of ``workers`` processes, started (``spawn``, so no state
    leaks in) on first use and kept until :meth:`close`."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def map(self, plan: Plan, chunks: Sequence[Chunk]) -> Iterator[tuple[int, Runs]]:
        """Compute ``chunks`` in tasks, at most two per worker in flight; yield each chunk
        as its task completes."""
        work = tasks(chunks, self.workers)
        if self.workers == 1 or len(work) <= 1:
            for task in work:
                yield from compute_task(plan, task)
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
            )
        pending = list(reversed(work))
        running: set[Future[list[tuple[int, Runs]]]] = set()
        try:
            while pending or running:
                with _environment(ONE_THREAD):  # workers start on the first submissions
                    while pending and len(running) < 2 * self.workers:
                        running.add(self._pool.submit(compute_task, plan, pending.pop()))
                finished, running = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield from future.result()
        finally:
            for future in running:
                future.cancel()

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
