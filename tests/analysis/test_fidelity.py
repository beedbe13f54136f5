"""Fidelity checks: each kind of target, on runs whose events are known."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from politburo.analysis.fidelity import check_fidelity, evaluate, score_batch
from politburo.analysis.fidelity.calibrate import (
    Settings,
    bundled_with_record,
    calibrate,
    candidate_model,
    default_settings,
    engine_commit,
    fitted,
    main,
    rescored,
)
from politburo.engine import compile_scenario, simulate
from politburo.engine.parameters import CalibrationRecord, calibration_path
from politburo.errors import PolitburoError
from politburo.scenario import load_scenario
from politburo.scenario.schema import (
    EventTarget,
    MeetingTarget,
    MembershipTarget,
    OfficeTarget,
    OrderTarget,
    ScenarioModel,
    VoteTarget,
)

CITE = [{"assumption": "a target written for the test"}]


@pytest.fixture(scope="module")
def batch():  # type: ignore[no-untyped-def]
    model = load_scenario("zhukov-1957").model
    return simulate(compile_scenario(model), seed=0, runs=4)


def test_office_target_follows_the_removal(batch) -> None:  # type: ignore[no-untyped-def]
    before = OfficeTarget(
        id="a",
        description="",
        kind="office",
        date=dt.date(1957, 10, 10),
        actor="zhukov",
        office="defence-minister",
        cite=CITE,
    )
    after = before.model_copy(update={"date": dt.date(1957, 10, 30)})
    assert evaluate(batch, before).all()
    assert not evaluate(batch, after).any()


def test_membership_target_reads_the_seat_events(batch) -> None:  # type: ignore[no-untyped-def]
    seated = MembershipTarget(
        id="m",
        description="",
        kind="membership",
        date=dt.date(1957, 10, 10),
        actor="zhukov",
        body="presidium",
        rank="full",
        cite=CITE,
    )
    gone = seated.model_copy(update={"date": dt.date(1957, 11, 5), "rank": None})
    assert evaluate(batch, seated).all() and evaluate(batch, gone).all()


def test_meeting_vote_event_and_order_targets(batch) -> None:  # type: ignore[no-untyped-def]
    meeting = MeetingTarget(
        id="x",
        description="",
        kind="meeting",
        date=dt.date(1957, 10, 19),
        body="presidium",
        absent=["zhukov"],
        present=["khrushchev"],
        cite=CITE,
    )
    assert evaluate(batch, meeting).all()
    wrong = meeting.model_copy(update={"absent": ["khrushchev"]})
    assert not evaluate(batch, wrong).any()
    vote = VoteTarget(
        id="v",
        description="",
        kind="vote",
        body="presidium",
        motion="remove",
        subject="zhukov",
        start=dt.date(1957, 10, 19),
        end=dt.date(1957, 10, 19),
        passed=True,
        no=0,
        cite=CITE,
    )
    assert evaluate(batch, vote).all()
    assert not evaluate(batch, vote.model_copy(update={"passed": False})).any()
    event = EventTarget(
        id="e", description="", kind="event", event="appeal", cite=CITE, happens=False
    )
    assert evaluate(batch, event).all()
    order = OrderTarget(
        id="o",
        description="",
        kind="order",
        event="removed",
        groups=[["zhukov"]],
        never=["khrushchev"],
        cite=CITE,
    )
    assert evaluate(batch, order).all()
    assert isinstance(evaluate(batch, order), np.ndarray)


def test_unknown_event_kind_is_a_user_error() -> None:
    model = load_scenario("zhukov-1957").model
    target = EventTarget(id="e", description="", kind="event", event="coronation", cite=CITE)
    broken = model.model_copy(update={"record": [target]})
    with pytest.raises(PolitburoError):
        check_fidelity(broken, runs=2)


def test_report_shares_and_json() -> None:
    model = load_scenario("october-1964").model
    report = check_fidelity(model, runs=30, seed=1)
    data = report.to_json()
    assert data["runs"] == 30 and len(data["targets"]) == len(report.rows)
    batch = simulate(compile_scenario(model), seed=1, runs=30)
    met = score_batch(model, batch)
    for row in report.rows:
        assert row.share == pytest.approx(met[row.id].mean())
        assert row.replay == bool(met[row.id][0])


# --- calibration -------------------------------------------------------------------------

TINY = Settings(scenarios=("zhukov-1957", "october-1964"), iterations=6, runs=4, seed=3, batch=3)


@pytest.fixture(scope="module")
def tiny_models() -> dict[str, ScenarioModel]:
    return {name: load_scenario(name).model for name in TINY.scenarios}


def test_calibration_is_a_function_of_its_settings(tiny_models) -> None:  # type: ignore[no-untyped-def]
    first = calibrate(tiny_models, TINY)
    again = calibrate(tiny_models, TINY)
    assert first.record() == again.record()
    assert first.evaluations == TINY.iterations + 1
    assert set(first.values) == set(fitted("default"))
    other = calibrate(tiny_models, dataclasses.replace(TINY, seed=4))
    assert other.record() != first.record()


def test_calibration_starts_from_the_priors_not_the_committed_values(
    tiny_models, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Whatever is committed, the search starts from the documented priors: replacing the
    committed values changes nothing."""
    from politburo.engine.decisions import DefaultModel

    first = calibrate(tiny_models, TINY).record()
    committed = DefaultModel.CALIBRATION
    assert committed is not None
    scrambled = dataclasses.replace(committed, values=dict.fromkeys(committed.values, 0.0))
    monkeypatch.setattr(DefaultModel, "CALIBRATION", scrambled)
    assert calibrate(tiny_models, TINY).record() == first


def test_candidate_keeps_the_scenarios_own_values() -> None:
    june = load_scenario("june-1957").model
    trial = candidate_model(june, {"ties": 0.5, "plenum.request_share": 0.1})
    assert trial.model.calibration == "priors"
    assert trial.model.parameters["ties"].value == 0.5
    assert trial.model.parameters["plenum.request_share"].value == 0.7


def test_parameters_come_from_the_scenario_the_calibration_or_the_priors() -> None:
    from politburo.engine.decisions import DefaultModel, get_model

    committed = DefaultModel.CALIBRATION
    assert committed is not None
    june = load_scenario("june-1957").model
    model = get_model(compile_scenario(june))
    for name, spec in DefaultModel.PARAMETERS.items():
        if name in june.model.parameters:
            assert model.source[name] == "scenario"
            assert model.p[name] == june.model.parameters[name].value
        elif spec.fit:
            assert model.source[name] == "calibrated"
            assert model.p[name] == committed.values[name]
        else:
            assert model.source[name] == "prior" and model.p[name] == spec.default
    priors = june.model_copy(
        update={"model": june.model.model_copy(update={"calibration": "priors"})}
    )
    plain = get_model(compile_scenario(priors))
    assert all(
        plain.p[k] == s.default
        for k, s in DefaultModel.PARAMETERS.items()
        if k not in june.model.parameters
    )


def test_the_committed_calibration_is_recorded_once_and_consistent() -> None:
    """The record names its command, seed, scenarios and score; the file is versioned data
    that reads back to the record; the command's defaults repeat it; every fitted
    parameter, and only those, has a value within its range; and no bundled scenario
    repeats a calibrated value in its own ``model.parameters``."""
    from politburo.engine.decisions import DefaultModel

    record = DefaultModel.CALIBRATION
    assert record is not None
    data = json.loads(calibration_path("default").read_text(encoding="utf-8"))
    assert data["format"] == 1
    assert CalibrationRecord.from_json(data) == record
    settings = default_settings("default")
    assert settings.command() == record.command
    assert set(record.scenarios) == set(bundled_with_record())
    assert record.score == pytest.approx(
        sum(record.scenario_scores.values()) / len(record.scenario_scores)
    )
    specs = fitted("default")
    assert set(record.values) == set(specs)
    for name, value in record.values.items():
        _, low, high = specs[name]
        assert low <= value <= high, name
    for name in bundled_with_record():
        params = load_scenario(name).model.model.parameters
        assert not set(params) & set(record.values), name
        assert all(p.calibrated is None for p in params.values()), name


def test_docs_list_every_parameter_with_its_prior_range_and_value() -> None:
    from politburo.engine.decisions import DefaultModel

    record = DefaultModel.CALIBRATION
    assert record is not None
    text = (Path(__file__).resolve().parents[2] / "docs" / "model.md").read_text()
    rows = {}
    for line in text.splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0] in DefaultModel.PARAMETERS:
            rows[cells[0]] = cells
    assert set(rows) == set(DefaultModel.PARAMETERS)
    for name, spec in DefaultModel.PARAMETERS.items():
        _, prior, span, value, _ = rows[name]
        assert float(prior) == spec.default, name
        assert span == f"{spec.low:g} - {spec.high:g}", name
        expected = f"{record.values[name]:g}" if spec.fit else "-"
        assert value == expected, name
    assert record.command in " ".join(text.split())


def test_calibrate_command_reports_and_refuses_bad_settings(capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(
        ["--scenarios", "zhukov-1957", "--iterations", "2", "--runs", "2", "--workers", "1"]
    )
    out = capsys.readouterr().out
    assert code == 0 and "zhukov-1957: score" in out and "removed-while-abroad" in out
    assert main(["--runs", "0", "--workers", "1"]) == 1
    assert "--runs" in capsys.readouterr().err
    assert main(["--workers", "0"]) == 1
    assert "--workers: must be at least 1" in capsys.readouterr().err
    assert (
        main(
            [
                "--check",
                "--scenarios",
                "zhukov-1957",
                "--iterations",
                "1",
                "--runs",
                "2",
                "--workers",
                "1",
            ]
        )
        == 1
    )
    out = capsys.readouterr().out
    assert "differs from the committed calibration" in out
    assert "the committed values on this engine score" in out
    assert "git checkout b8b5ae43ec1dacf44ead30f3b0b1b8673e3434d4" in out


def test_the_committed_values_still_score_as_recorded_on_this_engine() -> None:
    """An engine change that moves what the calibration is worth fails here, and calls for a
    new calibration (politburo calibrate --write) and new documented figures."""
    from politburo.engine.decisions import DefaultModel

    record = DefaultModel.CALIBRATION
    assert record is not None
    now = rescored(record)
    assert set(now) == set(record.scenario_scores)
    for name, score in now.items():
        assert score == pytest.approx(record.scenario_scores[name], abs=0.01), name


def test_the_committed_calibration_names_a_clean_commit() -> None:
    import re

    from politburo.engine.decisions import DefaultModel

    record = DefaultModel.CALIBRATION
    assert record is not None and re.fullmatch(r"[0-9a-f]{40}", record.fitted_on)


def test_engine_commit_reads_the_packages_own_work_tree(tmp_path: Path) -> None:
    """A commit when the package is tracked, ``-dirty`` when its sources changed (not its
    calibration files), nothing when it is not tracked."""
    import subprocess

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t", *args],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    package = tmp_path / "politburo"
    (package / "analysis" / "fidelity").mkdir(parents=True)
    (package / "engine" / "calibrations").mkdir(parents=True)
    assert engine_commit(package) == ""  # not a work tree
    try:
        git("init", "-q")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("git is not available")
    (package / "analysis" / "fidelity" / "calibrate.py").write_text("x = 1\n")
    (package / "engine" / "calibrations" / "default.json").write_text("{}\n")
    assert engine_commit(package) == ""  # in a work tree, but not tracked
    git("add", ".")
    git("commit", "-q", "-m", "first")
    head = git("rev-parse", "HEAD")
    assert engine_commit(package) == head
    (package / "engine" / "calibrations" / "default.json").write_text('{"a": 1}\n')
    assert engine_commit(package) == head
    (package / "analysis" / "fidelity" / "calibrate.py").write_text("x = 2\n")
    assert engine_commit(package) == f"{head}-dirty"


def test_progress_is_told_block_by_block_and_blocks_do_not_change_the_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import politburo.analysis.fidelity as fidelity

    model = load_scenario("october-1964").model
    whole = check_fidelity(model, runs=30, seed=2)
    monkeypatch.setattr(fidelity, "RUNS_PER_CALL", 7)
    told: list[int] = []
    blocked = check_fidelity(model, runs=30, seed=2, on_progress=told.append)
    assert told == [7, 7, 7, 7, 2]
    assert blocked == whole
