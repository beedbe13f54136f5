"""The ``explore`` and ``serve`` commands: the crisis explorer in a browser."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from politburo.cli.common import ScenarioArg, user_errors
from politburo.cli.sources import DEFAULT_STORE
from politburo.errors import PolitburoError, Problem
from politburo.scenario.bundled import DEFAULT_SCENARIO

__all__ = ["explore", "register", "serve"]

Store = Annotated[
    Path,
    typer.Option(
        "--store", help="Evidence store whose corrections of the scenario's sources are shown."
    ),
]


def register(app: typer.Typer) -> None:
    """Add the explorer commands to ``app``."""
    app.command("explore")(explore)
    app.command("serve")(serve)


def explore(
    scenario: ScenarioArg = DEFAULT_SCENARIO,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write.")] = Path("explorer"),
    seed: Annotated[int, typer.Option(help="Root seed of the replay shown.")] = 0,
    store: Store = Path(DEFAULT_STORE),
) -> None:
    """Write the explorer as a folder that opens from file:// (no server, no network).

    A scenario that fails its checks gets a page listing its problems (and exit code 1).
    """
    from politburo.seeds import check_seed
    from politburo.web.site import write_explorer

    with user_errors():
        check_seed(seed)
        result = write_explorer(scenario, out, seed=seed, store=store)
    index = (result.folder / "index.html").resolve()
    typer.echo(f"{index} (the folder: {result.size / 1e6:.2f} MB)")
    if result.problems:
        for problem in result.problems:
            typer.echo(f"error: {problem}", err=True)
        raise typer.Exit(1)


def serve(
    scenario: ScenarioArg = DEFAULT_SCENARIO,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8765,
    seed: Annotated[int, typer.Option(help="Root seed of the replay shown.")] = 0,
    workers: Annotated[int, typer.Option(help="Worker processes for what-ifs.")] = 2,
    store: Store = Path(DEFAULT_STORE),
) -> None:
    """Serve the explorer on 127.0.0.1, with what-ifs run live."""
    from politburo.scenario import load_scenario
    from politburo.seeds import check_seed
    from politburo.web.server import HOST
    from politburo.web.server import serve as run_server

    with user_errors():
        check_seed(seed)
        problems = [
            Problem("must be at least 1", field="--workers") if workers < 1 else None,
            Problem("must be a port from 1 to 65535", field="--port")
            if not 1 <= port <= 65535
            else None,
        ]
        if any(problems):
            raise PolitburoError([p for p in problems if p is not None])
    try:
        load_scenario(scenario)
    except PolitburoError as error:  # served all the same: the page lists the problems
        for problem in error.problems:
            typer.echo(f"error: {problem}", err=True)
    typer.echo(f"Serving {scenario} on http://{HOST}:{port}/ (Ctrl-C stops)")
    run_server(scenario, port=port, seed=seed, workers=workers, store=store)
