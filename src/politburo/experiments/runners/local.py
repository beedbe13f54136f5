"""The default runner: a pool of worker processes on this machine.

Each task carries the plan and its engine calls; each worker keeps its own cache of compiled
scenarios across tasks and batches, so a plan's combinations of evidence are compiled at most
once per worker. With one worker the tasks are computed in this process.

Workers end with their parent: each watches its parent's pid and exits when the parent is
gone (``kill -9`` included), and ignores Ctrl-C, which the parent handles by stopping them at
once (:meth:`LocalRunner.close` after an interrupted map terminates them rather than waiting
for their tasks).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import cast

from politburo.errors import PolitburoError, Problem
from politburo.experiments.plan import Plan, Runs
from politburo.experiments.runners import Chunk, Job, Pending, schedule
from politburo.experiments.spawn import SPAWN_GUARD, check_not_bootstrapping
from politburo.experiments.work import Part, Task, compute_task

__all__ = ["ONE_THREAD", "WATCH_SECONDS", "LocalRunner"]

WATCH_SECONDS = 0.25
"""How often a worker checks that its parent is alive."""

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


def _watch_parent(parent: int) -> None:
    """Exit this worker as soon as its parent process is gone."""
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def _start_worker(parent: int) -> None:
    """Initializer of every worker process: leave Ctrl-C to the parent and end with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watchdog = threading.Thread(
        target=_watch_parent, args=(parent,), name="politburo-watchdog", daemon=True
    )
    watchdog.start()


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop ``pool``'s workers now, without waiting for their tasks."""
    # The executor keeps its processes by pid (Python 3.14 adds terminate_workers()).
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + 5
    for process in workers:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(1)


def _ready() -> None:
    """A worker's first task when started ahead of work: import the engine."""
    import politburo.engine  # noqa: F401


def _now(plan: Plan, task: Task) -> Pending:
    """Compute a task in this process, as a finished future."""
    future: Future[Part] = Future()
    future.set_result(compute_task(plan, task))
    return future


class LocalRunner:
    """Computes chunks in a pool of ``workers`` processes, started (``spawn``, so no state
    leaks in) on first use and kept until :meth:`close`."""

    def __init__(self, workers: int) -> None:
        check_not_bootstrapping()
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._abandoned = False

    def map(self, plan: Plan, chunks: Sequence[Chunk]) -> Iterator[tuple[int, Runs]]:
        """Compute ``chunks``; yield ``(index, runs)`` for each as its wave completes."""
        for _, index, runs in self.map_jobs([(plan, chunks)]):
            yield index, runs

    def map_jobs(
        self, jobs: Sequence[Job], on_runs: Callable[[int], None] | None = None
    ) -> Iterator[tuple[int, int, Runs]]:
        """Compute the chunks of several plans (see :func:`.schedule`); yield
        ``(job, index, runs)`` for each chunk as its wave completes, and tell
        ``on_runs(count)`` the runs of each task as it completes."""
        if self.workers == 1:

            def now(job: int, task: Task) -> Pending:
                return _now(jobs[job][0], task)

            yield from schedule(jobs, 1, now, set, 0, on_runs)
            return
        pool = self._open()

        def submit(job: int, task: Task) -> Pending:
            with _environment(ONE_THREAD):  # workers start on the first submissions
                return pool.submit(compute_task, jobs[job][0], task)

        def finished(pending: set[Pending]) -> set[Pending]:
            futures = cast("set[Future[Part]]", pending)  # what submit gave
            done: set[Pending] = set(wait(futures, return_when=FIRST_COMPLETED).done)
            return done

        try:
            yield from schedule(jobs, self.workers, submit, finished, on_runs=on_runs)
        except BrokenProcessPool:
            self._abandoned = True
            raise PolitburoError(
                Problem(
                    f"a worker process ended abruptly; {SPAWN_GUARD}, "
                    "and check that the machine has memory to spare"
                )
            ) from None
        except BaseException:  # an interrupt, an error, or the caller stopped early
            self._abandoned = True
            raise

    def _open(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
        return self._pool

    def start(self) -> None:
        """Start the worker processes now, without waiting for them: each imports the
        engine, so that the first map finds them ready (a server calls this when it opens).
        With one worker there are none to start."""
        if self.workers == 1:
            return
        pool = self._open()
        with _environment(ONE_THREAD):
            for _ in range(self.workers):
                pool.submit(_ready)

    def close(self) -> None:
        """Stop the worker processes: at once if a map was interrupted, else when idle."""
        if self._pool is not None:
            if self._abandoned:
                _terminate(self._pool)
            else:
                self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            self._abandoned = False

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
