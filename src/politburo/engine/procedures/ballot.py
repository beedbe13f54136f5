"""Ballots among candidates: a contest against the incumbent, or a spill and an election.

Under a ballot rule of the arena for the challenge's office (``bodies[].ballots``), the
question is settled on the day it is brought on. In a *contest* the incumbent stands against
the declared candidates. After a *spill* (the body's vote whether the office is vacant, its
``remove`` motion) the body elects among those who stand: the declared candidates, and the
incumbent if the rule lets him and he expects a fair share. Each round follows its rule:
before an ``open`` round, eligible members who prefer their own candidacy to every candidate
standing and expect a fair share enter; before each later round, candidates who expect less
than ``ballot.viable`` of the votes stand down, and the incumbent stands again only if the
model's :meth:`~politburo.engine.decisions.base.DecisionModel.stands_again` says so. Members
vote by a multinomial logit over the candidates standing (each named member's Gumbel tastes
drawn once per run and candidate, the blocs' shares by their expected proportions). The
leader is elected when his votes exceed the round's threshold and his lead its margin;
otherwise a run-off keeps the leading ``top``, or the lowest is dropped.

References
----------
.. [McFadden1974] McFadden (1974), "Conditional logit analysis of qualitative choice behavior".
.. [Quinn2012] Quinn (2012), "Electing and Ejecting Party Leaders in Britain" (the
   Conservative rules of 1975-1998: an overall majority and a 15 per cent lead, second ballots).
.. [CrossBlais2012] Cross and Blais (2012), "Politics at the Centre" (leadership selection and
   removal in parliamentary parties, the Australian spill).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from politburo.arrays import Bools as B
from politburo.arrays import Floats, Ints
from politburo.engine.codes import Ballot, Outcome, Phase
from politburo.engine.compile_ballots import CompiledRound
from politburo.engine.kernel import Simulation
from politburo.engine.numerics.randomness import logistic
from politburo.engine.perception.attendance import Attendance, attendance
from politburo.engine.procedures.arena import remove_target
from politburo.engine.procedures.meetings import log_meeting
from politburo.engine.procedures.resources import give_office, log_office
from politburo.engine.state import Fight

__all__ = [
    "ENTRY_ROUNDS",
    "BallotState",
    "choices",
    "expected_votes",
    "leading",
    "next_round",
    "settle",
    "softmax",
    "utilities",
]

ENTRY_ROUNDS = 4
"""Recounts among would-be entrants before an open round (the weakest drop out each time)."""


@dataclass
class BallotState:
    """A ballot under way: who stands, who stood down, the last tally, the next round."""

    contest: bool
    field: B
    withdrawn: B
    tally: Ints
    alive: B
    """(R,): runs whose ballot is not decided."""
    round: int = 0
    day: int = -1
    """The day of the next round."""
    counselled: Ints | None = None
    """(R,) the round before which the incumbent was last counselled (-1: not yet)."""


def settle(sim: Simulation, fight: Fight, att: Attendance, runs: B) -> None:
    """Bring the question to the arena's ballot rule in ``runs`` (on the strike day): the
    spill vote, if the rule has one and the challengers called the question, then the rounds
    held today. An incumbent who calls it puts his office to a contest and stands. Where the
    target no longer holds the office, the question is moot and the challenge ends."""
    ch = fight.challenge
    assert ch.ballot is not None
    moot = runs & (sim.world.holder[:, ch.office] != ch.target)
    _end(sim, fight, moot)
    runs = runs & ~moot
    field = np.zeros((sim.runs, sim.compiled.n_actors), dtype=bool)
    field[:, ch.candidates] = True
    contest = not ch.ballot.spill or fight.planned_by < 0
    if contest:
        field[:, ch.target] = True
        alive = runs.copy()
    else:
        _spill(sim, fight, att, runs)
        alive = runs & (fight.removed_day >= 0)
        field[:, ch.target] = ch.ballot.incumbent_may_stand
    fight.ballot = BallotState(
        contest,
        field,
        np.zeros_like(field),
        np.zeros(field.shape, dtype=np.int64),
        alive,
        day=sim.day,
    )
    _end(sim, fight, runs & ~alive)
    fight.phase = np.where(alive, Phase.BALLOT, fight.phase).astype(np.int8)
    _rounds(sim, fight, att)


def next_round(sim: Simulation, fight: Fight) -> None:
    """At the start of a day: the next round of a ballot adjourned to it, if any."""
    state = fight.ballot
    if state is None or state.day != sim.day or not state.alive.any():
        return
    att = attendance(sim, fight.challenge.arena)
    log_meeting(sim, att, state.alive, note="the next round of the ballot")
    _rounds(sim, fight, att)


def _end(sim: Simulation, fight: Fight, runs: B) -> None:
    """The question is settled in ``runs``: the outcome, and the fight is over."""
    ch = fight.challenge
    holds = sim.world.holder[:, ch.office] == ch.target
    fight.outcome = np.where(runs & holds, Outcome.TARGET, fight.outcome).astype(np.int8)
    done = runs & ((fight.phase == Phase.ARENA) | (fight.phase == Phase.BALLOT))
    fight.phase = np.where(done, Phase.DONE, fight.phase).astype(np.int8)


def _install(sim: Simulation, fight: Fight, runs: B, winner: Ints) -> None:
    """The winner of each run takes the office (in a contest, from the incumbent)."""
    ch = fight.challenge
    assert fight.ballot is not None
    if fight.ballot.contest:
        remove_target(sim, fight, runs & (winner != ch.target), "ballot")
    for who in np.unique(winner[runs]).tolist():
        mask = runs & (winner == who)
        if fight.ballot.contest and who == ch.target:
            continue
        give_office(sim, mask, who, ch.office)
        facts = [_rule_fact(sim, ch.office, ch.arena), f"challenges/{ch.id}"]
        log_office(sim, "appointed", mask, who, ch.arena, ch.office, facts, how="ballot")
    _end(sim, fight, runs)


def _rounds(sim: Simulation, fight: Fight, att: Attendance) -> None:
    """Hold the rounds due today; adjourn to the next round's day if it falls later."""
    ch, state = fight.challenge, fight.ballot
    assert ch.ballot is not None and state is not None
    last = len(ch.ballot.rounds) + sim.compiled.n_actors
    while state.alive.any() and state.day == sim.day and state.round < last:
        k, alive = state.round, state.alive
        rule = ch.ballot.round(k)
        field = state.field
        if k > 0 and rule.top:
            field &= ~alive[:, None] | leading(state.tally, field, rule.top)
        new = np.zeros_like(field)
        if rule.open:
            new = _enter(sim, fight, att, alive, field, state.withdrawn, k)
        if k > 0 or not state.contest:
            _stand_down(sim, fight, att, alive, field, state.withdrawn, k, new)
        tally, choice = _cast(sim, fight, att, alive, field)
        elected, top = _count(sim, att, alive, field, tally, rule, k, ch.office)
        if state.contest:
            won = elected & (top != ch.target)
            need = np.where(won, tally.sum(axis=1) - tally[:, ch.target], tally.sum(axis=1) + 1)
            standing = alive & field[:, ch.target]
            _log_removal(sim, fight, att, standing, tally, choice, won, need)
        state.tally = np.where(alive[:, None], tally, state.tally)
        state.alive = alive & ~elected
        _install(sim, fight, elected, top)
        if rule.drop_lowest:
            field &= ~(state.alive[:, None] & _lowest(tally, field))
        _concede(sim, fight, att, state.alive, field, state.withdrawn, k)
        alone = state.alive & (field.sum(axis=1) == 1)
        state.alive &= ~alone
        _install(sim, fight, alone, np.argmax(field, axis=1))
        state.round = k + 1
        state.day = sim.day + ch.ballot.round(k + 1).after_days


def utilities(sim: Simulation, fight: Fight) -> tuple[Floats, Floats]:
    """The model's affinities divided by the logit scale."""
    actors, groups = sim.model.ballot_affinity(fight.challenge)
    scale = max(float(sim.model.p["ballot.spread"]), 1e-3)
    return actors / scale, groups / scale


def softmax(u: Floats, field: B) -> Floats:
    """Choice probabilities over the last axis among the candidates of ``field``."""
    z = np.where(field, u, -np.inf)
    top = z.max(axis=-1, keepdims=True)
    e = np.where(field, np.exp(z - np.where(np.isfinite(top), top, 0.0)), 0.0)
    total = e.sum(axis=-1, keepdims=True)
    out: Floats = np.divide(e, total, out=np.zeros_like(e), where=total > 0)
    return out


def _bloc_votes(sim: Simulation, att: Attendance, groups: Floats, field: B) -> Floats:
    """(R, A) the blocs' expected votes for each candidate."""
    c = sim.compiled
    heads = (att.groups * att.group_voting[None, :]).astype(np.float64)
    if not heads.any():
        return np.zeros(field.shape)
    probs = softmax(groups[None, :, :, :], field[:, None, None, :])  # (R, G, 3, A)
    share = (c.group_shares[None, :, :, None] * probs).sum(axis=2)  # (R, G, A)
    return np.asarray((heads[:, :, None] * share).sum(axis=1))


def expected_votes(sim: Simulation, fight: Fight, att: Attendance, field: B) -> Floats:
    """(R, A) the votes each candidate of ``field`` expects: every voting member present by
    his logit probabilities (candidates for themselves), every bloc by its shares'."""
    actors, groups = utilities(sim, fight)
    probs = softmax(actors[None, :, :], field[:, None, :])
    own = field & att.voting
    probs = np.where(own[:, :, None], np.eye(field.shape[1], dtype=bool)[None], probs)
    named = (probs * att.voting[:, :, None]).sum(axis=1)
    return np.asarray(named + _bloc_votes(sim, att, groups, field))


def choices(sim: Simulation, fight: Fight, field: B) -> Ints:
    """(R, A) the candidate of ``field`` each named actor would vote for: the largest of his
    affinities plus his tastes (Gumbel, drawn once per run, voter and candidate); a candidate
    for himself."""
    actors, _ = utilities(sim, fight)
    n = field.shape[1]
    u = sim.tape.block(f"ballot.{fight.challenge.index}").reshape(sim.runs, n, n)
    noisy = np.where(field[:, None, :], actors[None] - np.log(-np.log(u)), -np.inf)
    choice = np.argmax(noisy, axis=2)
    return np.asarray(np.where(field, np.arange(n)[None, :], choice), dtype=np.int64)


def _cast(sim: Simulation, fight: Fight, att: Attendance, runs: B, field: B) -> tuple[Ints, Ints]:
    """(R, A) the votes cast for each candidate: named members by their tastes (Gumbel),
    candidates for themselves, blocs by their shares (rounded); and (R, A) the candidate
    each named member votes for (-1: no vote)."""
    _, groups = utilities(sim, fight)
    choice = choices(sim, fight, field)
    anyone = np.asarray(field.any(axis=1), dtype=bool)
    voters = np.asarray(att.voting & runs[:, None] & anyone[:, None], dtype=bool)
    named = np.zeros(field.shape, dtype=np.int64)
    rows = np.broadcast_to(np.arange(sim.runs)[:, None], choice.shape)
    np.add.at(named, (rows[voters], choice[voters]), 1)
    blocs = _whole_votes(_bloc_votes(sim, att, groups, field))
    tally = np.asarray(np.where(runs[:, None], named + blocs, 0))
    return tally, np.where(voters, choice, -1)


def _spill(sim: Simulation, fight: Fight, att: Attendance, runs: B) -> None:
    """The spill motion: is the office vacant? Each member votes for it unless he would
    choose the incumbent among the incumbent and the declared candidates (the same logit
    choice as a round); carried by the body's ``rule``. If it passes the holder loses it."""
    c, ch = sim.compiled, fight.challenge
    field = np.zeros((sim.runs, c.n_actors), dtype=bool)
    field[:, ch.candidates] = True
    field[:, ch.target] = True
    tally, choice = _cast(sim, fight, att, runs, field)
    base = att.voters if c.body_of_members[ch.arena] else att.present_voters
    needed = (base * c.body_threshold[ch.arena]).astype(np.int64) + 1
    quorum = att.present_voters >= np.ceil(c.body_quorum[ch.arena] * att.voters)
    yes = tally.sum(axis=1) - tally[:, ch.target]
    passed = runs & (yes >= needed) & quorum
    _log_removal(sim, fight, att, runs, tally, choice, passed, needed)
    remove_target(sim, fight, passed, "spill")


def _log_removal(
    sim: Simulation,
    fight: Fight,
    att: Attendance,
    runs: B,
    tally: Ints,
    choice: Ints,
    passed: B,
    needed: Ints,
) -> None:
    """A spill, or a round of a contest, as the vote on the removal: yes, the votes for the
    incumbent's rivals; no, his."""
    ch = fight.challenge
    if not runs.any():
        return
    no = tally[:, ch.target]
    yes = tally.sum(axis=1) - no
    abstain = np.maximum(att.present_voters - yes - no, 0)
    passed = runs & passed
    cast = np.where(
        choice >= 0,
        np.where(choice == ch.target, Ballot.NO, Ballot.YES),
        np.where(
            att.voting,
            Ballot.ABSTAIN,
            np.where(att.present, Ballot.PRESENT_WITHOUT_VOTE, Ballot.ABSENT),
        ),
    ).astype(np.int8)
    sim.log.add(
        "vote",
        runs,
        sim.day,
        sim.session,
        actor=int(ch.leaders[0]),
        body=ch.arena,
        motion="remove",
        subject=ch.target,
        yes=yes[runs],
        no=no[runs],
        abstain=abstain[runs],
        passed=passed[runs].astype(np.int64),
        ballots=cast[runs],
        detail=lambda run: {
            "passed": bool(passed[run]),
            "needed": int(needed[run]),
            "present_voters": int(att.present_voters[run]),
            "ballot": True,
            "facts": [_rule_fact(sim, ch.office, ch.arena), f"challenges/{ch.id}"],
        },
    )


def _rule_fact(sim: Simulation, office: int, body: int) -> str:
    """The path of ``body``'s ballot rule for ``office`` (its citations tell the rule)."""
    c = sim.compiled
    return f"bodies/{c.body_ids[body]}/ballots/office={c.office_ids[office]}"


def _whole_votes(expected: Floats) -> Ints:
    """(R, A) whole votes from expected ones, by largest remainders: each run's total is the
    whole number of heads (ties to the earlier candidate).

    >>> _whole_votes(np.array([[1.5, 1.5, 1.0]])).tolist()
    [[2, 1, 1]]
    """
    floor = np.floor(expected + 1e-9)
    left = np.rint(expected.sum(axis=1) - floor.sum(axis=1)).astype(np.int64)
    order = np.argsort(-(expected - floor), axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(expected.shape[1])[None, :], axis=1)
    return np.asarray(floor + (rank < left[:, None]), dtype=np.int64)


def _top_two(tally: Ints, field: B) -> tuple[Ints, Ints, Ints]:
    """The leading candidate, his votes and the runner-up's."""
    masked = np.where(field, tally, -1)
    top = np.argmax(masked, axis=1)
    votes = np.take_along_axis(masked, top[:, None], 1)[:, 0]
    rest = masked.copy()
    np.put_along_axis(rest, top[:, None], -1, axis=1)
    return top, np.maximum(votes, 0), np.maximum(rest.max(axis=1), 0)


def _base(att: Attendance, tally: Ints, of: int) -> Ints:
    """The count a share is of: votes cast, voting members present, or all voting members."""
    return np.asarray([tally.sum(axis=1), att.present_voters, att.voters][of])


def _count(
    sim: Simulation,
    att: Attendance,
    runs: B,
    field: B,
    tally: Ints,
    rule: CompiledRound,
    k: int,
    office: int,
) -> tuple[B, Ints]:
    """Whether the leader is elected in each run, and who leads; logs the round."""
    c = sim.compiled
    top, votes, second = _top_two(tally, field)
    needed = np.floor(_base(att, tally, rule.of) * rule.threshold).astype(np.int64) + 1
    lead = np.ceil(_base(att, tally, rule.margin_of) * rule.margin - 1e-9).astype(np.int64)
    alone = field.sum(axis=1) == 1
    elected = runs & (alone | ((votes >= needed) & (votes - second >= lead)))
    sim.log.add(
        "ballot",
        runs,
        sim.day,
        sim.session,
        actor=top[runs],
        body=att.body,
        subject=office,
        round=k + 1,
        votes=votes[runs],
        runner_up_votes=second[runs],
        elected=elected[runs].astype(np.int64),
        detail=lambda run: {
            "tally": {c.actor_ids[a]: int(tally[run, a]) for a in np.flatnonzero(field[run])},
            "needed": int(needed[run]),
            "lead_needed": int(lead[run]),
            "present_voters": int(att.present_voters[run]),
            "facts": [_rule_fact(sim, office, att.body)],
        },
    )
    return elected, top


def leading(tally: Ints, field: B, n: int) -> B:
    """(R, A) the ``n`` candidates of ``field`` with most votes (earliest index on ties)."""
    order = np.argsort(-np.where(field, tally, -1), axis=1, kind="stable")
    keep = np.zeros_like(field)
    np.put_along_axis(keep, order[:, :n], True, axis=1)
    return keep & field


def _lowest(tally: Ints, field: B) -> B:
    """(R, A) the candidate of ``field`` with fewest votes, where more than one stands."""
    masked = np.where(field, tally, np.iinfo(np.int64).max)
    low = np.zeros_like(field)
    np.put_along_axis(low, np.argmin(masked, axis=1)[:, None], True, axis=1)
    return np.asarray(low & (field.sum(axis=1) > 1)[:, None], dtype=bool)


def _enter(
    sim: Simulation, fight: Fight, att: Attendance, runs: B, field: B, withdrawn: B, k: int
) -> B:
    """Before an open round: each eligible member present who prefers his own candidacy to
    every candidate standing, and expects at least ``ballot.viable`` of the votes among all
    who so prefer (those short of it drop out and the rest recount), enters; returns them."""
    c, ch = sim.compiled, fight.challenge
    assert ch.ballot is not None
    actors, _ = sim.model.ballot_affinity(ch)
    rank = c.member_rank[min(sim.day, c.n_days - 1), ch.arena]
    eligible = np.where(rank >= 0, ch.ballot.eligible[np.maximum(rank, 0)], False)
    eligible[ch.target] = False
    own = np.diag(actors)
    rival_pref = np.where(field[:, None, :], actors[None, :, :], -np.inf).max(axis=2)  # (R, A)
    keen = own[None, :] > rival_pref
    entering = runs[:, None] & att.present & eligible[None, :] & ~field & ~withdrawn & keen
    for _ in range(ENTRY_ROUNDS):
        share = _shares(sim, fight, att, field | entering)
        viable = entering & (share >= sim.model.p["ballot.viable"])
        if (viable == entering).all():
            break
        entering = viable
    field |= entering
    _log_each(sim, "stand", entering, k, att.body, ch.office)
    return np.asarray(entering, dtype=bool)


def _shares(sim: Simulation, fight: Fight, att: Attendance, field: B) -> Floats:
    """(R, A) each candidate's expected share of the votes."""
    votes = expected_votes(sim, fight, att, field)
    total = votes.sum(axis=1, keepdims=True)
    out: Floats = np.divide(votes, total, out=np.zeros_like(votes), where=total > 0)
    return out


def _stand_down(
    sim: Simulation,
    fight: Fight,
    att: Attendance,
    runs: B,
    field: B,
    withdrawn: B,
    k: int,
    new: B,
) -> None:
    """Before a round: candidates (not ``new`` entrants) who expect less than
    ``ballot.viable`` of the votes stand down (never the last); the incumbent stands again
    only if the model says so."""
    ch = fight.challenge
    share = _shares(sim, fight, att, field)
    weak = runs[:, None] & field & ~new & (share < sim.model.p["ballot.viable"])
    best = np.argmax(np.where(field, share, -1.0), axis=1)
    np.put_along_axis(weak, best[:, None], False, axis=1)
    deciding = np.zeros_like(field)
    deciding[:, ch.target] = runs & field[:, ch.target] & ~weak[:, ch.target] & ~new[:, ch.target]
    deciding &= (field.sum(axis=1) > 1)[:, None]
    weak |= _gives_up(sim, fight, share, field, deciding, k)
    field &= ~weak
    withdrawn |= weak
    _log_each(sim, "withdraw", weak, k, att.body, ch.office)


def _concede(
    sim: Simulation, fight: Fight, att: Attendance, runs: B, field: B, withdrawn: B, k: int
) -> None:
    """After a round that elected nobody: every candidate but the expected leader of the
    next round stands again only if the model says so, reading his odds against him."""
    ch = fight.challenge
    share = _shares(sim, fight, att, field)
    best = np.argmax(np.where(field, share, -1.0), axis=1)
    deciding = runs[:, None] & field
    np.put_along_axis(deciding, best[:, None], False, axis=1)
    quits = _gives_up(sim, fight, share, field, deciding, k + 1)
    field &= ~quits
    withdrawn |= quits
    _log_each(sim, "withdraw", quits, k + 1, att.body, ch.office)


def _gives_up(sim: Simulation, fight: Fight, share: Floats, field: B, who: B, k: int) -> B:
    """(R, A) which of ``who`` do not stand again: the model's
    :meth:`~politburo.engine.decisions.base.DecisionModel.stands_again` on each one's odds
    against his strongest rival (his expected share of the two's)."""
    ch = fight.challenge
    n = field.shape[1]
    block = sim.tape.block(f"ballot_stand.{ch.index}")
    quits = np.zeros_like(who)
    for a in np.flatnonzero(who.any(axis=0)).tolist():
        rivals = np.where(field, share, 0.0)
        rivals[:, a] = 0.0
        mine, theirs = share[:, a], rivals.max(axis=1)
        odds = np.divide(mine, mine + theirs, out=np.ones_like(mine), where=mine + theirs > 0)
        slot = min(k, block.shape[1] // n - 1) * n + a
        stays = sim.model.stands_again(ch, a, odds, logistic(block[:, slot]))
        quits[:, a] = who[:, a] & ~stays
    return quits


def _log_each(sim: Simulation, kind: str, who: B, k: int, body: int, office: int) -> None:
    """One event per actor and run of ``who``."""
    for a in np.flatnonzero(who.any(axis=0)).tolist():
        sim.log.add(
            kind,
            who[:, a],
            sim.day,
            sim.session,
            actor=a,
            body=body,
            subject=office,
            round=k + 1,
            detail=lambda run: {"facts": [_rule_fact(sim, office, body)]},
        )
