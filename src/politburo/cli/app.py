"""The ``politburo`` command: a thin Typer interface over the public API.

Each command lives in its own module and registers itself on :data:`app`; heavy libraries
(Dask, DuckDB, matplotlib) are imported inside the commands that need them, so that
``politburo replay`` starts quickly.
"""

from __future__ import annotations

import typer

from politburo.cli import experiments, fidelity, power, replay, scenario_commands, sources, web

__all__ = ["app", "main"]

app = typer.Typer(
    name="politburo",
    help="Model, replay and probe power struggles inside collective-leadership bodies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

scenario_commands.register(app)
power.register(app)
experiments.register(app)
sources.register(app)
replay.register(app)
fidelity.register(app)
web.register(app)


def main() -> None:
    """Entry point of the console script."""
    app()
