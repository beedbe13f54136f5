"""The ``politburo sources`` commands, exit codes, and Dask ingestion."""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from politburo.cli.app import app
from politburo.errors import PolitburoError

runner = CliRunner()
MODULES = [
    "sources",
    "passages",
    "store",
    "ocr_distance",
    "gazetteer",
    "lexicon",
    "mentions",
    "dates",
    "gaps",
    "records",
    "claims",
    "consistency",
    "parallel",
    "text",
]


@pytest.mark.parametrize("name", MODULES)
def test_module_exports(name: str) -> None:
    assert importlib.import_module(f"politburo.evidence.{name}").__all__


def test_ingest_then_query_the_store(tmp_path: Path, caesar_path: Path) -> None:
    store = tmp_path / "store"
    result = runner.invoke(
        app, ["sources", "ingest", str(caesar_path), "--into", str(store), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.output)
    assert record["id"] == "caesar-xv" and record["passages"] > 100
    result = runner.invoke(
        app, ["sources", "mentions", "caesar-xv", "--store", str(store), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    mentions = json.loads(result.output)
    assert {"saburov", "voroshilov", "khrushchev"} <= {m["entity"] for m in mentions}
    result = runner.invoke(app, ["sources", "gaps", "caesar-xv", "--store", str(store)])
    assert result.exit_code == 0 and "[195]7" in result.output and "June" in result.output


def test_commands_on_the_scenario_source(tmp_path: Path) -> None:
    result = runner.invoke(app, ["sources", "claims", "--format", "json"])
    assert result.exit_code == 0, result.output
    claims = json.loads(result.output)
    grades = {c["grade"][0] for c in claims}
    assert grades <= set("ABCDEF") and any(c["anchors"] for c in claims)
    assert all(a.startswith("caesar-xv#p") for c in claims for a in c["anchors"])
    result = runner.invoke(app, ["sources", "conflicts"])
    assert result.exit_code == 0 and "voroshilov" in result.output and "saburov" in result.output
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["sources", "report", "caesar-xv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'class="gap"' in page and 'class="m"' in page
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # readable as any file written
    pdf = runner.invoke(app, ["sources", "report", "caesar-xv", "--out", str(tmp_path / "r.pdf")])
    assert pdf.exit_code == 1 and "the report is an HTML page: name it .html" in pdf.output
    assert not (tmp_path / "r.pdf").exists()


def test_bad_input_exits_1_with_a_message(tmp_path: Path) -> None:
    blob = tmp_path / "image.png"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    store = tmp_path / "store"
    result = runner.invoke(app, ["sources", "ingest", str(blob), str(empty), "--into", str(store)])
    assert result.exit_code == 1
    assert "binary file" in result.output and "empty" in result.output
    assert "Traceback" not in result.output
    assert not store.exists() or list(store.iterdir()) == []
    result = runner.invoke(app, ["sources", "mentions", "no-such-source", "--store", str(store)])
    assert result.exit_code == 1 and "neither a file" in result.output
    gazetteer = tmp_path / "g.yaml"
    gazetteer.write_text("actors:\n  kozlov: Kozlov\n")
    result = runner.invoke(app, ["sources", "mentions", str(blob), "--gazetteer", str(gazetteer)])
    assert result.exit_code == 1 and "list of strings" in result.output


def test_user_gazetteer_on_user_file(tmp_path: Path) -> None:
    doc = tmp_path / "memo.txt"
    doc.write_text("Comrade Ivanov met Petrov ln Moscow.\n", encoding="cp1252")
    gazetteer = tmp_path / "g.json"
    gazetteer.write_text(json.dumps({"actors": {"ivanov": ["Ivanov"], "petrov": ["Petrov"]}}))
    result = runner.invoke(
        app, ["sources", "mentions", str(doc), "--gazetteer", str(gazetteer), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert [m["entity"] for m in json.loads(result.output)] == ["ivanov", "petrov"]


def test_dask_ingests_a_corpus_in_parallel(tmp_path: Path) -> None:
    from politburo.evidence.parallel import ingest_many

    files = []
    for number in range(4):
        path = tmp_path / f"doc{number}.txt"
        path.write_text(f"Document {number}.\n\nKozlov in Leningrad.\n", encoding="utf-8")
        files.append(path)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    store = tmp_path / "store"
    done = ingest_many(files, store, workers=2)
    assert [s.id for s in done] == ["doc0", "doc1", "doc2", "doc3"]
    with pytest.raises(PolitburoError) as caught:
        ingest_many([*files, bad], tmp_path / "other", workers=2)
    assert [p.file for p in caught.value.problems] == [str(bad)]
    assert sorted(p.name for p in (tmp_path / "other").iterdir()) == [
        "doc0",
        "doc1",
        "doc2",
        "doc3",
    ]
    clash = tmp_path / "sub"
    clash.mkdir()
    (clash / "doc0.txt").write_text("x")
    with pytest.raises(PolitburoError, match="already given"):
        ingest_many([files[0], clash / "doc0.txt"], store)


def test_ingest_reports_a_partial_failure_the_same_with_or_without_dask(tmp_path: Path) -> None:
    files = []
    for number in range(2):
        path = tmp_path / f"doc{number}.txt"
        path.write_text(f"Document {number}.\n\nKozlov in Leningrad.\n", encoding="utf-8")
        files.append(str(path))
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    outputs = {}
    for workers in ("1", "2"):
        store = tmp_path / f"store-{workers}"
        result = runner.invoke(
            app,
            ["sources", "ingest", *files, str(bad), "--into", str(store), "--workers", workers],
        )
        assert result.exit_code == 1
        assert sorted(p.name for p in store.iterdir()) == ["doc0", "doc1"]
        outputs[workers] = result.output.replace(str(store), "STORE")
    assert outputs["1"] == outputs["2"]
    assert outputs["1"].count("passages") == 2  # the files that were ingested
    assert str(bad) in outputs["1"] and "Traceback" not in outputs["1"]


def test_ingesting_other_text_under_a_stored_id_is_said(tmp_path: Path) -> None:
    """The same text again replaces quietly (a re-run); other text warns, naming the file
    the stored one came from."""
    first, other = tmp_path / "first.txt", tmp_path / "other.txt"
    first.write_text("Kozlov in Leningrad.\n\nShvernik in Ufa.\n")
    other.write_text("A different paper.\n")
    store = str(tmp_path / "store")
    args = ["sources", "ingest", "--id", "doc", "--into", store]
    assert runner.invoke(app, [*args, str(first)]).exit_code == 0
    again = runner.invoke(app, [*args, str(first)])
    assert again.exit_code == 0 and "warning" not in again.stderr
    replaced = runner.invoke(app, [*args, str(other)])
    assert replaced.exit_code == 0
    assert "warning: doc: replaced a source of other text, read from" in replaced.stderr
    assert str(first) in replaced.stderr
