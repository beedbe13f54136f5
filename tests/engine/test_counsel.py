"""Counsel: a body whose members tell the holder of an office, between two rounds of a ballot
for it, whether to go; he gives up the contest when enough of them say go.

A constructed party elects its leader by ballot; a cabinet counsels him. Each test changes one
input (the party's hostility, the field ``counsel``) and checks that the run moves the way the
mechanism says; without the field nothing is counselled and nobody complies.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from politburo.cli.app import app
from politburo.engine import compile_scenario, replay, simulate
from politburo.scenario import load_scenario
from politburo.scenario.schema import ScenarioModel
from tests.engine.conftest import NO_SOURCE

A = {"assumption": "a constructed case for the engine's tests"}
HOME = [{"place": "town", "start": "2000-01-01", "end": "2000-01-20", "cite": A}]
CORPUS = Path(__file__).resolve().parents[2] / "src" / "politburo" / "scenario" / "corpus"


def _person(ident: str, cabinet: bool, **extra: Any) -> dict[str, Any]:
    seats = [{"body": "party", "rank": "mp", "cite": A}]
    if cabinet:
        seats.append({"body": "cabinet", "rank": "minister", "cite": A})
    return {
        "id": ident,
        "name": ident.title(),
        "memberships": seats,
        "itinerary": HOME,
        "cite": A,
        **extra,
    }


def _bloc(ident: str, body: str, rank: str, count: int, hostile: float) -> dict[str, Any]:
    return {
        "id": ident,
        "name": ident.title(),
        "body": body,
        "rank": rank,
        "count": count,
        "disposition": {
            "loyal": round(1.0 - hostile, 2),
            "wavering": 0.0,
            "hostile": hostile,
            "cite": A,
        },
        "itinerary": HOME,
        "cite": A,
    }


def _party(hostile: float, counsel: bool = True) -> dict[str, Any]:
    """Ada leads a party of 40 back-benchers (the share ``hostile`` against her) and three
    ministers, who with 10 juniors (loyal) form her cabinet. Bo, who never concedes,
    challenges her on 2 January;
    the first round needs a lead of 90 per cent of the members, so nobody wins it; the second,
    five days later, a majority of the votes."""
    cabinet: dict[str, Any] = {
        "id": "cabinet",
        "name": "Cabinet",
        "seat": "town",
        "ranks": [{"id": "minister", "vote": True}],
        "rule": {"threshold": 0.5, "cite": A},
        "cite": A,
    }
    if counsel:
        cabinet["counsel"] = [{"office": "leader", "cite": A}]
    ally = [{"to": "ada", "kind": "ally", "strength": 0.8, "cite": A}]
    return {
        "id": "party",
        "title": "Party",
        "start": "2000-01-01",
        "end": "2000-01-20",
        "sources": [NO_SOURCE],
        "places": [{"id": "town", "name": "Town", "cite": A}],
        "offices": [{"id": "leader", "name": "Leader", "body": "party", "cite": A}],
        "bodies": [
            {
                "id": "party",
                "name": "Party",
                "seat": "town",
                "ranks": [{"id": "mp", "vote": True}],
                "rule": {"threshold": 0.5, "of": "members", "cite": A},
                "ballots": [
                    {
                        "office": "leader",
                        "rounds": [
                            {"threshold": 0.5, "of": "members", "margin": 0.9},
                            {"threshold": 0.5, "of": "votes", "after_days": 5},
                        ],
                        "cite": A,
                    }
                ],
                "powers": [
                    {"motion": "remove", "office": "leader", "cite": A},
                    {"motion": "appoint", "office": "leader", "cite": A},
                ],
                "cite": A,
            },
            cabinet,
        ],
        "actors": [
            _person(
                "ada",
                True,
                offices=[{"office": "leader", "cite": A}],
                traits=[{"name": "resolve", "value": 0.9, "basis": "before", "cite": A}],
            ),
            _person(
                "bo",
                False,
                traits=[{"name": "resolve", "value": 1.0, "basis": "before", "cite": A}],
            ),
            *(_person(x, True, ties=ally) for x in ("cy", "di", "ed")),
        ],
        "groups": [
            _bloc("backbench", "party", "mp", 40, hostile),
            _bloc("juniors", "cabinet", "minister", 10, 0.0),
        ],
        "challenges": [
            {
                "id": "bid",
                "leaders": ["bo"],
                "target": "ada",
                "office": "leader",
                "arena": "party",
                "window_start": "2000-01-02",
                "window_end": "2000-01-02",
                "candidates": ["bo"],
                "call": "declared",
                "cite": A,
            }
        ],
    }


def _load(tmp: Path, raw: dict[str, Any]) -> ScenarioModel:
    (tmp / "scenario.yaml").write_text(yaml.safe_dump(raw, sort_keys=False))
    return load_scenario(tmp).model


def test_counsellors_who_expect_her_to_lose_tell_her_to_go_and_she_goes(tmp_path: Path) -> None:
    trace = replay(_load(tmp_path, _party(hostile=0.8)), seed=0)
    (told,) = trace.of_kind("counselled")
    assert (told.actor, told.subject, told.day.day) == ("ada", "leader", 3)
    assert told.counts == {"go": 13, "stay": 0}
    (gave_in,) = trace.of_kind("comply")
    assert (gave_in.actor, gave_in.day.day) == ("ada", 3)
    second = [e for e in trace.of_kind("ballot") if e.counts["round"] == 2]
    assert all("ada" not in e.detail["tally"] for e in second)
    assert trace.final["offices"]["leader"] == "bo"


def test_counsellors_who_expect_her_to_win_tell_her_to_stay(tmp_path: Path) -> None:
    trace = replay(_load(tmp_path, _party(hostile=0.2)), seed=0)
    (told,) = trace.of_kind("counselled")
    assert told.counts["stay"] > told.counts["go"]
    assert not trace.of_kind("comply")
    assert trace.final["offices"]["leader"] == "ada"


def test_without_counsel_nobody_is_counselled_and_nobody_complies(tmp_path: Path) -> None:
    model = _load(tmp_path, _party(hostile=0.8, counsel=False))
    assert compile_scenario(model).counsel == ()
    batch = simulate(compile_scenario(model), seed=0, runs=20, trace=True)
    assert batch.traces is not None
    kinds = Counter(e.kind for t in batch.traces for e in t.events)
    assert kinds["counselled"] == 0 and kinds["comply"] == 0


def test_her_resolve_raises_the_share_she_needs_to_hear(tmp_path: Path) -> None:
    """Most of the cabinet says go (the juniors turned hostile) though she expects to win: a
    leader of no resolve goes on a majority, one of full resolve only on unanimity."""
    raw = _party(hostile=0.2)
    raw["groups"][1]["disposition"].update(loyal=0.0, hostile=1.0)
    raw["actors"][0]["traits"][0]["value"] = 0.0
    trace = replay(_load(tmp_path, raw), seed=0)
    (told,) = trace.of_kind("counselled")
    assert told.counts["go"] > told.counts["stay"]
    assert trace.of_kind("comply")
    raw["actors"][0]["traits"][0]["value"] = 1.0
    assert not replay(_load(tmp_path, raw), seed=0).of_kind("comply")


def test_counsel_for_an_unknown_office_is_an_error_at_its_line(tmp_path: Path) -> None:
    raw = _party(hostile=0.8)
    raw["bodies"][1]["counsel"][0]["office"] = "premier"
    (tmp_path / "scenario.yaml").write_text(yaml.safe_dump(raw, sort_keys=False))
    result = CliRunner().invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 1, result.output
    out = result.output + (result.stderr or "")
    line = next(x for x in out.splitlines() if "bodies[cabinet].counsel[0].office" in x)
    assert "scenario.yaml:" in line and "unknown office 'premier'" in line, line


def test_thatcher_withdraws_on_her_cabinets_advice() -> None:
    """thatcher-1990: back from Paris on 22 November, the cabinet tells her she cannot win
    the second ballot, and she withdraws (the record's `comply`) in most runs."""
    model = load_scenario(CORPUS / "thatcher-1990").model
    batch = simulate(compile_scenario(model), seed=0, runs=40, trace=True)
    assert batch.traces is not None
    complied = [
        t
        for t in batch.traces
        if any(e.day.isoformat() == "1990-11-22" for e in t.of_kind("comply"))
    ]
    assert len(complied) > len(batch.traces) / 2
