"""Checks of force as the first move: a challenge's ``opening: force`` (file, line and field)."""

from __future__ import annotations

from collections.abc import Callable

from politburo.scenario.schema import ScenarioModel

__all__ = ["check_opening"]

DataPath = tuple[str | int, ...]
Report = Callable[[DataPath, str], None]


def check_opening(model: ScenarioModel, report: Report) -> None:
    """Report every ``opening: force`` in a scenario with no coercion resource: nobody could
    order the target seized, so the challenge could only ever open with a demand."""
    coercion = any(r.kind == "coercion" for office in model.offices for r in office.resources)
    for i, ch in enumerate(model.challenges):
        if ch.opening == "force" and not coercion:
            report(
                ("challenges", i, "opening"),
                "'opening: force' needs a coercion resource (an office's resource of kind "
                "'coercion') that the leaders or an actor on their side may order; the "
                "scenario has none",
            )
