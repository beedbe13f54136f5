"""The story of a run: each event told in a plain sentence, with the passages behind it.

The sentences are the event registry's (:data:`politburo.engine.EVENTS`); this module fills
them with the names the scenario gives, once per scenario (:class:`Names`), and lays a trace
out as text, Markdown or JSON with its sources. The command line and the browser explorer
share it.

Examples
--------
>>> from politburo.scenario import load_scenario
>>> from politburo.engine import replay
>>> model = load_scenario("june-1957").model
>>> told = tell(model, replay(model, seed=0))
>>> told.events[0].text.endswith(".")
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from politburo.analysis.documented import (
    Readings,
    documenting_targets,
    resolved_sources,
    scheduled_and_cited,
)
from politburo.engine import EVENTS, Trace, TraceEvent
from politburo.engine.codes import SanctionLevel
from politburo.engine.events import MOTION_PHRASES, Subject
from politburo.scenario import Scenario
from politburo.scenario.schema import ScenarioModel

__all__ = [
    "Names",
    "Step",
    "describe",
    "render_markdown",
    "render_text",
    "sources",
    "steps",
    "story_json",
    "summary",
    "tell",
]

SESSIONS = ("morning", "evening")
"""How the text report names the sessions of a day."""


@dataclass(frozen=True)
class Names:
    """The names a scenario gives to its ids, and what a sentence needs to know of it."""

    actors: Mapping[str, str]
    bodies: Mapping[str, str]
    offices: Mapping[str, str]
    places: Mapping[str, str]
    groups: Mapping[str, str]
    group_ids: tuple[str, ...]
    ranks: Mapping[str, tuple[str, ...]]
    target: str | None
    """The target of the scenario's challenges, when they all have the same one."""
    start: dt.date

    @classmethod
    def of(cls, model: ScenarioModel) -> Names:
        """The names of ``model``'s ids."""
        targets = {ch.target for ch in model.challenges}
        return cls(
            actors={a.id: a.name for a in model.actors},
            bodies={b.id: b.name for b in model.bodies},
            offices={o.id: o.name for o in model.offices},
            places={p.id: p.name for p in model.places},
            groups={g.id: g.name for g in model.groups},
            group_ids=tuple(g.id for g in model.groups),
            ranks={b.id: tuple(r.id for r in b.ranks) for b in model.bodies},
            target=next(iter(targets)) if len(targets) == 1 else None,
            start=model.start,
        )

    def who(self, actor: str | None) -> str:
        """An actor's name ("someone" for none)."""
        return self.actors.get(actor or "", actor or "someone")

    def subject(self, event: TraceEvent) -> str:
        """The name of what the event's subject names."""
        kind = EVENTS[event.kind].subject
        if kind is Subject.ACTOR:
            return self.who(event.subject)
        table = {Subject.OFFICE: self.offices, Subject.PLACE: self.places}.get(kind, self.bodies)
        return table.get(event.subject or "", event.subject or "")


def words(names: Names, event: TraceEvent) -> dict[str, object]:
    """Everything a sentence of the registry may say of ``event``."""
    out: dict[str, object] = {
        k: v for k, v in event.detail.items() if isinstance(v, str | int | float | bool)
    }
    out.update(event.counts)
    for value, number in event.counts.items():
        if value.endswith("_day"):
            out[value] = (names.start + dt.timedelta(days=number)).isoformat()
    out.update(
        actor=names.who(event.actor),
        has_actor=event.actor is not None,
        subject=names.subject(event),
        has_subject=event.subject is not None,
        body=names.bodies.get(event.body or "", event.body or ""),
        motion=event.motion or "",
        motion_phrase=_motion_phrase(names, event),
        actor_is_target=event.actor is not None and event.actor == names.target,
    )
    counts = event.counts
    if "side" in counts:
        out["side_name"] = _side(names, counts["side"])
    if "group" in counts:
        g = counts["group"]
        gid = names.group_ids[g] if 0 <= g < len(names.group_ids) else ""
        out["group"] = names.groups.get(gid, "a bloc")
    if "level" in counts:
        level = min(max(counts["level"], SanctionLevel.NONE), SanctionLevel.EXPEL)
        out["level_name"] = SanctionLevel.phrase(level)
    if "rank" in counts:
        ranks = names.ranks.get(event.body or "", ())
        out["rank_name"] = ranks[counts["rank"]] if 0 <= counts["rank"] < len(ranks) else "no seat"
    if {"yes", "no", "abstain"} <= counts.keys():
        out["tally"] = (
            f"{counts['yes']} for, {counts['no']} against, {counts['abstain']} abstaining"
        )
    if event.present is not None or "present_total" in counts:
        out["attendance"] = _attendance(names, event)
    out.setdefault("how", "")
    out.setdefault("purpose", "")
    out.setdefault("outsider", "an outside party")
    return out


def _side(names: Names, value: int) -> str:
    if value < 0:
        return names.who(names.target) if names.target else "the target"
    return "the challengers" if value > 0 else "neither side"


def _motion_phrase(names: Names, event: TraceEvent) -> str:
    motion = event.motion or ""
    phrase = MOTION_PHRASES.get(motion)
    if phrase is None or ("{subject}" in phrase and event.subject is None):
        phrase = "to {motion} {subject}" if event.subject else "on a motion to {motion}"
    return phrase.format(motion=motion, subject=names.who(event.subject))


def _attendance(names: Names, event: TraceEvent) -> str:
    blocs = sum((event.groups_present or {}).values())
    count = f"{event.counts.get('present_total', 0)} present"
    if blocs:
        count += f" ({blocs} of them in blocs)"
    if event.absent:
        count += "; absent: " + ", ".join(names.who(a) for a in event.absent)
    return count


def describe(names: Names, event: TraceEvent) -> str:
    """The sentence that tells ``event``."""
    said = words(names, event)
    return EVENTS[event.kind].sentence(said).format_map(said)


def tell(model: ScenarioModel, trace: Trace) -> Trace:
    """``trace`` with every event's ``text`` told."""
    names = Names.of(model)
    told = [dataclasses.replace(e, text=describe(names, e)) for e in trace.events]
    return dataclasses.replace(trace, events=told)


@dataclass(frozen=True)
class Step:
    """One told event of a run, whether the record documents it, and its sources."""

    event: TraceEvent
    record: tuple[str, ...]
    """Ids of the record's targets that say it happened."""
    documented: bool
    """Documented by the record or a cited itinerary; else simulated."""
    sources: list[dict[str, Any]]
    """Each fact behind the event, with its citations resolved."""


def steps(scenario: Scenario, trace: Trace) -> list[Step]:
    """Every event of ``trace`` told, marked documented or simulated, with its sources."""
    readings = Readings.of(scenario)
    record = list(scenario.model.record)
    out = []
    for event in tell(scenario.model, trace).events:
        targets = tuple(documenting_targets(record, event))
        out.append(
            Step(
                event=event,
                record=targets,
                documented=bool(targets) or scheduled_and_cited(scenario, event),
                sources=resolved_sources(scenario, event, readings),
            )
        )
    return out


def _quoted(citation: dict[str, Any]) -> str:
    if "assumption" in citation:
        return f"assumption: {citation['assumption']}"
    if "quote" in citation:
        raw = f'{citation["source"]}: "{citation["quote"]}"'
        if "corrected" in citation:
            return f'{citation["source"]}: "{citation["corrected"]}" (OCR: "{citation["quote"]}")'
        return raw
    return f"{citation['source']}, {citation.get('page', '')}"


def sources(step: Step, limit: int = 3) -> list[str]:
    """Up to ``limit`` citations of the facts behind a step, one line each."""
    lines: list[str] = []
    seen: set[str] = set()
    for fact in step.sources:
        for citation in fact["citations"]:
            text = _quoted(citation)
            if text not in seen:
                seen.add(text)
                lines.append(f"{fact['fact']}: {text}")
            if len(lines) >= limit:
                return lines
    return lines


def _reasons(event: TraceEvent) -> str:
    terms = event.detail.get("terms")
    if not terms:
        return ""
    shown = sorted(terms.items(), key=lambda kv: -abs(kv[1]))[:4]
    parts = ", ".join(f"{k} {v:+.2f}" for k, v in shown if abs(v) >= 0.05)
    return f"utility {event.detail.get('utility', 0):+.2f} ({parts})"


_TEXT_LABELS = {"ballots": "      ballots: ", "why": "      why: ", "source": "      source "}
_MARKDOWN_LABELS = {"ballots": "  - ballots: ", "why": "  - why: ", "source": "  > "}


def _details(step: Step, labels: Mapping[str, str], *, quotes: bool) -> list[str]:
    """The lines told under a step: its ballots, why it happened and (if ``quotes``) its
    sources; none for a quiet kind."""
    event = step.event
    if EVENTS[event.kind].quiet:
        return []
    lines: list[str] = []
    if event.ballots:
        lines.append(labels["ballots"] + ", ".join(f"{k} {v}" for k, v in event.ballots.items()))
    reason = _reasons(event)
    if reason:
        lines.append(labels["why"] + reason)
    if quotes:
        lines.extend(labels["source"] + s for s in sources(step))
    return lines


def _mark(step: Step) -> str:
    return "documented" if step.documented else "simulated"


LEGEND = (
    "Each step is marked documented (the scenario's record, or a cited itinerary, says it "
    "happened) or simulated (the engine's mechanisms produced it from the scenario's facts)."
)


def render_text(scenario: Scenario, trace: Trace, *, quotes: bool = True) -> str:
    """The story as plain text: a heading per day, a line per step, sources indented."""
    lines = [f"{scenario.model.title} (seed {trace.seed})", LEGEND, ""]
    by_day: dict[dt.date, list[Step]] = {}
    for step in steps(scenario, trace):
        by_day.setdefault(step.event.day, []).append(step)
    for day, told in by_day.items():
        lines.append(day.strftime("%A %d %B %Y"))
        for step in told:
            e = step.event
            when = SESSIONS[e.session] if e.session < len(SESSIONS) else f"session {e.session}"
            lines.append(f"  [{when}, {_mark(step)}] {e.text}")
            lines.extend(_details(step, _TEXT_LABELS, quotes=quotes))
        lines.append("")
    lines.append(summary(trace))
    return "\n".join(lines)


def render_markdown(scenario: Scenario, trace: Trace, *, quotes: bool = True) -> str:
    """The story as Markdown: a section per day, a bullet per step, sources as quotes."""
    lines = [f"# {scenario.model.title}", "", f"Replay with seed {trace.seed}. {LEGEND}", ""]
    by_day: dict[dt.date, list[Step]] = {}
    for step in steps(scenario, trace):
        by_day.setdefault(step.event.day, []).append(step)
    for day, told in by_day.items():
        lines += [f"## {day.isoformat()}", ""]
        for step in told:
            lines.append(f"- *{_mark(step)}*: {step.event.text}")
            lines.extend(_details(step, _MARKDOWN_LABELS, quotes=quotes))
        lines.append("")
    lines += ["## Outcome", "", "```", summary(trace), "```"]
    return "\n".join(lines)


def story_json(scenario: Scenario, trace: Trace) -> dict[str, Any]:
    """The told trace as JSON-ready data: every event with its sentence, whether it is
    documented (and by which targets of the record) and its resolved sources."""
    data = trace.to_json()
    data["events"] = [
        {
            **step.event.to_json(),
            "documented": step.documented,
            "record": list(step.record),
            "sources": step.sources,
        }
        for step in steps(scenario, trace)
    ]
    return data


def summary(trace: Trace) -> str:
    """The outcome, the offices and the sanctions at the end of the run."""
    final = trace.final
    out = ["Outcome: " + ", ".join(f"{k}: {v}" for k, v in final["outcome"].items())]
    offices = ", ".join(f"{k} {', '.join(v) or '(vacant)'}" for k, v in final["holders"].items())
    out.append("Offices: " + offices)
    sanctions = final["sanctions"]
    out.append("Sanctions: " + ("; ".join(f"{k}: {v}" for k, v in sanctions.items()) or "none"))
    return "\n".join(out)
