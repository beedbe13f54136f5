"""A simpler alternative: sincere voting on policy alone.

Each actor backs the side whose policies are nearer his own, weighted by salience, plus a
small idiosyncratic taste; there are no ties, no bandwagon and no commitment. The target
refuses a demand to resign when his resolve exceeds one half; nobody backs force; everyone
who leans to the target lets the higher body decide.

References
----------
.. [Downs1957] Downs (1957), "An Economic Theory of Democracy" (sincere spatial voting).
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from politburo.arrays import Bools, Floats
from politburo.engine.compile import CompiledChallenge, CompiledScenario
from politburo.engine.decisions.base import DecisionModel, Decisions, Situation, register, sigmoid
from politburo.engine.decisions.default import mean_stance, policy_agreement
from politburo.engine.parameters import SHARED_PARAMETERS, Parameter

__all__ = ["SincereModel"]

P = Parameter


@register
class SincereModel(DecisionModel):
    """Policy-only sincere voting."""

    name: ClassVar[str] = "sincere"
    EXPECTATION_IN: ClassVar[frozenset[str]] = frozenset()
    PARAMETERS: ClassVar[dict[str, Parameter]] = {
        **SHARED_PARAMETERS,
        "policy": P(1.0, 0.0, 3.0, "weight of salience-weighted policy agreement"),
        "taste": P(0.1, 0.0, 1.0, "scale of each run's idiosyncratic taste"),
        "band": P(0.05, 0.0, 1.0, "half-width of the band of indifference"),
    }

    def __init__(self, compiled: CompiledScenario, parameters: dict[str, float]) -> None:
        """Parameters of other registered models are ignored, so that a scenario calibrated
        for one model can be run with this one; names no model knows are an error."""
        from politburo.engine.decisions.base import registered_models

        others = set().union(*(m.PARAMETERS for m in registered_models().values()))
        kept = {k: v for k, v in parameters.items() if k in self.PARAMETERS or k not in others}
        super().__init__(compiled, kept)

    def _policy(self, ch: CompiledChallenge) -> tuple[Floats, Floats]:
        c = self.compiled
        target = c.stance[ch.target]
        leaders = mean_stance(c.stance[ch.leaders])
        return (
            policy_agreement(c.stance, c.salience, target, leaders),
            policy_agreement(c.group_stance, c.group_salience, target, leaders),
        )

    def expected_support(self, challenge: CompiledChallenge) -> Floats:
        policy, _ = self._policy(challenge)
        prob = np.asarray(sigmoid(self.p["policy"] * policy / max(self.p["taste"], 0.05)))
        prob[challenge.leaders] = 1.0
        prob[challenge.target] = 0.0
        return prob

    def decide(self, situation: Situation) -> Decisions:
        ch = situation.challenge
        policy, g_policy = self._policy(ch)
        shape = situation.side.shape
        terms = {
            "policy": np.broadcast_to(self.p["policy"] * policy, shape).copy(),
            "taste": self.p["taste"] * situation.taste,
        }
        utility = terms["policy"] + terms["taste"]
        utility[:, ch.leaders] = 10.0
        utility[:, ch.target] = -10.0
        g_util = (self.p["policy"] * g_policy)[None, :, None] + self.p["taste"] * (
            situation.group_taste
        )
        g_util = g_util + np.array([-0.5, 0.0, 0.5])[None, None, :]
        return Decisions(utility, self.sides_of(utility), terms, g_util, self.sides_of(g_util))

    def refuses(self, situation: Situation, utility: Floats, draw: Floats) -> Bools:
        resolve = self.compiled.traits[situation.challenge.target, 3]
        return np.full(len(draw), resolve > 0.5)

    def backs_force(self, situation: Situation, utility: Floats) -> Bools:
        return np.zeros(utility.shape, dtype=bool)

    def group_backs_force(self, group_utility: Floats, restraint: float = 0.0) -> Bools:
        return np.zeros(group_utility.shape, dtype=bool)

    def prefers_higher_body(self, situation: Situation, utility: Floats) -> Bools:
        return np.asarray(utility < 0)
