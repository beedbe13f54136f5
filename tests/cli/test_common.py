"""The pieces every command shares: refusing a format, JSON and CSV output, problems."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from politburo.cli.app import app
from politburo.cli.common import csv_text, echo_json
from politburo.errors import Problem


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["replay", "--format", "csv"], "'csv' is not one of 'text', 'json', 'markdown'"),
        (["fidelity", "--format", "markdown"], "'markdown' is not one of 'text', 'json'"),
        (["whatif", "--format", "csv"], "'csv' is not one of 'text', 'json'"),
        (["query", ".", "SELECT 1", "--format", "markdown"], "not one of 'text', 'csv', 'json'"),
        (["show", "--format", "csv"], "'csv' is not one of 'text', 'json'"),
        (["validate", "--format", "markdown"], "'markdown' is not one of 'text', 'json'"),
        (["sources", "gaps", "x", "--format", "markdown"], "'markdown' is not one of"),
        (["sources", "conflicts", "--format", "csv"], "'csv' is not one of 'text', 'json'"),
    ],
)
def test_commands_refuse_formats_they_do_not_write(
    cli: CliRunner, argv: list[str], message: str
) -> None:
    result = cli.invoke(app, argv, terminal_width=200)
    assert result.exit_code == 1
    assert message in " ".join(result.stderr.replace("│", " ").split())
    assert result.stdout == ""


def test_echo_json_keeps_non_ascii_unless_asked(capsys: pytest.CaptureFixture[str]) -> None:
    echo_json({"name": "Khrushchev — First Secretary"}, indent=1)
    echo_json(["—"], ensure_ascii=True)
    assert capsys.readouterr().out == (
        '{\n "name": "Khrushchev — First Secretary"\n}\n[\n  "\\u2014"\n]\n'
    )


def test_echo_json_refuses_nan_when_asked() -> None:
    with pytest.raises(ValueError):
        echo_json({"value": float("nan")}, allow_nan=False)


def test_csv_text_quotes_and_ends_lines_as_told() -> None:
    rows = [["a,b", None, True], ['say "no"', 1, 0.5]]
    assert csv_text(["x", "y", "z"], rows) == 'x,y,z\n"a,b",,True\n"say ""no""",1,0.5\n'
    assert csv_text(["x"], [[1]], lineterminator="\r\n") == "x\r\n1\r\n"


@pytest.mark.parametrize(
    ("problem", "said"),
    [
        (Problem("m", file="f.yaml", line=3, field="x"), "f.yaml:3: x: m"),
        (Problem("m", file="f.yaml"), "f.yaml: m"),
        (Problem("m", line=3), "line 3: m"),
        (Problem("must be at least 1", field="--runs"), "--runs: must be at least 1"),
        (Problem("m"), "m"),
    ],
)
def test_a_problem_says_where_it_is_with_what_it_knows(problem: Problem, said: str) -> None:
    assert str(problem) == said
