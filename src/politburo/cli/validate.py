"""The ``validate`` command: leave one crisis out, fit on the others, predict its outcome."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from politburo.cli.common import TextFormat as Format
from politburo.cli.common import echo_json, user_errors
from politburo.errors import PolitburoError, Problem
from politburo.scenario.spread import DEFAULT_DRAWS, MAX_DRAWS

if TYPE_CHECKING:
    from politburo.engine.parameters import HeldOutCalibrations

__all__ = ["register", "validate"]

ITERATIONS = 60
"""Candidates each fold's search scores by default (the documented table used 200)."""
RESTARTS = 5
"""Searches per fold by default."""
WORKERS = 2
"""Processes for the searches by default."""


def register(app: typer.Typer) -> None:
    """Add the ``validate`` command to ``app``."""
    app.command("validate")(validate)


def validate(
    iterations: Annotated[
        int, typer.Option(help="Candidates the search scores per fold.")
    ] = ITERATIONS,
    runs: Annotated[int, typer.Option(help="Runs per crisis per candidate.")] = 50,
    seed: Annotated[int, typer.Option(help="Root seed of the runs and the searches.")] = 0,
    restarts: Annotated[
        int,
        typer.Option(
            help="Searches per fold, seeded SEED, SEED+1, ...; each crisis is predicted by "
            "the mean over their fits.",
        ),
    ] = RESTARTS,
    shrink: Annotated[
        float,
        typer.Option(help="Pull of each fold's search toward the priors (see `calibrate`)."),
    ] = 0.0,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune/--no-prune",
            help="Return each parameter the other crises do not need to its prior.",
        ),
    ] = True,
    judgment_draws: Annotated[
        int,
        typer.Option(
            help="Also predict each crisis over this many draws of its judgments, with the "
            "spread of independent readings (0: not).",
        ),
    ] = DEFAULT_DRAWS,
    spread_scale: Annotated[
        float,
        typer.Option(
            help="Multiply every judgment's spread by this (to see how far the result rests "
            "on the spread; 1 is the measured spread).",
        ),
    ] = 1.0,
    committed: Annotated[
        bool,
        typer.Option(
            "--committed",
            help="Fit nothing: predict each crisis with the committed held-out fits that "
            "left it out (engine/calibrations/default.held-out.json).",
        ),
    ] = False,
    workers: Annotated[
        int, typer.Option(help="Processes for the searches (the result does not depend on it).")
    ] = WORKERS,
    format: Annotated[Format, typer.Option("--format", help="text or json.")] = Format.text,
    ensemble: Annotated[
        bool,
        typer.Option(
            "--ensemble",
            help="Also predict each crisis by the fits leaving it and one other out (slower).",
        ),
    ] = False,
    cross: Annotated[
        bool,
        typer.Option(
            "--cross",
            help="Fit nothing: run every crisis under every committed held-out fit "
            "(engine/calibrations/default.held-out.json) and print the table.",
        ),
    ] = False,
    write: Annotated[
        bool,
        typer.Option(
            "--write",
            help="Keep each fold's fitted values in the engine, for --parameter-uncertainty.",
        ),
    ] = False,
) -> None:
    """Hold out each crisis of the bundled scenarios and the corpus in turn, calibrate on the
    others and predict whether its target lost his office, beside two baselines (see
    docs/validation.md)."""
    from politburo.analysis.fidelity.calibrate import write_json
    from politburo.analysis.validation import MODEL, corpus, corpus_blind, leave_one_out
    from politburo.engine.parameters import held_out_path
    from politburo.seeds import MAX_SEED, check_seed

    with user_errors():
        _refuse_fit_options(
            cross,
            committed,
            {
                "--iterations": iterations != ITERATIONS,
                "--restarts": restarts != RESTARTS,
                "--shrink": shrink != 0.0,
                "--no-prune": not prune,
                "--ensemble": ensemble,
                "--write": write,
                "--judgment-draws": cross and judgment_draws != DEFAULT_DRAWS,
                "--spread-scale": cross and spread_scale != 1.0,
                "--workers": workers != WORKERS,
            },
        )
    if cross:
        _cross(runs, seed, format)
        return
    with user_errors():
        check_seed(seed)
        for name, value in (
            ("--iterations", iterations),
            ("--runs", runs),
            ("--restarts", restarts),
            ("--workers", workers),
        ):
            if value < 1:
                raise PolitburoError(Problem("must be at least 1", field=name))
        if not 0 <= judgment_draws <= MAX_DRAWS:
            raise PolitburoError(
                Problem(f"must be from 0 (none) to {MAX_DRAWS}", field="--judgment-draws")
            )
        if not 0.0 <= spread_scale <= 10.0:
            raise PolitburoError(Problem("must be from 0 to 10", field="--spread-scale"))
        if seed + restarts - 1 > MAX_SEED:
            last = f"the last search would be seeded {seed + restarts - 1}"
            raise PolitburoError(
                Problem(f"{last}, past the largest seed {MAX_SEED}", field="--restarts")
            )
        if shrink < 0:
            raise PolitburoError(Problem("must be at least 0", field="--shrink"))
        record = _committed_fits("--committed") if committed else None
        result = leave_one_out(
            corpus(),
            iterations=record.iterations if record else iterations,
            runs=runs,
            seed=seed,
            restarts=record.restarts if record else restarts,
            shrink=shrink,
            prune=prune,
            ensemble=ensemble,
            blind=corpus_blind(),
            draws=judgment_draws,
            spread_scale=spread_scale,
            committed_fits=record.folds if record else None,
            workers=workers,
            progress=lambda line: print(line, file=sys.stderr, flush=True),
        )
    if write:
        path = write_json(held_out_path(MODEL), result.held_out().to_json())
        print(f"each fold's values written to {path}", file=sys.stderr)
    if format is Format.json:
        echo_json(
            {
                "iterations": result.iterations,
                "runs": result.runs,
                "seed": result.seed,
                "restarts": result.restarts,
                "shrink": None if record else result.shrink,
                "prune": None if record else result.prune,
                "judgment_draws": result.draws,
                "spread_scale": result.spread_scale,
                "committed_fits": record.command if record else None,
                "folds": [f.__dict__ for f in result.folds],
                "scores": result.scores(),
                "spread": result.spread(),
            },
            indent=1,
        )
        return
    searches = f"{result.restarts} search{'es' if result.restarts > 1 else ''} a fold"
    fits = (
        f"the committed fits ({searches}: {record.command})"
        if record
        else f"{iterations} candidates per fold, {searches}"
        + (f", pull toward the priors {shrink:g}" if shrink else "")
        + ("" if prune else ", not pruned")
    )
    drawn = f", each crisis's judgments drawn {judgment_draws} times" if judgment_draws else ""
    drawn += (
        f" with the spread times {spread_scale:g}" if judgment_draws and spread_scale != 1 else ""
    )
    typer.echo(
        f"Leave one crisis out: {len(result.folds)} crises, {fits}, {runs} runs, seed {seed}"
        + drawn
    )
    typer.echo(result.table())


def _refuse_fit_options(cross: bool, committed: bool, given: dict[str, bool]) -> None:
    """Refuse the options of a fit when nothing is fitted (``--cross``, ``--committed``)."""
    if cross and committed:
        raise PolitburoError(Problem("takes no --cross", field="--committed"))
    named = [name for name, changed in given.items() if changed]
    if (cross or committed) and named:
        option = "--cross" if cross else "--committed"
        raise PolitburoError(
            Problem(f"fits nothing, so it takes no {', '.join(named)}", field=option)
        )


def _committed_fits(option: str) -> HeldOutCalibrations:
    """The engine's committed held-out fits, refused with a message if there are none."""
    from politburo.analysis.validation import MODEL
    from politburo.engine.parameters import load_held_out

    record = load_held_out(MODEL)
    if record is None:
        raise PolitburoError(
            Problem("no held-out fits are committed; run validate --write", field=option)
        )
    return record


def _cross(runs: int, seed: int, format: Format) -> None:
    """Print every crisis's removal share under every committed held-out fit."""
    from politburo.analysis.validation import corpus, cross_predictions, cross_table
    from politburo.seeds import check_seed

    with user_errors():
        check_seed(seed)
        if runs < 1:
            raise PolitburoError(Problem("must be at least 1", field="--runs"))
        record = _committed_fits("--cross")
        shares = cross_predictions(corpus(), record.folds, runs, seed)
    if format is Format.json:
        echo_json({"runs": runs, "seed": seed, "shares": shares}, indent=1)
        return
    typer.echo(
        "Share of runs removing the target, by the fit that left each crisis out "
        f"({runs} runs, seed {seed})"
    )
    typer.echo(cross_table(shares))
