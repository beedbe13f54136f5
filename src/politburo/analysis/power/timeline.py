"""Every member's power in a body on every day of a scenario.

As members leave for a state visit or fly back for a plenum, the game of the body changes and
so does each member's power. :func:`power_by_day` computes the chosen index for each day (each
distinct game once) and returns a :class:`PowerTimeline`: a members-by-days table, with the
weights and presence behind it, that flattens to records for JSON or CSV.

Absent members have power zero that day. A day on which no voting member is present, or those
present cannot reach the quota, has no game: its values are NaN and its quota ``None``.

Examples
--------
>>> from politburo.scenario import load_scenario
>>> june = load_scenario("june-1957")
>>> timeline = power_by_day(june, "presidium", index="shapley")
>>> timeline.values.shape == (len(timeline.members), len(june.days()))
True
>>> bool(abs(timeline.values[:, 17].sum() - 1) < 1e-12)  # 18 June
True

>>> group_members(("molotov", "cc[1]", "cc[2]", "cc[3]"))
[('molotov', [0]), ('cc', [1, 2, 3])]

References
----------
.. [1] Banzhaf, J. F. (1965). Weighted voting doesn't work: a mathematical analysis. *Rutgers
   Law Review* 19, 317-343.
.. [2] Shapley, L. S. and Shubik, M. (1954). A method for evaluating the distribution of power
   in a committee system. *American Political Science Review* 48, 787-792.
.. [3] Felsenthal, D. S. and Machover, M. (1998). *The Measurement of Voting Power*. Edward
   Elgar.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from politburo.analysis.power.indices import IndexName, PowerIndex, power_index
from politburo.analysis.power.scenario_games import as_scenario, body_game
from politburo.errors import PolitburoError, Problem
from politburo.scenario.dates import parse_day

if TYPE_CHECKING:
    from politburo.scenario import Scenario
    from politburo.scenario.queries import Whereabouts

__all__ = ["PowerTimeline", "group_members", "power_by_day"]

_BLOC_MEMBER = re.compile(r"^(?P<bloc>.+)\[(?P<k>\d+)\]$")


def group_members(members: Sequence[str]) -> list[tuple[str, list[int]]]:
    """Members in order, the ``bloc[1]``, ``bloc[2]``, ... of one bloc gathered under ``bloc``.

    Returns ``(label, positions)`` pairs; a named member is its own group.
    """
    groups: dict[str, list[int]] = {}
    for i, name in enumerate(members):
        match = _BLOC_MEMBER.match(name)
        groups.setdefault(match["bloc"] if match else name, []).append(i)
    return list(groups.items())


@dataclass(frozen=True)
class PowerTimeline:
    """A power index of each member of a body on each day.

    Attributes
    ----------
    scenario, body, index
        What was measured.
    days
        The days, in order.
    members
        Every member that is a player on at least one day, in order of first appearance.
    values
        Array ``(members, days)``: the index; 0 when absent; NaN on a day with no game.
    weights
        Array ``(members, days)``: votes held when present, else 0.
    present
        Array ``(members, days)`` of booleans.
    quotas
        Quota of each day, ``None`` when the body cannot decide.
    exact
        Whether every day was computed with exact integers.
    max_abs_error
        Bound on the error of every value.
    """

    scenario: str
    body: str
    index: IndexName
    days: tuple[dt.date, ...]
    members: tuple[str, ...]
    values: npt.NDArray[np.float64]
    weights: npt.NDArray[np.int64]
    present: npt.NDArray[np.bool_]
    quotas: tuple[int | None, ...]
    exact: bool
    max_abs_error: float

    def value(self, member: str, day: dt.date | str) -> float:
        """The index of ``member`` on ``day``."""
        if member not in self.members:
            raise PolitburoError(Problem(f"{member!r} is not a member of {self.body!r}"))
        when = parse_day(day)
        if when not in self.days:
            raise PolitburoError(Problem(f"{when} is not a day of the timeline", field="date"))
        return float(self.values[self.members.index(member), self.days.index(when)])

    def records(self) -> Iterator[dict[str, Any]]:
        """One record per day and member: day, member, weight, present, value (None if NaN)."""
        for j, day in enumerate(self.days):
            for i, member in enumerate(self.members):
                value = float(self.values[i, j])
                yield {
                    "day": day.isoformat(),
                    "member": member,
                    "weight": int(self.weights[i, j]),
                    "present": bool(self.present[i, j]),
                    "value": None if math.isnan(value) else value,
                }


def power_by_day(
    scenario: Scenario | str | Path,
    body: str,
    *,
    index: str = "banzhaf",
    days: Sequence[dt.date | str] | None = None,
    exact: bool | None = None,
    whereabouts: Whereabouts | None = None,
) -> PowerTimeline:
    """The chosen index of every member of ``body`` on each day (all days by default), with
    the members present by ``whereabouts`` (default: the scenario's schedule).

    Raises
    ------
    PolitburoError
        For an unknown body or index, a day outside the scenario, or when the body has no game
        on any day.
    """
    from politburo.scenario.queries import body_of

    loaded = as_scenario(scenario)
    body_of(loaded, body)
    chosen = tuple(parse_day(d) for d in days) if days is not None else tuple(loaded.days())
    start, end = loaded.model.start, loaded.model.end
    outside = [d for d in chosen if not start <= d <= end]
    if outside:
        raise PolitburoError(
            [
                Problem(f"date {d} is outside the scenario ({start} to {end})", field="date")
                for d in outside
            ]
        )
    cache: dict[tuple[tuple[str, ...], tuple[int, ...], int], PowerIndex] = {}
    per_day: list[PowerIndex | None] = []
    away: list[str] = []  # voting members away, so that one away every day still has a row
    for day in chosen:
        try:
            played = body_game(loaded, body, day, whereabouts)
        except PolitburoError:
            per_day.append(None)
            continue
        game = played.game
        away += played.absent
        key = (game.players, game.weights, game.quota)
        if key not in cache:
            cache[key] = power_index(game, index, exact=exact)
        per_day.append(cache[key])
    results = [r for r in per_day if r is not None]
    if not results:
        raise PolitburoError(
            Problem(f"{body!r} has no voting member present on any day asked", field="body")
        )
    members = tuple(dict.fromkeys([*(p for r in results for p in r.players), *away]))
    row = {m: i for i, m in enumerate(members)}
    shape = (len(members), len(chosen))
    values = np.zeros(shape)
    weights = np.zeros(shape, dtype=np.int64)
    present = np.zeros(shape, dtype=np.bool_)
    for j, result in enumerate(per_day):
        if result is None:
            values[:, j] = np.nan
            continue
        for name, weight, value in zip(
            result.players, result.game.weights, result.values, strict=True
        ):
            values[row[name], j] = value
            weights[row[name], j] = weight
            present[row[name], j] = True
    return PowerTimeline(
        scenario=loaded.id,
        body=body,
        index=results[0].index,
        days=chosen,
        members=members,
        values=values,
        weights=weights,
        present=present,
        quotas=tuple(r.game.quota if r else None for r in per_day),
        exact=all(r.exact for r in results),
        max_abs_error=max(r.max_abs_error for r in results),
    )
