"""The top-level API: one import gives loading, replay and batches."""

from __future__ import annotations

import pytest

import politburo


def test_replay_and_simulate_from_the_top_level() -> None:
    scenario = politburo.load_scenario("june-1957")
    trace = politburo.replay(scenario.model, seed=3)
    batch = politburo.simulate(politburo.compile_scenario(scenario.model), seed=3, runs=4)
    assert trace.to_json()["events"]
    assert len(batch.run_ids) == 4


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nonesuch'"):
        politburo.nonesuch  # noqa: B018
