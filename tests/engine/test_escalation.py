"""Deadlock and escalation between an arena and its higher body.

``call: escalate``: challengers who expect no majority in the arena but one in the higher body
take the fight there. ``deadlock: refer``: an arena split at the challengers' deadline refers
the question to the higher body. Each test changes only the field it is about (or the
expectations it reads) and checks that the run moves the way the mechanism says; disabling the
mechanism makes it fail.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

import politburo
from politburo.engine import replay
from politburo.engine.facts import citations_of
from politburo.errors import PolitburoError
from politburo.scenario import load_scenario
from politburo.scenario.paths import resolve
from politburo.scenario.schema import ScenarioModel
from tests.engine.conftest import NO_SOURCE

A = {"assumption": "a constructed case for the engine's tests"}
HOME = [{"place": "town", "start": "2000-01-01", "end": "2000-01-31", "cite": A}]


def kinds(trace: Any, *names: str) -> list[tuple[int, str]]:
    """(day of month, kind) of the trace's events of the given kinds, in order."""
    return [(e.day.day, e.kind) for e in trace.events if e.kind in names]


def _person(ident: str, side: str | None, **extra: Any) -> dict[str, Any]:
    member = [
        {"body": "board", "rank": "full", "cite": A},
        {"body": "assembly", "rank": "full", "cite": A},
    ]
    p: dict[str, Any] = {
        "id": ident,
        "name": ident.title(),
        "memberships": member,
        "itinerary": HOME,
        "cite": A,
        **extra,
    }
    if side:
        p["side"] = side
    return p


def _club(
    challengers: list[str],
    incumbents: list[str],
    *,
    hostile: float,
    call: str | None = None,
    deadlock: str | None = None,
    convene: bool = True,
    away_until: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A board whose chair, Ada, may be removed only by the assembly it may convene: the
    board's named members sit in both; the assembly also has a bloc of 30 members, of whom
    the share ``hostile`` is hostile to Ada (the rest loyal)."""
    away_until = away_until or {}

    def itinerary(who: str) -> list[dict[str, Any]]:
        if who not in away_until:
            return HOME
        back = dt.date.fromisoformat(away_until[who])
        return [
            {"place": "spa", "start": "2000-01-01", "end": str(back - dt.timedelta(1)), "cite": A},
            {"place": "town", "start": str(back), "end": "2000-01-31", "cite": A},
        ]

    board: dict[str, Any] = {
        "id": "board",
        "name": "Board",
        "seat": "town",
        "chair": "chair",
        "ranks": [{"id": "full", "vote": True}],
        "rule": {"threshold": 0.5, "cite": A},
        "powers": [{"motion": "convene", "body": "assembly", "cite": A}] if convene else [],
        "cite": A,
    }
    if deadlock:
        board["deadlock"] = deadlock
    challenge: dict[str, Any] = {
        "id": "move",
        "leaders": challengers,
        "target": "ada",
        "office": "chair",
        "arena": "board",
        "window_start": "2000-01-01",
        "window_end": "2000-01-10",
        "deadline_days": 4,
        "take_chair": False,
        "cite": A,
    }
    if call:
        challenge["call"] = call
    ada = _person(
        "ada",
        None,
        offices=[{"office": "chair", "cite": A}],
        traits=[{"name": "resolve", "value": 1.0, "basis": "before", "cite": A}],
    )
    return {
        "id": "club",
        "title": "Club",
        "start": "2000-01-01",
        "end": "2000-01-31",
        "sources": [NO_SOURCE],
        "places": [
            {"id": "town", "name": "Town", "cite": A},
            {"id": "spa", "name": "Spa", "cite": A},
        ],
        "routes": [{"between": ["town", "spa"], "days": 1, "cite": A}],
        "offices": [{"id": "chair", "name": "Chair", "body": "board", "cite": A}],
        "bodies": [
            board,
            {
                "id": "assembly",
                "name": "Assembly",
                "seat": "town",
                "notice_days": 1,
                "ranks": [{"id": "full", "vote": True}],
                "rule": {"threshold": 0.5, "cite": A},
                "powers": [{"motion": "remove", "office": "chair", "cite": A}],
                "cite": A,
            },
        ],
        "actors": [ada]
        + [_person(x, "challengers") for x in challengers]
        + [_person(x, "incumbent", itinerary=itinerary(x)) for x in incumbents],
        "groups": [
            {
                "id": "floor",
                "name": "Floor",
                "body": "assembly",
                "rank": "full",
                "count": 30,
                "disposition": {
                    "loyal": round(1.0 - hostile, 2),
                    "wavering": 0.0,
                    "hostile": hostile,
                    "cite": A,
                },
                "itinerary": HOME,
                "cite": A,
            }
        ],
        "challenges": [challenge],
    }


def _load(tmp: Path, raw: dict[str, Any]) -> ScenarioModel:
    (tmp / "scenario.yaml").write_text(yaml.safe_dump(raw, sort_keys=False))
    return load_scenario(tmp).model


# -- escalation by the challengers ------------------------------------------------------


def _minority(tmp: Path, *, hostile: float, call: str | None) -> ScenarioModel:
    """Two challengers against the chair and two of hers: no majority on the board."""
    return _load(tmp, _club(["bo", "cy"], ["ed", "fi"], hostile=hostile, call=call))


def test_without_escalation_a_minority_never_strikes(tmp_path: Path) -> None:
    trace = replay(_minority(tmp_path, hostile=0.9, call=None), seed=0)
    assert trace.of_kind("no-strike") and not trace.of_kind("escalate")
    assert trace.final["offices"]["chair"] == "ada"


def test_challengers_who_expect_the_higher_body_take_the_fight_there(tmp_path: Path) -> None:
    trace = replay(_minority(tmp_path, hostile=0.9, call="escalate"), seed=0)
    assert kinds(trace, "no-strike", "strike", "escalate", "convened", "opened")[:3] == [
        (1, "escalate"),
        (1, "convened"),
        (2, "opened"),
    ]
    assert not trace.of_kind("demand-resignation"), "no demand below: the fight goes up"
    up = trace.of_kind("escalate")[0]
    assert up.detail["expected_share"]["2000-01-01"] < 0.5
    assert up.detail["expected_share_higher"] > 0.5
    assert trace.final["offices"].get("chair") != "ada"


def test_challengers_who_expect_to_lose_above_do_not_escalate(tmp_path: Path) -> None:
    trace = replay(_minority(tmp_path, hostile=0.1, call="escalate"), seed=0)
    assert trace.of_kind("no-strike") and not trace.of_kind("escalate")
    assert not trace.of_kind("convened")


def test_escalation_leaves_a_majority_to_strike_in_the_arena(tmp_path: Path) -> None:
    raw = _club(["bo", "cy", "di"], ["ed"], hostile=0.9, call="escalate")
    trace = replay(_load(tmp_path, raw), seed=0)
    assert trace.of_kind("strike") and not trace.of_kind("escalate")


# -- referral of a deadlocked arena ------------------------------------------------------


def _split(tmp: Path, deadlock: str | None) -> ScenarioModel:
    """Three challengers against the chair and two of hers, one away until the 5th: the
    demand passes 3-2, the chair refuses, and when her ally is back the board is split 3-3.
    The assembly's floor is hostile to her only in part, so nobody expects to carry it."""
    raw = _club(
        ["bo", "cy", "di"],
        ["ed", "fi"],
        hostile=0.3,
        deadlock=deadlock,
        away_until={"fi": "2000-01-05"},
    )
    return _load(tmp, raw)


def test_a_deadlocked_arena_collapses_by_default(tmp_path: Path) -> None:
    trace = replay(_split(tmp_path, None), seed=0)
    assert trace.of_kind("collapse") and not trace.of_kind("referred")
    assert not trace.of_kind("convened")


def test_a_deadlocked_arena_that_refers_convenes_the_higher_body(tmp_path: Path) -> None:
    base = replay(_split(tmp_path, None), seed=0)
    trace = replay(_split(tmp_path, "refer"), seed=0)
    day = base.of_kind("collapse")[0].day.day
    assert kinds(trace, "collapse", "referred", "convened", "opened")[:3] == [
        (day, "referred"),
        (day, "convened"),
        (day + 1, "opened"),
    ]
    assert not trace.of_kind("collapse") and not trace.of_kind("adjourned")
    assert trace.of_kind("resolution"), "the higher body decides the question"


def test_a_referral_replaces_adjournment_in_a_scheduled_arena(tmp_path: Path) -> None:
    weekly = {"every": 7, "start": "2000-01-03", "basis": "before", "cite": A}
    for deadlock, expect in ((None, "adjourned"), ("refer", "referred")):
        raw = _club(
            ["bo", "cy", "di"],
            ["ed", "fi"],
            hostile=0.3,
            deadlock=deadlock,
            away_until={"fi": "2000-01-05"},
        )
        raw["bodies"][0]["meets"] = weekly
        folder = tmp_path / (deadlock or "default")
        folder.mkdir()
        trace = replay(_load(folder, raw), seed=0)
        found = kinds(trace, "adjourned", "referred")
        assert found and found[0][1] == expect, found


# -- the format ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (
            lambda raw: raw["bodies"][0].update(deadlock="refer", powers=[]),
            "bodies[board].deadlock",
            "may convene no body",
        ),
        (
            lambda raw: raw["bodies"][0].update(deadlock="sometimes"),
            "bodies[board].deadlock",
            "",
        ),
        (
            lambda raw: raw["bodies"][0].update(powers=[]),
            "challenges[move].call",
            "may not convene the higher body 'assembly'",
        ),
        (
            lambda raw: raw["bodies"][1].update(powers=[]),
            "challenges[move].call",
            "no higher body to escalate to",
        ),
        (
            lambda raw: raw["challenges"][0].update(call="upward"),
            "challenges[move].call",
            "",
        ),
    ],
)
def test_bad_escalation_fields_are_errors_at_their_place(
    tmp_path: Path, change: Any, field: str, words: str
) -> None:
    raw = _club(["bo", "cy"], ["ed", "fi"], hostile=0.9, call="escalate")
    change(raw)
    with pytest.raises(PolitburoError) as err:
        _load(tmp_path, raw)
    found = [f"{p.line}:{p.field}: {p.message}" for p in err.value.problems]
    assert any(f":{field}" in p and words in p for p in found), found
    assert all(p.line for p in err.value.problems if p.field == field), found


def test_the_facts_behind_escalation_and_referral_resolve_and_are_cited(tmp_path: Path) -> None:
    """The new events cite paths of the grammar with citations behind them."""
    (tmp_path / "up").mkdir()
    (tmp_path / "split").mkdir()
    up = _minority(tmp_path / "up", hostile=0.9, call="escalate")
    split = _split(tmp_path / "split", "refer")
    for model, kind in ((up, "escalate"), (split, "referred")):
        events = replay(model, seed=0).of_kind(kind)
        assert events
        for fact in events[0].facts:
            assert resolve(model, fact) is not None, fact
            assert citations_of(model, fact), fact


def test_gomulka_escalates_to_the_central_committee() -> None:
    """gomulka-1970 (corpus): the challengers expect no Politburo majority but expect the
    Central Committee once Moscow withholds its backing (18 December, read from the course), so
    they take the question there; without ``call: escalate`` they never strike."""
    folder = Path(politburo.__file__).resolve().parent / "scenario" / "corpus" / "gomulka-1970"
    scenario = load_scenario(folder)
    trace = replay(scenario.model, seed=0)
    assert kinds(trace, "escalate", "convened", "opened") == [
        (18, "escalate"),
        (18, "convened"),
        (20, "opened"),
    ]
    raw = dict(scenario.raw)
    raw["challenges"] = [{**c, "call": "majority"} for c in raw["challenges"]]
    assert replay(ScenarioModel.model_validate(raw), seed=0).of_kind("no-strike")
