"""Stand-off corrections: readings of damaged text kept beside the raw source, never in it.

A correction names a span of the raw text by character offsets, the text *found* there, the
*reading* a reader proposes (``In [195]7``, ``[a p]lenum``) and a note saying whose reading
it is and why. The raw text stays byte for byte; the corrections of a stored source live in
its ``annotations.jsonl``, one JSON object a line, and outlive re-ingestion. Each time they
are read against the source, the text found is checked again: a correction whose span no
longer reads as it did (the source was re-ingested with other text) is reported and left
out, never applied to other words, until it is removed.

Examples
--------
>>> text = "The plenum opened onune."
>>> fix = Correction(18, 23, "onune", "on [22 J]une", "chronology of the scenario")
>>> kept, problems = fitting([fix], text)
>>> kept == [fix], problems
(True, [])
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
    "fitting",
    "read_corrections",
    "remove_correction",
]

_FIELDS = {"start": (int, "an integer"), "end": (int, "an integer")} | {
    name: (str, "a string") for name in ("found", "reading", "note")
}


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
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    try:
                        corrections.append(_parse(line, str(path), number))
                    except PolitburoError as error:
                        problems.extend(error.problems)
    except OSError as error:
        raise _cannot("read", path, error) from None
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
    for name, (kind, described) in _FIELDS.items():
        value = record.get(name, "" if name == "note" else None)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise PolitburoError(
                Problem(f"must be {described}", file=file, line=number, field=name)
            )
        values[name] = value
    return Correction(**values)


def fitting(
    corrections: Sequence[Correction], text: str, file: str = ""
) -> tuple[list[Correction], list[Problem]]:
    """The corrections that fit ``text``, in text order, and a problem for each of the others:
    a span outside the text, a span that no longer reads what was found there, or a span
    overlapping one before it."""
    kept: list[Correction] = []
    problems: list[Problem] = []
    reach = 0  # the furthest end of the corrections kept so far
    for fix in sorted(corrections, key=lambda c: (c.start, c.end)):
        where = f"span {fix.start}-{fix.end}"
        if not 0 <= fix.start < fix.end <= len(text):
            problems.append(Problem(f"{where} is outside the text (0-{len(text)})", file=file))
        elif text[fix.start : fix.end] != fix.found:
            now = text[fix.start : fix.end]
            problems.append(
                Problem(
                    f"{where} reads {now!r}, not {fix.found!r}: the source changed under this "
                    "correction; remove it",
                    file=file,
                )
            )
        elif fix.start < reach:
            problems.append(Problem(f"{where} overlaps a correction before it", file=file))
        else:
            kept.append(fix)
            reach = fix.end
    return kept, problems


def check_corrections(corrections: Sequence[Correction], text: str, file: str = "") -> None:
    """Raise unless every correction fits ``text`` (:func:`fitting`).

    Raises
    ------
    PolitburoError
        With every correction that does not fit, by its span.
    """
    _, problems = fitting(corrections, text, file)
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


def remove_correction(path: Path, start: int, end: int) -> list[Correction]:
    """Remove the correction of the span ``[start, end)`` from ``path``, fitting or not.

    Returns
    -------
    list of Correction
        The corrections left, in text order.

    Raises
    ------
    PolitburoError
        If ``path`` holds no correction of that span.
    """
    corrections = read_corrections(path)
    left = [fix for fix in corrections if (fix.start, fix.end) != (start, end)]
    if len(left) == len(corrections):
        spans = ", ".join(f"{fix.start}-{fix.end}" for fix in corrections) or "none"
        raise PolitburoError(
            Problem(
                f"no correction of span {start}-{end}; corrected spans: {spans}", file=str(path)
            )
        )
    _write(path, left)
    return left


def _write(path: Path, corrections: Iterable[Correction]) -> None:
    """Replace ``path`` by an atomic rename, synced first, keeping the file's mode."""
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as error:
        raise _cannot("write", path, error) from None
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=".annotations-")
    except OSError as error:
        raise _cannot("write", path, error) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            for fix in corrections:
                out.write(json.dumps(fix.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.chmod(name, mode)
        os.replace(name, path)
    except BaseException as error:
        Path(name).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _cannot("write", path, error) from None
        raise


def _cannot(verb: str, path: Path, error: OSError) -> PolitburoError:
    return PolitburoError(Problem(f"cannot {verb}: {error.strerror or error}", file=str(path)))


def _umask() -> int:
    """This process's file-creation mask (read by setting it, then put back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def apply_corrections(text: str, corrections: Sequence[Correction]) -> str:
    """``text`` as the corrections read it (they must fit it: :func:`check_corrections`)."""
    pieces: list[str] = []
    last = 0
    for fix in sorted(corrections, key=lambda c: c.start):
        pieces += [text[last : fix.start], fix.reading]
        last = fix.end
    pieces.append(text[last:])
    return "".join(pieces)
