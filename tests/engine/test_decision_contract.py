"""The contract every registered decision model honours (one test class over all models)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from politburo.engine import compile_scenario, registered_models, simulate
from politburo.engine.decisions import DecisionModel, Situation
from politburo.engine.parameters import SHARED_PARAMETERS
from politburo.errors import PolitburoError
from politburo.scenario import Scenario, load_scenario

MODELS = sorted(registered_models())


def _situation(model: DecisionModel, runs: int = 4) -> Situation:
    c = model.compiled
    ch = c.challenges[0]
    rng = np.random.default_rng(0)
    return Situation(
        compiled=c,
        challenge=ch,
        side=rng.integers(-1, 2, (runs, c.n_actors)).astype(np.int8),
        group_side=rng.integers(-1, 2, (runs, c.n_groups, 3)).astype(np.int8),
        perceived=rng.random((runs, c.n_actors)),
        group_perceived=rng.random((runs, c.n_groups)),
        urgency=rng.random(runs),
        public=rng.integers(0, 3, (runs, c.n_actors)).astype(np.int16),
        present=rng.random((runs, c.n_actors)) < 0.7,
        taste=rng.logistic(size=(runs, c.n_actors)),
        group_taste=rng.logistic(size=(runs, c.n_groups, 3)),
    )


@pytest.mark.parametrize("name", MODELS)
class TestDecisionModelContract:
    """Axelrod-style: every model passes the same tests."""

    @pytest.fixture
    def model(self, name: str, june: Scenario) -> DecisionModel:
        compiled = compile_scenario(june.model)
        return registered_models()[name](compiled, {})

    def test_has_a_name_and_documented_parameters(self, name: str, model: DecisionModel) -> None:
        assert model.name == name
        assert type(model).__doc__
        for spec in model.PARAMETERS.values():
            assert spec.low <= spec.default <= spec.high
            assert spec.meaning

    def test_decide_gives_sides_consistent_with_utilities(self, model: DecisionModel) -> None:
        sit = _situation(model)
        dec = model.decide(sit)
        shape = sit.side.shape
        assert dec.utility.shape == shape and dec.side.shape == shape
        assert set(np.unique(dec.side)) <= {-1, 0, 1}
        assert (dec.side[dec.utility > model.band()] == 1).all()
        assert (dec.side[dec.utility < -model.band()] == -1).all()
        assert dec.group_side.shape == sit.group_side.shape
        for term in dec.terms.values():
            assert np.shape(term) == shape

    def test_target_never_backs_the_challenge(self, model: DecisionModel) -> None:
        sit = _situation(model)
        dec = model.decide(sit)
        assert (dec.side[:, sit.challenge.target] == -1).all()

    def test_decide_is_a_pure_function(self, model: DecisionModel) -> None:
        sit = _situation(model)
        assert np.array_equal(model.decide(sit).utility, model.decide(sit).utility)

    def test_expected_support_is_a_probability(self, model: DecisionModel) -> None:
        ch = model.compiled.challenges[0]
        p = model.expected_support(ch)
        assert ((p >= 0) & (p <= 1)).all()
        assert (p[ch.leaders] == 1).all() and p[ch.target] == 0

    def test_discrete_choices_have_the_right_shapes(self, model: DecisionModel) -> None:
        sit = _situation(model)
        dec = model.decide(sit)
        refuses = model.refuses(sit, dec.utility, np.zeros(len(dec.utility)))
        assert refuses.shape == (len(dec.utility),) and refuses.dtype == bool
        assert model.backs_force(sit, dec.utility).shape == dec.utility.shape
        assert model.prefers_higher_body(sit, dec.utility).shape == dec.utility.shape

    def test_unknown_parameter_is_a_user_error(self, name: str, model: DecisionModel) -> None:
        with pytest.raises(PolitburoError):
            registered_models()[name](model.compiled, {"no-such-parameter": 1.0})

    def test_runs_a_whole_scenario(self, name: str) -> None:
        scenario = load_scenario("zhukov-1957")
        model = scenario.model.model_copy(
            update={
                "model": scenario.model.model.model_copy(update={"name": name, "parameters": {}})
            }
        )
        batch = simulate(compile_scenario(model), seed=0, runs=5, trace=True)
        assert batch.traces is not None and batch.traces[0].events
        assert batch.columns["challenge.dismissal.struck"].all()


@pytest.mark.parametrize("name", MODELS)
def test_every_model_declares_the_shared_parameters(name: str) -> None:
    declared = registered_models()[name].PARAMETERS
    assert set(SHARED_PARAMETERS) <= set(declared)
    for key, spec in declared.items():
        assert spec.low <= spec.default <= spec.high, key


def test_no_parameter_is_read_with_a_fallback() -> None:
    """One declaration per parameter: ``p.get(name, literal)`` would be a second default."""
    engine = Path(__file__).parents[2] / "src" / "politburo" / "engine"
    offenders = [
        f"{path.relative_to(engine)}:{n}"
        for path in engine.rglob("*.py")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\bp\.get\(", line)
    ]
    assert not offenders
