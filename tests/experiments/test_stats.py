"""Intervals for proportions and differences: known values and coverage."""

from __future__ import annotations

import numpy as np
import pytest

from politburo.experiments.stats import paired_difference, unpaired_difference, wilson


def test_wilson_known_values() -> None:
    e = wilson(81, 263)  # Newcombe (1998), Table II example: 0.2553 to 0.3662
    assert (round(e.low, 4), round(e.high, 4)) == (0.2553, 0.3662)
    assert wilson(0, 10).low == 0.0 and wilson(10, 10).high == pytest.approx(1.0)
    assert wilson(0, 0).low == 0.0 and wilson(0, 0).high == 1.0


def test_unpaired_difference_known_values() -> None:
    # Newcombe (1998) example (a): 56/70 against 48/80 gives 0.0524 to 0.3339.
    a = np.array([True] * 48 + [False] * 32)
    b = np.array([True] * 56 + [False] * 14)
    e = unpaired_difference(a, b)
    assert (round(e.low, 4), round(e.high, 4)) == (0.0524, 0.3339)


def test_paired_difference_narrower_when_arms_agree() -> None:
    rng = np.random.default_rng(0)
    a = rng.random(2000) < 0.4
    b = a.copy()
    b[:100] = True
    paired = paired_difference(a, b)
    unpaired = unpaired_difference(a, b)
    assert paired.value == pytest.approx(unpaired.value)
    assert paired.high - paired.low < 0.5 * (unpaired.high - unpaired.low)
    assert paired.low > 0


def test_identical_arms_give_zero_difference() -> None:
    a = np.array([True, False] * 50)
    e = paired_difference(a, a)
    assert e.value == 0 and e.low <= 0 <= e.high


@pytest.mark.parametrize("p", [0.05, 0.5])
def test_paired_interval_covers_the_truth(p: float) -> None:
    rng = np.random.default_rng(1)
    hits = 0
    trials = 400
    for _ in range(trials):
        a = rng.random(300) < p
        b = np.where(rng.random(300) < 0.1, ~a, a)  # flips 10% of runs either way
        truth = (1 - p) * 0.1 - p * 0.1
        hits += paired_difference(a, b).contains(truth)
    assert hits / trials > 0.92
