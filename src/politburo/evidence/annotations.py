"""Stand-off corrections: readings of damaged text kept beside the raw source, never in it.

A correction names a span of the raw text by character offsets, the text *found* there, the
*reading* a reader proposes (``In [195]7``, ``[a p]lenum``) and a note saying whose reading
it is and why. The raw text stays byte for byte; the corrections of a stored source live in
its ``annotations.jsonl``, one JSON object a line, and outlive re-ingestion. Each time they
are read against the source, the text found is checked again: a correction whose span no
longer reads as it did is reported, not applied to other words.

Examples
--------
>>> text = "The plenum opened onune."
>>> fix = Correction(18, 23, "onune", "on [22 J]une", "chronology of the scenario")
>>> check_corrections([fix], text)
>>> apply_corrections(text, [fix])
'The plenum opened on [22 J]une.'
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from politburo.errors import PolitburoError, Problem

__all__ = [
    "Correction",
    "add_correction",
    "apply_corrections",
    "check_corrections",
    "read_corrections",
]

_FIELDS = {"start": int, "end": int, "found": str, "reading": str, "note": str}


@dataclass(frozen=True, slots=True)
class Correction:
    """A reading of the raw text ``[start, end)``, which reads ``found``."""

    start: int
    end: int
    found: str
    reading: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON record."""
        return {
            "start": self.start,
            "end": self.end,
            "found": self.found,
            "reading": self.reading,
            "note": self.note,
        }


def read_corrections(path: Path) -> list[Correction]:
    """The corrections in ``path`` (none if it does not exist), in text order.

    Raises
    ------
    PolitburoError
        For a line that is not a JSON object with the fields of :class:`Correction`, with
        the file, line and field.
    """
    if not path.exists():
        return []
    corrections: list[Correction] = []
    problems: list[Problem] = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    corrections.append(_parse(line, str(path), number))
                except PolitburoError as error:
                    problems.extend(error.problems)
    if problems:
        raise PolitburoError(problems)
    return sorted(corrections, key=lambda c: (c.start, c.end))


def _parse(line: str, file: str, number: int) -> Correction:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise PolitburoError(Problem(f"is not JSON: {error.msg}", file=file, line=number)) from None
    if not isinstance(record, dict):
        raise PolitburoError(Problem("is not a JSON object", file=file, line=number))
    values: dict[str, Any] = {}
    for name, kind in _FIELDS.items():
        value = record.get(name, "" if name == "note" else None)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise PolitburoError(
                Problem(f"must be a {kind.__name__}", file=file, line=number, field=name)
            )
        values[name] = value
    return Correction(**values)


def check_corrections(corrections: Sequence[Correction], text: str, file: str = "") -> None:
    """Check that each correction lies in ``text``, reads what it found, and that no two
    overlap.

    Raises
    ------
    PolitburoError
        With every correction that fails, by its span.
    """
    problems: list[Problem] = []
    previous: Correction | None = None
    for fix in sorted(corrections, key=lambda c: (c.start, c.end)):
        where = f"{fix.start}-{fix.end}"
        if not 0 <= fix.start < fix.end <= len(text):
            problems.append(Problem(f"span {where} is outside the text (0-{len(text)})", file=file))
        elif text[fix.start : fix.end] != fix.found:
            problems.append(
                Problem(
                    f"span {where} reads {text[fix.start : fix.end]!r}, not {fix.found!r}: "
                    "the source changed under this correction",
                    file=file,
                )
            )
        if previous is not None and fix.start < previous.end:
            problems.append(
                Problem(
                    f"span {where} overlaps the correction at {previous.start}-{previous.end}",
                    file=file,
                )
            )
        previous = fix
    if problems:
        raise PolitburoError(problems)


def add_correction(path: Path, text: str, correction: Correction) -> list[Correction]:
    """Add ``correction`` to the corrections in ``path`` and write them all at once.

    The file is replaced by an atomic rename, so it is never half-written.

    Returns
    -------
    list of Correction
        Every correction now in ``path``, in text order.

    Raises
    ------
    PolitburoError
        If the correction, or one already there, does not fit ``text``
        (:func:`check_corrections`).
    """
    corrections = sorted([*read_corrections(path), correction], key=lambda c: (c.start, c.end))
    check_corrections(corrections, text, str(path))
    _write(path, corrections)
    return corrections


def _write(path: Path, corrections: Iterable[Correction]) -> None:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=".annotations-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            for fix in corrections:
                out.write(json.dumps(fix.to_dict(), ensure_ascii=False) + "\n")
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def apply_corrections(text: str, corrections: Sequence[Correction]) -> str:
    """``text`` as the corrections read it (they must fit it: :func:`check_corrections`)."""
    pieces: list[str] = []
    last = 0
    for fix in sorted(corrections, key=lambda c: c.start):
        pieces += [text[last : fix.start], fix.reading]
        last = fix.end
    pieces.append(text[last:])
    return "".join(pieces)
