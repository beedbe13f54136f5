"""The ``replay`` command: tell a scenario's story day by day, with the reason for every step
and the quoted passages behind it."""

from __future__ import annotations

from typing import Annotated

import typer

from politburo.cli.common import JudgmentUncertain, Uncertain, echo_json, user_errors
from politburo.cli.common import ReplayFormat as Format
from politburo.errors import PolitburoError, Problem

__all__ = ["register", "replay"]


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
    parameter_uncertainty: Uncertain = False,
    judgment_uncertainty: JudgmentUncertain = False,
) -> None:
    """Replay one run of a scenario: every day and session, with reasons and sources.

    Without --run, run 0 on the scenario's own data (interventions applied); with --run R,
    run R as a what-if or batch draws it (give the same --parameter-uncertainty and
    --judgment-uncertainty as the what-if or batch).
    """
    from politburo.analysis.story import render_markdown, render_text, story_json
    from politburo.cli.experiments import interventions_of, split_scenario
    from politburo.experiments.interventions import apply_interventions
    from politburo.experiments.replays import replay_run
    from politburo.scenario import load_scenario
    from politburo.seeds import check_seed

    with user_errors():
        check_seed(seed)
        for option, given in (
            ("--parameter-uncertainty", parameter_uncertainty),
            ("--judgment-uncertainty", judgment_uncertainty),
        ):
            if given and run is None:
                raise PolitburoError(
                    Problem("draws for a run of a what-if or batch: give --run R", field=option)
                )
        name, names = split_scenario(args or [])
        loaded = load_scenario(name)
        chosen = interventions_of(loaded, names, sets or [])
        trace = replay_run(
            loaded,
            chosen,
            run=run or 0,
            seed=seed,
            sample_evidence=run is not None,
            parameter_uncertainty=parameter_uncertainty,
            judgment_uncertainty=judgment_uncertainty,
        )
        if chosen:
            loaded = apply_interventions(loaded, chosen)
    if format is Format.json:
        echo_json(story_json(loaded, trace), indent=1)
    elif format is Format.markdown:
        typer.echo(render_markdown(loaded, trace, quotes=quotes))
    else:
        typer.echo(render_text(loaded, trace, quotes=quotes))
