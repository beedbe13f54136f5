"""Sittings of the arena: adjournment to the next scheduled sitting, and resumption.

A body that keeps a schedule (:mod:`politburo.engine.schedule`) can be struck at only when it
sits. Once the question is opened, the sitting goes on from day to day, as a daily body's
does, until the question is settled or adjourned. At the challengers' deadline a deadlocked
arena (neither side holds a majority of the voting members present) does not end the fight:
it adjourns the question to its next ordinary sitting, where it resumes with a fresh deadline;
with no sitting left, the question is adjourned *sine die* and stays undecided. Between
sittings the arena does not meet (no vote, no answer, no delegation received), while its
members go on reconsidering and the higher body's members go on signing. A body that sits
daily never adjourns: its deadline decides, as before.

References
----------
.. [Rush1965] Rush (1965), "Political Succession in the USSR" (the Presidium decides, the
   Central Committee in plenum ratifies or overrules).
.. [Cox2005] Cox and McCubbins (2005), "Setting the Agenda" (negative agenda power: delaying
   what one cannot win).
"""

from __future__ import annotations

import numpy as np

from politburo.arrays import Bools as B
from politburo.engine.kernel import Simulation
from politburo.engine.schedule import NO_SITTING
from politburo.engine.state import Fight

__all__ = ["SINE_DIE", "adjourn", "in_session", "resume", "summons_due"]

SINE_DIE = np.iinfo(np.int16).max
"""``adjourned_to`` of a question adjourned with no sitting left."""


def in_session(sim: Simulation, fight: Fight) -> B:
    """(R,) runs in which the arena is not adjourned today."""
    return np.asarray(fight.adjourned_to <= sim.day)


def adjourn(sim: Simulation, fight: Fight, deadlocked: B) -> B:
    """Adjourn, in the runs of ``deadlocked``, a scheduled arena's question to its next sitting.

    Returns the runs adjourned (none if the arena sits daily).
    """
    c, ch = sim.compiled, fight.challenge
    if not c.sittings.scheduled[ch.arena] or not deadlocked.any():
        return np.zeros(sim.runs, dtype=bool)
    nxt = c.sittings.next_sitting(ch.arena, sim.day + 1)
    known = nxt != NO_SITTING
    fight.adjourned_to = np.where(
        deadlocked, nxt if known else SINE_DIE, fight.adjourned_to
    ).astype(np.int16)
    if not known:
        fight.fait |= deadlocked
    arena_id = c.body_ids[ch.arena]
    sim.log.add(
        "adjourned",
        deadlocked,
        sim.day,
        sim.session,
        actor=int(ch.leaders[0]),
        body=ch.arena,
        subject=ch.target,
        resumes_day=nxt if known else -1,
        scheduled=int(known),
        detail=lambda run: {
            "facts": [f"challenges/{ch.id}", f"bodies/{arena_id}/rule"]
            + (c.sittings.facts(ch.arena, arena_id, nxt) if known else [])
        },
    )
    return deadlocked


def resume(sim: Simulation, fight: Fight, runs: B) -> None:
    """Where an adjourned question comes back today, the arena takes it up again: the
    challengers' deadline runs anew from today."""
    c, ch = sim.compiled, fight.challenge
    back = runs & (fight.adjourned_to == sim.day)
    if not back.any():
        return
    fight.resumed_day = np.where(back, sim.day, fight.resumed_day).astype(np.int16)
    fight.adjourned_to = np.where(back, -1, fight.adjourned_to).astype(np.int16)
    arena_id, day = c.body_ids[ch.arena], sim.day
    sim.log.add(
        "resumed",
        back,
        sim.day,
        sim.session,
        actor=int(ch.leaders[0]),
        body=ch.arena,
        subject=ch.target,
        detail=lambda run: {"facts": c.sittings.facts(ch.arena, arena_id, day)},
    )


def summons_due(sim: Simulation, fight: Fight) -> B:
    """(R,) runs in which the higher body's members are called in today: from its notice
    before the day it opens (at once when it was convened for the end of its notice)."""
    c, ch = sim.compiled, fight.challenge
    notice = int(c.body_notice[ch.higher]) if ch.higher >= 0 else 0
    return np.asarray((fight.open_day >= 0) & (sim.day >= fight.open_day - notice))
