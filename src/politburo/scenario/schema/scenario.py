"""The root of a scenario: every section in one validated model."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from politburo.scenario.schema.actors import Actor, Group
from politburo.scenario.schema.bodies import Body, Office
from politburo.scenario.schema.common import MAX_DAYS, Id, Model, check_order
from politburo.scenario.schema.edits import Contested
from politburo.scenario.schema.outsiders import Outsider
from politburo.scenario.schema.record import Target
from politburo.scenario.schema.sources import Source
from politburo.scenario.schema.world import (
    CalendarEvent,
    Challenge,
    DecisionModel,
    Issue,
    Place,
    Route,
)

__all__ = ["SECTIONS", "ScenarioModel"]


class ScenarioModel(Model):
    """A whole scenario. Its sections may be spread over several YAML files in one folder."""

    id: Id
    title: str
    description: str = ""
    start: dt.date
    end: dt.date
    sources: list[Source] = Field(min_length=1)
    places: list[Place] = Field(min_length=1)
    routes: list[Route] = Field(default_factory=list)
    issues: list[Issue] = Field(default_factory=list)
    offices: list[Office] = Field(default_factory=list)
    bodies: list[Body] = Field(min_length=1)
    actors: list[Actor] = Field(min_length=1)
    groups: list[Group] = Field(default_factory=list)
    calendar: list[CalendarEvent] = Field(default_factory=list)
    challenges: list[Challenge] = Field(default_factory=list)
    outsiders: list[Outsider] = Field(default_factory=list)
    """Actors outside the bodies whose stances enter members' expectations (absent: none)."""
    model: DecisionModel = Field(default_factory=DecisionModel)
    contested: list[Contested] = Field(default_factory=list)
    record: list[Target] = Field(default_factory=list)
    format: Literal[1, 2] = 1
    """The version of the format the file is written in (absent: 1). In format 1 a trait an
    actor does not state is 0; in format 2 it is the neutral value of a trait, 0.5 (see
    :mod:`politburo.scenario.formats`)."""

    @model_validator(mode="after")
    def _ordered(self) -> ScenarioModel:
        check_order(self.start, self.end)
        if (self.end - self.start).days > MAX_DAYS:
            raise ValueError(
                f"the scenario spans {(self.end - self.start).days} days; at most {MAX_DAYS}"
            )
        return self


SECTIONS: tuple[str, ...] = tuple(ScenarioModel.model_fields)
"""Top-level keys a scenario file may hold."""
