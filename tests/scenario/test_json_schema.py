"""The JSON Schemas of ``politburo schema`` accept every bundled and example file, as check
does, and still refuse what check refuses in a single file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from politburo.cli.app import app
from politburo.experiments.schemas import KINDS, file_schema
from politburo.scenario.bundled import BUNDLED_DIR, bundled_names
from politburo.scenario.loading import read_scenario_files
from politburo.scenario.yaml_marks import read_yaml

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = [BUNDLED_DIR / name for name in bundled_names()] + sorted(
    p for p in (ROOT / "examples").iterdir() if (p / "scenario.yaml").is_file()
)


def as_json(node: Any) -> Any:
    """YAML data as an editor's language server sees it: dates are strings."""
    if isinstance(node, dict):
        return {k: as_json(v) for k, v in node.items()}
    if isinstance(node, list):
        return [as_json(v) for v in node]
    if isinstance(node, dt.date):
        return node.isoformat()
    return node


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = file_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors(kind: str, data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
        for e in validator(kind).iter_errors(as_json(data))
    ]


def scenario_files(folder: Path) -> list[Path]:
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_every_scenario_file_is_valid_against_its_schema(folder: Path) -> None:
    files = scenario_files(folder)
    kind = "scenario" if len(files) == 1 else "part"
    for path in files:
        data, _ = read_yaml(path)
        assert errors(kind, data) == [], path
    merged, _ = read_scenario_files(folder)
    assert errors("scenario", merged) == [], folder


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_every_intervention_file_is_valid_against_its_schema(folder: Path) -> None:
    for path in sorted((folder / "whatifs").glob("*.y*ml")):
        data, _ = read_yaml(path)
        assert errors("intervention", data) == [], path


def test_the_single_citation_form_is_accepted_and_a_wrong_one_refused() -> None:
    data, _ = read_scenario_files(ROOT / "examples" / "tiny-committee")
    actor = data["actors"][0]
    actor["cite"] = {"source": "chronicle", "quote": "the chair"}
    assert errors("scenario", data) == []
    actor["cite"] = {"source": "chronicle", "quote": "the chair", "colour": "red"}
    assert errors("scenario", data)
    actor["cite"] = []
    assert errors("scenario", data)


def test_the_schemas_refuse_what_check_refuses_in_one_file() -> None:
    data, _ = read_scenario_files(ROOT / "examples" / "tiny-committee")
    del data["actors"]
    assert any("'actors' is a required property" in e for e in errors("scenario", data))
    assert errors("part", data) == []
    assert errors("part", {"actorz": []})
    data, _ = read_scenario_files(ROOT / "examples" / "tiny-committee")
    data["groups"][0]["count"] = 2_200_000_000
    assert any("count" in e for e in errors("scenario", data))
    bad = {"id": "x", "description": "y", "edits": [{"move": {"actor": "a"}}]}
    assert errors("intervention", bad)
    assert errors("intervention", {"id": "x", "description": "y", "edits": [{"fly": {}}]})


@pytest.mark.parametrize("kind", KINDS)
def test_schema_command_prints_each_kind(kind: str) -> None:
    result = CliRunner().invoke(app, ["schema", "--kind", kind])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == file_schema(kind)
