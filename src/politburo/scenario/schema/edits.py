"""Declarative edits of a scenario: the language of contested versions and interventions.

An edit addresses a place in the scenario's data by a path whose segments are keys of
mappings, or ids of items in lists of records (``actors/suslov/itinerary``), or list
positions; it then sets, appends to, or removes what is there. Edited data is validated
again like any scenario.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from politburo.scenario.schema.common import Fact, Id, Model, Weight

__all__ = ["Contested", "Edit", "Stance", "Version"]


class Edit(Model):
    """One change: ``set`` ``value`` at ``path``, ``append`` it to the list there, or
    ``remove`` what is there."""

    op: Literal["set", "append", "remove"]
    path: str = Field(min_length=1)
    value: Any = None


Stance = Literal["asserts", "reports", "rumour", "disbelieves"]
"""How the cited source itself judges a version's claim: it ``asserts`` it as its own
finding, ``reports`` it from others, passes it on as a ``rumour``, or ``disbelieves`` it."""


class Version(Fact):
    """One account of a contested fact and the edits that make the scenario follow it.

    The scenario's own data is the version whose ``edits`` are empty. ``probability`` may be
    given; otherwise it follows from the reliability grades of the cited sources and the
    ``stance`` the sources take to the claim (unstated: the grades alone).
    """

    id: Id
    account: str
    edits: list[Edit] = Field(default_factory=list)
    probability: Weight | None = None
    stance: Stance | None = None


class Contested(Model):
    """A fact on which sources disagree, with each version cited."""

    id: Id
    about: str
    versions: list[Version] = Field(min_length=2)
