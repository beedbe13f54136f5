"""Judgment uncertainty: each run draws the scenario's numeric judgments, as it draws evidence."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from politburo.cli.app import app
from politburo.errors import PolitburoError
from politburo.experiments.batch import manifest
from politburo.experiments.interventions import from_assignments
from politburo.experiments.plan import compute_runs, make_plan, realize
from politburo.experiments.uncertainty import JUDGMENTS, judgment_fact
from politburo.scenario import Scenario, load_scenario
from politburo.scenario.spread import DEFAULT_DRAWS, judgment_draw
from tests.conftest import EXAMPLE
from tests.experiments.pairing import assert_runs_of


@pytest.fixture(scope="module")
def tiny() -> Scenario:
    return load_scenario(EXAMPLE)


def test_one_alternative_per_draw_each_as_likely(tiny: Scenario) -> None:
    fact = judgment_fact(tiny, seed=4)
    assert fact.kind == "judgment"
    assert len(fact.alternatives) == DEFAULT_DRAWS
    assert np.allclose(fact.probabilities, 1 / DEFAULT_DRAWS)
    assert fact.alternatives[2].edits == judgment_draw(tiny.model, 4, 2)


def test_draws_must_be_positive(tiny: Scenario) -> None:
    for draws in (0, 10_001):
        with pytest.raises(PolitburoError, match="draws: must be from 1 to 10000"):
            judgment_fact(tiny, seed=0, draws=draws)


def test_runs_that_drew_a_set_are_the_runs_of_that_set(tiny: Scenario) -> None:
    """Run r with draw k is run r of the scenario with draw k's judgments set: the draw
    changes the judgments and nothing else of the run."""
    plan = make_plan(tiny, seed=5, sample_evidence=False, judgment_uncertainty=True)
    runs = compute_runs(plan, np.arange(300))
    drawn = runs.columns[f"evidence.{JUDGMENTS}"]
    assert len(set(drawn.tolist())) == DEFAULT_DRAWS
    for k in (0, DEFAULT_DRAWS - 1):
        setting = [f"{e.path}={e.value}" for e in judgment_draw(tiny.model, 5, k)]
        fixed = make_plan(tiny, [from_assignments(setting, tiny)], seed=5, sample_evidence=False)
        assert_runs_of(fixed, runs, drawn == k)


def test_the_draws_depend_on_the_seed_and_so_do_the_plan_and_its_manifest(tiny: Scenario) -> None:
    """Two seeds draw other judgments under the same labels: their plans (whose key names a
    compiled scenario in every worker's cache) and manifests must differ."""
    first = make_plan(tiny, seed=0, sample_evidence=False, judgment_uncertainty=True)
    second = make_plan(tiny, seed=1, sample_evidence=False, judgment_uncertainty=True)
    assert first.evidence.labels() == second.evidence.labels()
    assert first.key != second.key
    assert first.evidence.digest() != second.evidence.digest()
    assert manifest(first, 10, 10)["evidence_digest"] == first.evidence.digest()


def test_what_an_intervention_sets_is_not_drawn(tiny: Scenario) -> None:
    """An intervention that sets two shares of a disposition, leaving the third as written,
    holds in every draw; so does a trait it sets."""
    setting = [
        "groups/delegates/disposition/loyal=0.6",
        "groups/delegates/disposition/hostile=0.1",
        "actors/vance/traits/name=resolve/value=0.4",
    ]
    plan = make_plan(
        tiny,
        [from_assignments(setting, tiny)],
        seed=0,
        sample_evidence=False,
        judgment_uncertainty=True,
    )
    drawn = {e.path for a in plan.evidence.facts[0].alternatives for e in a.edits}
    assert not any(
        p.startswith(("groups/delegates/disposition", "actors/vance/traits")) for p in drawn
    )
    assert "actors/marr/ties/0/strength" in drawn
    for k in (0, 7):
        model = realize(plan, (k,))
        assert model.groups[0].disposition is not None
        assert model.groups[0].disposition.wavering == 0.3
        assert model.actors[0].traits[0].value == 0.4


def test_what_a_contested_version_sets_is_not_drawn(tiny_copy: Path) -> None:
    text = (tiny_copy / "scenario.yaml").read_text(encoding="utf-8")
    contested = """
contested:
  - id: marr-loyalty
    about: how far Marr owes Vance
    versions:
      - id: strong
        account: he owes him much
        cite: {assumption: "a test version"}
        edits: [{op: set, path: actors/marr/ties/0/strength, value: 0.95}]
      - id: weak
        account: he owes him little
        cite: {assumption: "a test version"}
        edits: [{op: set, path: actors/marr/ties/0/strength, value: 0.1}]
"""
    (tiny_copy / "scenario.yaml").write_text(text + contested, encoding="utf-8")
    scenario = load_scenario(tiny_copy)
    plan = make_plan(scenario, seed=0, judgment_uncertainty=True)
    assert [f.id for f in plan.evidence.facts] == [JUDGMENTS, "marr-loyalty"]
    drawn = {e.path for a in plan.evidence.facts[0].alternatives for e in a.edits}
    assert "actors/marr/ties/0/strength" not in drawn
    assert realize(plan, (3, 1)).actors[3].ties[0].strength == 0.1


def test_a_contested_fact_may_not_take_a_drawn_facts_id(tiny_copy: Path) -> None:
    text = (tiny_copy / "scenario.yaml").read_text(encoding="utf-8")
    contested = """
contested:
  - id: judgments
    about: a clash of names
    versions:
      - {id: one, account: one, cite: {assumption: "a test version"}, edits: []}
      - {id: two, account: two, cite: {assumption: "a test version"}, edits: []}
"""
    (tiny_copy / "scenario.yaml").write_text(text + contested, encoding="utf-8")
    with pytest.raises(PolitburoError, match="reserved") as caught:
        make_plan(load_scenario(tiny_copy), judgment_uncertainty=True)
    problem = caught.value.problems[0]
    assert problem.field == "contested[judgments].id" and problem.line is not None


def test_the_draws_move_a_balanced_room() -> None:
    """Turnbull's room is near even as written: drawn judgments must move the outcome."""
    folder = Path(__file__).parents[2] / "src/politburo/scenario/corpus/turnbull-2018"
    scenario = load_scenario(folder)
    plan = make_plan(scenario, seed=0, sample_evidence=False, judgment_uncertainty=True)
    runs = compute_runs(plan, np.arange(320))
    drawn = runs.columns[f"evidence.{JUDGMENTS}"]
    leader = [c for c in runs.columns if c.startswith("challenge.") and c.endswith("succeeded")]
    assert leader
    succeeded = np.any([runs.columns[c] for c in leader], axis=0)
    shares = [float(np.mean(succeeded[drawn == k])) for k in np.unique(drawn)]
    assert max(shares) - min(shares) > 0.5


def test_whatif_says_what_each_run_draws() -> None:
    text = CliRunner().invoke(
        app, ["whatif", "no-zhukov-aircraft", "--runs", "32", "--judgment-uncertainty"]
    )
    assert text.exit_code == 0, text.output
    assert f"the judgments (one of {DEFAULT_DRAWS} draws)" in text.output
