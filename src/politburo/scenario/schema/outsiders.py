"""Actors outside the bodies: a patron state, a foreign party, a leader's following, a crowd.

They hold no seat and cast no vote; what they do is take a stance toward a challenge, which
members come to know on a date (see docs/model.md, "Actors outside the bodies").
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from politburo.scenario.schema.common import Fact, Id, Judged, Weight

__all__ = ["OUTSIDER_KINDS", "STANCES", "Outsider", "OutsiderStance"]

OUTSIDER_KINDS = ("patron", "party", "following", "crowd")
"""Kinds of outsiders: a patron state, a foreign party (its leader), a leader outside the
bodies with his own following, and a crowd in the streets."""

STANCES: dict[str, int] = {"target": -1, "withholds": 0, "challengers": 1}
"""An outsider's stance toward a challenge, as a side (-1 the target's, +1 the challengers')."""


class OutsiderStance(Judged):
    """What an outsider is known to want of a challenge, from ``known`` on (absent: from the
    scenario's start), made known at the place ``at`` (optional; told in the replay)."""

    stance: Literal["target", "challengers", "withholds"]
    """Backs the target, backs the challengers, or withholds its backing from both."""
    known: dt.date | None = None
    challenge: Id | None = None
    """The challenge the stance concerns; absent: every challenge of the scenario."""
    at: Id | None = None


class Outsider(Fact):
    """An actor outside the bodies, whose stance enters members' expectations.

    ``weight`` (0 to 1) is how far the outsider's stance moves what members expect the
    winning side to be (for a crowd: how much it raises the cost of force), a cited judgment.
    """

    id: Id
    name: str
    kind: Literal["patron", "party", "following", "crowd"]
    weight: Weight
    stances: list[OutsiderStance] = Field(default_factory=list)
