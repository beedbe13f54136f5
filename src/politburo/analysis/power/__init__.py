"""Voting power in collective bodies: weighted games, power indices, coalitions and swings.

Pure functions in topic modules, networkx style:

* :mod:`~politburo.analysis.power.game`: :class:`WeightedGame`, a validated weighted voting
  game;
* :mod:`~politburo.analysis.power.indices`: exact Banzhaf (normalized and absolute) and
  Shapley-Shubik indices by generating functions;
* :mod:`~politburo.analysis.power.coalitions`: minimal winning coalitions, pivots, null and
  veto players, and which single defection or absence flips a vote;
* :mod:`~politburo.analysis.power.scenario_games`: the game of a scenario's body on a day;
* :mod:`~politburo.analysis.power.timeline`: every member's power on every day;
* :mod:`~politburo.analysis.power.plot`: matplotlib figures (imports matplotlib when called).
"""

from politburo.analysis.power.coalitions import (
    VoteSwings,
    count_minimal_winning_coalitions,
    critical_members,
    dictator,
    minimal_winning_coalitions,
    null_players,
    pivot,
    veto_players,
    vote_swings,
)
from politburo.analysis.power.game import WeightedGame, majority_quota, parse_weights
from politburo.analysis.power.indices import (
    PowerIndex,
    banzhaf,
    power_index,
    shapley_shubik,
    swing_counts,
)
from politburo.analysis.power.scenario_games import BodyGame, body_game
from politburo.analysis.power.timeline import PowerTimeline, power_by_day

__all__ = [
    "BodyGame",
    "PowerIndex",
    "PowerTimeline",
    "VoteSwings",
    "WeightedGame",
    "banzhaf",
    "body_game",
    "count_minimal_winning_coalitions",
    "critical_members",
    "dictator",
    "majority_quota",
    "minimal_winning_coalitions",
    "null_players",
    "parse_weights",
    "pivot",
    "power_by_day",
    "power_index",
    "shapley_shubik",
    "swing_counts",
    "veto_players",
    "vote_swings",
]
