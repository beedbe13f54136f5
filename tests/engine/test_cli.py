"""The replay and fidelity commands: formats, exit codes, no tracebacks."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from politburo.cli.app import app


def test_replay_text_quotes_its_sources(cli: CliRunner) -> None:
    result = cli.invoke(app, ["replay", "june-1957", "--seed", "0"])
    assert result.exit_code == 0, result.output
    assert "Tuesday 18 June 1957" in result.output
    assert 'caesar-xv: "' in result.output
    assert "why: utility" in result.output


def test_replay_json_and_markdown(cli: CliRunner) -> None:
    result = cli.invoke(app, ["replay", "zhukov-1957", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["scenario"] == "zhukov-1957"
    result = cli.invoke(app, ["replay", "zhukov-1957", "--format", "markdown"])
    assert result.exit_code == 0 and result.output.startswith("# ")


def test_fidelity_json(cli: CliRunner) -> None:
    result = cli.invoke(app, ["fidelity", "zhukov-1957", "--runs", "20", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["runs"] == 20 and all(t["replay"] for t in data["targets"])


def test_user_errors_exit_1(cli: CliRunner) -> None:
    result = cli.invoke(app, ["replay", "no-such-scenario"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output + result.stderr
    result = cli.invoke(app, ["fidelity", "zhukov-1957", "--runs", "0"])
    assert result.exit_code == 1


def test_calibrate_command(cli: CliRunner) -> None:
    args = ["calibrate", "--scenarios", "zhukov-1957", "--iterations", "2", "--runs", "2"]
    result = cli.invoke(app, [*args, "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "joint score" in result.output and "zhukov-1957: score" in result.output
    result = cli.invoke(app, [*args, "--workers", "1", "--check"])
    assert result.exit_code == 1 and "differs from the committed calibration" in result.output
    result = cli.invoke(app, ["calibrate", "--runs", "0"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output + result.stderr
