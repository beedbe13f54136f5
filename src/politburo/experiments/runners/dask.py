"""Scale-out with Dask distributed: a real scheduler by address, or a local cluster.

Each plan is sent to every worker once (``scatter``, broadcast), so that a task depends
only on data every worker holds and goes to whichever worker is free; each task then
computes its engine calls and returns their columns to this process, which puts them in
order and writes them, so workers need no shared file system. A worker keeps its compiled
scenarios across tasks (a module-level cache keyed by plan and combination). Workers need
``politburo`` installed at the same version; workers of a cluster started elsewhere should
unset Dask's ``MALLOC_TRIM_THRESHOLD_`` as the local cluster does
(:mod:`politburo.local_cluster`). A task whose worker dies is run again on another worker
(Dask's ``distributed.scheduler.allowed-failures``); a run's rows depend only on its id, so
nothing changes but time.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from politburo.errors import PolitburoError, Problem
from politburo.experiments.plan import Plan, Runs
from politburo.experiments.runners import Chunk, Job, Pending, schedule
from politburo.experiments.work import Task, compute_task
from politburo.local_cluster import local_cluster

__all__ = ["DaskRunner"]


class DaskRunner:
    """Computes chunks on a Dask cluster.

    Parameters
    ----------
    workers
        Worker processes of the local cluster started when no ``scheduler`` is given.
    scheduler
        Address of a running scheduler (``tcp://host:8786``).
    timeout
        Seconds to wait for the scheduler before giving up.
    """

    def __init__(self, workers: int, *, scheduler: str | None = None, timeout: float = 10.0):
        distributed: Any = importlib.import_module("distributed")
        self.distributed = distributed
        Client = distributed.Client
        self.cluster: Any = None
        try:
            if scheduler is None:
                self.cluster = local_cluster(workers, silence_logs=40)
                self.client: Any = Client(self.cluster, timeout=timeout)
            else:
                self.client = Client(scheduler, timeout=timeout)
        except (OSError, TimeoutError, ValueError) as error:
            if self.cluster is not None:
                self.cluster.close()
            where = scheduler or "a local cluster"
            raise PolitburoError(
                Problem(
                    f"cannot reach the Dask scheduler at {where} within {timeout:g} s: {error}",
                    field="--scheduler",
                )
            ) from None
        info = self.client.scheduler_info().get("workers", {})
        self.workers = sum(int(w.get("nthreads", 1)) for w in info.values()) or workers

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
        shared: dict[int, Any] = {}

        def submit(job: int, task: Task) -> Pending:
            if job not in shared:  # each plan to every worker, once
                shared[job] = self.client.scatter(jobs[job][0], broadcast=True, hash=False)
            future: Pending = self.client.submit(compute_task, shared[job], task, pure=False)
            return future

        def finished(pending: set[Pending]) -> set[Pending]:
            done: set[Pending] = self.distributed.wait(pending, return_when="FIRST_COMPLETED").done
            return done

        yield from schedule(jobs, self.workers, submit, finished, on_runs=on_runs)

    def close(self) -> None:
        """Close the client and any local cluster it started."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
