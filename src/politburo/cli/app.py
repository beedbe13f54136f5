"""The ``politburo`` command: a thin Typer interface over the public API.

Each command lives in its own module and registers itself on :data:`app`; heavy libraries
(Dask, DuckDB, matplotlib) are imported inside the commands that need them, so that
``politburo replay`` starts quickly.
"""

from __future__ import annotations

from typing import Annotated

import typer

from politburo.cli import experiments, fidelity, power, replay, scenario_commands, sources

__all__ = ["app", "main"]

app = typer.Typer(
    name="politburo",
    help="Model, replay and probe power struggles inside collective-leadership bodies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from politburo import __version__

        typer.echo(f"politburo {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Model, replay and probe power struggles inside collective-leadership bodies."""


scenario_commands.register(app)
power.register(app)
experiments.register(app)
sources.register(app)
replay.register(app)
fidelity.register(app)


def main() -> None:
    """Entry point of the console script."""
    app()
