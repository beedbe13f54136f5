"""Applying edits to scenario data: paths, operations, provenance of values, messages."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from politburo.errors import PolitburoError
from politburo.scenario import Scenario, load_scenario
from politburo.scenario.editing import (
    LocatedEdit,
    apply_edits,
    edit_scenario,
    edited_data,
)
from politburo.scenario.paths import resolve as lookup
from politburo.scenario.paths import split_path
from politburo.scenario.schema import Edit
from politburo.scenario.yaml_marks import Marks
from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def tiny() -> Scenario:
    return load_scenario(EXAMPLE)


def located(op: str, path: str, value: Any = None, line: int = 7) -> LocatedEdit:
    return LocatedEdit(
        Edit(op=op, path=path, value=value), "what.yaml", line, "edits[0]", "intervention 'w'"
    )


def apply(scenario: Scenario, *edits: LocatedEdit) -> tuple[dict[str, Any], Marks]:
    return apply_edits(scenario.raw, scenario.marks, list(edits))


def test_set_by_id_selector_and_position(tiny: Scenario) -> None:
    raw, _ = apply(
        tiny,
        located("set", "actors/marr/ties/to=vance/strength", 0.1),
        located("set", "actors/vance/itinerary/-1/place", "porto"),
        located("set", "bodies/council/rule/threshold", 0.66),
    )
    assert lookup(raw, "actors/marr/ties/0/strength") == 0.1
    assert lookup(raw, "actors/vance/itinerary/2/place") == "porto"
    assert lookup(raw, "bodies/council/rule/threshold") == 0.66


def test_original_data_is_untouched(tiny: Scenario) -> None:
    before = copy.deepcopy(tiny.raw)
    apply(tiny, located("remove", "actors/marr"), located("append", "actors/kell/aliases", "K"))
    assert tiny.raw == before


def test_append_creates_a_missing_list_and_remove_deletes(tiny: Scenario) -> None:
    raw, _ = apply(
        tiny,
        located("append", "actors/kell/aliases", "Boris"),
        located("append", "actors/kell/aliases", "B. Kell"),
        located("remove", "actors/noor/traits/name=vacillation"),
    )
    assert lookup(raw, "actors/kell/aliases") == ["Boris", "B. Kell"]
    assert lookup(raw, "actors/noor/traits") == []


def test_values_brought_by_an_edit_are_located_at_the_edit(tiny: Scenario) -> None:
    _, marks = apply(tiny, located("set", "actors/marr/ties/0/strength", 0.1, line=42))
    index = [a["id"] for a in tiny.raw["actors"]].index("marr")
    assert marks.locate(("actors", index, "ties", 0, "strength")) == ("what.yaml", 42)
    original = tiny.marks.locate(("actors", index, "ties", 0, "to"))
    assert marks.locate(("actors", index, "ties", 0, "to")) == original


def test_marks_follow_records_when_a_list_shifts(tiny: Scenario) -> None:
    _, marks = apply(tiny, located("remove", "actors/vance"))
    kell = [a["id"] for a in tiny.raw["actors"]].index("kell")
    assert marks.locate(("actors", kell - 1, "name")) == tiny.marks.locate(("actors", kell, "name"))


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            located("set", "actors/nobody/name", "X"),
            "no item 'nobody' in actors; it has ids: vance, kell, lint, marr, noor, orin",
        ),
        (
            located("set", "actors/marr/ties/to=kell/strength", 1),
            "no item of actors/marr/ties has to = 'kell'; its to values: vance",
        ),
        (
            located("set", "actors/marr/itinerary/5/place", "x"),
            "no item '5' in actors/marr/itinerary; it has positions 0 to 0",
        ),
        (
            located("set", "bodies/council/rules/threshold", 1),
            "no field 'rules' at bodies/council; fields there: id, name, seat",
        ),
        (
            located("append", "bodies/council/rule", 1),
            "bodies/council/rule is a mapping, not a list",
        ),
        (located("remove", "actors/kell/nickname"), "no field 'nickname' at actors/kell"),
        (located("set", "id/x", 1), "id is a single value ('tiny-committee')"),
    ],
)
@pytest.mark.parametrize("fast", [False, True], ids=["tracked", "copy-on-write"])
def test_bad_paths_say_what_exists(
    tiny: Scenario, edit: LocatedEdit, expected: str, fast: bool
) -> None:
    with pytest.raises(PolitburoError) as caught:
        edited_data(tiny.raw, [edit]) if fast else apply(tiny, edit)
    [problem] = caught.value.problems
    assert expected in problem.message
    assert (problem.file, problem.line, problem.field) == ("what.yaml", 7, "edits[0]")


def test_the_fast_path_gives_the_same_data_and_leaves_the_original() -> None:
    from politburo.experiments.interventions import named_whatifs, resolve_intervention

    scenario = load_scenario("june-1957")
    before = copy.deepcopy(scenario.raw)
    versions = [
        [LocatedEdit(edit) for edit in version.edits]
        for fact in scenario.model.contested
        for version in fact.versions
    ]
    whatifs = [resolve_intervention(name, scenario).edits for name in named_whatifs(scenario)]
    assert len(versions) > 10 and len(whatifs) >= 4
    for edits in [*versions, *whatifs, [e for whatif in whatifs for e in whatif]]:
        assert edited_data(scenario.raw, edits) == apply_edits(scenario.raw, Marks(), edits)[0]
    assert scenario.raw == before
    edits = whatifs[0]
    touched = {split_path(located.edit.path)[0] for located in edits}
    result = edited_data(scenario.raw, edits)
    for key, value in scenario.raw.items():  # what no edit touched is shared, not copied
        assert (result[key] is value) == (key not in touched)


def test_every_bad_edit_is_reported(tiny: Scenario) -> None:
    with pytest.raises(PolitburoError) as caught:
        apply(tiny, located("set", "actors/x/name", 1, line=3), located("set", "y/z", 1, line=4))
    assert [p.line for p in caught.value.problems] == [3, 4]


def test_edited_scenario_is_validated_at_the_edit(tiny: Scenario) -> None:
    with pytest.raises(PolitburoError) as caught:
        edit_scenario(tiny, [located("set", "actors/marr/ties/0/strength", 3, line=9)])
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("what.yaml", 9)
    assert problem.field == "actors[marr].ties[0].strength"
    assert "less than or equal to 1" in problem.message


def test_problem_elsewhere_names_the_edit_that_caused_it(tiny: Scenario) -> None:
    with pytest.raises(PolitburoError) as caught:
        edit_scenario(tiny, [located("remove", "actors/kell")])
    messages = [str(p) for p in caught.value.problems]
    assert any(
        "unknown actor 'kell'" in m and "(after intervention 'w')" in m and "scenario.yaml" in m
        for m in messages
    )


def test_edited_scenario_has_the_new_value(tiny: Scenario) -> None:
    edited = edit_scenario(tiny, [located("set", "bodies/council/rule/threshold", 0.66)])
    assert edited.model.bodies[0].rule.threshold == 0.66
    assert tiny.model.bodies[0].rule.threshold == 0.5
