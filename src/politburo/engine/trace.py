"""The trace of one run: every event, day by day, with reasons and the facts behind it.

A :class:`Trace` is built from the event log of a traced batch. Each :class:`TraceEvent`
names its actors, bodies and offices by id, carries the ballots or attendance where it has
them, the terms that moved a decision, and ``facts``: paths of the scenario facts it rests
on, whose citations a reader can quote (see :mod:`politburo.engine.facts`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from politburo.engine.codes import Ballot
from politburo.engine.compile import CompiledScenario
from politburo.engine.events import EVENT_KINDS, EVENTS, MOTIONS, Subject
from politburo.engine.log import EventTable

__all__ = ["BALLOTS", "Trace", "TraceEvent", "build_trace"]

BALLOTS: dict[int, str] = {
    Ballot.YES: "yes",
    Ballot.NO: "no",
    Ballot.ABSTAIN: "abstain",
    Ballot.PRESENT_WITHOUT_VOTE: "no vote",
}
"""Ballot codes as words; absent members are left out."""


@dataclass(frozen=True)
class TraceEvent:
    """One event of a run."""

    day: dt.date
    session: int
    kind: str
    actor: str | None = None
    body: str | None = None
    subject: str | None = None
    motion: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    ballots: dict[str, str] | None = None
    present: list[str] | None = None
    absent: list[str] | None = None
    groups_present: dict[str, int] | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    """The sentence that tells the event, once a report has told it
    (:func:`politburo.analysis.story.tell`); the engine leaves it empty."""

    @property
    def facts(self) -> list[str]:
        """Paths of the scenario facts behind the event."""
        return list(self.detail.get("facts", []))

    def to_json(self) -> dict[str, Any]:
        """The event as JSON-ready data."""
        out: dict[str, Any] = {
            "day": self.day.isoformat(),
            "session": self.session,
            "kind": self.kind,
        }
        if self.text:
            out["text"] = self.text
        for name in (
            "actor",
            "body",
            "subject",
            "motion",
            "ballots",
            "present",
            "absent",
            "groups_present",
        ):
            value = getattr(self, name)
            if value:
                out[name] = value
        if self.counts:
            out["counts"] = dict(self.counts)
        if self.detail:
            out["detail"] = _plain(self.detail)
        return out


@dataclass
class Trace:
    """Every event of one run, and where offices, seats and sanctions ended."""

    scenario: str
    seed: int
    run: int
    start: dt.date
    end: dt.date
    events: list[TraceEvent]
    final: dict[str, Any]

    def by_day(self) -> dict[dt.date, list[TraceEvent]]:
        """Events grouped by day, in order."""
        days: dict[dt.date, list[TraceEvent]] = {}
        for event in self.events:
            days.setdefault(event.day, []).append(event)
        return days

    def of_kind(self, kind: str) -> list[TraceEvent]:
        """Events of one kind."""
        return [e for e in self.events if e.kind == kind]

    def to_json(self) -> dict[str, Any]:
        """The whole trace as JSON-ready data (``json.dumps`` accepts it)."""
        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "run": self.run,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "events": [e.to_json() for e in self.events],
            "final": _plain(self.final),
        }


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def build_trace(
    compiled: CompiledScenario,
    table: EventTable,
    row: int,
    run: int,
    seed: int,
    final: dict[str, Any],
) -> Trace:
    """The trace of batch row ``row`` (run id ``run``) from a finished event table."""
    cols = table.columns
    rows = np.flatnonzero(cols["run"] == row)
    events = [_event(compiled, table, r, EVENT_KINDS[cols["kind"][r]]) for r in rows.tolist()]
    return Trace(
        scenario=compiled.scenario_id,
        seed=seed,
        run=run,
        start=compiled.start,
        end=compiled.end,
        events=events,
        final=final,
    )


def _event(compiled: CompiledScenario, table: EventTable, r: int, kind: str) -> TraceEvent:
    c, cols = compiled, table.columns

    def name(ids: tuple[str, ...], k: int) -> str | None:
        return ids[k] if 0 <= k < len(ids) else None

    event = EVENTS[kind]
    ids = {
        Subject.ACTOR: c.actor_ids,
        Subject.OFFICE: c.office_ids,
        Subject.PLACE: c.place_ids,
        Subject.BODY: c.body_ids,
    }[event.subject]
    subject = name(ids, int(cols["subject"][r]))
    counts = {value: int(cols[column][r]) for value, column in event.columns.items()}
    ballots = present = absent = None
    groups_present = None
    if kind == "vote":
        cast = table.ballots_of(r)
        ballots = {
            c.actor_ids[a]: BALLOTS[int(v)] for a, v in enumerate(cast) if v != Ballot.ABSENT
        }
    k = int(np.searchsorted(table.present_rows, r))
    if (
        kind in ("meeting", "opened")
        and k < len(table.present_rows)
        and (table.present_rows[k] == r)
    ):
        here, groups = table.present_at(r)
        present = [c.actor_ids[a] for a in np.flatnonzero(here)]
        seated = c.member_rank[min(int(cols["day"][r]), c.n_days - 1), int(cols["body"][r])]
        absent = [c.actor_ids[a] for a in np.flatnonzero((seated >= 0) & ~here)]
        groups_present = {c.group_ids[g]: int(n) for g, n in enumerate(groups) if n > 0}
    return TraceEvent(
        day=c.day(int(cols["day"][r])),
        session=int(cols["session"][r]),
        kind=kind,
        actor=name(c.actor_ids, int(cols["actor"][r])),
        body=name(c.body_ids, int(cols["body"][r])),
        subject=subject,
        motion=MOTIONS[int(cols["motion"][r])] or None,
        counts=counts,
        ballots=ballots,
        present=present,
        absent=absent,
        groups_present=groups_present,
        detail=dict(table.details.get(r, {})),
    )
