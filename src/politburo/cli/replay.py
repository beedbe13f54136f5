"""The ``replay`` command: tell a scenario's story day by day, with the reason for every step
and the quoted passages behind it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated

import typer

from politburo.cli.common import Format, check_format, echo_json, user_errors

if TYPE_CHECKING:
    from politburo.engine import Trace, TraceEvent
    from politburo.scenario.schema import ScenarioModel

__all__ = ["register", "render_markdown", "render_text", "replay"]

QUIET = {"summon", "depart", "airlift", "speech", "seat", "speak-for"}
"""Kinds shown briefly in text and markdown (their facts are not quoted)."""

_TEXT_LABELS = {"ballots": "      ballots: ", "why": "      why: ", "source": "      source "}
"""How plain text introduces each kind of detail under an event."""

_MARKDOWN_LABELS = {"ballots": "  - ballots: ", "why": "  - why: ", "source": "  > "}
"""How Markdown introduces each kind of detail under an event."""


def register(app: typer.Typer) -> None:
    """Add the ``replay`` command to ``app``."""
    app.command("replay")(replay)


def replay(
    args: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[SCENARIO] [INTERVENTION...]",
            help="A bundled scenario's name or a scenario folder (default june-1957), then "
            "interventions: names of the scenario's what-ifs or paths of YAML files.",
            show_default=False,
        ),
    ] = None,
    seed: Annotated[int, typer.Option(help="Root seed of the run.")] = 0,
    run: Annotated[
        int | None,
        typer.Option(
            "--run",
            help="Replay this run of a what-if or batch with the same seed: its drawn "
            "version of the contested evidence, then the interventions.",
            show_default=False,
        ),
    ] = None,
    sets: Annotated[
        list[str] | None,
        typer.Option("--set", metavar="PATH=VALUE", help="Set a value (YAML); repeatable."),
    ] = None,
    format: Annotated[Format, typer.Option("--format", help="text, json or markdown.")] = (
        Format.text
    ),
    quotes: Annotated[bool, typer.Option(help="Quote the sources behind each step.")] = True,
) -> None:
    """Replay one run of a scenario: every day and session, with reasons and sources.

    Without --run, run 0 on the scenario's own data (interventions applied); with --run R,
    run R as a what-if or batch draws it.
    """
    from politburo.cli.experiments import interventions_of, split_scenario
    from politburo.experiments.replays import replay_run
    from politburo.scenario import load_scenario

    with user_errors():
        allowed = (Format.text, Format.json, Format.markdown)
        check_format(format, allowed, "replay prints text, json or markdown")
        name, names = split_scenario(args or [])
        scenario = load_scenario(name)
        chosen = interventions_of(scenario, names, sets or [])
        trace = replay_run(
            scenario, chosen, run=run or 0, seed=seed, sample_evidence=run is not None
        )
        model = scenario.model
        if chosen:
            from politburo.experiments.interventions import apply_interventions

            model = apply_interventions(scenario, chosen).model
    if format is Format.json:
        echo_json(trace.to_json(), indent=1)
    elif format is Format.markdown:
        typer.echo(render_markdown(model, trace, quotes=quotes))
    else:
        typer.echo(render_text(model, trace, quotes=quotes))


def _sources(model: ScenarioModel, event: TraceEvent, limit: int = 3) -> list[str]:
    from politburo.engine.facts import citations_of

    lines: list[str] = []
    seen: set[str] = set()
    for fact in event.facts:
        for cite in citations_of(model, fact):
            if cite.assumption:
                text = f"assumption: {cite.assumption}"
            elif cite.quote:
                text = f'{cite.source}: "{" ".join(cite.quote.split())}"'
            else:
                text = f"{cite.source}, {cite.page}"
            if text not in seen:
                seen.add(text)
                lines.append(f"{fact}: {text}")
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


def _details(
    model: ScenarioModel, event: TraceEvent, labels: Mapping[str, str], *, quotes: bool
) -> list[str]:
    """The lines told under an event: its ballots, why it happened and (if ``quotes``) its
    sources, each introduced by its entry in ``labels``; none for a :data:`QUIET` kind."""
    if event.kind in QUIET:
        return []
    lines: list[str] = []
    if event.ballots:
        lines.append(labels["ballots"] + ", ".join(f"{k} {v}" for k, v in event.ballots.items()))
    reason = _reasons(event)
    if reason:
        lines.append(labels["why"] + reason)
    if quotes:
        lines.extend(labels["source"] + s for s in _sources(model, event))
    return lines


def render_text(model: ScenarioModel, trace: Trace, *, quotes: bool = True) -> str:
    """The story as plain text: a heading per day, a line per event, sources indented."""
    lines = [f"{model.title} (seed {trace.seed})", ""]
    sessions = ("morning", "evening")
    for day, events in trace.by_day().items():
        lines.append(day.strftime("%A %d %B %Y"))
        for e in events:
            when = sessions[e.session] if e.session < len(sessions) else f"session {e.session}"
            lines.append(f"  [{when}] {e.text}")
            lines.extend(_details(model, e, _TEXT_LABELS, quotes=quotes))
        lines.append("")
    lines.append(_final(trace))
    return "\n".join(lines)


def render_markdown(model: ScenarioModel, trace: Trace, *, quotes: bool = True) -> str:
    """The story as Markdown: a section per day, a bullet per event, sources as quotes."""
    lines = [f"# {model.title}", "", f"Replay with seed {trace.seed}.", ""]
    for day, events in trace.by_day().items():
        lines += [f"## {day.isoformat()}", ""]
        for e in events:
            lines.append(f"- {e.text}")
            lines.extend(_details(model, e, _MARKDOWN_LABELS, quotes=quotes))
        lines.append("")
    lines += ["## Outcome", "", "```", _final(trace), "```"]
    return "\n".join(lines)


def _final(trace: Trace) -> str:
    final = trace.final
    out = ["Outcome: " + ", ".join(f"{k}: {v}" for k, v in final["outcome"].items())]
    offices = ", ".join(f"{k} {v or '(vacant)'}" for k, v in final["offices"].items())
    out.append("Offices: " + offices)
    sanctions = final["sanctions"]
    out.append("Sanctions: " + (", ".join(f"{k} {v}" for k, v in sanctions.items()) or "none"))
    return "\n".join(out)
