"""The default decision model: interests, ties, fears, commitment and a threshold cascade.

Each actor's utility of backing the challengers is a sum of terms, each from the scenario's
data (see docs/model.md for the equations and the source of every term):

``U = policy + ties + grievance + fear + bandwagon + commitment + risk + taste``

Sides follow from the utility with a band of indifference; because the bandwagon term rises
with the perceived share backing the challengers, each actor has an implicit threshold and
desertions cascade in the manner of Granovetter's model as the perceived balance moves.

References
----------
.. [Granovetter1978] Granovetter (1978), "Threshold Models of Collective Behavior".
.. [Schelling1978] Schelling (1978), "Micromotives and Macrobehavior".
.. [Kuran1991] Kuran (1991), "Now Out of Never: The Element of Surprise in the East
   European Revolution of 1989".
.. [Svolik2012] Svolik (2012), "The Politics of Authoritarian Rule".
.. [BdM2003] Bueno de Mesquita, Smith, Siverson and Morrow (2003), "The Logic of Political
   Survival".
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import numpy.typing as npt

from politburo.arrays import Bools, Floats
from politburo.engine.compile import TIE_KINDS, TRAITS, CompiledChallenge, CompiledScenario
from politburo.engine.decisions.ballot_terms import BallotWeights
from politburo.engine.decisions.base import (
    DecisionModel,
    Decisions,
    Situation,
    force_threshold,
    register,
    sigmoid,
)
from politburo.engine.decisions.default_terms import (
    Constants,
    balance_terms,
    betrayal_layers,
    social_terms,
)
from politburo.engine.numerics.memo import RowMemo
from politburo.engine.parameters import (
    SHARED_PARAMETERS,
    CalibrationRecord,
    Parameter,
    fitted,
    load_calibration,
)

__all__ = ["DefaultModel", "mean_stance", "policy_agreement", "tie_matrix"]

_T = {name: k for k, name in enumerate(TRAITS)}
P, F = Parameter, fitted


def policy_agreement(stance: Floats, salience: Floats, target: Floats, leaders: Floats) -> Floats:
    """Salience-weighted agreement with the challengers rather than the target, in [-1, 1].

    For each issue on which the actor, the target and the leaders (mean stance) all have a
    position, the term is half the difference of the actor's distance to the target and to
    the leaders; issues are weighted by the actor's salience.

    >>> s = np.array([[1.0], [-1.0]]); w = np.ones((2, 1))
    >>> policy_agreement(s, w, np.array([-1.0]), np.array([1.0])).tolist()
    [1.0, -1.0]
    """
    valid = ~np.isnan(stance) & ~np.isnan(target)[None, :] & ~np.isnan(leaders)[None, :]
    weight = np.where(valid, salience, 0.0)
    gap = (np.abs(stance - target[None, :]) - np.abs(stance - leaders[None, :])) / 2.0
    total = weight.sum(axis=1)
    score = np.where(valid, gap, 0.0) * weight
    out: Floats = np.divide(score.sum(axis=1), total, out=np.zeros(len(total)), where=total > 0)
    return out


def mean_stance(stances: Floats) -> Floats:
    """Mean stance per issue over the rows that have one (NaN where none has)."""
    have = ~np.isnan(stances)
    total = np.where(have, stances, 0.0).sum(axis=0)
    count = have.sum(axis=0)
    return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def tie_matrix(kind: npt.NDArray[np.int8], strength: Floats, p: dict[str, float]) -> Floats:
    """Signed weight of each tie: patrons, clients and allies pull, rivals push."""
    gains = np.array([p["tie.patron"], p["tie.client"], p["tie.ally"], -p["tie.rival"], 0.0])
    assert len(gains) == len(TIE_KINDS) + 1
    return gains[np.where(kind < 0, len(TIE_KINDS), kind)] * strength


@register
class DefaultModel(DecisionModel):
    """Policy, ties, grievances, fears, bandwagon, commitment and the risk of losing."""

    name: ClassVar[str] = "default"
    CALIBRATION: ClassVar[CalibrationRecord | None] = load_calibration("default")
    EXPECTATION_IN: ClassVar[frozenset[str]] = frozenset({"refuses", "prefers_higher_body"})
    PARAMETERS: ClassVar[dict[str, Parameter]] = {
        "policy": F(1.0, 0.0, 3.0, "weight of salience-weighted policy agreement"),
        "ties": F(2.0, 0.0, 4.0, "weight of personal ties to those on each side"),
        "tie.patron": P(1.0, 0.0, 2.0, "pull of a patron (the actor owes him)"),
        "tie.client": P(0.5, 0.0, 2.0, "pull of a client"),
        "tie.ally": P(0.8, 0.0, 2.0, "pull of an ally"),
        "tie.rival": P(1.0, 0.0, 2.0, "push of a rival"),
        "grievance": F(1.0, 0.0, 3.0, "weight of grievances against those on a side"),
        "fear": F(1.0, 0.0, 3.0, "weight of fears of those on a side"),
        "bandwagon": F(1.2, 0.0, 4.0, "weight of the perceived balance (threshold cascade)"),
        "commitment": F(1.5, 0.0, 4.0, "cost of leaving one's side, times the trait"),
        "public": F(1.5, 0.0, 4.0, "cost of leaving a side one has voted or spoken for"),
        "leader": F(1.0, 0.0, 3.0, "a ringleader's stake in his own plot"),
        "betrayal": F(1.0, 0.0, 2.0, "a patron publicly opposed repels as much as he pulled"),
        "risk": F(6.0, 0.0, 12.0, "weight of the risk of ending on the losing side"),
        "risk.steepness": P(10.0, 1.0, 30.0, "how sharply the odds follow the balance"),
        "risk.convexity": F(3.0, 1.0, 6.0, "how the pressure of the debate mounts toward its end"),
        "verdict": F(4.0, 0.0, 8.0, "extra pressure at the verdict, when recanting still helps"),
        "taste": P(0.15, 0.0, 1.0, "scale of each run's idiosyncratic taste (logistic)"),
        "foresight": P(1.0, 0.1, 3.0, "the challengers' uncertainty about others (logistic scale)"),
        "band": SHARED_PARAMETERS["band"],
        "disposition": F(1.0, 0.0, 3.0, "lean of a bloc's loyal and hostile shares"),
        "group.policy": F(0.3, 0.0, 3.0, "weight of policy for the rank and file of a bloc"),
        "resolve": P(3.0, 0.0, 8.0, "weight of the target's resolve against complying"),
        "appeal": P(2.0, 0.0, 6.0, "weight of the target's odds in the higher body"),
        "force": SHARED_PARAMETERS["force"],
        "convene": F(0.75, 0.0, 3.0, "utility below which an adherent lets the higher body decide"),
        **{k: v for k, v in SHARED_PARAMETERS.items() if k not in ("band", "force")},
    }
    """The shared parameters (:data:`~politburo.engine.parameters.SHARED_PARAMETERS`) and the
    model's own, in the order the calibration draws them."""

    def __init__(self, compiled: CompiledScenario, parameters: dict[str, float]) -> None:
        super().__init__(compiled, parameters)
        self.w = tie_matrix(compiled.tie_kind, compiled.tie_strength, self.p)
        self.gw = tie_matrix(compiled.group_tie_kind, compiled.group_tie_strength, self.p)
        self._static: dict[int, tuple[Floats, Floats, Floats]] = {}
        self._static_social: dict[tuple[str, int], list[tuple[str, Floats]]] = {}
        self._expected: dict[int, Floats] = {}
        self._shifted: dict[tuple[int, float], tuple[Floats, Floats]] = {}
        self._constants: dict[int, Constants] = {}
        self._memo: dict[int, tuple[RowMemo, RowMemo]] = {}
        self._tastes: list[tuple[Floats, Floats]] = []

    def principals(self, ch: CompiledChallenge) -> Floats:
        """Fixed sides of the target (-1) and the leaders (+1); 0 for everyone else."""
        fixed = np.zeros(self.compiled.n_actors)
        fixed[ch.leaders] = 1.0
        fixed[ch.target] = -1.0
        return fixed

    def static(self, ch: CompiledChallenge) -> tuple[Floats, Floats, Floats]:
        """Policy agreement of actors and blocs, and the leaders' mask, for ``ch``."""
        if ch.index not in self._static:
            c = self.compiled
            target = c.stance[ch.target]
            leaders = mean_stance(c.stance[ch.leaders])
            policy = policy_agreement(c.stance, c.salience, target, leaders)
            g_policy = policy_agreement(c.group_stance, c.group_salience, target, leaders)
            lead = np.zeros(c.n_actors)
            lead[ch.leaders] = 1.0
            self._static[ch.index] = (policy, g_policy, lead)
        return self._static[ch.index]

    def _social(self, index: int) -> list[tuple[str, Floats]]:
        if ("social", index) not in self._static_social:
            c, p = self.compiled, self.p
            self._static_social[("social", index)] = [
                ("ties", p["ties"] * self.w),
                ("grievance", -p["grievance"] * c.grievance),
                ("fear", -p["fear"] * c.fear),
            ]
        return self._static_social[("social", index)]

    def expected_support(self, challenge: CompiledChallenge) -> Floats:
        """The leaders' estimate: policy, ties, grievances and fears, first toward the
        principals, then toward everyone at the sides so expected (two rounds)."""
        if challenge.index not in self._expected:
            self._expected[challenge.index] = self._support(challenge, 0.0)
        return self._expected[challenge.index]

    def _support(self, challenge: CompiledChallenge, shift: float) -> Floats:
        """:meth:`expected_support`, each actor leaning as his bandwagon term would at a
        balance moved by ``shift`` (the known stances of actors outside the bodies)."""
        policy, _, lead = self.static(challenge)
        known = self.known_sides(challenge)
        social = self._social_matrix()
        scale = max(self.p["foresight"], 0.05)
        lean = 2.0 * shift * self.constants(challenge).follow if shift else None
        sides = known.copy()
        prob = np.zeros(self.compiled.n_actors)
        for _ in range(2):
            base = self.p["policy"] * policy + social @ sides + self.p["leader"] * lead
            if lean is not None:
                base += lean
            prob = np.asarray(sigmoid(base / scale))
            prob[challenge.leaders] = 1.0
            prob[challenge.target] = 0.0
            sides = np.where(known != 0, known, 2.0 * prob - 1.0)
        return prob

    def expected_group_support(self, challenge: CompiledChallenge) -> Floats:
        """The leaders' estimate for blocs: each share of a bloc by its policy, its ties to
        the actors at the sides they expect, and its lean (as in :meth:`decide`, before any
        balance is seen), weighted by the shares."""
        key = -1 - challenge.index
        if key not in self._expected:
            self._expected[key] = self._group_support(challenge, self.expected(challenge), 0.0)
        return self._expected[key]

    def _group_support(self, challenge: CompiledChallenge, actors: Floats, shift: float) -> Floats:
        """:meth:`expected_group_support` toward the actors expected at ``actors``, each share
        leaning as its bandwagon term would at a balance moved by ``shift``."""
        c, p = self.compiled, self.p
        _, g_policy, _ = self.static(challenge)
        sides = 2.0 * actors - 1.0
        social = (p["ties"] * self.gw) @ sides
        lean = np.array([-1.0, 0.0, 1.0]) * p["disposition"]
        base = (p["group.policy"] * g_policy + social)[:, None] + lean[None, :]
        if shift:
            base += 2.0 * shift * p["bandwagon"]
        prob = sigmoid(base / max(p["foresight"], 0.05))
        return np.asarray((c.group_shares * prob).sum(axis=1))

    def expected_under(self, challenge: CompiledChallenge, shift: float) -> tuple[Floats, Floats]:
        """What the challengers expect of actors and blocs when the known stances of actors
        outside the bodies move the balance by ``shift``: each actor and bloc leans as his
        bandwagon term would at a balance so moved (``2 shift`` times its weight)."""
        if not shift:
            return super().expected_under(challenge, shift)
        key = (challenge.index, shift)
        if key not in self._shifted:
            actors = self.with_fixed_sides(self._support(challenge, shift))
            self._shifted[key] = (actors, self._group_support(challenge, actors, shift))
        return self._shifted[key]

    def _social_matrix(self) -> Floats:
        c = self.compiled
        return np.asarray(
            self.p["ties"] * self.w - self.p["grievance"] * c.grievance - self.p["fear"] * c.fear
        )

    def constants(self, ch: CompiledChallenge) -> Constants:
        """The parts of :meth:`decide` that do not change during a challenge."""
        if ch.index not in self._constants:
            c, p = self.compiled, self.p
            policy, g_policy, lead = self.static(ch)
            fixed = self.principals(ch)
            opp = c.traits[:, _T["opportunism"]]
            vac = c.traits[:, _T["vacillation"]]
            com = c.traits[:, _T["commitment"]]
            clients, patrons = np.nonzero((c.tie_kind == 0) & (self.w > 0))
            gain = -(1.0 + p["betrayal"]) * p["ties"]
            self._constants[ch.index] = Constants(
                fixed=fixed,
                principal=fixed != 0,
                policy=p["policy"] * policy,
                principals=np.flatnonzero(fixed),
                social=[(name, fixed @ m.T) for name, m in self._social(ch.index)],
                weights=np.concatenate(
                    [m for _, m in self._social(ch.index)] + [p["ties"] * self.gw]
                ).T,
                follow=p["bandwagon"] * (1.0 + opp + vac),
                hold=p["commitment"] * com * (1.0 - vac),
                lead=p["leader"] * lead,
                exposed=(1.0 + opp) * (1.0 - com),
                g_policy=p["group.policy"] * g_policy,
                lean=(np.array([-1.0, 0.0, 1.0]) * p["disposition"]).tolist(),
                betrayals=betrayal_layers(clients, patrons, gain * self.w[clients, patrons]),
            )
        return self._constants[ch.index]

    def decide(self, situation: Situation) -> Decisions:
        s, p = situation, self.p
        ch = s.challenge
        k = self.constants(ch)
        social_memo, balance_memo = self._memos(len(s.side))
        social = social_memo.get(
            ch.index, (s.side, s.present, s.public), lambda rows: social_terms(k, p, *rows)
        )
        ties, grievance, fear, commitment, prefix4 = social[:5]
        g_base = social[5:8]
        bandwagon, two_odds, g_bandwagon, g_two_odds = balance_memo.get(
            (ch.index, s.threshold),
            self._perceived(s),
            lambda rows: balance_terms(k, p, s.threshold, *rows),
        )
        urgency, g_urgency = self._urgency(s)
        risk = p["risk"] * urgency * k.exposed[None, :]
        risk *= two_odds
        taste = self._scaled_taste(s.taste)
        terms: dict[str, Floats] = {
            "policy": np.broadcast_to(k.policy, s.side.shape),
            "ties": ties,
            "grievance": grievance,
            "fear": fear,
            "bandwagon": bandwagon,
            "commitment": commitment,
            "risk": risk,
            "taste": taste,
        }
        utility = prefix4 + bandwagon
        utility += commitment
        utility += risk
        utility += taste
        utility[:, ch.target] = -10.0
        utility[:, ch.leaders] = np.maximum(utility[:, ch.leaders], -10.0)

        # Each share of each bloc: policy + ties + lean + bandwagon + risk + taste, added in
        # that order; computed share by share, (3, R, G), and returned as (R, G, 3).
        g_risk = p["risk"] * g_urgency * g_two_odds
        g_taste = self._scaled_taste(s.group_taste)
        g_util = np.empty((3, *g_two_odds.shape))
        for j, share in enumerate(g_util):
            np.add(g_base[j], g_bandwagon, out=share)
            share += g_risk
            share += g_taste[j]
        return Decisions(
            utility=utility,
            side=self.sides_of(utility),
            terms=terms,
            group_utility=g_util.transpose(1, 2, 0),
            group_side=self.sides_of(g_util).transpose(1, 2, 0),
        )

    def _memos(self, runs: int) -> tuple[RowMemo, RowMemo]:
        """The memories of the social and balance terms of batches of ``runs`` runs (a few
        sizes: the whole batch, and the few runs still deciding late in it)."""
        if runs not in self._memo:
            if len(self._memo) >= 4:
                del self._memo[next(iter(self._memo))]
            self._memo[runs] = (RowMemo(), RowMemo())
        return self._memo[runs]

    def _scaled_taste(self, taste: Floats) -> Floats:
        """``taste`` times the parameter, computed once for each run's tape; the blocs'
        (R, G, 3) laid out share by share (3, R, G), as :meth:`decide` adds them."""
        for source, scaled in self._tastes:
            if source is taste:
                return scaled
        scaled = self.p["taste"] * taste
        if scaled.ndim == 3:
            scaled = np.ascontiguousarray(np.moveaxis(scaled, 2, 0))
        scaled.flags.writeable = False
        self._tastes = [*self._tastes[-1:], (taste, scaled)]
        return scaled

    def _urgency(self, s: Situation) -> tuple[Floats, Floats]:
        """The pressure of the coming verdict, mounting through the debate: for the actors
        (R, A), or (R, 1) when nobody is accused (the accused feel nothing until the verdict
        itself), and for the blocs (R, 1), whom no accusation names."""
        debate = np.minimum(s.urgency, 1.0) ** self.p["risk.convexity"]
        verdict = np.zeros(len(debate), dtype=bool) if s.verdict is None else s.verdict
        base = np.where(verdict, 1.0 + self.p["verdict"], debate)[:, None]
        if s.accused is None or not s.accused.any():
            return base, base
        return np.where(s.accused, np.where(verdict[:, None], base, 0.0), base), base

    @staticmethod
    def _perceived(s: Situation) -> tuple[Floats, Floats]:
        """The balance the actors and the blocs perceive, moved by the known stances of
        actors outside the bodies (:attr:`Situation.outside`)."""
        if not s.outside:
            return s.perceived, s.group_perceived
        return (
            np.clip(s.perceived + s.outside, 0.0, 1.0),
            np.clip(s.group_perceived + s.outside, 0.0, 1.0),
        )

    @staticmethod
    def _expectation(s: Situation) -> Floats:
        """The expected balance, moved by the known stances of actors outside the bodies."""
        if not s.outside:
            return s.expectation()
        return np.clip(s.expectation() + s.outside, 0.0, 1.0)

    def refuses(self, situation: Situation, utility: Floats, draw: Floats) -> Bools:
        """The target refuses when resolve and his odds in the higher body outweigh his taste
        for a quiet exit."""
        t = situation.challenge.target
        resolve = self.compiled.traits[t, _T["resolve"]]
        odds = 1.0 - 2.0 * self._expectation(situation)[:, t]
        score = self.p["resolve"] * (2.0 * resolve - 1.0) + self.p["appeal"] * odds
        return np.asarray(score + self.p["taste"] * draw > 0.0)

    def ballot_weights(self) -> BallotWeights:
        """The side utility's own weights: policy (the blocs' ``group.policy``), ties,
        grievances, fears, a leader's stake (``leader``) and the blocs' ``disposition``."""
        p = self.p
        return BallotWeights(
            policy=p["policy"],
            group_policy=p["group.policy"],
            ties=p["ties"] * self.w,
            group_ties=p["ties"] * self.gw,
            grievance=p["grievance"],
            fear=p["fear"],
            own=p["leader"],
            lean=p["disposition"],
        )

    def stands_again(
        self, challenge: CompiledChallenge, actor: int, odds: Floats, draw: Floats
    ) -> Bools:
        """As a refusal to resign: a candidate stands again when his resolve and his odds in
        the next round outweigh his taste for a quiet exit."""
        resolve = self.compiled.traits[actor, _T["resolve"]]
        score = self.p["resolve"] * (2.0 * resolve - 1.0) + self.p["appeal"] * (2.0 * odds - 1.0)
        return np.asarray(score + self.p["taste"] * draw > 0.0)

    def backs_force(self, situation: Situation, utility: Floats) -> Bools:
        """Only the firmly committed back force; the vacillating shrink from it."""
        vac = self.compiled.traits[:, _T["vacillation"]]
        force = force_threshold(self.p["force"], situation.restraint)
        return np.asarray((situation.side > 0) & (utility * (1.0 - vac) > force))

    def prefers_higher_body(self, situation: Situation, utility: Floats) -> Bools:
        """Lukewarm adherents and the target's side let the higher body decide; committed
        challengers agree only when they expect to win there."""
        confident = (utility > 0) & (self._expectation(situation) > situation.threshold)
        return np.asarray((utility < self.p["convene"]) | confident)
