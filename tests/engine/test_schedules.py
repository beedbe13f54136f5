"""Time as institutions keep it: bodies that sit on schedules, adjournment, ratification later.

Each test changes only a body's schedule (``meets``) or the calendar's sittings and checks that
the run moves the way the mechanism says; removing the mechanism makes it fail.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from politburo.engine import compile_scenario, replay, simulate
from politburo.errors import PolitburoError
from politburo.scenario import load_scenario
from politburo.scenario.basis import judgments, outcome_blind
from politburo.scenario.schema import ScenarioModel
from tests.engine.conftest import NO_SOURCE, edited, item

CITE = {"assumption": "a schedule set for the engine's tests"}


def kinds(trace: Any, *names: str) -> list[tuple[str, str]]:
    """(day, kind) of the trace's events of the given kinds, in order."""
    return [(e.day.isoformat(), e.kind) for e in trace.events if e.kind in names]


def meets(body: str, schedule: Any) -> Any:
    def change(raw: dict[str, Any]) -> None:
        item(raw["bodies"], body)["meets"] = schedule

    return change


# -- the challengers' timing -------------------------------------------------------------


def test_challengers_strike_only_at_a_sitting_of_the_arena() -> None:
    scenario = load_scenario("october-1964")
    daily = replay(scenario.model, seed=0).of_kind("strike")[0]
    assert daily.day == dt.date(1964, 10, 12)
    weekly = {"every": 7, "start": "1964-10-07", "cite": CITE}  # sits 7, 14, ... October
    trace = replay(edited(scenario, meets("presidium", weekly)), seed=0)
    assert trace.of_kind("strike")[0].day == dt.date(1964, 10, 14)
    assert set(trace.of_kind("strike")[0].detail["expected_share"]) == {"1964-10-14"}


def test_no_sitting_in_the_window_means_no_strike() -> None:
    scenario = load_scenario("october-1964")
    later = {"dates": ["1964-10-18"], "cite": CITE}
    trace = replay(edited(scenario, meets("presidium", later)), seed=0)
    assert trace.of_kind("no-strike") and not trace.of_kind("strike")


def test_a_calendar_session_is_a_sitting() -> None:
    scenario = load_scenario("october-1964")

    def session(raw: dict[str, Any]) -> None:
        seat = item(raw["bodies"], "presidium")["seat"]
        raw.setdefault("calendar", []).append(
            {
                "id": "presidium-session",
                "name": "Presidium session",
                "kind": "session",
                "body": "presidium",
                "start": "1964-10-13",
                "end": "1964-10-13",
                "place": seat,
                "basis": "before",
                "cite": CITE,
            }
        )

    trace = replay(edited(scenario, session), seed=0)
    strike = trace.of_kind("strike")[0]
    assert strike.day == dt.date(1964, 10, 13)


# -- the higher body: ordinary and extraordinary sittings ------------------------------


def test_a_ratification_waits_for_the_next_ordinary_sitting() -> None:
    scenario = load_scenario("october-1964")
    daily = replay(scenario.model, seed=0)
    assert kinds(daily, "convened", "opened")[1] == ("1964-10-14", "opened")
    none = replay(edited(scenario, meets("central-committee", {"dates": [], "cite": CITE})), 0)
    assert none.of_kind("awaits-sitting") and not none.of_kind("opened")
    assert not none.of_kind("sanction")
    assert none.final["offices"]["first-secretary"] == "brezhnev"
    later = {"dates": ["1964-10-18"], "cite": CITE}
    trace = replay(edited(scenario, meets("central-committee", later)), seed=0)
    assert trace.of_kind("opened")[0].day == dt.date(1964, 10, 18)
    assert trace.of_kind("convened")[0].counts["opens_day"] == 17


def test_an_appeal_calls_an_extraordinary_sitting_after_notice() -> None:
    """June 1957: the Central Committee, with no ordinary sitting in June, is still brought
    together by the petition, after its notice; an ordinary sitting before the notice's end
    would open it sooner."""
    june = load_scenario("june-1957")
    base = replay(june.model, seed=0)
    convened = base.of_kind("convened")[0]
    opens = convened.counts["opens_day"]
    none = replay(edited(june, meets("central-committee", {"dates": [], "cite": CITE})), 0)
    assert none.of_kind("convened")[0].counts["opens_day"] == opens
    assert none.final["offices"] == base.final["offices"]
    start = compile_scenario(june.model).start
    first = (convened.day - start).days
    if opens > first:
        sooner = {"dates": [convened.day.isoformat()], "cite": CITE}
        early = replay(edited(june, meets("central-committee", sooner)), 0)
        assert early.of_kind("convened")[0].counts["opens_day"] == first


# -- adjournment --------------------------------------------------------------------------


def _guild(tmp: Path, schedule: Any) -> ScenarioModel:
    """Six voting members: three challengers, the chair and two of hers, one of whom is
    away until the 5th. The challengers' demand passes 3-2, the chair refuses (there is no
    higher body), and when her ally returns the board is split 3-3."""
    a = {"assumption": "a constructed case for the engine's tests"}
    member = [{"body": "board", "rank": "full", "cite": a}]
    home = [{"place": "town", "start": "2000-01-01", "end": "2000-01-31", "cite": a}]

    def person(ident: str, side: str | None, **extra: Any) -> dict[str, Any]:
        p: dict[str, Any] = {
            "id": ident,
            "name": ident.title(),
            "memberships": member,
            "itinerary": home,
            "cite": a,
            **extra,
        }
        if side:
            p["side"] = side
        return p

    body: dict[str, Any] = {
        "id": "board",
        "name": "Board",
        "seat": "town",
        "chair": "chair",
        "ranks": [{"id": "full", "vote": True}],
        "rule": {"threshold": 0.5, "cite": a},
        "cite": a,
    }
    if schedule is not None:
        body["meets"] = schedule
    raw = {
        "id": "guild",
        "title": "Guild",
        "start": "2000-01-01",
        "end": "2000-01-31",
        "sources": [NO_SOURCE],
        "places": [
            {"id": "town", "name": "Town", "cite": a},
            {"id": "spa", "name": "Spa", "cite": a},
        ],
        "routes": [{"between": ["town", "spa"], "days": 1, "cite": a}],
        "offices": [{"id": "chair", "name": "Chair", "body": "board", "cite": a}],
        "bodies": [body],
        "actors": [
            person(
                "ada",
                None,
                offices=[{"office": "chair", "cite": a}],
                traits=[{"name": "resolve", "value": 1.0, "basis": "before", "cite": a}],
            ),
            person("bo", "challengers"),
            person("cy", "challengers"),
            person("di", "challengers"),
            person("ed", "incumbent"),
            person(
                "fi",
                "incumbent",
                itinerary=[
                    {"place": "spa", "start": "2000-01-01", "end": "2000-01-04", "cite": a},
                    {"place": "town", "start": "2000-01-05", "end": "2000-01-31", "cite": a},
                ],
            ),
        ],
        "challenges": [
            {
                "id": "move",
                "leaders": ["bo", "cy", "di"],
                "target": "ada",
                "office": "chair",
                "arena": "board",
                "window_start": "2000-01-01",
                "window_end": "2000-01-10",
                "deadline_days": 4,
                "take_chair": False,
                "cite": a,
            }
        ],
    }
    (tmp / "scenario.yaml").write_text(yaml.safe_dump(raw, sort_keys=False))
    return load_scenario(tmp).model


def test_a_deadlocked_daily_arena_collapses_at_the_deadline(tmp_path: Path) -> None:
    trace = replay(_guild(tmp_path, None), seed=0)
    assert kinds(trace, "strike", "collapse") == [
        ("2000-01-01", "strike"),
        ("2000-01-05", "collapse"),
    ]
    assert not trace.of_kind("adjourned")


def test_a_deadlocked_scheduled_arena_adjourns_to_its_next_sitting(tmp_path: Path) -> None:
    weekly = {"every": 7, "start": "2000-01-03", "basis": "before", "cite": CITE}
    trace = replay(_guild(tmp_path, weekly), seed=0)
    assert kinds(trace, "strike", "collapse", "adjourned", "resumed")[:4] == [
        ("2000-01-03", "strike"),
        ("2000-01-07", "adjourned"),
        ("2000-01-10", "resumed"),
        ("2000-01-14", "adjourned"),
    ]
    assert not trace.of_kind("collapse")
    adjourned = trace.of_kind("adjourned")
    assert adjourned[0].counts["resumes_day"] == 9 and adjourned[0].counts["scheduled"] == 1
    meetings = {e.day.day for e in trace.of_kind("meeting")}
    assert not meetings & {8, 9}, "the arena does not meet while adjourned"
    assert trace.final["offices"]["chair"] == "ada"


def test_with_no_sitting_left_the_question_is_adjourned_sine_die(tmp_path: Path) -> None:
    two = {"dates": ["2000-01-03", "2000-01-10"], "basis": "before", "cite": CITE}
    trace = replay(_guild(tmp_path, two), seed=0)
    adjourned = trace.of_kind("adjourned")
    assert [(e.day.day, e.counts["scheduled"]) for e in adjourned] == [(7, 1), (14, 0)]
    assert max(e.day.day for e in trace.of_kind("meeting")) == 14
    assert not trace.of_kind("collapse") and trace.final["offices"]["chair"] == "ada"


# -- the format: checks and basis ------------------------------------------------------


def _problems(tmp: Path, change: Any) -> list[str]:
    folder = tmp / "tiny"
    src = Path(__file__).resolve().parents[2] / "examples" / "tiny-committee"
    import shutil

    shutil.copytree(src, folder)
    raw = yaml.safe_load((folder / "scenario.yaml").read_text())
    change(raw)
    (folder / "scenario.yaml").write_text(yaml.safe_dump(raw, sort_keys=False))
    with pytest.raises(PolitburoError) as error:
        load_scenario(folder)
    return [f"{p.field}: {p.message}" for p in error.value.problems if p.line]


def test_bad_sittings_are_errors_at_their_fields(tmp_path: Path) -> None:
    def change(raw: dict[str, Any]) -> None:
        raw["calendar"] += [
            {
                "id": "s1",
                "name": "x",
                "kind": "plenum",
                "start": "1990-05-04",
                "end": "1990-05-04",
                "place": "harbour",
                "cite": CITE,
            },
            {
                "id": "s2",
                "name": "x",
                "kind": "session",
                "body": "senate",
                "start": "1990-05-04",
                "end": "1990-05-04",
                "place": "harbour",
                "cite": CITE,
            },
            {
                "id": "s3",
                "name": "x",
                "kind": "session",
                "body": "council",
                "start": "1990-05-04",
                "end": "1990-05-04",
                "place": "porto",
                "cite": CITE,
            },
        ]
        raw["calendar"][0]["body"] = "council"

    found = _problems(tmp_path, change)
    expected = (
        "calendar[spring-fair].body: only a calendar event of kind 'session' or 'plenum'",
        "calendar[s1].kind: a plenum names the body that sits",
        "calendar[s2].body: unknown body 'senate'",
        "calendar[s3].place: the session of 'council' is at 'porto'",
    )
    for text in expected:
        assert any(f.startswith(text) for f in found), (text, found)


def test_a_rhythm_needs_its_start(tmp_path: Path) -> None:
    def change(raw: dict[str, Any]) -> None:
        item(raw["bodies"], "assembly")["meets"] = {"every": 7, "cite": CITE}

    found = _problems(tmp_path, change)
    assert found == ["bodies[assembly].meets: a schedule gives 'every' (days) and 'start' together"]


def test_daily_is_the_default(tmp_path: Path) -> None:
    scenario = load_scenario("october-1964")
    model = edited(scenario, meets("presidium", "daily"))
    assert model.bodies[0].meets is None
    assert not compile_scenario(model).sittings.scheduled.any()


def test_a_sitting_read_from_the_crisis_is_removed_outcome_blind() -> None:
    scenario = load_scenario("october-1964")
    later = {"dates": ["1964-10-18"], "basis": "outcome", "cite": CITE}
    model = edited(scenario, meets("central-committee", later))
    raw = copy.deepcopy(scenario.raw)
    meets("central-committee", later)(raw)
    found = [j for j in judgments(model) if j.kind == "schedule"]
    assert len(found) == 1 and found[0].read_from_crisis
    from politburo.scenario.loading import validate_data

    written = validate_data(raw, scenario.marks, scenario.folder)
    blind = outcome_blind(written)
    assert blind.scenario.model.bodies[1].meets is None or all(
        b.meets is None for b in blind.scenario.model.bodies
    )
    assert not compile_scenario(blind.scenario.model).sittings.scheduled.any()


def test_old_scenarios_sit_daily() -> None:
    for name in ("june-1957", "october-1964", "zhukov-1957", "beria-1953"):
        compiled = compile_scenario(load_scenario(name).model)
        assert not compiled.sittings.scheduled.any()
        batch = simulate(compiled, seed=0, runs=20)
        assert batch.columns  # runs as before (the digest compares the results)
