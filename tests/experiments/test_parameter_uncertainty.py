"""Parameter uncertainty: each run draws one of the held-out calibrations, as it draws evidence."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from politburo.cli.app import app
from politburo.engine.parameters import SHARED_PARAMETERS, load_held_out
from politburo.errors import PolitburoError
from politburo.experiments.interventions import apply_interventions, from_assignments
from politburo.experiments.plan import compute_runs, make_plan
from politburo.experiments.store import MANIFEST
from politburo.experiments.uncertainty import CALIBRATION, JUDGMENTS, calibration_fact
from politburo.scenario import Scenario, load_scenario
from tests.conftest import EXAMPLE
from tests.experiments.pairing import assert_runs_of

HELD_OUT = load_held_out("default")


@pytest.fixture(scope="module")
def tiny() -> Scenario:
    return load_scenario(EXAMPLE)


def setting(scenario: Scenario, *assignments: str) -> Scenario:
    """The scenario with ``--set`` assignments applied."""
    return apply_interventions(scenario, [from_assignments(list(assignments), scenario)])


def parameters(values: dict[str, float]) -> list[str]:
    """``--set`` assignments of parameter values (the example has no ``model`` section)."""
    entries = ", ".join(
        f"{n}: {{value: {v}, cite: {{assumption: set by the test}}}}" for n, v in values.items()
    )
    return [f"model={{parameters: {{{entries}}}}}"]


def test_the_engine_keeps_the_folds_of_the_validation() -> None:
    assert HELD_OUT is not None
    assert len(HELD_OUT.folds) >= 12
    fitted = {name for name, p in SHARED_PARAMETERS.items() if p.fit}
    for fits in HELD_OUT.folds.values():
        assert len(fits) == HELD_OUT.restarts
        for values in fits:
            assert fitted <= set(values)


def test_one_alternative_per_fit_each_as_likely(tiny: Scenario) -> None:
    assert HELD_OUT is not None
    fact = calibration_fact(tiny)
    fits = HELD_OUT.fits()
    assert fact.kind == "calibration"
    assert len(fits) == len(HELD_OUT.folds) * HELD_OUT.restarts
    assert fact.labels == [label for label, _ in fits]
    assert all(label.startswith("without ") for label in fact.labels)
    assert np.allclose(fact.probabilities, 1 / len(fits))


def test_a_parameter_the_scenario_sets_is_left_to_it(tiny: Scenario) -> None:
    fact = calibration_fact(setting(tiny, *parameters({"band": 0.2})))
    for alternative in fact.alternatives:
        paths = {e.path for e in alternative.edits}
        assert "model/parameters/band" not in paths
        assert "model/parameters/bandwagon" in paths


def test_runs_that_drew_a_fold_are_the_runs_of_its_values(tiny: Scenario) -> None:
    """Run r with fold k drawn is run r of the scenario with fold k's values set: the draw
    changes the parameters and nothing else of the run."""
    assert HELD_OUT is not None
    plan = make_plan(tiny, seed=5, sample_evidence=False, parameter_uncertainty=True)
    runs = compute_runs(plan, np.arange(800))
    drawn = runs.columns[f"evidence.{CALIBRATION}"]
    fits = HELD_OUT.fits()
    assert len(set(drawn.tolist())) == len(fits)
    for k in (0, len(fits) - 1):
        values = fits[k][1]
        intervention = from_assignments(parameters(values), tiny)
        fixed = make_plan(tiny, [intervention], seed=5, sample_evidence=False)
        assert_runs_of(fixed, runs, drawn == k)


def test_the_draws_move_the_outcome() -> None:
    """The folds disagree on June 1957 (docs/validation.md): the draw must show in the runs."""
    june = load_scenario("june-1957")
    plan = make_plan(june, seed=0, sample_evidence=False, parameter_uncertainty=True)
    runs = compute_runs(plan, np.arange(600))
    drawn = runs.columns[f"evidence.{CALIBRATION}"]
    succeeded = runs.columns["challenge.anti-party-group.succeeded"]
    shares = [float(np.mean(succeeded[drawn == k])) for k in np.unique(drawn)]
    assert max(shares) - min(shares) > 0.2


def test_a_scenario_on_the_priors_has_no_calibration_to_draw(tiny: Scenario) -> None:
    with pytest.raises(PolitburoError, match="no calibration to be uncertain about") as caught:
        make_plan(setting(tiny, "model={calibration: priors}"), parameter_uncertainty=True)
    assert caught.value.problems[0].field == "model.calibration"


@pytest.mark.parametrize(
    ("option", "fact", "kind"),
    [
        ("--parameter-uncertainty", CALIBRATION, "calibration"),
        ("--judgment-uncertainty", JUDGMENTS, "judgment"),
    ],
)
def test_whatif_and_batch_take_the_option(
    tmp_path: Path, option: str, fact: str, kind: str
) -> None:
    """Both draws reach the command line: the what-if's JSON names the fact, a batch runs."""
    runner = CliRunner()
    args = ["whatif", "no-zhukov-aircraft", "--runs", "60", option, "--as-written-only"]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["draws"][fact]["kind"] == kind
    out = tmp_path / "batch"
    result = runner.invoke(
        app, ["batch", "--runs", "50", "--out", str(out), option, "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    assert fact in json.loads((out / MANIFEST).read_text(encoding="utf-8"))["evidence"]
