"""The ``migrate`` command: rewrite a scenario folder to the current format, keeping its
meaning (see :mod:`politburo.scenario.migrate`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from politburo.cli.common import user_errors
from politburo.errors import PolitburoError, Problem

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""
    app.command("migrate")(migrate)


def migrate(
    scenario: Annotated[str, typer.Argument(help="A scenario folder (not a bundled name).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; write nothing.")
    ] = False,
) -> None:
    """Rewrite a scenario folder to the current format without changing its meaning: each
    trait format 1 left unset (which meant 0) is written out as 0 with an assumption saying
    so, and ``format: 2`` is set. Comments and layout are kept; each file is replaced
    atomically, and only after the result has been checked to mean the same."""
    from politburo.scenario.migrate import migrate as run
    from politburo.scenario.migrate import plan_migration

    folder = Path(scenario)
    with user_errors():
        if not folder.is_dir():
            raise PolitburoError(
                Problem(
                    f"{scenario!r} is not a folder: migrate rewrites files in place, so give "
                    "the path of a scenario folder",
                    field="SCENARIO",
                )
            )
        plan = plan_migration(folder) if dry_run else run(folder)
    if plan.already:
        typer.echo(f"{folder}: already in the current format; nothing to do")
        return
    verb = "would write" if dry_run else "wrote"
    files = ", ".join(sorted(p.name for p in plan.texts))
    typer.echo(
        f"{folder}: {verb} format 2 and {plan.traits_written} traits that format 1 left unset "
        f"(as 0, the value they had); files: {files}"
    )
