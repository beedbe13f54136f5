"""The ``fidelity`` and ``calibrate`` commands: how well the replay and a batch of runs
reproduce the record, and the joint calibration of the decision model against the records."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from politburo.cli.common import ScenarioArg, echo_json, user_errors
from politburo.cli.common import TextFormat as Format
from politburo.errors import PolitburoError, Problem
from politburo.scenario.bundled import DEFAULT_SCENARIO

if TYPE_CHECKING:
    from politburo.analysis.fidelity import FidelityReport

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
            "met in fewer than --min-share of the runs (for CI).",
        ),
    ] = False,
    min_share: Annotated[
        float,
        typer.Option(help="With --fail-on-miss: the share of runs each target must reach."),
    ] = 0.0,
) -> None:
    """Check the seeded replay and N runs against every target of the scenario's record."""
    from politburo.analysis.fidelity import check_fidelity
    from politburo.scenario import load_scenario
    from politburo.seeds import check_seed

    with user_errors():
        check_seed(seed)
        if not 0.0 <= min_share <= 1.0:
            raise PolitburoError(
                Problem(f"--min-share must lie in [0, 1], not {min_share}", field="--min-share")
            )
        if runs < 1:
            raise PolitburoError(Problem("--runs must be at least 1", field="--runs"))
        model = load_scenario(scenario).model
        report = check_fidelity(model, runs=runs, seed=seed)
    missed = [r.id for r in report.rows if not r.replay or r.share < min_share]
    if format is Format.json:
        echo_json(report.to_json(), indent=1)
    else:
        _print_fidelity(report)
    if fail_on_miss and missed:
        print(f"missed: {', '.join(missed)}", file=sys.stderr)
        raise typer.Exit(code=MISSED_EXIT)


def _print_fidelity(report: FidelityReport) -> None:
    width = max((len(r.id) for r in report.rows), default=10)
    typer.echo(f"{report.scenario}: seed {report.seed}, {report.runs} runs")
    typer.echo(f"{'target'.ljust(width)}  replay  share")
    for r in report.rows:
        mark = "met" if r.replay else "MISSED"
        typer.echo(f"{r.id.ljust(width)}  {mark:6s}  {r.share:6.1%}")
    typer.echo(
        f"replay meets {report.replay_met} of {len(report.rows)} targets; "
        f"{sum(r.share >= 0.8 for r in report.rows)} are met in at least 80% of runs"
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
        settings = settings_for(model, names, iterations, runs, seed, batch)
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
