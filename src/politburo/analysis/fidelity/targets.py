"""Whether a run meets a target of the record: one function per kind of target.

Each check reads the event table of a batch (and the compiled scenario for names and the
scheduled seats) and answers, for every run of the batch, whether the target is met. Only
this package reads the record; the engine never does.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from politburo.arrays import Bools as B
from politburo.arrays import Ints
from politburo.engine import Batch, CompiledScenario
from politburo.engine.events import EVENT_KINDS, MOTIONS
from politburo.scenario.schema import (
    EventTarget,
    MeetingTarget,
    MembershipTarget,
    OfficeTarget,
    OrderTarget,
    VoteTarget,
)
from politburo.scenario.schema.record import Target

__all__ = ["evaluate", "known_event"]


def known_event(name: str) -> bool:
    """Whether the engine records events of kind ``name``."""
    return name in EVENT_KINDS


def _rows(batch: Batch, kind: str) -> Ints:
    cols = batch.events.columns
    if kind not in EVENT_KINDS:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(cols["kind"] == EVENT_KINDS.index(kind))


def _idx(ids: tuple[str, ...], value: str | None) -> int:
    if value is None:
        return -1
    return ids.index(value) if value in ids else -2


def _meeting(batch: Batch, c: CompiledScenario, t: MeetingTarget) -> B:
    cols, table = batch.events.columns, batch.events
    met = np.zeros(len(batch), dtype=bool)
    body, day = _idx(c.body_ids, t.body), c.offset(t.date)
    absent = [c.actor_index[x] for x in t.absent if x in c.actor_index]
    present = [c.actor_index[x] for x in t.present if x in c.actor_index]
    for r in _rows(batch, "meeting").tolist():
        if cols["body"][r] != body or cols["day"][r] != day:
            continue
        here, groups = table.present_at(r)
        ok = not here[absent].any() and bool(here[present].all())
        if t.min_present is not None:
            ok &= int(here.sum() + groups.sum()) >= t.min_present
        met[cols["run"][r]] |= ok
    return met


def _vote(batch: Batch, c: CompiledScenario, t: VoteTarget) -> B:
    cols = batch.events.columns
    met = np.zeros(len(batch), dtype=bool)
    rows = _rows(batch, "vote")
    sel = cols["body"][rows] == _idx(c.body_ids, t.body)
    motion = MOTIONS.index(t.motion) if t.motion in MOTIONS else -2
    sel &= cols["motion"][rows] == motion
    if t.subject is not None:
        sel &= cols["subject"][rows] == _idx(c.actor_ids, t.subject)
    day = cols["day"][rows]
    sel &= (day >= c.offset(t.start)) & (day <= c.offset(t.end))
    rows = rows[sel]
    table = batch.events
    yes, no = table.values("vote", "yes", rows), table.values("vote", "no", rows)
    abstain = table.values("vote", "abstain", rows)
    ok = table.values("vote", "passed", rows).astype(bool) == t.passed
    if t.yes is not None:
        ok &= yes == t.yes
    if t.no is not None:
        ok &= no == t.no
    if t.abstain is not None:
        ok &= abstain == t.abstain
    if t.unanimous:
        ok &= no == 0
    np.logical_or.at(met, cols["run"][rows][ok], True)
    return met


def _event(batch: Batch, c: CompiledScenario, t: EventTarget) -> B:
    cols = batch.events.columns
    rows = _rows(batch, t.event)
    sel = np.ones(len(rows), dtype=bool)
    if t.actor is not None:
        sel &= cols["actor"][rows] == _idx(c.actor_ids, t.actor)
    if t.body is not None:
        sel &= cols["body"][rows] == _idx(c.body_ids, t.body)
    day = cols["day"][rows]
    if t.start is not None:
        sel &= day >= c.offset(t.start)
    if t.end is not None:
        sel &= day <= c.offset(t.end)
    seen = np.zeros(len(batch), dtype=bool)
    np.logical_or.at(seen, cols["run"][rows][sel], True)
    return seen if t.happens else ~seen


def _first_times(batch: Batch, c: CompiledScenario, kind: str, actors: list[str]) -> Ints:
    """(R, len(actors)) first (day * 16 + session) of ``kind`` for each actor; -1 never."""
    cols = batch.events.columns
    rows = _rows(batch, kind)
    out = np.full((len(batch), len(actors)), -1, dtype=np.int64)
    for k, actor in enumerate(actors):
        mine = rows[cols["actor"][rows] == _idx(c.actor_ids, actor)]
        when = cols["day"][mine] * 16 + cols["session"][mine]
        first = np.full(len(batch), np.iinfo(np.int64).max)
        np.minimum.at(first, cols["run"][mine], when)
        out[:, k] = np.where(first == np.iinfo(np.int64).max, -1, first)
    return out


def _order(batch: Batch, c: CompiledScenario, t: OrderTarget) -> B:
    met = np.ones(len(batch), dtype=bool)
    previous_last = np.full(len(batch), -1, dtype=np.int64)
    for group in t.groups:
        times = _first_times(batch, c, t.event, list(group))
        met &= (times >= 0).all(axis=1)
        met &= times.min(axis=1) > previous_last
        previous_last = times.max(axis=1)
    if t.never:
        met &= (_first_times(batch, c, t.event, list(t.never)) < 0).all(axis=1)
    return met


def _office(batch: Batch, c: CompiledScenario, t: OfficeTarget) -> B:
    cols = batch.events.columns
    actor, office = c.actor_index[t.actor], c.office_index[t.office]
    held = np.full(len(batch), bool(c.holds0[actor, office]))
    day = c.offset(t.date)
    rows = np.concatenate([_rows(batch, "removed"), _rows(batch, "appointed")])
    rows = rows[(cols["subject"][rows] == office) & (cols["day"][rows] <= day)]
    order = np.lexsort((cols["seq"][rows], cols["session"][rows], cols["day"][rows]))
    removed = EVENT_KINDS.index("removed")
    for r in rows[order].tolist():
        run = cols["run"][r]
        if cols["kind"][r] == removed and cols["actor"][r] == actor:
            held[run] = False
        elif cols["kind"][r] != removed:
            held[run] = cols["actor"][r] == actor
    return np.asarray(held == t.held, dtype=bool)


def _membership(batch: Batch, c: CompiledScenario, t: MembershipTarget) -> B:
    cols = batch.events.columns
    actor, body = c.actor_index[t.actor], c.body_index[t.body]
    day = c.offset(t.date)
    rank = np.full(len(batch), int(c.member_rank[min(day, c.n_days - 1), body, actor]))
    rows = _rows(batch, "seat")
    rows = rows[(cols["actor"][rows] == actor) & (cols["body"][rows] == body)]
    rows = rows[cols["day"][rows] <= day]
    order = np.lexsort((cols["seq"][rows], cols["session"][rows], cols["day"][rows]))
    ranks = batch.events.values("seat", "rank", rows)
    for k in order.tolist():
        rank[cols["run"][rows[k]]] = ranks[k]
    want = -1 if t.rank is None else c.rank_ids[body].index(t.rank)
    return np.asarray(rank == want, dtype=bool)


_CHECKS: dict[type, Callable[[Batch, CompiledScenario, object], B]] = {
    MeetingTarget: _meeting,  # type: ignore[dict-item]
    VoteTarget: _vote,  # type: ignore[dict-item]
    EventTarget: _event,  # type: ignore[dict-item]
    OrderTarget: _order,  # type: ignore[dict-item]
    OfficeTarget: _office,  # type: ignore[dict-item]
    MembershipTarget: _membership,  # type: ignore[dict-item]
}


def evaluate(batch: Batch, target: Target) -> B:
    """(R,) whether each run of ``batch`` meets ``target``."""
    return _CHECKS[type(target)](batch, batch.compiled, target)
