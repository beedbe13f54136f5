"""Figures of voting power: a bar chart of one game, step lines of a timeline.

matplotlib is imported only when a figure is drawn, and only through its object-oriented API
(:class:`matplotlib.figure.Figure`), so no global backend or pyplot state is touched. The
format follows the file's suffix (``.png``, ``.svg``, ``.pdf``).

Examples
--------
>>> from politburo.analysis.power import WeightedGame, shapley_shubik
>>> import tempfile, pathlib
>>> eec = WeightedGame((4, 4, 4, 2, 2, 1), 12, ("FR", "DE", "IT", "BE", "NL", "LU"))
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = plot_index(shapley_shubik(eec), pathlib.Path(tmp) / "eec.png")
...     path.stat().st_size > 0
True

References
----------
.. [1] Felsenthal, D. S. and Machover, M. (1998). *The Measurement of Voting Power*. Edward
   Elgar.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from politburo.analysis.power.timeline import PowerTimeline, group_members
from politburo.errors import PolitburoError, Problem

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from politburo.analysis.power.indices import PowerIndex

__all__ = ["INDEX_LABELS", "check_figure_path", "plot_index", "plot_timeline"]

INDEX_LABELS = {
    "banzhaf": "Banzhaf index (normalized)",
    "banzhaf_absolute": "Banzhaf index (absolute)",
    "shapley_shubik": "Shapley-Shubik index",
}

_SUFFIXES = {".png", ".svg", ".pdf", ".jpg", ".jpeg"}


def check_figure_path(path: Path | str) -> Path:
    """The path of a figure to write, refused early if its suffix names no known format or
    its folder does not exist."""
    target = Path(path)
    if target.suffix.lower() not in _SUFFIXES:
        known = ", ".join(sorted(_SUFFIXES))
        raise PolitburoError(
            Problem(f"cannot tell the figure format; use a suffix among {known}", file=str(target))
        )
    if not target.parent.is_dir():
        raise PolitburoError(Problem("the figure's folder does not exist", file=str(target)))
    return target


def _save(figure: Figure, path: Path | str) -> Path:
    target = check_figure_path(path)
    try:
        figure.savefig(target, dpi=120, bbox_inches="tight")
    except OSError as error:
        raise PolitburoError(
            Problem(f"cannot write the figure: {error.strerror}", file=str(target))
        ) from None
    return target


def plot_index(result: PowerIndex, path: Path | str, *, title: str | None = None) -> Path:
    """A horizontal bar per player (blocs split into ``bloc[k]`` drawn once, per member)."""
    from matplotlib.figure import Figure

    groups = group_members(result.players)
    labels = [label if len(pos) == 1 else f"{label} (each of {len(pos)})" for label, pos in groups]
    values = [result.values[pos[0]] for _, pos in groups]
    figure = Figure(figsize=(7.0, 1.2 + 0.32 * len(groups)))
    axes = figure.add_subplot()
    axes.barh(range(len(groups)), values, color="#8c2d19")
    axes.set_yticks(range(len(groups)), labels)
    axes.invert_yaxis()
    axes.set_xlabel(INDEX_LABELS.get(result.index, result.index))
    axes.set_title(title or f"quota {result.game.quota} of {result.game.total}")
    axes.grid(axis="x", alpha=0.3)
    return _save(figure, path)


def plot_timeline(timeline: PowerTimeline, path: Path | str, *, title: str | None = None) -> Path:
    """One step line per member (one per bloc) across the days; absent days at zero."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(9.0, 5.0))
    axes = figure.add_subplot()
    days = np.array(timeline.days, dtype="datetime64[D]")
    for label, positions in group_members(timeline.members):
        series = timeline.values[positions[0]]
        name = label if len(positions) == 1 else f"{label} (each of {len(positions)})"
        axes.step(days, series, where="mid", label=name, linewidth=1.6)
    axes.set_ylabel(INDEX_LABELS.get(timeline.index, timeline.index))
    axes.set_title(title or f"{timeline.scenario}: {timeline.body}")
    axes.grid(alpha=0.3)
    axes.legend(fontsize="small", loc="center left", bbox_to_anchor=(1.01, 0.5))
    figure.autofmt_xdate()
    return _save(figure, path)
