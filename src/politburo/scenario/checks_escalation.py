"""Checks of escalation to the higher body: a challenge's ``call: escalate`` and a body's
``deadlock: refer`` (file, line and field)."""

from __future__ import annotations

from collections.abc import Callable

from politburo.scenario.schema import ScenarioModel
from politburo.scenario.schema.bodies import Body

__all__ = ["check_escalation", "convenes"]

DataPath = tuple[str | int, ...]
Report = Callable[[DataPath, str], None]


def convenes(model: ScenarioModel, body: Body) -> list[str]:
    """The bodies ``body`` may convene: by a ``convene`` power, or named in their
    ``convened_by``."""
    by_power = [p.body for p in body.powers if p.motion == "convene" and p.body is not None]
    by_rule = [b.id for b in model.bodies if any(r.body == body.id for r in b.convened_by)]
    return list(dict.fromkeys(by_power + by_rule))


def check_escalation(model: ScenarioModel, report: Report) -> None:
    """Report every ``deadlock: refer`` with nowhere to refer to, and every ``call: escalate``
    whose arena cannot convene the body that decides on the office."""
    for i, body in enumerate(model.bodies):
        if body.deadlock == "refer" and not convenes(model, body):
            report(
                ("bodies", i, "deadlock"),
                f"the body {body.id!r} may convene no body: a deadlock has nowhere to be "
                "referred (give it a 'convene' power over the higher body, or delete "
                "'deadlock')",
            )
    bodies = {b.id: b for b in model.bodies}
    for i, ch in enumerate(model.challenges):
        arena = bodies.get(ch.arena)
        if ch.call != "escalate" or arena is None:
            continue
        higher = _higher_body(model, ch.office, ch.arena)
        if higher is None:
            report(
                ("challenges", i, "call"),
                f"no body but the arena {ch.arena!r} may remove from {ch.office!r} or expel "
                "from the arena: there is no higher body to escalate to",
            )
        elif higher not in convenes(model, arena):
            report(
                ("challenges", i, "call"),
                f"the arena {ch.arena!r} may not convene the higher body {higher!r}: give it a "
                f"'convene' power over {higher!r} (or name it in {higher!r}'s 'convened_by')",
            )


def _higher_body(model: ScenarioModel, office: str, arena: str) -> str | None:
    """The body that decides on ``office`` above ``arena`` (as the engine finds it)."""
    for body in model.bodies:
        if body.id != arena and any(
            p.motion in ("remove", "appoint") and p.office == office for p in body.powers
        ):
            return body.id
    for body in model.bodies:
        if body.id != arena and any(p.motion == "expel" and p.body == arena for p in body.powers):
            return body.id
    return None
