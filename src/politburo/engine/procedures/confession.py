"""A target who fought confesses at the verdict: the same choice as his answer to the demand to
resign, taken again with his odds as they stand when the higher body is about to vote.

Used only by a challenge that names ``landing_posts`` (see
:mod:`~politburo.engine.procedures.demotion`). A target who refused and stands accused before
the higher body, where it is about to condemn him, is asked once more: if the decision model's
``refuses`` (his resolve against his odds, with a fresh draw from his tape of answers) says he
would now give in, he confesses in public, votes with the majority and is graded as one who
recanted (his ``holdout`` term is 0). Otherwise he holds out to the end. His private stake (his
utility) is unchanged: a confession at the verdict is a public act against a private preference
([Kuran1995]).

References
----------
.. [Kuran1995] Kuran (1995), "Private Truths, Public Lies".
"""

from __future__ import annotations

import numpy as np

from politburo.arrays import Bools as B
from politburo.engine.kernel import Simulation
from politburo.engine.perception.attendance import attendance
from politburo.engine.procedures.arena import target_answer
from politburo.engine.state import Fight

__all__ = ["confess"]


def confess(sim: Simulation, fight: Fight, runs: B, major: np.ndarray) -> None:
    """In the runs ``runs`` of the verdict where the body's majority ``major`` (R,) is the
    challengers', the accused target who still stands against them may confess."""
    ch = fight.challenge
    if not ch.graded_target:
        return
    t = ch.target
    present = attendance(sim, ch.higher).present[:, t]
    asked = runs & (major > 0) & fight.accused[:, t] & (fight.side[:, t] < 0) & present
    if not asked.any():
        return
    bal, refuses = target_answer(sim, fight)
    fight.responses = fight.responses + asked.astype(np.int16)
    confessing = asked & ~refuses
    if not confessing.any():
        return
    side = fight.side.copy()
    side[:, t] = np.where(confessing, 1, side[:, t])
    fight.side = side
    recanted = fight.recanted.copy()
    recanted[:, t] = np.where(confessing, np.int16(sim.day), recanted[:, t])
    fight.recanted = recanted
    sim.log.add(
        "confess",
        confessing,
        sim.day,
        sim.session,
        actor=t,
        body=ch.higher,
        detail=lambda run: {
            "odds_in_higher_body": round(1.0 - float(bal.expected[run, t]), 3),
            "private_utility": round(float(fight.utility[run, t]), 3),
            "facts": [f"actors/{sim.compiled.actor_ids[t]}/traits"],
        },
    )
