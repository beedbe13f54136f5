"""The check, show and schema commands: output, formats and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from politburo.cli.app import app
from tests.conftest import EXAMPLE


def test_check_clean_example(cli: CliRunner) -> None:
    result = cli.invoke(app, ["check", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "tiny-committee: ok" in result.output


def test_check_broken_copy_exits_1_with_every_problem(cli: CliRunner, tiny_copy: Path) -> None:
    path = tiny_copy / "scenario.yaml"
    text = path.read_text().replace("to: vance, kind: patron", "to: nobody, kind: patron")
    path.write_text(text.replace('"five voting members"}}', '"six voting members"}}', 1))
    result = cli.invoke(app, ["check", str(tiny_copy)])
    assert result.exit_code == 1
    assert "unknown actor or group 'nobody'" in result.stderr
    assert "quote not found" in result.stderr
    assert "2 problems found" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_show_json_places_people(cli: CliRunner) -> None:
    result = cli.invoke(app, ["show", str(EXAMPLE), "--date", "1990-05-05", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["whereabouts"]["vance"] == "porto"
    council = next(b for b in report["bodies"] if b["body"] == "council")
    absent = {m["member"] for m in council["members"] if not m["present"]}
    assert absent == {"vance"}


def test_show_rejects_bad_date_and_unknown_body(cli: CliRunner) -> None:
    bad_date = cli.invoke(app, ["show", str(EXAMPLE), "--date", "1990-13-01"])
    assert bad_date.exit_code == 1 and "impossible date" in bad_date.stderr
    outside = cli.invoke(app, ["show", str(EXAMPLE), "--date", "1991-01-01"])
    assert outside.exit_code == 1 and "outside the scenario" in outside.stderr
    unknown = cli.invoke(app, ["show", str(EXAMPLE), "--body", "senate"])
    assert unknown.exit_code == 1 and "unknown body 'senate'" in unknown.stderr


def test_schema_is_json_schema(cli: CliRunner) -> None:
    result = cli.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert "actors" in schema["properties"] and "$defs" in schema


def test_python_dash_m_runs_the_command_line() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "politburo", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("politburo ")


@pytest.mark.parametrize("command", ["check", "replay", "fidelity", "whatif"])
def test_scenario_file_given_for_its_folder_names_the_folder(cli: CliRunner, command: str) -> None:
    result = cli.invoke(app, [command, str(EXAMPLE / "scenario.yaml")])
    assert result.exit_code == 1
    assert f"a scenario is a folder, not a file: give {EXAMPLE}" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_fidelity_shows_progress_on_stderr_when_asked(cli: CliRunner) -> None:
    shown = cli.invoke(app, ["fidelity", str(EXAMPLE), "--runs", "20", "--progress"])
    quiet = cli.invoke(app, ["fidelity", str(EXAMPLE), "--runs", "20", "--no-progress"])
    assert shown.exit_code == quiet.exit_code == 0, shown.output
    assert "tiny-committee: as written" in shown.stderr
    assert "tiny-committee: outcome-blind" in shown.stderr
    assert "as written" not in quiet.stderr
    assert shown.stdout == quiet.stdout


def test_check_refuses_a_record_target_of_an_unknown_event_kind(
    cli: CliRunner, tiny_copy: Path
) -> None:
    with (tiny_copy / "scenario.yaml").open("a") as handle:
        handle.write(
            "  - id: foo-happens\n    kind: event\n    description: x\n    event: foo\n"
            '    cite: {assumption: "an event kind the engine never records"}\n'
        )
    result = cli.invoke(app, ["check", str(tiny_copy)])
    assert result.exit_code == 1
    assert "record[foo-happens].event: unknown event kind 'foo'; known: accept," in result.stderr
    assert "scenario.yaml:" in result.stderr and "Traceback" not in result.output


def test_check_reads_and_applies_the_whatifs_a_scenario_ships(
    cli: CliRunner, tiny_copy: Path
) -> None:
    whatifs = tiny_copy / "whatifs"
    whatifs.mkdir(exist_ok=True)
    (whatifs / "fine.yaml").write_text(
        "id: fine\ndescription: x\nedits:\n"
        "  - move: {actor: vance, place: porto, start: 1990-05-03}\n"
    )
    assert cli.invoke(app, ["check", str(tiny_copy)]).exit_code == 0
    (whatifs / "bad-path.yaml").write_text(
        "id: bad-path\ndescription: x\nedits:\n  - {op: set, path: actors/nobody/name, value: X}\n"
    )
    (whatifs / "bad-indent.yaml").write_text(
        "id: x\ndescription: x\nedits:\n  - move: {actor: vance}\n   - x\n"
    )
    result = cli.invoke(app, ["check", str(tiny_copy)])
    assert result.exit_code == 1
    assert "bad-path.yaml:4: edits[0].path: no item 'nobody' in actors" in result.stderr
    assert "bad-indent.yaml:5: malformed YAML" in result.stderr
    assert "2 problems found" in result.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["show", "--date", "1957-13-01"], "error: --date: impossible date '1957-13-01': month"),
        (["show", "--date", "June 1957"], "error: --date: expected a date written YYYY-MM-DD"),
        (["show", "--date", "19570618"], "error: --date: expected a date written YYYY-MM-DD"),
        (["show", "--date", "1957-W25-2"], "error: --date: expected a date written YYYY-MM-DD"),
        (
            ["power", "--body", "presidium", "--date", "1957-02-30"],
            "error: --date: impossible date '1957-02-30'",
        ),
        (["fidelity", "--runs", "0"], "error: --runs: must be at least 1"),
    ],
)
def test_an_option_given_wrong_is_named_without_a_file(
    cli: CliRunner, args: list[str], said: str
) -> None:
    result = cli.invoke(app, args)
    assert result.exit_code == 1
    assert said in result.stderr and "<input>" not in result.stderr


@pytest.mark.parametrize("command", ["replay", "whatif"])
def test_a_mistyped_scenario_is_said_to_be_neither_a_whatif_nor_a_scenario(
    cli: CliRunner, command: str
) -> None:
    result = cli.invoke(app, [command, "june-1958"])
    assert result.exit_code == 1
    assert "no what-if of this name" in result.stderr
    assert "nor a scenario folder or bundled scenario (beria-1953, june-1957" in result.stderr
