"""A Dask ``LocalCluster`` whose workers keep the C allocator's own defaults.

Dask's nannies set ``MALLOC_TRIM_THRESHOLD_`` in the workers they spawn, so that memory goes
back to the system at once, and set it in the spawning process too (they update its
environment, which every later child process inherits). The variable fixes glibc's threshold
for serving large blocks by ``mmap``: each of the engine's many temporary arrays is then
mapped, faulted in and unmapped again, which made the engine about 1.6 times slower in a
Dask worker than in a process of the local runner. :func:`local_cluster` starts the workers
without it and leaves this process's environment as it found it. Shared by the layers that
scale out on Dask (ingesting sources, running experiments); Dask is imported only when called.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

__all__ = ["GLIBC_DEFAULTS", "TRIM", "local_cluster"]

TRIM = "MALLOC_TRIM_THRESHOLD_"
"""The environment variable Dask's nannies set."""

GLIBC_DEFAULTS = {f"distributed.nanny.pre-spawn-environ.{TRIM}": None}
"""Dask configuration that keeps the nannies from setting :data:`TRIM` in their workers."""


def local_cluster(workers: int, **options: Any) -> Any:
    """A ``distributed.LocalCluster`` of ``workers`` single-threaded processes, without
    :data:`TRIM` in their environment; ``options`` go to ``LocalCluster``."""
    distributed: Any = importlib.import_module("distributed")
    config: Any = importlib.import_module("dask.config")
    saved = os.environ.pop(TRIM, None)
    try:
        with config.set(GLIBC_DEFAULTS):
            return distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                **options,
            )
    finally:
        os.environ.pop(TRIM, None)  # what a nanny set here would reach later children
        if saved is not None:
            os.environ[TRIM] = saved
