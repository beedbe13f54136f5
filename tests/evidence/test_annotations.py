"""Stand-off corrections: kept beside the raw text, checked against it, written whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from politburo.cli.app import app
from politburo.errors import PolitburoError
from politburo.evidence.annotations import (
    Correction,
    add_correction,
    apply_corrections,
    check_corrections,
    read_corrections,
)

TEXT = "The plenum opened onune. In7 the group was routed."
runner = CliRunner()


def test_corrections_are_kept_in_text_order_and_applied(tmp_path: Path) -> None:
    path = tmp_path / "annotations.jsonl"
    add_correction(path, TEXT, Correction(25, 28, "In7", "In [195]7", "chronology"))
    kept = add_correction(path, TEXT, Correction(18, 23, "onune", "on [22 J]une"))
    assert [fix.start for fix in kept] == [18, 25] == [f.start for f in read_corrections(path)]
    assert apply_corrections(TEXT, kept) == (
        "The plenum opened on [22 J]une. In [195]7 the group was routed."
    )


@pytest.mark.parametrize(
    ("fix", "message"),
    [
        (Correction(18, 23, "omune", "on [22 J]une"), "not 'omune'"),
        (Correction(40, 99, "x", "y"), "outside the text"),
        (Correction(20, 26, "une. I", "?"), "overlaps"),
    ],
)
def test_a_correction_that_does_not_fit_is_refused_and_nothing_written(
    tmp_path: Path, fix: Correction, message: str
) -> None:
    path = tmp_path / "annotations.jsonl"
    add_correction(path, TEXT, Correction(18, 23, "onune", "on [22 J]une"))
    before = path.read_bytes()
    with pytest.raises(PolitburoError, match=message):
        add_correction(path, TEXT, fix)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["annotations.jsonl"]


def test_a_changed_source_is_reported_under_its_corrections() -> None:
    fix = Correction(18, 23, "onune", "on [22 J]une")
    with pytest.raises(PolitburoError, match="the source changed"):
        check_corrections([fix], TEXT.replace("onune", "on June"))


def test_a_damaged_annotations_file_names_the_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "annotations.jsonl"
    good = json.dumps(Correction(18, 23, "onune", "x").to_dict())
    path.write_text(f'{good}\n{{"start": "18"}}\nnot json\n', encoding="utf-8")
    with pytest.raises(PolitburoError) as caught:
        read_corrections(path)
    assert [(p.line, p.field) for p in caught.value.problems] == [(2, "start"), (3, None)]


def test_correct_and_corrections_commands(tmp_path: Path) -> None:
    doc = tmp_path / "memo.txt"
    doc.write_text(TEXT + "\n", encoding="utf-8")
    store = tmp_path / "store"
    ingested = runner.invoke(app, ["sources", "ingest", str(doc), "--into", str(store)])
    assert ingested.exit_code == 0, ingested.output
    raw = (store / "memo" / "raw.txt").read_bytes()
    args = ["--store", str(store)]
    added = runner.invoke(
        app, ["sources", "correct", "memo", "25", "28", "In [195]7", "--note", "me", *args]
    )
    assert added.exit_code == 0, added.output
    assert "'In7' -> 'In [195]7'" in added.output
    refused = runner.invoke(app, ["sources", "correct", "memo", "26", "30", "?", *args])
    assert refused.exit_code == 1 and "overlaps" in refused.output
    assert "Traceback" not in refused.output
    listed = runner.invoke(app, ["sources", "corrections", "memo", "--format", "json", *args])
    assert listed.exit_code == 0, listed.output
    assert [r["reading"] for r in json.loads(listed.output)] == ["In [195]7"]
    assert (store / "memo" / "raw.txt").read_bytes() == raw  # the raw text is never edited
    page = tmp_path / "memo.html"
    shown = runner.invoke(app, ["sources", "report", "memo", "--out", str(page), *args])
    assert shown.exit_code == 0, shown.output
    assert "1 corrections" in shown.output
    assert '<span class="fix" title="me">⟨In [195]7⟩</span>' in page.read_text(encoding="utf-8")
    again = runner.invoke(app, ["sources", "ingest", str(doc), "--into", str(store)])
    assert again.exit_code == 0
    assert len(read_corrections(store / "memo" / "annotations.jsonl")) == 1
