"""The ``whatif``, ``batch`` and ``query`` commands: Monte Carlo experiments on a scenario."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from politburo.cli.common import (
    JudgmentUncertain,
    TableFormat,
    TextFormat,
    Uncertain,
    csv_text,
    echo_json,
    user_errors,
)
from politburo.errors import PolitburoError, Problem
from politburo.seeds import check_seed

if TYPE_CHECKING:
    from politburo.analysis.sensitivity import FactSensitivity
    from politburo.experiments.interventions import Intervention
    from politburo.experiments.plan import Plan, Runs
    from politburo.experiments.stats import Estimate
    from politburo.experiments.whatif import Change, WhatIf
    from politburo.scenario.loading import Scenario

__all__ = ["interventions_of", "register", "split_scenario"]


def register(app: typer.Typer) -> None:
    """Add the experiment commands to ``app``."""
    app.command("whatif")(whatif)
    app.command("batch")(batch)
    app.command("query")(query)


Args = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[SCENARIO] INTERVENTION...",
        help="A bundled scenario's name or a scenario folder (default june-1957), then "
        "interventions: names of the scenario's what-ifs or paths of YAML files.",
        show_default=False,
    ),
]
Sets = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="PATH=VALUE",
        help="Set a value in the scenario (VALUE is YAML); repeatable.",
    ),
]
Runs_ = Annotated[int, typer.Option("--runs", "-n", help="Runs per arm.")]
Seed = Annotated[int, typer.Option(help="Root seed: the same seed gives the same runs.")]
Workers = Annotated[
    int | None, typer.Option(help="Worker processes (default: every core).", show_default=False)
]
Fixed = Annotated[
    bool,
    typer.Option(
        "--fixed-evidence",
        help="Use the scenario's own data; do not sample contested facts and ranges.",
    ),
]
Progress = Annotated[
    bool | None,
    typer.Option(
        "--progress/--no-progress",
        help="Show a progress bar (default: when stderr is a terminal).",
        show_default=False,
    ),
]
Blind = Annotated[
    bool,
    typer.Option(
        "--outcome-blind/--as-written-only",
        help="Also report the outcomes with the judgments read from the crisis neutralised.",
    ),
]
Sensitivity = Annotated[
    bool, typer.Option("--sensitivity", help="Also rank the uncertain facts by their effect.")
]


def _or_a_scenario(problem: Problem) -> Problem:
    """A name that is no what-if may be a mistyped scenario: say which scenarios there are."""
    from politburo.scenario.bundled import bundled_names

    if problem.field != "INTERVENTION" or not problem.message.startswith("no what-if"):
        return problem
    bundled = ", ".join(bundled_names())
    message = f"{problem.message}; nor a scenario folder or bundled scenario ({bundled})"
    return Problem(message, file=problem.file, line=problem.line, field=problem.field)


def split_scenario(args: list[str]) -> tuple[str, list[str]]:
    """The scenario named first (when the first argument is one, or a scenario's own
    ``scenario.yaml``, which loading refuses by name) and the interventions."""
    from politburo.scenario.bundled import DEFAULT_SCENARIO, bundled_names

    first = Path(args[0]) if args else None
    if first is not None and (
        args[0] in bundled_names() or first.is_dir() or first.name == "scenario.yaml"
    ):
        return args[0], args[1:]
    return DEFAULT_SCENARIO, args


def interventions_of(scenario: Scenario, names: list[str], sets: list[str]) -> list[Intervention]:
    """Every intervention named, and one for the ``--set`` options; all problems at once."""
    from politburo.experiments.interventions import from_assignments, resolve_intervention

    result: list[Intervention] = []
    problems: list[Problem] = []
    for name in names:
        try:
            result.append(resolve_intervention(name, scenario))
        except PolitburoError as error:
            problems.extend(_or_a_scenario(p) for p in error.problems)
    if sets:
        try:
            result.append(from_assignments(sets, scenario))
        except PolitburoError as error:
            problems.extend(error.problems)
    if problems:
        raise PolitburoError(problems)
    return result


def show_progress(flag: bool | None) -> bool:
    """Whether to show a progress bar: as ``--progress`` says, else when stderr is a terminal."""
    return sys.stderr.isatty() if flag is None else flag


def _pct(share: float) -> float:
    return round(100 * share, 1) + 0.0  # no "-0.0"


def _percent(estimate: Estimate) -> str:
    return f"{_pct(estimate.value):5.1f}% [{_pct(estimate.low):.1f}, {_pct(estimate.high):.1f}]"


def _points(estimate: Estimate) -> str:
    return f"{_pct(estimate.value):+5.1f} [{_pct(estimate.low):+.1f}, {_pct(estimate.high):+.1f}]"


def _estimate_json(estimate: Estimate) -> dict[str, float]:
    return {"p": estimate.value, "low": estimate.low, "high": estimate.high}


def _change_json(change: Change) -> dict[str, Any]:
    return {
        "name": change.name,
        "base": _estimate_json(change.base),
        "with": _estimate_json(change.changed),
        "difference": _estimate_json(change.difference),
    }


def _draws(report: WhatIf) -> str:
    """What each run draws, in words."""
    facts = report.plan.evidence.facts
    if not facts:
        return "each run on the scenario's own data and the committed calibration"
    kinds = {"contested": "contested facts", "range": "parameter ranges"}
    told = [
        f"{sum(f.kind == kind for f in facts)} {words}"
        for kind, words in kinds.items()
        if any(f.kind == kind for f in facts)
    ]
    told += [
        f"the judgments (one of {len(f.alternatives)} draws)" for f in facts if f.kind == "judgment"
    ]
    told += [
        f"the calibration (one of {len(f.alternatives)} held-out fits)"
        for f in facts
        if f.kind == "calibration"
    ]
    return "each run draws " + " and ".join([", ".join(told[:-1]), told[-1]] if told[:-1] else told)


def _report_json(report: WhatIf, steps: int, ranked: list[FactSensitivity]) -> dict[str, Any]:
    return {
        "scenario": report.scenario,
        "runs": report.runs,
        "seed": report.seed,
        "draws": {
            f.id: {"kind": f.kind, "alternatives": f.labels} for f in report.plan.evidence.facts
        },
        "base": {k: _estimate_json(v) for k, v in report.base.items()},
        "interventions": [
            {
                "id": c.intervention.id,
                "description": c.intervention.description,
                "outcomes": [_change_json(x) for x in c.outcomes],
                "steps": [_change_json(x) for x in c.steps[:steps]],
            }
            for c in report.comparisons
        ],
        "sensitivity": [_sensitivity_json(s) for s in ranked],
    }


def _sensitivity_json(item: FactSensitivity) -> dict[str, Any]:
    return {
        "fact": item.fact,
        "outcome": item.outcome,
        "contrast": list(item.contrast),
        "effect": _estimate_json(item.effect),
        "by_alternative": {
            k: {**_estimate_json(e), "runs": n} for k, (e, n) in item.by_alternative.items()
        },
    }


def _console(**options: Any) -> Any:
    """A console that prints data as data: no markup, emoji codes or highlighting is read
    in scenario text, descriptions or query results."""
    from rich.console import Console

    options.setdefault("width", None if sys.stdout.isatty() else 160)
    return Console(markup=False, emoji=False, highlight=False, **options)


def _bold(*parts: str) -> Any:
    """``parts`` as rich text, the first in bold (the rest as they are)."""
    from rich.text import Text

    return Text.assemble((parts[0], "bold"), *parts[1:])


def _table(first: str, title: str | None = None) -> Any:
    from rich.table import Table

    table = Table(box=None, title=title, title_justify="left", pad_edge=False)
    table.add_column(first, overflow="fold", ratio=1)
    for name in ("unchanged", "with intervention", "change (points)"):
        table.add_column(name, no_wrap=True, justify="right")
    return table


def _add_row(table: Any, change: Change) -> None:
    """A row of ``table`` (of :func:`_table`): the name, both arms and the difference."""
    table.add_row(
        change.name, _percent(change.base), _percent(change.changed), _points(change.difference)
    )


def _settled(change: Change) -> bool:
    """Whether an outcome is the same certainty in both arms (and so not worth a row)."""
    return change.difference.value == 0 and change.base.value in (0.0, 1.0)


def _print_report(report: WhatIf, steps: int, ranked: list[FactSensitivity]) -> None:
    console = _console()
    console.print(
        _bold(
            report.scenario,
            f": {report.runs:,} runs per arm, seed {report.seed}; 95% intervals; "
            "changes paired by run.",
        )
    )
    console.print(f"{_draws(report)}.", style="dim")
    for comparison in report.comparisons:
        intervention = comparison.intervention
        console.print()
        console.print(_bold(f"what if: {intervention.id}", f" — {intervention.description}"))
        table = _table("outcome")
        for change in comparison.outcomes:
            if not _settled(change) or change.name.endswith(".succeeded"):
                _add_row(table, change)
        console.print(table)
        certain = [
            c.name
            for c in comparison.outcomes
            if _settled(c) and c.base.value == 1.0 and not c.name.endswith(".succeeded")
        ]
        if certain:
            console.print(f"in every run of both arms: {'; '.join(certain)}", style="dim")
        moved = [c for c in comparison.steps[:steps] if c.difference.value != 0]
        if moved:
            table = _table("step", "steps whose frequency changed most")
            for change in moved:
                _add_row(table, change)
            console.print(table)
        else:
            console.print("no step changed its frequency")
    if ranked:
        _print_sensitivity(console, ranked)


def _print_sensitivity(
    console: Any, ranked: list[FactSensitivity], runs: str = "unchanged scenario"
) -> None:
    """The uncertain facts ranked by their effect, over the ``runs`` named in the title."""
    from rich.table import Table

    console.print()
    table = Table(
        box=None,
        title=f"what the outcome turns on ({runs})",
        title_justify="left",
        pad_edge=False,
    )
    table.add_column("uncertain fact", overflow="fold")
    table.add_column("outcome where it matters most", overflow="fold", ratio=1)
    table.add_column("alternatives compared", overflow="fold")
    table.add_column("effect (points)", no_wrap=True, justify="right")
    for item in ranked:
        table.add_row(
            item.fact,
            item.outcome,
            f"{item.contrast[0]} -> {item.contrast[1]}",
            _points(item.effect),
        )
    console.print(table)


def _rank(runs: Runs, plan: Plan) -> list[FactSensitivity]:
    """Rank the facts that can change a run (not those that edit only the record, nor the
    judgments' draws: the largest gap among many unnamed draws of noise ranks high by
    chance)."""
    from politburo.analysis.sensitivity import rank_facts
    from politburo.experiments.whatif import value_labels

    facts = {
        fact.id: fact.labels
        for fact, codes in zip(plan.evidence.facts, plan.engine_codes, strict=True)
        if any(code >= 0 for code in codes) and fact.kind != "judgment"
    }
    ranges = [f.id for f in plan.evidence.facts if f.kind == "range"]
    return rank_facts(runs, facts, ranges=ranges, labels=value_labels(plan.scenario.model))


def whatif(
    args: Args = None,
    set_: Sets = None,
    runs: Runs_ = 10_000,
    seed: Seed = 0,
    workers: Workers = None,
    steps: Annotated[int, typer.Option(help="How many changed steps to show.")] = 10,
    fixed_evidence: Fixed = False,
    parameter_uncertainty: Uncertain = False,
    judgment_uncertainty: JudgmentUncertain = False,
    sensitivity: Sensitivity = False,
    progress: Progress = None,
    format: Annotated[TextFormat, typer.Option("--format", help="text or json.")] = (
        TextFormat.text
    ),
    blind: Blind = True,
) -> None:
    """Probability of each outcome with and without interventions, 95% intervals, and the
    steps whose frequency changed most; the outcomes again outcome-blind (judgments read
    from the crisis's course or outcome set to their neutral values)."""
    from politburo.experiments.batch import check_runs
    from politburo.experiments.runners import make_runner
    from politburo.experiments.whatif import whatif as run_whatif
    from politburo.scenario import load_scenario
    from politburo.scenario.basis import outcome_blind

    with user_errors():
        check_seed(seed)
        name, rest = split_scenario(list(args or []))
        check_runs(runs)
        scenario = load_scenario(name)
        interventions = interventions_of(scenario, rest, list(set_ or []))
        if not interventions:
            raise PolitburoError(
                Problem(
                    "name at least one intervention (a what-if or a file) or give --set PATH=VALUE",
                    field="INTERVENTION",
                )
            )
        blinded = outcome_blind(scenario) if blind else None
        blind_arms: list[Intervention] = []
        skipped: list[str] = []
        if blinded is not None and blinded.neutralised:
            blind_arms, skipped = _blind_arms(blinded.scenario, rest, list(set_ or []))
        runner = make_runner("local", workers=workers)
        try:
            report = run_whatif(
                scenario,
                interventions,
                runs=runs,
                seed=seed,
                runner=runner,
                sample_evidence=not fixed_evidence,
                parameter_uncertainty=parameter_uncertainty,
                judgment_uncertainty=judgment_uncertainty,
                progress=show_progress(progress),
            )
            blind_report = None
            if blinded is not None and blind_arms:
                blind_report = run_whatif(
                    blinded.scenario,
                    blind_arms,
                    runs=runs,
                    seed=seed,
                    runner=runner,
                    sample_evidence=not fixed_evidence,
                    parameter_uncertainty=parameter_uncertainty,
                    judgment_uncertainty=judgment_uncertainty,
                    progress=show_progress(progress),
                )
        finally:
            runner.close()
        ranked = _rank(report.base_runs, report.plan) if sensitivity else []
    if format is TextFormat.json:
        data = _report_json(report, steps, ranked)
        if blinded is not None:
            blind_data = _report_json(blind_report or report, steps, [])
            ran = blind_report is not None or not blinded.neutralised
            data["outcome_blind"] = {
                "neutralised": blinded.describe(),
                "dropped_edits": list(blinded.dropped_edits),
                "skipped": skipped,
                "base": blind_data["base"] if ran else {},
                "interventions": blind_data["interventions"] if ran else [],
            }
        echo_json(data, ensure_ascii=True)
    else:
        _print_report(report, steps, ranked)
        if blinded is not None:
            _print_blind(blind_report, len(blinded.neutralised), skipped)


def _blind_arms(
    blind: Scenario, names: list[str], sets: list[str]
) -> tuple[list[Intervention], list[str]]:
    """The interventions resolved against the outcome-blind scenario, each on its own, and
    the problems of those that edit a judgment it neutralised (which are left out)."""
    arms: list[Intervention] = []
    skipped: list[str] = []
    groups: list[tuple[list[str], list[str]]] = [([name], []) for name in names]
    if sets:
        groups.append(([], sets))
    for group in groups:
        try:
            arms += interventions_of(blind, *group)
        except PolitburoError as error:
            skipped += [str(p) for p in error.problems]
    return arms, skipped


def _print_blind(report: WhatIf | None, neutralised: int, skipped: list[str]) -> None:
    """The outcomes again, outcome-blind (nothing to print when nothing was neutralised)."""
    console = _console()
    console.print()
    if skipped:
        ran = "not run for some" if report is not None else "not run"
        console.print(
            f"outcome-blind: {ran}; these interventions edit judgments read from the crisis, "
            "which the outcome-blind scenario neutralised:",
            soft_wrap=True,
        )
        for problem in skipped:
            console.print(f"  {problem}", soft_wrap=True)
        if report is None:
            return
    elif report is None:
        console.print("outcome-blind: the same (no judgment is read from the crisis)")
        return
    console.print(
        f"outcome-blind: {neutralised} judgments read from the crisis set to neutral "
        "values (`politburo check` lists them)"
    )
    for comparison in report.comparisons:
        table = _table("outcome", f"what if: {comparison.intervention.id} (outcome-blind)")
        for change in comparison.outcomes:
            if not _settled(change) or change.name.endswith(".succeeded"):
                _add_row(table, change)
        console.print(table)


def batch(
    args: Args = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the Parquet chunks.")] = Path(
        "out"
    ),
    set_: Sets = None,
    runs: Runs_ = 10_000,
    seed: Seed = 0,
    backend: Annotated[str, typer.Option(help="local (processes) or dask.")] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Address of a Dask scheduler (tcp://host:8786); default: a local cluster.",
            show_default=False,
        ),
    ] = None,
    workers: Workers = None,
    chunk_size: Annotated[int, typer.Option(help="Runs per Parquet file.")] = 50_000,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the scheduler.")] = 10.0,
    fixed_evidence: Fixed = False,
    parameter_uncertainty: Uncertain = False,
    judgment_uncertainty: JudgmentUncertain = False,
    sensitivity: Sensitivity = False,
    progress: Progress = None,
) -> None:
    """Many runs to Parquet, one row per run; rerun the same command to resume."""
    from politburo.experiments.batch import check_runs, run_batch
    from politburo.experiments.plan import make_plan
    from politburo.experiments.runners import make_runner
    from politburo.scenario import load_scenario

    with user_errors():
        check_seed(seed)
        name, rest = split_scenario(list(args or []))
        check_runs(runs, chunk_size)
        scenario = load_scenario(name)
        interventions = interventions_of(scenario, rest, list(set_ or []))
        plan = make_plan(
            scenario,
            interventions,
            seed=seed,
            sample_evidence=not fixed_evidence,
            parameter_uncertainty=parameter_uncertainty,
            judgment_uncertainty=judgment_uncertainty,
        )
        runner = make_runner(backend, workers=workers, scheduler=scheduler, timeout=timeout)
        try:
            with _terminate_as_interrupt():
                result = run_batch(
                    plan,
                    out,
                    runs,
                    chunk_size=chunk_size,
                    runner=runner,
                    progress=show_progress(progress),
                )
        except KeyboardInterrupt:
            typer.echo(
                f"interrupted: the chunks written to {out} are whole; run the same "
                "command again to resume",
                err=True,
            )
            raise typer.Exit(code=130) from None
        finally:
            runner.close()
    for name in result.damaged:
        typer.echo(f"{result.folder / name}: damaged (checksum differs); computed again", err=True)
    typer.echo(
        f"{result.runs:,} runs in {result.chunks} chunks in {result.folder} "
        f"({result.written} written, {result.skipped} already there)"
    )
    typer.echo(f'query them: politburo query {out} "SELECT count(*) FROM runs"')
    if sensitivity:
        from politburo.experiments.store import read_runs
        from politburo.experiments.whatif import is_outcome

        def keep(name: str) -> bool:
            return name.startswith("evidence.") or is_outcome(name)

        with user_errors():
            ranked = _rank(read_runs(result.folder, keep), plan)
        runs_of = "the batch's runs, with its interventions" if plan.interventions else None
        _print_sensitivity(_console(), ranked, runs_of or "the batch's runs")


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM (``kill``, a job scheduler) stops the process as Ctrl-C
    does, so that what a batch leaves is cleaned up the same way."""
    import signal

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave the signal alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def query(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="A batch's output folder.")],
    sql: Annotated[
        str, typer.Argument(metavar="SQL", help="One SELECT over the view `runs` (read-only).")
    ],
    format: Annotated[TableFormat, typer.Option("--format", help="text, csv or json.")] = (
        TableFormat.text
    ),
) -> None:
    """Run SQL over a batch's results (DuckDB; the runs are the view ``runs``), confined to
    the batch: one read-only SELECT, DuckDB's external access off except to the batch folder
    (no other file, URL, database or extension), its settings locked; every chunk is checked
    against the checksum in the batch manifest first, and a damaged one is named."""
    from politburo.experiments.store import coverage
    from politburo.experiments.store import query as run_query

    with user_errors():
        names, rows = run_query(folder, sql)
        present, expected = coverage(folder)
    if present < expected:
        typer.echo(
            f"warning: {folder}: {present} of the batch's {expected} chunks are here; the "
            "results cover only their runs (run the batch again with the same arguments to "
            "complete it)",
            err=True,
        )
    if format is TableFormat.csv:
        sys.stdout.write(csv_text(names, rows, lineterminator="\r\n"))
    elif format is TableFormat.json:
        records = [dict(zip(names, row, strict=True)) for row in rows]
        echo_json(records, ensure_ascii=True, default=str)
    elif len(names) > WIDEST_TABLE:
        _print_records(names, rows)
    else:
        from rich.table import Table
        from rich.text import Text

        table = Table()
        for name in names:
            table.add_column(Text(name))
        for row in rows:
            table.add_row(*(Text("NULL" if v is None else str(v)) for v in row))
        _console(soft_wrap=True, width=None).print(table)


WIDEST_TABLE = 8
"""Most columns ``query`` prints as a table; wider results print one record at a time."""


def _print_records(names: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Each row as a block of ``column  value`` lines (a table that wide would not fit)."""
    width = max(map(len, names))
    for number, row in enumerate(rows, start=1):
        typer.echo(f"-- row {number} --")
        for name, value in zip(names, row, strict=True):
            typer.echo(f"{name:<{width}}  {'NULL' if value is None else value}")
