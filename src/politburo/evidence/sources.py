"""Reading source files safely: type sniffing, encoding detection, streaming decode.

A source file is read as bytes and decoded incrementally, so a file of hundreds of
megabytes is never held in memory whole. Binary files are refused with a message that
says what they look like; text in an unknown encoding is refused with the byte offset and
line of the first undecodable byte. A PDF contributes its text layer (via ``pypdf``); a
scanned PDF without one is refused, since this layer does not run OCR.

The decoded text is kept exactly as decoded: no newline translation, no Unicode
normalisation, no whitespace folding. Character offsets everywhere in
:mod:`politburo.evidence` count code points of this text.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from politburo.errors import PolitburoError, Problem

__all__ = [
    "CHUNK_SIZE",
    "SourceFile",
    "iter_text",
    "read_text",
    "slug",
    "sniff",
]

#: Bytes read per step when streaming a file.
CHUNK_SIZE = 1 << 20

_SNIFF_BYTES = 1 << 16

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Bytes undefined in Windows-1252: a file containing them is not cp1252 text.
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")
_CONTROL = frozenset(range(0, 32)) - frozenset(b"\t\n\r\f\v\x1b")


@dataclass(frozen=True, slots=True)
class SourceFile:
    """What :func:`sniff` learned about a file before reading it.

    Attributes
    ----------
    path : pathlib.Path
        The file.
    kind : str
        ``"text"`` or ``"pdf"``.
    encoding : str
        The codec that decodes the text (``"pdf"`` for a PDF text layer).
    size : int
        Size in bytes.
    """

    path: Path
    kind: str
    encoding: str
    size: int


def slug(name: str) -> str:
    """Turn a file stem into a source id: lower case, ASCII letters, digits and dashes.

    >>> slug("CAESAR XV (1962)")
    'caesar-xv-1962'
    """
    text = regex.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text or "source"


def _problem(path: Path, message: str, line: int | None = None) -> PolitburoError:
    return PolitburoError(Problem(message, file=str(path), line=line))


def _looks_utf16(head: bytes) -> str | None:
    """Guess UTF-16 without a BOM from where the NUL bytes fall."""
    if len(head) < 4:
        return None
    even = head[0::2]
    odd = head[1::2]
    if odd.count(0) > 0.6 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def sniff(path: str | os.PathLike[str], encoding: str | None = None) -> SourceFile:
    """Decide whether ``path`` is text or a PDF, and in which encoding.

    Parameters
    ----------
    path : path-like
        The file to examine; only its first 64 KiB are read.
    encoding : str, optional
        A codec the user vouches for; checked to exist, not guessed.

    Returns
    -------
    SourceFile

    Raises
    ------
    PolitburoError
        The file is missing, a directory, empty, binary, or its encoding is unknown.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes("Molotov’s note".encode("cp1252"))
    >>> sniff(p).encoding
    'cp1252'
    """
    file = Path(path)
    if not file.exists():
        raise _problem(file, "no such file")
    if file.is_dir():
        raise _problem(file, "is a folder, not a file")
    if not file.is_file():
        raise _problem(file, "is not a regular file (a device, FIFO or socket is never read)")
    try:
        size = file.stat().st_size
        with file.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as error:
        raise _problem(file, f"cannot be read: {error.strerror or error}") from None
    if not head:
        raise _problem(file, "is empty: there is no text to ingest")
    if head.startswith(b"%PDF-"):
        return SourceFile(file, "pdf", "pdf", size)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise _problem(file, f"unknown encoding {encoding!r}") from None
        return SourceFile(file, "text", encoding, size)
    for bom, name in _BOMS:
        if head.startswith(bom):
            return SourceFile(file, "text", name, size)
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise _problem(file, f"is a binary file ({what}), not text")
    if b"\x00" in head:
        utf16 = _looks_utf16(head)
        if utf16 is not None:
            return SourceFile(file, "text", utf16, size)
        offset = head.index(b"\x00")
        raise _problem(file, f"is a binary file (NUL byte at offset {offset}), not text")
    controls = sum(1 for byte in head if byte in _CONTROL)
    if controls > 0.05 * len(head):
        raise _problem(file, f"is a binary file ({controls} control bytes in the first block)")
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        decoder.decode(head, final=len(head) == size)
    except UnicodeDecodeError:
        pass
    else:
        return SourceFile(file, "text", "utf-8", size)
    if not (_CP1252_HOLES & set(head)):
        return SourceFile(file, "text", "cp1252", size)
    return SourceFile(file, "text", "latin-1", size)


def _line_of(path: Path, offset: int) -> int:
    """The 1-based line holding byte ``offset`` (counted by streaming)."""
    line = 1
    seen = 0
    with path.open("rb") as handle:
        while seen < offset:
            block = handle.read(min(CHUNK_SIZE, offset - seen))
            if not block:
                break
            line += block.count(b"\n")
            seen += len(block)
    return line


def _iter_pdf(source: SourceFile) -> Iterator[str]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise _problem(source.path, "reading PDFs needs pypdf") from None
    try:
        reader = PdfReader(str(source.path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise _problem(source.path, f"is not a readable PDF: {error}") from None
    if not any(page.strip() for page in pages):
        raise _problem(source.path, "is a PDF without a text layer (a scan?): run OCR on it first")
    for number, page in enumerate(pages):
        yield page if number == 0 else "\n\n\f" + page


def iter_text(
    path: str | os.PathLike[str] | SourceFile,
    encoding: str | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[str]:
    """Yield the decoded text of ``path`` in chunks, never holding the whole file.

    Raises
    ------
    PolitburoError
        When the file cannot be decoded; the message gives the byte offset and line.
        Because the error can come late in a big file, callers must not commit output
        before the iterator is exhausted.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes(b"one\\r\\ntwo")
    >>> "".join(iter_text(p))
    'one\\r\\ntwo'
    """
    source = path if isinstance(path, SourceFile) else sniff(path, encoding)
    if source.kind == "pdf":
        yield from _iter_pdf(source)
        return
    decoder = codecs.getincrementaldecoder(source.encoding)("strict")
    consumed = 0
    block = b""
    try:
        with source.path.open("rb") as handle:
            while True:
                block = handle.read(chunk_size)
                final = not block
                text = decoder.decode(block, final=final)
                if text:
                    yield text
                if final:
                    return
                consumed += len(block)
    except UnicodeDecodeError as error:
        offset = consumed + max(0, error.start)
        line = _line_of(source.path, offset)
        raise _problem(
            source.path,
            f"is not valid {source.encoding} (byte {offset}); pass --encoding to name its codec",
            line=line,
        ) from None
    except OSError as error:
        raise _problem(source.path, f"cannot be read: {error.strerror or error}") from None


def read_text(path: str | os.PathLike[str], encoding: str | None = None) -> tuple[str, str]:
    """Read a whole (small) file; return ``(text, sha256 of its bytes)``.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_text("Saburov in Warsaw", encoding="utf-8")
    >>> read_text(p)[0]
    'Saburov in Warsaw'
    """
    source = sniff(path, encoding)
    text = "".join(iter_text(source))
    digest = hashlib.sha256()
    with source.path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK_SIZE), b""):
            digest.update(block)
    return text, digest.hexdigest()
