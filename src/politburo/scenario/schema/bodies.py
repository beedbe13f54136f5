"""Bodies, their ranks, decision rules and powers; offices and their resources."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic.config import JsonDict

from politburo.scenario.schema.ballots import BallotRule
from politburo.scenario.schema.common import (
    MAX_COUNT,
    MAX_DAYS,
    Fact,
    Id,
    Judged,
    Model,
    Weight,
)

__all__ = [
    "Body",
    "ConveningRule",
    "Counsel",
    "DecisionRule",
    "Office",
    "Power",
    "Rank",
    "Resource",
    "Schedule",
]

MotionKind = Literal[
    "chair", "remove", "appoint", "convene", "receive", "expel", "reprimand", "resolve"
]
ResourceKind = Literal["coercion", "transport", "communication"]


DEPRECATED: JsonDict = {"deprecated": True}
"""JSON Schema mark of a field kept only so that old scenario files still load."""


class Rank(Model):
    """A kind of seat in a body and whether its holders vote.

    Every member of a body present at its seat attends its meetings and may speak; only
    ranks with ``vote`` vote. ``speak`` and ``attend`` are deprecated: the engine never read
    them, so ``true`` (what it always did) is accepted with a notice from ``check``, and
    ``false``, which it cannot honour, is an error.
    """

    id: Id
    vote: bool
    speak: bool | None = Field(default=None, json_schema_extra=DEPRECATED)
    attend: bool | None = Field(default=None, json_schema_extra=DEPRECATED)

    @field_validator("speak", "attend")
    @classmethod
    def _no_effect(cls, value: bool | None) -> bool | None:
        if value is False:
            raise ValueError(
                "this field is deprecated and 'false' was never honoured: every member present "
                "attends and may speak, and only ranks with 'vote: true' vote; delete the line "
                "(a rank that may not attend or speak is not supported)"
            )
        return value


class DecisionRule(Fact):
    """How a body decides: more than ``threshold`` of the votes of those ``of`` counted.

    ``of: present`` counts the voting members present; ``of: members`` counts all voting
    members. ``quorum`` is the share of voting members who must be present.
    """

    threshold: Weight = 0.5
    of: Literal["present", "members"] = "present"
    quorum: Weight = 0.5

    def votes_needed(self, voters: int, present: int) -> int:
        """Smallest number of yes votes that carries a motion."""
        base = present if self.of == "present" else voters
        return int(base * self.threshold) + 1

    def quorate(self, voters: int, present: int) -> bool:
        """Whether ``present`` of ``voters`` voting members make a quorum."""
        return present >= voters * self.quorum


class Power(Fact):
    """A motion a body may decide: ``remove`` or ``appoint`` to ``office``, ``convene`` a
    ``body``, take the ``chair``, ``receive`` a delegation, ``expel`` from or ``reprimand`` in
    ``body``, ``resolve`` a resolution with sanctions.
    """

    motion: MotionKind
    office: Id | None = None
    body: Id | None = None

    @model_validator(mode="after")
    def _target(self) -> Power:
        if self.motion in ("remove", "appoint") and self.office is None:
            raise ValueError(f"a {self.motion} power names the office")
        if self.motion in ("convene", "expel") and self.body is None:
            raise ValueError(f"a {self.motion} power names the body")
        return self


class ConveningRule(Fact):
    """Who may convene a body: another ``body`` by decision, or a ``petition`` of at least
    ``petition_share`` of its members (which then forces a meeting of ``body`` to decide)."""

    body: Id | None = None
    petition_share: Weight | None = None

    @model_validator(mode="after")
    def _one_way(self) -> ConveningRule:
        if self.body is None and self.petition_share is None:
            raise ValueError("a convening rule names a body, a petition share, or both")
        return self


class Schedule(Judged):
    """When a body sits in ordinary session: every ``every`` days from ``start``, and/or on
    the listed ``dates`` (an empty list: no ordinary sitting is known; the body meets only
    when convened). A judgment with a ``basis``: a date announced before the crisis is
    known ``before`` it."""

    every: int | None = Field(default=None, ge=1, le=MAX_DAYS)
    start: dt.date | None = None
    dates: list[dt.date] = Field(default_factory=list)

    @model_validator(mode="after")
    def _rhythm(self) -> Schedule:
        if (self.every is None) != (self.start is None):
            raise ValueError("a schedule gives 'every' (days) and 'start' together")
        return self


class Counsel(Fact):
    """The body's members counsel the holder of ``office``: while he stands in a ballot for it
    that is not decided, on a day he is at the body's seat, each member present tells him
    whether to go, and he gives up the contest if enough of them say so (docs/model.md,
    "Counsel")."""

    office: Id


class Body(Fact):
    """A collective body: a presidium, a secretariat, a central committee, a cabinet."""

    id: Id
    name: str
    seat: Id
    ranks: list[Rank] = Field(min_length=1)
    rule: DecisionRule
    powers: list[Power] = Field(default_factory=list)
    convened_by: list[ConveningRule] = Field(default_factory=list)
    chair: Id | None = None
    sits_in_permanence: bool = False
    notice_days: int = Field(default=1, ge=0, le=MAX_DAYS)
    """Days between the decision to convene the body and its first sitting."""
    meets: Schedule | None = None
    """When the body sits in ordinary session: a :class:`Schedule`; absent (or ``daily``),
    every day, unless the calendar's ``session`` and ``plenum`` entries for the body say
    when it sits (they add to a schedule)."""

    @field_validator(
        "meets", mode="before", json_schema_input_type=Schedule | Literal["daily"] | None
    )
    @classmethod
    def _daily(cls, value: object) -> object:
        return None if value == "daily" else value

    ballots: list[BallotRule] = Field(default_factory=list)
    """How the body elects the holders of offices by ballot (none: by its ``rule`` alone)."""
    counsel: list[Counsel] = Field(default_factory=list)
    """The offices whose holders the members counsel when they face a ballot (none: as before,
    the body tells nobody to go)."""
    deadlock: Literal["refer"] | None = None
    """What the body does with a question neither side holds a majority on at the
    challengers' deadline: ``refer``, it refers the question to the body it may convene (the
    higher body is convened, without a vote); absent, as before: a body that keeps a schedule
    adjourns the question to its next sitting, and in one that sits daily the challengers'
    move collapses."""

    def rank(self, rank_id: str) -> Rank | None:
        """The rank with id ``rank_id``, if the body has it."""
        return next((r for r in self.ranks if r.id == rank_id), None)


class Resource(Fact):
    """Something an office commands: guards (coercion), aircraft (transport), the
    apparatus's lines to members (communication). ``capacity`` is people per day.

    A coercion resource may name its ``commanders`` (actors, senior first), who carry out an
    order to use it: then it is a unit with loyalties of its own, which obeys either side's
    holder only if its senior commander at the place of action backs that side's force,
    defends against the other side, and may hold an absent target where its commander is.
    ``strength`` weighs it against the units defending the place (an attack succeeds only if
    it is stronger). Without ``commanders``, as before: the challengers' instrument at the
    seat, carried out by its holder."""

    id: Id
    name: str
    kind: ResourceKind
    capacity: int = Field(default=0, ge=0, le=MAX_COUNT)
    commanders: list[Id] = Field(default_factory=list)
    strength: int = Field(default=1, ge=1, le=MAX_COUNT)


class Office(Fact):
    """A post that actors hold, and the resources it commands."""

    id: Id
    name: str
    body: Id | None = None
    resources: list[Resource] = Field(default_factory=list)
    standing: Weight = 0.0
    """How conspicuous the office is (0-1): removing its holder shows the struggle to the
    public, so a victor hesitates to sanction him."""
