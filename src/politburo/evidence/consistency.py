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
    one event (same key) given dates that do not overlap by two accounts. Dates that
    overlap are compatible, not a conflict: "by 19 June" and "in time for the plenum"
    (by 21 June) can both be true.

:func:`check_consistency` reports one :class:`Conflict` per disagreement: every account on
each side (each place an actor is put in, each date an event is given), with its citation
and sources, however many pairs of records the disagreement shows in; the days in question;
and whether it is a ``contradiction`` (the accounts cannot both hold on any day) or a
``tension`` (they collide on some days only).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from politburo.evidence.records import ChronologyEvent, ItineraryEntry

__all__ = [
    "Account",
    "Conflict",
    "check_consistency",
    "date_conflicts",
    "whereabouts_conflicts",
]

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Account:
    """One account on one side of a disagreement.

    Attributes
    ----------
    says : str
        What it says, in words (``saburov in warsaw 1957-06-18..1957-06-22``).
    citation : str
        Its citation.
    sources : tuple of str
        Its source ids.
    """

    says: str
    citation: str
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready record."""
        return {"says": self.says, "citation": self.citation, "sources": list(self.sources)}


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
    sides : tuple of (str, tuple of Account)
        Each position (a place, or dates) and every account that takes it; ``first`` and
        ``second`` summarise the first two.
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
    sides: tuple[tuple[str, tuple[Account, ...]], ...] = ()

    @property
    def citations(self) -> tuple[str, ...]:
        """The citations of every account on every side."""
        if not self.sides:
            return (self.first_citation, self.second_citation)
        return tuple(account.citation for _, accounts in self.sides for account in accounts)

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
            "sides": [
                {"position": position, "accounts": [a.to_dict() for a in accounts]}
                for position, accounts in self.sides
            ],
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
    """Events with the same id given dates that do not overlap, pair by pair.

    >>> import datetime as dt
    >>> a = ChronologyEvent("arrive-suslov", "Suslov back", dt.date(1957, 6, 19),
    ...                     citation="spitsyn-2019", source_id="spitsyn-2019")
    >>> b = ChronologyEvent("arrive-suslov", "Suslov back", dt.date(1957, 6, 21),
    ...                     citation="caesar-xv", source_id="caesar-xv")
    >>> [c.message for c in date_conflicts([a, b])]
    ['arrive-suslov is dated 1957-06-19 and 1957-06-21']
    >>> c = ChronologyEvent("arrive-suslov", "Suslov back", dt.date(1957, 6, 18),
    ...                     dt.date(1957, 6, 21), source_id="caesar-xv")
    >>> date_conflicts([a, c])  # by the 19th, and by the 21st: compatible
    []
    """
    conflicts: list[Conflict] = []
    for key, first, second in _pairs(_grouped(events, lambda event: event.id)):
        if first.start <= second.last and second.start <= first.last:
            continue  # dates that overlap are compatible: both may be true
        conflicts.append(
            Conflict(
                "date",
                key,
                "contradiction",
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
    """Every disagreement once: whereabouts first, then dates, each by subject.

    The pairs of records that disagree (:func:`whereabouts_conflicts`,
    :func:`date_conflicts`) are gathered into one :class:`Conflict` per subject and stretch
    of days, with every account on each side.

    Examples
    --------
    >>> import datetime as dt
    >>> day = dt.date
    >>> warsaw = ItineraryEntry("saburov", "warsaw", day(1957, 6, 18), day(1957, 6, 22),
    ...                         "caesar-xv: left for Warsaw", "caesar-xv")
    >>> here = ItineraryEntry("saburov", "moscow", day(1957, 6, 1), day(1957, 6, 30),
    ...                       "encyclopedia: among the seven", "encyclopedia")
    >>> meets = ChronologyEvent("meets", "the Presidium meets", day(1957, 6, 18), None,
    ...                         "moscow", ("saburov",), "record: the vote", "encyclopedia")
    >>> (conflict,) = check_consistency([warsaw, here], [meets])
    >>> [(place, len(accounts)) for place, accounts in conflict.sides]
    [('warsaw', 1), ('moscow', 2)]
    """
    pairs = whereabouts_conflicts(itineraries, events, travel_days) + date_conflicts(events)
    accounts = _accounts(itineraries, events)
    merged: list[Conflict] = []
    for (kind, subject), group in _grouped_pairs(pairs).items():
        group.sort(key=lambda c: c.days)
        run: list[Conflict] = []
        for conflict in group:
            if run and conflict.days[0] > max(c.days[1] for c in run):
                merged.append(_merge(kind, subject, run, accounts))
                run = []
            run.append(conflict)
        merged.append(_merge(kind, subject, run, accounts))
    return merged


def _compatible_dates(
    sides: dict[str, dict[Account, None]],
) -> dict[str, dict[Account, None]]:
    """Dates that overlap are one side of a date disagreement (they may both be true)."""

    def days(span: str) -> tuple[dt.date, dt.date]:
        first, _, last = span.partition("..")
        return dt.date.fromisoformat(first), dt.date.fromisoformat(last or first)

    merged: list[tuple[dt.date, dt.date, dict[Account, None]]] = []
    for span in sorted(sides, key=days):
        start, end = days(span)
        if merged and start <= merged[-1][1]:
            low, high, found = merged[-1]
            merged[-1] = (low, min(high, end), {**found, **sides[span]})
        else:
            merged.append((start, end, dict(sides[span])))
    return {_span(start, end): found for start, end, found in merged}


def _grouped_pairs(pairs: Sequence[Conflict]) -> dict[tuple[str, str], list[Conflict]]:
    groups: dict[tuple[str, str], list[Conflict]] = {}
    for conflict in pairs:
        groups.setdefault((conflict.kind, conflict.subject), []).append(conflict)
    return groups


def _accounts(
    itineraries: Sequence[ItineraryEntry], events: Sequence[ChronologyEvent]
) -> dict[tuple[str, str], tuple[str, Account]]:
    """Every record's words and citation, mapped to its position and its account."""
    found: dict[tuple[str, str], tuple[str, Account]] = {}
    for entry in itineraries:
        says = f"{entry.actor_id} in {entry.place} {_span(entry.start, entry.end)}"
        account = Account(says, entry.citation, _sources(entry.source_id))
        found[(says, entry.citation)] = (entry.place, account)
    for event in events:
        dates = _span(event.start, event.last)
        account = Account(f"{event.label} on {dates}", event.citation, _sources(event.source_id))
        found[(account.says, event.citation)] = (dates, account)
        for actor in event.actors:
            says = f"{actor} takes part in {event.label} ({event.place}, {dates})"
            account = Account(says, event.citation, _sources(event.source_id))
            found[(says, event.citation)] = (event.place or dates, account)
    return found


def _merge(
    kind: str,
    subject: str,
    run: list[Conflict],
    accounts: Mapping[tuple[str, str], tuple[str, Account]],
) -> Conflict:
    """One conflict for the pairs in ``run``: every account, grouped by its position."""
    sides: dict[str, dict[Account, None]] = {}
    for conflict in run:
        for says, citation in (
            (conflict.first, conflict.first_citation),
            (conflict.second, conflict.second_citation),
        ):
            position, account = accounts.get((says, citation), (says, Account(says, citation, ())))
            sides.setdefault(position, {})[account] = None
    if kind == "date":
        sides = _compatible_dates(sides)
    ordered = tuple((position, tuple(found)) for position, found in sides.items())
    first, second = ordered[0], ordered[1] if len(ordered) > 1 else ordered[0]
    start = min(c.days[0] for c in run)
    end = max(c.days[1] for c in run)
    severity = "contradiction" if any(c.severity == "contradiction" for c in run) else "tension"
    positions = " and ".join(
        f"{position} ({len(found)} account{'s' if len(found) > 1 else ''})"
        for position, found in ordered
    )
    if kind == "whereabouts":
        message = f"{subject} is placed in {positions} on {_span(start, end)}"
    else:
        message = f"{subject} is dated {positions}"
    return Conflict(
        kind,
        subject,
        severity,
        "; ".join(a.says for a in first[1]),
        "; ".join(a.says for a in second[1]),
        " | ".join(a.citation for a in first[1]),
        " | ".join(a.citation for a in second[1]),
        _sources(*(source for c in run for source in c.sources)),
        (start, end),
        message,
        ordered,
    )
