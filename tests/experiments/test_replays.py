"""Replaying one run of an experiment: the row of a what-if told in full."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from politburo.cli.app import app
from politburo.errors import PolitburoError
from politburo.experiments import compute_runs, make_plan, replay_run, resolve_intervention
from politburo.scenario import load_scenario

OUTCOME = {-1: "target", 1: "challengers", 0: "undecided"}


def test_a_replayed_run_is_the_row_of_the_batch() -> None:
    scenario = load_scenario("june-1957")
    change = resolve_intervention("no-zhukov-aircraft", scenario)
    for arms in ([], [change]):
        runs = compute_runs(make_plan(scenario, arms, seed=2), np.arange(2))
        column = runs.columns["challenge.anti-party-group.outcome"]
        for run in range(2):
            trace = replay_run(scenario, arms, run=run, seed=2)
            assert trace.run == run
            assert trace.final["outcome"]["anti-party-group"] == OUTCOME[int(column[run])]


def test_a_negative_run_is_refused() -> None:
    with pytest.raises(PolitburoError, match="run id"):
        replay_run(load_scenario("june-1957"), run=-1)


def test_replay_run_on_the_command_line(cli: CliRunner) -> None:
    result = cli.invoke(app, ["replay", "--run", "1", "no-zhukov-aircraft", "--format", "json"])
    assert result.exit_code == 0, result.output
    trace = json.loads(result.output)
    assert trace["run"] == 1 and trace["events"]
    result = cli.invoke(app, ["replay", "june-1957", "no-such-what-if"])
    assert result.exit_code == 1 and "no-such-what-if" in result.output


def test_a_replayed_run_keeps_its_drawn_judgments() -> None:
    """Turnbull's room turns on the judgments' draw: each replayed run ends as its row."""
    from pathlib import Path

    folder = Path(__file__).parents[2] / "src/politburo/scenario/corpus/turnbull-2018"
    scenario = load_scenario(folder)
    plan = make_plan(scenario, seed=0, sample_evidence=False, judgment_uncertainty=True)
    runs = compute_runs(plan, np.arange(12))
    column = runs.columns["challenge.first-spill.succeeded"]
    assert 0 < column.sum() < len(column)
    for run in range(12):
        trace = replay_run(scenario, run=run, seed=0, judgment_uncertainty=True)
        won = trace.final["outcome"]["first-spill"] == "challengers"
        assert won == bool(column[run]), run


def test_draws_for_a_replay_need_a_run(cli: CliRunner) -> None:
    result = cli.invoke(app, ["replay", "--judgment-uncertainty"])
    assert result.exit_code == 1
    assert "--judgment-uncertainty: draws for a run of a what-if or batch" in result.output
