"""Which steps of a run the record documents, and the sources behind each, as a reader sees them.

A step is **documented** when a target of the scenario's record says it happened (the same
kind of event, by the same actor or body, on a day the target allows), or when it is a
scheduled movement whose itinerary is cited to a source; every other step is **simulated**:
the engine's mechanisms produced it from the scenario's facts. Each step's facts resolve to
their citations; a quote is shown in its corrected reading beside the raw OCR where a
stand-off correction of the source covers it (``<text>.annotations.jsonl`` beside the
source's text; see :mod:`politburo.evidence.annotations`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from politburo.engine import TraceEvent
from politburo.engine.facts import citations_of
from politburo.evidence.annotations import Correction, apply_corrections, fitting
from politburo.evidence.annotations import read_corrections as read_correction_file
from politburo.evidence.text import locate_quote
from politburo.scenario import Scenario
from politburo.scenario.schema import (
    EventTarget,
    MeetingTarget,
    MembershipTarget,
    OfficeTarget,
    OrderTarget,
    VoteTarget,
)
from politburo.scenario.schema.common import Citation
from politburo.scenario.schema.record import Target

__all__ = [
    "Readings",
    "cited",
    "documenting_targets",
    "resolved_sources",
    "scheduled_and_cited",
]

_MOVES = frozenset({"arrive", "depart"})


def documenting_targets(record: list[Target], event: TraceEvent) -> list[str]:
    """Ids of the record's targets that say ``event`` happened."""
    return [t.id for t in record if _documents(t, event)]


def _within(day: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    return (start is None or start <= day) and (end is None or day <= end)


def _documents(t: Target, e: TraceEvent) -> bool:
    if isinstance(t, EventTarget):
        return (
            t.happens
            and t.event == e.kind
            and t.actor in (None, e.actor)
            and t.body in (None, e.body)
            and _within(e.day, t.start, t.end)
        )
    if isinstance(t, VoteTarget):
        return (
            e.kind == "vote"
            and (t.body, t.motion) == (e.body, e.motion)
            and t.subject in (None, e.subject)
            and _within(e.day, t.start, t.end)
            and bool(e.counts.get("passed")) == t.passed
        )
    if isinstance(t, MeetingTarget):
        return e.kind in ("meeting", "opened") and (t.body, t.date) == (e.body, e.day)
    if isinstance(t, OfficeTarget):
        kind = "appointed" if t.held else "removed"
        return e.kind == kind and (t.actor, t.office) == (e.actor, e.subject) and e.day <= t.date
    if isinstance(t, MembershipTarget):
        return e.kind == "seat" and (t.actor, t.body) == (e.actor, e.body) and e.day <= t.date
    if isinstance(t, OrderTarget):
        return e.kind == t.event and any(e.actor in group for group in t.groups)
    return False


@dataclass(frozen=True)
class Readings:
    """The bundled texts of a scenario's sources and the corrections that fit them."""

    texts: dict[str, str]
    corrections: dict[str, list[Correction]]

    @classmethod
    def of(cls, scenario: Scenario) -> Readings:
        """Texts and corrections of ``scenario``'s sources (corrections that no longer fit
        their text are left out)."""
        texts = scenario.source_texts
        corrections: dict[str, list[Correction]] = {}
        for source in scenario.model.sources:
            if source.text is None:
                continue
            path = scenario.folder / source.text
            annotations = path.with_suffix(".annotations.jsonl")
            if annotations.is_file() and _inside(annotations, scenario.folder):
                kept, _ = fitting(read_correction_file(annotations), texts[source.id])
                corrections[source.id] = kept
        return cls(texts, corrections)

    def corrected(self, source: str, quote: str) -> str | None:
        """The corrected reading of ``quote`` in ``source``, if a correction covers it."""
        text, fixes = self.texts.get(source), self.corrections.get(source)
        if not text or not fixes:
            return None
        found = locate_quote(text, quote)
        if found is None:
            return None
        start, end = found
        inside = [
            Correction(f.start - start, f.end - start, f.found, f.reading, f.note)
            for f in fixes
            if start <= f.start and f.end <= end
        ]
        if not inside:
            return None
        return " ".join(apply_corrections(text[start:end], inside).split())


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def cited(citation: Citation, readings: Readings) -> dict[str, Any]:
    """A citation as JSON-ready data, with the corrected reading of its quote if any."""
    out: dict[str, Any] = {}
    if citation.assumption:
        return {"assumption": citation.assumption}
    out["source"] = citation.source
    if citation.quote:
        out["quote"] = " ".join(citation.quote.split())
        reading = readings.corrected(citation.source or "", citation.quote)
        if reading is not None and reading != out["quote"]:
            out["corrected"] = reading
    if citation.page:
        out["page"] = citation.page
    return out


def resolved_sources(
    scenario: Scenario, event: TraceEvent, readings: Readings
) -> list[dict[str, Any]]:
    """Every fact behind ``event`` with its citations resolved."""
    return [
        {
            "fact": fact,
            "citations": [cited(c, readings) for c in citations_of(scenario.model, fact)],
        }
        for fact in event.facts
    ]


def scheduled_and_cited(scenario: Scenario, event: TraceEvent) -> bool:
    """Whether ``event`` is a scheduled movement whose itinerary a source (not an assumption)
    gives."""
    if event.kind not in _MOVES or event.detail.get("summoned"):
        return False
    return any(not c.assumption for fact in event.facts for c in citations_of(scenario.model, fact))
