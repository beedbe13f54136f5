"""Compile a validated scenario into arrays: the one pure step between data and the kernel.

Everything the kernel and the decision models use is here, as NumPy arrays indexed by the
positions of the scenario's ids (actors, blocs, bodies, offices, places, issues) and by day
offsets from the scenario's start. The record is never read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from politburo.arrays import Bools, Floats, Ints
from politburo.engine.compile_ballots import CompiledBallot, compile_ballot
from politburo.engine.compile_outsiders import (
    NONE,
    Announcement,
    OutsideDays,
    compile_announcements,
    compile_outside,
)
from politburo.engine.schedule import Sittings, compile_sittings
from politburo.errors import PolitburoError, Problem
from politburo.scenario.formats import unset_trait_value
from politburo.scenario.schema import Actor, Body, Challenge, Group, ScenarioModel

__all__ = [
    "TIE_KINDS",
    "TRAITS",
    "CompiledChallenge",
    "CompiledScenario",
    "FactIndex",
    "compile_scenario",
]


TIE_KINDS: tuple[str, ...] = ("patron", "client", "ally", "rival")
"""Tie kinds, in the order of their codes in :attr:`CompiledScenario.tie_kind`."""
TRAITS: tuple[str, ...] = ("vacillation", "commitment", "opportunism", "resolve")
"""Trait names, in the order of the columns of :attr:`CompiledScenario.traits`."""
FAR = 10_000
"""Travel days standing for "no route"."""
SIDES: dict[str | None, int] = {"challengers": 1, "incumbent": -1, None: 0}
"""Codes of an actor's fixed ``side``."""


OPEN = 10**9
"""Day offset standing for an open end of an interval."""

Span = tuple[int, int]
"""First and last day offsets of a dated fact, ``-OPEN`` and ``OPEN`` for open ends."""


@dataclass(frozen=True, eq=False)
class FactIndex:
    """Where the facts behind the engine's events sit in the scenario's data, so that the
    trace can name them by path (:mod:`politburo.engine.facts`) without the scenario model.

    Tuples over actors list, in the order of the actor's lists in the scenario, the spans of
    his itinerary's stays, his memberships (body index and span) and his holdings (office
    index); ``sections`` gives the length of each of his lists that a decision rests on, and
    ``traits`` the positions of his traits that the engine reads (those in :data:`TRAITS`).
    """

    stays: tuple[tuple[Span, ...], ...]
    memberships: tuple[tuple[tuple[int, Span], ...], ...]
    holdings: tuple[tuple[int, ...], ...]
    sections: tuple[dict[str, int], ...]
    traits: tuple[tuple[int, ...], ...]
    routes: tuple[frozenset[int], ...]
    """The places each route of the scenario joins, in its order."""


@dataclass(frozen=True, eq=False)
class CompiledChallenge:
    """A challenge as indices: who moves against whom, where, when, and to what end."""

    id: str
    index: int
    leaders: Ints
    target: int
    office: int
    arena: int
    higher: int
    """The body that may remove from ``office`` (or expel from the arena); -1 if none."""
    arena_may_remove: bool
    arena_may_convene: bool
    arena_may_take_chair: bool
    window: tuple[int, int]
    deadline_days: int
    take_chair: bool
    chair_to: int
    successor: int
    petition_share: float
    """Share of the higher body's members whose petition forces the arena to decide; 0: none."""
    associates: Ints = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    """The target's associates the challengers mean to remove from the arena with him."""
    slate_bodies: tuple[int, ...] = ()
    """The bodies that may remove members from the arena (an ``expel`` power over it)."""
    ballot: CompiledBallot | None = None
    """How the arena elects the office's holder by ballot; ``None``: no ballot."""
    candidates: Ints = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    """Declared candidates against the target at a ballot's first round."""
    call: str = "majority"
    """Who brings the question on: ``majority``, ``declared``, ``incumbent`` or ``escalate``."""
    opening: str = "demand"
    """How the challengers open on the strike day: ``demand`` or ``force`` (seized first)."""
    refers_deadlock: bool = False
    """Whether a deadlock of the arena at the deadline is referred to the higher body (the
    arena's ``deadlock: refer``, and it may convene the higher body)."""
    graded_target: bool = False
    """Whether the target's sanction follows his conduct (the scenario names ``landing_posts``)."""
    landing_posts: tuple[int, ...] = ()
    """Offices the winners may move a defeated target to, in the scenario's order."""
    outside: OutsideDays = NONE
    """What the known stances of actors outside the bodies do to this challenge, by day."""


@dataclass(frozen=True, eq=False)
class CompiledScenario:
    """A scenario as arrays, with id-index maps. Built by :func:`compile_scenario`.

    Arrays over actors have length ``n_actors`` (``A``), over blocs ``n_groups`` (``G``),
    over days ``n_days`` (``D``). A place, actor, body or office index of -1 means none.
    It carries plain arrays and ids, never the scenario's schema objects: the engine reads
    the scenario only through it.
    """

    scenario_id: str
    start: dt.date
    end: dt.date
    n_days: int
    sessions: int
    actor_ids: tuple[str, ...]
    group_ids: tuple[str, ...]
    body_ids: tuple[str, ...]
    office_ids: tuple[str, ...]
    place_ids: tuple[str, ...]
    # bodies
    body_seat: Ints
    body_threshold: Floats
    body_of_members: Bools
    body_quorum: Floats
    body_notice: Ints
    body_chair_office: Ints
    body_permanent: Bools
    """(B,): whether each body sits in permanence (meets every session, not once a day)."""
    sittings: Sittings
    """When each body sits in ordinary session (every day, unless it keeps a schedule)."""
    rank_ids: tuple[tuple[str, ...], ...]
    rank_votes: tuple[Bools, ...]
    member_rank: npt.NDArray[np.int8]
    """(D, B, A): rank index of each actor in each body on each day, -1 for no seat."""
    group_body: Ints
    group_votes: Bools
    group_count: Ints
    group_votes_as_one: Bools
    group_shares: Floats
    """(G, 3): shares of each bloc that are loyal to the incumbent, wavering, hostile."""
    # places and travel
    actor_sched: npt.NDArray[np.int32]
    """(A, D): where the itinerary puts each actor each day."""
    group_sched: npt.NDArray[np.int32]
    travel_days: Ints
    air_days: Ints
    # offices and resources
    holder0: Ints
    holds0: Bools
    """(A, O): which actors hold each office at the start (an office may have many)."""
    office_body: Ints
    """(O,): the body whose members hold each office (losing the seat loses it), -1 none."""
    office_standing: Floats
    resource_ids: tuple[str, ...]
    resource_office: Ints
    resource_kind: tuple[str, ...]
    resource_capacity: Ints
    resource_commanders: tuple[tuple[int, ...], ...]
    """Per resource, the actors who carry out an order to use it, senior first (none: its
    holder, as a plain coercion resource)."""
    resource_strength: Ints
    # dispositions
    stance: Floats
    salience: Floats
    group_stance: Floats
    group_salience: Floats
    tie_kind: npt.NDArray[np.int8]
    """(A, A): code in :data:`TIE_KINDS` of actor i's tie to actor j, -1 for none."""
    tie_strength: Floats
    group_tie_kind: npt.NDArray[np.int8]
    group_tie_strength: Floats
    grievance: Floats
    fear: Floats
    traits: Floats
    fixed_side: npt.NDArray[np.int8]
    """(A,): the side each actor's ``side`` fixes in every challenge (+1 with the challengers,
    -1 with the incumbent), 0 where the decision model chooses."""
    challenges: tuple[CompiledChallenge, ...]
    parameters: dict[str, float]
    options: dict[str, Any]
    model_name: str
    calibration: str
    """``engine``: unset parameters take the model's calibrated values; ``priors``: its priors."""
    facts: FactIndex = field(repr=False)
    actor_index: dict[str, int] = field(default_factory=dict)
    body_index: dict[str, int] = field(default_factory=dict)
    office_index: dict[str, int] = field(default_factory=dict)
    outsiders: tuple[tuple[str, str, str], ...] = ()
    """Id, name and kind of each actor outside the bodies, in the scenario's order."""
    announcements: tuple[Announcement, ...] = ()
    """The stances of outsiders made known within the period, by day."""
    counsel: tuple[tuple[int, int], ...] = ()
    """(body, office): the bodies whose members counsel an office's holder in a ballot."""

    @property
    def n_actors(self) -> int:
        """Number of named actors."""
        return len(self.actor_ids)

    @property
    def n_groups(self) -> int:
        """Number of blocs."""
        return len(self.group_ids)

    def day(self, offset: int) -> dt.date:
        """The date of day offset ``offset``."""
        return self.start + dt.timedelta(days=int(offset))

    def offset(self, day: dt.date) -> int:
        """The day offset of ``day``."""
        return (day - self.start).days

    def votes(self, body: int, rank: int) -> bool:
        """Whether rank ``rank`` of body ``body`` votes."""
        return bool(rank >= 0 and self.rank_votes[body][rank])


def compile_scenario(model: ScenarioModel) -> CompiledScenario:
    """Compile a validated scenario into the arrays the engine runs on.

    Pure: the same model gives equal arrays. The record is not read.

    Raises
    ------
    PolitburoError
        When the scenario cannot be run, e.g. a challenge whose arena has no voting member.

    Examples
    --------
    >>> from politburo.scenario import load_scenario
    >>> compiled = compile_scenario(load_scenario("june-1957").model)
    >>> compiled.n_actors > 0
    True
    """
    index = {
        "actor": {a.id: i for i, a in enumerate(model.actors)},
        "group": {g.id: i for i, g in enumerate(model.groups)},
        "body": {b.id: i for i, b in enumerate(model.bodies)},
        "office": {o.id: i for i, o in enumerate(model.offices)},
        "place": {p.id: i for i, p in enumerate(model.places)},
        "issue": {s.id: i for i, s in enumerate(model.issues)},
    }
    n_days = (model.end - model.start).days + 1
    days = [model.start + dt.timedelta(days=d) for d in range(n_days)]
    a_n, g_n, b_n = len(model.actors), len(model.groups), len(model.bodies)
    actors, groups, bodies, places = (index[k] for k in ("actor", "group", "body", "place"))
    offices, issues = index["office"], index["issue"]

    member_rank = np.full((n_days, b_n, a_n), -1, dtype=np.int8)
    rank_pos = [{r.id: k for k, r in enumerate(b.ranks)} for b in model.bodies]
    for i, actor in enumerate(model.actors):
        for ms in actor.memberships:
            b = bodies[ms.body]
            for d, day in enumerate(days):
                if ms.covers(day):
                    member_rank[d, b, i] = rank_pos[b][ms.rank]

    home = _homes(model, bodies, places)
    actor_sched = np.empty((a_n, n_days), dtype=np.int32)
    for i, actor in enumerate(model.actors):
        actor_sched[i] = [_place_on(actor.itinerary, day, places, home[i]) for day in days]
    group_sched = np.empty((g_n, n_days), dtype=np.int32)
    for g, group in enumerate(model.groups):
        seat = places[model.bodies[bodies[group.body]].seat]
        group_sched[g] = [_place_on(group.itinerary, day, places, seat) for day in days]

    travel, air = _travel_matrices(model, places)
    holder0 = np.full(len(model.offices), -1, dtype=np.int64)
    holds0 = np.zeros((a_n, len(model.offices)), dtype=bool)
    for i, actor in enumerate(model.actors):
        for holding in actor.offices:
            if holding.covers(model.start):
                o = offices[holding.office]
                holds0[i, o] = True
                if holder0[o] < 0:
                    holder0[o] = i
    res = [(o, r) for o, office in enumerate(model.offices) for r in office.resources]

    stance, salience = _positions(model.actors, issues)
    g_stance, g_salience = _positions(model.groups, issues)

    tie_kind = np.full((a_n, a_n), -1, dtype=np.int8)
    tie_strength = np.zeros((a_n, a_n))
    g_tie_kind = np.full((g_n, a_n), -1, dtype=np.int8)
    g_tie_strength = np.zeros((g_n, a_n))
    mirror = {"patron": "client", "client": "patron", "ally": "ally", "rival": "rival"}
    for i, actor in enumerate(model.actors):
        for tie in actor.ties:
            if tie.to in actors:
                j = actors[tie.to]
                tie_kind[i, j] = TIE_KINDS.index(tie.kind)
                tie_strength[i, j] = tie.strength
                if tie_kind[j, i] < 0:
                    tie_kind[j, i] = TIE_KINDS.index(mirror[tie.kind])
                    tie_strength[j, i] = tie.strength
            elif tie.to in groups:
                g = groups[tie.to]
                if g_tie_kind[g, i] < 0:
                    g_tie_kind[g, i] = TIE_KINDS.index(mirror[tie.kind])
                    g_tie_strength[g, i] = tie.strength
    for g, group in enumerate(model.groups):
        for tie in group.ties:
            if tie.to in actors:
                g_tie_kind[g, actors[tie.to]] = TIE_KINDS.index(tie.kind)
                g_tie_strength[g, actors[tie.to]] = tie.strength

    grievance = np.zeros((a_n, a_n))
    fear = np.zeros((a_n, a_n))
    traits = np.full((a_n, len(TRAITS)), unset_trait_value(model.format))
    for i, actor in enumerate(model.actors):
        for gr in actor.grievances:
            grievance[i, actors[gr.against]] = max(grievance[i, actors[gr.against]], gr.weight)
        for fe in actor.fears:
            fear[i, actors[fe.of]] = max(fear[i, actors[fe.of]], fe.weight)
        for tr in actor.traits:
            if tr.name in TRAITS:
                traits[i, TRAITS.index(tr.name)] = tr.value

    compiled = CompiledScenario(
        scenario_id=model.id,
        start=model.start,
        end=model.end,
        n_days=n_days,
        sessions=int(model.model.options.get("sessions_per_day", 2)),
        actor_ids=tuple(actors),
        group_ids=tuple(groups),
        body_ids=tuple(bodies),
        office_ids=tuple(offices),
        place_ids=tuple(places),
        body_seat=np.array([places[b.seat] for b in model.bodies], dtype=np.int64),
        body_threshold=np.array([b.rule.threshold for b in model.bodies]),
        body_of_members=np.array([b.rule.of == "members" for b in model.bodies]),
        body_quorum=np.array([b.rule.quorum for b in model.bodies]),
        body_notice=np.array([b.notice_days for b in model.bodies], dtype=np.int64),
        body_chair_office=np.array(
            [offices.get(b.chair or "", -1) for b in model.bodies],
            dtype=np.int64,
        ),
        body_permanent=np.array([b.sits_in_permanence for b in model.bodies], dtype=bool),
        sittings=compile_sittings(model, bodies),
        rank_ids=tuple(tuple(r.id for r in b.ranks) for b in model.bodies),
        rank_votes=tuple(np.array([r.vote for r in b.ranks]) for b in model.bodies),
        member_rank=member_rank,
        group_body=np.array([bodies[g.body] for g in model.groups], dtype=np.int64),
        group_votes=np.array(
            [model.bodies[bodies[g.body]].rank(g.rank).vote for g in model.groups],  # type: ignore[union-attr]
            dtype=np.bool_,
        ),
        group_count=np.array([g.count for g in model.groups], dtype=np.int64),
        group_votes_as_one=np.array([g.votes_as_one for g in model.groups], dtype=bool),
        group_shares=np.array(
            [
                _shares(g.disposition.loyal, g.disposition.wavering, g.disposition.hostile)
                for g in model.groups
            ]
        ).reshape(g_n, 3),
        actor_sched=actor_sched,
        group_sched=group_sched,
        travel_days=travel,
        air_days=air,
        holder0=holder0,
        holds0=holds0,
        office_standing=np.array([o.standing for o in model.offices]),
        office_body=np.array(
            [bodies[o.body] if o.body is not None else -1 for o in model.offices], dtype=np.int64
        ),
        resource_ids=tuple(r.id for _, r in res),
        resource_office=np.array([o for o, _ in res], dtype=np.int64),
        resource_kind=tuple(r.kind for _, r in res),
        resource_capacity=np.array([r.capacity for _, r in res], dtype=np.int64),
        resource_commanders=tuple(tuple(index["actor"][a] for a in r.commanders) for _, r in res),
        resource_strength=np.array([r.strength for _, r in res], dtype=np.int64),
        stance=stance,
        salience=salience,
        group_stance=g_stance,
        group_salience=g_salience,
        tie_kind=tie_kind,
        tie_strength=tie_strength,
        group_tie_kind=g_tie_kind,
        group_tie_strength=g_tie_strength,
        grievance=grievance,
        fear=fear,
        traits=traits,
        fixed_side=np.array([SIDES[a.side] for a in model.actors], dtype=np.int8),
        challenges=(),
        parameters={k: float(p.value) for k, p in model.model.parameters.items()},
        options=dict(model.model.options),
        model_name=model.model.name,
        calibration=model.model.calibration,
        facts=_fact_index(model, model.start, bodies, offices, places),
        actor_index=actors,
        body_index=bodies,
        office_index=offices,
        outsiders=tuple((o.id, o.name, o.kind) for o in model.outsiders),
        announcements=compile_announcements(model, places),
        counsel=tuple(
            (bodies[b.id], offices[k.office])
            for b in model.bodies
            for k in b.counsel
            if k.office in offices
        ),
    )
    challenges = tuple(_challenge(model, compiled, c) for c in range(len(model.challenges)))
    object.__setattr__(compiled, "challenges", challenges)
    return compiled


def _span(fact: Any, start: dt.date) -> Span:
    first = -OPEN if fact.start is None else (fact.start - start).days
    last = OPEN if fact.end is None else (fact.end - start).days
    return (first, last)


def _fact_index(
    model: ScenarioModel,
    start: dt.date,
    bodies: dict[str, int],
    offices: dict[str, int],
    places: dict[str, int],
) -> FactIndex:
    sections = ("positions", "ties", "grievances", "fears")
    return FactIndex(
        stays=tuple(tuple(_span(s, start) for s in a.itinerary) for a in model.actors),
        memberships=tuple(
            tuple((bodies[m.body], _span(m, start)) for m in a.memberships) for a in model.actors
        ),
        holdings=tuple(tuple(offices[h.office] for h in a.offices) for a in model.actors),
        sections=tuple({k: len(getattr(a, k)) for k in sections} for a in model.actors),
        traits=tuple(
            tuple(k for k, t in enumerate(a.traits) if t.name in TRAITS) for a in model.actors
        ),
        routes=tuple(frozenset(places[p] for p in r.between) for r in model.routes),
    )


def _shares(loyal: float, wavering: float, hostile: float) -> tuple[float, float, float]:
    total = loyal + wavering + hostile
    if total <= 0:
        return (0.0, 1.0, 0.0)
    return (loyal / total, wavering / total, hostile / total)


def _positions(holders: Sequence[Actor | Group], issues: dict[str, int]) -> tuple[Floats, Floats]:
    """Stance (NaN where none is known) and salience of each actor or bloc on each issue."""
    stance = np.full((len(holders), max(len(issues), 1)), np.nan)
    salience = np.zeros(stance.shape)
    for i, holder in enumerate(holders):
        for pos in holder.positions:
            stance[i, issues[pos.issue]] = pos.stance
            salience[i, issues[pos.issue]] = pos.salience
    return stance, salience


def _homes(model: ScenarioModel, bodies: dict[str, int], places: dict[str, int]) -> list[int]:
    """Where an actor is when the itinerary is silent: the seat of the first body he sits in."""
    homes = []
    for actor in model.actors:
        seat = next((model.bodies[bodies[m.body]].seat for m in actor.memberships), None)
        homes.append(places[seat] if seat is not None else places[model.bodies[0].seat])
    return homes


def _place_on(stays: list[Any], day: dt.date, places: dict[str, int], default: int) -> int:
    for stay in stays:
        if stay.covers(day):
            return places[stay.place]
    return default


def _travel_matrices(model: ScenarioModel, places: dict[str, int]) -> tuple[Ints, Ints]:
    """Shortest travel days between places, by ordinary means and by air (Floyd-Warshall)."""
    n = len(places)
    travel = np.full((n, n), FAR, dtype=np.int64)
    air = np.full((n, n), FAR, dtype=np.int64)
    np.fill_diagonal(travel, 0)
    np.fill_diagonal(air, 0)
    for route in model.routes:
        a, b = (places[p] for p in route.between)
        travel[a, b] = travel[b, a] = min(travel[a, b], route.days)
        by_air = route.days if route.days_by_air is None else min(route.days, route.days_by_air)
        air[a, b] = air[b, a] = min(air[a, b], by_air)
    for k in range(n):
        travel = np.minimum(travel, travel[:, k : k + 1] + travel[k : k + 1, :])
        air = np.minimum(air, air[:, k : k + 1] + air[k : k + 1, :])
    return np.minimum(travel, FAR), np.minimum(air, FAR)


def _check_fixed_sides(model: ScenarioModel, ch: Challenge) -> None:
    """A fixed ``side`` may not contradict an actor's part in a challenge."""
    problems = []
    for actor in model.actors:
        side = SIDES[actor.side]
        if actor.id == ch.target and side > 0:
            problems.append(
                Problem(
                    f"{actor.id!r} is the target of challenge {ch.id!r}: his side cannot be fixed "
                    "to the challengers'",
                    field=f"actors[{actor.id}].side",
                )
            )
        elif actor.id in ch.leaders and side < 0:
            problems.append(
                Problem(
                    f"{actor.id!r} leads challenge {ch.id!r}: his side cannot be fixed to the "
                    "incumbent's (take him out of the challenge's leaders instead)",
                    field=f"actors[{actor.id}].side",
                )
            )
    if problems:
        raise PolitburoError(problems)


def _higher_body(model: ScenarioModel, office: str, arena: str) -> str | None:
    for body in model.bodies:
        if body.id != arena and any(
            p.motion in ("remove", "appoint") and p.office == office for p in body.powers
        ):
            return body.id
    for body in model.bodies:
        if body.id != arena and any(p.motion == "expel" and p.body == arena for p in body.powers):
            return body.id
    return None


def _has(body: Body, motion: str, office: str | None = None, target: str | None = None) -> bool:
    return any(
        p.motion == motion
        and (office is None or p.office == office)
        and (target is None or p.body == target)
        for p in body.powers
    )


def _challenge(model: ScenarioModel, compiled: CompiledScenario, c: int) -> CompiledChallenge:
    ch = model.challenges[c]
    where = f"challenges[{ch.id}]"
    actors, bodies = compiled.actor_index, compiled.body_index
    arena = model.bodies[bodies[ch.arena]]
    a = bodies[ch.arena]
    voting = compiled.member_rank[:, a, :]
    if not any(compiled.votes(a, int(r)) for r in np.unique(voting[voting >= 0])):
        raise PolitburoError(
            Problem(
                f"the arena {ch.arena!r} has no voting member: nobody can move against "
                f"{ch.target!r}",
                field=f"{where}.arena",
            )
        )
    higher = _higher_body(model, ch.office, ch.arena)
    h = bodies[higher] if higher is not None else -1
    petition = 0.0
    if higher is not None:
        shares = [
            r.petition_share
            for r in model.bodies[h].convened_by
            if r.petition_share is not None and r.body in (None, ch.arena)
        ]
        petition = min(shares) if shares else 0.0
    for name in ("chair_to", "successor"):
        value = getattr(ch, name)
        if value is not None and value not in actors:
            raise PolitburoError(Problem(f"unknown actor {value!r}", field=f"{where}.{name}"))
    for value in ch.associates:
        if value not in actors:
            raise PolitburoError(Problem(f"unknown actor {value!r}", field=f"{where}.associates"))
    for j, value in enumerate(ch.candidates):
        if value not in actors:
            raise PolitburoError(
                Problem(f"unknown actor {value!r}", field=f"{where}.candidates[{j}]")
            )
    _check_fixed_sides(model, ch)
    may_convene = higher is not None and (
        _has(arena, "convene", target=higher)
        or any(r.body == ch.arena for r in model.bodies[h].convened_by)
    )
    return CompiledChallenge(
        id=ch.id,
        index=c,
        leaders=np.array([actors[x] for x in ch.leaders], dtype=np.int64),
        target=actors[ch.target],
        office=compiled.office_index[ch.office],
        arena=a,
        higher=h,
        arena_may_remove=_has(arena, "remove", office=ch.office),
        arena_may_convene=may_convene,
        arena_may_take_chair=_has(arena, "chair") or arena.chair is not None,
        window=(compiled.offset(ch.window_start), compiled.offset(ch.window_end)),
        deadline_days=ch.deadline_days,
        take_chair=ch.take_chair,
        chair_to=actors[ch.chair_to] if ch.chair_to else -1,
        successor=actors[ch.successor] if ch.successor else -1,
        petition_share=petition,
        associates=np.array([actors[x] for x in ch.associates], dtype=np.int64),
        slate_bodies=tuple(bodies[b.id] for b in model.bodies if _has(b, "expel", target=ch.arena)),
        ballot=compile_ballot(arena, ch.office),
        candidates=np.array([actors[x] for x in (ch.candidates or ch.leaders[:1])], dtype=np.int64),
        call=ch.call,
        opening=ch.opening,
        refers_deadlock=may_convene and arena.deadlock == "refer",
        graded_target=ch.landing_posts is not None,
        landing_posts=tuple(compiled.office_index[o] for o in ch.landing_posts or ()),
        outside=compile_outside(model, c),
    )
