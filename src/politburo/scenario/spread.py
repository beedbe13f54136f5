"""How far a judgment's number could as well have been written otherwise, and draws of it.

A trait, a tie's strength, a stance, a grievance, a fear and a bloc's disposition are numbers a
modeller chose from evidence that fixes none of them to two decimals: another careful reader
of the same evidence writes another number. :data:`SPREAD` gives, for each of these kinds of
judgment, the standard deviation of the values independent raters gave blind (each from what
was known before the crisis, without the modeller's numbers), measured by
:mod:`politburo.analysis.judgment_spread`. It is the one place that defines them.

:func:`judgment_draw` makes one draw of a scenario's judgments around the values written:
each number moves by a normal deviate of its kind's spread and is clipped to its scale; a
disposition's three shares each move so, are clipped at 0 and renormalised to sum to 1. A
judgment's deviate depends on the seed, the draw's index and the judgment's path alone, so a
draw keeps its value for a judgment when other judgments are added.

Examples
--------
>>> from politburo.scenario import load_scenario
>>> scenario = load_scenario("zhukov-1957")
>>> edits = judgment_draw(scenario.model, seed=0, index=0)
>>> edits == judgment_draw(scenario.model, seed=0, index=0)
True
>>> edits != judgment_draw(scenario.model, seed=0, index=1)
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from politburo.scenario.basis import judgments
from politburo.scenario.editing import LocatedEdit, edited_data
from politburo.scenario.paths import path_of
from politburo.scenario.schema import Edit, ScenarioModel

__all__ = ["SCALES", "SPREAD", "Scale", "drawn_model", "judgment_draw"]


@dataclass(frozen=True)
class Scale:
    """The field that holds a kind of judgment's number, and the scale it lies on."""

    field: str
    low: float
    high: float


SCALES: Mapping[str, Scale] = {
    "trait": Scale("value", 0.0, 1.0),
    "tie": Scale("strength", 0.0, 1.0),
    "position": Scale("stance", -1.0, 1.0),
    "grievance": Scale("weight", 0.0, 1.0),
    "fear": Scale("weight", 0.0, 1.0),
    "disposition": Scale("", 0.0, 1.0),
}
"""The kinds of judgment that are numbers, the field each is written in and its scale (a
disposition is three shares: ``loyal``, ``wavering``, ``hostile``)."""

SPREAD: Mapping[str, float] = {
    "trait": 0.09,
    "tie": 0.11,
    "position": 0.10,
    "grievance": 0.07,
    "fear": 0.07,
    "disposition": 0.08,
}
"""Standard deviation of one reading's value about the judgment's true value, by kind (for a
disposition, of each share), measured by the blind relabelling of the corpus
(:mod:`politburo.analysis.judgment_spread`; fears pooled with grievances)."""

SHARES = ("loyal", "wavering", "hostile")


def judgment_draw(model: ScenarioModel, seed: int, index: int) -> tuple[Edit, ...]:
    """Draw ``index`` of the judgments of ``model``: one ``set`` edit for each numeric
    judgment (:data:`SCALES`), moved from its written value by its kind's :data:`SPREAD`."""
    data = model.model_dump(mode="python")
    edits: list[Edit] = []
    for judgment in judgments(model):
        scale = SCALES.get(judgment.kind)
        if scale is None:
            continue
        path = path_of(judgment.path, data)
        node = _node(data, judgment.path)
        spread = SPREAD[judgment.kind]
        if judgment.kind == "disposition":
            written = np.array([node[s] for s in SHARES])
            shares = np.clip(written + spread * _normal(seed, index, path, 3), 0.0, None)
            shares = shares / shares.sum() if shares.sum() > 0 else written
            value: Any = {s: round(float(x), 6) for s, x in zip(SHARES, shares, strict=True)}
            edits += [Edit(op="set", path=f"{path}/{s}", value=value[s]) for s in SHARES]
            continue
        moved = node[scale.field] + spread * _normal(seed, index, path, 1)[0]
        value = round(float(np.clip(moved, scale.low, scale.high)), 6)
        edits.append(Edit(op="set", path=f"{path}/{scale.field}", value=value))
    return tuple(edits)


def drawn_model(model: ScenarioModel, seed: int, index: int) -> ScenarioModel:
    """``model`` with draw ``index`` of its judgments (:func:`judgment_draw`) applied."""
    edits = [
        LocatedEdit(edit, None, None, "judgments", f"draw {index} of the judgments")
        for edit in judgment_draw(model, seed, index)
    ]
    return ScenarioModel.model_validate(edited_data(model.model_dump(mode="python"), edits))


def _node(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _normal(seed: int, index: int, path: str, size: int) -> np.ndarray:
    key = int.from_bytes(hashlib.sha256(path.encode()).digest()[:8], "little")
    return np.random.default_rng([seed, index, key]).standard_normal(size)
