"""The record: what documented history says happened, as checkable targets.

The engine never reads the record; only fidelity checks compare runs against it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from politburo.scenario.schema.common import MAX_COUNT, Fact, Id

__all__ = [
    "EventTarget",
    "MeetingTarget",
    "MembershipTarget",
    "OfficeTarget",
    "OrderTarget",
    "Target",
    "VoteTarget",
]


class _Target(Fact):
    id: Id
    description: str


class MeetingTarget(_Target):
    """A body met on ``date`` with these members absent, these present, and at least
    ``min_present`` members and bloc members in the room."""

    kind: Literal["meeting"]
    date: dt.date
    body: Id
    absent: list[Id] = Field(default_factory=list)
    present: list[Id] = Field(default_factory=list)
    min_present: int | None = Field(default=None, ge=0, le=MAX_COUNT)


class VoteTarget(_Target):
    """A vote in ``body`` between ``start`` and ``end`` on a motion of ``motion`` kind about
    ``subject``: it ``passed`` or not, with a tally when one is known."""

    kind: Literal["vote"]
    body: Id
    motion: Id
    subject: Id | None = None
    start: dt.date
    end: dt.date
    passed: bool
    yes: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    no: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    abstain: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    unanimous: bool = False


class OfficeTarget(_Target):
    """``actor`` does or does not hold ``office`` on ``date``."""

    kind: Literal["office"]
    date: dt.date
    actor: Id
    office: Id
    held: bool = True


class MembershipTarget(_Target):
    """``actor`` holds ``rank`` in ``body`` on ``date``; ``rank: null`` means no seat."""

    kind: Literal["membership"]
    date: dt.date
    actor: Id
    body: Id
    rank: Id | None


class EventTarget(_Target):
    """An event of the trace (``event`` is a trace event kind) concerning ``actor`` or
    ``body``, happening between ``start`` and ``end`` (each optional)."""

    kind: Literal["event"]
    event: Id
    actor: Id | None = None
    body: Id | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    happens: bool = True


class OrderTarget(_Target):
    """Events of kind ``event`` happen group by group in this order; within a group any
    order. ``never`` lists actors for whom the event must not happen."""

    kind: Literal["order"]
    event: Id
    groups: list[list[Id]] = Field(min_length=1)
    never: list[Id] = Field(default_factory=list)


Target = Annotated[
    MeetingTarget | VoteTarget | OfficeTarget | MembershipTarget | EventTarget | OrderTarget,
    Field(discriminator="kind"),
]
