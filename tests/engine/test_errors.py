"""Scenarios the engine cannot run are user errors with a located problem."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from politburo.engine import compile_scenario, simulate
from politburo.errors import PolitburoError
from politburo.scenario import Scenario
from tests.engine.conftest import edited, item


def test_arena_without_voting_members(june: Scenario) -> None:
    def mute(raw: dict[str, Any]) -> None:
        for rank in item(raw["bodies"], "presidium")["ranks"]:
            rank["vote"] = False

    with pytest.raises(PolitburoError) as caught:
        compile_scenario(edited(june, mute))
    problem = caught.value.problems[0]
    assert problem.field == "challenges[anti-party-group].arena"
    assert "no voting member" in problem.message


def test_unknown_decision_model(june: Scenario) -> None:
    def rename(raw: dict[str, Any]) -> None:
        raw["model"]["name"] = "oracle"

    with pytest.raises(PolitburoError) as caught:
        simulate(compile_scenario(edited(june, rename)), seed=0)
    assert caught.value.problems[0].field == "model.name"


def test_bad_run_ids(june: Scenario) -> None:
    compiled = compile_scenario(june.model)
    with pytest.raises(PolitburoError):
        simulate(compiled, seed=0, run_ids=np.array([-1]))
    with pytest.raises(PolitburoError):
        simulate(compiled, seed=0, runs=0)
