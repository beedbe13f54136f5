"""Alignment: what each actor perceives of the balance, and the sides he takes.

Before the target appeals, the body that decides is the arena, whose balance everyone in the
room sees. After the appeal (or once the higher body is called) it is the higher body: an actor
perceives its balance from the members he can see (those at the seat who have signed a
delivered petition or who sit with him in plenum, and the blocs tied to him wherever they
are), and fills the rest of it with the balance of the arena. Each step the decision model
turns perceptions into utilities and sides; every change of side is logged with its terms.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

import numpy as np
import numpy.typing as npt

from politburo.engine.decisions import Decisions, Situation
from politburo.engine.facts import person_facts
from politburo.engine.kernel import Simulation
from politburo.engine.procedures.meetings import Attendance, attendance, group_votes
from politburo.engine.state import Fight, Phase

__all__ = ["Balance", "balance", "declare", "situation", "update_sides"]

F = npt.NDArray[np.float64]
B = npt.NDArray[np.bool_]


class Balance:
    """Perceived shares backing the challengers.

    Attributes
    ----------
    arena
        (R,) among the arena's voting members present (the undeclared at their expected
        support).
    higher
        (R, A) of the higher body, as each actor sees it.
    groups
        (R, G) of the deciding body, as each bloc sees it.
    decisive_higher
        (R,) whether the higher body is the one that decides.
    """

    def __init__(
        self,
        arena: F,
        higher: F,
        groups: F,
        decisive_higher: B,
        expected: Callable[[], F] | None = None,
    ) -> None:
        self.arena, self.higher, self.groups = arena, higher, groups
        self.decisive_higher = decisive_higher
        self._expected = expected

    @cached_property
    def expected(self) -> F:
        """(R, A) of the higher body, as each actor expects it: what he sees, plus the blocs
        everyone knows to be tied to the principals (computed when first asked for)."""
        return self.higher if self._expected is None else self._expected()


def balance(sim: Simulation, fight: Fight) -> Balance:
    """What each actor and bloc perceives of the balance of the body that will decide.

    Cached for the current state: the same state gives the same balance.
    """
    w = sim.world
    key = hash(
        (
            fight.challenge.index,
            sim.day,
            fight.side.tobytes(),
            fight.declared.tobytes(),
            fight.group_side.tobytes(),
            fight.group_signed.tobytes(),
            fight.delegation.tobytes(),
            fight.phase.tobytes(),
            fight.appeal_day.tobytes(),
            w.loc.tobytes(),
            w.detained.tobytes(),
            w.rank.tobytes(),
            w.arrivals_version,
        )
    )
    cached = sim.cache.get(("balance", fight.challenge.index))
    if cached is not None and cached[0] == key:
        found: Balance = cached[1]
        return found
    result = _balance(sim, fight)
    sim.cache[("balance", fight.challenge.index)] = (key, result)
    return result


def _balance(sim: Simulation, fight: Fight) -> Balance:
    c, ch = sim.compiled, fight.challenge
    att = attendance(sim, ch.arena)
    g_yes, _, _ = group_votes(sim, fight, att, 1)
    expected = sim.model.expected(ch)
    undeclared = att.voting & ~fight.declared
    yes = (att.voting & fight.declared & (fight.side > 0)).sum(axis=1) + g_yes
    yes = yes + (undeclared * expected[None, :]).sum(axis=1)
    present = np.maximum(att.present_voters, 1)
    arena = yes / present
    decisive = (fight.appeal_day >= 0) | (fight.phase >= Phase.CONVENED)
    if ch.higher < 0:
        higher = np.repeat(arena[:, None], c.n_actors, axis=1)
        return Balance(arena, higher, np.repeat(arena[:, None], c.n_groups, 1), decisive)
    hat = attendance(sim, ch.higher)
    shares = c.group_shares[None, :, :]
    sup = (shares * (fight.group_side > 0)).sum(axis=2)
    in_plenum = fight.phase == Phase.PLENUM
    shown = (fight.group_signed & (fight.delegation >= 1)[:, None]) | in_plenum[:, None]
    voting = hat.group_voting[None, :]
    seen_here = np.where(shown & voting, hat.groups, 0).astype(np.float64)
    seen_here *= (c.group_body == ch.higher)[None, :]
    here = sim.world.loc == c.body_seat[ch.higher]
    named = hat.voting
    named_yes = (named & (fight.side > 0)).sum(axis=1)
    heads = c.group_count * hat.group_voting * (c.group_body == ch.higher)
    vectors = np.stack(
        [
            heads[None, :] * sup,
            np.broadcast_to(heads, sup.shape).astype(float),
            seen_here * sup,
            seen_here,
        ],
        axis=2,
    )
    signatures, public = _signatures(sim, fight)
    knows = _known(sim, fight, signatures)
    seen_blocs = _contract(knows, vectors, signatures, (), c.n_actors)
    higher = _blend(seen_blocs, seen_here, sup, here, named, named_yes, hat, arena)

    def expectation() -> F:
        contracted = _contract(knows, vectors, signatures, public, c.n_actors)
        return _blend(contracted, seen_here, sup, here, named, named_yes, hat, arena)

    g_num = (seen_here * sup).sum(axis=1) + named_yes
    g_den = seen_here.sum(axis=1) + named.sum(axis=1)
    g_obs = np.divide(g_num, g_den, out=arena.copy(), where=g_den > 0)
    g_known = np.minimum(g_den / np.maximum(hat.voters, 1), 1.0)
    g_view = (1.0 - g_known) * arena + g_known * g_obs
    groups = np.where((hat.groups > 0) & in_plenum[:, None], g_view[:, None], arena[:, None])
    return Balance(arena, higher, groups, decisive, expectation)


Signatures = list[tuple[tuple[int, ...], npt.NDArray[np.int64]]]


def _signatures(sim: Simulation, fight: Fight) -> tuple[Signatures, tuple[int, ...]]:
    """Blocs grouped by the set of actors they are tied to, and the blocs tied to a principal
    (whose minds everyone knows)."""
    c, ch = sim.compiled, fight.challenge
    key = ("signatures", ch.index)
    if key not in sim.cache:
        groups: dict[tuple[int, ...], list[int]] = {}
        for g in range(c.n_groups):
            tied = tuple(np.flatnonzero(c.group_tie_kind[g] >= 0).tolist())
            if tied:
                groups.setdefault(tied, []).append(g)
        principals = {ch.target, *ch.leaders.tolist()}
        public = tuple(
            g
            for g in range(c.n_groups)
            if principals & set(np.flatnonzero(c.group_tie_kind[g] >= 0).tolist())
        )
        sim.cache[key] = ([(k, np.array(v)) for k, v in groups.items()], public)
    found: tuple[Signatures, tuple[int, ...]] = sim.cache[key]
    return found


def _known(sim: Simulation, fight: Fight, signatures: Signatures) -> list[B]:
    """For each signature, (R, A) whether an actor knows the minds of its blocs: they are tied
    to him, or to someone he is tied to and not opposed to."""
    c, ch = sim.compiled, fight.challenge
    side = fight.side.astype(np.int8)
    side[:, ch.target] = -1
    side[:, ch.leaders] = 1
    friendly = (c.tie_kind >= 0) & (c.tie_kind != 3)
    out = []
    for tied, _ in signatures:
        knows = np.zeros((sim.runs, c.n_actors), dtype=bool)
        for j in tied:
            knows[:, j] = True
            agree = (side * side[:, j : j + 1]) >= 0
            knows |= friendly[None, :, j] & agree
        out.append(knows)
    return out


def _contract(
    knows: list[B], vectors: F, signatures: Signatures, public: tuple[int, ...], n_actors: int
) -> F:
    """(R, A, 4) the sums over the blocs each actor knows of ``vectors`` (R, G, 4); blocs in
    ``public`` are known to all."""
    runs, n_groups = vectors.shape[0], vectors.shape[1]
    if not knows:
        return np.zeros((runs, n_actors, 4))
    pub = np.zeros(n_groups, dtype=bool)
    pub[list(public)] = True
    members = np.zeros((len(signatures), n_groups))
    for s, (_, blocs) in enumerate(signatures):
        members[s, blocs] = 1.0
    private = members * ~pub[None, :]
    per_signature = np.matmul(private[None, :, :], vectors)
    masks = np.stack(knows, axis=2).astype(np.float64)
    total = np.matmul(masks, per_signature)
    everyone = (vectors * (pub & (members.sum(axis=0) > 0))[None, :, None]).sum(axis=1)
    return np.asarray(total + everyone[:, None, :])


def _blend(
    k: F,
    seen: F,
    sup: F,
    here: B,
    named: B,
    named_yes: npt.NDArray[np.int64],
    hat: Attendance,
    arena: F,
) -> F:
    """Share backing the challengers among the members each actor sees, the rest taken as the
    arena. An actor sees the whole of the blocs he knows (their sums in ``k`` (R, A, 4)) and,
    if he is at the seat, the members of the others shown there (``seen`` (R, G))."""
    num = k[:, :, 0] + here * ((seen * sup).sum(axis=1)[:, None] - k[:, :, 2] + named_yes[:, None])
    den = k[:, :, 1] + here * (seen.sum(axis=1)[:, None] - k[:, :, 3] + named.sum(axis=1)[:, None])
    known = np.minimum(den / np.maximum(hat.voters, 1)[:, None], 1.0)
    fallback = np.repeat(arena[:, None], here.shape[1], 1)
    observed = np.divide(num, den, out=fallback, where=den > 0)
    return np.asarray((1.0 - known) * arena[:, None] + known * observed)


def situation(sim: Simulation, fight: Fight, bal: Balance | None = None) -> Situation:
    """The inputs of the decision model at this step."""
    c, ch = sim.compiled, fight.challenge
    bal = bal or balance(sim, fight)
    perceived = np.where(bal.decisive_higher[:, None], bal.higher, bal.arena[:, None])
    in_plenum = fight.phase == Phase.PLENUM
    urgency = np.where(
        in_plenum, np.minimum(fight.speeches / np.maximum(fight.speeches_due, 1), 1.0), 0.0
    )
    verdict = in_plenum & (fight.speeches >= fight.speeches_due) & (fight.speeches_due > 0)
    body = ch.higher if ch.higher >= 0 else ch.arena
    here = sim.world.loc == c.body_seat[ch.arena]
    return Situation(
        compiled=c,
        challenge=ch,
        side=fight.side,
        group_side=fight.group_side,
        perceived=perceived,
        group_perceived=bal.groups,
        urgency=urgency,
        public=fight.public,
        present=here & ~sim.world.detained,
        taste=sim.taste(fight),
        group_taste=sim.group_taste(fight),
        threshold=float(c.body_threshold[body]),
        accused=fight.accused,
        verdict=verdict,
        expected=np.where(bal.decisive_higher[:, None], bal.expected, bal.arena[:, None]),
    )


def update_sides(sim: Simulation, fight: Fight, runs: B) -> Decisions:
    """Let every actor and bloc reconsider in the runs of ``runs``; log the switches."""
    sit = situation(sim, fight)
    dec = sim.model.choose(sit)
    old = fight.side.copy()
    new = np.where(runs[:, None], dec.side, old).astype(np.int8)
    fight.utility = np.where(runs[:, None], dec.utility, fight.utility)
    fight.group_side = np.where(runs[:, None, None], dec.group_side, fight.group_side).astype(
        np.int8
    )
    fight.group_utility = np.where(runs[:, None, None], dec.group_utility, fight.group_utility)
    fight.side = new
    declared = fight.declared
    changed = declared & (new != old)
    if changed.any():
        _log_switches(sim, fight, old, new, changed, dec, sit)
    return dec


def declare(sim: Simulation, fight: Fight, who: B, dec: Decisions) -> None:
    """Actors in ``who`` (R, A) take a side in public for the first time."""
    first = who & ~fight.declared
    if not first.any():
        return
    fight.declared |= first
    day = sim.day
    fight.joined = np.where(first & (fight.side > 0), day, fight.joined).astype(np.int16)
    for a in np.flatnonzero(first.any(axis=0)).tolist():
        runs = first[:, a]
        sim.log.add(
            "side",
            runs,
            day,
            sim.session,
            actor=a,
            a=fight.side[runs, a].astype(np.int64),
            detail=_reason(sim, fight, a, dec, None),
        )


def _reason(sim: Simulation, fight: Fight, a: int, dec: Decisions, sit: Situation | None):  # type: ignore[no-untyped-def]
    c = sim.compiled

    def detail(run: int) -> dict[str, object]:
        terms = {k: round(float(v[run, a]), 3) for k, v in dec.terms.items()}
        active = [k for k, v in terms.items() if abs(v) >= 0.05]
        out: dict[str, object] = {
            "utility": round(float(dec.utility[run, a]), 3),
            "terms": terms,
            "facts": person_facts(c, a, active),
        }
        if sit is not None:
            out["perceived"] = round(float(sit.perceived[run, a]), 3)
        return out

    return detail


def _log_switches(
    sim: Simulation,
    fight: Fight,
    old: npt.NDArray[np.int8],
    new: npt.NDArray[np.int8],
    changed: B,
    dec: Decisions,
    sit: Situation,
) -> None:
    day = sim.day
    for a in np.flatnonzero(changed.any(axis=0)).tolist():
        o, n = old[:, a], new[:, a]
        moved = changed[:, a]
        was_with = fight.joined[:, a] >= 0
        kinds = {
            "recant": moved & (o > 0) & (n <= 0) & fight.accused[:, a] & (fight.recanted[:, a] < 0),
            "desert": moved
            & (n < 0)
            & was_with
            & ~fight.accused[:, a]
            & (fight.deserted[:, a] < 0),
            "waver": moved & (o > 0) & (n == 0),
            "defect": moved & (n > 0) & (o <= 0),
        }
        kinds["desert"] &= ~kinds["recant"]
        kinds["waver"] &= ~kinds["recant"]
        fight.recanted[:, a] = np.where(kinds["recant"], day, fight.recanted[:, a])
        fight.deserted[:, a] = np.where(kinds["desert"], day, fight.deserted[:, a])
        first_join = kinds["defect"] & (fight.joined[:, a] < 0)
        fight.joined[:, a] = np.where(first_join, day, fight.joined[:, a])
        fight.defected[:, a] = np.where(
            kinds["defect"] & (fight.defected[:, a] < 0) & ~first_join, day, fight.defected[:, a]
        )
        rest = moved & ~np.logical_or.reduce(list(kinds.values()))
        kinds["side"] = rest
        for kind, runs in kinds.items():
            if runs.any():
                sim.log.add(
                    kind,
                    runs,
                    day,
                    sim.session,
                    actor=a,
                    a=n[runs].astype(np.int64),
                    b=o[runs].astype(np.int64),
                    detail=_reason(sim, fight, a, dec, sit),
                )


def speak_for(sim: Simulation, fight: Fight, present: B, voting: B, body: int) -> None:
    """Members present without a vote who have taken a side speak for it (once each)."""
    c = sim.compiled
    speakers = present & ~voting & (fight.side != 0) & ~fight.spoke
    speakers[:, fight.challenge.target] = False
    if not speakers.any():
        return
    fight.spoke |= speakers
    fight.public += speakers.astype(np.int16)
    for a in np.flatnonzero(speakers.any(axis=0)).tolist():
        sel = speakers[:, a]

        def detail(run: int, a: int = a) -> dict[str, object]:
            return {
                "facts": [
                    *person_facts(c, a, ["policy", "ties"]),
                    f"bodies/{c.body_ids[body]}/ranks",
                ]
            }

        sim.log.add(
            "speak-for",
            sel,
            sim.day,
            sim.session,
            actor=a,
            body=body,
            a=fight.side[sel, a].astype(np.int64),
            detail=detail,
        )
