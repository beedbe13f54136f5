"""Batches: many runs of a plan, in chunks, written to Parquet or collected in memory.

:func:`run_batch` writes one Parquet file per chunk with a manifest and resumes an
interrupted batch; :func:`collect` returns all runs in memory, and :func:`collect_all` those
of several plans computed together (the arms of :mod:`whatif`). They split
the run ids ``0 .. runs - 1`` into chunks and hand them to a runner; since a run's row depends
only on the plan and its id, the chunk size, the number of workers and the backend never
change the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

import politburo
from politburo.errors import PolitburoError, Problem
from politburo.experiments.budget import (
    DISK_BYTES_PER_MEMORY_BYTE,
    MEMORY_FACTOR,
    check_chunk_count,
    check_disk,
    check_memory,
)
from politburo.experiments.plan import Plan, Runs
from politburo.experiments.runners import Chunk, Runner
from politburo.experiments.runners.local import LocalRunner
from politburo.experiments.work import WAVE_RUNS

__all__ = [
    "DEFAULT_CHUNK",
    "BatchResult",
    "check_runs",
    "chunks",
    "collect",
    "collect_all",
    "run_batch",
]

DEFAULT_CHUNK = 50_000
"""Runs per Parquet file. Chunks are the unit of writing and resuming, not of work: the
runners compute waves of chunks (:mod:`~politburo.experiments.work`)."""


def check_runs(runs: int, chunk_size: int = DEFAULT_CHUNK) -> None:
    """Refuse a run count below 1 or a chunk size below 1."""
    problems = []
    if runs < 1:
        problems.append(
            Problem(f"the number of runs must be at least 1, not {runs}", field="--runs")
        )
    if chunk_size < 1:
        problems.append(
            Problem(f"the chunk size must be at least 1, not {chunk_size}", field="--chunk-size")
        )
    if problems:
        raise PolitburoError(problems)


PROBE_RUNS = 10_000
"""Below this many runs in all, the memory of the rows is not estimated (it is small)."""


def bytes_per_run(plans: Sequence[Plan]) -> int:
    """Bytes one run's row takes in memory, the most over ``plans``: one run of each is
    computed here to see its columns."""
    most = 0
    for plan in plans:
        one = collect(plan, 1, runner=LocalRunner(1))
        size = sum(v.itemsize for v in one.columns.values()) + len(one.missing)
        most = max(most, size)
    return most


def chunks(runs: int, chunk_size: int) -> list[Chunk]:
    """Split run ids ``0 .. runs - 1`` into chunks of ``chunk_size`` (the last may be short).

    >>> chunks(5, 2)
    [(0, 0, 2), (1, 2, 4), (2, 4, 5)]
    """
    return [
        (index, start, min(start + chunk_size, runs))
        for index, start in enumerate(range(0, runs, chunk_size))
    ]


@dataclass(frozen=True)
class BatchResult:
    """What a batch did: its folder, the runs and chunks in it, how many were new, and which
    damaged chunks were computed again."""

    folder: Path
    runs: int
    chunks: int
    written: int
    skipped: int
    damaged: tuple[str, ...] = ()
    """Chunk files found damaged (checksum or row count not as recorded) and computed again."""


@contextmanager
def _closing(results: Iterator[Any]) -> Iterator[Iterator[Any]]:
    """``results``, closed as soon as the loop over it ends, by an interrupt too: the runner's
    own clean-up (stopping its workers at once) then runs before its caller's ``close``."""
    try:
        yield results
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()


@contextmanager
def progress_bar(total: int, description: str, enabled: bool) -> Iterator[Any]:
    """A progress bar of ``total`` runs on stderr, or nothing when not ``enabled``; yields
    ``advance(count)``."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("runs"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not enabled,
        transient=False,
    ) as progress:
        task = progress.add_task(description, total=total)

        def advance(count: int) -> None:
            progress.advance(task, count)

        yield advance


def manifest(plan: Plan, runs: int, chunk_size: int) -> dict[str, Any]:
    """What identifies a batch: a rerun resumes only when all of it is equal."""
    return {
        **plan.describe(),
        "runs": runs,
        "chunk_size": chunk_size,
        "politburo": politburo.__version__,
    }


def run_batch(
    plan: Plan,
    out: Path,
    runs: int,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    runner: Runner | None = None,
    progress: bool = False,
) -> BatchResult:
    """Run ``runs`` runs of ``plan`` into the folder ``out``, one Parquet file per chunk.

    A folder holding the same batch is resumed: chunks already written are skipped. If the
    batch stops (an error, an interrupt), the chunks written stay whole and a rerun
    completes them; a folder this call created is removed if no chunk was written.

    Raises
    ------
    PolitburoError
        For a bad run count or chunk size, or an output folder that cannot be used.
    """
    from politburo.experiments import store

    check_runs(runs, chunk_size)
    check_chunk_count(runs, chunk_size)
    if runs >= PROBE_RUNS:
        row = bytes_per_run([plan])
        held = min(runs, max(WAVE_RUNS, chunk_size))
        check_memory(
            held * row * MEMORY_FACTOR,
            f"a wave of {held:,} runs",
            field="--chunk-size" if chunk_size > WAVE_RUNS else "--runs",
            advice="use a smaller --chunk-size",
        )
        check_disk(int(runs * row * DISK_BYTES_PER_MEMORY_BYTE), out)
    runner = runner or LocalRunner(1)
    todo = chunks(runs, chunk_size)
    folder = store.open_folder(
        out, manifest(plan, runs, chunk_size), {i: stop - start for i, start, stop in todo}
    )
    remaining = [c for c in todo if c[0] not in folder.done]
    done_runs = sum(stop - start for i, start, stop in todo if i in folder.done)
    written = 0
    try:
        with progress_bar(runs, f"{plan.scenario.id}: batch", progress) as advance:
            advance(done_runs)
            with _closing(runner.map(plan, remaining)) as results:
                for index, result in results:
                    folder.write_chunk(index, result)
                    written += 1
                    advance(len(result))
    finally:
        folder.discard_if_empty()
        folder.close()
    return BatchResult(
        folder.path,
        runs,
        len(todo),
        written,
        len(todo) - len(remaining),
        tuple(folder.damaged),
    )


def concat(parts: list[Runs]) -> Runs:
    """Runs of several chunks as one, ordered by run id."""
    parts = sorted(parts, key=lambda r: int(r.columns["run_id"][0]) if len(r) else 0)
    names = list(dict.fromkeys(name for part in parts for name in part.columns))
    columns: dict[str, np.ndarray[Any, Any]] = {}
    missing: dict[str, np.ndarray[Any, Any]] = {}
    for name in names:
        pieces, holes = [], []
        for part in parts:
            if name in part.columns:
                pieces.append(part.columns[name])
                holes.append(part.missing.get(name, np.zeros(len(part), dtype=bool)))
            else:
                template = next(p.columns[name] for p in parts if name in p.columns)
                pieces.append(np.zeros(len(part), dtype=template.dtype))
                holes.append(np.ones(len(part), dtype=bool))
        columns[name] = np.concatenate(pieces)
        hole = np.concatenate(holes)
        if hole.any():
            missing[name] = hole
    labels = {k: v for part in parts for k, v in part.labels.items()}
    return Runs(columns, labels, missing)


def collect(
    plan: Plan,
    runs: int,
    *,
    chunk_size: int | None = None,
    runner: Runner | None = None,
    progress: bool = False,
    description: str | None = None,
) -> Runs:
    """All ``runs`` runs of ``plan`` in memory, ordered by run id.

    ``chunk_size`` defaults to about four chunks per worker (the rows do not depend on it).
    """
    [result] = collect_all(
        [plan],
        runs,
        chunk_size=chunk_size,
        runner=runner,
        progress=progress,
        description=description,
    )
    return result


def collect_all(
    plans: Sequence[Plan],
    runs: int,
    *,
    chunk_size: int | None = None,
    runner: Runner | None = None,
    progress: bool = False,
    description: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[Runs]:
    """``runs`` runs of each plan in memory, ordered by run id: the plans are computed
    together, so that the workers stay busy from one plan to the next.

    ``chunk_size`` defaults to about four chunks per worker (the rows do not depend on it).
    ``on_progress(done, total)`` is called as each task comes back (finer than chunks,
    which complete only with their wave), counting runs over every plan.
    """
    runner = runner or LocalRunner(1)
    if chunk_size is None:
        chunk_size = min(DEFAULT_CHUNK, max(1_000, -(-runs // (4 * runner.workers))))
    check_runs(runs, chunk_size)
    if runs * len(plans) >= PROBE_RUNS and runs > 1:
        row = bytes_per_run(plans)
        arms = f" of each of {len(plans)} arms" if len(plans) > 1 else ""
        check_memory(runs * len(plans) * row * MEMORY_FACTOR, f"{runs:,} runs{arms} in memory")
    check_chunk_count(runs, chunk_size)
    parts: list[list[Runs]] = [[] for _ in plans]
    label = description or (plans[0].scenario.id if plans else "")
    done = 0
    with progress_bar(runs * len(plans), label, progress) as advance:

        def computed(count: int) -> None:
            nonlocal done
            advance(count)
            done += count
            if on_progress is not None:
                on_progress(done, runs * len(plans))

        jobs = [(p, chunks(runs, chunk_size)) for p in plans]
        with _closing(runner.map_jobs(jobs, on_runs=computed)) as results:
            for job, _, result in results:
                parts[job].append(result)
    return [concat(p) for p in parts]
