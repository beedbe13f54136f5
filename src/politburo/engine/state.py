"""The state of every run: arrays over (runs, actors), (runs, blocs) and (runs,).

:class:`World` holds what every challenge shares (whereabouts, seats, offices, detention);
:class:`Fight` holds one challenge's course (alignment, commitment, phase and milestones).

Results that depend only on part of the state (who is present, the perceived balance) are
cached, keyed on :meth:`Tracked.stamps` of the fields they read: those fields are read-only
arrays that change only by assigning a new array, and every assignment stamps them anew.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from politburo.arrays import I8, I16, I32, Floats
from politburo.arrays import Bools as B
from politburo.engine.compile import CompiledChallenge, CompiledScenario

__all__ = ["NEVER", "Fight", "World"]

NEVER = -1
"""Day offset standing for "never"."""


class Tracked:
    """Stamps the fields named in ``TRACKED`` at every assignment and makes their arrays
    read-only, so that writing into one in place is an error, not a stale cache."""

    TRACKED: ClassVar[frozenset[str]] = frozenset()

    def __setattr__(self, name: str, value: object) -> None:
        if name in self.TRACKED:
            if isinstance(value, np.ndarray):
                value.flags.writeable = False
            clock: int = self.__dict__.get("_clock", 0) + 1
            self.__dict__["_clock"] = clock
            self.__dict__.setdefault("_stamps", {})[name] = clock
        object.__setattr__(self, name, value)

    def stamps(self, *names: str) -> tuple[int, ...]:
        """Stamps of the fields ``names``: equal stamps, equal values."""
        stamps: dict[str, int] = self.__dict__["_stamps"]
        return tuple(stamps[n] for n in names)


@dataclass
class World(Tracked):
    """Whereabouts, seats and offices in every run."""

    TRACKED: ClassVar[frozenset[str]] = frozenset({"loc", "detained"})

    loc: I32
    heading: I32
    """(R, A): where an actor was summoned to, -1 if not summoned."""
    arrive: I32
    """(R, A): day the summoned actor arrives, -1 if not summoned."""
    detained: B
    rank: I8
    """(R, B, A): rank index, -1 no seat, -2 as the scenario schedules it."""
    holder: I32
    """(R, O): the first holder of each office, -1 if vacant."""
    holds: B
    """(O, R, A): whether each actor holds each office (an office may have many holders)."""
    chair: I32
    g_arrivals: I32
    """(D + 1, R, G): members of each bloc arriving at its body's seat each day."""
    g_pending: I32
    """(R, G): summoned members who have not yet set off."""
    g_summoned: B
    rank_version: int = 0
    """Bumped whenever a sanction changes a seat (results keyed on it are then stale)."""
    arrivals_version: int = 0
    """Bumped whenever bloc arrivals are scheduled."""
    _ranks: dict[tuple[int, int, int], I8] = field(default_factory=dict, repr=False)

    @classmethod
    def start(cls, compiled: CompiledScenario, runs: int) -> World:
        """The world on the first day, as the scenario gives it."""
        a, g, b = compiled.n_actors, compiled.n_groups, len(compiled.body_ids)
        chair = np.full((runs, b), -1, dtype=np.int32)
        for k, office in enumerate(compiled.body_chair_office.tolist()):
            if office >= 0:
                chair[:, k] = compiled.holder0[office]
        return cls(
            loc=np.repeat(compiled.actor_sched[None, :, 0], runs, axis=0).astype(np.int32),
            heading=np.full((runs, a), -1, dtype=np.int32),
            arrive=np.full((runs, a), -1, dtype=np.int32),
            detained=np.zeros((runs, a), dtype=bool),
            rank=np.full((runs, b, a), -2, dtype=np.int8),
            holder=np.repeat(compiled.holder0[None, :], runs, axis=0).astype(np.int32),
            holds=np.repeat(compiled.holds0.T[:, None, :], runs, axis=1),
            chair=chair,
            g_arrivals=np.zeros((compiled.n_days + 1, runs, g), dtype=np.int32),
            g_pending=np.zeros((runs, g), dtype=np.int32),
            g_summoned=np.zeros((runs, g), dtype=bool),
        )

    def ranks(self, compiled: CompiledScenario, body: int, day: int) -> I8:
        """(R, A) rank of every actor in ``body`` on ``day``, sanctions applied."""
        key = (body, min(day, compiled.n_days - 1), self.rank_version)
        cached = self._ranks.get(key)
        if cached is None:
            scheduled = compiled.member_rank[key[1], body]
            own = self.rank[:, body, :]
            cached = np.where(own == -2, scheduled[None, :], own).astype(np.int8)
            self._ranks = {k: v for k, v in self._ranks.items() if k[2] == self.rank_version}
            self._ranks[key] = cached
        return cached


@dataclass
class Fight(Tracked):
    """The course of one challenge in every run."""

    TRACKED: ClassVar[frozenset[str]] = frozenset(
        {
            "side",
            "declared",
            "group_side",
            "group_signed",
            "delegation",
            "phase",
            "appeal_day",
            "public",
        }
    )

    challenge: CompiledChallenge
    phase: I8
    side: I8
    utility: Floats
    public: I16
    declared: B
    accused: B
    group_side: I8
    """(R, G, 3): side of the loyal, wavering and hostile share of each bloc."""
    group_utility: Floats
    group_signed: B
    on_side_sessions: I16
    """(R, A): sessions spent backing the challengers since the strike."""
    against_sessions: I16
    joined: I16
    deserted: I16
    recanted: I16
    defected: I16
    strike_day: I16
    appeal_day: I16
    petition_day: I16
    delegation: I8
    """(R,): a :class:`~politburo.engine.codes.Delegation`."""
    convened_day: I16
    open_day: I16
    resolved_day: I16
    removed_day: I16
    demanded: B
    """(R,): a demand to resign awaits the target's answer."""
    responses: I16
    last_motion_day: I16
    guards: B
    called: B
    alerted: B
    presiding: I32
    turn: I16
    """(R, A): the speech number at which each named speaker has the floor, -1 none."""
    spoke: B
    """(R,): the higher body's members have been summoned to its sitting."""
    sanction: I8
    """(R, A): the :class:`~politburo.engine.codes.SanctionLevel` imposed on each actor."""
    refused: B
    complied: B
    force_used: B
    fait: B
    voters_at_last_vote: I16
    speeches: I16
    speeches_due: I16
    outcome: I8
    """(R,): the :class:`~politburo.engine.codes.Outcome` in each run."""
    adjourned_to: I16
    """(R,): the sitting to which the arena adjourned the question, -1 none."""
    resumed_day: I16
    """(R,): the day the arena last took the question up again after adjourning, -1 none."""
    slate_voted: B
    """(R,): the target's associates have been voted on."""
    planned_day: int = NEVER
    """The day the challengers plan to strike (the same in every run), or never."""
    planned_by: int = 1
    """Who brings the question on that day: +1 the challengers, -1 the incumbent."""
    ballot: Any = None
    """A ballot under way (:class:`~politburo.engine.procedures.ballot.BallotState`), if any."""

    @classmethod
    def start(cls, compiled: CompiledScenario, challenge: CompiledChallenge, runs: int) -> Fight:
        """A challenge not yet begun."""
        a, g = compiled.n_actors, compiled.n_groups

        def days(shape: tuple[int, ...]) -> I16:
            return np.full(shape, -1, dtype=np.int16)

        return cls(
            challenge=challenge,
            phase=np.zeros(runs, dtype=np.int8),
            side=np.zeros((runs, a), dtype=np.int8),
            utility=np.zeros((runs, a)),
            public=np.zeros((runs, a), dtype=np.int16),
            declared=np.zeros((runs, a), dtype=bool),
            accused=np.zeros((runs, a), dtype=bool),
            # (R, G, 3) laid out share by share, as the decision models compute them.
            group_side=np.zeros((3, runs, g), dtype=np.int8).transpose(1, 2, 0),
            group_utility=np.zeros((3, runs, g)).transpose(1, 2, 0),
            group_signed=np.zeros((runs, g), dtype=bool),
            on_side_sessions=np.zeros((runs, a), dtype=np.int16),
            against_sessions=np.zeros((runs, a), dtype=np.int16),
            joined=days((runs, a)),
            deserted=days((runs, a)),
            recanted=days((runs, a)),
            defected=days((runs, a)),
            strike_day=days((runs,)),
            appeal_day=days((runs,)),
            petition_day=days((runs,)),
            delegation=np.zeros(runs, dtype=np.int8),
            convened_day=days((runs,)),
            open_day=days((runs,)),
            resolved_day=days((runs,)),
            removed_day=days((runs,)),
            demanded=np.zeros(runs, dtype=bool),
            responses=np.zeros(runs, dtype=np.int16),
            last_motion_day=days((runs,)),
            guards=np.zeros(runs, dtype=bool),
            called=np.zeros(runs, dtype=bool),
            alerted=np.zeros(runs, dtype=bool),
            presiding=np.full(runs, -1, dtype=np.int32),
            turn=np.full((runs, a), -1, dtype=np.int16),
            spoke=np.zeros((runs, a), dtype=bool),
            sanction=np.zeros((runs, a), dtype=np.int8),
            refused=np.zeros(runs, dtype=bool),
            complied=np.zeros(runs, dtype=bool),
            force_used=np.zeros(runs, dtype=bool),
            fait=np.zeros(runs, dtype=bool),
            voters_at_last_vote=np.zeros(runs, dtype=np.int16),
            speeches=np.zeros(runs, dtype=np.int16),
            speeches_due=np.zeros(runs, dtype=np.int16),
            outcome=np.zeros(runs, dtype=np.int8),
            adjourned_to=days((runs,)),
            resumed_day=days((runs,)),
            slate_voted=np.zeros(runs, dtype=bool),
        )
