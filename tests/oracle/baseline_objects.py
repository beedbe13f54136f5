"""A plain per-run, per-actor object implementation of the engine's model: the baseline.

This is the model of :mod:`politburo.engine` (the default decision model and every procedure:
the strike, the cascade in the arena, demand and appeal, mobilization and transport, petition
and delegation, convening, the plenum's order of speakers and its resolution, sanctions)
written the way one would write it without vectorising: one run at a time, each actor and
bloc an object with scalar attributes, plain loops over actors. It reads the same compiled
scenario and draws the same per-run random tape (``SeedSequence(seed, spawn_key=(r,))``), so
its runs can be compared one by one with the engine's. It keeps no event log (the engine
does), which favours the baseline in a speed comparison.

It is a test oracle: ``tests/experiments/test_baseline_agrees.py`` checks that the engine and
this independent, plainly written implementation give the same runs column for column, and
``benchmarks/bench_experiments.py`` measures what vectorising over runs buys against it. The
engine is the model's reference; a change of the model changes both.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from politburo.engine.compile import FAR, TRAITS, CompiledScenario
from politburo.engine.decisions import get_model
from politburo.engine.kernel import MAX_RESPONSES, tape_layout
from politburo.engine.procedures.strike import CASCADE_ROUNDS
from politburo.engine.procedures.travel import UNLIMITED

__all__ = ["Baseline", "simulate_objects"]

WAITING, ARENA, CONVENED, PLENUM, DONE = range(5)
YES, NO, ABSTAIN, SILENT, AWAY = 1, -1, 0, 2, -2


def sigmoid(x: float) -> float:
    """The logistic function (overflow-safe)."""
    if x < -700:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))


def logistic(u: float) -> float:
    """A standard logistic variate from a uniform."""
    return math.log(u) - math.log1p(-u)


def rint(x: float) -> int:
    """Round half to even, as NumPy's ``rint``."""
    return round(x)


# -- the static scenario, as objects -----------------------------------------------------


@dataclass
class ActorInfo:
    """What the scenario says of one actor."""

    index: int
    sched: list[int]
    traits: dict[str, float]
    policy: float = 0.0
    lead: float = 0.0
    ties: dict[int, tuple[int, float]] = field(default_factory=dict)
    """kind code and strength of the tie to each other actor."""
    weight: dict[int, float] = field(default_factory=dict)
    """signed pull of each tie (the model's tie matrix row)."""
    grievance: dict[int, float] = field(default_factory=dict)
    fear: dict[int, float] = field(default_factory=dict)
    offices: set[int] = field(default_factory=set)


@dataclass
class BlocInfo:
    """What the scenario says of one bloc."""

    index: int
    body: int
    votes: bool
    count: int
    as_one: bool
    shares: tuple[float, float, float]
    sched: list[int]
    policy: float = 0.0
    weight: dict[int, float] = field(default_factory=dict)
    tied_to: set[int] = field(default_factory=set)


class Baseline:
    """The compiled scenario turned into Python objects, and the model's parameters."""

    def __init__(self, compiled: CompiledScenario) -> None:
        c = self.c = compiled
        model = get_model(compiled)
        self.p: dict[str, float] = dict(model.p)
        self.band = float(self.p.get("band", 0.25))
        self.days = c.n_days
        self.sessions = c.sessions
        self.n = c.n_actors
        self.layout = tape_layout(c)
        tie_w = model.w  # type: ignore[attr-defined]
        g_w = model.gw  # type: ignore[attr-defined]
        self.actors = [
            ActorInfo(
                i,
                c.actor_sched[i].tolist(),
                {name: float(c.traits[i, k]) for k, name in enumerate(TRAITS)},
            )
            for i in range(c.n_actors)
        ]
        for a in self.actors:
            for j in range(c.n_actors):
                if c.tie_kind[a.index, j] >= 0:
                    a.ties[j] = (int(c.tie_kind[a.index, j]), float(c.tie_strength[a.index, j]))
                if tie_w[a.index, j] != 0:
                    a.weight[j] = float(tie_w[a.index, j])
                if c.grievance[a.index, j]:
                    a.grievance[j] = float(c.grievance[a.index, j])
                if c.fear[a.index, j]:
                    a.fear[j] = float(c.fear[a.index, j])
            a.offices = {o for o in range(len(c.office_ids)) if c.holds0[a.index, o]}
        self.blocs = [
            BlocInfo(
                g,
                int(c.group_body[g]),
                bool(c.group_votes[g]),
                int(c.group_count[g]),
                bool(c.group_votes_as_one[g]),
                tuple(c.group_shares[g].tolist()),  # type: ignore[arg-type]
                c.group_sched[g].tolist(),
            )
            for g in range(c.n_groups)
        ]
        for b in self.blocs:
            for j in range(c.n_actors):
                if g_w[b.index, j] != 0:
                    b.weight[j] = float(g_w[b.index, j])
                if c.group_tie_kind[b.index, j] >= 0:
                    b.tied_to.add(j)
        self.member_rank = c.member_rank.tolist()
        self.rank_votes = [r.tolist() for r in c.rank_votes]
        self.seat = c.body_seat.tolist()
        self.threshold = c.body_threshold.tolist()
        self.of_members = c.body_of_members.tolist()
        self.quorum = c.body_quorum.tolist()
        self.notice = c.body_notice.tolist()
        self.chair_office = c.body_chair_office.tolist()
        self.travel = c.travel_days.tolist()
        self.air = c.air_days.tolist()
        self.holder0 = c.holder0.tolist()
        self.standing = c.office_standing.tolist()
        self.resources = [
            (int(c.resource_office[r]), c.resource_kind[r], int(c.resource_capacity[r]))
            for r in range(len(c.resource_ids))
        ]
        self.office_body = [int(b) if b >= 0 else None for b in c.office_body]
        self.fixed_side = c.fixed_side.tolist()
        self.challenges = c.challenges
        # What depends on the scenario alone, computed once as the engine does once per batch.
        self.static: dict[int, tuple[list[float], list[float], list[float]]] = {}
        for ch in c.challenges:
            policy, g_policy, lead = model.static(ch)  # type: ignore[attr-defined]
            self.static[ch.index] = (policy.tolist(), g_policy.tolist(), lead.tolist())
        self.expected = {ch.index: model.expected(ch).tolist() for ch in c.challenges}
        self.g_expected = {
            ch.index: model.expected_group_support(ch).tolist() for ch in c.challenges
        }
        self.strike_day = {ch.index: _strike_day(model, c, ch) for ch in c.challenges}
        self.signatures: list[tuple[tuple[int, ...], list[int]]] = []
        self.public: dict[int, set[int]] = {}
        groups: dict[tuple[int, ...], list[int]] = {}
        for g in range(c.n_groups):
            tied = tuple(int(a) for a in np.flatnonzero(c.group_tie_kind[g] >= 0))
            if tied:
                groups.setdefault(tied, []).append(g)
        self.signatures = list(groups.items())
        for ch in c.challenges:
            principals = {ch.target, *ch.leaders.tolist()}
            self.public[ch.index] = {
                g for tied, blocs in self.signatures for g in blocs if principals & set(tied)
            }

    def votes(self, body: int, rank: int) -> bool:
        """Whether rank ``rank`` of ``body`` votes."""
        return rank >= 0 and bool(self.rank_votes[body][rank])


def _strike_day(model: Any, c: CompiledScenario, ch: Any) -> int:
    """The challengers' day: the largest expected share of the arena's voters present."""
    support = model.expected(ch)
    heads = c.group_count * ((c.group_body == ch.arena) & c.group_votes)
    g_support = model.expected_group_support(ch) * heads
    seat = c.body_seat[ch.arena]
    best_day, best = -1, -math.inf
    for day in range(max(ch.window[0], 0), min(ch.window[1], c.n_days - 1) + 1):
        here = [
            a
            for a in range(c.n_actors)
            if c.votes(ch.arena, int(c.member_rank[day, ch.arena, a]))
            and c.actor_sched[a, day] == seat
        ]
        blocs = [g for g in range(c.n_groups) if c.group_sched[g, day] == seat]
        count = len(here) + sum(int(heads[g]) for g in blocs)
        if count > 0:
            share = (
                sum(float(support[a]) for a in here) + sum(float(g_support[g]) for g in blocs)
            ) / count
            if share > best:
                best_day, best = day, share
    return best_day if best_day >= 0 and best > c.body_threshold[ch.arena] else -1


# -- one run -----------------------------------------------------------------------------


@dataclass
class ActorState:
    """One actor in one run."""

    loc: int
    heading: int = -1
    arrive: int = -1
    detained: bool = False
    ranks: dict[int, int] = field(default_factory=dict)
    side: int = 0
    utility: float = 0.0
    public: int = 0
    declared: bool = False
    accused: bool = False
    spoke: bool = False
    on_side: int = 0
    against: int = 0
    joined: int = -1
    deserted: int = -1
    recanted: int = -1
    defected: int = -1
    turn: int = -1
    sanction: int = 0
    taste: float = 0.0


@dataclass
class BlocState:
    """One bloc in one run."""

    arrivals: list[int]
    pending: int = 0
    summoned: bool = False
    side: list[int] = field(default_factory=lambda: [0, 0, 0])
    utility: list[float] = field(default_factory=lambda: [0.0, 0.0, 0.0])
    signed: bool = False
    taste: list[float] = field(default_factory=lambda: [0.0, 0.0, 0.0])


@dataclass
class Balance:
    """Perceived shares backing the challengers (see the engine's ``alignment.Balance``)."""

    arena: float
    higher: list[float]
    groups: list[float]
    decisive: bool
    expected: list[float]


@dataclass
class Attendance:
    """Who sits in a body in this run."""

    body: int
    seated: list[bool]
    present: list[bool]
    voting: list[bool]
    groups: list[int]
    group_voting: list[bool]
    voters: int
    present_voters: int


class Run:
    """One run of one challenge: every actor and bloc an object, every step a loop."""

    def __init__(self, base: Baseline, seed: int, run_id: int) -> None:
        self.b = base
        c = base.c
        self.day = 0
        self.session = 0
        self.actors = [ActorState(info.sched[0]) for info in base.actors]
        self.blocs = [BlocState([0] * (base.days + 1)) for _ in base.blocs]
        self.holder = list(base.holder0)
        self.holds = [set(info.offices) for info in base.actors]
        self.chair = [base.holder0[o] if o >= 0 else -1 for o in base.chair_office]
        generator = np.random.Generator(
            np.random.Philox(np.random.SeedSequence(seed, spawn_key=(run_id,)))
        )
        tape = generator.random(max(base.layout.size, 1)).tolist()
        self.tape = [min(max(u, 1e-12), 1.0 - 1e-12) for u in tape]
        [self.ch] = c.challenges  # the baseline runs scenarios with one challenge
        ch = self.ch
        lo, _ = base.layout.blocks[f"taste.{ch.index}"]
        for a, state in enumerate(self.actors):
            state.taste = logistic(self.tape[lo + a])
        lo, _ = base.layout.blocks[f"group_taste.{ch.index}"]
        for g, bloc in enumerate(self.blocs):
            bloc.taste = [logistic(self.tape[lo + 3 * g + k]) for k in range(3)]
        self.respond_at, _ = base.layout.blocks[f"respond.{ch.index}"]
        self.policy, self.g_policy, self.lead = base.static[ch.index]
        self.principal = {a: 0 for a in range(base.n)}
        for leader in ch.leaders.tolist():
            self.principal[leader] = 1
        self.principal[ch.target] = -1
        self.leaders: list[int] = ch.leaders.tolist()
        self.phase = WAITING
        self.strike_day = self.appeal_day = self.petition_day = -1
        self.convened_day = self.open_day = self.resolved_day = self.removed_day = -1
        self.last_motion_day = -1
        self.delegation = 0
        self.demanded = self.guards = self.called = self.alerted = False
        self.refused = self.complied = self.force_used = self.fait = False
        self.responses = 0
        self.presiding = -1
        self.voters_at_last_vote = 0
        self.speeches = self.speeches_due = 0
        self.outcome = 0

    # -- places and seats ------------------------------------------------------------

    def rank(self, body: int, a: int, day: int | None = None) -> int:
        own = self.actors[a].ranks.get(body, -2)
        if own != -2:
            return own
        d = min(self.day if day is None else day, self.b.days - 1)
        return int(self.b.member_rank[d][body][a])

    def group_present(self, g: int) -> int:
        info = self.b.blocs[g]
        seat = self.b.seat[info.body]
        if info.sched[min(self.day, self.b.days - 1)] == seat:
            return info.count
        came = sum(self.blocs[g].arrivals[: self.day + 1])
        return min(came, info.count)

    def attendance(self, body: int) -> Attendance:
        b = self.b
        seat = b.seat[body]
        seated, present, voting = [], [], []
        voters = present_voters = 0
        for a, state in enumerate(self.actors):
            r = self.rank(body, a)
            s = r >= 0
            v = s and b.votes(body, r)
            here = s and state.loc == seat and not state.detained
            seated.append(s)
            present.append(here)
            voting.append(here and v)
            voters += v
            present_voters += here and v
        groups, group_voting = [], []
        for g, info in enumerate(b.blocs):
            mine = info.body == body
            groups.append(self.group_present(g) if mine else 0)
            group_voting.append(mine and info.votes)
            if mine and info.votes:
                voters += info.count
                present_voters += groups[-1]
        return Attendance(
            body, seated, present, voting, groups, group_voting, voters, present_voters
        )

    def advance(self) -> None:
        day = self.day
        for a, state in enumerate(self.actors):
            sched = self.b.actors[a].sched[day]
            if state.heading >= 0:
                if state.arrive <= day:
                    state.loc = state.heading
                else:
                    state.loc = state.heading if sched == state.heading else -1
            else:
                state.loc = sched

    def holders(self, office: int) -> list[bool]:
        if office == self.ch.office:
            h = self.holder[office]
            return [a == h for a in range(self.b.n)]
        return [office in held for held in self.holds]

    def with_side(self, side: int) -> list[bool]:
        mask = [state.side == side for state in self.actors]
        if side < 0:
            mask[self.ch.target] = True
        else:
            for leader in self.leaders:
                mask[leader] = True
        return mask

    def transport(self, ok: list[bool]) -> int:
        total = 0
        for office, kind, capacity in self.b.resources:
            if kind == "transport" and any(
                h and o for h, o in zip(self.holders(office), ok, strict=True)
            ):
                total += capacity or UNLIMITED
        return total

    def summon(self, who: list[bool], place: int, by_air: list[bool]) -> None:
        b = self.b
        for a, state in enumerate(self.actors):
            if not (
                who[a]
                and state.heading < 0
                and state.loc != place
                and state.loc >= 0
                and not state.detained
            ):
                continue
            slow = b.travel[state.loc][place]
            fast = min(slow, b.air[state.loc][place])
            days = fast if by_air[a] else slow
            if days < FAR:
                state.heading = place
                state.arrive = self.day + max(days, 0)

    def summon_groups(self, which: list[bool]) -> None:
        for g, bloc in enumerate(self.blocs):
            if which[g] and not bloc.summoned:
                bloc.pending = self.b.blocs[g].count - self.group_present(g)
                bloc.summoned = True

    def dispatch(self) -> None:
        if sum(bloc.pending for bloc in self.blocs) <= 0:
            return
        appealed = self.appeal_day >= 0
        seats = 0
        for side in (-1, 1):
            ok = [
                w and not s.detained for w, s in zip(self.with_side(side), self.actors, strict=True)
            ]
            capacity = self.transport(ok)
            if appealed == (side < 0):
                seats = capacity
        b = self.b
        plans = []
        for g, bloc in enumerate(self.blocs):
            info = b.blocs[g]
            seat = b.seat[info.body]
            origin = info.sched[min(self.day, b.days - 1)]
            slow = b.travel[origin][seat]
            plans.append((bloc, slow, min(slow, b.air[origin][seat])))
        # Seats shared in proportion to the members waiting, by largest remainders.
        flying = [bloc.pending if fast < slow else 0 for bloc, slow, fast in plans]
        total = sum(flying)
        quotas = [min(seats * n / total, n) if total else 0.0 for n in flying]
        flown = [math.floor(q) for q in quotas]
        left = min(seats, total) - sum(flown)
        ranked = sorted(range(len(plans)), key=lambda g: -(quotas[g] - flown[g]))
        for rank, g in enumerate(ranked):
            if rank < left and flown[g] < flying[g]:
                flown[g] += 1
        rests = [bloc.pending - f for (bloc, _, _), f in zip(plans, flown, strict=True)]
        others = sum(r for r, (_, slow, fast) in zip(rests, plans, strict=True) if fast < slow)
        for g, (bloc, slow, fast) in enumerate(plans):
            pending = bloc.pending
            if not pending:
                continue
            rest = rests[g]
            if slow >= FAR:
                wait = rest
            elif fast < slow:
                horizon = seats * (slow - fast - 1)
                wait = min(math.floor(horizon * rest / others), rest) if others else 0
            else:
                wait = 0
            by_land = rest - wait if slow < FAR else 0
            for count, days in ((flown[g], fast), (by_land, slow)):
                if days < FAR:
                    bloc.arrivals[min(self.day + days, b.days)] += count
            bloc.pending = pending - flown[g] - by_land

    # -- the decision model -------------------------------------------------------------

    def group_votes(self, att: Attendance, yes_side: int) -> tuple[int, int, int]:
        yes = no = total = 0
        for g, info in enumerate(self.b.blocs):
            heads = att.groups[g] if att.group_voting[g] else 0
            if not heads:
                continue
            side = self.blocs[g].side
            parts = {
                v: sum(s for s, x in zip(info.shares, side, strict=True) if x == v)
                for v in (-1, 0, 1)
            }
            if info.as_one:
                stacked = [parts[-1], parts[0], parts[1]]
                pick = stacked.index(max(stacked)) - 1
                parts = {v: 1.0 if pick == v else 0.0 for v in (-1, 0, 1)}
            bloc_yes = rint(heads * parts[yes_side])
            yes += bloc_yes
            no += min(rint(heads * parts[-yes_side]), heads - bloc_yes)
            total += heads
        return yes, no, max(total - yes - no, 0)

    def balance(self, with_expected: bool = False) -> Balance:
        """What each actor and bloc perceives of the balance of the deciding body."""
        b, ch = self.b, self.ch
        att = self.attendance(ch.arena)
        g_yes = self.group_votes(att, 1)[0]
        expected = b.expected[ch.index]
        yes = float(
            sum(1 for a, s in enumerate(self.actors) if att.voting[a] and s.declared and s.side > 0)
            + g_yes
        )
        for a, state in enumerate(self.actors):
            if att.voting[a] and not state.declared:
                yes += expected[a]
        arena = yes / max(att.present_voters, 1)
        decisive = self.appeal_day >= 0 or self.phase >= CONVENED
        if ch.higher < 0:
            flat = [arena] * b.n
            return Balance(arena, flat, [arena] * len(b.blocs), decisive, flat)
        hat = self.attendance(ch.higher)
        in_plenum = self.phase == PLENUM
        sup, heads, seen = [], [], []
        for g, (info, bloc) in enumerate(zip(b.blocs, self.blocs, strict=True)):
            sup.append(sum(s for s, x in zip(info.shares, bloc.side, strict=True) if x > 0))
            mine = info.body == ch.higher
            heads.append(float(info.count) if hat.group_voting[g] and mine else 0.0)
            shown = (bloc.signed and self.delegation >= 1) or in_plenum
            seen.append(float(hat.groups[g]) if shown and hat.group_voting[g] and mine else 0.0)
        vectors = [
            (heads[g] * sup[g], heads[g], seen[g] * sup[g], seen[g]) for g in range(len(b.blocs))
        ]
        knows = self.knows()
        named_yes = sum(1 for a, s in enumerate(self.actors) if hat.voting[a] and s.side > 0)
        named = sum(hat.voting)
        seat = b.seat[ch.higher]
        here = [s.loc == seat for s in self.actors]
        seen_sup = sum(x * u for x, u in zip(seen, sup, strict=True))
        seen_all = sum(seen)

        guess = b.g_expected[ch.index]
        guessed = [
            (heads[g] * guess[g], heads[g], seen[g] * guess[g], seen[g])
            for g in range(len(b.blocs))
        ]

        def add(k: list[float], v: Sequence[float], sign: float = 1.0) -> list[float]:
            return [x + sign * y for x, y in zip(k, v, strict=True)]

        def blend(public: set[int] | None) -> list[float]:
            """Each actor's share of the higher body: the blocs he knows as they stand; with
            ``public`` (the expected share), the blocs tied to a principal as they stand for
            everyone and the others he does not know at the support expected of them."""
            out = []
            for a in range(b.n):
                k = [0.0, 0.0, 0.0, 0.0]
                for (_, blocs), known in zip(b.signatures, knows, strict=True):
                    if not known[a] or (public is not None and public & set(blocs)):
                        continue
                    actual, hoped = [0.0] * 4, [0.0] * 4
                    for g in blocs:
                        actual = add(actual, vectors[g])
                        hoped = add(hoped, guessed[g])
                    k = add(k, add(actual, hoped, -1.0) if public is not None else actual)
                if public is not None:
                    everyone = [0.0, 0.0, 0.0, 0.0]
                    for g in range(len(b.blocs)):
                        everyone = add(everyone, vectors[g] if g in public else guessed[g])
                    k = add(k, everyone)
                num = k[0] + (seen_sup - k[2] + named_yes if here[a] else 0.0)
                den = k[1] + (seen_all - k[3] + named if here[a] else 0.0)
                share = min(den / max(hat.voters, 1), 1.0)
                observed = num / den if den > 0 else arena
                out.append((1.0 - share) * arena + share * observed)
            return out

        higher = blend(None)
        has_blocs = any(info.body == ch.higher for info in b.blocs)
        expected_higher = blend(b.public[ch.index]) if with_expected and has_blocs else higher
        g_num = seen_sup + named_yes
        g_den = seen_all + named
        g_obs = g_num / g_den if g_den > 0 else arena
        g_known = min(g_den / max(hat.voters, 1), 1.0)
        g_view = (1.0 - g_known) * arena + g_known * g_obs
        groups = [g_view if hat.groups[g] > 0 and in_plenum else arena for g in range(len(b.blocs))]
        return Balance(arena, higher, groups, decisive, expected_higher)

    def knows(self) -> list[list[bool]]:
        """For each group of blocs tied to the same actors, who knows their minds: those
        actors, and anyone tied to one of them (not as a rival) and not opposed to him."""
        b, ch = self.b, self.ch
        side = [s.side for s in self.actors]
        side[ch.target] = -1
        for leader in self.leaders:
            side[leader] = 1
        out = []
        for tied, _ in b.signatures:
            known = [False] * b.n
            for j in tied:
                known[j] = True
                for a, info in enumerate(b.actors):
                    kind = info.ties.get(j, (-1, 0.0))[0]
                    if kind >= 0 and kind != 3 and side[a] * side[j] >= 0:
                        known[a] = True
            out.append(known)
        return out

    def urgency(self) -> tuple[float, bool]:
        in_plenum = self.phase == PLENUM
        urgency = min(self.speeches / max(self.speeches_due, 1), 1.0) if in_plenum else 0.0
        verdict = in_plenum and self.speeches >= self.speeches_due and self.speeches_due > 0
        return urgency, verdict

    def decide(
        self,
    ) -> tuple[list[float], list[int], list[list[float]], list[list[int]], list[float]]:
        """Utilities and sides of every actor and bloc share; also what each perceived."""
        b, ch, p = self.b, self.ch, self.b.p
        bal = self.balance()
        arena, higher, g_perceived, decisive = bal.arena, bal.higher, bal.groups, bal.decisive
        perceived = higher if decisive else [arena] * b.n
        body = ch.higher if ch.higher >= 0 else ch.arena
        threshold = b.threshold[body]
        seat = b.seat[ch.arena]
        urgency, verdict = self.urgency()
        debate = min(urgency, 1.0) ** p["risk.convexity"]
        base_urgency = 1.0 + p["verdict"] if verdict else debate
        side = [float(self.principal[a] or s.side) for a, s in enumerate(self.actors)]
        present = [s.loc == seat and not s.detained for s in self.actors]
        seen = [side[a] if present[a] or self.principal[a] else 0.0 for a in range(b.n)]
        fixed = [float(self.principal[a]) for a in range(b.n)]
        utilities, sides = [], []
        for a, info in enumerate(b.actors):
            state = self.actors[a]
            view = seen if present[a] else fixed
            ties = grievance = fear = 0.0
            for j, w in info.weight.items():
                ties += view[j] * (p["ties"] * w)
            for j, w in info.grievance.items():
                grievance += view[j] * (-p["grievance"] * w)
            for j, w in info.fear.items():
                fear += view[j] * (-p["fear"] * w)
            if state.public > 0:
                gain = -(1.0 + p["betrayal"]) * p["ties"]
                for j, (kind, _) in sorted(info.ties.items()):
                    w = info.weight.get(j, 0.0)
                    if kind == 0 and w > 0 and side[a] * side[j] < 0:
                        ties += gain * w * side[j]
            opp, vac = info.traits["opportunism"], info.traits["vacillation"]
            com = info.traits["commitment"]
            bandwagon = p["bandwagon"] * (1.0 + opp + vac) * (2.0 * perceived[a] - 1.0)
            hold = p["commitment"] * com * (1.0 - vac)
            public = p["public"] * min(state.public, 3) / 3.0
            commitment = state.side * (hold + public) + p["leader"] * self.lead[a]
            odds = sigmoid(p["risk.steepness"] * (perceived[a] - threshold))
            pressure = (base_urgency if verdict else 0.0) if state.accused else base_urgency
            exposed = (1.0 + opp) * (1.0 - com)
            risk = p["risk"] * pressure * exposed * (2.0 * odds - 1.0)
            taste = p["taste"] * state.taste
            u = (
                0.0
                + p["policy"] * self.policy[a]
                + ties
                + grievance
                + fear
                + bandwagon
                + commitment
                + risk
                + taste
            )
            if a == ch.target:
                u = -10.0
            elif self.principal[a] > 0:
                u = max(u, -10.0)
            if b.fixed_side[a]:
                fix = b.fixed_side[a]
                utilities.append(max(u * fix, b.band) * fix)
                sides.append(b.fixed_side[a])
            else:
                utilities.append(u)
                sides.append(self.side_of(u))
        group_pressure = base_urgency  # no accusation names a bloc
        g_utils, g_sides = [], []
        for g, info in enumerate(b.blocs):
            social = sum(seen[j] * p["ties"] * w for j, w in info.weight.items())
            g_odds = sigmoid(p["risk.steepness"] * (g_perceived[g] - threshold))
            common = (
                p["group.policy"] * self.g_policy[g] + social,
                p["bandwagon"] * (2.0 * g_perceived[g] - 1.0),
                p["risk"] * group_pressure * (2.0 * g_odds - 1.0),
            )
            row = []
            for k, lean in enumerate((-1.0, 0.0, 1.0)):
                u = common[0] + lean * p["disposition"] + common[1] + common[2]
                row.append(u + p["taste"] * self.blocs[g].taste[k])
            g_utils.append(row)
            g_sides.append([self.side_of(u) for u in row])
        return utilities, sides, g_utils, g_sides, perceived

    def side_of(self, u: float) -> int:
        return (u > self.b.band) - (u < -self.b.band)

    def update_sides(self) -> None:
        utilities, sides, g_utils, g_sides, _ = self.decide()
        day = self.day
        for a, state in enumerate(self.actors):
            old, new = state.side, sides[a]
            state.utility = utilities[a]
            state.side = new
            if not (state.declared and new != old):
                continue
            recant = old > 0 and new <= 0 and state.accused and state.recanted < 0
            desert = (
                new < 0
                and state.joined >= 0
                and not state.accused
                and state.deserted < 0
                and not recant
            )
            defect = new > 0 and old <= 0
            if recant:
                state.recanted = day
            if desert:
                state.deserted = day
            first_join = defect and state.joined < 0
            if first_join:
                state.joined = day
            if defect and state.defected < 0 and not first_join:
                state.defected = day
        for bloc, u, s in zip(self.blocs, g_utils, g_sides, strict=True):
            bloc.utility, bloc.side = u, s

    def declare(self, who: list[bool]) -> None:
        for a, state in enumerate(self.actors):
            if who[a] and not state.declared:
                state.declared = True
                if state.side > 0:
                    state.joined = self.day

    def speak_for(self, att: Attendance) -> None:
        for a, state in enumerate(self.actors):
            if (
                att.present[a]
                and not att.voting[a]
                and state.side != 0
                and not state.spoke
                and a != self.ch.target
            ):
                state.spoke = True
                state.public += 1

    def prefers_higher_body(self) -> list[bool]:
        bal = self.balance(with_expected=True)
        perceived = bal.expected if bal.decisive else [bal.arena] * self.b.n
        ch = self.ch
        threshold = self.b.threshold[ch.higher if ch.higher >= 0 else ch.arena]
        p = self.b.p
        return [
            s.utility < p["convene"] or (s.utility > 0 and perceived[a] > threshold)
            for a, s in enumerate(self.actors)
        ]

    # -- votes and the arena ----------------------------------------------------------

    def vote(
        self,
        att: Attendance,
        ballots: list[int],
        group_side: int = 1,
        groups: tuple[int, int, int] | None = None,
    ) -> bool:
        b = self.b
        yes = 0
        for a, state in enumerate(self.actors):
            if not att.voting[a]:
                continue
            yes += ballots[a] == YES
            if ballots[a] != ABSTAIN:
                state.public += 1
        yes += (groups if groups is not None else self.group_votes(att, group_side))[0]
        body = att.body
        base = att.voters if b.of_members[body] else att.present_voters
        needed = int(base * b.threshold[body]) + 1
        quorum = att.present_voters >= math.ceil(b.quorum[body] * att.voters)
        return yes >= needed and quorum

    def present_majority(self, att: Attendance, side: int) -> bool:
        count = sum(1 for a, s in enumerate(self.actors) if att.voting[a] and s.side == side)
        count += self.group_votes(att, side)[0]
        return count >= int(att.present_voters * self.b.threshold[att.body]) + 1

    def confident(self) -> bool:
        ch = self.ch
        if ch.higher < 0:
            return False
        expected = self.balance(with_expected=True).expected
        mean = sum(expected[a] for a in self.leaders) / len(self.leaders)
        return mean > self.b.threshold[ch.higher]

    def take_chair(self, att: Attendance) -> None:
        ch = self.ch
        chair = self.chair[ch.arena]
        if chair < 0 or self.actors[chair].side > 0 or not ch.arena_may_take_chair:
            return
        won = self.vote(att, [s.side for s in self.actors])
        ours = ch.chair_to >= 0 and att.present[ch.chair_to]
        pick = ch.chair_to if ours and self.actors[ch.chair_to].side > 0 else -1
        for leader in self.leaders:
            if pick < 0 and att.present[leader]:
                pick = leader
        if pick < 0:
            pick = self.leaders[0]
        if won:
            self.chair[ch.arena] = pick

    def demand(self, att: Attendance) -> None:
        ch = self.ch
        if self.removed_day >= 0:
            return
        won = self.vote(att, [s.side for s in self.actors])
        self.voters_at_last_vote = att.present_voters
        if ch.arena_may_remove:
            if won:
                self.remove_target()
            return
        if not won:
            return
        self.demanded = True
        if att.present[ch.target]:
            self.respond()
        else:
            who = [a == ch.target for a in range(self.b.n)]
            theirs = [
                (s.side > 0 and not s.detained) or a in self.leaders
                for a, s in enumerate(self.actors)
            ]
            air = self.transport(theirs) > 0
            self.summon(who, self.b.seat[ch.arena], [w and air for w in who])

    def respond(self) -> None:
        ch, p = self.ch, self.b.p
        if not self.demanded or self.removed_day >= 0:
            return
        expected = self.balance(with_expected=True).expected
        k = min(self.responses, MAX_RESPONSES - 1)
        draw = logistic(self.tape[self.respond_at + k])
        resolve = self.b.actors[ch.target].traits["resolve"]
        odds = 1.0 - 2.0 * expected[ch.target]
        refuses = p["resolve"] * (2.0 * resolve - 1.0) + p["appeal"] * odds + p["taste"] * draw > 0
        self.responses += 1
        self.demanded = False
        if not refuses:
            self.complied = True
            self.remove_target()
            return
        self.refused = True
        if self.appeal_day < 0 and ch.higher >= 0:
            self.appeal_day = self.day
        if self.use_force():
            self.actors[ch.target].detained = True

    def use_force(self) -> bool:
        b, ch, p = self.b, self.ch, self.b.p
        seat = b.seat[ch.arena]
        holder = -1
        for office, kind, _ in b.resources:
            if kind != "coercion" or holder >= 0:
                continue
            for a, (h, s) in enumerate(zip(self.holders(office), self.actors, strict=True)):
                if h and s.side > 0 and not s.detained and s.loc == seat:
                    holder = a
                    break
        if holder < 0:
            return False
        att = self.attendance(ch.arena)
        backs = [
            s.side > 0 and s.utility * (1.0 - b.actors[a].traits["vacillation"]) > p["force"]
            for a, s in enumerate(self.actors)
        ]
        backers = sum(1 for a in range(b.n) if backs[a] and att.voting[a])
        for g, info in enumerate(b.blocs):
            share = sum(
                s for s, u in zip(info.shares, self.blocs[g].utility, strict=True) if u > p["force"]
            )
            heads = att.groups[g] if att.group_voting[g] else 0
            backers += rint(heads * share)
        needed = int(att.present_voters * b.threshold[ch.arena]) + 1
        used = backs[holder] and backers >= needed
        self.force_used |= used
        return used

    def remove_target(self) -> None:
        ch = self.ch
        if self.removed_day >= 0 or self.holder[ch.office] != ch.target:
            return
        self.holder[ch.office] = ch.successor
        self.removed_day = self.day
        self.outcome = 1
        if ch.arena_may_convene and self.confident():
            self.convene(self.attendance(ch.arena), self.leaders[0])
        if self.phase == ARENA:
            self.phase = DONE

    def convene(self, att: Attendance, mover: int) -> bool:
        ch = self.ch
        if self.convened_day >= 0 or ch.higher < 0:
            return False
        ballots = [1 if x else -1 for x in self.prefers_higher_body()]
        won = self.vote(att, ballots, group_side=-1 if mover == ch.target else 1)
        self.last_motion_day = self.day
        if won:
            self.convened_day = self.day
            self.open_day = self.day + self.b.notice[ch.higher]
            self.phase = CONVENED
        return won

    def deadline(self, att: Attendance) -> None:
        ch = self.ch
        if not (
            self.strike_day >= 0
            and self.day >= self.strike_day + ch.deadline_days
            and self.convened_day < 0
            and self.removed_day < 0
            and not self.fait
        ):
            return
        hold = self.present_majority(att, 1)
        self.fait = True
        if hold:
            self.remove_target()

    # -- mobilization ---------------------------------------------------------------------

    def alerter(self, side: int) -> int:
        b, ch = self.b, self.ch
        free = [
            w and not s.detained for w, s in zip(self.with_side(side), self.actors, strict=True)
        ]
        able = [False] * b.n
        for office, kind, _ in b.resources:
            if kind == "communication":
                able = [
                    x or (h and f) for x, h, f in zip(able, self.holders(office), free, strict=True)
                ]
        principal = [ch.target] if side < 0 else self.leaders
        best, who = -1.0, -1
        for a, info in enumerate(b.actors):
            if not able[a]:
                continue
            close = max(
                (0.0 if info.ties.get(j, (-1, 0.0))[0] == 3 else info.ties.get(j, (-1, 0.0))[1])
                for j in principal
            )
            score = 0.5 if a in principal else close + 1.0
            if score > best:
                best, who = score, a
        return who

    def mobilize(self, side: int = -1) -> None:
        b, ch = self.b, self.ch
        who = self.alerter(side)
        if who < 0:
            return
        ok = [w and not s.detained for w, s in zip(self.with_side(side), self.actors, strict=True)]
        capacity = self.transport(ok)
        seat = b.seat[ch.arena]
        leaning = self.with_side(side)
        call = []
        for a, state in enumerate(self.actors):
            away = state.loc != seat
            yes = self.rank(ch.arena, a) >= 0 and away
            if ch.higher >= 0:
                lean = state.utility * side > 0 or leaning[a]
                yes = yes or (self.rank(ch.higher, a) >= 0 and lean and away)
            call.append(yes and a != ch.target)
        self.alerted = True
        self.summon(call, seat, [capacity > 0] * b.n)
        if ch.higher >= 0:
            self.summon_groups([info.body == ch.higher for info in b.blocs])

    def petition(self) -> None:
        b, ch = self.b, self.ch
        if ch.higher < 0 or ch.petition_share <= 0 or self.petition_day >= 0:
            return
        att = self.attendance(ch.higher)
        signers = [
            rint(
                att.groups[g]
                * sum(s for s, x in zip(info.shares, self.blocs[g].side, strict=True) if x < 0)
            )
            for g, info in enumerate(b.blocs)
        ]
        ours = self.with_side(-1)
        named = sum(1 for a in range(b.n) if att.present[a] and ours[a] and a != ch.target)
        signatures = sum(signers) + named
        members = sum(att.seated) + sum(i.count for i in b.blocs if i.body == ch.higher)
        if signatures < math.ceil(ch.petition_share * members):
            return
        self.petition_day = self.day
        for bloc, n in zip(self.blocs, signers, strict=True):
            bloc.signed |= n > 0
        self.delegation = 1

    def receive_delegation(self) -> None:
        ch = self.ch
        if self.delegation != 1:
            return
        first = not self.guards
        self.guards = True
        if first and self.use_force():
            self.delegation = 3
            return
        att = self.attendance(ch.arena)
        ballots = [1 if x else -1 for x in self.prefers_higher_body()]
        if self.vote(att, ballots, group_side=-1):
            self.delegation = 2

    def summon_all(self) -> None:
        b, ch = self.b, self.ch
        if ch.higher < 0:
            return
        seat = b.seat[ch.higher]
        call = [self.rank(ch.higher, a) >= 0 and s.loc != seat for a, s in enumerate(self.actors)]
        self.summon(call, seat, [False] * b.n)
        self.summon_groups([info.body == ch.higher for info in b.blocs])

    # -- the plenum -------------------------------------------------------------------

    def majority_side(self) -> int:
        att = self.attendance(self.ch.higher)
        named_c = sum(1 for a, s in enumerate(self.actors) if att.voting[a] and s.side > 0)
        named_t = sum(1 for a, s in enumerate(self.actors) if att.voting[a] and s.side < 0)
        g_c, g_t, _ = self.group_votes(att, 1)
        return 1 if named_c + g_c > named_t + g_t else -1

    def chair_office(self) -> int:
        ch = self.ch
        office = self.b.chair_office[ch.higher]
        return office if office >= 0 else self.b.chair_office[ch.arena]

    def open_plenum(self) -> None:
        b, ch, p = self.b, self.ch, self.b.p
        if not (self.open_day >= 0 and self.day >= self.open_day):
            return
        att = self.attendance(ch.higher)
        if att.present_voters < math.ceil(b.quorum[ch.higher] * att.voters):
            return
        self.phase = PLENUM
        self.update_sides()
        self.declare(att.present)
        major = self.majority_side()
        per = round(p.get("plenum.defence_speeches", 2.0))
        accused_now = [
            att.present[a]
            and s.side == -major
            and (
                abs(s.utility) > p.get("defend", 1.0)
                or (a in self.leaders and major < 0)
                or (a == ch.target and major > 0)
                or (s.spoke and s.side != 0)
            )
            for a, s in enumerate(self.actors)
        ]
        n_accused = sum(accused_now)
        for state, accused in zip(self.actors, accused_now, strict=True):
            if accused:
                state.accused = True
                state.public += per
        others = sum(att.present) + sum(att.groups) - n_accused
        requests = rint(others * p.get("plenum.request_share", 0.25))
        floor = rint(requests * p.get("plenum.floor_share", 0.3))
        self.speeches_due = 1 + per * n_accused + floor
        self.speeches = 0
        self.order_speakers(att, accused_now, major, per, floor, n_accused)
        self.choose_chair(att, major)

    def order_speakers(
        self, att: Attendance, accused: list[bool], major: int, per: int, floor: int, n_accused: int
    ) -> None:
        b = self.b
        strength = [abs(s.utility) for s in self.actors]
        ranked = sorted(range(b.n), key=lambda a: -(strength[a] if accused[a] else -1.0))
        turns = [-1] * b.n
        for rank, a in enumerate(ranked):
            if accused[a]:
                turns[a] = 1 + rank
        pool = [
            att.present[a] and s.side == major and not self.principal[a] and a != self.presiding
            for a, s in enumerate(self.actors)
        ]
        ranked = sorted(range(b.n), key=lambda a: -(strength[a] if pool[a] else -1.0))
        for rank, a in enumerate(ranked):
            if pool[a] and rank < floor:
                turns[a] = 1 + per * n_accused + rank
        for state, turn in zip(self.actors, turns, strict=True):
            state.turn = turn

    def choose_chair(self, att: Attendance, major: int) -> None:
        b, ch = self.b, self.ch
        office = self.chair_office()
        chair = -1
        if office >= 0:
            for a, h in enumerate(self.holders(office)):
                if h and att.present[a]:
                    chair = a
                    break
        arena = self.attendance(ch.arena)
        party = set(self.leaders) | {ch.target}
        fellow = [False] * b.n
        same = b.office_body[office] if office >= 0 else None
        if same is not None:
            for o, body in enumerate(b.office_body):
                if body == same:
                    for a, info in enumerate(b.actors):
                        fellow[a] |= o in info.offices
        principal = self.leaders[0] if major > 0 else ch.target
        best, substitute = -math.inf, chair
        for a, state in enumerate(self.actors):
            if not (arena.voting[a] and att.present[a] and state.side == major and a not in party):
                continue
            kind, strength = b.actors[a].ties.get(principal, (-1, 0.0))
            score = 1.0 + (0.0 if kind == 3 else strength) + 2.0 * fellow[a]
            if score > best:
                best, substitute = score, a
        self.presiding = substitute if chair >= 0 and chair in party else chair

    def plenum_session(self) -> None:
        ch, p = self.ch, self.b.p
        per_session = round(p.get("plenum.speeches_per_session", 5.0))
        self.speeches += min(per_session, self.speeches_due - self.speeches)
        att = self.attendance(ch.higher)
        self.update_sides()
        self.declare(att.present)
        if self.speeches >= self.speeches_due:
            self.resolve()

    def resolve(self) -> None:
        ch = self.ch
        att = self.attendance(ch.higher)
        major = self.majority_side()
        ballots = []
        for state in self.actors:
            with_major = state.side == major
            cast = YES if with_major else (ABSTAIN if state.side == 0 else NO)
            ballots.append(ABSTAIN if state.accused and not with_major else cast)
        groups = self.group_votes(att, major)
        passed = self.vote(att, ballots, groups=groups)
        self.resolved_day = self.day
        if passed:
            self.outcome = major
            if major > 0:
                self.remove_target()
            elif self.holder[ch.office] != ch.target and self.removed_day >= 0:
                self.holder[ch.office] = ch.target
            self.sanctions(major)
        self.phase = DONE

    def sanctions(self, major: int) -> None:
        b, ch, p = self.b, self.ch, self.b.p
        losers = []
        for a, state in enumerate(self.actors):
            loser = state.joined >= 0 if major < 0 else state.against > 0
            if a == ch.target:
                loser = loser and major > 0
            if a in self.leaders and major < 0:
                loser = True
            losers.append(loser)
        if not any(losers):
            return
        total = max(max(max(s.on_side + s.against, 1) for s in self.actors), 1)
        rungs = [
            p.get("sanction.reprimand", 0.5),
            p.get("sanction.demote", 1.0),
            p.get("sanction.remove", 1.5),
            p.get("sanction.expel", 2.5),
        ]
        thresholds = list(itertools.accumulate(rungs, max))  # a ladder never steps down
        sign = {0: -1.0, 1: 1.0, 2: 1.0, 3: -1.0}
        standing = [0.0] * b.n
        for o, level in enumerate(b.standing):
            if level > 0:
                for a, h in enumerate(self.holders(o)):
                    if h:
                        standing[a] = max(standing[a], level)
        non_voting = [k for k, v in enumerate(b.rank_votes[ch.arena]) if not v]
        for a, state in enumerate(self.actors):
            if not losers[a]:
                continue
            info = b.actors[a]
            leader = float((a in self.leaders and major < 0) or (a == ch.target and major > 0))
            holdout = float(state.side == -major)
            sessions = state.on_side if major < 0 else state.against

            def tie(j: int, info: ActorInfo = info) -> float:
                kind, strength = info.ties.get(j, (-1, 0.0))
                return sign.get(kind, 0.0) * strength

            winner_tie = (
                tie(ch.target)
                if major < 0
                else sum(tie(j) for j in self.leaders) / len(self.leaders)
            )
            joined = state.joined if major < 0 else -1
            defiance = float(self.appeal_day >= 0 and joined > self.appeal_day)
            severity = (
                p.get("sanction.leader", 1.0) * leader
                + p.get("sanction.accused", 1.0) * float(state.accused)
                + p.get("sanction.holdout", 1.0) * holdout
                + p.get("sanction.time", 2.0) * (sessions / total)
                - p.get("sanction.tie", 1.0) * winner_tie
                - p.get("sanction.standing", 1.0) * standing[a]
                + p.get("sanction.defiance", 1.0) * defiance
            )
            level = sum(1 for t in thresholds if t <= severity)
            state.sanction = level
            if level == 0:
                continue
            arena_rank = self.rank(ch.arena, a)
            seated = [self.rank(body, a) for body in range(len(b.seat))]
            demote = level == 2 and b.votes(ch.arena, arena_rank) and bool(non_voting)
            remove = (level == 2 and not demote and arena_rank >= 0) or level == 3
            if demote:
                state.ranks[ch.arena] = non_voting[0]
            if remove or level == 4:
                state.ranks[ch.arena] = -1
            if level == 4:
                for body in range(len(b.seat)):
                    state.ranks[body] = -1
            for body in range(len(b.seat)):
                if self.rank(body, a) < 0 <= seated[body]:
                    for o, home in enumerate(b.office_body):
                        if home == body and o in self.holds[a]:
                            self.holds[a].discard(o)
                            if self.holder[o] == a:
                                self.holder[o] = -1

    # -- the clock ----------------------------------------------------------------------

    def strike(self) -> None:
        ch = self.ch
        self.phase = ARENA
        self.strike_day = self.day
        att = self.attendance(ch.arena)
        for _ in range(CASCADE_ROUNDS):
            self.update_sides()
        self.declare(att.present)
        self.speak_for(att)
        if ch.take_chair:
            self.take_chair(att)
        self.demand(att)

    def arena_session(self) -> None:
        b, ch = self.b, self.ch
        meets = self.session == 0 or bool(b.c.body_permanent[ch.arena])
        self.update_sides()
        appealed = self.appeal_day >= 0
        if appealed:
            self.petition()
        if not meets:
            return
        att = self.attendance(ch.arena)
        self.declare(att.present)
        self.speak_for(att)
        if self.demanded and att.present[ch.target]:
            self.respond()
        target = self.actors[ch.target]
        if (
            self.refused
            and not self.demanded
            and self.removed_day < 0
            and att.present_voters > self.voters_at_last_vote
            and not target.detained
        ):
            self.demand(att)
        if self.phase != ARENA:
            return
        if appealed:
            self.receive_delegation()
        if (
            appealed
            and self.last_motion_day < self.day
            and self.removed_day < 0
            and (self.delegation == 2 or self.present_majority(att, -1))
        ):
            self.convene(att, ch.target)
        if (
            self.refused
            and self.last_motion_day < self.day
            and self.convened_day < 0
            and self.phase == ARENA
            and self.present_majority(att, 1)
            and (target.detained or self.confident())
            and ch.arena_may_convene
        ):
            self.convene(att, self.leaders[0])
        if self.phase == ARENA:
            self.deadline(att)

    def challenge_session(self, strike_day: int) -> None:
        ch = self.ch
        if strike_day < 0:
            if self.day == 0 and self.session == 0:
                self.phase = DONE
            return
        if self.day == strike_day and self.session == 0:
            self.strike()
            self.count()
            return
        appealed = self.appeal_day >= 0 and not self.actors[ch.target].detained
        if self.phase in (ARENA, CONVENED) and appealed and self.removed_day < 0:
            self.mobilize(-1)
        if self.session == 0:
            self.dispatch()
        if self.phase == ARENA:
            self.arena_session()
        if self.phase == CONVENED and not self.called:
            self.summon_all()
            self.called = True
        if self.session == 0 and self.phase == CONVENED:
            self.open_plenum()
        if self.phase == PLENUM and (self.open_day < self.day or self.session > 0):
            self.plenum_session()
        self.count()

    def count(self) -> None:
        if ARENA <= self.phase <= PLENUM:
            for state in self.actors:
                state.on_side += state.side > 0
                state.against += state.side < 0

    def run(self) -> dict[str, Any]:
        strike_day = self.b.strike_day[self.ch.index]
        for day in range(self.b.days):
            self.day = day
            self.advance()
            for session in range(self.b.sessions):
                self.session = session
                self.challenge_session(strike_day)
        return self.columns()

    def columns(self) -> dict[str, Any]:
        """The outcome variables of this run, named as the engine names them."""
        c, ch = self.b.c, self.ch
        pre = f"challenge.{ch.id}."
        out: dict[str, Any] = {
            pre + "struck": self.strike_day >= 0,
            pre + "succeeded": self.holder[ch.office] != ch.target and self.strike_day >= 0,
        }
        for name in (
            "strike_day",
            "appeal_day",
            "petition_day",
            "convened_day",
            "open_day",
            "resolved_day",
            "removed_day",
            "refused",
            "complied",
            "force_used",
            "fait",
            "outcome",
        ):
            out[pre + name] = getattr(self, name)
        if ch.higher >= 0:
            body = f"body.{c.body_ids[ch.higher]}."
            out[body + "convened_day"] = self.convened_day
            out[body + "opened_day"] = self.open_day
        for o, office in enumerate(c.office_ids):
            out[f"office.{office}.holder_at_end"] = self.holder[o]
        last_day = self.b.days - 1
        for a, actor in enumerate(c.actor_ids):
            state, pre = self.actors[a], f"actor.{actor}."
            out[pre + "side_at_end"] = state.side
            for name in ("joined", "deserted", "recanted", "defected"):
                out[pre + f"{name}_day"] = getattr(state, name)
            out[pre + "sanction"] = state.sanction
            out[pre + "detained"] = state.detained
            for b, body in enumerate(c.body_ids):
                out[pre + f"rank.{body}"] = self.rank(b, a, last_day)
        return out


def simulate_objects(
    compiled: CompiledScenario, seed: int, run_ids: list[int], base: Baseline | None = None
) -> list[dict[str, Any]]:
    """Run the baseline for each run id; one dictionary of outcome variables per run."""
    base = base or Baseline(compiled)
    return [Run(base, seed, r).run() for r in run_ids]
