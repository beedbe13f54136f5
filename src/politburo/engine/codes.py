"""The engine's codes: phases, delegation states, outcomes, sanction levels and ballots.

Each is an :class:`~enum.IntEnum`, so that state arrays hold plain small integers and compare
with the members directly (``fight.phase == Phase.ARENA``).
"""

from __future__ import annotations

from enum import IntEnum

__all__ = ["Ballot", "Delegation", "Outcome", "Phase", "SanctionLevel"]


class Phase(IntEnum):
    """Phases of a challenge in one run."""

    WAITING = 0
    ARENA = 1
    CONVENED = 2
    PLENUM = 3
    DONE = 4


class Delegation(IntEnum):
    """Where the delegation carrying a petition to the arena stands."""

    NONE = 0
    AT_THE_DOOR = 1
    RECEIVED = 2
    BLOCKED = 3


class Outcome(IntEnum):
    """Who won a challenge in one run."""

    TARGET = -1
    UNDECIDED = 0
    CHALLENGERS = 1

    @property
    def word(self) -> str:
        """The outcome as results print it."""
        return self.name.lower()


class SanctionLevel(IntEnum):
    """The ladder of sanctions, mildest first."""

    NONE = 0
    REPRIMAND = 1
    DEMOTE = 2
    REMOVE = 3
    EXPEL = 4

    @property
    def word(self) -> str:
        """The level as results print it (``none``, ``reprimand``, ``demote``, ...)."""
        return self.name.lower()

    @property
    def phrase(self) -> str:
        """The level as a sentence tells it."""
        return ("no sanction", "a reprimand", "demotion", "removal", "expulsion")[self]


class Ballot(IntEnum):
    """A member's ballot in a vote, as the event log keeps it."""

    NO = -1
    ABSTAIN = 0
    YES = 1
    PRESENT_WITHOUT_VOTE = 2
    ABSENT = -2
