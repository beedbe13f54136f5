"""Loading scenario folders: the example, line marks, and the messages for broken input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from politburo.errors import PolitburoError
from politburo.scenario import load_scenario
from politburo.scenario.queries import location, voting_members
from tests.conftest import EXAMPLE


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(PolitburoError) as caught:
        load_scenario(folder)
    return [str(p) for p in caught.value.problems]


def edit(folder: Path, old: str, new: str, file: str = "scenario.yaml") -> None:
    path = folder / file
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_example_loads_with_its_facts() -> None:
    scenario = load_scenario(EXAMPLE)
    assert scenario.id == "tiny-committee"
    assert location(scenario, "vance", dt.date(1990, 5, 5)) == "porto"
    assert location(scenario, "vance", dt.date(1990, 5, 9)) == "harbour"


def test_voting_roll_leaves_out_the_absent_and_candidates() -> None:
    roll = voting_members(load_scenario(EXAMPLE), "council", dt.date(1990, 5, 5))
    assert set(roll.members) == {"kell", "lint", "marr", "orin"}
    assert roll.absent == ("vance",)
    assert roll.quota == 3


def test_bloc_not_voting_as_one_counts_each_member() -> None:
    roll = voting_members(load_scenario(EXAMPLE), "assembly", dt.date(1990, 5, 5))
    assert len(roll.members) == 40 and set(roll.weights) == {1}
    assert roll.quota == 21


def test_unknown_reference_names_file_line_and_field(tiny_copy: Path) -> None:
    edit(tiny_copy, "to: vance, kind: patron", "to: nobody, kind: patron")
    [message] = problems_of(tiny_copy)
    assert "scenario.yaml:113: actors[marr].ties[0].to: unknown actor or group 'nobody'" in message


def test_quote_must_be_found_verbatim(tiny_copy: Path) -> None:
    edit(tiny_copy, '"Dov Marr owes his career to Vance"}}', '"Dov Marr owes his life to Vance"}}')
    [message] = problems_of(tiny_copy)
    assert "actors[marr].ties[0].cite[0].quote: quote not found" in message


def test_every_schema_problem_is_reported_at_once(tiny_copy: Path) -> None:
    edit(tiny_copy, "count: 40", "count: forty")
    edit(tiny_copy, "reliability: C", "reliability: Z")
    messages = problems_of(tiny_copy)
    assert len(messages) == 2
    assert any("groups[delegates].count" in m for m in messages)
    assert any("sources[chronicle].reliability" in m for m in messages)


def test_overlapping_itinerary(tiny_copy: Path) -> None:
    edit(tiny_copy, "start: 1990-05-03, end: 1990-05-08", "start: 1990-05-02, end: 1990-05-08")
    [message] = problems_of(tiny_copy)
    assert "actors[vance].itinerary[1].start: stay overlaps" in message


def test_impossible_date_gives_line(tiny_copy: Path) -> None:
    edit(
        tiny_copy,
        "start: 1990-05-03\n    end: 1990-05-08",
        "start: 1990-02-30\n    end: 1990-05-08",
    )
    [message] = problems_of(tiny_copy)
    assert "impossible date '1990-02-30'" in message and "scenario.yaml:" in message
    assert "calendar[spring-fair].start: impossible date" in message


def test_every_impossible_value_of_a_file_is_said_at_once(tiny_copy: Path) -> None:
    edit(tiny_copy, "window_start: 1990-05-03", "window_start: 1990-02-30")
    edit(tiny_copy, "window_end: 1990-05-08", "window_end: 1990-13-08")
    messages = problems_of(tiny_copy)
    assert len(messages) == 2, messages
    assert "challenges[move-against-vance].window_start: impossible date" in messages[0]
    assert "challenges[move-against-vance].window_end: impossible date" in messages[1]


def test_duplicate_key_names_its_field(tiny_copy: Path) -> None:
    edit(tiny_copy, "    body: council\n    absent: [vance]", "    body: council\n    body: x")
    [message] = problems_of(tiny_copy)
    assert "record[council-meets].body: duplicate key 'body'" in message


CHALLENGE_CITE = (
    '    cite: {source: chronicle, quote: "moved that Vance be removed as chairman"}\n\nrecord'
)
"""The example's challenge's citation, the last line before its record."""

RECORD_BODY = "    body: council\n    ab"
"""The ``body`` of the example's record target ``council-meets`` (followed by ``absent``)."""


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        (RECORD_BODY, "    bodyy: council\n    ab", "record[council-meets].body: required"),
        (RECORD_BODY, "    bodyy: council\n    ab", "record[council-meets].bodyy: unknown"),
        ("    date: 1990-05-05\n", "    date: May 5\n", "record[council-meets].date: expected"),
        ("    kind: meeting\n", "    kind: meetings\n", "record[council-meets].kind: unknown kind"),
        ("    kind: meeting\n", "", "record[council-meets].kind: required field is missing"),
        (
            "    kind: meeting\n",
            "    kind: office\n    office: Chairman\n    actor: kell\n",
            "record[council-meets].office: an id is lower-case",
        ),
        (
            "leaders: [kell, lint]",
            "leaders: [Kell, lint]",
            "challenges[move-against-vance].leaders[0]: an id is lower-case letters",
        ),
        ('    date: "1990"', "    date: 1990", "sources[chronicle].date: expected text, got the"),
        (
            CHALLENGE_CITE,
            "    cite: chronicle p. 3\n\nrecord",
            "challenges[move-against-vance].cite: a citation is {source: <id>, quote:",
        ),
        (
            "window_end: 1990-05-08",
            "window_end: 1990-05-01",
            "challenges[move-against-vance]: window_end is before window_start",
        ),
    ],
)
def test_a_schema_problem_names_its_field_in_the_formats_terms(
    tiny_copy: Path, old: str, new: str, shown: str
) -> None:
    """A record target's own field, not its kind (which pydantic puts in the location of
    every problem); messages in the format's words, not pydantic's."""
    edit(tiny_copy, old, new)
    messages = problems_of(tiny_copy)
    assert any(shown in m for m in messages), messages


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("19900501", "got 19900501"),
        ("May 1990", "got 'May 1990'"),
        ("1990-05-01 10:00:00", "got 1990-05-01 10:00:00"),
    ],
)
def test_date_not_written_as_a_date_says_the_form(
    tiny_copy: Path, written: str, shown: str
) -> None:
    edit(tiny_copy, "start: 1990-05-01", f"start: {written}")
    [message] = problems_of(tiny_copy)
    assert f"scenario.yaml:6: start: expected a date written YYYY-MM-DD, {shown}" in message


def test_nan_is_called_not_a_number(tiny_copy: Path) -> None:
    edit(tiny_copy, "threshold: 0.5", "threshold: .nan")
    [message] = problems_of(tiny_copy)
    assert "bodies[council].rule.threshold: expected a number, got .nan" in message


def test_duplicate_ids(tiny_copy: Path) -> None:
    edit(tiny_copy, "  - id: orin\n", "  - id: kell\n")
    messages = problems_of(tiny_copy)
    assert any("actors[kell].id: duplicate id 'kell'" in m for m in messages)


def test_malformed_yaml(tiny_copy: Path) -> None:
    (tiny_copy / "more.yaml").write_text("issues: [unclosed\n")
    [message] = problems_of(tiny_copy)
    assert "more.yaml" in message and "malformed YAML" in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x00\x01\x02binary", "binary"),
        (b"", "empty"),
        (b"\xff\xfe\xfa not utf8", "not UTF-8"),
        (b"- just\n- a list\n", "mapping of sections"),
        (b"villains: []\n", "unknown section"),
        (b"actors: []\n", "section also given"),
    ],
)
def test_bad_extra_files(tiny_copy: Path, content: bytes, expected: str) -> None:
    (tiny_copy / "extra.yaml").write_bytes(content)
    messages = problems_of(tiny_copy)
    assert any(expected in m and "extra.yaml" in m for m in messages)


def test_huge_file_is_refused(tiny_copy: Path) -> None:
    (tiny_copy / "extra.yaml").write_bytes(b"# x\n" * (2 * 1024 * 1024))
    [message] = problems_of(tiny_copy)
    assert "the limit is" in message


def test_missing_scenario_file(tmp_path: Path) -> None:
    [message] = problems_of(tmp_path)
    assert "needs a scenario.yaml" in message


def test_unknown_bundled_name() -> None:
    with pytest.raises(PolitburoError, match="no scenario folder or bundled scenario"):
        load_scenario("no-such-crisis")


def test_yaml_merges_may_be_overridden_and_name_the_items_they_give_an_id(
    tmp_path: Path,
) -> None:
    from politburo.scenario.yaml_marks import read_yaml

    path = tmp_path / "merge.yaml"
    path.write_text(
        "base: &b {name: X, kind: patron}\n"
        "items:\n"
        "  - {<<: *b, id: first, name: Y}\n"
        "  - id: 5\n"
        "    start: 1990-02-30\n"
    )
    with pytest.raises(PolitburoError) as caught:
        read_yaml(path)
    assert str(caught.value).endswith(
        "merge.yaml:5: items[1].start: impossible date '1990-02-30': day is out of range for month"
    )
    path.write_text(
        "base: &b {id: merged, name: X}\nitems:\n  - {<<: *b, name: Y, end: 1990-02-30}\n"
    )
    with pytest.raises(PolitburoError, match=r"items\[merged\]\.end: impossible date"):
        read_yaml(path)
    path.write_text("base: &b {name: X, kind: patron}\nitems:\n  - {<<: *b, id: first, name: Y}\n")
    data, _ = read_yaml(path)
    assert data["items"][0] == {"name": "Y", "kind": "patron", "id": "first"}
    path.write_text("a: 1\nb: 2\na: 3\n")
    with pytest.raises(PolitburoError, match=r"merge\.yaml:3: a: duplicate key 'a'"):
        read_yaml(path)
