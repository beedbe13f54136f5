"""When bodies sit: their ordinary sittings, compiled from the scenario's schedules.

A body sits *daily* unless the scenario says otherwise (the default when a body states no
``meets``, or ``meets: daily``, and the calendar gives it no sitting). A body with a
:class:`~politburo.scenario.schema.Schedule` (``meets: {every: 7, start: DATE}`` and/or
``dates``) or with calendar entries of kind ``session`` or ``plenum`` sits in ordinary session
on those days only. Convening calls an *extraordinary* sitting after the body's notice, unless
an ordinary one comes first; a ratification of what the arena has done waits for the next
ordinary sitting.

Everything here is per body and per day, the same in every run: nothing loops over runs.

Examples
--------
>>> import datetime as dt
>>> s = Sittings(
...     scheduled=np.array([False, True]), every=np.array([0, 7]), every_from=np.array([0, 2]),
...     dates=((), (30,)), has_meets=np.array([False, True]), calendar=(),
... )
>>> s.sits(0, 5), s.sits(1, 5), s.sits(1, 9)
(True, False, True)
>>> s.next_sitting(1, 10), s.opening_day(1, 10, notice=3, ordinary=False)
(16, 13)
>>> s.opening_day(1, 10, notice=3, ordinary=True), s.opening_day(0, 10, notice=3, ordinary=True)
(16, 13)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from politburo.arrays import Bools, Ints

if TYPE_CHECKING:
    from politburo.scenario.schema import ScenarioModel

__all__ = ["NO_SITTING", "Sittings", "compile_sittings"]

NO_SITTING = -1
"""Day offset standing for "no sitting is known"."""

LATEST = 32_000
"""Latest day offset a sitting may be looked up to (day columns hold 16-bit integers)."""


@dataclass(frozen=True, eq=False)
class Sittings:
    """The ordinary sittings of every body, as day offsets from the scenario's start.

    ``scheduled[b]``: whether body ``b`` keeps a schedule (else it sits daily);
    ``every[b]``, ``every_from[b]``: a rhythm (every ``every`` days from ``every_from``; 0: none);
    ``dates[b]``: sorted sitting days from the listed dates and the calendar (those outside the
    scenario's period too); ``has_meets[b]``: whether the body states a schedule in ``meets``;
    ``calendar``: the calendar's sittings as (id, body, first day, last day).
    """

    scheduled: Bools
    every: Ints
    every_from: Ints
    dates: tuple[tuple[int, ...], ...]
    has_meets: Bools
    calendar: tuple[tuple[str, int, int, int], ...]

    def next_sitting(self, body: int, day: int) -> int:
        """The first day on or after ``day`` on which ``body`` sits, or :data:`NO_SITTING`."""
        if not self.scheduled[body]:
            return day
        found = [d for d in self.dates[body] if d >= day][:1]
        step = int(self.every[body])
        if step > 0:
            first = int(self.every_from[body])
            found.append(first if day <= first else first + -(-(day - first) // step) * step)
        best = min(found, default=NO_SITTING)
        return best if best <= LATEST else NO_SITTING

    def sits(self, body: int, day: int) -> bool:
        """Whether ``body`` sits in ordinary session on ``day``."""
        return self.next_sitting(body, day) == day

    def opening_day(self, body: int, day: int, *, notice: int, ordinary: bool) -> int:
        """The day a body convened on ``day`` first sits: after ``notice`` days, or at its
        next ordinary sitting if that comes first; only at that sitting if ``ordinary`` (a
        ratification); :data:`NO_SITTING` if none is known. A daily body: after notice."""
        if not self.scheduled[body]:
            return day + notice
        regular = self.next_sitting(body, day)
        if ordinary:
            return regular
        return day + notice if regular == NO_SITTING else min(regular, day + notice)

    def facts(self, body: int, body_id: str, day: int) -> list[str]:
        """The scenario's paths that make ``body`` (id ``body_id``) sit on ``day``: its
        schedule and its calendar sittings of that day (all of them if none is); none for a
        body that sits daily."""
        if not self.scheduled[body]:
            return []
        own = [(ident, lo, hi) for ident, b, lo, hi in self.calendar if b == body]
        today = [f"calendar/{ident}" for ident, lo, hi in own if lo <= day <= hi]
        entries = today or [f"calendar/{ident}" for ident, _, _ in own]
        return ([f"bodies/{body_id}/meets"] if self.has_meets[body] else []) + entries


def compile_sittings(model: ScenarioModel, bodies: dict[str, int]) -> Sittings:
    """The sittings of every body of ``model`` (``bodies``: body ids to indices)."""
    n = len(model.bodies)
    start = model.start
    scheduled = np.zeros(n, dtype=bool)
    has_meets = np.zeros(n, dtype=bool)
    every = np.zeros(n, dtype=np.int64)
    every_from = np.zeros(n, dtype=np.int64)
    dates: list[set[int]] = [set() for _ in range(n)]
    for b, body in enumerate(model.bodies):
        meets = body.meets
        if meets is None:
            continue
        scheduled[b] = has_meets[b] = True
        dates[b].update(_offset(start, d) for d in meets.dates)
        if meets.every is not None and meets.start is not None:
            every[b] = meets.every
            every_from[b] = _offset(start, meets.start)
    calendar: list[tuple[str, int, int, int]] = []
    for event in model.calendar:
        if not event.is_sitting or event.body not in bodies:
            continue
        b = bodies[event.body]
        lo, hi = _offset(start, event.start), _offset(start, event.end)
        calendar.append((event.id, b, lo, hi))
        scheduled[b] = True
        dates[b].update(range(lo, hi + 1))
    return Sittings(
        scheduled=scheduled,
        every=every,
        every_from=every_from,
        dates=tuple(tuple(sorted(d)) for d in dates),
        has_meets=has_meets,
        calendar=tuple(calendar),
    )


def _offset(start: dt.date, day: dt.date) -> int:
    return (day - start).days
