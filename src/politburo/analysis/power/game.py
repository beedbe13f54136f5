"""Weighted voting games: integer weights, an integer quota, named players.

A weighted voting game ``[q; w_1, ..., w_n]`` makes a coalition winning when the sum of its
members' weights reaches the quota ``q``. :class:`WeightedGame` checks its input once, so every
algorithm of :mod:`politburo.analysis.power` may rely on non-negative integer weights and
``1 <= quota <= sum(weights)``.

Examples
--------
>>> game = WeightedGame((4, 4, 4, 2, 2, 1), 12, ("F", "D", "I", "B", "N", "L"))
>>> game.total, game.is_winning(["F", "D", "I"]), game.is_winning(["F", "D", "L", "B"])
(17, True, False)
>>> parse_weights("khrushchev:1,bloc:3")
(('khrushchev', 'bloc'), (1, 3))

References
----------
.. [1] Felsenthal, D. S. and Machover, M. (1998). *The Measurement of Voting Power: Theory and
   Practice, Problems and Paradoxes*. Edward Elgar. Chapter 2, weighted voting games.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from dataclasses import dataclass, field

from politburo.errors import PolitburoError, Problem

__all__ = ["WeightedGame", "majority_quota", "parse_weights"]


def majority_quota(total: int) -> int:
    """Smallest weight that is more than half of ``total``: ``total // 2 + 1``.

    Examples
    --------
    >>> majority_quota(11), majority_quota(12)
    (6, 7)
    """
    return total // 2 + 1


@dataclass(frozen=True, slots=True)
class WeightedGame:
    """A weighted voting game with validated integer weights and quota.

    Parameters
    ----------
    weights
        Non-negative integer weight of each player.
    quota
        Weight a coalition needs to win; ``1 <= quota <= sum(weights)``.
    players
        Distinct player names, one per weight; ``"1"``, ``"2"``, ... when omitted.

    Raises
    ------
    PolitburoError
        Listing every problem at once: a negative, non-integer or boolean weight, no players,
        a quota below 1 or above the total weight, names that repeat or do not match the
        weights.
    """

    weights: tuple[int, ...]
    quota: int
    players: tuple[str, ...] = ()
    _index: dict[str, int] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        problems: list[Problem] = []
        weights = tuple(self.weights)
        if not weights:
            problems.append(Problem("the body has no voting members", field="weights"))
        for i, w in enumerate(weights):
            if isinstance(w, bool) or not isinstance(w, numbers.Integral):
                problems.append(Problem(f"weight {w!r} is not an integer", field=f"weights[{i}]"))
            elif w < 0:
                problems.append(Problem(f"weight {w} is negative", field=f"weights[{i}]"))
        names = tuple(self.players) or tuple(str(i + 1) for i in range(len(weights)))
        if len(names) != len(weights):
            problems.append(
                Problem(f"{len(names)} names for {len(weights)} weights", field="players")
            )
        seen: set[str] = set()
        for name in names:
            if name in seen:
                problems.append(Problem(f"player {name!r} is named twice", field="players"))
            seen.add(name)
        quota = self.quota
        if isinstance(quota, bool) or not isinstance(quota, numbers.Integral):
            problems.append(Problem(f"quota {quota!r} is not an integer", field="quota"))
        elif not problems:
            total = sum(int(w) for w in weights)
            if quota < 1:
                problems.append(Problem(f"quota {quota} is below 1", field="quota"))
            elif quota > total:
                problems.append(
                    Problem(f"quota {quota} is above the total weight {total}", field="quota")
                )
        if problems:
            raise PolitburoError(problems)
        object.__setattr__(self, "weights", tuple(int(w) for w in weights))
        object.__setattr__(self, "quota", int(quota))
        object.__setattr__(self, "players", names)
        object.__setattr__(self, "_index", {name: i for i, name in enumerate(names)})

    @property
    def n(self) -> int:
        """Number of players."""
        return len(self.weights)

    @property
    def total(self) -> int:
        """Sum of all weights."""
        return sum(self.weights)

    def index_of(self, player: str) -> int:
        """Position of ``player``; a :class:`PolitburoError` naming the players otherwise."""
        try:
            return self._index[player]
        except KeyError:
            known = ", ".join(self.players)
            raise PolitburoError(
                Problem(f"unknown player {player!r}; players: {known}", field="player")
            ) from None

    def weight_of(self, coalition: Iterable[str]) -> int:
        """Total weight of the named players (each counted once)."""
        return sum(self.weights[self.index_of(p)] for p in set(coalition))

    def is_winning(self, coalition: Iterable[str]) -> bool:
        """Whether the named players together reach the quota."""
        return self.weight_of(coalition) >= self.quota

    def reduced(self) -> tuple[tuple[int, ...], int]:
        """Weights and quota divided by their common divisor: the same game, smaller numbers.

        A coalition wins when ``w(S) >= q``, that is when ``w(S) / g >= ceil(q / g)`` for any
        common divisor ``g`` of the weights.
        """
        g = math.gcd(*self.weights)
        if g <= 1:
            return self.weights, self.quota
        return tuple(w // g for w in self.weights), -(-self.quota // g)


def parse_weights(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Read ``"4,4,4,2,2,1"`` or ``"france:4,italy:4,..."`` into names and weights.

    Unnamed weights are called ``"1"``, ``"2"``, ... by position.

    Raises
    ------
    PolitburoError
        For an empty list or any item that is not a non-negative integer.
    """
    items = [item.strip() for item in text.split(",")]
    if not text.strip():
        raise PolitburoError(Problem("no weights given", field="weights"))
    names: list[str] = []
    weights: list[int] = []
    problems: list[Problem] = []
    for i, item in enumerate(items):
        name, sep, value = item.rpartition(":")
        name = name.strip() if sep else str(i + 1)
        value = value.strip()
        digits = value[1:] if value[:1] in "+-" else value
        if not digits.isdigit() or not digits.isascii():
            problems.append(Problem(f"weight {value!r} is not an integer", field=f"weights[{i}]"))
            continue
        number = int(value)
        if number < 0:
            problems.append(Problem(f"weight {number} is negative", field=f"weights[{i}]"))
            continue
        names.append(name)
        weights.append(number)
    if problems:
        raise PolitburoError(problems)
    return tuple(names), tuple(weights)
