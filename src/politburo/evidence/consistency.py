"""Checking accounts against each other: whereabouts and dates.

The paper reasons this way: Voroshilov cannot have been one of the original conspirators,
"if only because he was in the Far East from the middle of April to the end of [May],
the very time when the three leaders began to lay their plans"; Saburov, "publicly [seen]
in Warsaw" on the 19th, "could not have returned before the 20th". The checker does the
same over plain records:

``whereabouts``
    an actor placed in two different places on the same day: two itinerary entries, or
    an itinerary entry and an event the actor is said to take part in elsewhere.
``date``
    one event (same key) given different dates by two accounts: a contradiction if the
    dates do not overlap, a tension if they do (two sources disagreeing on precision,
    "by 19 June" against "in time for the plenum").

Each :class:`Conflict` names both accounts with their citations and sources, the days in
question, and whether it is a ``contradiction`` (the accounts cannot both hold on any day
of the event) or a ``tension`` (they collide on some days only).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from politburo.evidence.records import ChronologyEvent, ItineraryEntry

__all__ = ["Conflict", "check_consistency", "date_conflicts", "whereabouts_conflicts"]

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two accounts that cannot both be right.

    Attributes
    ----------
    kind : str
        ``"whereabouts"`` or ``"date"``.
    subject : str
        The actor (whereabouts) or the event key (date).
    severity : str
        ``"contradiction"`` or ``"tension"``.
    first, second : str
        The two accounts, in words.
    first_citation, second_citation : str
        Their citations.
    sources : tuple of str
        Source ids on either side (empty strings dropped).
    days : tuple of datetime.date
        First and last day in question.
    message : str
        One line for a reader.
    """

    kind: str
    subject: str
    severity: str
    first: str
    second: str
    first_citation: str
    second_citation: str
    sources: tuple[str, ...]
    days: tuple[dt.date, dt.date]
    message: str

    @property
    def between_sources(self) -> bool:
        """Whether the two accounts come from different sources."""
        return len(set(self.sources)) > 1

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready record."""
        return {
            "kind": self.kind,
            "subject": self.subject,
            "severity": self.severity,
            "first": self.first,
            "second": self.second,
            "first_citation": self.first_citation,
            "second_citation": self.second_citation,
            "sources": list(self.sources),
            "days": [day.isoformat() for day in self.days],
            "message": self.message,
        }


def _span(start: dt.date, end: dt.date) -> str:
    if start == end:
        return start.isoformat()
    return f"{start.isoformat()}..{end.isoformat()}"


def _sources(*names: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for name in names for n in name.split("+") if n))


def _grouped(items: Iterable[_T], key: Callable[[_T], str]) -> dict[str, list[_T]]:
    """``items`` grouped by ``key``, each group in the order given."""
    groups: dict[str, list[_T]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return dict(groups)


def _pairs(groups: Mapping[str, Sequence[_T]]) -> Iterator[tuple[str, _T, _T]]:
    """Every two records of a group, with its key: groups by key, records in their order.

    >>> list(_pairs({"b": [1, 2, 3], "a": [4]}))
    [('b', 1, 2), ('b', 1, 3), ('b', 2, 3)]
    """
    for key in sorted(groups):
        records = groups[key]
        for i, first in enumerate(records):
            for second in records[i + 1 :]:
                yield key, first, second


def whereabouts_conflicts(
    itineraries: Sequence[ItineraryEntry],
    events: Sequence[ChronologyEvent] = (),
    travel_days: int = 0,
) -> list[Conflict]:
    """Days on which an actor is placed in two places.

    Parameters
    ----------
    itineraries : sequence of ItineraryEntry
        Stays, possibly from several sources or versions.
    events : sequence of ChronologyEvent
        Events with the actors who took part in person, and a place.
    travel_days : int
        Overlap tolerated at the ends of stays (a day of travel).

    Examples
    --------
    >>> import datetime as dt
    >>> far = ItineraryEntry("voroshilov", "far-east", dt.date(1957, 4, 15), dt.date(1957, 5, 31),
    ...                      "caesar-xv: in the Far East", "caesar-xv")
    >>> plot = ChronologyEvent("plans", "leaders lay their plans", dt.date(1957, 4, 1),
    ...                        dt.date(1957, 6, 14), "moscow", ("malenkov", "voroshilov"),
    ...                        "caesar-xv: one of the original conspirators", "caesar-xv")
    >>> [(c.subject, c.severity) for c in whereabouts_conflicts([far], [plot])]
    [('voroshilov', 'tension')]
    """
    conflicts: list[Conflict] = []
    slack = dt.timedelta(days=travel_days)
    by_actor = _grouped(itineraries, lambda entry: entry.actor_id)
    for actor, first, second in _pairs(by_actor):
        if first.place == second.place:
            continue
        start = max(first.start, second.start)
        end = min(first.end, second.end)
        if end - start < slack or end < start:
            continue
        whole = (start, end) in ((first.start, first.end), (second.start, second.end))
        conflicts.append(
            Conflict(
                "whereabouts",
                actor,
                "contradiction" if whole else "tension",
                f"{actor} in {first.place} {_span(first.start, first.end)}",
                f"{actor} in {second.place} {_span(second.start, second.end)}",
                first.citation,
                second.citation,
                _sources(first.source_id, second.source_id),
                (start, end),
                f"{actor} is placed in {first.place} and in {second.place} on {_span(start, end)}",
            )
        )
    for event in events:
        if not event.place:
            continue
        for actor in event.actors:
            for entry in by_actor.get(actor, ()):
                if entry.place == event.place or not entry.overlaps(event.start, event.last):
                    continue
                start = max(entry.start, event.start)
                end = min(entry.end, event.last)
                whole = entry.start <= event.start and event.last <= entry.end
                conflicts.append(
                    Conflict(
                        "whereabouts",
                        actor,
                        "contradiction" if whole else "tension",
                        f"{actor} in {entry.place} {_span(entry.start, entry.end)}",
                        f"{actor} takes part in {event.label} ({event.place}, "
                        f"{_span(event.start, event.last)})",
                        entry.citation,
                        event.citation,
                        _sources(entry.source_id, event.source_id),
                        (start, end),
                        f"{actor} is in {entry.place} on {_span(start, end)}, "
                        f"while said to take part in {event.label} in {event.place}",
                    )
                )
    return conflicts


def date_conflicts(events: Sequence[ChronologyEvent]) -> list[Conflict]:
    """Events with the same id given dates that do not overlap.

    >>> import datetime as dt
    >>> a = ChronologyEvent("arrive-suslov", "Suslov back", dt.date(1957, 6, 19),
    ...                     citation="spitsyn-2019", source_id="spitsyn-2019")
    >>> b = ChronologyEvent("arrive-suslov", "Suslov back", dt.date(1957, 6, 21),
    ...                     citation="caesar-xv", source_id="caesar-xv")
    >>> [c.message for c in date_conflicts([a, b])]
    ['arrive-suslov is dated 1957-06-19 and 1957-06-21']
    """
    conflicts: list[Conflict] = []
    for key, first, second in _pairs(_grouped(events, lambda event: event.id)):
        if (first.start, first.last) == (second.start, second.last):
            continue
        overlap = first.start <= second.last and second.start <= first.last
        if overlap and first.source_id == second.source_id:
            continue
        conflicts.append(
            Conflict(
                "date",
                key,
                "tension" if overlap else "contradiction",
                f"{first.label} on {_span(first.start, first.last)}",
                f"{second.label} on {_span(second.start, second.last)}",
                first.citation,
                second.citation,
                _sources(first.source_id, second.source_id),
                (min(first.start, second.start), max(first.last, second.last)),
                f"{key} is dated {_span(first.start, first.last)} "
                f"and {_span(second.start, second.last)}",
            )
        )
    return conflicts


def check_consistency(
    itineraries: Sequence[ItineraryEntry],
    events: Sequence[ChronologyEvent] = (),
    travel_days: int = 0,
) -> list[Conflict]:
    """All whereabouts and date conflicts, whereabouts first, each group by subject.

    The same disagreement reached through several records is reported once.
    """
    found = whereabouts_conflicts(itineraries, events, travel_days) + date_conflicts(events)
    unique: dict[tuple[str, str, str, str], Conflict] = {}
    for conflict in found:
        key = (conflict.kind, conflict.subject, conflict.first, conflict.second)
        unique.setdefault(key, conflict)
    return list(unique.values())
