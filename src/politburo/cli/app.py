"""The ``politburo`` command: a thin Typer interface over the public API.

Each command lives in its own module and registers itself on :data:`app`; heavy libraries
(Dask, DuckDB, matplotlib) are imported inside the commands that need them, so that
``politburo replay`` starts quickly.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from politburo.cli import (
    experiments,
    fidelity,
    migrate,
    power,
    replay,
    scenario_commands,
    sources,
    validate,
    web,
)

__all__ = ["app", "main"]

_USAGE_ERROR: type[Exception] = typer.BadParameter.__mro__[1]
"""Click's usage error, whichever copy of Click this Typer uses (BadParameter's base)."""

USAGE_EXIT = 1
"""Exit code of a command line that cannot be parsed: a user's mistake, like any other."""


class _Group(TyperGroup):
    """The root command: a command line that cannot be parsed (an unknown option, a value
    that is not a number, a format the command does not write) exits with code 1, as every
    other mistake of the user does, instead of Click's 2."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except _USAGE_ERROR as error:
            error.exit_code = USAGE_EXIT  # type: ignore[attr-defined]
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _USAGE_ERROR as error:
            error.exit_code = USAGE_EXIT  # type: ignore[attr-defined]
            raise


app = typer.Typer(
    cls=_Group,
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
validate.register(app)
web.register(app)
migrate.register(app)


def main() -> None:
    """Entry point of the console script."""
    app()
