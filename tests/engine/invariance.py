"""Transformations of a scenario's raw data that must change no result, and the comparison of
the results of two scenarios in the terms of the first.

Each transformation returns an edited deep copy of the raw data (as
:attr:`politburo.scenario.Scenario.raw` holds it) and, where it renames or splits, the map
from the new names back to the old, so that :func:`outcomes` can put the columns of both
scenarios under the same names and values.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
from typing import Any

import numpy as np
import numpy.typing as npt

from politburo.engine import compile_scenario, simulate
from politburo.scenario.schema import ScenarioModel

__all__ = [
    "RENAMED",
    "differing",
    "outcomes",
    "renamed",
    "reordered",
    "shifted",
    "split",
]

RENAMED = ("actors", "groups", "bodies", "offices", "places", "issues", "challenges")
"""The top-level lists whose records' ids :func:`renamed` renames."""

INNER = ("ties", "positions", "traits", "grievances", "fears", "memberships", "offices")
"""The lists inside an actor or a bloc that :func:`reordered` shuffles."""

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _walk(value: Any, leaf: Any) -> Any:
    """``value`` with ``leaf`` applied to every mapping key and scalar, recursively."""
    if isinstance(value, dict):
        return {leaf(k): _walk(v, leaf) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, leaf) for v in value]
    return leaf(value)


def renamed(raw: dict[str, Any], prefix: str = "q") -> tuple[dict[str, Any], dict[str, str]]:
    """Every id of :data:`RENAMED` given a new name (``prefix`` + a number), wherever it is
    referred to: as a value, a mapping key, or a segment of a path (``actors/x/ties/to=y``).
    Returns the data and the map from new names to old."""
    names: dict[str, str] = {}
    for section in RENAMED:
        for record in raw.get(section) or []:
            names.setdefault(record["id"], f"{prefix}{len(names)}")

    def segment(text: str) -> str:
        key, eq, val = text.partition("=")
        if eq:
            return f"{key}={names.get(val, val)}"
        return names.get(text, text)

    def leaf(x: Any) -> Any:
        if not isinstance(x, str):
            return x
        if x in names:
            return names[x]
        if "/" in x and " " not in x:
            return "/".join(segment(s) for s in x.split("/"))
        return x

    out = _walk(copy.deepcopy(raw), leaf)
    return out, {new: old for old, new in names.items()}


def reordered(raw: dict[str, Any], rng: np.random.Generator) -> dict[str, Any]:
    """The data with the actors, blocs, bodies, offices, places, issues, routes, calendar
    entries, each actor's and bloc's lists (:data:`INNER`) and each challenge's leaders in
    an order drawn from ``rng``."""
    out = copy.deepcopy(raw)

    def shuffle(items: list[Any]) -> list[Any]:
        return [items[i] for i in rng.permutation(len(items))]

    for section in ("actors", "groups", "bodies", "offices", "places", "issues", "routes"):
        if out.get(section):
            out[section] = shuffle(out[section])
    if out.get("calendar"):
        out["calendar"] = shuffle(out["calendar"])
    for record in [*out.get("actors", []), *(out.get("groups") or [])]:
        for key in INNER:
            if isinstance(record.get(key), list):
                record[key] = shuffle(record[key])
    for challenge in out.get("challenges") or []:
        challenge["leaders"] = shuffle(challenge["leaders"])
    return out


def shifted(raw: dict[str, Any], days: int) -> dict[str, Any]:
    """Every date moved by ``days``: date values and ISO date strings alike."""
    step = dt.timedelta(days=days)

    def leaf(x: Any) -> Any:
        if isinstance(x, dt.date):
            return x + step
        if isinstance(x, str) and _DATE.match(x):
            return (dt.date.fromisoformat(x) + step).isoformat()
        return x

    return dict(_walk(copy.deepcopy(raw), leaf))


def split(raw: dict[str, Any], group: str, parts: int = 2) -> tuple[dict[str, Any], dict[str, str]]:
    """Bloc ``group`` (its count a multiple of ``parts``) replaced by ``parts`` blocs of equal
    count and the same attributes; returns the data and the map from the parts to the bloc."""
    out = copy.deepcopy(raw)
    groups = out["groups"]
    k = next(i for i, g in enumerate(groups) if g["id"] == group)
    whole = groups[k]
    assert whole["count"] % parts == 0, "split a bloc into equal parts"
    pieces = []
    for j in range(parts):
        piece = copy.deepcopy(whole)
        piece["id"] = f"{group}--{j}"
        piece["count"] = whole["count"] // parts
        pieces.append(piece)
    out["groups"] = [*groups[:k], *pieces, *groups[k + 1 :]]
    return out, {p["id"]: group for p in pieces}


def outcomes(
    raw: dict[str, Any], runs: int, seed: int, names: dict[str, str] | None = None
) -> dict[str, npt.NDArray[Any]]:
    """The outcome columns of ``runs`` runs of the scenario, its ids put back to the original
    names by ``names`` (new -> old): in column names, and in the offices' holders (given as
    actor ids, not positions). Bloc columns are dropped (a split bloc has no single row)."""
    names = names or {}
    compiled = compile_scenario(ScenarioModel.model_validate(raw))
    columns = simulate(compiled, seed=seed, runs=runs).columns
    actor_ids = np.array([names.get(a, a) for a in compiled.actor_ids] + ["-"], dtype=object)
    out: dict[str, npt.NDArray[Any]] = {}
    for name, values in columns.items():
        parts = name.split(".")
        key = ".".join(names.get(p, p) for p in parts)
        if parts[0] == "office" and parts[-1] == "holder_at_end":
            values = actor_ids[values]
        out[key] = np.asarray(values)
    return out


def differing(
    a: dict[str, npt.NDArray[Any]], b: dict[str, npt.NDArray[Any]], alpha: float = 1e-4
) -> dict[str, float]:
    """The columns whose distributions differ between two independent samples: for each
    value a column takes, a two-proportion z-test (pooled), at the family-wise level
    ``alpha`` (Bonferroni over every value of every column that varies). Returns each such
    column's smallest p-value; the columns of ``a`` and ``b`` must be the same."""
    assert set(a) == set(b), sorted(set(a) ^ set(b))
    tests: list[tuple[str, float]] = []
    for k in sorted(a):
        values = np.unique(np.concatenate([a[k], b[k]]))
        if len(values) < 2:
            continue
        for v in values:
            x, y = float(np.mean(a[k] == v)), float(np.mean(b[k] == v))
            n, m = len(a[k]), len(b[k])
            pooled = (x * n + y * m) / (n + m)
            se = math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / m))
            z = abs(x - y) / se if se > 0 else 0.0
            tests.append((k, math.erfc(z / math.sqrt(2))))
    found: dict[str, float] = {}
    for k, p in tests:
        if p < alpha / max(len(tests), 1):
            found[k] = min(p, found.get(k, 1.0))
    return found
