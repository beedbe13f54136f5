"""The higher body in session: opening, the chair's order of speakers, the resolution.

The body opens on the day set when it was convened, once its quorum is at the seat. The side
holding the majority of those present is the one the chair's order of speakers favours: the
report first, then the accused (the committed members of the other side, who defend
themselves a set number of times), then the members of the majority granted the floor; the
rest submit written statements. Urgency rises with each speech; when the list is done, the
resolution condemning the other side is voted by the body's rule and sanctions follow.

References
----------
.. [Rush1965] Rush (1965), "Political Succession in the USSR".
.. [Kuran1991] Kuran (1991), "Now Out of Never" (public recantation under a shifting
   balance).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from politburo.arrays import Bools as B
from politburo.arrays import Ints
from politburo.engine.codes import Ballot, Phase
from politburo.engine.facts import body_fact, office_fact
from politburo.engine.kernel import Simulation
from politburo.engine.numerics.reduce import column_any, row_count
from politburo.engine.perception.attendance import Attendance, attendance, group_votes
from politburo.engine.procedures.alignment import declare, update_sides
from politburo.engine.procedures.arena import remove_target
from politburo.engine.procedures.confession import confess
from politburo.engine.procedures.meetings import log_meeting, vote
from politburo.engine.procedures.resources import give_office, holders, log_office
from politburo.engine.procedures.sanctions import impose_sanctions
from politburo.engine.procedures.slate import remove_slate
from politburo.engine.state import Fight

__all__ = ["majority_side", "open_plenum", "plenum_session"]


def majority_side(sim: Simulation, fight: Fight) -> Ints:
    """(R,) +1 if more of the higher body's members present back the challengers, else -1."""
    att = attendance(sim, fight.challenge.higher)
    named_c = row_count(att.voting & (fight.side > 0))
    named_t = row_count(att.voting & (fight.side < 0))
    g_c, g_t, _ = group_votes(sim, fight, att, 1)
    return np.where(named_c + g_c > named_t + g_t, 1, -1).astype(np.int64)


def open_plenum(sim: Simulation, fight: Fight, runs: B) -> None:
    """Open the higher body where the day has come and the quorum is present."""
    c, ch, p = sim.compiled, fight.challenge, sim.model.p
    due = runs & (fight.open_day >= 0) & (sim.day >= fight.open_day)
    if not due.any():
        return
    att = attendance(sim, ch.higher)
    quorum = att.present_voters >= np.ceil(c.body_quorum[ch.higher] * att.voters)
    opening = due & quorum
    if not opening.any():
        return
    fight.phase = np.where(opening, Phase.PLENUM, fight.phase).astype(np.int8)
    dec = update_sides(sim, fight, opening)
    declare(sim, fight, att.present & opening[:, None], dec)
    major = majority_side(sim, fight)
    defend = float(p["defend"])
    minority = fight.side == -major[:, None]
    strong = np.abs(fight.utility) > defend
    principals = np.zeros_like(minority)
    principals[:, ch.leaders] = (major < 0)[:, None]
    principals[:, ch.target] = major > 0
    spoke = fight.spoke & (fight.side != 0)
    accused = att.present & opening[:, None] & minority & (strong | principals | spoke)
    fight.accused |= accused
    n_accused = row_count(accused)
    per = round(p["plenum.defence_speeches"])
    fight.public = fight.public + (accused * per).astype(np.int16)
    others_here = att.present_total - n_accused
    requests = np.rint(others_here * p["plenum.request_share"])
    floor = np.rint(requests * p["plenum.floor_share"])
    due_speeches = 1 + per * n_accused + floor
    fight.speeches_due = np.where(opening, due_speeches, fight.speeches_due).astype(np.int16)
    fight.speeches = np.where(opening, 0, fight.speeches).astype(np.int16)
    _order_speakers(sim, fight, att, opening, accused, major, per, floor)
    chair = _chair(sim, fight, att, opening, major)
    sim.log.add(
        "opened",
        opening,
        sim.day,
        sim.session,
        body=ch.higher,
        actor=chair[opening],
        present_total=att.present_total[opening],
        present_voters=att.present_voters[opening],
        speeches_due=due_speeches[opening].astype(np.int64),
        detail=lambda run: {
            "accused": [c.actor_ids[a] for a in np.flatnonzero(accused[run])],
            "requests": int(requests[run]),
            "granted": int(floor[run]),
            "facts": body_fact(c, ch.higher, "rule") + body_fact(c, ch.higher, "ranks"),
        },
    )
    log_meeting(sim, att, opening, note="the plenum opens")


def _chair_office(sim: Simulation, fight: Fight) -> int:
    c, ch = sim.compiled, fight.challenge
    office = int(c.body_chair_office[ch.higher])
    return office if office >= 0 else int(c.body_chair_office[ch.arena])


def _chair(sim: Simulation, fight: Fight, att: Attendance, runs: B, major: Ints) -> Ints:
    """Who presides: the holder of the chair office at the opening; if he is a party to the
    dispute, then a member of the arena on the majority side who shares his office's body
    (a fellow secretary), else the member of the arena most closely tied to the majority."""

    c, ch = sim.compiled, fight.challenge
    office = _chair_office(sim, fight)
    chair = np.full(sim.runs, -1, dtype=np.int64)
    if office >= 0:
        h = holders(sim, office) & att.present
        chair = np.where(h.any(axis=1), np.argmax(h, axis=1), -1)
    opening = runs & (chair >= 0)
    sim.log.add(
        "preside",
        opening,
        sim.day,
        sim.session,
        actor=chair[opening],
        body=ch.higher,
        detail=lambda run: {"facts": body_fact(c, ch.arena, "chair")},
    )
    party = np.zeros(c.n_actors, dtype=bool)
    party[ch.leaders] = True
    party[ch.target] = True
    arena_voters = attendance(sim, ch.arena).voting & att.present
    pool = arena_voters & (fight.side == major[:, None]) & ~party[None, :]
    fellow = np.zeros(c.n_actors, dtype=bool)
    if office >= 0 and c.office_body[office] >= 0:
        same = c.office_body == c.office_body[office]
        fellow |= c.holds0[:, same].any(axis=1)
    principal = np.where(major > 0, int(ch.leaders[0]), ch.target)
    closeness = np.where(c.tie_kind == 3, 0.0, c.tie_strength)[:, principal].T
    score = np.where(pool, 1.0 + closeness + 2.0 * fellow[None, :], -1.0)
    substitute = np.where(pool.any(axis=1), np.argmax(score, axis=1), chair)
    is_party = (chair >= 0) & party[np.maximum(chair, 0)]
    fight.presiding = np.where(runs, np.where(is_party, substitute, chair), fight.presiding).astype(
        np.int32
    )
    return np.asarray(chair)


def _order_speakers(
    sim: Simulation,
    fight: Fight,
    att: Attendance,
    runs: B,
    accused: B,
    major: Ints,
    per: int,
    floor: npt.NDArray[np.float64],
) -> None:
    """The chair's list: the report, the accused (each ``per`` times), then the majority."""
    c = sim.compiled
    strength = np.abs(fight.utility)
    order = np.argsort(-np.where(accused, strength, -1.0), axis=1, kind="stable")
    rank = np.argsort(order, axis=1, kind="stable")
    turns = np.where(accused, 1 + rank, -1)
    n_acc = row_count(accused)
    principal = np.zeros(c.n_actors, dtype=bool)
    principal[fight.challenge.leaders] = True
    principal[fight.challenge.target] = True
    floor_pool = att.present & (fight.side == major[:, None]) & ~principal[None, :]
    floor_pool &= np.arange(c.n_actors)[None, :] != fight.presiding[:, None]
    f_order = np.argsort(-np.where(floor_pool, strength, -1.0), axis=1, kind="stable")
    f_rank = np.argsort(f_order, axis=1, kind="stable")
    granted = floor_pool & (f_rank < floor[:, None])
    turns = np.where(granted, 1 + per * n_acc[:, None] + f_rank, turns)
    fight.turn = np.where(runs[:, None], turns, fight.turn).astype(np.int16)


def plenum_session(sim: Simulation, fight: Fight, runs: B) -> None:
    """One session of debate: speeches, reconsideration, and at the end the resolution."""
    c, ch, p = sim.compiled, fight.challenge, sim.model.p
    runs = runs & (fight.phase == Phase.PLENUM)
    if not runs.any():
        return
    per_session = round(p["plenum.speeches_per_session"])
    heard = np.minimum(per_session, fight.speeches_due - fight.speeches)
    before = fight.speeches.copy()
    fight.speeches = np.where(runs, fight.speeches + heard, fight.speeches).astype(np.int16)
    first = runs & (before == 0) & (fight.presiding >= 0)
    chair_office = _chair_office(sim, fight)
    if chair_office >= 0:
        opener = np.argmax(holders(sim, chair_office), axis=1)
        first &= fight.presiding != opener
    sim.log.add(
        "preside",
        first,
        sim.day,
        sim.session,
        actor=fight.presiding[first],
        body=ch.higher,
        detail=lambda run: {"facts": body_fact(c, ch.higher, "ranks")},
    )
    turn = fight.turn
    speaking = runs[:, None] & (turn > before[:, None]) & (turn <= fight.speeches[:, None])
    for a in np.flatnonzero(column_any(speaking)).tolist():
        sel = speaking[:, a]

        def detail(run: int, a: int = a) -> dict[str, object]:
            return {
                "accused": bool(fight.accused[run, a]),
                "facts": body_fact(c, ch.higher, "ranks"),
            }

        sim.log.add(
            "speak-for",
            sel,
            sim.day,
            sim.session,
            actor=a,
            body=ch.higher,
            side=fight.side[sel, a].astype(np.int64),
            detail=detail,
        )
    sim.log.add(
        "speech",
        runs,
        sim.day,
        sim.session,
        body=ch.higher,
        heard=heard[runs].astype(np.int64),
        done=fight.speeches[runs].astype(np.int64),
        due=fight.speeches_due[runs].astype(np.int64),
        detail=lambda run: {"facts": body_fact(c, ch.higher, "chair")},
    )
    att = attendance(sim, ch.higher)
    dec = update_sides(sim, fight, runs)
    declare(sim, fight, att.present & runs[:, None], dec)
    final = runs & (fight.speeches >= fight.speeches_due)
    if final.any():
        confess(sim, fight, final, majority_side(sim, fight))
        resolve(sim, fight, final)


def resolve(sim: Simulation, fight: Fight, runs: B) -> None:
    """Vote the resolution condemning the minority; then offices and sanctions follow."""
    c, ch, w = sim.compiled, fight.challenge, sim.world
    att = attendance(sim, ch.higher)
    major = majority_side(sim, fight)
    side = fight.side
    with_major = side == major[:, None]
    ballots = np.where(with_major, Ballot.YES, np.where(side == 0, Ballot.ABSTAIN, Ballot.NO))
    ballots = ballots.astype(np.int8)
    ballots = np.where(fight.accused & ~with_major, Ballot.ABSTAIN, ballots).astype(np.int8)
    yes = np.zeros(sim.runs, dtype=np.int64)
    no = np.zeros(sim.runs, dtype=np.int64)
    ab = np.zeros(sim.runs, dtype=np.int64)
    for m in (-1, 1):
        gy, gn, ga = group_votes(sim, fight, att, m)
        pick = major == m
        yes, no, ab = np.where(pick, gy, yes), np.where(pick, gn, no), np.where(pick, ga, ab)
    subject = np.where(major < 0, int(ch.leaders[0]), ch.target)
    tally = vote(
        sim,
        fight,
        att,
        runs,
        "resolve",
        ballots,
        groups=(yes, no, ab),
        subject=-1,
        mover=-1,
        facts=body_fact(c, ch.higher, "powers"),
    )
    passed = tally.passed
    fight.resolved_day = np.where(runs, sim.day, fight.resolved_day).astype(np.int16)
    sim.log.add(
        "resolution",
        runs,
        sim.day,
        sim.session,
        body=ch.higher,
        subject=subject[runs],
        majority_side=major[runs],
        passed=passed[runs].astype(np.int64),
        detail=lambda run: {
            "condemns": "challengers" if major[run] < 0 else "target",
            "facts": body_fact(c, ch.higher, "powers"),
        },
    )
    fight.outcome = np.where(passed, major, fight.outcome).astype(np.int8)
    win_c = passed & (major > 0)
    remove_target(sim, fight, win_c, "higher body")
    remove_slate(sim, fight, win_c, ch.higher)
    win_t = passed & (major < 0) & (w.holder[:, ch.office] != ch.target)
    restored = win_t & (fight.removed_day >= 0)
    if ch.successor >= 0:
        w.holds[ch.office, :, ch.successor] &= ~restored
    give_office(sim, restored, ch.target, ch.office)
    facts = office_fact(c, ch.target, ch.office)
    log_office(sim, "appointed", restored, ch.target, ch.higher, ch.office, facts)
    impose_sanctions(sim, fight, passed, major, (att, ballots, (yes, no, ab)))
    fight.phase = np.where(runs, Phase.DONE, fight.phase).astype(np.int8)
