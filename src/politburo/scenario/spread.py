"""How far a judgment's number could as well have been written otherwise, and draws of it.

A trait, a tie's strength, a stance, a grievance, a fear and a bloc's disposition are numbers a
modeller chose from evidence that fixes none of them to two decimals: another careful reader
of the same evidence writes another number. :data:`SPREAD` gives, for each of these kinds of
judgment, the standard deviation of one reading about the judgment, as measured between the
written values and blind readings of the same evidence
(:mod:`politburo.analysis.judgment_spread`). It is the one place that defines them.

:func:`judgment_draw` makes one draw of a scenario's judgments around the values written:
each number moves by a normal deviate of its kind's spread and is clipped to its scale (so a
value written at an end of its scale stays there in half the draws); a disposition's three
shares move by deviates that sum to zero, each of the kind's spread, and are clipped at 0 and
renormalised. A judgment's deviate depends on the seed, the draw's number, the scenario's id
and what the judgment is about (whose trait of which name, whose tie to whom, whose stance on
which issue), so it keeps its draw when other judgments are added, removed or reordered.

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

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from politburo.errors import PolitburoError, Problem
from politburo.scenario.basis import NEUTRAL, Judgment, judgments
from politburo.scenario.editing import LocatedEdit, edited_data
from politburo.scenario.paths import find, path_of
from politburo.scenario.schema import Edit, ScenarioModel
from politburo.seeds import name_key

__all__ = [
    "DEFAULT_DRAWS",
    "MAX_DRAWS",
    "SCALES",
    "SPREAD",
    "Scale",
    "check_draws",
    "drawn_model",
    "judgment_draw",
]

DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Scale:
    """Where a kind of judgment writes its number (``None``: a disposition's three shares)
    and the scale it lies on."""

    field: str | None
    low: float
    high: float


SCALES: Mapping[str, Scale] = {
    "trait": Scale("value", 0.0, 1.0),
    "tie": Scale("strength", 0.0, 1.0),
    "position": Scale("stance", -1.0, 1.0),
    "grievance": Scale("weight", 0.0, 1.0),
    "fear": Scale("weight", 0.0, 1.0),
    "disposition": Scale(None, 0.0, 1.0),
}
"""The kinds of judgment that are numbers, the field each is written in and its scale."""

SPREAD: Mapping[str, float] = {
    "trait": 0.09,
    "tie": 0.11,
    "position": 0.10,
    "grievance": 0.07,
    "fear": 0.07,
    "disposition": 0.08,
}
"""Standard deviation of one reading about the judgment, by kind (for a disposition, of each
share), measured by the blind relabelling of the corpus
(:mod:`politburo.analysis.judgment_spread`; fears pooled with grievances)."""

DEFAULT_DRAWS = 32
"""Sets of judgments an experiment or a validation draws by default."""

MAX_DRAWS = 10_000
"""Most sets of judgments one experiment may draw (each is a scenario to build)."""

SHARES = tuple(NEUTRAL["disposition"].fields)
"""A disposition's shares."""

_ABOUT = {"trait": "name", "tie": "to", "position": "issue", "grievance": "against", "fear": "of"}
"""The field that says what a judgment of each kind is about (a tie also by its kind)."""


def check_draws(draws: int, field: str) -> int:
    """Return ``draws`` if it is from 1 to :data:`MAX_DRAWS`.

    Raises
    ------
    PolitburoError
        Naming ``field``, otherwise.
    """
    if not 1 <= draws <= MAX_DRAWS:
        raise PolitburoError(Problem(f"must be from 1 to {MAX_DRAWS}, not {draws}", field=field))
    return draws


def judgment_draw(
    model: ScenarioModel,
    seed: int,
    index: int,
    fixed: Collection[DataPath] = (),
    scale: float = 1.0,
) -> tuple[Edit, ...]:
    """Draw ``index`` of the judgments of ``model``: one ``set`` edit for each numeric
    judgment (:data:`SCALES`; three for a disposition), moved from its written value by its
    kind's :data:`SPREAD` times ``scale`` (to see how far a result rests on the spread).
    Judgments at or inside a data path of ``fixed`` (set by an intervention or a contested
    version), or holding one, are left as written."""
    data = model.model_dump(mode="python")
    edits: list[Edit] = []
    for judgment in judgments(model):
        kind_scale = SCALES.get(judgment.kind)
        if kind_scale is None or any(_overlap(judgment.path, f) for f in fixed):
            continue
        node = find(data, [str(part) for part in judgment.path])
        path = path_of(judgment.path, data)
        deviates = _normal(seed, index, f"{model.id}/{_about(judgment, data)}", len(SHARES))
        spread = SPREAD[judgment.kind] * scale
        if kind_scale.field is None:
            written = np.array([node[s] for s in SHARES])
            moved = np.clip(written + spread * _zero_sum(deviates), 0.0, None)
            shares = moved / moved.sum()
            edits += [
                Edit(op="set", path=f"{path}/{s}", value=round(float(x), 6))
                for s, x in zip(SHARES, shares, strict=True)
            ]
            continue
        low, high = kind_scale.low, kind_scale.high
        value = float(np.clip(node[kind_scale.field] + spread * deviates[0], low, high))
        edits.append(Edit(op="set", path=f"{path}/{kind_scale.field}", value=round(value, 6)))
    return tuple(edits)


def drawn_model(model: ScenarioModel, seed: int, index: int, scale: float = 1.0) -> ScenarioModel:
    """``model`` with draw ``index`` of its judgments (:func:`judgment_draw`) applied."""
    edits = [
        LocatedEdit(edit, None, None, "judgments", f"draw {index} of the judgments")
        for edit in judgment_draw(model, seed, index, scale=scale)
    ]
    return ScenarioModel.model_validate(edited_data(model.model_dump(mode="python"), edits))


def _about(judgment: Judgment, data: Mapping[str, Any]) -> str:
    """What a judgment is about, independent of its place in the file
    (``actors/molotov/tie/client/khrushchev``)."""
    section, position = judgment.path[0], judgment.path[1]
    holder = data[str(section)][int(position)]["id"]
    if judgment.kind == "disposition":
        return f"{section}/{holder}/disposition"
    item = find(data, [str(part) for part in judgment.path])
    about = str(item[_ABOUT[judgment.kind]])
    if judgment.kind == "tie":
        about = f"{item['kind']}/{about}"
    return f"{section}/{holder}/{judgment.kind}/{about}"


def _overlap(first: DataPath, second: DataPath) -> bool:
    shorter = min(len(first), len(second))
    return first[:shorter] == second[:shorter]


def _zero_sum(deviates: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Deviates centred to sum to zero, rescaled so each keeps a unit variance."""
    n = len(deviates)
    centred: npt.NDArray[np.float64] = (deviates - deviates.mean()) * math.sqrt(n / (n - 1))
    return centred


def _normal(seed: int, index: int, about: str, size: int) -> npt.NDArray[np.float64]:
    rng = np.random.default_rng([seed, index, name_key(about)])
    return rng.standard_normal(size).astype(np.float64)
