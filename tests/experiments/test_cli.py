"""The whatif, batch and query commands, and their answers to bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from politburo.cli.app import app
from tests.experiments.conftest import write

BAD = """\
id: bad
description: Names an actor who is not there.
edits:
  - move: {actor: vanse, place: harbour, start: 1990-05-03}
"""


def test_whatif_prints_outcomes_and_changed_steps(cli: CliRunner, contested_copy: Path) -> None:
    result = cli.invoke(
        app,
        [
            "whatif",
            str(contested_copy),
            "vance-stays-home",
            "--runs",
            "300",
            "--workers",
            "1",
            "--sensitivity",
        ],
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "what if: vance-stays-home" in out and "300 runs per arm" in out
    assert "challenge.move-against-vance.succeeded" in out
    assert "steps whose frequency changed most" in out
    assert "what the outcome turns on" in out and "marr-loyalty" in out
    assert "outcome-blind: " in out and "judgments read from the crisis set to neutral" in out
    assert "[bold]" not in out and "[/]" not in out  # plain text: no markup is printed raw


def test_whatif_json_with_set_and_two_workers(cli: CliRunner, contested_copy: Path) -> None:
    result = cli.invoke(
        app,
        [
            "whatif",
            str(contested_copy),
            "--set",
            "actors/marr/itinerary/0/place=porto",
            "--runs",
            "200",
            "--workers",
            "2",
            "--format",
            "json",
            "--steps",
            "3",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    [arm] = data["interventions"]
    assert arm["id"] == "set" and len(arm["steps"]) == 3
    succeeded = next(
        o for o in arm["outcomes"] if o["name"] == "challenge.move-against-vance.succeeded"
    )
    assert succeeded["difference"]["low"] <= succeeded["difference"]["p"]
    assert set(succeeded["base"]) == {"p", "low", "high"}


def test_whatif_reports_every_bad_input(
    cli: CliRunner, contested_copy: Path, tmp_path: Path
) -> None:
    bad = write(tmp_path, "bad.yaml", BAD)
    result = cli.invoke(
        app,
        [
            "whatif",
            str(contested_copy),
            str(bad),
            "no-such-whatif",
            "--set",
            "bodies/council/rule/treshold=0.7",
            "--runs",
            "10",
        ],
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{bad}:4: edits[0].move.actor: unknown actor or bloc 'vanse'" in result.output
    assert "no-such-whatif: INTERVENTION: no what-if of this name" in result.output
    assert "--set:1: bodies[council].rule.treshold: unknown field" in result.output
    assert "3 problems found." in result.output


def test_whatif_needs_an_intervention_and_runs(cli: CliRunner, contested_copy: Path) -> None:
    result = cli.invoke(app, ["whatif", str(contested_copy)])
    assert result.exit_code == 1 and "name at least one intervention" in result.output
    result = cli.invoke(app, ["whatif", str(contested_copy), "vance-stays-home", "--runs", "-3"])
    assert result.exit_code == 1
    assert "--runs: the number of runs must be at least 1, not -3" in result.output


def test_batch_then_query(cli: CliRunner, contested_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "runs"
    args = [
        "batch",
        str(contested_copy),
        "vance-stays-home",
        "--runs",
        "120",
        "--out",
        str(out),
        "--chunk-size",
        "50",
        "--workers",
        "1",
        "--seed",
        "3",
    ]
    result = cli.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "120 runs in 3 chunks" in result.output
    assert "(3 written, 0 already there)" in result.output
    again = cli.invoke(app, [*args, "--sensitivity"])
    assert "(0 written, 3 already there)" in again.output
    assert "what the outcome turns on" in again.output and "marr-loyalty" in again.output
    assert "(the batch's runs, with its interventions)" in again.output
    result = cli.invoke(
        app,
        [
            "query",
            str(out),
            "SELECT count(*) AS n, "
            'sum("challenge.move-against-vance.succeeded"::INT) AS won '
            "FROM runs",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.output)
    assert row["n"] == 120 and 0 <= row["won"] <= 120
    result = cli.invoke(
        app,
        [
            "query",
            str(out),
            'SELECT "evidence.vance-return" AS v, count(*) AS n FROM runs GROUP BY v ORDER BY v',
            "--format",
            "csv",
        ],
    )
    assert result.output.splitlines()[0] == "v,n"
    assert [line.split(",")[0] for line in result.output.splitlines()[1:]] == ["ninth", "sixth"]
    result = cli.invoke(app, ["query", str(out), "SELECT max(run_id) AS last FROM runs"])
    assert result.exit_code == 0 and "119" in result.output and "warning" not in result.stderr
    wide = cli.invoke(app, ["query", str(out), "SELECT * FROM runs ORDER BY run_id LIMIT 2"])
    assert wide.exit_code == 0 and "-- row 2 --" in wide.stdout
    assert any(line.split() == ["run_id", "1"] for line in wide.stdout.splitlines())
    (out / "chunk-000001.parquet").unlink()
    partial = cli.invoke(app, ["query", str(out), "SELECT count(*) AS n FROM runs"])
    assert partial.exit_code == 0 and "70" in partial.stdout
    assert "2 of the batch's 3 chunks are here" in partial.stderr


def test_batch_bad_input_leaves_nothing(
    cli: CliRunner, contested_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "runs"
    bad = write(tmp_path, "bad.yaml", BAD)
    cases = [
        ([str(bad)], "unknown actor or bloc 'vanse'"),
        (["--runs", "-1"], "the number of runs must be at least 1"),
        (
            ["--backend", "dask", "--scheduler", "tcp://127.0.0.1:9", "--timeout", "1"],
            "cannot reach the Dask scheduler at tcp://127.0.0.1:9",
        ),
        (["--backend", "ray"], "unknown backend 'ray'"),
    ]
    for extra, message in cases:
        result = cli.invoke(
            app, ["batch", str(contested_copy), "--out", str(out), "--runs", "10", *extra]
        )
        assert result.exit_code == 1, (extra, result.output)
        assert message in result.output, (extra, result.output)
        assert not out.exists()
    blocker = write(tmp_path, "file", "x")
    result = cli.invoke(
        app, ["batch", str(contested_copy), "--out", str(blocker / "runs"), "--runs", "10"]
    )
    assert result.exit_code == 1 and "--out: cannot write the output folder" in result.output


def test_query_bad_input(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(app, ["query", str(tmp_path / "none"), "SELECT 1"])
    assert result.exit_code == 1 and "no such batch folder" in result.output
