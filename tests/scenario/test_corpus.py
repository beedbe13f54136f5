"""The validation corpus: every crisis held out of the calibration loads, checks and replays.

Parametrised over whatever folders ``src/politburo/scenario/corpus`` holds, so crises added
later are covered without editing this file. Fidelity is not asserted: these crises are held
out, and their READMEs record how far the engine meets them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import politburo
from politburo.cli.app import app
from politburo.engine import replay
from politburo.scenario import load_scenario

CORPUS = Path(politburo.__file__).resolve().parent / "scenario" / "corpus"
FOLDERS = (
    sorted(p for p in CORPUS.iterdir() if (p / "scenario.yaml").is_file())
    if CORPUS.is_dir()
    else []
)


def test_corpus_is_not_bundled() -> None:
    """Held-out crises stay out of ``bundled/``, whose scenarios feed the calibration."""
    from politburo.scenario.bundled import bundled_names

    assert not {p.name for p in FOLDERS} & set(bundled_names())


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_corpus_crisis_loads_and_checks(folder: Path, cli: CliRunner) -> None:
    scenario = load_scenario(folder)
    assert scenario.model.id == folder.name
    assert scenario.model.record, "a held-out crisis needs a record to be judged against"
    result = cli.invoke(app, ["check", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"{folder.name}: ok" in result.output


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_corpus_crisis_has_a_readme(folder: Path) -> None:
    assert (folder / "README.md").is_file()


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_corpus_crisis_replays_to_the_end(folder: Path) -> None:
    model = load_scenario(folder).model
    trace = replay(model, seed=0)
    assert trace.scenario == model.id
    assert (trace.start, trace.end) == (model.start, model.end)
    assert trace.events, "a replay records at least the challengers' first decision"
    assert all(model.start <= event.day <= model.end for event in trace.events)
    assert set(trace.final["offices"]) == {office.id for office in model.offices}
