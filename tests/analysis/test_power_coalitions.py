"""Minimal winning coalitions, pivots, null and veto players, and the swings of a vote."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from politburo.analysis.power import (
    WeightedGame,
    count_minimal_winning_coalitions,
    critical_members,
    dictator,
    majority_quota,
    minimal_winning_coalitions,
    null_players,
    pivot,
    veto_players,
    vote_swings,
)
from politburo.errors import PolitburoError
from tests.analysis.test_power_indices import EEC, brute_swings, games


def brute_minimal_winning(game: WeightedGame) -> set[frozenset[str]]:
    found = set()
    for r in range(game.n + 1):
        for members in itertools.combinations(range(game.n), r):
            weight = sum(game.weights[i] for i in members)
            if weight >= game.quota and all(weight - game.weights[i] < game.quota for i in members):
                found.add(frozenset(game.players[i] for i in members))
    return found


@settings(max_examples=150, deadline=None)
@given(games(max_players=9, max_weight=7))
def test_minimal_winning_coalitions_equal_brute_force(game: WeightedGame) -> None:
    listed = minimal_winning_coalitions(game)
    assert len(set(listed)) == len(listed)
    assert {frozenset(c) for c in listed} == brute_minimal_winning(game)
    assert count_minimal_winning_coalitions(game) == len(listed)
    for coalition in listed:
        weights = [game.weights[game.index_of(p)] for p in coalition]
        assert weights == sorted(weights, reverse=True)
        assert set(critical_members(game, coalition)) == set(coalition)


def test_minimal_winning_coalitions_refused_for_large_bodies() -> None:
    game = WeightedGame((1,) * 26, 14)
    with pytest.raises(PolitburoError, match="up to 25 voters; this one has 26"):
        minimal_winning_coalitions(game)
    assert count_minimal_winning_coalitions(game) == 9657700  # C(26, 14)


def test_twenty_five_voters_are_enumerated() -> None:
    game = WeightedGame((5, 4, 4, 3, 3) + (1,) * 20, 30)
    assert len(minimal_winning_coalitions(game)) == count_minimal_winning_coalitions(game)


@settings(max_examples=100, deadline=None)
@given(games(max_players=9, max_weight=7))
def test_null_veto_and_dictator_by_definition(game: WeightedGame) -> None:
    swings = brute_swings(game.weights, game.quota)
    assert null_players(game) == tuple(
        p for p, s in zip(game.players, swings, strict=True) if s == 0
    )
    winning = [c for c in brute_minimal_winning(game)]
    vetoes = {p for p in game.players if all(p in c for c in winning)}
    assert set(veto_players(game)) == vetoes
    alone = [p for p in game.players if frozenset([p]) in winning]
    assert dictator(game) == (alone[0] if alone and alone[0] in vetoes else None)


def test_eec_null_and_veto() -> None:
    assert null_players(EEC) == ("LU",)
    assert veto_players(EEC) == ()
    assert dictator(WeightedGame((5, 1, 1), 5)) == "1"


def test_critical_members_and_pivot() -> None:
    game = WeightedGame((3, 2, 1, 1), 4, tuple("ABCD"))
    assert critical_members(game, ["A", "B", "C"]) == ("A",)
    assert critical_members(game, ["B", "C"]) == ()
    assert pivot(game, ["C", "D", "B", "A"]) == "B"
    assert pivot(game, ["C", "D"]) is None
    with pytest.raises(PolitburoError, match="unknown player 'Z'"):
        critical_members(game, ["Z"])


@st.composite
def votes(draw: st.DrawFn) -> tuple[WeightedGame, list[str], bool]:
    game = draw(games(max_players=9, max_weight=5))
    yes = [p for p in game.players if draw(st.booleans())]
    return game, yes, draw(st.booleans())


@settings(max_examples=200, deadline=None)
@given(votes())
def test_vote_swings_equal_recounting_each_change(
    vote: tuple[WeightedGame, list[str], bool],
) -> None:
    game, yes, by_majority = vote
    rule = majority_quota if by_majority else None
    result = vote_swings(game, yes, quota_rule=rule)
    tally = game.weight_of(yes)
    assert result.passed == (tally >= game.quota)
    defections, absences = [], []
    for player in game.players:
        switched = [p for p in yes if p != player] if player in yes else [*yes, player]
        if (game.weight_of(switched) >= game.quota) != result.passed:
            defections.append(player)
        rest = [p for p in game.players if p != player]
        quota = rule(game.weight_of(rest)) if rule else game.quota
        if (game.weight_of([p for p in yes if p != player]) >= quota) != result.passed:
            absences.append(player)
    # a switch by someone on the losing side never flips it back
    defections = [p for p in defections if (p in yes) == result.passed]
    assert list(result.defections) == defections
    assert list(result.absences) == absences


def test_june_1957_presidium_shape() -> None:
    """Seven against four in an eleven-man body; three of the four away: eight present."""
    present = ("k", "m", "b", "a", "ka", "sh", "ma", "pe")
    game = WeightedGame((1,) * len(present), majority_quota(len(present)), present)
    yes = ["m", "b", "ma", "ka", "sh", "pe"]
    swings = vote_swings(game, yes, quota_rule=majority_quota)
    assert swings.passed and swings.quota == 5 and swings.yes_weight == 6
    assert swings.defections == ()  # a margin of two: no single defection flips it
    assert swings.absences == ()
    narrow = vote_swings(game, yes[:5], quota_rule=majority_quota)
    assert set(narrow.defections) == set(yes[:5])
    assert narrow.absences == ()  # with 7 present the quota stays 4: 4 of 7 still carry
