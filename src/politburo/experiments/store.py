"""The results store: a folder of Parquet chunks with a manifest, read back with DuckDB.

A batch folder holds ``batch.json`` (what was run: scenario and its hash, interventions,
evidence, seed, runs, chunk size, politburo version) and one ``chunk-NNNNNN.parquet`` per
chunk of runs. A chunk is written to a hidden temporary file and renamed into place, so it is
either whole or absent; a batch run again with the same arguments skips the chunks present,
and one with other arguments is refused. :func:`query` runs SQL over the chunks as a view
named ``runs``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from politburo.errors import PolitburoError, Problem
from politburo.experiments.plan import Runs

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "MANIFEST",
    "Folder",
    "chunk_path",
    "open_folder",
    "query",
    "read_runs",
    "to_table",
    "write_chunk",
]

MANIFEST = "batch.json"
FORMAT = 1
_TEMP_PREFIX = ".tmp-"


def chunk_path(folder: Path, index: int) -> Path:
    """Where chunk ``index`` of a batch lives."""
    return folder / f"chunk-{index:06d}.parquet"


def to_table(runs: Runs) -> pa.Table:
    """An Arrow table of ``runs``: evidence columns dictionary-encoded with their labels,
    missing values as nulls."""
    import numpy as np
    import pyarrow as pa

    arrays = []
    for name, values in runs.columns.items():
        mask = runs.missing.get(name)
        if name in runs.labels:
            dictionary = pa.array(runs.labels[name], type=pa.string())
            indices = pa.array(values.astype(np.int16), mask=mask)
            arrays.append(pa.DictionaryArray.from_arrays(indices, dictionary))
        else:
            arrays.append(pa.array(values, mask=mask))
    return pa.Table.from_arrays(arrays, names=list(runs.columns))


def write_chunk(folder: Path, index: int, runs: Runs) -> Path:
    """Write one chunk atomically: a temporary file in ``folder``, then a rename."""
    import pyarrow.parquet as pq

    target = chunk_path(folder, index)
    temp = folder / f"{_TEMP_PREFIX}{target.name}.{os.getpid()}"
    try:
        pq.write_table(to_table(runs), temp, compression="zstd")
        os.replace(temp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    return target


def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    temp = path.with_name(f"{_TEMP_PREFIX}{path.name}")
    temp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temp, path)


@dataclass
class Folder:
    """A batch folder made ready for writing: which chunks are already done, and whether
    this batch created the folder (and so may remove it if nothing gets written)."""

    path: Path
    manifest: dict[str, Any]
    done: set[int]
    created: bool

    def discard_if_empty(self) -> None:
        """Remove the folder again when this batch created it and wrote no chunk."""
        if self.created and not any(self.path.glob("chunk-*.parquet")):
            shutil.rmtree(self.path, ignore_errors=True)


def _differences(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    def short(value: Any) -> str:
        text = json.dumps(value, sort_keys=True, default=str)
        return text if len(text) <= 60 else text[:57] + "..."

    return [
        f"{key}: {short(old.get(key))} there, {short(new.get(key))} now"
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key)
    ]


def open_folder(path: Path, manifest: Mapping[str, Any], chunk_sizes: Mapping[int, int]) -> Folder:
    """Make ``path`` ready for a batch with ``manifest``: create it, or resume the batch it
    holds if that batch had the same manifest.

    ``chunk_sizes`` gives the expected row count of each chunk; a chunk file with another
    count is not counted as done.

    Raises
    ------
    PolitburoError
        When the folder cannot be created or written, holds other files, or holds a batch
        run with other arguments.
    """
    manifest = {"format": FORMAT, **manifest}
    where = str(path)
    if path.exists() and not path.is_dir():
        raise PolitburoError(
            Problem("the output is a file, not a folder", file=where, field="--out")
        )
    created = not path.exists()
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f"{_TEMP_PREFIX}probe.{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        if created:
            shutil.rmtree(path, ignore_errors=True)
        reason = error.strerror or str(error)
        raise PolitburoError(
            Problem(f"cannot write the output folder: {reason}", file=where, field="--out")
        ) from None
    for stale in path.glob(f"{_TEMP_PREFIX}*"):
        with contextlib.suppress(OSError):
            stale.unlink()
    manifest_path = path / MANIFEST
    if manifest_path.exists():
        try:
            old = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            old = None
        if not isinstance(old, dict):
            raise PolitburoError(
                Problem(
                    "unreadable batch manifest; remove the folder or choose another",
                    file=str(manifest_path),
                )
            )
        differences = _differences(old, manifest)
        if differences:
            raise PolitburoError(
                Problem(
                    "the folder holds a batch run with other arguments ("
                    + "; ".join(differences)
                    + "); use another folder, or the same arguments "
                    "to resume",
                    file=str(manifest_path),
                    field="--out",
                )
            )
    elif any(path.iterdir()):
        raise PolitburoError(
            Problem(
                "the folder holds other files and no batch; choose an empty or new folder",
                file=where,
                field="--out",
            )
        )
    else:
        _write_json(manifest_path, manifest)
    return Folder(path, manifest, _done_chunks(path, chunk_sizes), created)


def _done_chunks(path: Path, chunk_sizes: Mapping[int, int]) -> set[int]:
    import pyarrow.parquet as pq

    done = set()
    for index, rows in chunk_sizes.items():
        file = chunk_path(path, index)
        if not file.exists():
            continue
        try:
            whole = pq.read_metadata(file).num_rows == rows
        except (OSError, ValueError):
            whole = False
        if whole:
            done.add(index)
        else:
            file.unlink()
    return done


def _chunk_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise PolitburoError(Problem("no such batch folder", file=str(folder), field="DIR"))
    files = sorted(folder.glob("chunk-*.parquet"))
    if not files:
        raise PolitburoError(
            Problem("the folder holds no chunks of results", file=str(folder), field="DIR")
        )
    return files


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@contextlib.contextmanager
def _connection(folder: Path) -> Iterator[Any]:
    import duckdb

    _chunk_files(folder)
    pattern = str(folder.resolve() / "chunk-*.parquet")
    connection = duckdb.connect(":memory:")
    try:
        connection.execute(
            f"CREATE VIEW runs AS SELECT * FROM read_parquet({_sql_string(pattern)}, "
            "union_by_name = true)"
        )
        yield connection
    finally:
        connection.close()


def query(folder: Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run ``sql`` over a batch folder's chunks, seen as the view ``runs``.

    Returns the column names and the rows.

    Raises
    ------
    PolitburoError
        When the folder holds no chunks or the SQL fails (DuckDB's message is kept).
    """
    import duckdb

    with _connection(folder) as connection:
        try:
            result = connection.execute(sql)
            names = [d[0] for d in result.description] if result.description else []
            rows = result.fetchall()
        except duckdb.Error as error:
            message = str(error).strip().splitlines()[0]
            raise PolitburoError(Problem(message, file=str(folder), field="SQL")) from None
    return names, rows


def read_runs(folder: Path, keep: Callable[[str], bool] | None = None) -> Runs:
    """Every run of a batch folder, ordered by run id, as :class:`Runs` (evidence columns
    coded by the order of the alternatives in the manifest).

    ``keep`` selects the columns to read (``run_id`` is always read): a million runs of
    every column would not fit in memory, a few columns do.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    files = _chunk_files(folder)
    try:
        labels = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["evidence"]
    except (OSError, ValueError, KeyError, TypeError):
        raise PolitburoError(
            Problem("no readable batch manifest", file=str(folder / MANIFEST), field="DIR")
        ) from None

    def wanted(file: Path) -> list[str]:
        names = pq.read_schema(file).names
        return [n for n in names if n == "run_id" or keep is None or keep(n)]

    tables = [pq.read_table(f, columns=wanted(f)) for f in files]
    table = pa.concat_tables(tables, promote_options="permissive").sort_by("run_id")
    columns: dict[str, Any] = {}
    missing: dict[str, Any] = {}
    coded: dict[str, list[str]] = {}
    for name in table.column_names:
        column = table.column(name)
        fact = name.removeprefix("evidence.")
        if name.startswith("evidence.") and fact in labels:
            coded[name] = list(labels[fact])
            text = pc.cast(column, pa.string()).to_numpy(zero_copy_only=False)
            lookup = {label: k for k, label in enumerate(coded[name])}
            columns[name] = np.array([lookup.get(t, -1) for t in text], dtype=np.int16)
            continue
        if column.null_count:
            missing[name] = column.is_null().to_numpy(zero_copy_only=False)
            column = column.fill_null(False if pa.types.is_boolean(column.type) else -1)
        columns[name] = column.to_numpy()
    return Runs(columns, coded, missing)
