"""What-if comparisons and the sensitivity ranking, on the real engine."""

from __future__ import annotations

import numpy as np
import pytest

from politburo.analysis.sensitivity import rank_facts
from politburo.experiments.interventions import from_assignments, resolve_intervention
from politburo.experiments.plan import Runs
from politburo.experiments.whatif import indicators, is_outcome, value_labels, whatif
from politburo.scenario import Scenario

SUCCEEDED = "challenge.move-against-vance.succeeded"


@pytest.fixture(scope="module")
def report(contested_module: Scenario):  # type: ignore[no-untyped-def]
    stays = resolve_intervention("vance-stays-home", contested_module)
    same = from_assignments(["bodies/council/rule/threshold=0.5"], contested_module)
    return whatif(contested_module, [stays, same], runs=1500, seed=4)


def test_outcomes_of_the_unchanged_scenario(report) -> None:  # type: ignore[no-untyped-def]
    assert SUCCEEDED in report.base
    assert "office.chairman.holder_at_end = vance" in report.base
    holds = report.base["office.chairman.holder_at_end = vance"]
    assert 0 < holds.value < 1 and holds.low < holds.value < holds.high


def test_chair_at_home_defeats_the_challenge(report) -> None:  # type: ignore[no-untyped-def]
    stays = report.comparisons[0]
    change = next(c for c in stays.outcomes if c.name == SUCCEEDED)
    assert change.changed.value < change.base.value
    assert change.difference.high < 0
    assert all(is_outcome(c.name) for c in stays.outcomes)
    biggest = stays.steps[0]
    assert abs(biggest.difference.value) >= abs(stays.steps[-1].difference.value)
    assert not is_outcome(biggest.name)


def test_an_edit_that_changes_nothing_changes_no_run(report) -> None:  # type: ignore[no-untyped-def]
    same = report.comparisons[1]
    assert all(c.difference.value == 0 for c in same.outcomes + same.steps)
    assert all(c.base == c.changed for c in same.outcomes)


def test_indicators_read_every_kind_of_column() -> None:
    runs = Runs(
        {
            "run_id": np.arange(4),
            "seed": np.zeros(4, int),
            "evidence.f": np.array([0, 1, 0, 1]),
            "challenge.c.succeeded": np.array([True, False, True, False]),
            "actor.a.deserted_day": np.array([-1, 3, 4, -1]),
            "office.o.holder_at_end": np.array([0, 0, 1, -1]),
        },
        {"evidence.f": ["x", "y"]},
        {"actor.a.deserted_day": np.array([False, False, True, False])},
    )
    flags = indicators(runs, {"office.o.holder_at_end": {-1: "nobody", 0: "kell"}})
    assert {k: v.tolist() for k, v in flags.items()} == {
        "challenge.c.succeeded": [True, False, True, False],
        "actor.a.deserted_day": [False, True, False, False],
        "office.o.holder_at_end = nobody": [False, False, False, True],
        "office.o.holder_at_end = kell": [True, True, False, False],
        "office.o.holder_at_end = 1": [False, False, True, False],
    }


def test_value_labels_name_codes(contested: Scenario) -> None:
    labels = value_labels(contested.model)
    assert labels["office.chairman.holder_at_end"][0] == "vance"
    assert labels["office.chairman.holder_at_end"][-1] == "nobody"
    assert labels["actor.kell.rank.council"][1] == "candidate"


def test_sensitivity_finds_the_fact_that_matters(report) -> None:  # type: ignore[no-untyped-def]
    ranked = rank_facts(
        report.base_runs,
        report.plan.evidence.labels(),
        labels=value_labels(report.plan.scenario.model),
    )
    top = ranked[0]
    assert top.fact == "marr-loyalty"
    assert set(top.contrast) == {"client", "independent"}
    assert top.effect.low > 0
    counts = {label: n for label, (_, n) in top.by_alternative.items()}
    assert sum(counts.values()) == report.runs
    assert counts["client"] > counts["independent"]  # C source against an assumption


def test_sensitivity_of_ranges_compares_halves() -> None:
    codes = np.repeat(np.arange(4), 50)
    runs = Runs(
        {"run_id": np.arange(200), "evidence.p": codes, "challenge.c.succeeded": codes >= 2},
        {"evidence.p": list("abcd")},
    )
    [item] = rank_facts(runs, {"p": list("abcd")}, ranges=["p"])
    assert item.contrast == ("a..b", "c..d") and item.effect.value == 1.0
    nothing = Runs(
        {
            "run_id": np.arange(200),
            "evidence.p": codes,
            "challenge.c.succeeded": np.ones(200, bool),
        },
        {"evidence.p": list("abcd")},
    )
    assert rank_facts(nothing, {"p": list("abcd")}) == []


def test_fixed_side_holds_in_every_run(contested_module: Scenario) -> None:
    fixed = from_assignments(["actors/noor/side=challengers"], contested_module)
    report = whatif(contested_module, [fixed], runs=300, seed=2)
    [comparison] = report.comparisons
    sides = {c.name: c for c in comparison.steps if c.name.startswith("actor.noor.side_at_end")}
    assert sides["actor.noor.side_at_end = with the challengers"].changed.value == 1.0
    assert sides["actor.noor.side_at_end = with the challengers"].base.value < 1.0


def test_engine_refusal_reported_before_running(contested_module: Scenario) -> None:
    from politburo.errors import PolitburoError

    turned = from_assignments(["actors/vance/side=challengers"], contested_module)
    with pytest.raises(PolitburoError, match="vance"):
        whatif(contested_module, [turned], runs=10)


def test_an_earlier_unchanged_arm_is_reused_only_when_it_gives_the_same_rows(
    report,  # type: ignore[no-untyped-def]
    contested_module: Scenario,
) -> None:
    same = from_assignments(["bodies/council/rule/threshold=0.5"], contested_module)
    totals: list[int] = []
    again = whatif(
        contested_module,
        [same],
        runs=1500,
        seed=4,
        earlier=report,
        on_progress=lambda done, total: totals.append(total),
    )
    assert again.base_runs is report.base_runs and set(totals) == {1500}  # one arm computed
    assert again.base == report.base and again.comparisons[0] == report.comparisons[1]
    for other in (
        {"runs": 1499, "seed": 4},
        {"runs": 1500, "seed": 5},
        {"runs": 1500, "seed": 4, "sample_evidence": False},
    ):
        totals.clear()
        fresh = whatif(
            contested_module,
            [same],
            earlier=report,
            on_progress=lambda done, total: totals.append(total),
            **other,  # type: ignore[arg-type]
        )
        assert fresh.base_runs is not report.base_runs and set(totals) == {2 * other["runs"]}
