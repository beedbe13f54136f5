"""Invariances: renaming ids, reordering lists, splitting a bloc into equal parts and shifting
every date change no outcome distribution.

Renaming and shifting leave each run's random tape as it is, so every run's row must be
identical. Reordering actors or blocs, and splitting a bloc, move the taste draws of the tape
(slots are by position), so runs are not paired: the outcome distributions are compared as
two independent samples (other seeds), column by column, by Fisher's exact or a chi-square
test at a family-wise level of 1e-4 (:func:`tests.engine.invariance.differing`). Offices
held by several actors are left out: their column names the first holder in file order.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from politburo.scenario import load_scenario
from tests.engine.invariance import differing, outcomes, renamed, reordered, shifted, split

SCENARIOS = ("june-1957", "october-1964", "zhukov-1957", "beria-1953")
SMALL = ("october-1964", "zhukov-1957", "beria-1953")


def shared(raw: dict[str, Any]) -> set[str]:
    """Columns of offices held by more than one actor."""
    counts: dict[str, int] = {}
    for a in raw["actors"]:
        for o in a.get("offices") or []:
            counts[o["office"]] = counts.get(o["office"], 0) + 1
    return {f"office.{o}.holder_at_end" for o, n in counts.items() if n > 1}


def same_rows(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    return [k for k in a if not np.array_equal(a[k], b[k])]


def test_june_1957_renamed_and_shifted_gives_the_same_runs() -> None:
    raw = load_scenario("june-1957").raw
    base = outcomes(raw, 300, 0)
    new, names = renamed(raw)
    assert same_rows(base, outcomes(new, 300, 0, names)) == []
    assert same_rows(base, outcomes(shifted(raw, 400), 300, 0)) == []


def test_june_1957_reordered_and_split_gives_the_same_distributions() -> None:
    raw = load_scenario("june-1957").raw
    drop = shared(raw)
    base = {k: v for k, v in outcomes(raw, 1500, 1).items() if k not in drop}
    reverse = dict(raw, actors=raw["actors"][::-1], groups=raw["groups"][::-1])
    for variant, names in (
        (reverse, {}),
        (reordered(raw, np.random.default_rng(3)), {}),
        split(raw, "cc-provincial-full"),
    ):
        got = {k: v for k, v in outcomes(variant, 1500, 2, names).items() if k not in drop}
        assert differing(base, got) == {}


@settings(max_examples=6, deadline=None, derandomize=True)
@given(
    name=st.sampled_from(SMALL),
    order=st.integers(0, 2**16),
    days=st.integers(-3000, 3000),
    traits=st.lists(st.floats(0.0, 1.0), min_size=8, max_size=8),
)
def test_small_scenarios_are_invariant(
    name: str, order: int, days: int, traits: list[float]
) -> None:
    """Small scenarios with generated traits: renamed and shifted, the same runs; reordered
    and with a bloc split in two, the same distributions."""
    raw = load_scenario(name).raw
    raw = dict(raw, actors=[dict(a) for a in raw["actors"]])
    for a, value in zip(raw["actors"], traits, strict=False):
        a["traits"] = [
            {"name": "vacillation", "value": value, "cite": {"assumption": "generated trait"}}
        ]
    base = outcomes(raw, 200, 0)
    new, names = renamed(raw)
    assert same_rows(base, outcomes(new, 200, 0, names)) == []
    assert same_rows(base, outcomes(shifted(raw, days), 200, 0)) == []
    drop = shared(raw)
    other = {k: v for k, v in outcomes(raw, 400, 1).items() if k not in drop}
    variant, names = split(raw, next(g["id"] for g in raw["groups"] if g["count"] % 2 == 0))
    for data, back in ((reordered(raw, np.random.default_rng(order)), {}), (variant, names)):
        got = {k: v for k, v in outcomes(data, 400, 2, back).items() if k not in drop}
        assert differing(other, got) == {}
