"""Leave-one-crisis-out validation: main outcomes, held-out predictions and their scores."""

from __future__ import annotations

import json
from typing import Any

import pytest

from politburo.analysis.fidelity import check_fidelity
from politburo.analysis.fidelity.calibrate import Calibration, Settings
from politburo.analysis.validation import (
    Fold,
    Validation,
    arena_majority_rule,
    corpus,
    corpus_blind,
    leave_one_out,
    main_outcome,
    removal_share,
)
from politburo.engine.parameters import HeldOutCalibrations, load_held_out
from politburo.scenario.schema import ScenarioModel

Crises = dict[str, ScenarioModel]


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """The crises of each calibration the validation makes, in order."""
    import politburo.analysis.validation as validation

    calls: list[tuple[str, ...]] = []
    real = validation.calibrate

    def spy(models: dict[str, ScenarioModel], settings: Settings, **kw: Any) -> Calibration:
        calls.append(tuple(models))
        return real(models, settings, **kw)

    monkeypatch.setattr(validation, "calibrate", spy)
    return calls


@pytest.fixture(scope="module")
def crises() -> dict[str, ScenarioModel]:
    return corpus()


def test_the_corpus_has_twelve_crises_with_outcomes_of_both_kinds(
    crises: dict[str, ScenarioModel],
) -> None:
    outcomes = {name: main_outcome(m) for name, m in crises.items()}
    assert len(outcomes) >= 12 and all(outcomes.values())
    kept = [n for n, o in outcomes.items() if o and not o.removed]
    assert len(kept) >= 3, "at least three crises where the challengers fail"


def test_the_removal_share_is_the_fidelity_of_the_office_target(
    crises: dict[str, ScenarioModel],
) -> None:
    model = crises["june-1957"]
    outcome = main_outcome(model)
    assert outcome is not None and not outcome.removed
    share = removal_share(model, None, runs=60, seed=0)
    kept = check_fidelity(model, runs=60, seed=0)
    row = next(r for r in kept.rows if r.id == "khrushchev-remains-first-secretary")
    assert share == pytest.approx(1.0 - row.share)


def test_the_arena_majority_rule_follows_the_expected_majority(
    crises: dict[str, ScenarioModel],
) -> None:
    assert arena_majority_rule(crises["zhukov-1957"]) == 0.9
    assert arena_majority_rule(crises["hawke-keating-1991"]) == 0.1


def test_scores_of_perfect_and_hopeless_forecasts() -> None:
    folds = [
        Fold("a", True, model=1.0, base_rate=0.5, majority_rule=0.0, as_committed=1.0),
        Fold("b", False, model=0.0, base_rate=0.5, majority_rule=1.0, as_committed=0.0),
    ]
    scores = Validation(folds, 1, 1, 0).scores()
    assert scores["model"] == {
        "accuracy": 1.0,
        "brier": 0.0,
        "log_loss": pytest.approx(0.01005, abs=1e-4),
    }
    assert scores["majority_rule"]["accuracy"] == 0.0
    assert scores["majority_rule"]["brier"] == 1.0
    assert scores["base_rate"]["brier"] == 0.25


def test_a_held_out_crisis_is_never_in_its_own_calibration(
    crises: Crises, seen: list[tuple[str, ...]]
) -> None:
    three = {k: crises[k] for k in ("zhukov-1957", "hawke-keating-1991", "beria-1953")}
    result = leave_one_out(three, iterations=1, runs=5)
    assert [f.crisis for f in result.folds] == list(three)
    for fold, used in zip(result.folds, seen, strict=True):
        assert fold.crisis not in used and len(used) == 2
    assert result.folds[1].base_rate == 1.0  # both others removed their target


def test_each_folds_values_are_kept_as_the_engine_reads_them(crises: Crises) -> None:
    three = {k: crises[k] for k in ("zhukov-1957", "gillard-rudd-2012", "beria-1953")}
    result = leave_one_out(three, iterations=2, runs=5, seed=3, restarts=2)
    record = result.held_out()
    assert record.command == (
        "politburo validate --iterations 2 --runs 5 --seed 3 --restarts 2 --write"
    )
    assert set(record.folds) == set(three) and record.restarts == 2
    for fold in result.folds:
        assert record.folds[fold.crisis] == fold.fits and len(fold.fits) == 2
    assert HeldOutCalibrations.from_json(json.loads(json.dumps(record.to_json()))) == record


def test_a_record_of_one_search_a_fold_still_reads() -> None:
    """Files written before restarts hold each fold's values alone."""
    data = {
        "format": 1,
        "model": "default",
        "command": "politburo validate --write",
        "seed": 0,
        "iterations": 1,
        "runs": 1,
        "folds": {"a": {"ties": 1.0}},
    }
    record = HeldOutCalibrations.from_json(data)
    assert record.folds == {"a": [{"ties": 1.0}]} and record.restarts == 1
    assert record.fits() == [("without a", {"ties": 1.0})]


def test_each_restart_is_its_own_seeded_search_and_the_prediction_their_mean(
    crises: Crises, monkeypatch: pytest.MonkeyPatch
) -> None:
    import politburo.analysis.validation as validation

    seeds: list[int] = []
    real = validation.calibrate

    def spy(models: dict[str, ScenarioModel], settings: Settings, **kw: Any) -> Calibration:
        seeds.append(settings.seed)
        return real(models, settings, **kw)

    monkeypatch.setattr(validation, "calibrate", spy)
    two = {k: crises[k] for k in ("zhukov-1957", "hawke-keating-1991")}
    result = leave_one_out(two, iterations=3, runs=8, seed=4, restarts=3)
    assert seeds == [4, 5, 6, 4, 5, 6]
    for fold in result.folds:
        model = two[fold.crisis]
        assert fold.searches == [removal_share(model, v, 8, 4) for v in fold.fits]
        assert fold.model == pytest.approx(sum(fold.searches) / 3)
    assert "each search" in result.table()


def test_the_committed_held_out_calibrations_are_folds_of_the_corpus(crises: Crises) -> None:
    """Each committed fold left out a crisis of the corpus; crises added since (predicted by
    every fit, none of which saw them) have no fold of their own."""
    record = load_held_out("default")
    assert record is not None
    assert len(record.folds) >= 13
    assert set(record.folds) <= {k for k, m in crises.items() if main_outcome(m) is not None}
    assert record.command.startswith("politburo validate ") and record.command.endswith("--write")


def test_the_pull_toward_the_priors_keeps_the_fit_nearer_them(crises: Crises) -> None:
    """Malenkov 1955 is not met at the priors, so the free search moves away from them; with
    a strong pull toward the priors the fit stays nearer them."""
    from politburo.analysis.fidelity.calibrate import calibrate, distance_from_priors, fitted

    one = {"malenkov-1955": crises["malenkov-1955"]}
    free = calibrate(one, Settings(("malenkov-1955",), 24, 20, 0))
    pulled = calibrate(one, Settings(("malenkov-1955",), 24, 20, 0, shrink=1.0))
    specs = fitted("default")
    names = list(specs)

    def distance(values: dict[str, float]) -> float:
        import numpy as np

        prior, low, high = (np.array([specs[n][i] for n in names]) for i in range(3))
        return distance_from_priors(np.array([values[n] for n in names]), prior, low, high)

    assert distance(pulled.values) < distance(free.values)
    assert "--shrink 1 " in pulled.settings.command()
    assert "--shrink" not in free.settings.command()


def test_the_ensemble_never_fits_on_the_crisis_it_predicts(
    crises: Crises, seen: list[tuple[str, ...]]
) -> None:
    names = ("zhukov-1957", "hawke-keating-1991", "beria-1953", "gillard-rudd-2012")
    result = leave_one_out({k: crises[k] for k in names}, iterations=1, runs=5, ensemble=True)
    assert len(seen) == 4 + 6  # one fit a crisis, one a pair: each made once
    assert len(set(seen)) == len(seen)
    for fold in result.folds:
        assert fold.ensemble is not None and 0.0 <= fold.ensemble <= 1.0
    assert "ensemble" in result.scores()
    assert "model (held out, ensemble)" in result.table()


def test_each_crisis_is_also_predicted_outcome_blind(crises: Crises) -> None:
    blind = corpus_blind()
    assert set(blind) == set(crises)
    assert blind["rakosi-1956"] != crises["rakosi-1956"]  # Moscow's turn is read from the course
    two = ("rakosi-1956", "zhukov-1957")
    result = leave_one_out(
        {k: crises[k] for k in two}, iterations=1, runs=20, blind={k: blind[k] for k in two}
    )
    rakosi = result.folds[0]
    assert rakosi.blind is not None and rakosi.blind < rakosi.model
    assert "blind" in result.scores()


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--shrink", "-1"], "--shrink"),
        (["--iterations", "0"], "--iterations"),
        (["--restarts", "0"], "--restarts"),
        (["--workers", "0"], "--workers: must be at least 1"),
        (["--seed", "-1"], "seed"),
        (["--seed", str(2**63 - 1), "--restarts", "2"], "--restarts"),
        (["--cross", "--runs", "0"], "--runs"),
        (["--cross", "--seed", "-1"], "seed"),
        (["--cross", "--ensemble", "--write"], "--cross: fits nothing, so it takes no --ensemble"),
        (["--cross", "--judgment-draws", "3"], "--cross: fits nothing, so it takes no"),
        (["--committed", "--iterations", "9"], "--committed: fits nothing, so it takes no"),
        (["--committed", "--cross"], "--committed: takes no --cross"),
        (["--judgment-draws", "-1"], "--judgment-draws: must be from 0 (none) to 10000"),
        (["--judgment-draws", "100000000"], "--judgment-draws: must be from 0 (none) to 10000"),
        (["--committed", "--workers", "4"], "--committed: fits nothing, so it takes no --workers"),
    ],
)
def test_validate_refuses_bad_settings_before_any_fit(args: list[str], field: str) -> None:
    from typer.testing import CliRunner

    from politburo.cli.app import app

    result = CliRunner().invoke(app, ["validate", *args])
    assert result.exit_code == 1
    assert field in result.output


def test_pruning_keeps_only_the_values_the_records_need(crises: Crises) -> None:
    """After pruning, every parameter off its prior is one whose return to the prior lowers
    the score; the pruned fit scores no lower than the search's own best."""
    from politburo.analysis.fidelity.calibrate import calibrate, fitted, joint_score

    one = {"malenkov-1955": crises["malenkov-1955"]}
    free = calibrate(one, Settings(("malenkov-1955",), 24, 20, 0))
    pruned = calibrate(one, Settings(("malenkov-1955",), 24, 20, 0, prune=True))
    priors = {k: spec[0] for k, spec in fitted("default").items()}
    assert pruned.pruned and pruned.score >= free.score
    for name in pruned.pruned:
        assert pruned.values[name] == priors[name]
    moved = [k for k, v in pruned.values.items() if v != priors[k]]
    assert moved, "Malenkov 1955 is not met at the priors: something must move"
    for name in moved:
        score, _ = joint_score(one, {**pruned.values, name: priors[name]}, 20, 0)
        assert score < pruned.score, name
    assert "--prune" in pruned.settings.command() and "--prune" not in free.settings.command()
    assert pruned.record().prune and not free.record().prune


def test_the_cross_table_puts_the_held_out_prediction_on_its_diagonal(crises: Crises) -> None:
    from politburo.analysis.validation import cross_predictions, cross_table

    two = {k: crises[k] for k in ("zhukov-1957", "hawke-keating-1991")}
    folds = {"zhukov-1957": [{}], "hawke-keating-1991": [{"ties": 0.0}, {}]}
    shares = cross_predictions(two, folds, runs=10, seed=0)
    hawke = two["hawke-keating-1991"]
    assert shares["hawke-keating-1991"]["hawke-keating-1991"] == pytest.approx(
        (removal_share(hawke, {"ties": 0.0}, 10, 0) + removal_share(hawke, {}, 10, 0)) / 2
    )
    assert shares["zhukov-1957"]["zhukov-1957"] == removal_share(two["zhukov-1957"], {}, 10, 0)
    table = cross_table(shares)
    row = next(line for line in table.splitlines() if line.startswith("| hawke-keating-1991"))
    assert row.split(" | ")[2].startswith("**") and not row.split(" | ")[1].startswith("**")


def test_validate_cross_prints_every_crisis_under_every_committed_fit(crises: Crises) -> None:
    from typer.testing import CliRunner

    from politburo.cli.app import app

    result = CliRunner().invoke(app, ["validate", "--cross", "--runs", "5", "--format", "json"])
    assert result.exit_code == 0, result.output
    shares = json.loads(result.output)["shares"]
    record = load_held_out("default")
    assert record is not None
    assert set(shares) == {k for k, m in crises.items() if main_outcome(m) is not None}
    assert set(record.folds) <= set(shares)
    assert all(set(row) == set(record.folds) for row in shares.values())


def test_judgment_draws_predict_each_crisis_over_drawn_judgments(crises: Crises) -> None:
    """With draws, the held-out prediction is the mean over the drawn scenarios, and the
    arena-majority rule is scored over the same draws."""
    from politburo.scenario.spread import drawn_model

    turnbull = crises["turnbull-2018"]
    fits = {"turnbull-2018": [{}], "zhukov-1957": [{}]}
    two = {k: crises[k] for k in fits}
    result = leave_one_out(two, iterations=1, runs=10, draws=4, committed_fits=fits)
    fold = result.folds[0]
    assert fold.crisis == "turnbull-2018" and fold.drawn is not None
    drawn = [removal_share(drawn_model(turnbull, 0, k), {}, 10, 0) for k in range(4)]
    assert fold.drawn == pytest.approx(sum(drawn) / 4)
    assert fold.model == removal_share(turnbull, {}, 10, 0)
    rules = [arena_majority_rule(drawn_model(turnbull, 0, k)) for k in range(4)]
    assert fold.majority_drawn == pytest.approx(sum(rules) / 4)
    assert {"drawn", "majority_drawn"} <= set(result.scores())
    assert result.from_committed and result.draws == 4


def test_committed_fits_are_not_searched(crises: Crises, seen: list[tuple[str, ...]]) -> None:
    two = {k: crises[k] for k in ("zhukov-1957", "hawke-keating-1991")}
    fits = {"zhukov-1957": [{}], "hawke-keating-1991": [{"ties": 0.0}]}
    result = leave_one_out(two, iterations=1, runs=5, committed_fits=fits)
    assert seen == []
    assert [f.fits for f in result.folds] == [[{}], [{"ties": 0.0}]]


def test_a_crisis_no_committed_fold_left_out_is_predicted_by_every_fit(crises: Crises) -> None:
    """A crisis added since the fits were made was seen by none of them: all predict it."""
    two = {k: crises[k] for k in ("zhukov-1957", "hawke-keating-1991")}
    fits = {"zhukov-1957": [{"ties": 0.0}], "beria-1953": [{}, {"bandwagon": 2.0}]}
    result = leave_one_out(two, iterations=1, runs=5, committed_fits=fits)
    hawke = result.folds[1]
    assert hawke.fits == [{"ties": 0.0}, {}, {"bandwagon": 2.0}]
    assert hawke.by_every_fit and not result.folds[0].by_every_fit
    assert result.folds[0].fits == [{"ties": 0.0}]
    assert "the crises no fit saw (predicted by every fit), 1" in result.table()


def test_committed_fits_keep_no_ensemble(crises: Crises) -> None:
    from politburo.errors import PolitburoError

    with pytest.raises(PolitburoError, match="no fits leaving out two"):
        leave_one_out(
            {"zhukov-1957": crises["zhukov-1957"]},
            iterations=1,
            runs=5,
            ensemble=True,
            committed_fits={"zhukov-1957": [{}]},
        )


def test_validate_committed_reproduces_the_held_out_predictions(crises: Crises) -> None:
    """``--committed`` predicts each crisis with the fits the engine keeps for its fold."""
    from typer.testing import CliRunner

    from politburo.cli.app import app

    args = ["validate", "--committed", "--runs", "3", "--judgment-draws", "1", "--format", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    record = load_held_out("default")
    assert record is not None
    assert data["committed_fits"] == record.command and data["judgment_draws"] == 1
    assert data["restarts"] == record.restarts
    by_crisis = {f["crisis"]: f for f in data["folds"]}
    assert set(record.folds) <= set(by_crisis)
    every_fit = [v for fits in record.folds.values() for v in fits]
    for name, fold in by_crisis.items():
        assert fold["by_every_fit"] == (name not in record.folds)
        assert fold["fits"] == record.folds.get(name, every_fit)
    hawke = by_crisis["hawke-keating-1991"]
    assert hawke["fits"] == record.folds["hawke-keating-1991"]
    assert hawke["model"] == pytest.approx(
        sum(removal_share(crises["hawke-keating-1991"], v, 3, 0) for v in hawke["fits"])
        / len(hawke["fits"])
    )
    assert "drawn" in data["scores"]
