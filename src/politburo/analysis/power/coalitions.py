"""Coalitions of a weighted voting game: minimal winning ones, pivots, and swings of a vote.

The questions of June 1957 are of this kind: with three of Khrushchev's allies away, which
single member's defection, or which single member's absence, would have turned the vote?
:func:`vote_swings` answers them for a given vote; :func:`minimal_winning_coalitions` lists
every coalition that wins but would lose without any one of its members (for bodies of up to
about 25 voters), and :func:`pivot` names the member who carries an ordered roll call.

Examples
--------
>>> from politburo.analysis.power.game import WeightedGame
>>> game = WeightedGame((1,) * 8, 5, tuple("ABCDEFGH"))
>>> majority = lambda present: present // 2 + 1
>>> swings = vote_swings(game, yes=["A", "B", "C", "D"], quota_rule=majority)
>>> swings.passed, swings.defections, swings.absences
(False, ('E', 'F', 'G', 'H'), ('E', 'F', 'G', 'H'))
>>> len(minimal_winning_coalitions(game))
56
>>> pivot(game, ["H", "A", "B", "C", "D"])
'D'

References
----------
.. [1] Shapley, L. S. and Shubik, M. (1954). A method for evaluating the distribution of power
   in a committee system. *American Political Science Review* 48, 787-792.
.. [2] Banzhaf, J. F. (1965). Weighted voting doesn't work: a mathematical analysis. *Rutgers
   Law Review* 19, 317-343.
.. [3] Felsenthal, D. S. and Machover, M. (1998). *The Measurement of Voting Power*. Edward
   Elgar. Chapter 2 (minimal winning coalitions, vetoers, dummies).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from politburo.analysis.power import _dp
from politburo.analysis.power.game import WeightedGame
from politburo.analysis.power.indices import swing_counts
from politburo.errors import PolitburoError, Problem

__all__ = [
    "MAX_ENUMERATED_PLAYERS",
    "QuotaRule",
    "VoteSwings",
    "count_minimal_winning_coalitions",
    "critical_members",
    "dictator",
    "minimal_winning_coalitions",
    "null_players",
    "pivot",
    "veto_players",
    "vote_swings",
]

MAX_ENUMERATED_PLAYERS = 25
"""Largest body whose minimal winning coalitions are listed one by one."""

QuotaRule = Callable[[int], int]
"""The quota a body needs when the voters present hold this total weight."""


def _members(game: WeightedGame, names: Iterable[str], what: str) -> list[int]:
    seen: set[int] = set()
    problems: list[Problem] = []
    for name in names:
        try:
            seen.add(game.index_of(name))
        except PolitburoError as error:
            problems.extend(Problem(p.message, field=what) for p in error.problems)
    if problems:
        raise PolitburoError(problems)
    return sorted(seen)


def minimal_winning_coalitions(
    game: WeightedGame, *, max_players: int = MAX_ENUMERATED_PLAYERS
) -> tuple[tuple[str, ...], ...]:
    """Every winning coalition that loses if any one member leaves, heaviest members first.

    Players are taken in order of decreasing weight and a branch stops as soon as the quota
    is reached, so each coalition found is minimal (its lightest member, the last added, is
    needed) and each minimal one is found once.

    Raises
    ------
    PolitburoError
        When the game has more than ``max_players`` players.

    Examples
    --------
    >>> eec = WeightedGame((4, 4, 4, 2, 2, 1), 12, ("FR", "DE", "IT", "BE", "NL", "LU"))
    >>> for coalition in minimal_winning_coalitions(eec):
    ...     print(" ".join(coalition))
    FR DE IT
    FR DE BE NL
    FR IT BE NL
    DE IT BE NL
    """
    if game.n > max_players:
        raise PolitburoError(
            Problem(
                f"minimal winning coalitions are listed for bodies of up to {max_players} "
                f"voters; this one has {game.n}",
                field="body",
            )
        )
    order = sorted(range(game.n), key=lambda i: (-game.weights[i], i))
    weights = [game.weights[i] for i in order]
    suffix = [0] * (len(order) + 1)
    for k in range(len(order) - 1, -1, -1):
        suffix[k] = suffix[k + 1] + weights[k]
    found: list[tuple[str, ...]] = []
    chosen: list[int] = []

    def extend(start: int, weight: int) -> None:
        for k in range(start, len(order)):
            if weights[k] == 0 or weight + suffix[k] < game.quota:
                return
            chosen.append(order[k])
            if weight + weights[k] >= game.quota:
                found.append(tuple(game.players[i] for i in chosen))
            else:
                extend(k + 1, weight + weights[k])
            chosen.pop()

    extend(0, 0)
    return tuple(found)


def count_minimal_winning_coalitions(game: WeightedGame) -> int:
    """How many minimal winning coalitions the game has, without listing them (any size).

    Taking players heaviest first, a minimal winning coalition is a set of earlier players
    weighing ``[q - w_k, q)`` completed by player ``k``; subsets of the earlier players are
    counted by weight as in the Banzhaf generating function.

    Examples
    --------
    >>> count_minimal_winning_coalitions(WeightedGame((1,) * 25, 13))
    5200300
    """
    q = game.quota
    positive = sorted((w for w in game.weights if w > 0), reverse=True)
    if q > _dp.MAX_CELLS["object"]:
        return _count_sparse(positive, q, game.n)
    counts = np.zeros(q, dtype=object)
    counts[0] = 1
    found = 0
    for w in positive:
        found += int(counts[max(0, q - w) :].sum())
        if w < q:
            counts[w:] = counts[w:] + counts[:-w]
    return found


def _count_sparse(weights: Sequence[int], quota: int, players: int) -> int:
    """:func:`count_minimal_winning_coalitions` for a quota too large for a table: the
    weights reached below the quota kept as a mapping (at most ``2**n`` of them), for few
    players; refused for many."""
    if players > _dp.ENUMERATE_MAX_PLAYERS:
        raise PolitburoError(
            Problem(
                f"game too large: {players} players and a quota of {quota:,} (tables are "
                f"limited to {_dp.MAX_CELLS['object']:,} cells, listing to "
                f"{_dp.ENUMERATE_MAX_PLAYERS} players); weights this large need fewer players "
                "or a smaller scale",
                field="weights",
            )
        )
    counts: dict[int, int] = {0: 1}
    found = 0
    for w in weights:
        found += sum(c for total, c in counts.items() if total >= quota - w)
        grown = dict(counts)
        for total, c in counts.items():
            if total + w < quota:
                grown[total + w] = grown.get(total + w, 0) + c
        counts = grown
    return found


def critical_members(game: WeightedGame, coalition: Iterable[str]) -> tuple[str, ...]:
    """Members of a winning coalition without whom it would lose (none if it loses).

    Examples
    --------
    >>> critical_members(WeightedGame((3, 2, 1, 1), 4, tuple("ABCD")), ["A", "B", "C"])
    ('A',)
    """
    members = _members(game, coalition, "coalition")
    weight = sum(game.weights[i] for i in members)
    if weight < game.quota:
        return ()
    return tuple(game.players[i] for i in members if weight - game.weights[i] < game.quota)


def pivot(game: WeightedGame, order: Iterable[str]) -> str | None:
    """The member whose vote first brings the tally of ``order`` to the quota, if any.

    Examples
    --------
    >>> pivot(WeightedGame((3, 2, 1, 1), 4, tuple("ABCD")), ["C", "D", "B", "A"])
    'B'
    """
    tally = 0
    for name in order:
        tally += game.weights[game.index_of(name)]
        if tally >= game.quota:
            return name
    return None


def null_players(game: WeightedGame) -> tuple[str, ...]:
    """Players who swing in no coalition (dummies): their power is zero under every index.

    Examples
    --------
    >>> null_players(WeightedGame((4, 4, 4, 2, 2, 1), 12, ("FR", "DE", "IT", "BE", "NL", "LU")))
    ('LU',)
    """
    counts = swing_counts(game)
    return tuple(p for p, c in zip(game.players, counts, strict=True) if c == 0)


def veto_players(game: WeightedGame) -> tuple[str, ...]:
    """Players in every winning coalition: without them the rest cannot reach the quota.

    Examples
    --------
    >>> veto_players(WeightedGame((3, 2, 1, 1), 5, tuple("ABCD")))
    ('A',)
    """
    total = game.total
    return tuple(
        p for p, w in zip(game.players, game.weights, strict=True) if total - w < game.quota
    )


def dictator(game: WeightedGame) -> str | None:
    """The player who wins alone and is in every winning coalition, if there is one."""
    for p, w in zip(game.players, game.weights, strict=True):
        if w >= game.quota and game.total - w < game.quota:
            return p
    return None


@dataclass(frozen=True, slots=True)
class VoteSwings:
    """What one change would do to a vote.

    Attributes
    ----------
    passed
        Whether the motion carries as cast.
    yes_weight, present_weight, quota
        The tally, the weight present and the quota it had to reach.
    defections
        Members whose single change of side flips the result: yes voters whose loss defeats
        a motion that passed, or no voters whose support carries one that failed.
    absences
        Members whose single absence flips the result, the quota recomputed by the body's
        rule for those still present.
    """

    passed: bool
    yes_weight: int
    present_weight: int
    quota: int
    defections: tuple[str, ...]
    absences: tuple[str, ...]


def vote_swings(
    game: WeightedGame, yes: Iterable[str], *, quota_rule: QuotaRule | None = None
) -> VoteSwings:
    """Which single defection, or single absence, flips a vote.

    Parameters
    ----------
    game
        The players present and their weights; ``game.quota`` is the quota for them all.
    yes
        Those voting yes; every other player present votes no or abstains.
    quota_rule
        Quota as a function of the weight present, used when a member leaves (for example a
        majority of those present); ``None`` keeps ``game.quota``.

    Examples
    --------
    Four against four in a body of eight fails; one opponent away, four of seven carry it.

    >>> game = WeightedGame((1,) * 8, 5, tuple("ABCDEFGH"))
    >>> vote_swings(game, "ABCD", quota_rule=lambda present: present // 2 + 1).absences
    ('E', 'F', 'G', 'H')
    >>> vote_swings(game, "ABCD").absences
    ()
    """
    members = set(_members(game, yes, "yes"))
    tally = sum(game.weights[i] for i in members)
    total = game.total
    passed = tally >= game.quota
    rule = quota_rule if quota_rule is not None else (lambda _present: game.quota)
    defections: list[str] = []
    absences: list[str] = []
    for i, (name, w) in enumerate(zip(game.players, game.weights, strict=True)):
        on_side = (i in members) == passed
        if on_side and w > 0:
            flipped = tally - w if passed else tally + w
            if (flipped >= game.quota) != passed:
                defections.append(name)
        remaining = tally - w if i in members else tally
        if (remaining >= rule(total - w)) != passed:
            absences.append(name)
    return VoteSwings(passed, tally, total, game.quota, tuple(defections), tuple(absences))
