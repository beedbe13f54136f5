"""Banzhaf and Shapley-Shubik indices: published values, brute force, and the axioms."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from politburo.analysis.power import (
    WeightedGame,
    banzhaf,
    power_index,
    shapley_shubik,
    swing_counts,
)
from politburo.analysis.power.indices import EXACT_WORK
from politburo.errors import PolitburoError


# -- brute-force references, by enumeration ----------------------------------------------
def brute_swings(weights: tuple[int, ...], quota: int) -> list[int]:
    """Coalitions of the others in which each player swings, by enumerating all subsets."""
    n = len(weights)
    swings = [0] * n
    for mask in range(1 << n):
        total = sum(weights[i] for i in range(n) if mask >> i & 1)
        if total < quota:
            continue
        for i in range(n):
            if mask >> i & 1 and total - weights[i] < quota:
                swings[i] += 1
    return swings


def brute_banzhaf(weights: tuple[int, ...], quota: int) -> list[Fraction]:
    swings = brute_swings(weights, quota)
    total = sum(swings)
    return [Fraction(s, total) for s in swings]


def brute_shapley(weights: tuple[int, ...], quota: int) -> list[Fraction]:
    """Shapley-Shubik index by walking every ordering of the players (small n only)."""
    n = len(weights)
    pivots = [0] * n
    for order in itertools.permutations(range(n)):
        tally = 0
        for i in order:
            tally += weights[i]
            if tally >= quota:
                pivots[i] += 1
                break
    return [Fraction(p, math.factorial(n)) for p in pivots]


def brute_shapley_by_subsets(weights: tuple[int, ...], quota: int) -> list[Fraction]:
    """Shapley-Shubik index by the subset formula (for games too big to permute)."""
    n = len(weights)
    values = [Fraction(0)] * n
    for mask in range(1 << n):
        members = [i for i in range(n) if mask >> i & 1]
        total = sum(weights[i] for i in members)
        if total < quota:
            continue
        s = len(members)
        share = Fraction(math.factorial(s - 1) * math.factorial(n - s), math.factorial(n))
        for i in members:
            if total - weights[i] < quota:
                values[i] += share
    return values


UNSC = WeightedGame((7,) * 5 + (1,) * 10, 39)
EEC = WeightedGame((4, 4, 4, 2, 2, 1), 12, ("FR", "DE", "IT", "BE", "NL", "LU"))


@st.composite
def games(draw: st.DrawFn, max_players: int = 8, max_weight: int = 9) -> WeightedGame:
    weights = tuple(draw(st.lists(st.integers(0, max_weight), min_size=1, max_size=max_players)))
    if sum(weights) == 0:
        weights = (*weights[:-1], 1)
    quota = draw(st.integers(1, sum(weights)))
    return WeightedGame(weights, quota)


# -- published values ----------------------------------------------------------------------


def test_un_security_council_published_values() -> None:
    ss = shapley_shubik(UNSC)
    assert ss.values[0] == pytest.approx(0.1963, abs=5e-5)
    assert ss.values[-1] == pytest.approx(0.001865, abs=5e-7)
    assert ss.fractions is not None
    assert ss.fractions[0] == Fraction(421, 2145) and ss.fractions[-1] == Fraction(4, 2145)
    bz = banzhaf(UNSC)
    assert bz.values[0] == pytest.approx(0.1669, abs=5e-5)
    assert bz.values[-1] == pytest.approx(0.0165, abs=5e-5)
    assert bz.swings is not None and (bz.swings[0], bz.swings[-1]) == (848, 84)


def test_un_security_council_against_brute_force() -> None:
    weights, quota = UNSC.weights, UNSC.quota
    assert list(swing_counts(UNSC)) == brute_swings(weights, quota)
    assert banzhaf(UNSC).fractions == tuple(brute_banzhaf(weights, quota))
    assert shapley_shubik(UNSC).fractions == tuple(brute_shapley_by_subsets(weights, quota))


def test_eec_1958_luxembourg_has_no_power() -> None:
    ss = shapley_shubik(EEC)
    assert ss.values == pytest.approx([0.2333, 0.2333, 0.2333, 0.15, 0.15, 0.0], abs=5e-5)
    assert ss.fractions == tuple(Fraction(x) for x in ("7/30",) * 3 + ("3/20",) * 2 + ("0",))
    bz = banzhaf(EEC)
    assert bz.fractions == tuple(Fraction(x, 21) for x in (5, 5, 5, 3, 3, 0))
    assert bz["LU"] == 0.0 and ss["LU"] == 0.0
    assert brute_shapley(EEC.weights, EEC.quota) == list(ss.fractions)


def test_absolute_banzhaf_is_swings_over_two_to_the_n_minus_one() -> None:
    absolute = banzhaf(EEC, absolute=True)
    assert absolute.index == "banzhaf_absolute"
    assert absolute.fractions == tuple(Fraction(s, 32) for s in (10, 10, 10, 6, 6, 0))


def test_power_index_dispatch_and_unknown_name() -> None:
    assert power_index(EEC, "shapley").values == shapley_shubik(EEC).values
    assert power_index(EEC, "Banzhaf-Absolute").index == "banzhaf_absolute"
    with pytest.raises(PolitburoError, match="unknown index 'deegan'"):
        power_index(EEC, "deegan")


# -- brute force, all small games ----------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(games())
def test_exact_indices_equal_brute_force(game: WeightedGame) -> None:
    assert list(swing_counts(game)) == brute_swings(game.weights, game.quota)
    assert banzhaf(game).fractions == tuple(brute_banzhaf(game.weights, game.quota))
    expected = brute_shapley_by_subsets(game.weights, game.quota)
    assert shapley_shubik(game).fractions == tuple(expected)
    if game.n <= 6:
        assert expected == brute_shapley(game.weights, game.quota)


@settings(max_examples=80, deadline=None)
@given(games(max_players=10, max_weight=30))
def test_float_mode_agrees_within_its_stated_bound(game: WeightedGame) -> None:
    for exact, floating in (
        (banzhaf(game, exact=True), banzhaf(game, exact=False)),
        (banzhaf(game, absolute=True, exact=True), banzhaf(game, absolute=True, exact=False)),
        (shapley_shubik(game, exact=True), shapley_shubik(game, exact=False)),
    ):
        assert exact.exact and not floating.exact and floating.fractions is None
        assert exact.fractions is not None
        for f, x in zip(exact.fractions, floating.values, strict=True):
            assert abs(float(f) - x) <= floating.max_abs_error


# -- the axioms, by hypothesis -------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(games(max_players=12, max_weight=12), st.booleans())
def test_indices_sum_to_one(game: WeightedGame, exact: bool) -> None:
    for result in (banzhaf(game, exact=exact), shapley_shubik(game, exact=exact)):
        if result.fractions is not None:
            assert sum(result.fractions) == 1
        assert math.fsum(result.values) == pytest.approx(1.0, abs=1e-12)


@settings(max_examples=150, deadline=None)
@given(games(max_players=12, max_weight=12))
def test_equal_weights_equal_power_and_monotone_in_weight(game: WeightedGame) -> None:
    for result in (banzhaf(game), shapley_shubik(game), banzhaf(game, absolute=True)):
        assert result.fractions is not None
        for i in range(game.n):
            for j in range(game.n):
                if game.weights[i] == game.weights[j]:
                    assert result.fractions[i] == result.fractions[j]
                if game.weights[i] >= game.weights[j]:
                    assert result.fractions[i] >= result.fractions[j]


@settings(max_examples=150, deadline=None)
@given(games(max_players=12, max_weight=12))
def test_null_players_get_zero_and_only_they(game: WeightedGame) -> None:
    swings = brute_swings(game.weights, game.quota) if game.n <= 10 else swing_counts(game)
    for result in (banzhaf(game), shapley_shubik(game)):
        assert result.fractions is not None
        for count, value in zip(swings, result.fractions, strict=True):
            assert (count == 0) == (value == 0)


@settings(max_examples=60, deadline=None)
@given(games(max_players=8, max_weight=9), st.integers(2, 7))
def test_scaling_weights_and_quota_changes_nothing(game: WeightedGame, k: int) -> None:
    scaled = WeightedGame(tuple(w * k for w in game.weights), game.quota * k)
    assert banzhaf(scaled).fractions == banzhaf(game).fractions
    assert shapley_shubik(scaled).fractions == shapley_shubik(game).fractions


@settings(max_examples=60, deadline=None)
@given(games(max_players=8, max_weight=9))
def test_adding_a_null_player_leaves_shapley_shubik_unchanged(game: WeightedGame) -> None:
    bigger = WeightedGame((*game.weights, 0), game.quota)
    assert shapley_shubik(bigger).fractions == (*shapley_shubik(game).fractions, 0)  # type: ignore[misc]


# -- large games ---------------------------------------------------------------------------


def random_game(n: int, seed: int, quota_share: float = 0.5) -> WeightedGame:
    rng = np.random.default_rng(seed)
    weights = tuple(int(w) for w in rng.integers(1, 6, size=n))
    return WeightedGame(weights, int(sum(weights) * quota_share) + 1)


@pytest.mark.parametrize(("n", "share"), [(70, 0.5), (120, 2 / 3), (150, 0.3)])
def test_beyond_int64_exact_python_ints_and_floats_agree(n: int, share: float) -> None:
    game = random_game(n, seed=n, quota_share=share)
    for index in ("banzhaf", "shapley_shubik"):
        exact = power_index(game, index, exact=True)
        floating = power_index(game, index, exact=False)
        assert exact.fractions is not None and sum(exact.fractions) == 1
        worst = max(
            abs(float(f) - x) for f, x in zip(exact.fractions, floating.values, strict=True)
        )
        assert worst <= floating.max_abs_error < 1e-12


def test_auto_mode_exact_while_cheap_float_beyond() -> None:
    assert shapley_shubik(random_game(300, seed=1)).exact
    big = shapley_shubik(random_game(1000, seed=2))
    assert not big.exact and big.max_abs_error < 1e-12
    assert EXACT_WORK["shapley_shubik"] < 1000 * 1000 * 1500
    assert banzhaf(random_game(1000, seed=2)).exact


def test_thousand_member_body() -> None:
    game = random_game(1200, seed=7)
    ss = shapley_shubik(game)
    bz = banzhaf(game)
    assert math.fsum(ss.values) == pytest.approx(1.0, abs=1e-9)
    assert math.fsum(bz.values) == pytest.approx(1.0, abs=1e-12)
    by_weight = {w: v for w, v in zip(game.weights, ss.values, strict=True)}
    assert [by_weight[w] for w in range(1, 6)] == sorted(by_weight.values())
    # with many small players the index approaches the weight share
    assert by_weight[5] == pytest.approx(5 / game.total, rel=0.05)


def test_zero_weight_players_in_a_large_game_are_null() -> None:
    base = random_game(90, seed=3)
    game = WeightedGame((*base.weights, 0, 0), base.quota)
    bz = banzhaf(game)
    assert bz.values[-2:] == (0.0, 0.0)
    assert bz.swings is not None and bz.swings[0] == 4 * banzhaf(base).swings[0]  # type: ignore[index]
    assert shapley_shubik(game).values[:-2] == shapley_shubik(base).values


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 9), st.integers(0, 2)), min_size=1, max_size=8),
    st.data(),
)
def test_huge_weights_few_players_by_listing_coalitions(
    parts: list[tuple[int, int]], data: st.DataObject
) -> None:
    """Weights of order 10**10 with small offsets, so that coalitions tie with the quota."""
    weights = tuple(big * 10**10 + small for big, small in parts)
    if sum(weights) < 10**9:
        weights = (*weights[:-1], 10**10)
    quota = data.draw(st.integers(1, sum(weights) // 10**10)) * 10**10 + data.draw(
        st.integers(-2, 2)
    )
    game = WeightedGame(weights, min(max(quota, 1), sum(weights)))
    assert banzhaf(game).fractions == tuple(brute_banzhaf(game.weights, game.quota))
    expected = brute_shapley_by_subsets(game.weights, game.quota)
    assert shapley_shubik(game).fractions == tuple(expected)
    floating = shapley_shubik(game, exact=False)
    assert max(abs(float(e) - x) for e, x in zip(expected, floating.values, strict=True)) <= (
        floating.max_abs_error
    )


def test_huge_weights_many_players_refused() -> None:
    game = WeightedGame(tuple(10**9 + i for i in range(40)), 20 * 10**9)
    with pytest.raises(PolitburoError, match="game too large: 40 players"):
        banzhaf(game)
