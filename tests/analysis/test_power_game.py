"""WeightedGame validation and weight parsing: every bad input is a PolitburoError."""

from __future__ import annotations

import pytest

from politburo.analysis.power import WeightedGame, majority_quota, parse_weights
from politburo.errors import PolitburoError


def messages(error: pytest.ExceptionInfo[PolitburoError]) -> str:
    return "\n".join(str(p) for p in error.value.problems)


def test_valid_game_defaults_names_and_coalitions() -> None:
    game = WeightedGame((3, 2, 0), 4)
    assert game.players == ("1", "2", "3")
    assert (game.n, game.total) == (3, 5)
    assert game.is_winning(["1", "2"]) and not game.is_winning(["1", "3"])
    assert game.weight_of(["1", "1", "2"]) == 5


@pytest.mark.parametrize(
    ("weights", "quota", "expected"),
    [
        ((3, -1), 2, "weight -1 is negative"),
        ((3, 1.5), 2, "weight 1.5 is not an integer"),
        ((3, True), 2, "weight True is not an integer"),
        ((), 1, "no voting members"),
        ((2, 2), 5, "quota 5 is above the total weight 4"),
        ((2, 2), 0, "quota 0 is below 1"),
        ((2, 2), 2.5, "quota 2.5 is not an integer"),
    ],
)
def test_bad_games_raise_politburo_error(
    weights: tuple[int, ...], quota: int, expected: str
) -> None:
    with pytest.raises(PolitburoError) as error:
        WeightedGame(weights, quota)
    assert expected in messages(error)


def test_all_problems_reported_together() -> None:
    with pytest.raises(PolitburoError) as error:
        WeightedGame((-1, 2.5, 3), 1, ("a", "a", "b"))  # type: ignore[arg-type]
    text = messages(error)
    assert "negative" in text and "not an integer" in text and "named twice" in text


def test_names_must_match_weights() -> None:
    with pytest.raises(PolitburoError, match="2 names for 3 weights"):
        WeightedGame((1, 1, 1), 2, ("a", "b"))


def test_unknown_player_is_a_clear_error() -> None:
    game = WeightedGame((1, 1), 2, ("a", "b"))
    with pytest.raises(PolitburoError, match="unknown player 'c'"):
        game.is_winning(["c"])


def test_reduced_divides_by_common_divisor_and_rounds_quota_up() -> None:
    assert WeightedGame((4, 6, 2), 7).reduced() == ((2, 3, 1), 4)
    assert WeightedGame((3, 2), 4).reduced() == ((3, 2), 4)


def test_parse_weights_plain_and_named() -> None:
    assert parse_weights("4, 4,2") == (("1", "2", "3"), (4, 4, 2))
    assert parse_weights("fr:4,lu:1") == (("fr", "lu"), (4, 1))


@pytest.mark.parametrize("text", ["", "4,,2", "4,x", "4,-2", "2.5", "4;2"])
def test_parse_weights_rejects_bad_items(text: str) -> None:
    with pytest.raises(PolitburoError):
        parse_weights(text)


def test_majority_quota() -> None:
    assert [majority_quota(t) for t in (1, 2, 11, 309)] == [1, 2, 6, 155]
