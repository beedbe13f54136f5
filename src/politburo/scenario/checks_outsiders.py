"""Checks of the actors outside the bodies (``outsiders``), each problem with file, line and
field. Kept apart from :mod:`politburo.scenario.checks`, which calls :func:`check_outsiders`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from politburo.scenario.schema.scenario import ScenarioModel

__all__ = ["check_outsiders"]

DataPath = tuple[str | int, ...]


def check_outsiders(model: ScenarioModel, report: Callable[[DataPath, str], None]) -> None:
    """Ids unique and apart from the actors' and blocs'; each stance names a known challenge
    and place, is made known within the scenario's period, and no two stances of one outsider
    toward one challenge are made known on the same day."""
    people = {a.id for a in model.actors} | {g.id for g in model.groups}
    challenges = {c.id for c in model.challenges}
    places = {p.id for p in model.places}
    seen: set[str] = set()
    for i, outsider in enumerate(model.outsiders):
        if outsider.id in seen:
            report(("outsiders", i, "id"), f"duplicate id {outsider.id!r}")
        elif outsider.id in people:
            report(
                ("outsiders", i, "id"),
                f"{outsider.id!r} is an actor or bloc; an outsider holds no seat in any body",
            )
        seen.add(outsider.id)
        days: set[tuple[str | None, object]] = set()
        for j, st in enumerate(outsider.stances):
            path: DataPath = ("outsiders", i, "stances", j)
            if st.challenge is not None and st.challenge not in challenges:
                known = ", ".join(sorted(challenges)) or "none"
                report((*path, "challenge"), f"unknown challenge {st.challenge!r}; known: {known}")
            if st.at is not None and st.at not in places:
                report((*path, "at"), f"unknown place {st.at!r}")
            if st.known is not None and not model.start <= st.known <= model.end:
                report(
                    (*path, "known"),
                    f"{st.known} is outside the scenario's period ({model.start} to "
                    f"{model.end}); leave 'known' out for a stance known from the start",
                )
            when = (st.challenge, st.known)
            if when in days:
                report(
                    (*path, "known"),
                    "another stance of this outsider toward the same challenge is made known "
                    "on the same day",
                )
            days.add(when)
