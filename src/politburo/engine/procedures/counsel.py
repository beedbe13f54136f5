"""Counsel: the members of a body tell the holder of an office, who faces a ballot, to go.

A body with ``counsel`` for an office (a cabinet for its party leader) counsels the target of a
challenge for that office between two rounds of its ballot. On each day before the next round
on which the target, still standing in it, is at the body's seat, and once before each round,
every member of the body present who is not a candidate or a leader of the challenge tells him
whether to go: *go* when the member expects him to lose the next round (his expected share of
his and his strongest rival's votes below one half, the odds he reads himself before standing
again), or when the member would vote for another candidate in it (a named member by his own
tastes, a bloc's shares by their logit probabilities). The target gives up the contest
(``comply``: he stands down and keeps the office until the ballot elects his successor) when
the share telling him to go exceeds ``t + (1 - t) * resolve``, with ``t`` the body's decision
threshold: a body's majority for a target of no resolve, unanimity for one of full resolve.
No draw is made here: the tastes are those the target's ballot drew for the vote.

References
----------
.. [AldermanCarter1991] Alderman and Carter (1991), "A Very Tory Coup: The Ousting of Mrs
   Thatcher" (the cabinet ministers seen one by one between the ballots).
.. [CrossBlais2012] Cross and Blais (2012), "Politics at the Centre" (leaders removed by their
   colleagues' withdrawal of support rather than by a vote).
"""

from __future__ import annotations

import numpy as np

from politburo.arrays import Bools as B
from politburo.arrays import Floats, Ints
from politburo.engine.compile import TRAITS
from politburo.engine.kernel import Simulation
from politburo.engine.numerics.reduce import row_count
from politburo.engine.perception.attendance import Attendance, attendance
from politburo.engine.procedures.ballot import (
    BallotState,
    choices,
    expected_votes,
    leading,
    softmax,
    utilities,
)
from politburo.engine.state import Fight

__all__ = ["advise", "odds"]


def advise(sim: Simulation) -> None:
    """Each day: every body that counsels an office's holder counsels the target of each
    challenge for that office whose ballot waits for a later round."""
    for body, office in sim.compiled.counsel:
        for fight in sim.fights:
            if fight.challenge.office == office and fight.ballot is not None:
                _counsel(sim, fight, body)


def odds(sim: Simulation, fight: Fight, field: B) -> Floats:
    """(R,) the target's expected share of his and his strongest rival's votes in a round
    among ``field`` (1 where nobody is expected to vote)."""
    att = attendance(sim, fight.challenge.arena)
    t = fight.challenge.target
    votes = expected_votes(sim, fight, att, field)
    mine = votes[:, t]
    rivals = np.where(field, votes, 0.0)
    rivals[:, t] = 0.0
    total = mine + rivals.max(axis=1)
    out: Floats = np.divide(mine, total, out=np.ones_like(mine), where=total > 0)
    return out


def _next_field(fight: Fight, state: BallotState) -> B:
    """(R, A) who stands in the next round as things are (a run-off keeps the leading)."""
    assert fight.challenge.ballot is not None
    rule = fight.challenge.ballot.round(state.round)
    field = state.field.copy()
    if rule.top:
        field &= leading(state.tally, field, rule.top)
    return field


def _counsel(sim: Simulation, fight: Fight, body: int) -> None:
    """Counsel the target in the runs where his ballot waits for a later round and he is at
    the body's seat; he gives up the contest where enough tell him to go."""
    c, ch, state = sim.compiled, fight.challenge, fight.ballot
    assert state is not None
    t = ch.target
    if state.day <= sim.day:
        return
    if state.counselled is None:
        state.counselled = np.full(sim.runs, -1, dtype=np.int64)
    field = _next_field(fight, state)
    att = attendance(sim, body)
    runs = state.alive & field[:, t] & (field.sum(axis=1) > 1) & att.present[:, t]
    runs &= state.counselled < state.round
    if not runs.any():
        return
    who = att.present & runs[:, None] & ~field
    who[:, ch.leaders] = False
    heads = np.where(runs[:, None], att.groups, 0).astype(np.float64)
    total = row_count(who) + np.rint(heads.sum(axis=1)).astype(np.int64)
    runs &= total > 0
    if not runs.any():
        return
    lose = odds(sim, fight, field) < 0.5
    go = _go(sim, fight, att, field, who, heads, lose)
    state.counselled = np.where(runs, state.round, state.counselled)
    sim.log.add(
        "counselled",
        runs,
        sim.day,
        sim.session,
        actor=t,
        body=body,
        subject=ch.office,
        go=go[runs],
        stay=(total - go)[runs],
        detail=lambda run: {"facts": [_fact(sim, body, ch.office)]},
    )
    t_body = float(c.body_threshold[body])
    needed = t_body + (1.0 - t_body) * float(c.traits[t, TRAITS.index("resolve")])
    gives_up = runs & (go > needed * total)
    sim.log.add(
        "comply",
        gives_up,
        sim.day,
        sim.session,
        actor=t,
        body=body,
        detail=lambda run: {
            "needed_share": round(needed, 3),
            "facts": [_fact(sim, body, ch.office), f"actors/{c.actor_ids[t]}/traits"],
        },
    )
    fight.complied |= gives_up
    state.field[:, t] &= ~gives_up
    state.withdrawn[:, t] |= gives_up


def _go(
    sim: Simulation,
    fight: Fight,
    att: Attendance,
    field: B,
    who: B,
    heads: Floats,
    lose: B,
) -> Ints:
    """(R,) how many of the counsellors tell the target to go (the blocs' heads rounded)."""
    t = fight.challenge.target
    other = choices(sim, fight, field) != t
    named = row_count(who & (lose[:, None] | other))
    _, groups = utilities(sim, fight)
    probs = softmax(groups[None, :, :, :], field[:, None, None, :])[..., t]  # (R, G, 3)
    elsewhere = (sim.compiled.group_shares[None, :, :] * (1.0 - probs)).sum(axis=2)
    blocs = np.where(lose, heads.sum(axis=1), (heads * elsewhere).sum(axis=1))
    return np.asarray(named + np.rint(blocs).astype(np.int64))


def _fact(sim: Simulation, body: int, office: int) -> str:
    """The path of ``body``'s counsel of ``office``'s holder (its citations tell why)."""
    c = sim.compiled
    return f"bodies/{c.body_ids[body]}/counsel/office={c.office_ids[office]}"
