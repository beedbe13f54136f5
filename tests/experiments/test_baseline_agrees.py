"""The benchmark's object baseline is the engine's model: the same runs, column for column.

``tests/oracle/baseline_objects.py`` re-implements the engine per run and per actor to measure
what vectorising buys; the comparison means something only while both compute the same model.
"""

from __future__ import annotations

import numpy as np
import pytest

from politburo.engine import compile_scenario, simulate
from politburo.scenario import load_scenario
from tests.conftest import EXAMPLE
from tests.oracle.baseline_objects import Baseline, simulate_objects


@pytest.mark.parametrize(("scenario", "runs"), [(str(EXAMPLE), 200), ("june-1957", 25)])
def test_objects_and_engine_agree_run_by_run(scenario: str, runs: int) -> None:
    compiled = compile_scenario(load_scenario(scenario).model)
    rows = simulate_objects(compiled, 3, list(range(runs)), Baseline(compiled))
    batch = simulate(compiled, seed=3, runs=runs)
    assert set(rows[0]) == set(batch.columns)
    for name in rows[0]:
        mine = np.array([row[name] for row in rows])
        assert np.array_equal(mine, batch.columns[name]), name


def test_objects_and_engine_agree_on_a_ladder_whose_rungs_step_down() -> None:
    """Rungs out of order (removal and expulsion below demotion, as a search may draw them)
    are made non-decreasing by both: whoever passes demotion is expelled."""
    from politburo.analysis.fidelity.calibrate import candidate_model

    steps_down = {"sanction.remove": 0.0, "sanction.expel": 0.0}
    model = candidate_model(load_scenario("june-1957").model, steps_down)
    compiled = compile_scenario(model)
    rows = simulate_objects(compiled, 3, list(range(25)), Baseline(compiled))
    batch = simulate(compiled, seed=3, runs=25)
    graded = [np.array([row[f"actor.{a}.sanction"] for row in rows]) for a in compiled.actor_ids]
    assert any((g > 0).any() for g in graded)  # the ladder is reached
    for name in rows[0]:
        mine = np.array([row[name] for row in rows])
        assert np.array_equal(mine, batch.columns[name]), name
