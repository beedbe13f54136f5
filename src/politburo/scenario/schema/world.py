"""Places, issues in dispute, the calendar, the challenge, and the decision-model parameters."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, model_validator

from politburo.scenario.schema.common import MAX_DAYS, Basis, Fact, Id, Model, check_order

__all__ = [
    "SITTING_KINDS",
    "CalendarEvent",
    "Challenge",
    "ChallengeBasis",
    "DecisionModel",
    "Issue",
    "Parameter",
    "Place",
    "Route",
]

EventKind = Literal[
    "trip", "celebration", "meeting", "visit", "conference", "other", "session", "plenum"
]
SITTING_KINDS = ("session", "plenum")
"""Calendar kinds that say when a ``body`` sits."""


class Place(Fact):
    """A location actors can be at."""

    id: Id
    name: str


class Route(Fact):
    """Days of travel between two places, by ordinary means and by a transport resource."""

    between: tuple[Id, Id]
    days: int = Field(ge=0, le=MAX_DAYS)
    days_by_air: int | None = Field(default=None, ge=0, le=MAX_DAYS)


class Issue(Fact):
    """An issue in dispute; positions refer to it by id."""

    id: Id
    name: str
    description: str = ""


class CalendarEvent(Fact):
    """A scheduled event known in advance: a state visit, a celebration, a meeting.

    An event of kind ``session`` or ``plenum`` names the ``body`` that sits on each of its
    days; its date is a judgment whose ``basis`` says whether it was announced before the
    crisis."""

    id: Id
    name: str
    kind: EventKind = "other"
    start: dt.date
    end: dt.date
    place: Id
    participants: list[Id] = Field(default_factory=list)
    body: Id | None = None
    """The body that sits (kinds ``session`` and ``plenum`` only)."""
    basis: Basis | None = None
    """What the date of a sitting rests on (kinds ``session`` and ``plenum`` only)."""

    @model_validator(mode="after")
    def _ordered(self) -> CalendarEvent:
        check_order(self.start, self.end)
        return self

    @property
    def is_sitting(self) -> bool:
        """Whether the event says when a body sits."""
        return self.kind in SITTING_KINDS


class ChallengeBasis(Model):
    """The basis (``before``, ``course``, ``outcome``) of each judgment of a challenge: the strike
    ``window``, the ``deadline_days``, ``take_chair``, ``chair_to``, ``successor``,
    ``associates``, ``landing_posts`` and ``opening``. A judgment not named is *unstated*."""

    window: Basis | None = None
    deadline_days: Basis | None = None
    take_chair: Basis | None = None
    chair_to: Basis | None = None
    successor: Basis | None = None
    associates: Basis | None = None
    landing_posts: Basis | None = None
    opening: Basis | None = None


class Challenge(Fact):
    """A planned move against an office holder, as the challengers intended it.

    ``leaders`` plot to have ``arena`` (a body) remove ``target`` from ``office``. They may
    strike on any day of ``window``; ``deadline_days`` is how long they mean to keep the fight
    inside the arena before presenting a fait accompli. This states intentions, not results.
    """

    id: Id
    leaders: list[Id] = Field(min_length=1)
    target: Id
    office: Id
    arena: Id
    window_start: dt.date
    window_end: dt.date
    deadline_days: int = Field(default=3, ge=1, le=MAX_DAYS)
    take_chair: bool = True
    chair_to: Id | None = None
    """Whom the challengers mean to put in the arena's chair; default: the first leader present."""
    successor: Id | None = None
    """Whom the challengers mean to put in ``office``; default: the office stays vacant."""
    associates: list[Id] = Field(default_factory=list)
    """The target's associates whom the challengers mean to remove from the arena with him,
    on one vote of the body that removes him or ratifies his removal; default: none."""
    basis: ChallengeBasis = Field(default_factory=ChallengeBasis)
    """What each of the challenge's judgments rests on."""
    candidates: list[Id] = Field(default_factory=list)
    """Under a ballot rule of the arena: who stands against the target at the first round
    (declared candidates); default: the first leader."""
    call: Literal["majority", "declared", "incumbent", "escalate"] = "majority"
    """Who brings the question on: ``majority``, the challengers, on the window's day of
    their best expected share, and only with an expected majority; ``declared``, the
    challengers on that day whatever they expect (a declared challenge); ``incumbent``, as
    ``majority``, and when the challengers expect none, the target calls the vote himself on
    the day they expect least, to settle it; ``escalate``, as ``majority``, and when the
    challengers expect none in the arena but a majority of the higher body, they take the
    fight there: on the first sitting of the arena in the window they move that the higher
    body be convened (the arena needs a ``convene`` power over it)."""
    opening: Literal["demand", "force"] = "demand"
    """How the challengers open on the strike day: ``demand``, by moving the target's removal
    in the arena; ``force``, by having him seized first, without a demand or a vote: the order
    is the leaders' (a majority of those free at the seat back force) and that of the holder of
    the coercion resource on their side at the seat, not the arena's; the arena meets after
    (docs/model.md, "Force as the first move"). Needs a coercion resource in the scenario."""
    landing_posts: list[Id] | None = None
    """Offices the winners may move a defeated target to (a lesser post), mildest sanction
    first. Present (even empty): the target's sanction follows his conduct like everyone
    else's, and a target who gives in accepts the verdict in public. Absent: as before, a
    target the higher body condemns is graded as a ringleader who never recants."""

    @model_validator(mode="after")
    def _ordered(self) -> Challenge:
        if self.window_end < self.window_start:
            raise ValueError("window_end is before window_start")
        return self


class Parameter(Fact):
    """A decision-model parameter with its value and where the value comes from."""

    value: float
    low: float | None = None
    high: float | None = None
    calibrated: str | None = None


class DecisionModel(Model):
    """Which decision model drives the actors, and its parameters by name.

    ``calibration`` says where the parameters that ``parameters`` does not set come from:
    ``engine``, the model's joint calibration against the records of the bundled scenarios
    (its command, seed, scenarios and score are recorded once, with the values, in the
    engine; see docs/model.md); ``priors``, the model's documented priors.
    """

    name: Id = "default"
    calibration: Literal["engine", "priors"] = "engine"
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    options: dict[str, Any] = Field(default_factory=dict)
