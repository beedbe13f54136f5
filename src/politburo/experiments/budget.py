"""What a number of runs costs in memory and on disk, checked before the work starts.

A what-if holds every run of every arm in memory; a batch holds one wave of runs at a time
and writes them to disk. :func:`check_memory` and :func:`check_disk` refuse, with a message
naming ``--runs``, what clearly cannot fit, instead of a process that grows until the machine
gives out, or a batch that fails when the disk is full.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from politburo.errors import PolitburoError, Problem

__all__ = [
    "DISK_BYTES_PER_MEMORY_BYTE",
    "MAX_CHUNKS",
    "MEMORY_FACTOR",
    "available_memory",
    "check_chunk_count",
    "check_disk",
    "check_memory",
    "gib",
]

MEMORY_FACTOR = 3
"""Copies of the rows held at once at the peak (the parts, their concatenation, and the
indicators an analysis derives from them)."""

DISK_BYTES_PER_MEMORY_BYTE = 1 / 64
"""A low estimate of the Parquet bytes per byte of rows in memory (about 1/40 for June 1957,
compressed): a batch is refused only when even this would not fit."""

MAX_CHUNKS = 1_000_000
"""Most chunk files one batch may write."""


def gib(count: float) -> str:
    """Bytes as GiB, for messages.

    >>> gib(3 * 2**30)
    '3.0 GiB'
    """
    return f"{count / 2**30:,.1f} GiB"


def available_memory() -> int:
    """Bytes of memory this process may still use: the kernel's ``MemAvailable`` (or free
    pages), and no more than a cgroup's limit."""
    found: int | None = None
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    found = int(line.split()[1]) * 1024
                    break
    except (OSError, ValueError):
        found = None
    if found is None:
        try:
            found = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, AttributeError):  # pragma: no cover - not POSIX
            return 2**63
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text(encoding="ascii").strip()
        if limit.isdigit():
            found = min(found, int(limit))
    except OSError:
        pass
    return found


BATCH_ADVICE = "use fewer runs, or `politburo batch`, which writes runs to disk as it goes"


def check_memory(
    needed: int, what: str, *, field: str = "--runs", advice: str = BATCH_ADVICE
) -> None:
    """Refuse when ``needed`` bytes exceed what this machine has available.

    Raises
    ------
    PolitburoError
        Naming ``field``, with both figures and ``what`` (what would need the memory).
    """
    available = available_memory()
    if needed > available:
        raise PolitburoError(
            Problem(
                f"{what} would need about {gib(needed)} of memory; {gib(available)} is "
                f"available: {advice}",
                field=field,
            )
        )


def check_disk(needed: int, folder: Path, *, field: str = "--runs") -> None:
    """Refuse when ``needed`` bytes exceed the free space where ``folder`` will be.

    Raises
    ------
    PolitburoError
        Naming ``field``, with both figures.
    """
    place = folder
    while not place.exists() and place != place.parent:
        place = place.parent
    try:
        free = shutil.disk_usage(place).free
    except OSError:
        return  # the folder's own checks report an unusable place
    if needed > free:
        raise PolitburoError(
            Problem(
                f"the batch would write at least {gib(needed)}; {gib(free)} is free there",
                file=str(folder),
                field=field,
            )
        )


def check_chunk_count(runs: int, chunk_size: int) -> None:
    """Refuse a batch of more than :data:`MAX_CHUNKS` chunk files.

    >>> check_chunk_count(10**12, 50_000)
    Traceback (most recent call last):
    ...
    politburo.errors.PolitburoError: --chunk-size: 1,000,000,000,000 runs in chunks ...
    """
    count = -(-runs // chunk_size)
    if count > MAX_CHUNKS:
        raise PolitburoError(
            Problem(
                f"{runs:,} runs in chunks of {chunk_size:,} make {count:,} files; at most "
                f"{MAX_CHUNKS:,}: raise --chunk-size or run fewer",
                field="--chunk-size",
            )
        )
