"""Force: who orders it, who carries it out, and who resists it.

A side orders force when an actor of that side at the arena's seat who commands a
``coercion`` resource backs it and so does a majority of the voting members present (the
decision model's ``backs_force``; for the target's side the same rule mirrored: its side and
utility turned round). The challengers may order force with any coercion resource; the
target's side only with a unit whose ``commanders`` the scenario names.

A challenge that opens with force (``opening: force``) orders it first, without a demand or a
vote: the order is given by the leaders, not the arena (the holder of the means backs it and
so does a majority of the leaders free at the seat; :func:`seize`); the arena meets after
([Singh2014]: a coup is made by the few who control the forces, then presented as settled).

A resource without named commanders is carried out by its holder, as an instrument. A unit
with named commanders has loyalties of its own ([Svolik2012], [Taylor2003]): an order is
carried out only if its senior commander at the place of action (free, there) backs that
side's force himself; otherwise he refuses (``force-refused``). A unit whose senior commander
at the place backs the other side's force defends it. The order succeeds only if the strength
of the units carrying it out exceeds the strength of the units defending (``force-repelled``
otherwise): a tie favours the defence ([Singh2014], [Powell2012]).

References
----------
.. [Svolik2012] Svolik (2012), "The Politics of Authoritarian Rule" (the moral hazard of
   repression: the forces that protect a regime's leaders may refuse them or turn).
.. [Taylor2003] Taylor (2003), "Politics and the Russian Army: Civil-Military Relations,
   1689-2000" (commanders' own choices in the Soviet succession crises and in 1991).
.. [Singh2014] Singh (2014), "Seizing Power: The Strategic Logic of Military Coups" (units
   join, stand aside or resist; an attempt fails against forces that hold).
.. [Powell2012] Powell (2012), "Determinants of the Attempting and Outcome of Coups d'état"
   (attempts fail against the forces loyal to the incumbent).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import numpy.typing as npt

from politburo.arrays import Bools as B
from politburo.arrays import Ints
from politburo.engine.codes import Outcome, Phase
from politburo.engine.facts import resource_facts
from politburo.engine.kernel import Simulation
from politburo.engine.numerics.reduce import row_count
from politburo.engine.perception.attendance import Attendance, attendance, masked_shares
from politburo.engine.procedures.alignment import situation
from politburo.engine.procedures.resources import resources_of_kind
from politburo.engine.state import Fight

__all__ = [
    "backing",
    "carry_out",
    "coercion",
    "commanded",
    "counter",
    "hold",
    "seize",
    "use_force",
]


def commanded(sim: Simulation) -> list[int]:
    """The coercion resources whose commanders the scenario names."""
    c = sim.compiled
    return [
        r
        for r, kind in enumerate(c.resource_kind)
        if kind == "coercion" and c.resource_commanders[r]
    ]


def backing(sim: Simulation, fight: Fight, side: int) -> tuple[B, B]:
    """(R, A) who backs force by ``side`` (+1 the challengers, -1 the target's side) and
    (R, G, 3) which share of each bloc does: the model's rule, mirrored for the target's side."""
    sit = situation(sim, fight, expectation="backs_force" in sim.model.EXPECTATION_IN)
    if side > 0:
        return (
            sim.model.backs_force(sit, fight.utility),
            sim.model.group_backs_force(fight.group_utility, sit.restraint),
        )
    mirror = dataclasses.replace(
        sit,
        side=(-sit.side).astype(np.int8),
        group_side=(-sit.group_side).astype(np.int8),
        perceived=1.0 - sit.perceived,
        group_perceived=1.0 - sit.group_perceived,
        expected=None if sit.expected is None else 1.0 - sit.expected,
        outside=-sit.outside,
        restraint=-sit.restraint,
    )
    return (
        sim.model.backs_force(mirror, -fight.utility),
        sim.model.group_backs_force(-fight.group_utility, mirror.restraint),
    )


def coercion(
    sim: Simulation, fight: Fight, side: int = 1
) -> tuple[npt.NDArray[np.int64], list[int]]:
    """(R,) an actor of ``side`` at the seat who commands coercion, or -1; and the resources
    (for the target's side, only units with named commanders)."""
    c, w, ch = sim.compiled, sim.world, fight.challenge
    seat = c.body_seat[ch.arena]
    holder = np.full(sim.runs, -1, dtype=np.int64)
    used: list[int] = []
    units = set(commanded(sim))
    free = (fight.side == side) & ~w.detained & (w.loc == seat)
    for r, mask in resources_of_kind(sim, "coercion"):
        if side < 0 and r not in units:
            continue
        ok = mask & free
        first = np.argmax(ok, axis=1)
        holder = np.where((holder < 0) & ok.any(axis=1), first, holder)
        used.append(r)
    return holder, used


def use_force(
    sim: Simulation,
    fight: Fight,
    runs: B,
    purpose: str,
    *,
    side: int = 1,
    place: Ints | None = None,
    subject: int | None = None,
    by_leaders: bool = False,
) -> B:
    """Whether ``side`` uses force for ``purpose`` (``detain``, ``block``, ``hold``,
    ``detain the challengers``, ``seize``) at ``place`` (default the seat): ordered by the rule
    of the module (with ``by_leaders``, a majority of the challenge's leaders free at the seat
    instead of the arena's voting members present), then carried out (:func:`carry_out`)."""
    c, ch = sim.compiled, fight.challenge
    subject = ch.target if subject is None else subject
    holder, resources = coercion(sim, fight, side)
    runs = runs & (holder >= 0)
    if not runs.any():
        return runs
    att = attendance(sim, ch.arena)
    backs, g_backs = backing(sim, fight, side)
    holder_backs = np.take_along_axis(backs, np.maximum(holder, 0)[:, None], 1)[:, 0]
    if by_leaders:
        voting = _leaders_free(sim, fight)
        present = row_count(voting)
        backers = row_count(backs & voting)
        ordered = runs & holder_backs & (2 * backers > present)
    else:
        voting = att.voting
        present = att.present_voters
        g_share = masked_shares(sim, g_backs)
        g_heads = att.groups * att.group_voting[None, :]
        backers = row_count(backs & voting) + np.rint(g_heads * g_share).sum(axis=1).astype(
            np.int64
        )
        needed = (present * c.body_threshold[ch.arena]).astype(np.int64) + 1
        ordered = runs & holder_backs & (backers >= needed)
    sim.log.add(
        "force",
        runs,
        sim.day,
        sim.session,
        actor=holder[runs],
        body=ch.arena,
        subject=subject,
        motion="force",
        backers=backers[runs],
        present_voters=present[runs],
        used=ordered[runs].astype(np.int64),
        detail=lambda run: {
            "purpose": purpose,
            "used": bool(ordered[run]),
            "backers": [c.actor_ids[a] for a in np.flatnonzero(backs[run] & voting[run])],
            "facts": resource_facts(c, resources),
        },
    )
    where = np.full(sim.runs, int(c.body_seat[ch.arena])) if place is None else place
    used = carry_out(sim, fight, ordered, side, where, holder, subject)
    fight.force_used |= used
    return np.asarray(used, dtype=bool)


def _leaders_free(sim: Simulation, fight: Fight) -> B:
    """(R, A) the challenge's leaders free at the arena's seat."""
    c, ch, w = sim.compiled, fight.challenge, sim.world
    leaders = np.zeros((sim.runs, c.n_actors), dtype=bool)
    leaders[:, ch.leaders] = True
    return np.asarray(leaders & ~w.detained & (w.loc == c.body_seat[ch.arena]))


def seize(sim: Simulation, fight: Fight, runs: B) -> B:
    """Force as the first move (the challenge's ``opening: force``): the leaders order the
    target seized without a demand or a vote of the arena; the order is theirs and the
    holder's (:func:`use_force` ``by_leaders``) and is carried out or refused as any other
    (:func:`carry_out`). Returns the runs in which the target is held (and detained)."""
    ch, w = fight.challenge, sim.world
    runs = runs & ~w.detained[:, ch.target]
    seized = use_force(sim, fight, runs, "seize", by_leaders=True)
    if seized.any():
        _detain(sim, ch.target, seized)
        sim.log.add(
            "detained",
            seized,
            sim.day,
            sim.session,
            actor=ch.target,
            body=ch.arena,
            detail=lambda run: {"facts": [f"challenges/{ch.id}"]},
        )
    return seized


def _detain(sim: Simulation, actor: int, runs: B) -> None:
    """Detain ``actor`` in ``runs`` (the world's arrays are replaced, never written in place)."""
    detained = sim.world.detained.copy()
    detained[:, actor] |= runs
    sim.world.detained = detained


def _senior(sim: Simulation, r: int, place: Ints) -> Ints:
    """(R,) the senior commander of unit ``r`` free at ``place``, or -1."""
    w = sim.world
    senior = np.full(sim.runs, -1, dtype=np.int64)
    for a in sim.compiled.resource_commanders[r][::-1]:
        here = (w.loc[:, a] == place) & ~w.detained[:, a] & (place >= 0)
        senior = np.where(here, a, senior)
    return senior


def carry_out(
    sim: Simulation, fight: Fight, ordered: B, side: int, place: Ints, orderer: Ints, subject: int
) -> B:
    """(R,) where the order of ``side`` to use force at ``place`` (R,) succeeds: the strength
    of the resources carrying it out exceeds that of the units defending the place. Without
    units with named commanders every order given is carried out (no defence)."""
    units = commanded(sim)
    if not units or not ordered.any():
        return ordered
    c, w = sim.compiled, sim.world
    ours, _ = backing(sim, fight, side)
    theirs, _ = backing(sim, fight, -side)
    attack = np.zeros(sim.runs, dtype=np.int64)
    defence = np.zeros(sim.runs, dtype=np.int64)
    refusers = np.zeros((sim.runs, c.n_actors), dtype=bool)
    used: list[int] = []
    rows = np.arange(sim.runs)
    for r, mask in resources_of_kind(sim, "coercion"):
        strength = int(c.resource_strength[r])
        held = (mask & (fight.side == side) & ~w.detained).any(axis=1)
        if r not in units:
            if side > 0:  # a plain resource serves the challengers only, by its holder there
                there = mask & (fight.side == side) & ~w.detained & (w.loc == place[:, None])
                there &= (place >= 0)[:, None]
                attack += np.where(ordered & there.any(axis=1), strength, 0)
            continue
        senior = _senior(sim, r, place)
        present = senior >= 0
        at = np.maximum(senior, 0)
        obeys = present & held & ours[rows, at]
        opposes = present & theirs[rows, at] & ~obeys
        attack += np.where(ordered & obeys, strength, 0)
        defence += np.where(ordered & opposes, strength, 0)
        refused = ordered & present & held & ~obeys
        refusers[rows[refused], senior[refused]] = True
        if (ordered & present).any():
            used.append(r)
    facts = resource_facts(c, used)
    for a in np.flatnonzero(refusers.any(axis=0)).tolist():
        sim.log.add(
            "force-refused",
            refusers[:, a],
            sim.day,
            sim.session,
            actor=a,
            subject=subject,
            detail=lambda run: {"facts": facts},
        )
    repelled = ordered & (attack > 0) & (attack <= defence)
    sim.log.add(
        "force-repelled",
        repelled,
        sim.day,
        sim.session,
        actor=orderer[repelled],
        subject=subject,
        attackers=attack[repelled],
        defenders=defence[repelled],
        detail=lambda run: {"facts": facts},
    )
    return np.asarray(ordered & (attack > defence))


def hold(sim: Simulation, fight: Fight, away: B) -> B:
    """The challengers hold an absent target where he is, by a unit whose commander is there,
    instead of summoning him; returns the runs in which he is held (and detained)."""
    units = commanded(sim)
    if not units or not away.any():
        return np.zeros(sim.runs, dtype=bool)
    ch, w = fight.challenge, sim.world
    place = w.loc[:, ch.target].astype(np.int64)
    there = np.zeros(sim.runs, dtype=bool)
    for r in units:
        there |= _senior(sim, r, place) >= 0
    held = use_force(sim, fight, away & there, "hold", place=place)
    if held.any():
        _detain(sim, ch.target, held)
        sim.log.add(
            "held",
            held,
            sim.day,
            sim.session,
            actor=ch.target,
            subject=place[held],
            detail=lambda run: {"facts": []},
        )
    return held


def counter(sim: Simulation, fight: Fight, att: Attendance, runs: B) -> B:
    """At the strike, the target's side may order its units against the challengers' leaders
    present (the challengers' rule mirrored); where it succeeds they are detained and the
    move is crushed. Returns those runs."""
    ch, w = fight.challenge, sim.world
    if not commanded(sim):
        return np.zeros(sim.runs, dtype=bool)
    leader = int(ch.leaders[0])
    crushed = use_force(sim, fight, runs, "detain the challengers", side=-1, subject=leader)
    if not crushed.any():
        return crushed
    detained = w.detained.copy()
    caught = att.present[:, ch.leaders] & crushed[:, None]
    detained[:, ch.leaders] |= caught
    w.detained = detained
    for j, a in enumerate(ch.leaders.tolist()):
        sim.log.add(
            "detained",
            caught[:, j],
            sim.day,
            sim.session,
            actor=a,
            body=ch.arena,
            detail=lambda run: {"facts": []},
        )
    sim.log.add(
        "crushed",
        crushed,
        sim.day,
        sim.session,
        actor=ch.target,
        body=ch.arena,
        subject=leader,
        detail=lambda run: {"facts": [f"challenges/{ch.id}"]},
    )
    fight.phase = np.where(crushed, Phase.DONE, fight.phase).astype(np.int8)
    fight.outcome = np.where(crushed, Outcome.TARGET, fight.outcome).astype(np.int8)
    return crushed
