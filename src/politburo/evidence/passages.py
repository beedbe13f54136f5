"""Passages of a source text and their stable anchors.

A source's raw text is split at blank lines into passages (an over-long paragraph is cut
at whitespace so that no passage exceeds ``max_chars``). Each passage carries an
:class:`Anchor`: the source id, its 1-based number, its character span in the raw text,
and a hash of its exact characters. A citation that stores the anchor survives
re-ingestion: if the numbering shifts (a page was added above), the hash still finds the
passage; if the passage itself changed, resolution fails loudly instead of pointing at
the wrong words.

The splitter consumes text in chunks (see :func:`politburo.evidence.sources.iter_text`),
so a file of any size is split in constant memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass

import regex

from politburo.errors import PolitburoError, Problem

__all__ = [
    "MAX_PASSAGE_CHARS",
    "Anchor",
    "Passage",
    "digest",
    "passage_at",
    "resolve_anchor",
    "split_passages",
]

#: An over-long paragraph is cut at whitespace into passages of at most this length.
MAX_PASSAGE_CHARS = 20_000

_SEPARATOR = regex.compile(r"\n[ \t\r\f\v]*\n")
_ANCHOR = regex.compile(
    r"^(?P<source>[A-Za-z0-9._-]+)#p(?P<number>\d+)"
    r"(?:\[(?P<start>\d+):(?P<end>\d+)\])?(?:~(?P<digest>[0-9a-f]{6,64}))?$"
)


def digest(text: str) -> str:
    """A short, stable hash of ``text`` (16 hex digits of SHA-256 over UTF-8).

    >>> digest("Saburov left for Warsaw")
    'a761032fb0f6e88d'
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a passage is: ``source#pN[start:end]~hash``.

    >>> a = Anchor.parse("caesar-xv#p12[100:250]~a761032fb0f6e88d")
    >>> (a.source_id, a.number, a.start, a.end)
    ('caesar-xv', 12, 100, 250)
    >>> str(a)
    'caesar-xv#p12[100:250]~a761032fb0f6e88d'
    """

    source_id: str
    number: int
    start: int
    end: int
    digest: str

    def __str__(self) -> str:
        return f"{self.source_id}#p{self.number}[{self.start}:{self.end}]~{self.digest}"

    @classmethod
    def parse(cls, text: str) -> Anchor:
        """Read an anchor written by :meth:`__str__` (span and hash may be omitted)."""
        match = _ANCHOR.match(text.strip())
        if match is None:
            raise PolitburoError(
                Problem(f"not a passage anchor: {text!r} (expected source#pN[start:end]~hash)")
            )
        start = int(match["start"]) if match["start"] is not None else -1
        end = int(match["end"]) if match["end"] is not None else -1
        return cls(match["source"], int(match["number"]), start, end, match["digest"] or "")


@dataclass(frozen=True, slots=True)
class Passage:
    """One passage: its anchor fields and its exact text (``raw[start:end]``)."""

    source_id: str
    number: int
    start: int
    end: int
    text: str
    digest: str

    @property
    def anchor(self) -> Anchor:
        """The passage's stable anchor."""
        return Anchor(self.source_id, self.number, self.start, self.end, self.digest)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready record."""
        return {
            "anchor": str(self.anchor),
            "source": self.source_id,
            "number": self.number,
            "start": self.start,
            "end": self.end,
            "digest": self.digest,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, record: dict[str, object]) -> Passage:
        """Inverse of :meth:`to_dict`."""
        return cls(
            str(record["source"]),
            int(str(record["number"])),
            int(str(record["start"])),
            int(str(record["end"])),
            str(record["text"]),
            str(record["digest"]),
        )


def _trim(segment: str, offset: int) -> tuple[int, int] | None:
    left = len(segment) - len(segment.lstrip())
    right = len(segment.rstrip())
    if right <= left:
        return None
    return offset + left, offset + right


def _cut(buffer: str, max_chars: int) -> int:
    """Where to cut an over-long paragraph: the last whitespace before ``max_chars``."""
    window = buffer[:max_chars]
    for index in range(len(window) - 1, max_chars // 2, -1):
        if window[index].isspace():
            return index + 1
    return max_chars


def split_passages(
    chunks: Iterable[str] | str,
    source_id: str,
    max_chars: int = MAX_PASSAGE_CHARS,
) -> Iterator[Passage]:
    """Split text (whole or in chunks) into passages at blank lines.

    Parameters
    ----------
    chunks : str or iterable of str
        The raw text, possibly in pieces; the pieces are concatenated as they come.
    source_id : str
        The id recorded in each anchor.
    max_chars : int
        Longest passage; longer paragraphs are cut at whitespace.

    Yields
    ------
    Passage
        In text order, numbered from 1; ``raw[p.start:p.end] == p.text``.

    Examples
    --------
    >>> raw = "Showdown\\n\\nThe fight apparently began at once.\\n"
    >>> [(p.number, p.start, p.end, p.text) for p in split_passages(raw, "doc")]
    [(1, 0, 8, 'Showdown'), (2, 10, 45, 'The fight apparently began at once.')]
    """
    if max_chars < 2:
        raise ValueError("max_chars must be at least 2")
    if isinstance(chunks, str):
        chunks = (chunks,)
    buffer = ""
    base = 0  # absolute offset of buffer[0]
    number = 0

    def emit(segment: str, offset: int) -> Iterator[Passage]:
        nonlocal number
        span = _trim(segment, offset)
        if span is None:
            return
        text = segment[span[0] - offset : span[1] - offset]
        number += 1
        yield Passage(source_id, number, span[0], span[1], text, digest(text))

    def emit_long(segment: str, offset: int) -> Generator[Passage, None, tuple[str, int]]:
        """Emit pieces of ``segment`` cut to ``max_chars``; return the rest and its offset."""
        while len(segment) > max_chars:
            cut = _cut(segment, max_chars)
            yield from emit(segment[:cut], offset)
            segment = segment[cut:]
            offset += cut
        return segment, offset

    def emit_all(segment: str, offset: int) -> Iterator[Passage]:
        rest, at = yield from emit_long(segment, offset)
        yield from emit(rest, at)

    for chunk in chunks:
        buffer += chunk
        position = 0
        for match in _SEPARATOR.finditer(buffer):
            yield from emit_all(buffer[position : match.start()], base + position)
            position = match.end()
        buffer, base = yield from emit_long(buffer[position:], base + position)
    yield from emit_all(buffer, base)


def passage_at(passages: Sequence[Passage], offset: int) -> Passage | None:
    """The passage whose span holds character ``offset`` (binary search).

    >>> ps = list(split_passages("a b\\n\\nc d", "doc"))
    >>> passage_at(ps, 6).number
    2
    """
    low, high = 0, len(passages)
    while low < high:
        middle = (low + high) // 2
        if passages[middle].end <= offset:
            low = middle + 1
        else:
            high = middle
    if low < len(passages) and passages[low].start <= offset < passages[low].end:
        return passages[low]
    return None


def resolve_anchor(anchor: Anchor | str, passages: Sequence[Passage]) -> Passage | None:
    """Find the passage an anchor names, even after the source was re-ingested.

    The hash decides: the numbered passage is returned if its hash matches; otherwise
    the passage with that hash wherever it now stands. An anchor without a hash is
    resolved by number alone. Returns ``None`` if the text the anchor named is gone.

    >>> old = list(split_passages("Saburov left for Warsaw.", "doc"))
    >>> new = list(split_passages("SECRET\\n\\nSaburov left for Warsaw.", "doc"))
    >>> resolve_anchor(old[0].anchor, new).number
    2
    """
    if isinstance(anchor, str):
        anchor = Anchor.parse(anchor)
    candidates = [p for p in passages if p.source_id == anchor.source_id]
    if not anchor.digest:
        return next((p for p in candidates if p.number == anchor.number), None)
    for passage in candidates:
        if passage.number == anchor.number and passage.digest == anchor.digest:
            return passage
    return next((p for p in candidates if p.digest == anchor.digest), None)
