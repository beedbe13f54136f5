"""Plain inputs of the evidence layer: itineraries, a chronology, source descriptions.

The evidence layer knows nothing of scenarios. A higher layer (or a user) hands it these
small frozen records; :mod:`politburo.evidence.gazetteer` holds the names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import regex

__all__ = ["ChronologyEvent", "ItineraryEntry", "SourceInfo", "ordinal_of"]

_ORDINAL = regex.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b", regex.I)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A source as the scenario describes it.

    Attributes
    ----------
    id : str
        Source id (matches the store's id for an ingested text).
    title : str
        Its title.
    kind : str
        e.g. ``"intelligence-report"``, ``"memoir"``, ``"secondary"``, ``"press"``.
    reliability : str
        Admiralty source grade ``A``-``F`` (``F``: cannot be judged).
    independent_of : tuple of str
        Ids of sources this one draws on (they do not corroborate each other).
    """

    id: str
    title: str = ""
    kind: str = "document"
    reliability: str = "F"
    independent_of: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ItineraryEntry:
    """An actor's whereabouts over a closed interval of days.

    Attributes
    ----------
    actor_id : str
        Who.
    place : str
        Where (a place id or name).
    start, end : datetime.date
        First and last day, inclusive.
    citation : str
        Where this is said (a source id, an anchor, or a secondary reference).
    source_id : str
        The source it comes from (``""`` if unknown); used to tell sources apart.
    """

    actor_id: str
    place: str
    start: dt.date
    end: dt.date
    citation: str = ""
    source_id: str = ""

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        """Whether this stay shares a day with ``[start, end]``."""
        return self.start <= end and start <= self.end


@dataclass(frozen=True, slots=True)
class ChronologyEvent:
    """A dated event of the scenario's chronology.

    Attributes
    ----------
    id : str
        Stable identifier.
    label : str
        What happened (its words are used to rank restorations by context).
    start, end : datetime.date
        The event's days (``end`` equals ``start`` for a one-day event).
    place : str
        Where (``""`` if unknown).
    actors : tuple of str
        Actor ids taking part in person.
    citation : str
        Where this is said.
    source_id : str
        The source it comes from.
    """

    id: str
    label: str
    start: dt.date
    end: dt.date | None = None
    place: str = ""
    actors: tuple[str, ...] = field(default=())
    citation: str = ""
    source_id: str = ""

    @property
    def last(self) -> dt.date:
        """The event's last day."""
        return self.end or self.start


def ordinal_of(label: str) -> int | None:
    """The ordinal number written in a label (``"20th Party Congress"`` gives 20).

    >>> ordinal_of("22nd Party Congress"), ordinal_of("June plenum")
    (22, None)
    """
    match = _ORDINAL.search(label)
    return int(match.group(1)) if match else None
