"""The engine's codes: phases, delegation states, outcomes, sanction levels and ballots.

Each is a closed set of named small integers, the values state arrays hold. They are plain
``int`` class attributes rather than :class:`enum.IntEnum` members: NumPy compares an array
with a plain integer about five times faster than with an ``int`` subclass, and the engine
makes thousands of such comparisons per batch. :meth:`Codes.name_of` and :meth:`Codes.word`
turn a value back into its name.

>>> Phase.ARENA, Phase.name_of(1)
(1, 'ARENA')
>>> SanctionLevel.word(4), SanctionLevel.phrase(1)
('expel', 'a reprimand')
"""

from __future__ import annotations

from typing import ClassVar

__all__ = ["Ballot", "Codes", "Delegation", "Outcome", "Phase", "SanctionLevel"]


class Codes:
    """Base of a set of named integer codes: every upper-case class attribute is one."""

    _names: ClassVar[dict[int, str]]

    def __init_subclass__(cls) -> None:
        names = {v: k for k, v in vars(cls).items() if k.isupper() and isinstance(v, int)}
        if len(names) != sum(1 for k in vars(cls) if k.isupper()):
            raise ValueError(f"{cls.__name__}: two codes share a value")
        cls._names = names

    @classmethod
    def name_of(cls, value: int) -> str:
        """The name of the code ``value``."""
        try:
            return cls._names[int(value)]
        except KeyError:
            raise ValueError(f"{value!r} is not a {cls.__name__} code") from None

    @classmethod
    def word(cls, value: int) -> str:
        """The code's name as results print it (lower case)."""
        return cls.name_of(value).lower()

    @classmethod
    def values(cls) -> tuple[int, ...]:
        """Every code, in rising order."""
        return tuple(sorted(cls._names))


class Phase(Codes):
    """Phases of a challenge in one run."""

    WAITING = 0
    ARENA = 1
    CONVENED = 2
    PLENUM = 3
    DONE = 4
    BALLOT = 5


class Delegation(Codes):
    """Where the delegation carrying a petition to the arena stands."""

    NONE = 0
    AT_THE_DOOR = 1
    RECEIVED = 2
    BLOCKED = 3


class Outcome(Codes):
    """Who won a challenge in one run."""

    TARGET = -1
    UNDECIDED = 0
    CHALLENGERS = 1


class SanctionLevel(Codes):
    """The ladder of sanctions, mildest first."""

    NONE = 0
    REPRIMAND = 1
    DEMOTE = 2
    REMOVE = 3
    EXPEL = 4

    @classmethod
    def phrase(cls, value: int) -> str:
        """The level as a sentence tells it."""
        return ("no sanction", "a reprimand", "demotion", "removal", "expulsion")[value]


class Ballot(Codes):
    """A member's ballot in a vote, as the event log keeps it."""

    NO = -1
    ABSTAIN = 0
    YES = 1
    PRESENT_WITHOUT_VOTE = 2
    ABSENT = -2
