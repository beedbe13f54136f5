"""Where a replay puts people: presence taken from one run of the engine, not the schedule.

A scenario's itineraries are its schedule: where each actor and bloc was to be. A run moves
people off it (a member called back arrives early, a bloc is flown in, part of it comes by
land a day later), so that "who is present on 22 June" has two answers. :class:`ReplayWhereabouts`
gives the replay's, through the public engine API (:func:`politburo.engine.replay`):

- at a sitting of a body that day, its members are where the sitting's roll says: named
  actors at the seat or not, and of each bloc the head count present at the seat;
- otherwise a named actor is where the run last moved him (arrived somewhere, or set off
  when called in, and so on the road), or where the schedule has him when the run moved him
  only as the schedule says;
- a bloc away from any sitting that day follows the schedule.

>>> from politburo.scenario import load_scenario
>>> import datetime as dt
>>> scenario = load_scenario("june-1957")
>>> replayed = ReplayWhereabouts(scenario, seed=0)
>>> replayed.split("suslov", 1, dt.date(1957, 6, 22))
[('moscow', 1)]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from politburo.scenario.loading import Scenario
from politburo.scenario.queries import Schedule
from politburo.seeds import check_seed

__all__ = ["ON_THE_ROAD", "ReplayWhereabouts", "Sitting"]

ON_THE_ROAD = None
"""The place of someone travelling: not known to be anywhere."""


@dataclass(frozen=True)
class Sitting:
    """Who attended a body's last sitting of a day in the replay."""

    body: str
    seat: str
    present: frozenset[str]
    groups_present: dict[str, int]


class ReplayWhereabouts:
    """Whereabouts of the members of ``scenario`` in its replay with ``seed`` (see the
    module's description); a :class:`~politburo.scenario.queries.Whereabouts`."""

    def __init__(self, scenario: Scenario, seed: int = 0) -> None:
        from politburo.engine import replay

        check_seed(seed)
        self.scenario = scenario
        self.seed = seed
        self.label = f"replay (seed {seed})"
        self._schedule = Schedule(scenario)
        seats = {b.id: b.seat for b in scenario.model.bodies}
        self._group_body = {g.id: g.body for g in scenario.model.groups}
        self.sittings: dict[tuple[str, dt.date], Sitting] = {}
        self._moves: dict[str, list[tuple[dt.date, str, str | None]]] = {}
        for event in replay(scenario.model, seed=seed).events:
            if event.kind == "meeting" and event.body in seats and event.present is not None:
                self.sittings[(event.body, event.day)] = Sitting(
                    event.body,
                    seats[event.body],
                    frozenset(event.present),
                    dict(event.groups_present or {}),
                )
            elif event.kind == "arrive" and event.actor:
                self._moves.setdefault(event.actor, []).append((event.day, "at", event.subject))
            elif event.kind == "depart" and event.actor:
                self._moves.setdefault(event.actor, []).append((event.day, "schedule", None))
            elif event.kind == "summon" and event.subject:
                self._moves.setdefault(event.subject, []).append((event.day, "road", None))

    def sitting(self, body: str, day: dt.date) -> Sitting | None:
        """The replay's last sitting of ``body`` on ``day``, if it sat."""
        return self.sittings.get((body, day))

    def split(self, member: str, count: int, day: dt.date) -> list[tuple[str | None, int]]:
        """Where the ``count`` people of ``member`` are on ``day`` in the replay."""
        if member in self._group_body:
            sitting = self.sitting(self._group_body[member], day)
            if sitting is None:
                return self._schedule.split(member, count, day)
            there = min(count, sitting.groups_present.get(member, 0))
            [(scheduled, _)] = self._schedule.split(member, count, day)
            elsewhere = scheduled if scheduled != sitting.seat else ON_THE_ROAD
            return [(sitting.seat, there), (elsewhere, count - there)]
        for (_, when), sitting in self.sittings.items():
            if when == day and member in sitting.present:
                return [(sitting.seat, count)]
        moved = [move for move in self._moves.get(member, []) if move[0] <= day]
        if not moved or moved[-1][1] == "schedule":
            return self._schedule.split(member, count, day)
        _, how, place = moved[-1]
        return [(place if how == "at" else ON_THE_ROAD, count)]
