"""Intervention files, friendly operations, --set, named what-ifs, and their messages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from politburo.errors import PolitburoError
from politburo.experiments.interventions import (
    apply_interventions,
    from_assignments,
    load_intervention,
    named_whatifs,
    resolve_intervention,
)
from politburo.scenario import Scenario
from politburo.scenario.queries import location
from tests.experiments.conftest import write

HEADER = "id: test\ndescription: A test.\nedits:\n"


def intervention(tmp_path: Path, scenario: Scenario, body: str) -> Scenario:
    path = write(tmp_path, "i.yaml", HEADER + body)
    return load_intervention(path, scenario).apply(scenario)


def problems(tmp_path: Path, scenario: Scenario, body: str) -> list[str]:
    path = write(tmp_path, "i.yaml", HEADER + body)
    with pytest.raises(PolitburoError) as caught:
        load_intervention(path, scenario)
    return [str(p) for p in caught.value.problems]


def test_move_trims_overlapping_stays(tmp_path: Path, contested: Scenario) -> None:
    edited = intervention(
        tmp_path,
        contested,
        "  - move: {actor: vance, place: harbour, start: 1990-05-04, end: 1990-05-05}\n",
    )
    days = {d: location(edited, "vance", dt.date(1990, 5, d)) for d in range(1, 13)}
    assert days[3] == days[6] == "porto"
    assert days[4] == days[5] == "harbour"
    assert location(contested, "vance", dt.date(1990, 5, 4)) == "porto"


def test_move_without_end_lasts_to_the_last_day(tmp_path: Path, contested: Scenario) -> None:
    edited = intervention(
        tmp_path, contested, "  - move: {actor: kell, place: porto, start: 1990-05-10}\n"
    )
    assert location(edited, "kell", dt.date(1990, 5, 12)) == "porto"
    assert location(edited, "kell", dt.date(1990, 5, 9)) == "harbour"


def test_ties_cut_and_added(tmp_path: Path, contested: Scenario) -> None:
    edited = intervention(
        tmp_path,
        contested,
        (
            "  - cut_tie: {actor: marr, to: vance}\n"
            "  - add_tie: {actor: noor, to: kell, kind: client, strength: 0.9, mutual: true}\n"
        ),
    )
    actors = {a.id: a for a in edited.model.actors}
    assert actors["marr"].ties == []
    assert [(t.to, t.kind, t.strength) for t in actors["noor"].ties] == [("kell", "client", 0.9)]
    assert [(t.to, t.kind) for t in actors["kell"].ties] == [("noor", "patron")]
    assert actors["noor"].ties[0].cite[0].assumption is not None


def test_fix_side_shift_rule_resource(tmp_path: Path, contested: Scenario) -> None:
    edited = intervention(
        tmp_path,
        contested,
        (
            "  - fix_side: {actor: noor, side: challengers}\n"
            "  - fix_side: {actor: delegates, side: incumbent}\n"
            "  - shift_challenge: {challenge: move-against-vance, days: 2}\n"
            "  - set_rule: {body: council, threshold: 0.66, of: members}\n"
        ),
    )
    m = edited.model
    assert next(a for a in m.actors if a.id == "noor").side == "challengers"
    disposition = m.groups[0].disposition
    assert (disposition.loyal, disposition.wavering, disposition.hostile) == (1.0, 0.0, 0.0)
    assert (m.challenges[0].window_start, m.challenges[0].window_end) == (
        dt.date(1990, 5, 5),
        dt.date(1990, 5, 10),
    )
    assert (m.bodies[0].rule.threshold, m.bodies[0].rule.of) == (0.66, "members")


def test_assume_settles_a_contested_fact(tmp_path: Path, contested: Scenario) -> None:
    edited = intervention(
        tmp_path, contested, "  - assume: {contested: marr-loyalty, version: independent}\n"
    )
    assert [c.id for c in edited.model.contested] == ["vance-return"]
    assert next(a for a in edited.model.actors if a.id == "marr").ties == []


def test_raw_edits_and_operations_mix_in_order(tmp_path: Path, contested: Scenario) -> None:
    edited = intervention(
        tmp_path,
        contested,
        (
            "  - add_tie: {actor: noor, to: kell, kind: ally}\n"
            "  - {op: set, path: actors/noor/ties/to=kell/strength, value: 0.2}\n"
        ),
    )
    noor = next(a for a in edited.model.actors if a.id == "noor")
    assert noor.ties[0].strength == 0.2


def test_every_mistake_named_with_line_and_field(tmp_path: Path, contested: Scenario) -> None:
    found = problems(
        tmp_path,
        contested,
        (
            "  - move: {actor: vancex, place: harbour, start: 1990-05-03}\n"  # line 4
            "  - shift_challenge: {challenge: move-against-vance, days: 20}\n"  # line 5
            "  - set_rule: {body: council, threshold: 1.5}\n"  # line 6
            "  - frobnicate: {x: 1}\n"  # line 7
            "  - move: {actor: vance, plac: porto, start: 1990-05-03}\n"  # line 8
            "  - {op: set, path: actors/nobody/name, value: x}\n"  # line 9
            "  - remove_resource: {office: chairman, resource: guards}\n"  # line 10
            "  - move: {actor: vance, place: harbour, start: 1991-01-01}\n"
        ),
    )  # line 11
    i = "i.yaml"
    expected = [
        f"{i}:4: edits[0].move.actor: unknown actor or bloc 'vancex'; known: delegates, kell",
        f"{i}:5: edits[1].shift_challenge.days: date 1990-05-23 is outside the scenario",
        f"{i}:6: edits[2].set_rule.threshold: Input should be less than or equal to 1",
        f"{i}:7: edits[3]: unknown edit (frobnicate)",
        f"{i}:8: edits[4].move.place: required field is missing",
        f"{i}:8: edits[4].move.plac: unknown field",
        f"{i}:10: edits[6].remove_resource.resource: unknown resource of chairman 'guards'",
        f"{i}:11: edits[7].move.start: date 1991-01-01 is outside the scenario",
        f"{i}:9: edits[5].path: no item 'nobody' in actors; it has ids: vance, kell",
    ]
    assert len(found) == len(expected)
    for message, start in zip(found, expected, strict=True):
        assert start in message, (message, start)


def test_date_and_nan_in_an_edit_are_said_in_the_scenario_terms(
    tmp_path: Path, contested: Scenario
) -> None:
    found = problems(
        tmp_path,
        contested,
        (
            "  - move: {actor: vance, place: harbour, start: 19900503}\n"  # line 4
            "  - set_rule: {body: council, threshold: .nan}\n"  # line 5
        ),
    )
    expected = [
        "/i.yaml:4: edits[0].move.start: expected a date written YYYY-MM-DD, got 19900503",
        "/i.yaml:5: edits[1].set_rule.threshold: expected a number, got .nan (not a number)",
    ]
    assert len(found) == len(expected)
    for message, end in zip(found, expected, strict=True):
        assert message.endswith(end), (message, end)


def test_set_without_a_value_is_said_with_the_other_mistakes(
    tmp_path: Path, contested: Scenario
) -> None:
    found = problems(
        tmp_path,
        contested,
        (
            "  - {op: change, path: actors/vance/name, value: X}\n"  # line 4
            "  - {op: set, path: actors/vance/name}\n"  # line 5
            "  - {op: set, path: challenges/move-against-vance/chair_to, value: null}\n"
        ),
    )
    assert len(found) == 2, found
    assert found[0].endswith("/i.yaml:4: edits[0].op: Input should be 'set', 'append' or 'remove'")
    assert found[1].endswith("/i.yaml:5: edits[1]: set needs a value (value: null clears a field)")


def test_a_whatif_may_not_edit_the_record(tmp_path: Path, contested: Scenario) -> None:
    """Said with the other mistakes of the file."""
    found = problems(
        tmp_path,
        contested,
        (
            "  - {op: remove, path: record/council-meets}\n"  # line 4
            "  - {op: set, path: actors/nobody/name, value: X}\n"  # line 5
        ),
    )
    assert len(found) == 2, found
    assert "/i.yaml:4: edits[0].path: a what-if changes what happens, not the record" in found[0]
    assert "/i.yaml:5: edits[1].path: no item 'nobody' in actors" in found[1]


def test_validation_problem_points_into_the_intervention(
    tmp_path: Path, contested: Scenario
) -> None:
    [message] = problems(
        tmp_path, contested, "  - {op: set, path: actors/kell/grievances/0/weight, value: 2}\n"
    )
    assert "i.yaml:4: actors[kell].grievances[0].weight: Input should be less than" in message


def test_header_mistakes(tmp_path: Path, contested: Scenario) -> None:
    path = write(tmp_path, "h.yaml", "id: Bad Id\nedits: []\ncolour: red\n")
    with pytest.raises(PolitburoError) as caught:
        load_intervention(path, contested)
    found = {(p.line, p.field) for p in caught.value.problems}
    assert found == {(1, "id"), (1, "description"), (2, "edits"), (3, "colour")}


def test_assignments_parse_yaml_values_and_selectors(contested: Scenario) -> None:
    what_if = from_assignments(
        [
            "actors/marr/ties/to=vance/strength=0.25",
            "challenges/0/window_start=1990-05-04",
            "actors/kell/name=Boris = K",
        ],
        contested,
    )
    assert [(e.edit.path, e.edit.value) for e in what_if.edits] == [
        ("actors/marr/ties/to=vance/strength", 0.25),
        ("challenges/0/window_start", dt.date(1990, 5, 4)),
        ("actors/kell/name", "Boris = K"),
    ]
    edited = what_if.apply(contested)
    assert edited.model.actors[3].ties[0].strength == 0.25


def test_assignment_mistakes_name_the_option(contested: Scenario) -> None:
    with pytest.raises(PolitburoError) as caught:
        from_assignments(["no-equals-sign", "a=[unclosed"], contested)
    assert [(p.file, p.line) for p in caught.value.problems] == [("--set", 1), ("--set", 2)]
    with pytest.raises(PolitburoError) as caught:
        from_assignments(["actors/kell/nobody/x=1", "actors/kell/grievances/0/weight=2"], contested)
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("--set", 1)
    assert "no field 'nobody' at actors/kell" in problem.message
    with pytest.raises(PolitburoError) as caught:
        from_assignments(["colour=red", "actors/kell/grievances/0/weight=2"], contested)
    assert {(p.file, p.line, p.field, p.message) for p in caught.value.problems} == {
        ("--set", 1, "colour", "unknown field"),
        (
            "--set",
            2,
            "actors[kell].grievances[0].weight",
            "Input should be less than or equal to 1",
        ),
    }


def test_named_whatifs_and_paths(tmp_path: Path, contested: Scenario) -> None:
    assert list(named_whatifs(contested)) == ["vance-stays-home"]
    assert resolve_intervention("vance-stays-home", contested).id == "vance-stays-home"
    path = write(tmp_path, "mine.yaml", HEADER + "  - fix_side: {actor: noor, side: incumbent}\n")
    assert resolve_intervention(str(path), contested).id == "test"
    with pytest.raises(PolitburoError) as caught:
        resolve_intervention("vance-stays-hom", contested)
    assert "it has: vance-stays-home" in str(caught.value)


def test_interventions_apply_together(tmp_path: Path, contested: Scenario) -> None:
    first = resolve_intervention("vance-stays-home", contested)
    second = from_assignments(["bodies/council/rule/threshold=0.7"], contested)
    edited = apply_interventions(contested, [first, second])
    assert edited.model.bodies[0].rule.threshold == 0.7
    assert location(edited, "vance", dt.date(1990, 5, 5)) == "harbour"
    assert first.digest() != second.digest()
    assert first.digest() == resolve_intervention("vance-stays-home", contested).digest()
