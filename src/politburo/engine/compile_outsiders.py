"""Actors outside the bodies as numbers by day: what members expect of the balance because of
them, and what they add to the cost of force (see docs/model.md, "Actors outside the bodies").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from politburo.arrays import Floats
from politburo.scenario.schema import ScenarioModel
from politburo.scenario.schema.outsiders import STANCES

__all__ = ["Announcement", "OutsideDays", "compile_announcements", "compile_outside"]


@dataclass(frozen=True)
class Announcement:
    """A stance made known: on day offset ``day``, outsider ``outsider`` (its position in the
    scenario's list) backs ``side`` (-1 the target, 0 neither, +1 the challengers) of the
    challenges ``challenges`` (indices), at place ``place`` (-1: not said)."""

    day: int
    outsider: int
    stance: int
    side: int
    challenges: tuple[int, ...]
    place: int


@dataclass(frozen=True, eq=False)
class OutsideDays:
    """For one challenge, by day offset (D,): ``shift``, the move of the expected balance
    toward the challengers (negative: toward the target) that the known stances of patrons,
    foreign parties and followings make, in [-1, 1]; ``restraint``, the known crowds' net
    weight against force (the weights of those backing the target less those backing the
    challengers), at most 1, which divides the threshold for backing force by
    ``1 - restraint``. Empty arrays: no outsider, zero every day."""

    shift: Floats
    restraint: Floats

    def shift_on(self, day: int) -> float:
        """The shift of the expected balance on day offset ``day``."""
        return float(self.shift[min(max(day, 0), len(self.shift) - 1)]) if len(self.shift) else 0.0

    def restraint_on(self, day: int) -> float:
        """The known crowds' net weight against force on day offset ``day``."""
        if not len(self.restraint):
            return 0.0
        return float(self.restraint[min(max(day, 0), len(self.restraint) - 1)])


NONE = OutsideDays(np.zeros(0), np.zeros(0))
"""No outsider: nothing shifts, nothing restrains."""


def _day(model: ScenarioModel, known: dt.date | None) -> int:
    """The day offset a stance is known from (0 for a stance known from the start)."""
    if known is None:
        return 0
    return max((known - model.start).days, 0)


def compile_outside(model: ScenarioModel, challenge: int) -> OutsideDays:
    """The shift and restraint of each day for challenge ``challenge``: each outsider's
    stance toward it on a day is the last made known on or before that day (a stance naming
    the challenge, or naming none), weighted by the outsider's ``weight``."""
    if not model.outsiders:
        return NONE
    n_days = (model.end - model.start).days + 1
    ch_id = model.challenges[challenge].id
    shift = np.zeros(n_days)
    restraint = np.zeros(n_days)
    for outsider in model.outsiders:
        side = np.zeros(n_days)
        mine = [s for s in outsider.stances if s.challenge in (None, ch_id)]
        for st in sorted(mine, key=lambda s: _day(model, s.known)):  # stable: list order on ties
            side[_day(model, st.known) :] = STANCES[st.stance]
        if outsider.kind == "crowd":
            restraint -= outsider.weight * side
        else:
            shift += outsider.weight * side
    return OutsideDays(np.clip(shift, -1.0, 1.0), np.clip(restraint, -1.0, 1.0))


def compile_announcements(model: ScenarioModel, places: dict[str, int]) -> tuple[Announcement, ...]:
    """Every stance made known within the scenario's period, by day (list order on ties)."""
    n_days = (model.end - model.start).days + 1
    challenges = {c.id: k for k, c in enumerate(model.challenges)}
    found = []
    for i, outsider in enumerate(model.outsiders):
        for k, st in enumerate(outsider.stances):
            day = _day(model, st.known)
            if day >= n_days:
                continue
            if st.challenge is None:
                concerns = tuple(range(len(model.challenges)))
            elif st.challenge in challenges:
                concerns = (challenges[st.challenge],)
            else:
                continue
            side = STANCES[st.stance]
            found.append(Announcement(day, i, k, side, concerns, places.get(st.at or "", -1)))
    return tuple(sorted(found, key=lambda a: a.day))
