"""Questions about a scenario on a given day: who sits where, who is where, who may vote.

Where people are comes from a :class:`Whereabouts`: by default the scenario's **schedule**
(each actor's and bloc's itinerary, as written), which is not where a run of the engine puts
them (a member called back arrives early, a bloc is flown in). A replay's whereabouts
(:mod:`politburo.analysis.presence`) can be given instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from politburo.errors import PolitburoError, Problem
from politburo.scenario.loading import Scenario
from politburo.scenario.schema import Body, Stay

__all__ = [
    "Schedule",
    "Seat",
    "VotingRoll",
    "Whereabouts",
    "body_of",
    "location",
    "seats",
    "voting_members",
]


class Whereabouts(Protocol):
    """Where the members of a scenario are on a day."""

    label: str
    """What the whereabouts come from, for readers: ``schedule`` or ``replay (seed 0)``."""

    def split(self, member: str, count: int, day: dt.date) -> list[tuple[str | None, int]]:
        """Where the ``count`` people of an actor (1) or bloc are on ``day``: places (None
        where not known) with how many are there, together ``count``."""
        ...


class Schedule:
    """Whereabouts by the scenario's itineraries, as written."""

    label = "schedule"

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario

    def split(self, member: str, count: int, day: dt.date) -> list[tuple[str | None, int]]:
        """The whole ``count`` at the member's scheduled place."""
        return [(location(self.scenario, member, day), count)]


@dataclass(frozen=True, slots=True)
class Seat:
    """A member (actor or bloc) of a body on a day, with rank, head count and place."""

    member: str
    rank: str
    count: int
    place: str | None
    votes: bool
    is_group: bool


@dataclass(frozen=True, slots=True)
class VotingRoll:
    """Those present and entitled to vote in a body on a day, their weights and the quota;
    ``voters`` counts every voting member, present or not, and ``quorate`` says whether those
    present make the body's quorum."""

    body: str
    day: dt.date
    members: tuple[str, ...]
    weights: tuple[int, ...]
    quota: int
    absent: tuple[str, ...]
    voters: int
    quorate: bool


def body_of(scenario: Scenario, body_id: str) -> Body:
    """The body with id ``body_id``; a clear error naming the known bodies otherwise."""
    for body in scenario.model.bodies:
        if body.id == body_id:
            return body
    known = ", ".join(scenario.body_ids())
    raise PolitburoError(Problem(f"unknown body {body_id!r}; known: {known}", field="body"))


def _check_day(scenario: Scenario, day: dt.date) -> None:
    m = scenario.model
    if not m.start <= day <= m.end:
        raise PolitburoError(
            Problem(f"date {day} is outside the scenario ({m.start} to {m.end})", field="date")
        )


def _place_on(itinerary: list[Stay], day: dt.date) -> str | None:
    return next((stay.place for stay in itinerary if stay.covers(day)), None)


def location(scenario: Scenario, member: str, day: dt.date) -> str | None:
    """Where an actor or bloc is on ``day`` by its itinerary; ``None`` when not known."""
    itineraries = {a.id: a.itinerary for a in scenario.model.actors}
    itineraries.update({g.id: g.itinerary for g in scenario.model.groups})
    if member in itineraries:
        return _place_on(itineraries[member], day)
    raise PolitburoError(Problem(f"unknown actor or group {member!r}", field="actor"))


def seats(
    scenario: Scenario, body_id: str, day: dt.date, whereabouts: Whereabouts | None = None
) -> list[Seat]:
    """Every member of a body on ``day`` with rank, count and whereabouts (by default the
    schedule's). A bloc split over places (some flown in, some not) has a seat per place."""
    _check_day(scenario, day)
    body = body_of(scenario, body_id)
    where = whereabouts or Schedule(scenario)
    votes = {rank.id: rank.vote for rank in body.ranks}
    result = [
        Seat(actor.id, ms.rank, 1, place, votes[ms.rank], False)
        for actor in scenario.model.actors
        for ms in actor.memberships
        if ms.body == body_id and ms.covers(day)
        for place, _ in where.split(actor.id, 1, day)[:1]
    ]
    result += [
        Seat(g.id, g.rank, count, place, votes[g.rank], True)
        for g in scenario.model.groups
        if g.body == body_id
        for place, count in where.split(g.id, g.count, day)
        if count > 0
    ]
    return result


def voting_members(
    scenario: Scenario, body_id: str, day: dt.date, whereabouts: Whereabouts | None = None
) -> VotingRoll:
    """The weighted voting game of a body on ``day``: voters present at its seat.

    Candidates and other non-voting ranks are left out, as are members away from the body's
    seat. A bloc that votes as one is one member with its head count as weight; any other bloc
    counts as ``count`` members of weight 1, named ``bloc[1]``, ``bloc[2]``, ... Where the
    members are comes from ``whereabouts`` (default: the schedule).
    """
    body = body_of(scenario, body_id)
    members: list[str] = []
    weights: list[int] = []
    absent: list[str] = []
    voters = 0
    for seat in seats(scenario, body_id, day, whereabouts):
        if not seat.votes:
            continue
        voters += seat.count
        if seat.place != body.seat:
            absent.append(seat.member)
        elif seat.is_group and not _votes_as_one(scenario, seat.member):
            members += [f"{seat.member}[{k}]" for k in range(1, seat.count + 1)]
            weights += [1] * seat.count
        else:
            members.append(seat.member)
            weights.append(seat.count)
    if not members:
        raise PolitburoError(
            Problem(f"no voting member of {body_id!r} is present on {day}", field="body")
        )
    present = sum(weights)
    quota = body.rule.votes_needed(voters, present)
    return VotingRoll(
        body_id,
        day,
        tuple(members),
        tuple(weights),
        quota,
        tuple(absent),
        voters,
        body.rule.quorate(voters, present),
    )


def _votes_as_one(scenario: Scenario, group_id: str) -> bool:
    return any(g.id == group_id and g.votes_as_one for g in scenario.model.groups)
