"""Judgment uncertainty: each run draws the scenario's numeric judgments, as it draws evidence."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from politburo.cli.app import app
from politburo.errors import PolitburoError
from politburo.experiments.interventions import from_assignments
from politburo.experiments.plan import compute_runs, make_plan
from politburo.experiments.uncertainty import DEFAULT_DRAWS, JUDGMENTS, judgment_fact
from politburo.scenario import Scenario, load_scenario
from politburo.scenario.spread import judgment_draw
from tests.conftest import EXAMPLE


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
    with pytest.raises(PolitburoError, match="at least 1"):
        judgment_fact(tiny, seed=0, draws=0)


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
        ids = runs.columns["run_id"][drawn == k]
        alone = compute_runs(fixed, ids)
        for name, column in alone.columns.items():
            if name.startswith("evidence."):
                continue
            assert np.array_equal(column, runs.columns[name][drawn == k]), name


def test_a_contested_version_holds_over_the_draw() -> None:
    """The draw comes first, so a version that sets a judgment keeps its value."""
    june = load_scenario("june-1957")
    plan = make_plan(june, seed=0, judgment_uncertainty=True)
    assert plan.evidence.facts[0].id == JUDGMENTS
    assert [f.kind for f in plan.evidence.facts[1:]] == ["contested"] * (
        len(plan.evidence.facts) - 1
    )


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


def test_whatif_and_batch_take_the_option(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "whatif",
            "no-zhukov-aircraft",
            "--runs",
            "64",
            "--judgment-uncertainty",
            "--as-written-only",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    draws = json.loads(result.output)["draws"]
    assert draws[JUDGMENTS]["kind"] == "judgment"
    text = runner.invoke(
        app, ["whatif", "no-zhukov-aircraft", "--runs", "32", "--judgment-uncertainty"]
    )
    assert text.exit_code == 0, text.output
    assert f"the judgments (one of {DEFAULT_DRAWS} draws)" in text.output
    out = tmp_path / "batch"
    result = runner.invoke(
        app,
        ["batch", "--runs", "50", "--out", str(out), "--judgment-uncertainty", "--workers", "1"],
    )
    assert result.exit_code == 0, result.output
