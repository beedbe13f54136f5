"""Runners: compute chunks of runs of plans on this machine or on a Dask cluster.

A runner maps chunks ``(index, start, stop)`` of run ids to their results and yields them as
they complete, in any order; the batch writes each one as it arrives. Every runner gives the
same rows for the same plan, since a run depends only on the plan and its id.

Chunks are the unit of writing and of resuming; the unit of work is a **task**: some of the
engine calls of a **wave** of chunks (:mod:`~politburo.experiments.work`), so that each
combination of evidence is simulated once per wave, whatever the number of chunks or
workers. :func:`schedule` keeps every worker busy: it plans the waves of one job after
another (:meth:`Runner.map_jobs` takes several plans, such as the arms of a what-if, so that
one arm's last tasks overlap the next arm's first), submits tasks as workers free up, and
puts each wave's rows in order when its last task arrives. Progress can be followed task by
task (``on_runs``), finer than chunks, which complete only with their wave.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from politburo.errors import PolitburoError, Problem
from politburo.experiments.plan import Plan, Runs
from politburo.experiments.work import Assembly, Chunk, Part, Task, plan_wave, waves

__all__ = [
    "BACKENDS",
    "TASKS_PER_SLOT",
    "Chunk",
    "Job",
    "Pending",
    "Runner",
    "default_workers",
    "make_runner",
    "schedule",
]

Job = tuple[Plan, Sequence[Chunk]]
"""A plan and the chunks of it to compute."""


class Pending(Protocol):
    """A task submitted to a backend (a ``concurrent.futures`` or a Dask future)."""

    def result(self) -> Part:
        """Wait for the task's rows."""
        ...

    def cancel(self) -> object:
        """Give the task up if it has not finished."""
        ...


TASKS_PER_SLOT = 2
"""Tasks each wave is cut into, per worker: more than one, so that a worker slowed by other
jobs leaves less idle time at the end of a batch."""


def _work(jobs: Sequence[Job], tasks: int) -> Iterator[tuple[int, Assembly, Task]]:
    """Every task of every job, wave by wave, each with the assembly of its wave; a wave is
    planned when its first task is wanted."""
    for job, (plan, chunks) in enumerate(jobs):
        for wave in waves(chunks):
            assembly = Assembly(plan, plan_wave(plan, wave, tasks))
            for task in assembly.wave.tasks:
                yield job, assembly, task


def schedule(
    jobs: Sequence[Job],
    slots: int,
    submit: Callable[[int, Task], Pending],
    wait: Callable[[set[Pending]], set[Pending]],
    queued: int = 1,
    on_runs: Callable[[int], None] | None = None,
) -> Iterator[tuple[int, int, Runs]]:
    """Compute ``jobs`` on a backend of ``slots`` workers; yield ``(job, chunk index, runs)``
    for each chunk as its wave completes.

    Each wave is cut into :data:`TASKS_PER_SLOT` tasks per worker, and ``slots + queued``
    tasks are kept in flight: one each, and by default one queued for whichever worker
    frees first (while the caller writes chunks, say). ``submit(job, task)`` starts a task
    of ``jobs[job]``; ``wait(pending)`` blocks until some are done and returns those;
    ``on_runs(count)`` is told the runs of each task as it arrives (a wave's chunks come
    only when its last task does). Tasks still in flight when the caller stops are cancelled.
    """
    work = _work(jobs, TASKS_PER_SLOT * slots)
    running: dict[Pending, tuple[int, Assembly]] = {}
    done: list[tuple[Pending, int, Assembly]] = []
    try:
        while True:
            while len(running) < slots + queued and (item := next(work, None)) is not None:
                job, assembly, task = item
                running[submit(job, task)] = (job, assembly)
            while done:  # after refilling, so that the workers are busy meanwhile
                future, job, assembly = done.pop()
                part = future.result()
                if on_runs is not None:
                    on_runs(len(part.ids))
                if assembly.add(part):
                    for index, runs in assembly.chunks():
                        yield job, index, runs
                del future, assembly, part  # the rows are in place: let the memory go
            if not running:
                return
            done = [(future, *running.pop(future)) for future in wait(set(running))]
    finally:
        for future in running:
            future.cancel()


BACKENDS = ("local", "dask")


class Runner(Protocol):
    """Something that computes chunks of plans."""

    workers: int

    def map(self, plan: Plan, chunks: Sequence[Chunk]) -> Iterator[tuple[int, Runs]]:
        """Compute ``chunks``; yield ``(index, runs)`` for each as it completes."""
        ...

    def map_jobs(
        self, jobs: Sequence[Job], on_runs: Callable[[int], None] | None = None
    ) -> Iterator[tuple[int, int, Runs]]:
        """Compute the chunks of several plans together; yield ``(job, index, runs)``;
        ``on_runs(count)`` is told the runs of each task as it completes."""
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
