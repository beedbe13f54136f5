"""The weighted voting game of a scenario's body on a given day.

Who may vote comes from the scenario layer (:func:`politburo.scenario.queries.voting_members`):
the full members of the body who are at its seat that day, candidates and absentees left out;
a bloc that votes as one is a single player weighing its head count, any other bloc counts as
that many players of weight one. The quota is the body's decision rule applied to those
present, and :meth:`BodyGame.quota_rule` re-applies the rule when a member leaves, which is
what "which single absence flips this vote" needs.

Examples
--------
The Presidium on 18 June 1957, three of its members away:

>>> from politburo.analysis.power import banzhaf
>>> bg = body_game("june-1957", "presidium", "1957-06-18")
>>> bg.day, bg.game.quota == bg.quota_rule(bg.game.total)
(datetime.date(1957, 6, 18), True)
>>> sum(banzhaf(bg.game).fractions)
Fraction(1, 1)

References
----------
.. [1] Felsenthal, D. S. and Machover, M. (1998). *The Measurement of Voting Power*. Edward
   Elgar. Section 2.3, weighted voting games of committees with absentees.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from politburo.analysis.power.game import WeightedGame
from politburo.errors import PolitburoError, Problem
from politburo.scenario.dates import parse_day

if TYPE_CHECKING:
    from politburo.scenario import Scenario
    from politburo.scenario.queries import Whereabouts
    from politburo.scenario.schema import DecisionRule

__all__ = ["BodyGame", "as_scenario", "body_game"]


@dataclass(frozen=True)
class BodyGame:
    """The game of one body on one day, with what is needed to vary it.

    Attributes
    ----------
    scenario, body, day
        Where the game comes from.
    game
        Players present and entitled to vote, their weights and the quota.
    absent
        Voting members (actors or blocs) away from the body's seat that day.
    voters
        Head count of every voting member, present or not.
    rule
        The body's decision rule.
    """

    scenario: str
    body: str
    day: dt.date
    game: WeightedGame
    absent: tuple[str, ...]
    voters: int
    rule: DecisionRule

    @property
    def quorate(self) -> bool:
        """Whether enough voting members are present for the rule's quorum."""
        return self.game.total >= self.rule.quorum * self.voters

    def quota_rule(self, present_weight: int) -> int:
        """Votes needed under the body's rule when the voters present weigh this much."""
        return self.rule.votes_needed(self.voters, present_weight)


def as_scenario(scenario: Scenario | str | Path) -> Scenario:
    """A loaded scenario, loading a bundled name or a folder path when given one."""
    from politburo.scenario import Scenario, load_scenario

    return scenario if isinstance(scenario, Scenario) else load_scenario(scenario)


def body_game(
    scenario: Scenario | str | Path,
    body: str,
    day: dt.date | str,
    whereabouts: Whereabouts | None = None,
) -> BodyGame:
    """The weighted voting game of ``body`` on ``day``, with the members present by
    ``whereabouts`` (default: the scenario's schedule; see
    :mod:`politburo.analysis.presence` for a replay's).

    Raises
    ------
    PolitburoError
        For an unknown body, a day outside the scenario, a day on which no voting member is
        present, or one on which those present cannot reach the quota.
    """
    from politburo.scenario.queries import body_of, seats, voting_members

    loaded = as_scenario(scenario)
    when = parse_day(day)
    rule = body_of(loaded, body).rule
    roll = voting_members(loaded, body, when, whereabouts)
    voters = sum(seat.count for seat in seats(loaded, body, when, whereabouts) if seat.votes)
    total = sum(roll.weights)
    if roll.quota > total:
        raise PolitburoError(
            Problem(
                f"on {when} the voters of {body!r} present hold {total} votes, fewer than "
                f"the {roll.quota} its rule needs: no motion can carry",
                field="body",
            )
        )
    game = WeightedGame(roll.weights, roll.quota, roll.members)
    return BodyGame(loaded.id, body, when, game, roll.absent, voters, rule)
