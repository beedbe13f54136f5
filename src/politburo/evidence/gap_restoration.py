"""Restorations of lost numbers that a chronology supports, ranked by their context.

A year, a day or an ordinal that lost its digits (``In7``, ``onune``, ``ath Party
Congress``) may be restored only with digits that the scenario's chronology holds:
:class:`Restorer` builds, for each template, the readings whose numbers are those of
dated events, and :func:`rank` orders them by how many words their events share with
the text around the loss. Nothing here reads the source text beyond those words; the
detectors of :mod:`politburo.evidence.gap_numbers` find the losses.

Examples
--------
>>> import datetime as dt
>>> plenum = ChronologyEvent("plenum", "CC plenum opens", dt.date(1957, 6, 22))
>>> restorer = Restorer([plenum])
>>> [r.reading for r in restorer.years("7", set())]
['[195]7']
>>> [r.reading for r in restorer.dates(6, "on", "une", {"plenum"})]
['on [22 J]une']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from politburo.evidence.dates import MONTHS
from politburo.evidence.records import ChronologyEvent, ordinal_of

__all__ = ["Restoration", "Restorer", "context_near", "ordinal", "rank", "supplement"]

_LETTERS = regex.compile(r"\p{L}+")
_CONTEXT = 160  # characters on each side of a loss whose words rank its restorations


@dataclass(frozen=True, slots=True)
class Restoration:
    """A candidate filling of a gap, with the chronology events that support it."""

    text: str
    reading: str
    score: float
    support: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready record."""
        return {
            "text": self.text,
            "reading": self.reading,
            "score": round(self.score, 4),
            "support": list(self.support),
        }


def _context_words(text: str) -> set[str]:
    return {w.lower() for w in _LETTERS.findall(text) if len(w) > 3}


def context_near(text: str, at: int) -> set[str]:
    """The words (of more than three letters, lower case) around offset ``at``.

    >>> sorted(context_near("the plenum opened onune", 18))
    ['onune', 'opened', 'plenum']
    """
    return _context_words(text[max(0, at - _CONTEXT) : at + _CONTEXT])


def rank(
    options: Iterable[tuple[str, str, Sequence[ChronologyEvent]]], context: set[str]
) -> tuple[Restoration, ...]:
    """The best five of ``options``, scored by the context their events share.

    Parameters
    ----------
    options : iterable of (str, str, sequence of ChronologyEvent)
        Each restoration's lost text, its reading, and the events that support it.
    context : set of str
        Words around the loss (:func:`context_near`).

    Returns
    -------
    tuple of Restoration
        Best first; the scores sum to 1 over all options.
    """
    scored = []
    for lost, reading, events in options:
        overlap = max((len(context & _context_words(e.label)) for e in events), default=0)
        score = 1.0 + overlap + 0.1 * len(events)
        support = tuple(f"{e.id}: {e.label} ({e.start.isoformat()})" for e in events[:3])
        scored.append((score, lost, reading, support))
    if not scored:
        return ()
    total = sum(item[0] for item in scored)
    scored.sort(key=lambda item: (-item[0], item[1]))
    return tuple(Restoration(s, r, score / total, sup) for score, s, r, sup in scored[:5])


def ordinal(number: int) -> str:
    """The ordinal of ``number`` in digits.

    >>> ordinal(22), ordinal(13), ordinal(101)
    ('22nd', '13th', '101st')
    """
    if number % 100 in (11, 12, 13):
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def supplement(number: int, suffix: str) -> str:
    """What the ordinal of ``number`` lost if only ``suffix`` survives.

    >>> supplement(19, "h"), supplement(22, "nd")
    ('19t', '22')
    """
    full = ordinal(number)
    return full[: len(full) - len(suffix)]


def _suffix_fits(number: int, suffix: str) -> bool:
    return ordinal(number).endswith(suffix.lower())


class Restorer:
    """Restorations of years, days and ordinals from the numbers of a chronology.

    Parameters
    ----------
    chronology : sequence of ChronologyEvent
        Dated events; the only source of restored digits.
    """

    def __init__(self, chronology: Sequence[ChronologyEvent] = ()) -> None:
        self.events = tuple(chronology)
        self._years = sorted({e.start.year for e in self.events})

    def years(self, digit: str, context: set[str]) -> tuple[Restoration, ...]:
        """A year that kept only its last ``digit``: ``[195]7``."""
        options = []
        for year in self._years:
            if str(year).endswith(digit) and len(str(year)) == 4:
                events = [e for e in self.events if e.start.year == year]
                options.append((str(year)[:-1], f"[{str(year)[:-1]}]{digit}", events))
        return rank(options, context)

    def congresses(self, head: str, suffix: str, context: set[str]) -> tuple[Restoration, ...]:
        """A congress's ordinal that kept only ``suffix``: ``a [20]th Party Congress``."""
        options = []
        for event in self.events:
            number = ordinal_of(event.label)
            congress = number is not None and "congress" in event.label.lower()
            if congress and number is not None and _suffix_fits(number, suffix):
                lost = supplement(number, suffix)
                reading = f"{head} [{lost}]{suffix} Party Congress"
                options.append((lost, reading, [event]))
        return rank(options, context)

    def ordinal_days(
        self, month: int, head: str, suffix: str, context: set[str]
    ) -> tuple[Restoration, ...]:
        """A day of ``month`` that kept only its ordinal ``suffix``: ``on [19t]h``."""
        options = []
        for day, events in self._days(month, fits=suffix):
            lost = supplement(day, suffix)
            options.append((lost, f"{head} [{lost}]{suffix}", events))
        return rank(options, context)

    def dates(self, month: int, head: str, tail: str, context: set[str]) -> tuple[Restoration, ...]:
        """A day of ``month`` lost with the month's initial: ``on [22 J]une``."""
        initial = MONTHS[month - 1][0]
        options = [
            (f"{day} {initial}", f"{head} [{day} {initial}]{tail}", events)
            for day, events in self._days(month)
        ]
        return rank(options, context)

    def day_digits(
        self, month: int, digit: str, name: str, context: set[str]
    ) -> tuple[Restoration, ...]:
        """A day of ``month`` that kept only its last ``digit``: ``[2]4 June``."""
        options = [
            (str(day)[:-1], f"[{str(day)[:-1]}]{digit} {name}", events)
            for day, events in self._days(month, digit=digit)
            if day >= 10
        ]
        return rank(options, context)

    def _days(
        self, month: int, fits: str = "", digit: str = ""
    ) -> list[tuple[int, list[ChronologyEvent]]]:
        """Days of ``month`` on which events start or end, by year and day."""
        days: dict[tuple[int, int], list[ChronologyEvent]] = {}
        for event in self.events:
            for day in {event.start, event.last}:
                if day.month != month:
                    continue
                if fits and not _suffix_fits(day.day, fits):
                    continue
                if digit and not str(day.day).endswith(digit):
                    continue
                days.setdefault((day.year, day.day), []).append(event)
        return [(day, events) for (_, day), events in sorted(days.items())]
