"""A scenario as the plain inputs of the evidence layer.

:mod:`politburo.evidence` knows nothing of scenarios: it takes a
:class:`~politburo.evidence.gazetteer.Gazetteer`, itineraries
(:class:`~politburo.evidence.records.ItineraryEntry`), a chronology
(:class:`~politburo.evidence.records.ChronologyEvent`) and the Admiralty grades of the
sources. This module turns a loaded scenario into them, citing every record to the scenario
fact it comes from, and adds the records of the scenario's contested versions so that the
consistency checker sees where the sources disagree. :mod:`politburo.scenario.evidence_claims`
turns the scenario's cited facts into graded claims.

Examples
--------
>>> from politburo.scenario import load_scenario
>>> inputs = scenario_inputs(load_scenario("june-1957"))
>>> inputs.year, inputs.reliability["caesar-xv"]
(1957, 'B')
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import regex

from politburo.errors import PolitburoError, Problem
from politburo.evidence.gazetteer import Entity, Gazetteer
from politburo.evidence.records import ChronologyEvent, ItineraryEntry
from politburo.scenario.editing import LocatedEdit, edit_scenario
from politburo.scenario.loading import Scenario
from politburo.scenario.schema import (
    Citation,
    EventTarget,
    MeetingTarget,
    ScenarioModel,
    VoteTarget,
)
from politburo.scenario.yaml_marks import Marks, read_text_file, read_yaml

__all__ = [
    "EvidenceInputs",
    "citation_text",
    "load_gazetteer",
    "place_names",
    "scenario_inputs",
    "scenario_records",
]

_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_PAREN = regex.compile(r"\s*\([^)]*\)")


@dataclass
class EvidenceInputs:
    """What the evidence layer needs from a scenario.

    Attributes
    ----------
    gazetteer : Gazetteer
        The names of the scenario's actors and places.
    itineraries : list of ItineraryEntry
        Every stay of every actor, cut at a recorded return, and the stays the contested
        versions place differently.
    chronology : list of ChronologyEvent
        Calendar events, record targets with dates, the challengers' planning, and the events
        the contested versions date differently.
    reliability : dict of str to str
        Admiralty source grade (``A``-``F``) by source id.
    year : int or None
        The year the scenario starts in.
    """

    gazetteer: Gazetteer
    itineraries: list[ItineraryEntry] = field(default_factory=list)
    chronology: list[ChronologyEvent] = field(default_factory=list)
    reliability: dict[str, str] = field(default_factory=dict)
    year: int | None = None


def citation_text(cites: Iterable[Citation]) -> tuple[str, str]:
    """A readable citation and the ``+``-joined ids of its sources.

    Parameters
    ----------
    cites : iterable of Citation
        The citations of one fact.

    Returns
    -------
    text : str
        ``source: "quote"``, ``source: page`` or ``assumption: reason``, joined by ``"; "``.
    source_ids : str
        The ids of the sources cited, each once, joined by ``"+"``.

    Examples
    --------
    >>> text, ids = citation_text([
    ...     Citation(source="caesar-xv", quote="Saburov was in Warsaw"),
    ...     Citation(source="pikhoia", page="p. 12"),
    ...     Citation(assumption="no source gives the day"),
    ... ])
    >>> print(text)
    caesar-xv: "Saburov was in Warsaw"; pikhoia: p. 12; assumption: no source gives the day
    >>> ids
    'caesar-xv+pikhoia'
    """
    parts: list[str] = []
    ids: list[str] = []
    for cite in cites:
        if cite.assumption:
            parts.append(f"assumption: {cite.assumption}")
        elif cite.quote:
            parts.append(f'{cite.source}: "{cite.quote}"')
            ids.append(cite.source or "")
        else:
            parts.append(f"{cite.source}: {cite.page}")
            ids.append(cite.source or "")
    return "; ".join(parts), "+".join(dict.fromkeys(ids))


def place_names(name: str) -> list[str]:
    """The names of a place: without a parenthesis or a leading article, then as given.

    Examples
    --------
    >>> place_names("The Kremlin (Moscow)")
    ['Kremlin', 'The Kremlin (Moscow)']
    >>> place_names("Moscow")
    ['Moscow']
    """
    bare = _PAREN.sub("", name).strip()
    bare = regex.sub(r"^(?:The|the)\s+", "", bare)
    return [n for n in dict.fromkeys([bare, name]) if n]


def scenario_records(model: ScenarioModel) -> tuple[list[ItineraryEntry], list[ChronologyEvent]]:
    """The itineraries and the chronology of a scenario, each record cited to its fact.

    Parameters
    ----------
    model : ScenarioModel
        A validated scenario model.

    Returns
    -------
    itineraries : list of ItineraryEntry
        Every stay of every actor (open ends filled with the scenario's first or last day),
        a stay away cut short on the day of a recorded ``arrive`` event of the actor.
    chronology : list of ChronologyEvent
        The calendar; the dated meetings, votes and events of the record (in the seat of their
        body); and, for a challenge whose citations name a season, the days from the start of
        that season to the eve of its window, when its leaders laid their plans.

    Notes
    -----
    Each record's citation starts with the data path of its fact
    (``actors/suslov/itinerary/0: ...``, ``record/<id>: ...``); its source id is the
    ``+``-joined ids of the fact's sources.
    """
    start, end = model.start, model.end
    seats = {body.id: body.seat for body in model.bodies}
    stays = []
    for actor in model.actors:
        for number, stay in enumerate(actor.itinerary):
            text, ids = citation_text(stay.cite)
            stays.append(
                ItineraryEntry(
                    actor.id,
                    stay.place,
                    stay.start or start,
                    stay.end or end,
                    f"actors/{actor.id}/itinerary/{number}: {text}",
                    ids,
                )
            )
    events = []
    for item in model.calendar:
        text, ids = citation_text(item.cite)
        events.append(
            ChronologyEvent(
                item.id,
                item.name,
                item.start,
                item.end,
                item.place,
                tuple(item.participants),
                f"calendar/{item.id}: {text}",
                ids,
            )
        )
    for target in model.record:
        text, ids = citation_text(target.cite)
        place = seats.get(getattr(target, "body", None) or "", "")
        if isinstance(target, MeetingTarget):
            events.append(
                ChronologyEvent(
                    target.id,
                    target.description,
                    target.date,
                    target.date,
                    place,
                    tuple(target.present),
                    f"record/{target.id}: {text}",
                    ids,
                )
            )
        elif isinstance(target, VoteTarget | EventTarget) and target.start is not None:
            who: str | None = getattr(target, "actor", None)
            acts = (who,) if who and getattr(target, "event", "") != "arrive" else ()
            events.append(
                ChronologyEvent(
                    target.id,
                    target.description,
                    target.start,
                    target.end or target.start,
                    place,
                    acts,
                    f"record/{target.id}: {text}",
                    ids,
                )
            )
    for challenge in model.challenges:
        text, ids = citation_text(challenge.cite)
        first = challenge.window_start
        for cite in challenge.cite:
            for word, (low, _) in _SEASONS.items():
                if cite.quote and word in cite.quote.lower():
                    first = min(first, dt.date(challenge.window_start.year, low, 1))
        last = challenge.window_start - dt.timedelta(days=1)
        if first <= last:
            events.append(
                ChronologyEvent(
                    f"{challenge.id}-plans",
                    f"the {challenge.id} leaders lay their plans",
                    first,
                    last,
                    seats.get(challenge.arena, ""),
                    tuple(challenge.leaders),
                    f"challenges/{challenge.id}: {text}",
                    ids,
                )
            )
    return _cut_at_returns(stays, events, seats), events


def _cut_at_returns(
    stays: list[ItineraryEntry], events: list[ChronologyEvent], seats: dict[str, str]
) -> list[ItineraryEntry]:
    """Cut a planned stay away at the recorded return (an ``arrive`` event)."""
    home = set(seats.values())
    back: dict[str, dt.date] = {}
    for event in events:
        if event.id.startswith("arrive-") and not event.actors:
            actor = event.id.removeprefix("arrive-")
            back[actor] = min(back.get(actor, event.last), event.last)
    cut = []
    for stay in stays:
        day = back.get(stay.actor_id)
        if day is not None and stay.place not in home and stay.start <= day < stay.end:
            stay = replace(stay, end=day)
        cut.append(stay)
    return cut


def scenario_inputs(scenario: Scenario) -> EvidenceInputs:
    """Gazetteer, itineraries, chronology and grades of a scenario and its contested versions.

    For every contested version that edits the data, the records that differ from the
    scenario's own are added, cited to the version's sources, so that the consistency
    checker sees the disagreement between sources. A version whose edits do not apply or do
    not validate adds nothing.

    Parameters
    ----------
    scenario : Scenario
        A loaded scenario.

    Returns
    -------
    EvidenceInputs
        Actors (name and aliases) and places in the gazetteer, the records of
        :func:`scenario_records`, the sources' grades, and the starting year.

    Examples
    --------
    >>> from politburo.scenario import load_scenario
    >>> inputs = scenario_inputs(load_scenario("june-1957"))
    >>> "saburov" in {stay.actor_id for stay in inputs.itineraries}
    True
    """
    model = scenario.model
    entities = [Entity(a.id, (a.name, *a.aliases), "actor") for a in model.actors]
    entities += [Entity(p.id, tuple(place_names(p.name)), "place") for p in model.places]
    stays, events = scenario_records(model)
    seen_stays, seen_events = set(stays), set(events)
    for contested in model.contested:
        for version in contested.versions:
            if not version.edits:
                continue
            try:
                variant = edit_scenario(
                    scenario, [LocatedEdit(e, origin=version.id) for e in version.edits]
                )
            except PolitburoError:
                continue
            text, ids = citation_text(version.cite)
            tag = f"contested/{contested.id}/{version.id}: {text}"
            more_stays, more_events = scenario_records(variant.model)
            stays += [
                replace(s, citation=tag, source_id=ids) for s in more_stays if s not in seen_stays
            ]
            events += [
                replace(e, citation=tag, source_id=ids) for e in more_events if e not in seen_events
            ]
    return EvidenceInputs(
        Gazetteer(tuple(entities)),
        stays,
        events,
        {s.id: s.reliability for s in model.sources},
        model.start.year,
    )


def load_gazetteer(path: str | Path) -> Gazetteer:
    """Read a gazetteer from a JSON or YAML file.

    The file maps ``actors`` and ``places`` to ``{id: [names]}``; a mapping with neither key
    is read as the actors alone. A ``.json`` file is read as JSON, any other as YAML.

    Parameters
    ----------
    path : str or Path
        The file.

    Returns
    -------
    Gazetteer

    Raises
    ------
    PolitburoError
        When the file cannot be read or parsed, is not a mapping, or gives names that are not
        a list of strings (one problem for each such id).
    """
    path = Path(path)
    name = str(path)
    marks = Marks()
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(read_text_file(path))
        except json.JSONDecodeError as error:
            raise PolitburoError(
                Problem(f"not valid JSON: {error.msg}", file=name, line=error.lineno)
            ) from None
    else:
        data, marks = read_yaml(path)
    if not isinstance(data, dict):
        raise PolitburoError(Problem("a gazetteer is a mapping of ids to names", file=name))
    actors = data.get("actors", data if "places" not in data else {})
    places = data.get("places", {})
    problems: list[Problem] = []
    for section, table in (("actors", actors), ("places", places)):
        if not isinstance(table, dict):
            _, line = marks.locate((section,))
            problems.append(
                Problem("must map ids to lists of names", file=name, line=line, field=section)
            )
            continue
        for key, names in table.items():
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                _, line = marks.locate((section, key) if section in data else (key,))
                problems.append(
                    Problem("names must be a list of strings", file=name, line=line, field=str(key))
                )
    if problems:
        raise PolitburoError(problems)
    return Gazetteer.from_mapping(actors, places)
