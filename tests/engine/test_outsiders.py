"""Actors outside the bodies: a patron, a foreign party, a following, a crowd.

A known stance moves what members expect the winning side to be (their bandwagon and risk
terms, and the challengers' expected support when they time the strike); a crowd raises the
threshold for backing force. Each test sets only the outsider and checks that the run moves
the way the mechanism says; with the mechanism disabled it fails.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from politburo.engine import compile_scenario, replay, simulate
from politburo.engine.compile_outsiders import NONE
from politburo.errors import PolitburoError
from politburo.scenario import load_scenario
from politburo.scenario.basis import outcome_blind
from politburo.scenario.schema import ScenarioModel
from tests.engine.conftest import NO_SOURCE, edited

A = {"assumption": "a constructed case for the engine's tests"}
HOME = [{"place": "town", "start": "2000-01-01", "end": "2000-01-31", "cite": A}]


def _person(ident: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "name": ident.title(),
        "memberships": [{"body": "board", "rank": "full", "cite": A}],
        "itinerary": HOME,
        "cite": A,
        **extra,
    }


def _board(lean: float) -> dict[str, Any]:
    """A board of five that may remove its chair, Ada, by a majority of those present: Bo
    leads the challenge; Cy, Di, Ed and Fi are uncommitted, each an ally of Bo with strength
    ``lean`` (0: they owe nobody, and the challengers expect an even split of them)."""
    ties = [{"kind": "ally", "to": "bo", "strength": lean, "basis": "before", "cite": A}]
    members = [_person(x, ties=ties if lean else []) for x in ("cy", "di", "ed", "fi")]
    ada = _person(
        "ada",
        offices=[{"office": "chair", "cite": A}],
        traits=[{"name": "resolve", "value": 0.5, "basis": "before", "cite": A}],
    )
    return {
        "id": "club",
        "title": "Club",
        "format": 2,
        "start": "2000-01-01",
        "end": "2000-01-31",
        "sources": [NO_SOURCE],
        "places": [
            {"id": "town", "name": "Town", "cite": A},
            {"id": "abroad", "name": "Abroad", "cite": A},
        ],
        "offices": [{"id": "chair", "name": "Chair", "body": "board", "cite": A}],
        "bodies": [
            {
                "id": "board",
                "name": "Board",
                "seat": "town",
                "chair": "chair",
                "ranks": [{"id": "full", "vote": True}],
                "rule": {"threshold": 0.5, "cite": A},
                "powers": [{"motion": "remove", "office": "chair", "cite": A}],
                "cite": A,
            }
        ],
        "actors": [ada, _person("bo"), *members],
        "challenges": [
            {
                "id": "move",
                "leaders": ["bo"],
                "target": "ada",
                "office": "chair",
                "arena": "board",
                "window_start": "2000-01-01",
                "window_end": "2000-01-20",
                "take_chair": False,
                "cite": A,
            }
        ],
    }


def _outsider(
    stance: str,
    *,
    ident: str = "empire",
    kind: str = "patron",
    weight: float = 0.3,
    known: str | None = None,
    basis: str = "before",
) -> dict[str, Any]:
    st: dict[str, Any] = {"stance": stance, "basis": basis, "cite": A}
    if known:
        st.update(known=known, at="town")
    return {
        "id": ident,
        "name": ident.title(),
        "kind": kind,
        "weight": weight,
        "stances": [st],
        "cite": A,
    }


def _load(tmp: Path, raw: dict[str, Any]) -> ScenarioModel:
    (tmp / "scenario.yaml").write_text(yaml.safe_dump(raw, sort_keys=False))
    return load_scenario(tmp).model


def _with(raw: dict[str, Any], *outsiders: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(raw)
    out["outsiders"] = list(outsiders)
    return out


def _days(trace: Any, *names: str) -> list[tuple[int, str]]:
    return [(e.day.day, e.kind) for e in trace.events if e.kind in names]


def _run(tmp: Path, raw: dict[str, Any], *outsiders: dict[str, Any]) -> Any:
    return replay(_load(tmp, _with(raw, *outsiders)), seed=0)


def _kept(tmp: Path, raw: dict[str, Any], *outsiders: dict[str, Any]) -> float:
    compiled = compile_scenario(_load(tmp, _with(raw, *outsiders)))
    batch = simulate(compiled, seed=0, runs=100)
    return float((batch.columns["office.chair.holder_at_end"] == 0).mean())


# -- a patron's stance moves the expected balance ---------------------------------------------


def test_a_patron_backing_the_challengers_makes_them_strike_and_win(tmp_path: Path) -> None:
    """Four members who owe nobody: the challengers expect an even split and hold back. A
    patron known to back them tilts what everyone expects to win: they strike and carry it."""
    raw = _board(0.0)
    alone = _run(tmp_path, raw)
    assert _days(alone, "strike", "no-strike") == [(1, "no-strike")]
    backed = _run(tmp_path, raw, _outsider("challengers"))
    assert _days(backed, "strike", "removed") == [(1, "strike"), (1, "removed")]
    assert _kept(tmp_path, raw) == 1.0 and _kept(tmp_path, raw, _outsider("challengers")) == 0.0


def test_a_patron_backing_the_target_stops_a_strike_that_would_win(tmp_path: Path) -> None:
    """Members who lean to the challengers: alone, they strike and win; with a patron known
    to back the target, the challengers expect no majority and hold back."""
    raw = _board(0.3)
    assert _days(_run(tmp_path, raw), "strike", "removed") == [(1, "strike"), (1, "removed")]
    held = _run(tmp_path, raw, _outsider("target"))
    assert _days(held, "strike", "no-strike") == [(1, "no-strike")]
    assert _kept(tmp_path, raw) == 0.0 and _kept(tmp_path, raw, _outsider("target")) == 1.0


def test_in_the_room_the_stance_turns_the_vote(tmp_path: Path) -> None:
    """A declared challenge strikes whatever it expects; with the target's patron known, the
    members who lean to the challengers expect the target's side to win and vote with it."""
    raw = _board(0.3)
    raw["challenges"][0]["call"] = "declared"
    free = _run(tmp_path, raw).of_kind("vote")[0].counts
    held = _run(tmp_path, raw, _outsider("target")).of_kind("vote")[0].counts
    assert free["passed"] == 1 and held["passed"] == 0
    assert held["no"] > free["no"]


def test_an_envoys_arrival_sets_the_strike_day(tmp_path: Path) -> None:
    """Backing made known on the 6th at the seat: the challengers wait for it, and the
    replay tells it."""
    raw = _board(0.0)
    trace = _run(tmp_path, raw, _outsider("challengers", known="2000-01-06"))
    assert _days(trace, "outsider-known", "strike", "no-strike") == [
        (6, "outsider-known"),
        (6, "strike"),
    ]
    known = trace.of_kind("outsider-known")[0]
    assert known.subject == "town" and known.counts == {"side": 1}
    assert known.detail["outsider"] == "Empire" and known.detail["outsider_kind"] == "patron"
    later = _run(tmp_path, raw, _outsider("challengers", known="2000-01-09"))
    assert _days(later, "strike") == [(9, "strike")]


def test_a_stance_withheld_or_weightless_changes_nothing(tmp_path: Path) -> None:
    raw = _board(0.3)
    base = compile_scenario(_load(tmp_path, raw))
    plain = simulate(base, seed=0, runs=50).columns
    for outsider in (_outsider("withholds"), _outsider("target", weight=0.0)):
        compiled = compile_scenario(_load(tmp_path, _with(raw, outsider)))
        cols = simulate(compiled, seed=0, runs=50).columns
        for name, column in plain.items():
            np.testing.assert_array_equal(column, cols[name], err_msg=name)


def test_the_kinds_that_move_the_balance_and_the_crowd_that_does_not(tmp_path: Path) -> None:
    """A foreign party and a following move the balance as a patron does; a crowd does not
    (it only raises the cost of force)."""
    raw = _board(0.0)
    for kind in ("party", "following"):
        assert _kept(tmp_path, raw, _outsider("challengers", kind=kind)) == 0.0, kind
    crowd = _run(tmp_path, raw, _outsider("challengers", kind="crowd", weight=1.0))
    assert _days(crowd, "strike", "no-strike") == [(1, "no-strike")]


# -- crowds raise the cost of force -----------------------------------------------------------


@pytest.mark.parametrize("seed", (0, 1))
def test_a_crowd_backing_the_target_stays_the_hand_of_force(seed: int) -> None:
    """Beria's arrest as bundled: force is used. A crowd known to back him (weight 1) puts
    force beyond anyone's will; a crowd backing the challengers does not."""
    scenario = load_scenario("beria-1953")

    def crowd(stance: str) -> ScenarioModel:
        def change(raw: dict[str, Any]) -> None:
            raw["outsiders"] = [_outsider(stance, ident="crowd", kind="crowd", weight=1.0)]

        return edited(scenario, change)

    assert replay(scenario.model, seed=seed).of_kind("detained")
    stayed = replay(crowd("target"), seed=seed)
    force = stayed.of_kind("force")[0]
    assert not force.detail["used"] and force.counts["backers"] == 0
    assert not stayed.of_kind("detained")
    assert replay(crowd("challengers"), seed=seed).of_kind("detained")


def test_the_crowds_deterrence_is_graded_by_its_weight() -> None:
    """Not all or nothing: weight w raises the threshold for backing force by 1 / (1 - w);
    at 0.7 (a threshold of five) force is used in fewer runs, at 1 in none."""
    scenario = load_scenario("beria-1953")
    shares = []
    for weight in (0.0, 0.7, 1.0):

        def change(raw: dict[str, Any], weight: float = weight) -> None:
            raw["outsiders"] = [_outsider("target", ident="crowd", kind="crowd", weight=weight)]

        batch = simulate(compile_scenario(edited(scenario, change)), seed=0, runs=100)
        shares.append(float(batch.columns["actor.beria.detained"].mean()))
    assert shares[0] > shares[1] > shares[2] == 0.0


# -- invariance, basis, checks ----------------------------------------------------------------


def test_renaming_and_reordering_outsiders_changes_nothing(tmp_path: Path) -> None:
    raw = _board(0.3)
    pair = (
        _outsider("target", ident="empire", weight=0.2),
        _outsider("challengers", ident="party", kind="party", weight=0.1),
    )
    first = simulate(compile_scenario(_load(tmp_path, _with(raw, *pair))), seed=0, runs=50)
    renamed = [dict(o, id=f"x-{o['id']}") for o in reversed(pair)]
    second = simulate(compile_scenario(_load(tmp_path, _with(raw, *renamed))), seed=0, runs=50)
    for name, column in first.columns.items():
        np.testing.assert_array_equal(column, second.columns[name], err_msg=name)


def test_a_stance_read_from_the_course_is_dropped_outcome_blind(tmp_path: Path) -> None:
    raw = _with(_board(0.0), _outsider("challengers", known="2000-01-06", basis="course"))
    (tmp_path / "scenario.yaml").write_text(yaml.safe_dump(raw, sort_keys=False))
    scenario = load_scenario(tmp_path)
    blind = outcome_blind(scenario)
    assert blind.describe() == [
        "outsiders[empire].stances[0] (empire backs challengers from 2000-01-06)"
    ]
    assert _days(replay(scenario.model, seed=0), "strike") == [(6, "strike")]
    assert _days(replay(blind.scenario.model, seed=0), "no-strike") == [(1, "no-strike")]


def test_a_scenario_without_outsiders_compiles_to_nothing(tmp_path: Path) -> None:
    compiled = compile_scenario(_load(tmp_path, _board(0.3)))
    assert compiled.challenges[0].outside is NONE and not compiled.announcements


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda o: o["stances"][0].update(challenge="other"), "challenge", "unknown challenge"),
        (lambda o: o["stances"][0].update(at="nowhere"), "at", "unknown place"),
        (lambda o: o["stances"][0].update(known="2001-01-01"), "known", "outside the scenario"),
        (lambda o: o.update(id="cy"), "id", "holds no seat"),
    ],
)
def test_checks_name_file_line_and_field(
    tmp_path: Path, change: Any, field: str, words: str
) -> None:
    outsider = _outsider("challengers", known="2000-01-06")
    change(outsider)
    with pytest.raises(PolitburoError) as err:
        _load(tmp_path, _with(_board(0.0), outsider))
    found = [f"{p.file}:{p.line}:{p.field}: {p.message}" for p in err.value.problems]
    assert any(f".{field}: " in p and words in p for p in found), found
    assert all(p.file and p.line for p in err.value.problems), found


def test_two_stances_on_one_day_and_duplicate_ids_are_refused(tmp_path: Path) -> None:
    outsider = _outsider("challengers", known="2000-01-06")
    outsider["stances"].append(dict(outsider["stances"][0], stance="target"))
    with pytest.raises(PolitburoError, match="same day"):
        _load(tmp_path, _with(_board(0.0), outsider))
    with pytest.raises(PolitburoError, match="duplicate id"):
        _load(tmp_path, _with(_board(0.0), _outsider("target"), _outsider("challengers")))


@pytest.mark.parametrize(
    ("folder", "day"), [("rakosi-1956", "1956-07-13"), ("gomulka-1970", "1970-12-18")]
)
def test_the_corpus_crises_move_when_moscow_turns(folder: str, day: str) -> None:
    """Moscow backs the incumbent before the crisis; as written, the challengers move the day
    its backing turns (read from the course); outcome-blind they never move."""
    path = Path(__file__).resolve().parents[2] / "src/politburo/scenario/corpus" / folder
    scenario = load_scenario(path)
    moved = [e for e in replay(scenario.model, seed=0).events if e.kind in ("strike", "escalate")]
    assert [str(e.day) for e in moved] == [day]
    blind = replay(outcome_blind(scenario).scenario.model, seed=0)
    assert blind.of_kind("no-strike") and not blind.of_kind("strike")
