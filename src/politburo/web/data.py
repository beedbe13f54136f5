"""The explorer's data: one JSON-ready mapping per scenario, built from the public API.

Everything a page shows comes from here, for the static folder and the server alike: the
replay's events with the quoted passages behind them, where each actor is on each day (as
the replay moves them), every vote with its seating, ballots and quota, voting power by day
from the replay's presence, ties and sides, the evidence of each source, and the what-ifs
the server can run. A field a newer trace adds to its events (such as ``documented``) is
passed through as it is.

A scenario that cannot be loaded or fails its checks gives a mapping with ``problems`` only,
which the page shows instead of the views.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from politburo.engine.trace import Trace
from politburo.errors import PolitburoError, Problem
from politburo.scenario.loading import Scenario

__all__ = [
    "SourceEvidence",
    "divergence",
    "error_data",
    "event_rows",
    "explorer_data",
    "load",
    "problem_rows",
    "report_href",
    "slider_paths",
    "source_evidence",
]

SIDES = {"incumbent": -1, "target": -1, "challengers": 1, "challenger": 1}
"""Side names of the scenario format as the engine's codes (-1 with the target)."""

SIDE_KINDS = {"side", "waver", "desert", "recant", "defect"}
"""Trace events that move an actor's side (``counts['side']``)."""


def load(name_or_path: str | Path) -> tuple[Scenario | None, list[Problem]]:
    """The scenario, or the problems that stop it loading (all of them)."""
    from politburo.scenario import load_scenario

    try:
        return load_scenario(name_or_path), []
    except PolitburoError as error:
        return None, list(error.problems)


def problem_rows(problems: Iterable[Problem]) -> list[dict[str, Any]]:
    """Problems as rows for a page."""
    return [
        {"file": p.file, "line": p.line, "field": p.field, "message": p.message, "text": str(p)}
        for p in problems
    ]


def error_data(name: str, problems: Sequence[Problem]) -> dict[str, Any]:
    """The data of a page for a scenario that fails its checks."""
    return {"scenario": {"id": str(name), "title": str(name)}, "problems": problem_rows(problems)}


def report_href(source: str) -> str:
    """Where the report page of a source sits, relative to the explorer's page."""
    return f"reports/{source}.html"


# -- evidence -------------------------------------------------------------------------------


@dataclass
class SourceEvidence:
    """One source read by the evidence layer, as the report shows it."""

    source: str
    title: str
    text: str
    passages: list[Any]
    mentions: list[Any]
    gaps: list[Any]
    claims: list[Any]
    corrections: list[Any] = field(default_factory=list)

    def corrected(self, span: tuple[int, int]) -> str | None:
        """The text of ``span`` as the stand-off corrections inside it read it (``None``
        when none falls inside)."""
        from politburo.evidence.annotations import Correction, apply_corrections

        start, end = span
        inside = [
            Correction(c.start - start, c.end - start, c.found, c.reading, c.note)
            for c in self.corrections
            if start <= c.start and c.end <= end
        ]
        if not inside:
            return None
        return " ".join(apply_corrections(self.text[start:end], inside).split())

    def passage_of(self, position: int) -> int | None:
        """Number of the passage holding a character position."""
        for passage in self.passages:
            if passage.start <= position < passage.end:
                return int(passage.number)
        return None

    def summary(self) -> dict[str, Any]:
        """Mentions by actor, gaps and graded claims, for the evidence view."""
        by_actor: dict[str, int] = {}
        for m in self.mentions:
            key = m.entity_id or "?"
            by_actor[key] = by_actor.get(key, 0) + 1
        return {
            "id": self.source,
            "title": self.title,
            "href": report_href(self.source),
            "mentions": [{"actor": a, "count": n} for a, n in sorted(by_actor.items())],
            "close_calls": sum(bool(m.ambiguous) for m in self.mentions),
            "gaps": [
                {
                    "mark": g.leiden,
                    "reason": g.reason,
                    "passage": self.passage_of(g.at),
                    "candidates": [c.reading for c in g.candidates][:3],
                }
                for g in self.gaps
            ],
            "claims": [
                {
                    "grade": c.grade,
                    "credibility": int(c.credibility),
                    "text": " ".join(self.text[c.span[0] : c.span[1]].split())[:300]
                    if c.span
                    else "",
                    "passage": self.passage_of(c.span[0]) if c.span else None,
                    "reasons": list(c.reasons),
                }
                for c in self.claims
            ],
        }


def source_evidence(scenario: Scenario, store: Path | None = None) -> list[SourceEvidence]:
    """Every bundled source text of ``scenario`` read for mentions, gaps and graded claims.

    The stand-off corrections of a source come too (the report shows them, quotes give their
    reading): those beside its text in the scenario, or, when the evidence ``store`` holds the
    same source (by id) with corrections that fit its text, those.
    """
    from politburo.analysis.documented import Readings
    from politburo.evidence.annotations import fitting, read_corrections
    from politburo.evidence.reading import read_text
    from politburo.scenario.evidence_inputs import scenario_inputs

    texts = scenario.source_texts
    if not texts:
        return []
    readings = Readings.of(scenario)
    inputs = scenario_inputs(scenario)
    titles = {s.id: s.title for s in scenario.model.sources}
    result = []
    for source, text in texts.items():
        read = read_text(text, source, inputs.gazetteer, inputs.chronology, inputs.reliability)
        fixes: list[Any] = list(readings.corrections.get(source, []))
        annotations = store / source / "annotations.jsonl" if store is not None else None
        if annotations is not None and annotations.is_file():
            fixes, _ = fitting(read_corrections(annotations), text, str(annotations))
        title = titles.get(source, source)
        result.append(
            SourceEvidence(
                source, title, text, read.passages, read.mentions, read.gaps, read.claims, fixes
            )
        )
    return result


# -- the replay ------------------------------------------------------------------------------


class _Quotes:
    """Citations of the facts behind events, each with a link into its source's report."""

    def __init__(self, scenario: Scenario, evidence: Sequence[SourceEvidence]) -> None:
        self.model = scenario.model
        self.sources = {e.source: e for e in evidence}
        self.cache: dict[str, list[dict[str, Any]]] = {}

    def of(self, fact: str) -> list[dict[str, Any]]:
        from politburo.engine.facts import citations_of
        from politburo.evidence.text import locate_quote

        if fact in self.cache:
            return self.cache[fact]
        rows: list[dict[str, Any]] = []
        try:
            citations = citations_of(self.model, fact)
        except (KeyError, IndexError, ValueError, PolitburoError):
            citations = []
        for cite in citations:
            row: dict[str, Any] = {"fact": fact, "source": cite.source}
            if cite.assumption:
                row["assumption"] = cite.assumption
            if cite.page:
                row["page"] = cite.page
            if cite.quote:
                row["quote"] = " ".join(cite.quote.split())
                found = self.sources.get(cite.source or "")
                span = locate_quote(found.text, cite.quote) if found else None
                if found and span:
                    reading = found.corrected(span)
                    if reading and reading != row["quote"]:
                        row["reading"] = reading
                    number = found.passage_of(span[0])
                    row["href"] = report_href(found.source) + (
                        f"#p{number}" if number is not None else ""
                    )
            rows.append(row)
        self.cache[fact] = rows
        return rows


def event_rows(
    scenario: Scenario, trace: Trace, quotes: _Quotes | None = None
) -> list[dict[str, Any]]:
    """The trace's events as JSON rows, each told (:mod:`politburo.analysis.story`: its
    sentence, whether it is documented and by which targets of the record), with its index
    and, given ``quotes``, the citations of the facts behind it."""
    from politburo.analysis.story import steps

    rows = []
    for i, step in enumerate(steps(scenario, trace)):
        event = step.event.to_json()
        event["i"] = i
        event["documented"] = step.documented
        event["record"] = list(step.record)
        if quotes is not None:
            facts = event.get("detail", {}).get("facts", [])
            cites = [c for f in facts for c in quotes.of(f)]
            if cites:
                event["cites"] = cites[:6]
        detail = event.get("detail", {})
        event["detail"] = {k: v for k, v in detail.items() if k not in ("terms", "facts")}
        rows.append(event)
    return rows


def _key(event: dict[str, Any]) -> tuple[Any, ...]:
    return (
        event["kind"],
        event.get("actor"),
        event.get("subject"),
        event.get("body"),
        event.get("motion"),
        tuple(sorted(event.get("counts", {}).items())),
    )


def divergence(first: Sequence[dict[str, Any]], second: Sequence[dict[str, Any]]) -> str | None:
    """The first day on which two runs' events differ (``None`` when they never do).

    >>> a = [{"day": "1957-06-18", "kind": "vote"}]
    >>> divergence(a, a) is None, divergence(a, [{"day": "1957-06-19", "kind": "vote"}])
    (True, '1957-06-18')
    """
    days = sorted({e["day"] for e in [*first, *second]})
    for day in days:
        ours = [_key(e) for e in first if e["day"] == day]
        theirs = [_key(e) for e in second if e["day"] == day]
        if ours != theirs:
            return str(day)
    return None


def _locations(scenario: Scenario, events: Sequence[dict[str, Any]]) -> dict[str, list[str]]:
    """Where each actor is at the end of each day as the replay moves them: the place of the
    last arrival, or, after a departure, the schedule's place when it is another one."""
    from politburo.scenario.queries import location

    days = scenario.days()
    by_day: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        if e["kind"] in ("arrive", "depart") and e.get("actor"):
            by_day.setdefault(e["day"], []).append(e)
    result: dict[str, list[str]] = {}
    for actor in scenario.model.actors:
        here: str | None = location(scenario, actor.id, days[0])
        left: str | None = None
        row = []
        for day in days:
            for e in by_day.get(day.isoformat(), []):
                if e["actor"] != actor.id:
                    continue
                if e["kind"] == "arrive":
                    here, left = e.get("subject"), None
                else:
                    here, left = None, here
            if here is None:
                planned = location(scenario, actor.id, day)
                row.append(planned if planned and planned != left else "away")
            else:
                row.append(here)
        result[actor.id] = row
    return result


def _sides(scenario: Scenario, events: Sequence[dict[str, Any]]) -> dict[str, list[int]]:
    """Each actor's side at the end of each day (-1 with the target, 1 with the
    challengers, 0 undeclared), as the replay declares them."""
    days = [d.isoformat() for d in scenario.days()]
    side = {
        a.id: SIDES.get(str(getattr(a.side, "value", a.side)), 0) if a.side else 0
        for a in scenario.model.actors
    }
    side.update({g.id: 0 for g in scenario.model.groups})
    changes: dict[str, list[tuple[str, int]]] = {}
    for e in events:
        moves: list[tuple[str, int]] = []
        if e["kind"] in SIDE_KINDS and e.get("actor") and "side" in e.get("counts", {}):
            moves.append((e["actor"], int(e["counts"]["side"])))
        for who, value in (e.get("detail", {}).get("sides") or {}).items():
            moves.append((who, int(value)))
        changes.setdefault(e["day"], []).extend(moves)
    result: dict[str, list[int]] = {k: [] for k in side}
    for day in days:
        for who, value in changes.get(day, []):
            if who in side:
                side[who] = value
        for who in side:
            result[who].append(side[who])
    return result


# -- bodies, votes and power ------------------------------------------------------------------


def _seating(scenario: Scenario, body: str, day: dt.date) -> list[dict[str, Any]]:
    from politburo.scenario.queries import seats

    return [
        {
            "member": s.member,
            "rank": s.rank,
            "count": s.count,
            "votes": s.votes,
            "group": s.is_group,
            "place": s.place,
        }
        for s in seats(scenario, body, day)
    ]


def _votes(scenario: Scenario, events: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for e in events:
        if e["kind"] != "vote" or not e.get("body"):
            continue
        day = dt.date.fromisoformat(e["day"])
        detail = e.get("detail", {})
        rows.append(
            {
                "event": e["i"],
                "day": e["day"],
                "body": e["body"],
                "motion": e.get("motion"),
                "subject": e.get("subject"),
                "counts": e.get("counts", {}),
                "needed": detail.get("needed"),
                "present_voters": detail.get("present_voters"),
                "passed": detail.get("passed"),
                "ballots": e.get("ballots") or {},
                "seating": _seating(scenario, e["body"], day),
                "text": e["text"],
            }
        )
    return rows


def _power(
    scenario: Scenario, events: Sequence[dict[str, Any]], places: dict[str, list[str]]
) -> dict[str, Any]:
    """Normalized Banzhaf power of each voting member of each body on each day, counting
    as present those the replay puts at the body's seat (or, on a day it meets, those at the
    meeting)."""
    from politburo.analysis.power.game import WeightedGame
    from politburo.analysis.power.indices import power_index
    from politburo.scenario.queries import seats

    days = scenario.days()
    meetings: dict[tuple[str, str], dict[str, Any]] = {}
    for e in events:
        if e["kind"] in ("meeting", "opened") and e.get("body") and e.get("present") is not None:
            meetings[(e["body"], e["day"])] = e
    cache: dict[tuple[Any, ...], dict[str, float]] = {}
    result: dict[str, Any] = {}
    for body in scenario.model.bodies:
        members: list[str] = []
        values: list[list[float | None]] = []
        for k, day in enumerate(days):
            iso = day.isoformat()
            met = meetings.get((body.id, iso))
            roll, weights, voters = [], [], 0
            for seat in seats(scenario, body.id, day):
                if not seat.votes:
                    continue
                voters += seat.count
                if seat.member not in members:
                    members.append(seat.member)
                if met is not None:
                    count = (
                        (met.get("groups_present") or {}).get(seat.member, 0)
                        if seat.is_group
                        else int(seat.member in met["present"])
                    )
                elif seat.is_group:
                    count = seat.count if seat.place == body.seat else 0
                else:
                    count = int(places.get(seat.member, [""] * len(days))[k] == body.seat)
                if count:
                    roll.append(seat.member)
                    weights.append(count)
            column: dict[str, float] = {}
            quota = body.rule.votes_needed(voters, sum(weights)) if weights else 0
            if weights and 0 < quota <= sum(weights):
                key = (tuple(roll), tuple(weights), quota)
                if key not in cache:
                    try:
                        index = power_index(
                            WeightedGame(tuple(weights), quota, tuple(roll)), "banzhaf"
                        )
                        cache[key] = dict(zip(index.game.players, index.values, strict=True))
                    except PolitburoError:
                        cache[key] = {}
                column = cache[key]
            values.append([column.get(m) for m in members])
        if not members:
            continue
        grid = [[col[i] if i < len(col) else None for col in values] for i in range(len(members))]
        result[body.id] = {"members": members, "values": grid}
    return result


# -- what-ifs -------------------------------------------------------------------------------


def slider_paths(scenario: Scenario) -> list[dict[str, Any]]:
    """The ``--set`` values the server offers as sliders: each body's threshold."""
    return [
        {
            "path": f"bodies/{b.id}/rule/threshold",
            "label": f"{b.name}: share of votes needed",
            "min": 0.5,
            "max": 1.0,
            "step": 0.05,
            "value": float(b.rule.threshold),
        }
        for b in scenario.model.bodies
    ]


def _whatifs(scenario: Scenario) -> list[dict[str, Any]]:
    """The scenario's named what-ifs with their descriptions, read from their files (the
    server checks a what-if in full when it is asked to run it)."""
    import yaml

    from politburo.experiments.interventions import named_whatifs

    rows = []
    for name, path in sorted(named_whatifs(scenario).items()):
        try:
            header = yaml.safe_load(path.read_text(encoding="utf-8"))
            description = str(header.get("description", "")) if isinstance(header, dict) else ""
        except (OSError, yaml.YAMLError) as error:
            description = f"cannot be read: {error}"
        rows.append({"id": name, "description": " ".join(description.split())})
    return rows


def explorer_data(
    scenario: Scenario, *, seed: int = 0, evidence: Sequence[SourceEvidence] | None = None
) -> dict[str, Any]:
    """Everything the explorer shows of ``scenario``, JSON-ready.

    ``evidence`` is the sources read by :func:`source_evidence` (read here when not given).
    """
    from politburo.engine import replay
    from politburo.experiments.plan import scenario_hash

    model = scenario.model
    if evidence is None:
        evidence = source_evidence(scenario)
    trace = replay(model, seed=seed)
    events = event_rows(scenario, trace, _Quotes(scenario, evidence))
    places = _locations(scenario, events)
    return {
        "scenario": {
            "id": model.id,
            "title": model.title,
            "start": model.start.isoformat(),
            "end": model.end.isoformat(),
            "hash": scenario_hash(scenario),
            "seed": seed,
        },
        "problems": [],
        "days": [d.isoformat() for d in scenario.days()],
        "actors": [{"id": a.id, "name": a.name} for a in model.actors],
        "groups": [{"id": g.id, "name": g.name, "count": g.count} for g in model.groups],
        "places": [{"id": p.id, "name": p.name} for p in model.places],
        "bodies": [
            {
                "id": b.id,
                "name": b.name,
                "seat": b.seat,
                "rule": {
                    "threshold": float(b.rule.threshold),
                    "of": b.rule.of,
                    "quorum": float(b.rule.quorum),
                },
            }
            for b in model.bodies
        ],
        "events": events,
        "final": trace.to_json()["final"],
        "locations": places,
        "votes": _votes(scenario, events),
        "power": _power(scenario, events, places),
        "ties": [
            {"from": owner, "to": t.to, "kind": str(getattr(t.kind, "value", t.kind))}
            for owner, ties in [
                *((a.id, a.ties) for a in model.actors),
                *((g.id, g.ties) for g in model.groups),
            ]
            for t in ties
        ],
        "sides": _sides(scenario, events),
        "sources": [e.summary() for e in evidence],
        "whatifs": _whatifs(scenario),
        "contested": [
            {"id": c.id, "about": c.about, "versions": [v.id for v in c.versions]}
            for c in model.contested
        ],
        "sliders": slider_paths(scenario),
    }
