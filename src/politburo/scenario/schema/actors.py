"""Actors and blocs: who they are, where they are, what they want, whom they owe."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from politburo.scenario.schema.common import MAX_COUNT, Dated, Fact, Id, Judged, Signed, Weight

__all__ = [
    "DEPRECATED_TRAITS",
    "Actor",
    "Disposition",
    "Fear",
    "Grievance",
    "Group",
    "Holding",
    "Membership",
    "Position",
    "Stay",
    "Tie",
    "Trait",
]

TieKind = Literal["patron", "client", "ally", "rival"]
TraitName = Literal["vacillation", "commitment", "opportunism", "resolve", "ambition"]
DEPRECATED_TRAITS = frozenset({"ambition"})
"""Trait names accepted so that old scenario files still load, which no mechanism reads;
``check`` gives a notice for each."""
Side = Literal["incumbent", "challengers"]


class Membership(Dated):
    """A seat in a body with a rank (``full``, ``candidate``, ``secretary``, ...)."""

    body: Id
    rank: Id


class Holding(Dated):
    """An office held over an interval."""

    office: Id


class Tie(Judged):
    """A personal tie to another actor: ``patron`` means the other is this actor's patron."""

    to: Id
    kind: TieKind
    strength: Weight = 0.5


class Position(Judged):
    """A stance on an issue in dispute (-1 to 1) and how much the issue matters (0 to 1)."""

    issue: Id
    stance: Signed
    salience: Weight = 0.5


class Grievance(Judged):
    """A grievance against another actor, such as a demotion, weighted 0 to 1."""

    against: Id
    weight: Weight
    what: str


class Fear(Judged):
    """A fear of what another actor may do, such as being implicated in the purges."""

    of: Id
    weight: Weight
    what: str


class Trait(Judged):
    """A behavioural trait on a 0-1 scale: ``vacillation``, ``commitment``, ``opportunism``
    or ``resolve``. (``ambition`` is deprecated: no mechanism reads it.)"""

    name: TraitName
    value: Weight


class Stay(Dated):
    """Where an actor or bloc is from ``start`` to ``end`` (both required)."""

    place: Id


class Actor(Fact):
    """A named person.

    ``side``, when given, fixes the side the actor takes in every challenge (a counterfactual
    set by an intervention); the decision model then does not choose for this actor.
    """

    id: Id
    name: str
    aliases: list[str] = Field(default_factory=list)
    memberships: list[Membership] = Field(default_factory=list)
    offices: list[Holding] = Field(default_factory=list)
    ties: list[Tie] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    grievances: list[Grievance] = Field(default_factory=list)
    fears: list[Fear] = Field(default_factory=list)
    traits: list[Trait] = Field(default_factory=list)
    itinerary: list[Stay] = Field(default_factory=list)
    side: Side | None = None

    def trait(self, name: str, default: float = 0.0) -> float:
        """Value of trait ``name``, or ``default`` when the scenario does not give it."""
        return next((t.value for t in self.traits if t.name == name), default)


SHARES_TOLERANCE = 0.01
"""How far from 1 the shares of a disposition may sum (rounding in the data)."""


class Disposition(Judged):
    """How the members of a bloc lean: shares that back the incumbent, waver, or oppose."""

    loyal: Weight
    wavering: Weight
    hostile: Weight

    @model_validator(mode="after")
    def _sum_to_one(self) -> Disposition:
        total = self.loyal + self.wavering + self.hostile
        if abs(total - 1.0) > SHARES_TOLERANCE:
            raise ValueError(
                f"the shares loyal + wavering + hostile must sum to 1, not {round(total, 6)}"
            )
        return self


class Group(Fact):
    """Unnamed members of a large body counted as a bloc."""

    id: Id
    name: str
    body: Id
    rank: Id
    count: int = Field(ge=1, le=MAX_COUNT)
    votes_as_one: bool = False
    ties: list[Tie] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    disposition: Disposition
    itinerary: list[Stay] = Field(min_length=1)
