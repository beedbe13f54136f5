"""Ingesting a corpus of many files in parallel on Dask.

Each file is ingested by :func:`politburo.evidence.store.ingest_file` in a worker
process of a :class:`distributed.LocalCluster` (the same scale-out engine the
experiments use); a file's source folder is committed by its own atomic rename, so a
failure in one file leaves the others whole and nothing half-written. Problems from all
files are gathered and reported together, in the same way whether Dask ran or not. Dask is
imported only here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from politburo.errors import PolitburoError, Problem
from politburo.evidence.sources import slug
from politburo.evidence.store import StoredSource, ingest_file

__all__ = ["ingest_each", "ingest_many", "plan_ids"]

_Problem = tuple[str, str | None, int | None, str | None]  # message, file, line, field
_Outcome = tuple[str, StoredSource | None, tuple[_Problem, ...]]


def plan_ids(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """Source ids for ``paths``; two files that would share an id are an error.

    >>> plan_ids(["a/Report.txt", "b/notes.md"])
    ['report', 'notes']
    """
    ids = [slug(Path(p).stem) for p in paths]
    seen: dict[str, str] = {}
    problems = []
    for path, ident in zip(paths, ids, strict=True):
        if ident in seen:
            problems.append(
                Problem(
                    f"would get the source id {ident!r} already given to {seen[ident]}; "
                    "rename one or ingest them into different stores",
                    file=str(path),
                )
            )
        seen.setdefault(ident, str(path))
    if problems:
        raise PolitburoError(problems)
    return ids


def _ingest_one(path: str, store: str, ident: str, encoding: str | None) -> _Outcome:
    """Run in a worker: never raises, so that every file's outcome comes back."""
    try:
        return ("ok", ingest_file(path, store, ident, encoding), ())
    except PolitburoError as error:
        found = tuple((p.message, p.file, p.line, p.field) for p in error.problems)
        return ("error", None, found)


def ingest_many(
    paths: Sequence[str | os.PathLike[str]],
    store: str | os.PathLike[str],
    encoding: str | None = None,
    workers: int | None = None,
    address: str | None = None,
) -> list[StoredSource]:
    """Ingest many files, in parallel on a Dask cluster; raise if any failed.

    Parameters and parallelism are those of :func:`ingest_each`.

    Returns
    -------
    list of StoredSource
        In the order of ``paths``.

    Raises
    ------
    PolitburoError
        With the problems of every file that failed; the files that succeeded stay
        ingested.
    """
    done, problems = ingest_each(paths, store, encoding, workers, address)
    if problems:
        raise PolitburoError(problems)
    return done


def ingest_each(
    paths: Sequence[str | os.PathLike[str]],
    store: str | os.PathLike[str],
    encoding: str | None = None,
    workers: int | None = None,
    address: str | None = None,
    ids: Sequence[str] | None = None,
) -> tuple[list[StoredSource], list[Problem]]:
    """Ingest each file, all or nothing per file; the sources ingested and the problems.

    Parameters
    ----------
    paths : sequence of path-like
        The files.
    store : path-like
        The store folder.
    encoding : str, optional
        Force one codec for every file.
    workers : int, optional
        Worker processes of a local Dask cluster (default: the CPU count). ``0`` or ``1``,
        or a single file, ingests in this process, without Dask.
    address : str, optional
        Address of an existing Dask scheduler to use instead of a local cluster.
    ids : sequence of str, optional
        Source ids, one per file (default: from the file names, :func:`plan_ids`).

    Returns
    -------
    tuple of (list of StoredSource, list of Problem)
        The sources ingested, in the order of ``paths``, and the problems of the files
        that failed (reported the same way whether Dask ran or not).
    """
    ids = list(ids) if ids is not None else plan_ids(paths)
    names = [str(p) for p in paths]
    root = str(store)
    Path(root).mkdir(parents=True, exist_ok=True)
    count = workers if workers is not None else (os.cpu_count() or 1)
    if address is None and (count <= 1 or len(names) == 1):
        outcomes = [_ingest_one(p, root, i, encoding) for p, i in zip(names, ids, strict=True)]
    else:
        outcomes = _on_dask(names, root, ids, encoding, count, address)
    done: list[StoredSource] = []
    problems: list[Problem] = []
    for status, record, found in outcomes:
        if status == "ok" and record is not None:
            done.append(record)
        problems.extend(
            Problem(m, file=file, line=line, field=field) for m, file, line, field in found
        )
    return done, problems


def _on_dask(
    names: list[str],
    root: str,
    ids: list[str],
    encoding: str | None,
    workers: int,
    address: str | None,
) -> list[_Outcome]:
    from distributed import Client

    from politburo.local_cluster import local_cluster

    if address is not None:
        with Client(address) as client:  # type: ignore[no-untyped-call]
            futures = client.map(
                _ingest_one, names, [root] * len(names), ids, [encoding] * len(names)
            )
            return list(client.gather(futures))
    with (
        local_cluster(min(workers, len(names))) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        futures = client.map(
            _ingest_one, names, [root] * len(names), ids, [encoding] * len(names), pure=False
        )
        return list(client.gather(futures))
