"""Elections of an office holder by ballot among candidates: rounds, thresholds, margins.

A body's ``ballots`` say how it elects the holder of an office when a challenge puts the office
in question: in a *contest* the incumbent stands against the challengers' candidates; after a
*spill* (``spill: true``) the body first votes whether the office is vacant (its ``remove``
power, by its ``rule``) and, if it is, elects among the candidates who stand. Each round has
its threshold and margin; the last round repeats until someone is elected. The rules are data:
any party's rules, of any decade, are a list of rounds.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from politburo.scenario.schema.common import MAX_DAYS, Fact, Id, Model, Weight

__all__ = ["BallotRound", "BallotRule", "CountBase"]

CountBase = Literal["votes", "present", "members"]
"""What a share is of: the votes cast, the voting members present, or all voting members."""


class BallotRound(Model):
    """One round of a ballot.

    The leading candidate is elected when his votes exceed ``threshold`` of ``of`` *and* his
    lead over the runner-up is at least ``margin`` of ``margin_of``. ``open``: new candidates
    may enter before this round. ``top``: only the leading ``top`` candidates of the previous
    round stand (a run-off). ``drop_lowest``: if nobody is elected, the candidate with the
    fewest votes is eliminated from the next round. ``after_days``: the round is held that
    many days after the previous one (0: at the same sitting).
    """

    threshold: Weight = 0.5
    of: CountBase = "votes"
    margin: Weight = 0.0
    margin_of: CountBase = "members"
    open: bool = False
    top: int | None = Field(default=None, ge=2, le=100)
    drop_lowest: bool = False
    after_days: int = Field(default=0, ge=0, le=MAX_DAYS)
    """Days after the previous round on which this round is held (0: the same sitting)."""


class BallotRule(Fact):
    """How a body elects the holder of ``office`` by ballot.

    ``spill``: a vote whether the office is vacant comes first (the body's ``remove`` power,
    decided by its ``rule``); the ballot follows only if it passes. ``incumbent_may_stand``:
    after a spill, the removed holder may stand again. ``eligible``: the ranks of the body whose
    members may stand (default: every voting rank). ``rounds``: the rounds in order; the last
    one repeats until a candidate is elected or one is left.
    """

    office: Id
    spill: bool = False
    incumbent_may_stand: bool = True
    eligible: list[Id] = Field(default_factory=list)
    rounds: list[BallotRound] = Field(min_length=1, max_length=20)

    @model_validator(mode="after")
    def _first_round_not_runoff(self) -> BallotRule:
        if self.rounds[0].top is not None:
            raise ValueError("the first round cannot be a run-off ('top' needs a previous round)")
        return self
