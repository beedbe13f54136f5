"""Passages, anchors and the store: byte-for-byte, stable, all or nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from politburo.errors import PolitburoError
from politburo.evidence.passages import Anchor, passage_at, resolve_anchor, split_passages
from politburo.evidence.store import ingest_file, list_sources, load_source

paragraphs = st.lists(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=60),
    min_size=1,
    max_size=8,
)


@settings(max_examples=80, deadline=None)
@given(paragraphs, st.lists(st.integers(min_value=1, max_value=40), max_size=10))
def test_passages_are_exact_slices_whatever_the_chunking(parts: list[str], cuts: list[int]) -> None:
    raw = "\n\n".join(parts)
    whole = list(split_passages(raw, "doc"))
    chunks, position = [], 0
    for cut in cuts:
        chunks.append(raw[position : position + cut])
        position += cut
    chunks.append(raw[position:])
    assert list(split_passages(iter(chunks), "doc")) == whole
    for number, passage in enumerate(whole, 1):
        assert raw[passage.start : passage.end] == passage.text
        assert passage.number == number
        assert passage.text == passage.text.strip()
        assert Anchor.parse(str(passage.anchor)) == passage.anchor


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="ab \n", min_size=0, max_size=300), st.integers(2, 30))
def test_long_paragraphs_are_cut(raw: str, limit: int) -> None:
    for passage in split_passages(raw, "doc", max_chars=limit):
        assert len(passage.text) <= limit
        assert raw[passage.start : passage.end] == passage.text


def test_anchor_survives_reingestion_with_new_text_above() -> None:
    old = list(split_passages("Intro.\n\nSaburov left for Warsaw.", "doc"))
    new = list(split_passages("Cover.\n\nIntro.\n\nSaburov left for Warsaw.", "doc"))
    found = resolve_anchor(str(old[1].anchor), new)
    assert found is not None and found.text == "Saburov left for Warsaw."
    changed = list(split_passages("Intro.\n\nSaburov left for Moscow.", "doc"))
    assert resolve_anchor(old[1].anchor, changed) is None
    assert passage_at(new, new[2].start).number == 3
    with pytest.raises(PolitburoError):
        Anchor.parse("not an anchor")


def test_ingest_keeps_raw_bytes_and_is_stable(tmp_path: Path, caesar_path: Path) -> None:
    store = tmp_path / "store"
    first = ingest_file(caesar_path, store)
    assert first.id == "caesar-xv"
    raw = (store / "caesar-xv" / first.raw_name).read_bytes()
    assert raw == caesar_path.read_bytes()
    assert first.sha256 == hashlib.sha256(raw).hexdigest()
    passages = list(first.iter_passages())
    text = first.text()
    assert all(text[p.start : p.end] == p.text for p in passages)
    (store / "caesar-xv" / "annotations.jsonl").write_text('{"note": "kept"}\n')
    second = ingest_file(caesar_path, store)
    assert list(second.iter_passages()) == passages
    assert "kept" in (store / "caesar-xv" / "annotations.jsonl").read_text()
    assert [s.id for s in list_sources(store)] == ["caesar-xv"]
    assert json.loads((store / "caesar-xv" / "source.json").read_text())["passages"] == len(
        passages
    )


def test_failed_ingest_leaves_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    good = tmp_path / "doc.txt"
    good.write_text("Kozlov in Leningrad.\n", encoding="utf-8")
    ingest_file(good, store)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok text " * 20_000 + b"\xff\xfe broken at the end")
    with pytest.raises(PolitburoError):
        ingest_file(bad, store, source_id="doc", encoding="utf-8")
    assert sorted(p.name for p in store.iterdir()) == ["doc"]  # no temporary folder left
    assert load_source(store, "doc").text() == "Kozlov in Leningrad.\n"  # old version intact
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\n \t\n")
    with pytest.raises(PolitburoError, match="whitespace"):
        ingest_file(blank, store)
    assert sorted(p.name for p in store.iterdir()) == ["doc"]
    with pytest.raises(PolitburoError, match="no source"):
        load_source(store, "nothing")


def test_big_file_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    block = ("Molotov and Kaganovich met in Moscow. " * 50 + "\n\n").encode()
    with path.open("wb") as out:
        for _ in range(4000):  # about 7.6 MB
            out.write(block)
    record = ingest_file(path, tmp_path / "store")
    assert record.passages == 4000
    assert record.size == path.stat().st_size
