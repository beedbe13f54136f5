"""Plans: validation up front, per-run evidence, grouping by combination, split-invariance."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from politburo.errors import PolitburoError
from politburo.experiments.interventions import from_assignments, load_intervention
from politburo.experiments.plan import compute_runs, make_plan, realize
from politburo.scenario import Scenario, load_scenario
from tests.experiments.conftest import write


def rows(runs: object) -> dict[str, list[object]]:
    return {k: v.tolist() for k, v in runs.columns.items()}  # type: ignore[attr-defined]


def test_rows_do_not_depend_on_how_runs_are_split(contested: Scenario) -> None:
    plan = make_plan(contested, seed=11)
    whole = compute_runs(plan, np.arange(120))
    parts = [compute_runs(plan, np.arange(a, a + 40)) for a in (80, 0, 40)]
    for name, values in whole.columns.items():
        joined = np.concatenate(
            [p.columns[name] for p in sorted(parts, key=lambda p: int(p.columns["run_id"][0]))]
        )
        assert np.array_equal(values, joined), name
    assert whole.labels == {
        "evidence.marr-loyalty": ["client", "independent"],
        "evidence.vance-return": ["ninth", "sixth"],
    }


def test_each_run_follows_the_version_it_drew(contested: Scenario) -> None:
    runs = compute_runs(make_plan(contested, seed=2), np.arange(400))
    drew = runs.columns["evidence.marr-loyalty"]
    assert set(drew.tolist()) == {0, 1}
    # A run that drew "independent" has no tie to Vance; Marr then joins the challengers far
    # more often than a client of Vance does.
    joined = runs.columns["actor.marr.joined_day"] >= 0
    assert joined[drew == 1].mean() > joined[drew == 0].mean() + 0.05


def test_seed_changes_the_runs(contested: Scenario) -> None:
    one = compute_runs(make_plan(contested, seed=1), np.arange(200))
    two = compute_runs(make_plan(contested, seed=2), np.arange(200))
    assert not np.array_equal(
        one.columns["evidence.marr-loyalty"], two.columns["evidence.marr-loyalty"]
    )
    assert (one.columns["seed"] == 1).all()


def test_fixed_evidence_has_no_evidence_columns(contested: Scenario) -> None:
    plan = make_plan(contested, seed=1, sample_evidence=False)
    assert plan.evidence.facts == ()
    assert not any(k.startswith("evidence.") for k in compute_runs(plan, np.arange(5)).columns)


def test_record_only_versions_share_the_compiled_scenario(contested_copy: Path) -> None:
    text = (contested_copy / "contested.yaml").read_text()
    write(
        contested_copy,
        "contested.yaml",
        text
        + (
            "  - id: meeting-noted\n    about: Whether the chronicle noted the meeting\n"
            "    versions:\n"
            "      - id: noted\n        account: Noted\n"
            '        cite: {source: chronicle, quote: "On 5 May Kell and Lint called"}\n'
            "      - id: not-noted\n        account: Not noted\n"
            '        cite: {assumption: "A sceptic doubts the chronicle here."}\n'
            "        edits: [{op: set, path: record/council-meets/absent, value: []}]\n"
        ),
    )
    plan = make_plan(load_scenario(contested_copy), seed=1)
    assert plan.engine_codes == ((-1, 1), (-1, 1), (-1, -1))
    assert not plan.full_checks


def test_overlapping_edits_turn_on_full_checks(contested: Scenario, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "w.yaml",
        "id: w\ndescription: w\nedits:\n"
        "  - move: {actor: vance, place: harbour, start: 1990-05-03}\n",
    )
    plan = make_plan(contested, [load_intervention(path, contested)])
    assert plan.full_checks


def test_intervention_wins_over_the_version_drawn(contested: Scenario) -> None:
    moved = from_assignments(
        ["actors/vance/itinerary/1/end=1990-05-07", "actors/vance/itinerary/2/start=1990-05-08"],
        contested,
    )
    plan = make_plan(contested, [moved], seed=3)
    model = realize(plan, (-1, 1))  # the "back early" version, then the intervention
    assert model.actors[0].itinerary[1].end.day == 7


def test_clash_of_version_and_intervention_reported_before_running(
    contested: Scenario,
) -> None:
    clash = from_assignments(["actors/marr/ties/0/strength=0.2"], contested)
    with pytest.raises(PolitburoError) as caught:
        make_plan(contested, [clash], seed=1)
    [problem] = caught.value.problems
    assert problem.file == "--set" and "no item '0' in actors/marr/ties" in problem.message


def test_negative_seed_refused(contested: Scenario) -> None:
    with pytest.raises(PolitburoError, match="seed must be an integer from 0 to"):
        make_plan(contested, seed=-1)
