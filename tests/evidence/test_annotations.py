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
    fitting,
    read_corrections,
    remove_correction,
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


def test_every_overlap_is_reported_and_the_rest_kept() -> None:
    spans = [Correction(0, 10, TEXT[0:10], "a"), Correction(2, 3, TEXT[2:3], "b")]
    spans.append(Correction(5, 6, TEXT[5:6], "c"))
    kept, problems = fitting([*spans, Correction(18, 23, "onune", "on June")], TEXT)
    assert [fix.reading for fix in kept] == ["a", "on June"]
    assert [p.message.split()[1] for p in problems] == ["2-3", "5-6"]


def test_the_file_keeps_its_mode_and_a_correction_can_be_removed(tmp_path: Path) -> None:
    path = tmp_path / "annotations.jsonl"
    path.touch(mode=0o644)
    path.chmod(0o644)
    add_correction(path, TEXT, Correction(18, 23, "onune", "on [22 J]une"))
    add_correction(path, TEXT, Correction(25, 28, "In7", "In [195]7"))
    assert path.stat().st_mode & 0o777 == 0o644
    assert [fix.start for fix in remove_correction(path, 18, 23)] == [25]
    with pytest.raises(PolitburoError, match="no correction of span 1-2; corrected spans: 25-28"):
        remove_correction(path, 1, 2)


def test_an_unreadable_annotations_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "annotations.jsonl"
    path.mkdir()
    with pytest.raises(PolitburoError) as caught:
        read_corrections(path)
    [problem] = caught.value.problems
    assert problem.file == str(path) and problem.message.startswith("cannot read")


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


def test_a_correction_the_source_outgrew_is_shown_left_out_and_removable(tmp_path: Path) -> None:
    doc = tmp_path / "memo.txt"
    doc.write_text(TEXT + "\n", encoding="utf-8")
    store = tmp_path / "store"
    args = ["--store", str(store)]
    runner.invoke(app, ["sources", "ingest", str(doc), "--into", str(store)])
    runner.invoke(app, ["sources", "correct", "memo", "25", "28", "In [195]7", *args])
    doc.write_text("Preface. " + TEXT + "\n", encoding="utf-8")  # a new scan, text moved
    runner.invoke(app, ["sources", "ingest", str(doc), "--into", str(store)])
    listed = runner.invoke(app, ["sources", "corrections", "memo", "--format", "json", *args])
    assert [r["fits"] for r in json.loads(listed.output)] == [False]
    page = tmp_path / "memo.html"
    shown = runner.invoke(app, ["sources", "report", "memo", "--out", str(page), *args])
    assert shown.exit_code == 0 and "0 corrections" in shown.output
    assert "left out: " in shown.output and "the source changed" in shown.output
    refused = runner.invoke(app, ["sources", "correct", "memo", "0", "7", "Preface", *args])
    assert refused.exit_code == 1 and "remove it" in refused.output
    removed = runner.invoke(app, ["sources", "correct", "memo", "25", "28", "--remove", *args])
    assert removed.exit_code == 0, removed.output
    added = runner.invoke(app, ["sources", "correct", "memo", "0", "7", "Preface", *args])
    assert added.exit_code == 0, added.output
