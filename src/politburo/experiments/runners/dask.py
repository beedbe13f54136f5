"""Scale-out with Dask distributed: a real scheduler by address, or a local cluster.

The plan is sent to every worker once (``scatter``, broadcast); each task then computes its
chunks and returns their columns to this process, which writes them, so workers need no
shared file system. Workers need ``politburo`` installed at the same version.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from typing import Any

from politburo.errors import PolitburoError, Problem
from politburo.experiments.plan import Plan, Runs
from politburo.experiments.runners import Chunk, compute_task, tasks

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
        Client, LocalCluster = distributed.Client, distributed.LocalCluster
        self.cluster: Any = None
        try:
            if scheduler is None:
                self.cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=40,
                )
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
        self.workers = len(self.client.scheduler_info().get("workers", {})) or workers

    def map(self, plan: Plan, chunks: Sequence[Chunk]) -> Iterator[tuple[int, Runs]]:
        """Compute ``chunks`` in tasks, two per worker in flight; yield each chunk as its
        task completes."""
        as_completed = self.distributed.as_completed
        shared = self.client.scatter(plan, broadcast=True, hash=False)
        pending = list(reversed(tasks(chunks, self.workers)))
        limit = 2 * max(self.workers, 1)

        def submit() -> Any:
            return self.client.submit(compute_task, shared, pending.pop(), pure=False)

        futures = as_completed([submit() for _ in range(min(limit, len(pending)))])
        for future in futures:
            yield from future.result()
            if pending:
                futures.add(submit())

    def close(self) -> None:
        """Close the client and any local cluster it started."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
