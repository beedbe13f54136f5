"""A scenario as evidence inputs (itineraries, chronology, gazetteer) and as graded claims."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path
from typing import Any

import pytest

from politburo.errors import PolitburoError
from politburo.evidence.consistency import check_consistency
from politburo.evidence.gazetteer import Gazetteer
from politburo.evidence.passages import split_passages
from politburo.scenario import Scenario, load_scenario
from politburo.scenario.editing import LocatedEdit, edit_scenario
from politburo.scenario.evidence_claims import drawn_on, scenario_claims, text_claims
from politburo.scenario.evidence_inputs import (
    EvidenceInputs,
    citation_text,
    load_gazetteer,
    place_names,
    scenario_inputs,
    scenario_records,
)
from politburo.scenario.schema import Citation, Edit
from tests.conftest import EXAMPLE

DAY = dt.date
KELL_AT_HOME = {
    "source": "chronicle",
    "quote": "On 5 May Kell and Lint called the council together",
}
RUMOUR = {"assumption": "A later rumour put Kell at the fair."}
CHAIR = {"source": "chronicle", "quote": "Its chairman, Ada Vance, has held the chair"}


@pytest.fixture(scope="module")
def tiny() -> Scenario:
    return load_scenario(EXAMPLE)


def edited(scenario: Scenario, *edits: tuple[str, str, Any]) -> Scenario:
    return edit_scenario(
        scenario, [LocatedEdit(Edit(op=op, path=path, value=value)) for op, path, value in edits]
    )


def kell_contested(*versions: dict[str, Any]) -> tuple[str, str, Any]:
    home = {"id": "home", "account": "Kell stayed in town", "cite": KELL_AT_HOME}
    return (
        "append",
        "contested",
        {"id": "kell-away", "about": "Kell", "versions": [home, *versions]},
    )


def porto(place: str = "porto", version: str = "porto") -> dict[str, Any]:
    edit = {"op": "set", "path": "actors/kell/itinerary/0/place", "value": place}
    return {"id": version, "account": "Kell at the fair", "edits": [edit], "cite": RUMOUR}


@pytest.mark.parametrize(
    "name", ["politburo.scenario.evidence_inputs", "politburo.scenario.evidence_claims"]
)
def test_module_exports(name: str) -> None:
    assert importlib.import_module(name).__all__


# -- inputs -----------------------------------------------------------------------------------


def test_citation_text_reads_every_form_and_names_each_source_once() -> None:
    text, ids = citation_text(
        [
            Citation(source="a", quote="one quote"),
            Citation(source="b", page="p. 3"),
            Citation(assumption="nobody says so at all"),
            Citation(source="a", quote="another quote"),
        ]
    )
    assert text == (
        'a: "one quote"; b: p. 3; assumption: nobody says so at all; a: "another quote"'
    )
    assert ids == "a+b"
    assert citation_text([Citation(assumption="nobody says so at all")])[1] == ""


def test_place_names_drop_a_parenthesis_and_an_article() -> None:
    assert place_names("the Far East (Vladivostok)") == ["Far East", "the Far East (Vladivostok)"]
    assert place_names("Harbour Town") == ["Harbour Town"]


def test_records_are_cited_to_their_facts(tiny: Scenario) -> None:
    stays, events = scenario_records(tiny.model)
    assert len(stays) == 8  # three stays of Vance, one of each other actor
    away = next(s for s in stays if s.actor_id == "vance" and s.place == "porto")
    assert (away.start, away.end) == (DAY(1990, 5, 3), DAY(1990, 5, 8))
    assert (
        away.citation
        == 'actors/vance/itinerary/1: chronicle: "Vance left for the spring fair in Porto"'
    )
    assert away.source_id == "chronicle"
    marr = next(s for s in stays if s.actor_id == "marr")
    assert marr.source_id == "" and marr.citation.startswith("actors/marr/itinerary/0: assumption:")
    by_id = {e.id: e for e in events}
    assert set(by_id) == {"spring-fair", "council-meets"}  # no season: no planning event
    assert by_id["spring-fair"].actors == ("vance",) and by_id["spring-fair"].place == "porto"
    meeting = by_id["council-meets"]
    assert meeting.place == "harbour"  # the seat of the council
    assert meeting.start == meeting.end == DAY(1990, 5, 5)
    assert meeting.citation.startswith("record/council-meets: chronicle:")


def test_a_recorded_return_cuts_a_stay_away_short(tiny: Scenario) -> None:
    cite = {"source": "chronicle", "quote": "was due back on 9 May"}
    back = {
        "id": "arrive-vance", "kind": "event", "event": "arrive", "actor": "vance",
        "body": "council", "start": "1990-05-06", "description": "Vance is back", "cite": cite,
    }  # fmt: skip
    vote = {
        "id": "oust", "kind": "vote", "body": "council", "motion": "chair", "start": "1990-05-05",
        "end": "1990-05-05", "passed": True, "description": "The council votes", "cite": cite,
    }  # fmt: skip
    kell = {**back, "id": "arrive-kell", "actor": "kell", "description": "Kell is back"}
    stays, events = scenario_records(
        edited(
            tiny,
            ("append", "record", back),
            ("append", "record", kell),
            ("append", "record", vote),
        ).model
    )
    away = next(s for s in stays if s.actor_id == "vance" and s.place == "porto")
    assert (away.start, away.end) == (DAY(1990, 5, 3), DAY(1990, 5, 6))
    (kell_stay,) = (s for s in stays if s.actor_id == "kell")
    assert kell_stay.end == DAY(1990, 5, 12)  # a stay at a body's seat is not cut
    home = [s for s in stays if s.actor_id == "vance" and s.place == "harbour"]
    assert [s.end for s in home] == [DAY(1990, 5, 2), DAY(1990, 5, 12)]  # stays at the seat kept
    by_id = {e.id: e for e in events}
    assert by_id["arrive-vance"].actors == ()  # an arrival is not taking part in person
    assert by_id["oust"].place == "harbour" and by_id["oust"].last == DAY(1990, 5, 5)


def test_a_season_in_a_challenge_citation_dates_its_planning(tiny: Scenario) -> None:
    cite = {"source": "chronicle", "quote": "the spring fair in Porto"}
    _, events = scenario_records(
        edited(tiny, ("set", "challenges/move-against-vance/cite", cite)).model
    )
    plans = next(e for e in events if e.id == "move-against-vance-plans")
    assert (plans.start, plans.last) == (DAY(1990, 3, 1), DAY(1990, 5, 2))  # spring to the eve
    assert plans.actors == ("kell", "lint") and plans.place == "harbour"


def test_scenario_inputs_name_actors_places_and_grades(tiny: Scenario) -> None:
    inputs = scenario_inputs(tiny)
    assert isinstance(inputs, EvidenceInputs)
    entities = {e.id: (e.names, e.kind) for e in inputs.gazetteer.entities}
    assert entities["kell"] == (("Boris Kell",), "actor")
    assert entities["porto"] == (("Porto",), "place")
    assert inputs.reliability == {"chronicle": "C"}
    assert inputs.year == 1990
    assert (inputs.itineraries, inputs.chronology) == scenario_records(tiny.model)


def test_contested_versions_add_the_records_they_change(tiny: Scenario) -> None:
    base = scenario_inputs(tiny)
    scenario = edited(tiny, kell_contested(porto(), porto("atlantis", "nowhere")))
    inputs = scenario_inputs(scenario)
    added = inputs.itineraries[len(base.itineraries) :]
    assert inputs.itineraries[: len(base.itineraries)] == base.itineraries
    assert len(added) == 1  # "home" edits nothing; "nowhere" does not validate
    (rumour,) = added
    assert (rumour.actor_id, rumour.place) == ("kell", "porto")
    assert rumour.citation == "contested/kell-away/porto: assumption: " + RUMOUR["assumption"]
    assert rumour.source_id == ""
    assert inputs.chronology == base.chronology
    conflict = next(c for c in check_consistency(inputs.itineraries, inputs.chronology))
    assert conflict.subject == "kell" and conflict.severity == "contradiction"


def test_june_1957_scenario_conflicts() -> None:
    inputs = scenario_inputs(load_scenario("june-1957"))
    found = check_consistency(inputs.itineraries, inputs.chronology)
    subjects = {c.subject for c in found}
    assert {"voroshilov", "saburov"} <= subjects
    voroshilov = next(c for c in found if c.subject == "voroshilov")
    assert "far-east" in voroshilov.first and "caesar-xv" in voroshilov.sources
    saburov = [c for c in found if c.subject == "saburov"]
    assert any(c.between_sources for c in saburov)  # the paper against a secondary source


# -- a gazetteer file ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("g.yaml", "actors:\n  kell: [Boris Kell]\nplaces:\n  porto: [Porto, Oporto]\n"),
        (
            "g.json",
            '{"actors": {"kell": ["Boris Kell"]}, "places": {"porto": ["Porto", "Oporto"]}}',
        ),
    ],
)
def test_a_gazetteer_file_gives_actors_and_places(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert load_gazetteer(path) == Gazetteer.from_mapping(
        {"kell": ["Boris Kell"]}, {"porto": ["Porto", "Oporto"]}
    )


def test_a_bare_mapping_is_read_as_actors(tmp_path: Path) -> None:
    path = tmp_path / "g.yml"
    path.write_text("kell: [Boris Kell]\n", encoding="utf-8")
    gazetteer = load_gazetteer(str(path))
    assert [(e.id, e.kind) for e in gazetteer.entities] == [("kell", "actor")]


@pytest.mark.parametrize(
    ("content", "messages"),
    [
        ("actors:\n  kell: Boris Kell\n  lint: [1]\n", ["kell: names must", "lint: names must"]),
        ("- kell\n", ["a gazetteer is a mapping of ids to names"]),
        ("actors: [\n", ["malformed YAML"]),
    ],
)
def test_a_bad_gazetteer_file_names_every_problem(
    tmp_path: Path, content: str, messages: list[str]
) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PolitburoError) as caught:
        load_gazetteer(path)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == len(messages)
    assert all(str(path) in p and m in p for p, m in zip(problems, messages, strict=True))


def test_a_missing_or_broken_json_gazetteer_is_a_user_error(tmp_path: Path) -> None:
    broken = tmp_path / "g.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(PolitburoError, match=r"g\.json:1: not valid JSON"):
        load_gazetteer(broken)
    with pytest.raises(PolitburoError, match="cannot read file"):
        load_gazetteer(tmp_path / "missing.yaml")


# -- claims ---------------------------------------------------------------------------------


def test_every_cited_fact_becomes_a_graded_claim(tiny: Scenario) -> None:
    claims = scenario_claims(tiny)
    assert [c.to_dict() for c in claims] == [
        c.to_dict() for c in scenario_claims(tiny, scenario_inputs(tiny))
    ]
    ids = [c.id for c in claims]
    assert len(ids) == len(set(ids)) and "places/porto" in ids and "record/council-meets" in ids
    fair = next(c for c in claims if c.text == "Vance left for the spring fair in Porto")
    assert "vance" in fair.actors and fair.places == ("porto",)
    assert fair.source_ids == ("chronicle",) and fair.reliability == "C"
    assert [str(a).split("[")[0] for a in fair.anchors] == ["chronicle#p3"]
    guess = next(c for c in claims if c.id == "routes/0")
    assert guess.text.startswith("The chronicle gives no travel times")
    assert (guess.source_ids, guess.anchors, guess.grade) == ((), (), "F6")


def test_a_page_citation_and_a_source_without_text(tiny: Scenario) -> None:
    memoir = {
        "id": "memoir", "title": "Harbour Days", "author": "Ann Quill", "date": "1999",
        "kind": "memoir", "reliability": "B",
    }  # fmt: skip
    scenario = edited(
        tiny,
        ("append", "sources", memoir),
        ("set", "offices/chairman/cite", [CHAIR, {"source": "memoir", "page": "p. 12"}]),
    )
    chair = next(c for c in scenario_claims(scenario) if c.id == "offices/chairman")
    assert chair.text == "Its chairman, Ada Vance, has held the chair / [memoir: p. 12]"
    assert chair.source_ids == ("chronicle", "memoir") and len(chair.anchors) == 1
    # a page that says nothing confirms nothing: two sources, but one statement
    assert chair.reliability == "B" and chair.credibility == 2 and chair.confirmed_by == ()
    topic = {"source": "memoir", "page": "p. 12 (Ada Vance in the chair)"}
    scenario = edited(scenario, ("set", "offices/chairman/cite", [CHAIR, topic]))
    chair = next(c for c in scenario_claims(scenario) if c.id == "offices/chairman")
    assert chair.confirmed_by == ("chronicle", "memoir") and chair.credibility == 1


def test_a_source_that_relays_another_does_not_corroborate_it(tiny: Scenario) -> None:
    relay = {
        "id": "digest", "title": "A digest", "author": "Staff", "date": "2001",
        "kind": "secondary", "reliability": "B", "note": "Relays the chronicle of Anonymous.",
    }  # fmt: skip
    review = {**relay, "id": "review", "note": "Reviews the chronicle of Anonymous."}
    scenario = edited(
        tiny,
        ("append", "sources", relay),
        ("append", "sources", review),
        (
            "set",
            "offices/chairman/cite",
            [CHAIR, {"source": "digest", "page": "p. 1 (Vance in the chair)"}],
        ),
    )
    assert drawn_on(scenario) == {"chronicle": [], "digest": ["chronicle"], "review": []}
    assert drawn_on(tiny) == {"chronicle": []}
    chair = next(c for c in scenario_claims(scenario) if c.id == "offices/chairman")
    assert chair.source_ids == ("chronicle", "digest") and chair.credibility == 2


def test_a_fact_in_a_conflict_is_graded_contradicted(tiny: Scenario) -> None:
    scenario = edited(tiny, kell_contested(porto()))
    claims = scenario_claims(scenario)
    assert any(c.credibility == 5 and "kell" in c.actors for c in claims)
    assert all(not c.id.startswith("actors/0") for c in claims)


def test_text_claims_grade_the_sentences_of_a_source(tiny: Scenario) -> None:
    inputs = scenario_inputs(tiny)
    passages = split_passages(tiny.source_texts["chronicle"], "chronicle")
    claims = text_claims(passages, inputs)
    marr = next(c for c in claims if c.text.startswith("Dov Marr owes his career"))
    assert marr.actors == ("marr", "vance") and marr.reliability == "C"
    assert all(c.anchors[0].source_id == "chronicle" for c in claims)
    unknown = text_claims(split_passages(tiny.source_texts["chronicle"], "copy"), inputs)
    assert {c.reliability for c in unknown} == {"F"}  # a source the scenario does not grade
