"""The ``check``, ``show`` and ``schema`` commands."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from politburo.cli.common import ScenarioArg, echo_json, user_errors
from politburo.cli.common import TextFormat as Format
from politburo.errors import PolitburoError, Problem
from politburo.scenario.bundled import DEFAULT_SCENARIO

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the scenario commands to ``app``."""
    app.command("check")(check)
    app.command("show")(show)
    app.command("schema")(schema)


WARNINGS_SHOWN = 20
"""Most warnings about unstated bases ``check`` prints one by one."""


def check(scenario: ScenarioArg = DEFAULT_SCENARIO) -> None:
    """Validate a scenario: schema, references, dates and intervals, every quote, and the
    what-ifs it ships; list the judgments read from the crisis's course or outcome, and warn
    about judgments that do not state their basis."""
    from politburo.analysis.fidelity import event_problems
    from politburo.scenario import load_scenario
    from politburo.scenario.checks import deprecations
    from politburo.scenario.formats import format_warnings

    with user_errors():
        loaded = load_scenario(scenario)
    for notice in [*deprecations(loaded), *format_warnings(loaded)]:
        typer.echo(f"warning: {notice}", err=True)
    with user_errors():
        problems = event_problems(loaded.model, loaded.marks) + _whatif_problems(loaded)
        if problems:
            raise PolitburoError(problems)
    m = loaded.model
    cites = sum(1 for _ in _count_citations(loaded.raw))
    counts = [
        (len(m.actors), "actor"),
        (len(m.groups), "group"),
        (len(m.bodies), "body"),
        (len(m.sources), "source"),
        (cites, "citation"),
        (len(m.contested), "contested fact"),
        (len(m.record), "record target"),
    ]
    typer.echo(f"{m.id}: ok — " + ", ".join(_plural(n, noun) for n, noun in counts))
    _bases(loaded)


def _whatif_problems(loaded: Any) -> list[Problem]:
    """Every problem of the what-ifs the scenario ships, each read and applied to it."""
    from politburo.experiments.interventions import load_intervention, named_whatifs

    problems: list[Problem] = []
    for path in named_whatifs(loaded).values():
        try:
            load_intervention(path, loaded)  # validates the scenario as the what-if edits it
        except PolitburoError as error:
            problems += error.problems
    return problems


def _plural(count: int, noun: str) -> str:
    """``1 group``, ``2 groups``, ``2 bodies``."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {noun[:-1]}ies" if noun.endswith("dy") else f"{count} {noun}s"


def _bases(loaded: Any) -> None:
    """Print the judgments read from the crisis; warn on stderr about unstated ones."""
    import sys

    from politburo.scenario.basis import basis_warnings, judgments, label

    found = judgments(loaded.model)
    read = [j for j in found if j.read_from_crisis]
    before = sum(j.basis == "before" for j in found)
    typer.echo(
        f"{len(found)} judgments: {before} known before the crisis, {len(read)} read from its "
        f"course or outcome, {len(found) - before - len(read)} unstated"
    )
    if read:
        typer.echo("read from the crisis (neutralised in outcome-blind results):")
        for judgment in read:
            typer.echo(f"  {judgment.basis:8s} {label(loaded.raw, judgment)}")
    warnings = basis_warnings(loaded)
    for problem in warnings[:WARNINGS_SHOWN]:
        print(f"warning: {problem}", file=sys.stderr)
    if len(warnings) > WARNINGS_SHOWN:
        print(
            f"warning: {len(warnings) - WARNINGS_SHOWN} more judgments do not state their basis",
            file=sys.stderr,
        )


def _count_citations(node: Any) -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "cite":
                yield from (value if isinstance(value, list) else [value])
            else:
                yield from _count_citations(value)
    elif isinstance(node, list):
        for item in node:
            yield from _count_citations(item)


def show(
    scenario: ScenarioArg = DEFAULT_SCENARIO,
    date: Annotated[str | None, typer.Option(help="Day to show (default: first day).")] = None,
    body: Annotated[str | None, typer.Option(help="Only this body.")] = None,
    format: Annotated[Format, typer.Option("--format", help="text or json.")] = Format.text,
    from_replay: Annotated[bool, FROM_REPLAY] = False,
    seed: Annotated[int, typer.Option(help="With --from-replay: the replay's seed.")] = 0,
) -> None:
    """Who sits in which body with which rank, and who is where, on a date: by the schedule
    (the itineraries as written), or as the replay moves people with --from-replay."""
    from politburo.scenario import load_scenario
    from politburo.scenario.dates import parse_day
    from politburo.scenario.queries import Schedule, Whereabouts, body_of, seats
    from politburo.seeds import check_seed

    with user_errors():
        check_seed(seed)
        loaded = load_scenario(scenario)
        day = parse_day(date, field="--date") if date else loaded.model.start
        bodies = [body_of(loaded, body)] if body else loaded.model.bodies
        where: Whereabouts = Schedule(loaded)
        if from_replay:
            from politburo.analysis.presence import ReplayWhereabouts

            where = ReplayWhereabouts(loaded, seed)
        places = {p.id: p.name for p in loaded.model.places}
        report: dict[str, Any] = {
            "scenario": loaded.id,
            "date": day.isoformat(),
            "presence": where.label,
            "bodies": [],
        }
        for b in bodies:
            members = [
                {
                    "member": s.member,
                    "rank": s.rank,
                    "count": s.count,
                    "votes": s.votes,
                    "place": s.place,
                    "present": s.place == b.seat,
                }
                for s in seats(loaded, b.id, day, where)
            ]
            report["bodies"].append(
                {"body": b.id, "name": b.name, "seat": b.seat, "members": members}
            )
        report["whereabouts"] = {a.id: where.split(a.id, 1, day)[0][0] for a in loaded.model.actors}
    if format is Format.json:
        echo_json(report)
        return
    typer.echo(f"{loaded.model.title} — {day:%A %d %B %Y}")
    typer.echo(f"presence: {_PRESENCE_TEXT.get(where.label, where.label)}")
    for b, entry in zip(bodies, report["bodies"], strict=True):
        present = sum(m["count"] for m in entry["members"] if m["present"])
        total = sum(m["count"] for m in entry["members"])
        typer.echo(
            f"\n{b.name} (sits in {places.get(b.seat, b.seat)}): {present} of {total} present"
        )
        for m in entry["members"]:
            mark = "present" if m["present"] else f"away: {places.get(m['place'], m['place'])}"
            count = f" x{m['count']}" if m["count"] > 1 else ""
            vote = "votes" if m["votes"] else "no vote"
            typer.echo(f"  {m['member']:<28}{count:<6} {m['rank']:<14} {vote:<8} {mark}")
    typer.echo("\nWhereabouts:")
    for actor, place in report["whereabouts"].items():
        typer.echo(f"  {actor:<28} {places.get(place, place) if place else 'unknown'}")


class SchemaKind(StrEnum):
    """The kinds of file ``schema`` describes."""

    scenario = "scenario"
    part = "part"
    intervention = "intervention"


FROM_REPLAY = typer.Option(
    "--from-replay",
    help="Presence as the replay moves people (members called back, blocs flown in), not "
    "the schedule the itineraries give.",
)

_PRESENCE_TEXT = {
    "schedule": "by the schedule (the itineraries as written; --from-replay for the replay's)"
}


def schema(
    kind: Annotated[
        SchemaKind,
        typer.Option(
            help="scenario: a scenario in one file; part: any file of a scenario split over "
            "several files; intervention: an intervention file."
        ),
    ] = SchemaKind.scenario,
) -> None:
    """Print the JSON Schema of a kind of file, for editors: it accepts what check accepts."""
    from politburo.experiments.schemas import file_schema

    with user_errors():
        found = file_schema(kind.value)
    echo_json(found, ensure_ascii=True)
