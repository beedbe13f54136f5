"""The ``fidelity`` and ``calibrate`` commands: how well the replay and a batch of runs
reproduce the record, and the joint calibration of the decision model against the records."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from politburo.cli.common import ScenarioArg, echo_json, user_errors
from politburo.cli.common import TextFormat as Format
from politburo.cli.experiments import Progress, show_progress
from politburo.errors import PolitburoError, Problem
from politburo.scenario.bundled import DEFAULT_SCENARIO

if TYPE_CHECKING:
    from politburo.analysis.fidelity import FidelityReport
    from politburo.scenario.basis import OutcomeBlind

__all__ = ["MISSED_EXIT", "calibrate", "fidelity", "register"]

MISSED_EXIT = 3
"""Exit code of ``fidelity --fail-on-miss`` when a target is missed (1 is a user's mistake)."""


def register(app: typer.Typer) -> None:
    """Add the ``fidelity`` and ``calibrate`` commands to ``app``."""
    app.command("fidelity")(fidelity)
    app.command("calibrate")(calibrate)


def fidelity(
    scenario: ScenarioArg = DEFAULT_SCENARIO,
    runs: Annotated[int, typer.Option(help="Runs to simulate.")] = 1000,
    seed: Annotated[int, typer.Option(help="Root seed; the replay is run 0.")] = 0,
    format: Annotated[Format, typer.Option("--format", help="text or json.")] = Format.text,
    fail_on_miss: Annotated[
        bool,
        typer.Option(
            "--fail-on-miss",
            help=f"Exit with code {MISSED_EXIT} when the replay misses a target or a target is "
            "met in fewer than --min-share of the runs, as written (for CI).",
        ),
    ] = False,
    min_share: Annotated[
        float,
        typer.Option(help="With --fail-on-miss: the share of runs each target must reach."),
    ] = 0.0,
    blind: Annotated[
        bool,
        typer.Option(
            "--outcome-blind/--as-written-only",
            help="Also report the runs with the judgments read from the crisis neutralised.",
        ),
    ] = True,
    progress: Progress = None,
) -> None:
    """Check the seeded replay and N runs against every target of the scenario's record, as
    written and outcome-blind (judgments read from the crisis's course or outcome set to
    their neutral values)."""
    from politburo.analysis.fidelity import check_fidelity
    from politburo.experiments.batch import progress_bar
    from politburo.scenario import load_scenario
    from politburo.scenario.basis import outcome_blind
    from politburo.seeds import check_seed

    with user_errors():
        check_seed(seed)
        if not 0.0 <= min_share <= 1.0:
            raise PolitburoError(
                Problem(f"must lie in [0, 1], not {min_share}", field="--min-share")
            )
        if runs < 1:
            raise PolitburoError(Problem("must be at least 1", field="--runs"))
        loaded = load_scenario(scenario)
        shown = show_progress(progress)
        with progress_bar(runs, f"{loaded.id}: as written", shown) as advance:
            report = check_fidelity(loaded.model, runs=runs, seed=seed, on_progress=advance)
        blinded = outcome_blind(loaded) if blind else None
        blind_report = None
        if blinded is not None and blinded.neutralised:
            with progress_bar(runs, f"{loaded.id}: outcome-blind", shown) as advance:
                blind_report = check_fidelity(
                    blinded.scenario.model, runs=runs, seed=seed, on_progress=advance
                )
    missed = [r.id for r in report.rows if not r.replay or r.share < min_share]
    if format is Format.json:
        data = report.to_json()
        if blinded is not None:
            data["outcome_blind"] = {
                "neutralised": blinded.describe(),
                **(blind_report or report).to_json(),
            }
        echo_json(data, indent=1)
    else:
        _print_fidelity(report, blinded, blind_report)
    if fail_on_miss and missed:
        print(f"missed: {', '.join(missed)}", file=sys.stderr)
        raise typer.Exit(code=MISSED_EXIT)


def _print_fidelity(
    report: FidelityReport, blinded: OutcomeBlind | None, blind_report: FidelityReport | None
) -> None:
    width = max((len(r.id) for r in report.rows), default=10)
    typer.echo(f"{report.scenario}: seed {report.seed}, {report.runs} runs")
    if blind_report is None:
        typer.echo(f"{'target'.ljust(width)}  replay  share")
        for r in report.rows:
            typer.echo(f"{r.id.ljust(width)}  {_mark(r.replay):6s}  {r.share:6.1%}")
    else:
        typer.echo(f"{''.ljust(width)}  {'as written':14s}  outcome-blind")
        typer.echo(f"{'target'.ljust(width)}  replay  share   replay  share")
        for r, b in zip(report.rows, blind_report.rows, strict=True):
            typer.echo(
                f"{r.id.ljust(width)}  {_mark(r.replay):6s}  {r.share:6.1%}  "
                f"{_mark(b.replay):6s}  {b.share:6.1%}"
            )
    typer.echo(f"as written: {_summary(report)}")
    if blinded is not None and blind_report is None:
        typer.echo("outcome-blind: the same (no judgment is read from the crisis)")
    elif blinded is not None and blind_report is not None:
        typer.echo(
            f"outcome-blind ({len(blinded.neutralised)} judgments read from the crisis set to "
            f"neutral values; `politburo check` lists them): {_summary(blind_report)}"
        )


def _mark(met: bool) -> str:
    return "met" if met else "MISSED"


def _summary(report: FidelityReport) -> str:
    rows = report.rows
    return (
        f"replay meets {report.replay_met} of {len(rows)} targets; "
        f"{sum(r.share >= 0.8 for r in rows)} are met in at least 80% of runs; "
        f"mean share {sum(r.share for r in rows) / max(len(rows), 1):.1%}"
        + f"; all met in {report.all_met:.1%} of runs"
    )


def calibrate(
    scenarios: Annotated[
        str, typer.Option(help="Comma-separated scenarios (default: the committed calibration's).")
    ] = "",
    iterations: Annotated[int | None, typer.Option(help="Candidates to score.")] = None,
    runs: Annotated[int | None, typer.Option(help="Runs per scenario per candidate.")] = None,
    seed: Annotated[int | None, typer.Option(help="Root seed of the runs and the search.")] = None,
    batch: Annotated[int | None, typer.Option(help="Candidates drawn per batch.")] = None,
    model: Annotated[str, typer.Option(help="The decision model to calibrate.")] = "default",
    shrink: Annotated[
        float | None,
        typer.Option(help="Pull toward the priors: weight of the distance (0: none)."),
    ] = None,
    prune: Annotated[
        bool | None,
        typer.Option(
            "--prune/--no-prune",
            help="Return each parameter the records do not need to its prior after the search.",
        ),
    ] = None,
    workers: Annotated[int, typer.Option(help="Processes (the result does not depend on it).")] = 2,
    write: Annotated[bool, typer.Option("--write", help="Write the calibrated values.")] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 unless the result equals the committed one.")
    ] = False,
) -> None:
    """Fit the decision model jointly to the records of the bundled scenarios (seeded; with no
    option, re-runs the committed calibration). See docs/model.md, "Calibration"."""
    from politburo.analysis.fidelity.calibrate import run, settings_for
    from politburo.seeds import check_seed

    with user_errors():
        if seed is not None:
            check_seed(seed)
        names = [s for s in scenarios.split(",") if s]
        settings = settings_for(model, names, iterations, runs, seed, batch, shrink, prune)
        code, text = run(
            settings,
            workers=workers,
            write=write,
            check=check,
            progress=lambda line: print(line, file=sys.stderr, flush=True),
        )
    typer.echo(text)
    if code:
        raise typer.Exit(code=code)
