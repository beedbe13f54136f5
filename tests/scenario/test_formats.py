"""Format versions: an unset trait is 0 in format 1 (old files keep their meaning) and the
neutral 0.5 in format 2; check warns about format-1 files; migrate rewrites a folder to
format 2 keeping its meaning, its comments and its layout."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from politburo.cli.app import app
from politburo.engine import compile_scenario, simulate
from politburo.engine.compile import TRAITS
from politburo.errors import PolitburoError
from politburo.scenario import load_scenario
from politburo.scenario.basis import NEUTRAL
from politburo.scenario.formats import READ_TRAITS, unset_trait_value
from politburo.scenario.migrate import MIGRATED_CITE, migrate
from tests.conftest import ROOT

TINY = ROOT / "examples" / "tiny-committee"
JUNE = ROOT / "src" / "politburo" / "scenario" / "bundled" / "june-1957"


def copy_of(folder: Path, tmp_path: Path) -> Path:
    out = tmp_path / folder.name
    shutil.copytree(folder, out)
    return out


def columns(folder: Path) -> dict[str, np.ndarray]:
    compiled = compile_scenario(load_scenario(folder).model)
    return {k: np.asarray(v) for k, v in simulate(compiled, seed=0, runs=60).columns.items()}


def test_the_engine_reads_the_traits_the_format_names() -> None:
    assert TRAITS == READ_TRAITS
    assert unset_trait_value(1) == 0.0
    assert unset_trait_value(2) == NEUTRAL["trait"].fields["value"] == 0.5


def test_an_unset_trait_is_zero_in_format_1_and_neutral_in_format_2(tmp_path: Path) -> None:
    folder = copy_of(TINY, tmp_path)
    one = compile_scenario(load_scenario(folder).model)
    main = folder / "scenario.yaml"
    main.write_text("format: 2\n" + main.read_text())
    two = compile_scenario(load_scenario(folder).model)
    stated = one.traits != 0
    assert (two.traits[stated] == one.traits[stated]).all()
    assert (one.traits[~stated] == 0).all() and (two.traits[~stated] == 0.5).all()


def test_an_unknown_format_is_an_error_at_its_line(tmp_path: Path) -> None:
    folder = copy_of(TINY, tmp_path)
    main = folder / "scenario.yaml"
    main.write_text("format: 3\n" + main.read_text())
    with pytest.raises(PolitburoError) as caught:
        load_scenario(folder)
    assert [(p.field, p.line) for p in caught.value.problems] == [("format", 1)]


def test_check_warns_about_principals_with_unset_traits_in_format_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(TINY)])
    assert result.exit_code == 0
    assert "format 1: the traits" in result.stderr
    assert f"run `politburo migrate {TINY.resolve()}`" in result.stderr
    bundled = CliRunner().invoke(app, ["check", "june-1957"])
    assert "run `politburo migrate <a copy of its folder>`" in bundled.stderr  # not in place
    folder = copy_of(TINY, tmp_path)
    migrate(folder)
    result = CliRunner().invoke(app, ["check", str(folder)])
    assert result.exit_code == 0, result.output
    assert "format 1" not in result.stderr


@pytest.mark.parametrize("source", [TINY, JUNE])
def test_migrate_keeps_the_meaning(source: Path, tmp_path: Path) -> None:
    folder = copy_of(source, tmp_path)
    before = columns(folder)
    plan = migrate(folder)
    assert plan.traits_written > 0
    migrated = load_scenario(folder)
    assert migrated.model.format == 2
    after = columns(folder)
    assert before.keys() == after.keys()
    assert all(np.array_equal(before[k], after[k]) for k in before)


def test_migrate_writes_the_zeros_with_an_assumption_and_keeps_comments(tmp_path: Path) -> None:
    folder = copy_of(TINY, tmp_path)
    old = (folder / "scenario.yaml").read_text()
    migrate(folder)
    new = (folder / "scenario.yaml").read_text()
    comments = [line for line in old.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in new.splitlines() for line in comments)
    assert new.splitlines()[: len(old.splitlines())] != old.splitlines()
    lines = iter(new.splitlines())
    assert all(line in lines for line in old.splitlines())  # every old line, in order
    added = len(new.splitlines()) - len(old.splitlines())
    assert (
        added
        == new.count(MIGRATED_CITE)
        + new.count("\n    traits:\n")
        - old.count("\n    traits:\n")
        + 1
    )  # the entries, the new traits: keys and format: 2
    model = load_scenario(folder).model
    written = [t for a in model.actors for t in a.traits if t.cite[0].assumption == MIGRATED_CITE]
    assert written and all(t.value == 0 for t in written)


def test_migrate_handles_a_flow_list_of_traits(tmp_path: Path) -> None:
    folder = copy_of(TINY, tmp_path)
    main = folder / "scenario.yaml"
    text = main.read_text()
    start = text.index("    traits:\n", text.index("id: vance"))
    end = text.index("\n", text.index("- ", start)) + 1
    item = text[text.index("- ", start) + 2 : end - 1]
    main.write_text(text[:start] + f"    traits: [{item}]\n" + text[end:])
    before = columns(folder)
    migrate(folder)
    assert all(np.array_equal(before[k], v) for k, v in columns(folder).items())
    vance = next(a for a in load_scenario(folder).model.actors if a.id == "vance")
    assert {t.name for t in vance.traits} >= set(READ_TRAITS)


def test_migrate_twice_changes_nothing_and_refuses_a_bundled_name(tmp_path: Path) -> None:
    folder = copy_of(TINY, tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["migrate", str(folder)]).exit_code == 0
    text = (folder / "scenario.yaml").read_text()
    result = runner.invoke(app, ["migrate", str(folder)])
    assert result.exit_code == 0 and "nothing to do" in result.output
    assert (folder / "scenario.yaml").read_text() == text
    assert runner.invoke(app, ["migrate", "june-1957"]).exit_code == 1


def test_a_dry_run_writes_nothing(tmp_path: Path) -> None:
    folder = copy_of(TINY, tmp_path)
    text = (folder / "scenario.yaml").read_text()
    result = CliRunner().invoke(app, ["migrate", str(folder), "--dry-run"])
    assert result.exit_code == 0 and "would write" in result.output
    assert (folder / "scenario.yaml").read_text() == text
    assert not list(folder.glob(".*migrating"))
