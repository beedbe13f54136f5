"""Versions of the scenario format, and what an unstated trait means in each.

A scenario names its format at the top level (``format: 2``); a file without it is format 1,
the format's meaning before versions existed. The versions differ in one thing:

* **format 1**: a trait an actor does not state is 0 (a target with no stated ``resolve``
  gives in at once; no stated ``commitment`` holds nobody to his side);
* **format 2**: a trait an actor does not state takes the documented neutral value of a
  trait (:data:`politburo.scenario.basis.NEUTRAL`, 0.5, the middle of the scale).

``politburo check`` warns about a format-1 file whose principals leave traits unset, and
``politburo migrate`` (:mod:`politburo.scenario.migrate`) rewrites a file to format 2 without
changing its meaning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, get_args

from politburo.errors import Problem
from politburo.scenario.basis import NEUTRAL
from politburo.scenario.bundled import BUNDLED_DIR
from politburo.scenario.schema.actors import DEPRECATED_TRAITS, TraitName

if TYPE_CHECKING:
    from politburo.scenario.loading import Scenario
    from politburo.scenario.schema.actors import Actor

__all__ = [
    "CURRENT_FORMAT",
    "FORMATS",
    "READ_TRAITS",
    "format_warnings",
    "unset_trait_value",
    "unset_traits",
]

FORMATS: tuple[int, ...] = (1, 2)
"""The versions of the format this package reads."""

CURRENT_FORMAT = FORMATS[-1]
"""The version ``politburo migrate`` writes."""

READ_TRAITS: tuple[str, ...] = tuple(t for t in get_args(TraitName) if t not in DEPRECATED_TRAITS)
"""The traits a mechanism reads, in the order of the engine's trait columns."""


def unset_trait_value(version: int) -> float:
    """The value of a trait an actor does not state, in format ``version``.

    >>> unset_trait_value(1), unset_trait_value(2)
    (0.0, 0.5)
    """
    if version < 2:
        return 0.0
    return float(NEUTRAL["trait"].fields["value"])


def unset_traits(actor: Actor) -> list[str]:
    """The traits of :data:`READ_TRAITS` that ``actor`` does not state, in that order."""
    stated = {t.name for t in actor.traits}
    return [name for name in READ_TRAITS if name not in stated]


def format_warnings(scenario: Scenario) -> list[Problem]:
    """Warnings for a format-1 scenario: each principal of a challenge (target or leader) who
    leaves traits unset, at his line, and one count of the other actors who do."""
    from politburo.scenario.loading import field_name

    model = scenario.model
    if model.format >= 2:
        return []
    bundled = scenario.folder.resolve().parent == BUNDLED_DIR
    where = "<a copy of its folder>" if bundled else str(scenario.folder)
    principals = {c.target for c in model.challenges}
    principals |= {x for c in model.challenges for x in c.leaders}
    found: list[Problem] = []
    others = 0
    for i, actor in enumerate(model.actors):
        unset = unset_traits(actor)
        if not unset:
            continue
        if actor.id not in principals:
            others += 1
            continue
        path = ("actors", i)
        file, line = scenario.marks.locate(path)
        found.append(
            Problem(
                f"format 1: the traits {', '.join(unset)} are unset and mean 0 here "
                f"(format 2 reads an unset trait as {unset_trait_value(2):g}); state them, or "
                f"run `politburo migrate {where}` to write the 0s out and move to format 2",
                file=file,
                line=line,
                field=field_name(path, scenario.raw),
            )
        )
    if others:
        file, line = scenario.marks.locate(("actors",))
        found.append(
            Problem(
                f"format 1: {others} other actors leave traits unset, which mean 0 here; "
                f"`politburo migrate {where}` writes them out and moves the file to format 2",
                file=file,
                line=line,
                field="actors",
            )
        )
    return found
