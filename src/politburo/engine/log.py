"""The event log: every institutional event of every run, recorded vectorised over runs.

Procedures add rows for all the runs an event happens in at once. The log becomes a table of
columns (run, day, session, sequence, kind, actor, body, motion, subject, and the named values
of each kind, see :mod:`politburo.engine.events`) plus ballots and attendance for votes and
meetings. Fidelity checks read this table for any number
of runs; a trace is the same rows of one run, with details kept only when tracing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from politburo.arrays import Ints
from politburo.engine.events import EVENT_KINDS, EVENTS, MOTIONS, VALUE_COLUMNS

__all__ = ["EventLog", "EventTable"]


_POSITIONS = {
    kind.name: {name: VALUE_COLUMNS.index(column) for name, column in kind.columns.items()}
    for kind in EVENTS.values()
}
"""For each kind, where each named value goes among the value columns."""

Detail = Callable[[int], dict[str, Any]]


@dataclass
class EventTable:
    """The finished log: equal-length columns, plus ballots and attendance by row."""

    columns: dict[str, Ints]
    ballot_rows: Ints
    ballots: npt.NDArray[np.int8]
    """(K, A): each actor's ballot in the vote at ``ballot_rows[k]``: 1 yes, -1 no,
    0 abstain, 2 present without a vote, -2 absent or no seat."""
    present_rows: Ints
    present: npt.NDArray[np.bool_]
    group_present: Ints
    details: dict[int, dict[str, Any]]

    def rows(self, kind: str) -> Ints:
        """Row numbers of events of ``kind``."""
        return np.flatnonzero(self.columns["kind"] == EVENT_KINDS.index(kind))

    def values(self, kind: str, name: str, rows: Ints) -> Ints:
        """The named value ``name`` of events of ``kind`` at ``rows``."""
        return self.columns[EVENTS[kind].column(name)][rows]

    def ballots_of(self, row: int) -> npt.NDArray[np.int8]:
        """The ballots of the vote at ``row``."""
        found: npt.NDArray[np.int8] = self.ballots[int(np.searchsorted(self.ballot_rows, row))]
        return found

    def present_at(self, row: int) -> tuple[npt.NDArray[np.bool_], Ints]:
        """Named actors and bloc head counts present at the meeting at ``row``."""
        k = int(np.searchsorted(self.present_rows, row))
        return self.present[k], self.group_present[k]

    def __len__(self) -> int:
        return len(self.columns["run"])


COLUMNS: tuple[str, ...] = (
    "run",
    "day",
    "session",
    "seq",
    "kind",
    "actor",
    "body",
    "motion",
    "subject",
    *VALUE_COLUMNS,
)
"""The columns of :class:`EventTable`, in order."""

Value = int | Ints
"""A column's value for the runs of one event: the same for all, or one per run."""


@dataclass
class EventLog:
    """Collects events during a simulation; :meth:`table` finishes it.

    Each event is kept as the runs it happened in and its values (a number where it is the
    same in every run); the columns are built only when the table is asked for. A batch
    simulated in blocks of runs shares one log: ``offset`` is the batch row of the block's
    first run.
    """

    n_runs: int
    traced: bool
    n_actors: int = 0
    n_groups: int = 0
    offset: int = 0
    _rows: list[Ints] = field(default_factory=list)
    _values: list[tuple[Value, ...]] = field(default_factory=list)
    _ballots: list[tuple[Ints, npt.NDArray[np.int8]]] = field(default_factory=list)
    _present: list[tuple[Ints, npt.NDArray[np.bool_], Ints]] = field(default_factory=list)
    _details: dict[int, dict[str, Any]] = field(default_factory=dict)
    _count: int = 0
    _seq: int = 0

    def add(
        self,
        kind: str,
        runs: npt.NDArray[np.bool_] | Ints,
        day: int,
        session: int,
        *,
        actor: Value = -1,
        body: int = -1,
        motion: str = "",
        subject: Value = -1,
        ballots: npt.NDArray[np.int8] | None = None,
        present: npt.NDArray[np.bool_] | None = None,
        group_present: Ints | None = None,
        detail: Detail | None = None,
        **values: Value,
    ) -> None:
        """Record one event in each run of ``runs`` (a mask or indices over the block).

        ``values`` are the named values of the kind (see :data:`EVENTS`). Per-run values
        (``actor``, ``subject``, named values) are scalars or arrays aligned with the
        selected runs; ``ballots`` and ``present`` are (runs, A) rows aligned likewise;
        ``detail(run)`` is called only when tracing.
        """
        idx = np.flatnonzero(runs) if runs.dtype == np.bool_ else np.asarray(runs)
        n = len(idx)
        if n == 0:
            return
        positions = _POSITIONS[kind]
        stored: list[Value] = [0] * len(VALUE_COLUMNS)
        for name, value in values.items():
            if name not in positions:
                EVENTS[kind].column(name)  # raises: the kind carries no such value
            stored[positions[name]] = _value(value)
        self._seq += 1
        self._rows.append(np.asarray(idx, dtype=np.int64) + self.offset)
        self._values.append(
            (
                day,
                session,
                self._seq,
                EVENT_KINDS.index(kind),
                _value(actor),
                body,
                MOTIONS.index(motion),
                _value(subject),
                *stored,
            )
        )
        start = self._count
        if ballots is not None or present is not None:
            rows = np.arange(start, start + n, dtype=np.int64)
            if ballots is not None:
                self._ballots.append((rows, np.asarray(ballots, dtype=np.int8)))
            if present is not None:
                gp = group_present if group_present is not None else np.zeros((n, self.n_groups))
                self._present.append((rows, present.astype(bool), np.asarray(gp, dtype=np.int64)))
        if detail is not None and self.traced:
            for k in range(n):
                self._details[start + k] = detail(int(idx[k]))
        self._count += n

    def table(self) -> EventTable:
        """The columns of every event, ordered by run, then time, then sequence."""
        lengths = np.array([len(r) for r in self._rows], dtype=np.int64)
        run = np.concatenate(self._rows).astype(np.int64) if self._rows else np.zeros(0, np.int64)
        # A stable sort by run keeps each run's events in the order they happened.
        key = run.astype(np.uint16) if self.n_runs <= 1 << 16 else run
        order = np.argsort(key, kind="stable")
        cols = {"run": run[order]}
        for k, name in enumerate(COLUMNS[1:]):
            cols[name] = _column([v[k] for v in self._values], lengths)[order]
        where = np.empty(len(order), np.int64)
        where[order] = np.arange(len(order))
        b_rows, ballots = self._stack([(r, v) for r, v in self._ballots], self.n_actors)
        p_rows, present = self._stack([(r, v) for r, v, _ in self._present], self.n_actors)
        _, g_present = self._stack([(r, g) for r, _, g in self._present], self.n_groups)
        b_rows, p_rows = where[b_rows], where[p_rows]
        b_order, p_order = np.argsort(b_rows), np.argsort(p_rows)
        return EventTable(
            columns=cols,
            ballot_rows=b_rows[b_order],
            ballots=ballots[b_order].astype(np.int8),
            present_rows=p_rows[p_order],
            present=present[p_order].astype(bool),
            group_present=g_present[p_order].astype(np.int64),
            details={int(where[r]): d for r, d in self._details.items()},
        )

    @staticmethod
    def _stack(
        blocks: list[tuple[Ints, npt.NDArray[Any]]], width: int
    ) -> tuple[Ints, npt.NDArray[Any]]:
        if not blocks:
            return np.zeros(0, np.int64), np.zeros((0, width))
        return (
            np.concatenate([r for r, _ in blocks]),
            np.concatenate([v for _, v in blocks], axis=0),
        )


def _value(value: Value) -> Value:
    """A number, or an array of one value per run."""
    if isinstance(value, np.ndarray) and value.ndim > 0:
        return value
    return int(value)


def _column(values: list[Value], lengths: Ints) -> Ints:
    """One column of the log: each event's value repeated over its runs, or its array."""
    numbers = [v if isinstance(v, int) else 0 for v in values]
    out = np.repeat(np.array(numbers, dtype=np.int64), lengths)
    ends = np.cumsum(lengths)
    for k, v in enumerate(values):
        if not isinstance(v, int):
            out[ends[k] - lengths[k] : ends[k]] = np.asarray(v, dtype=np.int64)
    return out
