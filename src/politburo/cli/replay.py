"""The ``replay`` command: tell a scenario's story day by day, with the reason for every step
and the quoted passages behind it."""

from __future__ import annotations

from typing import Annotated

import typer

from politburo.cli.common import ReplayFormat as Format
from politburo.cli.common import ScenarioArg, echo_json, user_errors
from politburo.scenario.bundled import DEFAULT_SCENARIO

__all__ = ["register", "replay"]


def register(app: typer.Typer) -> None:
    """Add the ``replay`` command to ``app``."""
    app.command("replay")(replay)


def replay(
    scenario: ScenarioArg = DEFAULT_SCENARIO,
    seed: Annotated[int, typer.Option(help="Root seed of the run.")] = 0,
    format: Annotated[Format, typer.Option("--format", help="text, json or markdown.")] = (
        Format.text
    ),
    quotes: Annotated[bool, typer.Option(help="Quote the sources behind each step.")] = True,
) -> None:
    """Replay one run of a scenario: every day and session, with reasons and sources."""
    from politburo.analysis.story import render_markdown, render_text, story_json
    from politburo.engine import replay as run_replay
    from politburo.scenario import load_scenario
    from politburo.seeds import check_seed

    with user_errors():
        check_seed(seed)
        loaded = load_scenario(scenario)
        trace = run_replay(loaded.model, seed=seed)
    if format is Format.json:
        echo_json(story_json(loaded, trace), indent=1)
    elif format is Format.markdown:
        typer.echo(render_markdown(loaded, trace, quotes=quotes))
    else:
        typer.echo(render_text(loaded, trace, quotes=quotes))
