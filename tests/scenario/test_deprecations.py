"""Deprecated schema fields: old files still load and mean what they did, with a notice.

``Rank.speak``, ``Rank.attend`` and the ``ambition`` trait were never read by the engine.
A file that sets them to what the engine does anyway loads, ``check`` warns about each one
with its file, line and field, and the runs are those of the file without them; a value the
engine could not honour (``speak: false``) is an error.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from politburo.cli.app import app
from politburo.engine import compile_scenario, replay, simulate
from politburo.scenario import load_scenario
from politburo.scenario.checks import deprecations
from politburo.scenario.schema import ScenarioModel

OLD_RANKS = "      - {id: candidate, vote: false, speak: true, attend: true}"
OLD_TRAIT = (
    "      - {name: ambition, value: 0.9, basis: before,"
    ' cite: {assumption: "An old file sets ambition."}}\n'
)


def _make_old(folder: Path) -> Path:
    path = folder / "scenario.yaml"
    text = path.read_text()
    text = text.replace("      - {id: candidate, vote: false}", OLD_RANKS, 1)
    marker = "    traits:\n"
    text = text.replace(marker, marker + OLD_TRAIT, 1)
    path.write_text(text)
    return path


def test_old_fields_load_with_a_notice_each(tiny_copy: Path) -> None:
    path = _make_old(tiny_copy)
    notices = deprecations(load_scenario(tiny_copy))
    fields = sorted(n.field or "" for n in notices)
    assert fields == [
        "actors[vance].traits[0].name",
        "bodies[council].ranks[candidate].attend",
        "bodies[council].ranks[candidate].speak",
    ]
    assert all(n.file == str(path) and n.line is not None for n in notices)
    assert all("deprecated" in n.message and "no effect" in n.message for n in notices)


def test_check_warns_and_succeeds(cli: CliRunner, tiny_copy: Path) -> None:
    _make_old(tiny_copy)
    result = cli.invoke(app, ["check", str(tiny_copy)])
    assert result.exit_code == 0, result.output
    deprecated = [line for line in result.stderr.splitlines() if "deprecated" in line]
    assert len(deprecated) == 3 and all(line.startswith("warning:") for line in deprecated)
    assert "tiny-committee: ok" in result.stdout


def test_bundled_scenarios_set_no_deprecated_field() -> None:
    from politburo.scenario.bundled import bundled_names

    for name in bundled_names():
        assert deprecations(load_scenario(name)) == [], name


def _runs(model: ScenarioModel) -> dict[str, np.ndarray]:
    return dict(simulate(compile_scenario(model), seed=3, runs=50).columns)


def test_old_fields_change_no_result(tiny_copy: Path, tmp_path: Path) -> None:
    from tests.conftest import EXAMPLE

    old, new = load_scenario(_make_old(tiny_copy).parent).model, load_scenario(EXAMPLE).model
    a, b = _runs(old), _runs(new)
    assert a.keys() == b.keys()
    for key in a:
        np.testing.assert_array_equal(a[key], b[key], err_msg=key)
    old_trace, new_trace = replay(old, seed=1), replay(new, seed=1)
    assert [e.text for e in old_trace.events] == [e.text for e in new_trace.events]
    cited = {f for e in old_trace.events for f in e.facts}
    assert "actors/vance/traits/0" not in cited  # the ambition trait is behind no decision


def test_false_is_an_error_naming_the_field(cli: CliRunner, tiny_copy: Path) -> None:
    path = tiny_copy / "scenario.yaml"
    text = path.read_text().replace(
        "      - {id: candidate, vote: false}",
        "      - {id: candidate, vote: false, speak: false}",
        1,
    )
    path.write_text(text)
    result = cli.invoke(app, ["check", str(tiny_copy)])
    assert result.exit_code == 1
    assert "bodies[council].ranks[candidate].speak" in result.stderr
    assert "never honoured" in result.stderr
    assert "Traceback" not in result.output + result.stderr
