"""Reproducibility: a run depends only on (scenario, seed, run id)."""

from __future__ import annotations

import importlib
import json

import numpy as np
import pytest

from politburo.engine import CompiledScenario, replay, simulate
from politburo.engine.numerics.randomness import TapeLayout, draw_tape
from politburo.scenario import Scenario


def test_same_seed_gives_identical_traces(june: Scenario) -> None:
    first = json.dumps(replay(june.model, seed=3).to_json(), sort_keys=True)
    second = json.dumps(replay(june.model, seed=3).to_json(), sort_keys=True)
    assert first == second


def test_different_seeds_give_different_runs(june_compiled: CompiledScenario) -> None:
    a = simulate(june_compiled, seed=1, runs=50).columns
    b = simulate(june_compiled, seed=2, runs=50).columns
    assert any(not np.array_equal(a[k], b[k]) for k in a)


def test_runs_do_not_depend_on_their_batch(june_compiled: CompiledScenario) -> None:
    whole = simulate(june_compiled, seed=11, runs=100)
    first = simulate(june_compiled, seed=11, run_ids=np.arange(0, 50))
    second = simulate(june_compiled, seed=11, run_ids=np.arange(50, 100))
    assert whole.columns.keys() == first.columns.keys()
    for key, column in whole.columns.items():
        joined = np.concatenate([first.columns[key], second.columns[key]])
        assert np.array_equal(column, joined), key


def test_a_run_alone_equals_the_run_in_a_batch(june_compiled: CompiledScenario) -> None:
    batch = simulate(june_compiled, seed=5, runs=8)
    alone = simulate(june_compiled, seed=5, run_ids=np.array([6]))
    for key, column in batch.columns.items():
        assert np.array_equal(column[6:7], alone.columns[key]), key


def test_tape_rows_depend_only_on_seed_and_run() -> None:
    layout = TapeLayout()
    layout.reserve("x", 5)
    many = draw_tape(layout, 9, np.arange(10)).values
    few = draw_tape(layout, 9, np.array([7, 3])).values
    assert np.array_equal(many[[7, 3]], few)
    assert not np.array_equal(many[0], many[1])


def test_runs_do_not_depend_on_their_block(
    june_compiled: CompiledScenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch is simulated in blocks of runs; the blocks change nothing in any run."""
    module = importlib.import_module("politburo.engine.simulate")
    whole = simulate(june_compiled, seed=4, runs=120)
    monkeypatch.setattr(module, "BLOCK_RUNS", 37)
    blocks = simulate(june_compiled, seed=4, runs=120)
    for key, column in whole.columns.items():
        assert np.array_equal(column, blocks.columns[key]), key
    for key in ("run", "day", "session", "kind", "actor", "body", "subject", "a", "b", "c"):
        assert np.array_equal(whole.events.columns[key], blocks.events.columns[key]), key
    assert np.array_equal(whole.events.ballots, blocks.events.ballots)
