"""Checks of a challenge's landing posts: the offices the winners may move a defeated target to.

Kept apart from :mod:`politburo.scenario.checks` (which calls :func:`check_landing_posts`), each
problem with file, line and field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from politburo.scenario.schema.scenario import ScenarioModel

__all__ = ["check_landing_posts"]

DataPath = tuple[str | int, ...]


def check_landing_posts(model: ScenarioModel, report: Callable[[DataPath, str], None]) -> None:
    """Every landing post names a known office, once, other than the office fought over."""
    offices = {o.id for o in model.offices}
    known = ", ".join(sorted(offices)) or "none"
    for i, ch in enumerate(model.challenges):
        seen: set[str] = set()
        for j, post in enumerate(ch.landing_posts or ()):
            path: DataPath = ("challenges", i, "landing_posts", j)
            if post not in offices:
                report(path, f"unknown office {post!r}; known: {known}")
            elif post == ch.office:
                report(path, f"{post!r} is the office fought over, not a post to land in")
            elif post in seen:
                report(path, f"the office {post!r} is named twice")
            seen.add(post)
