"""Several targets at once: the target's associates removed with him, on the same vote.

A challenge may name the target's ``associates``: members of the arena whom the challengers
mean to remove with him. When a body that may remove members from the arena (a body with an
``expel`` power over it) removes the target or ratifies his removal, it votes on the
associates as one slate, in the same sitting, with the ballots the sides give at that moment:
the majority that brought the leader down carries his associates with him, or fails to
([Rush1965]: a leader falls with his group). An associate who has stood on the target's side
at no time since the strike is spared (a late recantation does not save the others); one who
has already lost his seat is not voted on again. Removed, an associate loses his seat in the
arena and the offices that go with it; what else befalls him (a reprimand, expulsion from
every body) is the resolution's sanctions, graded by his conduct like everyone's.

References
----------
.. [Rush1965] Rush (1965), "Political Succession in the USSR" (the defeated leader's group
   removed with him: the anti-party group of 1957).
"""

from __future__ import annotations

import numpy as np

from politburo.arrays import Bools as B
from politburo.engine.facts import body_fact, membership_fact
from politburo.engine.kernel import Simulation
from politburo.engine.perception.attendance import attendance
from politburo.engine.procedures.meetings import vote
from politburo.engine.procedures.resources import lose_office
from politburo.engine.state import Fight

__all__ = ["on_slate", "remove_slate"]


def on_slate(sim: Simulation, fight: Fight) -> B:
    """(R, K) which of the challenge's associates are on the slate: still seated in the arena,
    and with the target now or at some time since the strike."""
    c, ch = sim.compiled, fight.challenge
    ranks = sim.world.ranks(c, ch.arena, sim.day)[:, ch.associates]
    stood = (fight.side[:, ch.associates] < 0) | (fight.against_sessions[:, ch.associates] > 0)
    return np.asarray((ranks >= 0) & stood)


def remove_slate(sim: Simulation, fight: Fight, runs: B, body: int) -> None:
    """In the runs of ``runs``, where ``body`` has just removed the target (or ratified his
    removal), vote once on removing his associates from the arena, if ``body`` may."""
    c, ch = sim.compiled, fight.challenge
    if len(ch.associates) == 0 or body not in ch.slate_bodies:
        return
    runs = runs & ~fight.slate_voted
    if not runs.any():
        return
    slate = on_slate(sim, fight) & runs[:, None]
    runs = runs & slate.any(axis=1)
    if not runs.any():
        return
    fight.slate_voted |= runs
    ballots = fight.side.copy()
    ballots[:, ch.associates] = np.where(slate, -1, ballots[:, ch.associates])
    att = attendance(sim, body)
    tally = vote(
        sim,
        fight,
        att,
        runs,
        "slate",
        ballots,
        subject=ch.target,
        mover=int(ch.leaders[0]),
        facts=[f"challenges/{ch.id}/associates", *body_fact(c, body, "powers")],
    )
    for k, a in enumerate(ch.associates.tolist()):
        _unseat(sim, fight, tally.passed & slate[:, k], a, body)


def _unseat(sim: Simulation, fight: Fight, runs: B, a: int, body: int) -> None:
    """Actor ``a`` loses his seat in the arena, and the offices of the arena, in ``runs``."""
    c, ch, w = sim.compiled, fight.challenge, sim.world
    if not runs.any():
        return
    facts = membership_fact(c, a, ch.arena, sim.day)
    w.rank[:, ch.arena, a] = np.where(runs, -1, w.rank[:, ch.arena, a])
    w.rank_version += 1
    sim.log.add(
        "removed-with",
        runs,
        sim.day,
        sim.session,
        actor=a,
        body=body,
        subject=ch.target,
        detail=lambda run: {"facts": [f"challenges/{ch.id}/associates", *facts]},
    )
    sim.log.add(
        "seat",
        runs,
        sim.day,
        sim.session,
        actor=a,
        body=ch.arena,
        rank=-1,
        detail=lambda run: {"facts": body_fact(c, ch.arena, "ranks")},
    )
    for o in np.flatnonzero(c.office_body == ch.arena).tolist():
        lose_office(sim, runs & w.holds[o, :, a], a, o, ch.arena, "lost his seat")
