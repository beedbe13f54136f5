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
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from politburo.errors import PolitburoError, Problem
from politburo.experiments.plan import Runs
from politburo.scenario.yaml_marks import read_text_file

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "MANIFEST",
    "Folder",
    "chunk_path",
    "coverage",
    "open_folder",
    "query",
    "read_runs",
    "to_table",
    "verify_chunks",
]

MANIFEST = "batch.json"
FORMAT = 2
CHUNKS = "chunks"
"""Key of the manifest that records each chunk's row count and SHA-256 checksum."""
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    temp = path.with_name(f"{_TEMP_PREFIX}{path.name}.{os.getpid()}")
    with temp.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps(data, indent=2, sort_keys=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)


@dataclass
class Folder:
    """A batch folder made ready for writing and locked for this process: its manifest,
    which chunks are already done (whole, with the checksum the manifest records), which
    were damaged, and whether this batch created the folder.

    The lock (an exclusive ``flock`` on the folder itself) is held until :meth:`close`; a
    second batch into the same folder is refused while it is held, and the kernel releases
    it when this process ends, however it ends.
    """

    path: Path
    manifest: dict[str, Any]
    done: set[int]
    created: bool
    damaged: list[str] = field(default_factory=list)
    _lock: int | None = field(default=None, repr=False)

    def write_chunk(self, index: int, runs: Runs) -> Path:
        """Write one chunk: a temporary file, its checksum into the manifest, then a rename,
        so that every chunk in place is whole and recorded."""
        import pyarrow.parquet as pq

        target = chunk_path(self.path, index)
        temp = self.path / f"{_TEMP_PREFIX}{target.name}.{os.getpid()}"
        try:
            pq.write_table(to_table(runs), temp, compression="zstd")
            self.manifest.setdefault(CHUNKS, {})[target.name] = {
                "rows": len(runs),
                "sha256": _sha256(temp),
            }
            _write_json(self.path / MANIFEST, self.manifest)
            os.replace(temp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        return target

    def discard_if_empty(self) -> None:
        """Remove the folder again when this batch created it and wrote no chunk: only the
        manifest it wrote goes, and the folder only if nothing else is in it."""
        if self.created and self._lock is not None and not any(self.path.glob("chunk-*")):
            with contextlib.suppress(OSError):
                (self.path / MANIFEST).unlink()
            with contextlib.suppress(OSError):
                self.path.rmdir()

    def close(self) -> None:
        """Release the lock."""
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def _lock_folder(path: Path) -> int:
    """An exclusive lock on the folder ``path`` (its open descriptor), or a clear refusal."""
    import fcntl

    where = str(path)
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    except OSError as error:
        reason = error.strerror or str(error)
        raise PolitburoError(
            Problem(f"cannot open the output folder: {reason}", file=where, field="--out")
        ) from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(handle)
        raise PolitburoError(
            Problem(
                "another batch is writing into this folder now; wait for it to end or "
                "choose another folder",
                file=where,
                field="--out",
            )
        ) from None
    return handle


def _differences(old: Mapping[str, Any], new: Mapping[str, Any], within: str = "") -> list[str]:
    """What differs between two manifests, key by key (inside mappings too), chunks aside."""

    def short(value: Any) -> str:
        if value is None:
            return "absent"
        text = json.dumps(value, sort_keys=True, default=str)
        return text if len(text) <= 60 else text[:57] + "..."

    found = []
    for key in sorted((set(old) | set(new)) - {CHUNKS}):
        was, now = old.get(key), new.get(key)
        if was == now:
            continue
        if isinstance(was, Mapping) and isinstance(now, Mapping):
            found += _differences(was, now, f"{within}{key}.")
        else:
            found.append(f"{within}{key}: {short(was)} there, {short(now)} now")
    return found


def open_folder(path: Path, manifest: Mapping[str, Any], chunk_sizes: Mapping[int, int]) -> Folder:
    """Make ``path`` ready for a batch with ``manifest`` and lock it: create it, or resume
    the batch it holds if that batch had the same manifest.

    ``chunk_sizes`` gives the expected row count of each chunk; a chunk file whose checksum
    or row count is not the one the manifest records is not counted as done (it is computed
    again and named in :attr:`Folder.damaged`).

    Raises
    ------
    PolitburoError
        When the folder cannot be created or written, another batch is writing into it,
        it holds other files, or it holds a batch run with other arguments.
    """
    manifest = {"format": FORMAT, **manifest}
    where = str(path)
    if path.exists() and not path.is_dir():
        raise PolitburoError(
            Problem("the output is a file, not a folder", file=where, field="--out")
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            path.mkdir()
            created = True
        except FileExistsError:
            created = False
    except OSError as error:
        reason = error.strerror or str(error)
        raise PolitburoError(
            Problem(f"cannot write the output folder: {reason}", file=where, field="--out")
        ) from None
    lock = _lock_folder(path)
    try:
        return _prepare(path, manifest, chunk_sizes, created, lock)
    except BaseException:
        folder = Folder(path, manifest, set(), created, _lock=lock)
        if created:
            with contextlib.suppress(OSError):
                path.rmdir()
        folder.close()
        raise


def _prepare(
    path: Path,
    manifest: dict[str, Any],
    chunk_sizes: Mapping[int, int],
    created: bool,
    lock: int,
) -> Folder:
    where = str(path)
    try:
        probe = path / f"{_TEMP_PREFIX}probe.{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        reason = error.strerror or str(error)
        raise PolitburoError(
            Problem(f"cannot write the output folder: {reason}", file=where, field="--out")
        ) from None
    for stale in path.glob(f"{_TEMP_PREFIX}*"):  # left by a batch that held the lock
        with contextlib.suppress(OSError):
            stale.unlink()
    manifest_path = path / MANIFEST
    if manifest_path.exists():
        old = _read_manifest(path)
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
        recorded = old.get(CHUNKS)
        manifest[CHUNKS] = dict(recorded) if isinstance(recorded, dict) else {}
    elif any(path.iterdir()):
        raise PolitburoError(
            Problem(
                "the folder holds other files and no batch; choose an empty or new folder",
                file=where,
                field="--out",
            )
        )
    else:
        manifest[CHUNKS] = {}
        _write_json(manifest_path, manifest)
    done, damaged = _done_chunks(path, manifest[CHUNKS], chunk_sizes)
    return Folder(path, manifest, done, created, damaged, lock)


def _read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a batch folder, or a clear error naming it."""
    manifest_path = folder / MANIFEST
    try:
        old = json.loads(read_text_file(manifest_path, limit=MAX_MANIFEST_BYTES))
    except (PolitburoError, ValueError):
        old = None
    if not isinstance(old, dict):
        raise PolitburoError(
            Problem(
                "unreadable batch manifest; remove the folder or choose another",
                file=str(manifest_path),
            )
        )
    return old


def _verified(file: Path, record: Any) -> bool:
    """Whether ``file`` has the row count and checksum its manifest ``record`` gives."""
    if not isinstance(record, dict) or not file.is_file():
        return False
    try:
        return _sha256(file) == record.get("sha256")
    except OSError:
        return False


def _done_chunks(
    path: Path, recorded: dict[str, Any], chunk_sizes: Mapping[int, int]
) -> tuple[set[int], list[str]]:
    """The chunks whole on disk; the names of those present but damaged (they are
    forgotten from the manifest and computed again)."""
    done: set[int] = set()
    damaged: list[str] = []
    for index, rows in chunk_sizes.items():
        file = chunk_path(path, index)
        record = recorded.get(file.name)
        if not file.exists():
            recorded.pop(file.name, None)
            continue
        if isinstance(record, dict) and record.get("rows") == rows and _verified(file, record):
            done.add(index)
        else:
            damaged.append(file.name)
            recorded.pop(file.name, None)
    return done, damaged


def _chunk_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise PolitburoError(Problem("no such batch folder", file=str(folder), field="DIR"))
    files = sorted(folder.glob("chunk-*.parquet"))
    if not files:
        raise PolitburoError(
            Problem("the folder holds no chunks of results", file=str(folder), field="DIR")
        )
    return files


def verify_chunks(folder: Path) -> list[Path]:
    """The chunk files of a batch folder, each checked against the checksum its manifest
    records.

    Raises
    ------
    PolitburoError
        For a missing folder or manifest, no chunks, or with one problem per damaged chunk
        (its checksum differs, or the manifest does not record it): rerun the batch with
        the same arguments to compute it again.
    """
    import pyarrow.parquet as pq

    files = _chunk_files(folder)
    if not (folder / MANIFEST).exists():
        raise PolitburoError(
            Problem("no batch manifest: not a batch folder", file=str(folder), field="DIR")
        )
    recorded = _read_manifest(folder).get(CHUNKS)
    problems = []
    for file in files:
        if isinstance(recorded, dict):
            record = recorded.get(file.name)
            if record is None:
                problems.append(
                    Problem("a chunk the batch manifest does not record", file=str(file))
                )
            elif not _verified(file, record):
                problems.append(
                    Problem(
                        "damaged: its checksum is not the one the manifest records; run the "
                        "batch again with the same arguments to compute it again",
                        file=str(file),
                    )
                )
            continue
        try:  # a batch written before checksums: at least the file must be whole
            pq.read_metadata(file)
        except (OSError, ValueError) as error:
            problems.append(Problem(f"damaged: {error}", file=str(file)))
    if problems:
        raise PolitburoError(problems)
    return files


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


READ_ONLY_STATEMENTS = ("SELECT", "EXPLAIN")
"""The kinds of SQL statement a query may be: it reads the batch, it never writes."""


@contextlib.contextmanager
def _connection(folder: Path) -> Iterator[Any]:
    """An in-memory DuckDB connection confined to ``folder``: it reads files there and
    nowhere else, loads and installs no extension, and its settings cannot be changed."""
    import duckdb

    files = verify_chunks(folder)
    root = folder.resolve()
    connection = duckdb.connect(
        ":memory:",
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False},
    )
    try:
        listed = ", ".join(_sql_string(str(root / f.name)) for f in files)
        connection.execute(f"SET allowed_directories = [{_sql_string(str(root) + os.sep)}]")
        connection.execute("SET enable_external_access = false")
        connection.execute("SET lock_configuration = true")
        try:
            connection.execute(
                f"CREATE VIEW runs AS SELECT * FROM read_parquet([{listed}], union_by_name = true)"
            )
        except duckdb.Error as error:
            message = str(error).strip().splitlines()[0]
            raise PolitburoError(Problem(message, file=str(folder), field="DIR")) from None
        yield connection
    finally:
        connection.close()


def _check_read_only(connection: Any, sql: str, folder: Path) -> None:
    """Refuse anything but one SELECT (or EXPLAIN) statement."""
    import duckdb

    try:
        statements = connection.extract_statements(sql)
    except duckdb.Error as error:
        message = str(error).strip().splitlines()[0]
        raise PolitburoError(Problem(message, file=str(folder), field="SQL")) from None
    kinds = [str(s.type).rsplit(".", 1)[-1] for s in statements]
    if len(kinds) != 1 or kinds[0] not in READ_ONLY_STATEMENTS:
        shown = ", ".join(kinds) or "nothing"
        raise PolitburoError(
            Problem(
                f"a query is one SELECT statement over the view runs, not {shown}",
                file=str(folder),
                field="SQL",
            )
        )


def coverage(folder: Path) -> tuple[int, int]:
    """How many of a batch's chunks are in its folder, and how many its runs make: fewer
    when the batch was stopped (it resumes) or chunk files were removed."""
    manifest = _read_manifest(folder)
    runs, size = manifest.get("runs"), manifest.get("chunk_size")
    present = len(_chunk_files(folder))
    if not isinstance(runs, int) or not isinstance(size, int) or size < 1:
        return present, present
    return present, -(-runs // size)


def query(folder: Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run ``sql`` over a batch folder's chunks, seen as the view ``runs``.

    The query is confined: one ``SELECT`` (or ``EXPLAIN``) statement, run by DuckDB with
    external access off except to the batch folder (no other file, URL or database,
    no extension installed or loaded), its settings locked. The chunks are checked against
    their checksums first.

    Returns the column names and the rows.

    Raises
    ------
    PolitburoError
        When the folder holds no chunks, a chunk is damaged, the SQL is not one SELECT, or
        the SQL fails (DuckDB's message is kept).
    """
    import duckdb

    with _connection(folder) as connection:
        _check_read_only(connection, sql, folder)
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

    files = verify_chunks(folder)
    try:
        labels = _read_manifest(folder)["evidence"]
    except (PolitburoError, KeyError, TypeError):
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
