"""The source store: ingested files kept byte for byte, with their passages.

Layout of a store folder, one sub-folder per source id::

    STORE/<id>/source.json       metadata: file, encoding, size, SHA-256, counts
    STORE/<id>/raw<suffix>       the original bytes, unchanged
    STORE/<id>/text.txt          (PDF only) the extracted text layer, UTF-8
    STORE/<id>/passages.jsonl    one passage per line, with its anchor
    STORE/<id>/annotations.jsonl stand-off corrections (see politburo.evidence.annotations)

A source is written into a temporary folder beside its final place and renamed into
place only when complete, so an interrupted or failed ingest leaves nothing half-written
(the previous version, if any, stays until the new one is whole).
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from politburo.errors import PolitburoError, Problem
from politburo.evidence.passages import MAX_PASSAGE_CHARS, Passage, split_passages
from politburo.evidence.sources import CHUNK_SIZE, iter_text, slug, sniff

__all__ = [
    "FORMAT_VERSION",
    "StoredSource",
    "ingest_file",
    "list_sources",
    "load_source",
]

#: Version of the on-disk layout.
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class StoredSource:
    """An ingested source: its metadata and where its files are."""

    id: str
    folder: Path
    file: str
    kind: str
    encoding: str
    size: int
    sha256: str
    chars: int
    passages: int
    raw_name: str
    text_name: str

    def to_dict(self) -> dict[str, object]:
        """The ``source.json`` record."""
        return {
            "format": FORMAT_VERSION,
            "id": self.id,
            "file": self.file,
            "kind": self.kind,
            "encoding": self.encoding,
            "bytes": self.size,
            "sha256": self.sha256,
            "chars": self.chars,
            "passages": self.passages,
            "raw": self.raw_name,
            "text": self.text_name,
        }

    def iter_text(self) -> Iterator[str]:
        """Stream the raw text (decoded with the recorded encoding)."""
        path = self.folder / self.text_name
        encoding = "utf-8" if self.kind == "pdf" else self.encoding
        return iter_text(path, encoding=encoding)

    def text(self) -> str:
        """The whole raw text (for sources small enough to hold)."""
        return "".join(self.iter_text())

    def iter_passages(self) -> Iterator[Passage]:
        """Stream the stored passages."""
        with (self.folder / "passages.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                yield Passage.from_dict(json.loads(line))


def _write_passages(chunks: Iterator[str], source_id: str, handle: TextIO) -> tuple[int, int]:
    count = 0
    chars = 0

    def counted() -> Iterator[str]:
        nonlocal chars
        for chunk in chunks:
            chars += len(chunk)
            yield chunk

    write = handle.write
    for passage in split_passages(counted(), source_id, MAX_PASSAGE_CHARS):
        write(json.dumps(passage.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count, chars


def _tee_bytes(path: Path, copy: Path, digest: Any) -> Iterator[bytes]:
    with path.open("rb") as source, copy.open("wb") as target:
        for block in iter(lambda: source.read(CHUNK_SIZE), b""):
            digest.update(block)
            target.write(block)
            yield block


def _decode(blocks: Iterator[bytes], encoding: str, path: Path) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    consumed = 0
    try:
        for block in blocks:
            text = decoder.decode(block)
            consumed += len(block)
            if text:
                yield text
        tail = decoder.decode(b"", final=True)
        if tail:
            yield tail
    except UnicodeDecodeError as error:
        offset = consumed + max(0, error.start)
        raise PolitburoError(
            Problem(
                f"is not valid {encoding} (byte {offset}); pass --encoding to name its codec",
                file=str(path),
            )
        ) from None


def ingest_file(
    path: str | os.PathLike[str],
    store: str | os.PathLike[str],
    source_id: str | None = None,
    encoding: str | None = None,
) -> StoredSource:
    """Read one file into the store: raw bytes kept, passages written, all or nothing.

    Parameters
    ----------
    path : path-like
        A text file (any common encoding) or a PDF with a text layer.
    store : path-like
        The store folder (created if missing).
    source_id : str, optional
        The id; by default the slug of the file name.
    encoding : str, optional
        Force a codec instead of detecting one.

    Returns
    -------
    StoredSource

    Raises
    ------
    PolitburoError
        Binary, empty, undecodable or unreadable input; the store is left as it was.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (tmp / "note.txt").write_text("Kozlov in Leningrad.\\n\\nShvernik in Ufa.\\n")
    >>> s = ingest_file(tmp / "note.txt", tmp / "store")
    >>> (s.id, s.passages, s.chars)
    ('note', 2, 39)
    """
    file = Path(path)
    info = sniff(file, encoding)
    ident = source_id or slug(file.stem)
    if slug(ident) != ident:
        raise PolitburoError(
            Problem(f"bad source id {ident!r}: use a-z, 0-9 and -", file=str(file))
        )
    root = Path(store)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PolitburoError(
            Problem(f"cannot create the store: {error.strerror or error}", file=str(root))
        ) from None
    tmp = Path(tempfile.mkdtemp(prefix=f".{ident}.", suffix=".tmp", dir=root))
    try:
        suffix = file.suffix.lower() if file.suffix else ".txt"
        raw_name = f"raw{suffix}"
        digest = hashlib.sha256()
        with (tmp / "passages.jsonl").open("w", encoding="utf-8") as out:
            if info.kind == "pdf":
                for _ in _tee_bytes(file, tmp / raw_name, digest):
                    pass
                text_name = "text.txt"
                with (tmp / text_name).open("w", encoding="utf-8", newline="") as layer:
                    pieces = []
                    for piece in iter_text(info):
                        layer.write(piece)
                        pieces.append(piece)
                count, chars = _write_passages(iter(pieces), ident, out)
            else:
                text_name = raw_name
                blocks = _tee_bytes(file, tmp / raw_name, digest)
                count, chars = _write_passages(_decode(blocks, info.encoding, file), ident, out)
        if count == 0:
            raise PolitburoError(
                Problem("holds only whitespace: no text to ingest", file=str(file))
            )
        (tmp / "annotations.jsonl").touch()
        record = StoredSource(
            ident,
            root / ident,
            str(file),
            info.kind,
            info.encoding,
            info.size,
            digest.hexdigest(),
            chars,
            count,
            raw_name,
            text_name,
        )
        (tmp / "source.json").write_text(
            json.dumps(record.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        _commit(tmp, root / ident)
        return record
    except OSError as error:
        shutil.rmtree(tmp, ignore_errors=True)
        raise PolitburoError(
            Problem(f"cannot write the store: {error.strerror or error}", file=str(root))
        ) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _commit(tmp: Path, target: Path) -> None:
    """Put a finished folder in place, replacing an older version only once it is whole."""
    old: Path | None = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
        old.rmdir()
        os.replace(target, old)
        annotations = old / "annotations.jsonl"
        if annotations.exists():  # stand-off corrections outlive re-ingestion
            shutil.copyfile(annotations, tmp / "annotations.jsonl")
    try:
        os.replace(tmp, target)
    except OSError:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def load_source(store: str | os.PathLike[str], source_id: str) -> StoredSource:
    """Open an ingested source by id.

    Raises
    ------
    PolitburoError
        No such source in the store, or its ``source.json`` is damaged.
    """
    folder = Path(store) / source_id
    meta = folder / "source.json"
    if not meta.is_file():
        raise PolitburoError(Problem(f"no source {source_id!r} in the store", file=str(store)))
    try:
        record = json.loads(meta.read_text(encoding="utf-8"))
        return StoredSource(
            str(record["id"]),
            folder,
            str(record["file"]),
            str(record["kind"]),
            str(record["encoding"]),
            int(record["bytes"]),
            str(record["sha256"]),
            int(record["chars"]),
            int(record["passages"]),
            str(record["raw"]),
            str(record["text"]),
        )
    except (ValueError, KeyError, TypeError) as error:
        raise PolitburoError(Problem(f"damaged source record: {error}", file=str(meta))) from None


def list_sources(store: str | os.PathLike[str]) -> list[StoredSource]:
    """Every complete source in the store, by id (temporary folders are ignored)."""
    root = Path(store)
    if not root.is_dir():
        return []
    found = []
    for child in sorted(root.iterdir()):
        if child.name.startswith(".") or not (child / "source.json").is_file():
            continue
        with contextlib.suppress(PolitburoError):
            found.append(load_source(root, child.name))
    return found
