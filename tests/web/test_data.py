"""The explorer's data and pages without a browser: every scenario, broken ones, escaping."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from politburo.cli.app import app
from politburo.scenario.bundled import bundled_names
from politburo.web.data import divergence, explorer_data, load
from politburo.web.site import write_explorer
from tests.web.conftest import EXAMPLE, HOSTILE, ROOT

LOWER = ("evidence", "scenario", "engine", "experiments", "analysis")


@pytest.mark.parametrize("name", [*sorted(bundled_names()), str(EXAMPLE)])
def test_every_scenario_gives_every_view(name: str) -> None:
    scenario, problems = load(name)
    assert scenario is not None and not problems
    data = explorer_data(scenario)
    assert data["events"] and data["days"] and data["locations"]
    assert set(data["locations"]) == {a["id"] for a in data["actors"]}
    assert all(len(row) == len(data["days"]) for row in data["locations"].values())
    assert data["power"], "every bundled scenario has a voting body"
    for grid in data["power"].values():
        assert all(len(row) == len(data["days"]) for row in grid["values"])
    json.dumps(data)


def test_the_june_vote_and_its_quotes() -> None:
    scenario, _ = load("june-1957")
    assert scenario is not None
    data = explorer_data(scenario)
    (first, *_) = [v for v in data["votes"] if v["day"] == "1957-06-18"]
    assert first["counts"] == {"yes": 6, "no": 2, "abstain": 0, "passed": 1}
    assert first["needed"] == 5 and first["passed"]
    assert {s["member"] for s in first["seating"]} >= set(first["ballots"])
    quoted = [c for e in data["events"] for c in e.get("cites", []) if c.get("quote")]
    assert quoted and all(c["href"].startswith("reports/caesar-xv.html#p") for c in quoted)
    assert data["sources"][0]["claims"] and data["sources"][0]["gaps"]


def test_events_are_told_and_marked_documented_or_simulated() -> None:
    scenario, _ = load("june-1957")
    assert scenario is not None
    events = explorer_data(scenario)["events"]
    assert all(e["text"] and isinstance(e["documented"], bool) for e in events)
    documented = [e for e in events if e["record"]]
    assert documented and all(e["documented"] for e in documented)
    assert any(not e["documented"] for e in events)
    readings = [c for e in events for c in e.get("cites", []) if c.get("reading")]
    assert readings, "the bundled corrections of CAESAR XV give quotes a corrected reading"


def test_divergence_is_the_first_day_that_differs() -> None:
    one = [{"day": "2000-01-01", "kind": "a"}, {"day": "2000-01-02", "kind": "b"}]
    two = [{"day": "2000-01-01", "kind": "a"}, {"day": "2000-01-02", "kind": "c"}]
    assert divergence(one, two) == "2000-01-02" and divergence(one, one) is None


def test_explore_writes_a_small_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["explore", str(EXAMPLE), "--out", str(tmp_path / "x")])
    assert result.exit_code == 0, result.output
    names = sorted(p.relative_to(tmp_path / "x").as_posix() for p in (tmp_path / "x").rglob("*"))
    assert names == [
        "index.html",
        "reports",
        "reports/chronicle.html",
        "static",
        "static/explorer.css",
        "static/explorer.js",
    ]
    page = (tmp_path / "x" / "index.html").read_text(encoding="utf-8")
    assert "http://" not in page.replace("http://www.w3.org", "")
    assert "https://" not in page


def test_explore_refuses_a_folder_of_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = CliRunner().invoke(app, ["explore", str(EXAMPLE), "--out", str(tmp_path)])
    assert result.exit_code == 1 and "notes.txt" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["explore", "--seed", "-5"], "--seed: the seed must be an integer from 0"),
        (["explore", "--seed", str(2**64)], "--seed: the seed must be an integer from 0"),
        (["serve", "--seed", "-1"], "--seed: the seed must be an integer from 0"),
        (["serve", "--port", "70000"], "--port: must be a port from 1 to 65535"),
        (["serve", "--workers", "0"], "--workers: must be at least 1"),
    ],
)
def test_explorer_commands_refuse_bad_options_before_any_work(
    tmp_path: Path, args: list[str], said: str
) -> None:
    out = ["--out", str(tmp_path / "x")] if args[0] == "explore" else []
    result = CliRunner().invoke(app, [*args, *out])
    assert result.exit_code == 1 and said in result.output
    assert "Traceback" not in result.output and not (tmp_path / "x").exists()


def test_a_broken_scenario_gets_its_problems_on_the_page(scenarios: dict[str, Path]) -> None:
    out = scenarios["broken"].parent / "broken-site"
    result = write_explorer(scenarios["broken"], out)
    assert result.problems
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "fails its checks" in page and "scenario.yaml" in page
    assert HOSTILE not in page and "&lt;script&gt;" in page


def test_hostile_text_is_escaped_in_every_page(scenarios: dict[str, Path]) -> None:
    out = scenarios["hostile"].parent / "hostile-site"
    result = write_explorer(scenarios["hostile"], out)
    assert not result.problems, result.problems
    for path in out.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        assert HOSTILE not in page, path
        assert "alert" in page, path  # the text is there, escaped


def test_lower_layers_never_import_the_web_layer() -> None:
    for layer in LOWER:
        for path in (ROOT / "src" / "politburo" / layer).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module:
                    assert not node.module.startswith("politburo.web"), path
                if isinstance(node, ast.Import):
                    assert not any(a.name.startswith("politburo.web") for a in node.names), path


def test_quotes_give_the_corrected_reading_beside_the_raw_text(tmp_path: Path) -> None:
    from politburo.evidence.annotations import Correction, add_correction
    from politburo.web.data import _Quotes, source_evidence

    scenario, _ = load(EXAMPLE)
    assert scenario is not None
    text = scenario.source_texts["chronicle"]
    at = text.index("moved that Vance") + len("moved that ")
    fix = Correction(at, at + 5, "Vance", "Ada Vance", "full name")
    (tmp_path / "chronicle").mkdir()
    add_correction(tmp_path / "chronicle" / "annotations.jsonl", text, fix)
    evidence = source_evidence(scenario, tmp_path)
    (row,) = _Quotes(scenario, evidence).of("bodies/council/powers/0")
    assert row["quote"] == "moved that Vance be removed as chairman"
    assert row["reading"] == "moved that Ada Vance be removed as chairman"
    assert row["href"].startswith("reports/chronicle.html#p")


def test_the_served_pages_escape_hostile_text_too(scenarios: dict[str, Path]) -> None:
    from politburo.web.server import Explorer

    for name in ("hostile", "broken"):
        explorer = Explorer.open(scenarios[name], workers=1)
        try:
            for page in [explorer.page, *explorer.reports.values()]:
                assert HOSTILE not in page and 'data-mode="served"' in explorer.page
        finally:
            explorer.close()
