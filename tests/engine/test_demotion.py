"""Demotion rather than expulsion (a challenge's ``landing_posts``): the target is graded by
his conduct, a target who gives in accepts the verdict in public, and he lands in a lesser post
keeping his seats. Without the field, the target is treated as before.

Run on the corpus's Malenkov 1955 (a premier who gave in and was made a deputy premier)."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest

from politburo.engine import replay
from politburo.errors import PolitburoError
from politburo.scenario import Scenario, load_scenario
from politburo.scenario.basis import outcome_blind
from politburo.scenario.schema import ScenarioModel
from tests.conftest import ROOT
from tests.engine.conftest import item

FOLDER = ROOT / "src" / "politburo" / "scenario" / "corpus" / "malenkov-1955"
SEEDS = (0, 1, 2)


@pytest.fixture(scope="module")
def malenkov() -> Scenario:
    return load_scenario(FOLDER)


def variant(scenario: Scenario, **change: Any) -> ScenarioModel:
    """The scenario with the challenge's fields set (None: removed) and Malenkov's resolve."""
    raw = copy.deepcopy(scenario.raw)
    challenge = raw["challenges"][0]
    resolve = change.pop("resolve", None)
    for name, value in change.items():
        if value is None:
            challenge.pop(name, None)
            challenge.get("basis", {}).pop(name, None)
        else:
            challenge[name] = value
    if resolve is not None:
        item(raw["actors"], "malenkov")["traits"][0]["value"] = resolve
    return ScenarioModel.model_validate(raw)


def test_a_target_who_gives_in_lands_and_keeps_his_seats(malenkov: Scenario) -> None:
    for seed in SEEDS:
        final = replay(malenkov.model, seed=seed).final
        assert final["offices"]["premier"] != "malenkov"
        assert final["offices"]["deputy-premier"] == "malenkov"
        assert final["memberships"]["presidium"].get("malenkov") == "full"
        assert final["memberships"]["central-committee"].get("malenkov") == "full"


def test_a_target_who_gives_in_is_not_graded_as_a_ringleader(malenkov: Scenario) -> None:
    for seed in SEEDS:
        assert "malenkov" not in replay(malenkov.model, seed=seed).final["sanctions"]


def test_without_landing_posts_he_is_expelled_as_before(malenkov: Scenario) -> None:
    model = variant(malenkov, landing_posts=None)
    for seed in SEEDS:
        trace = replay(model, seed=seed)
        assert trace.final["offices"]["deputy-premier"] is None
        assert "malenkov" not in trace.final["memberships"]["presidium"]
        assert not trace.of_kind("accept") and not trace.of_kind("land")


def test_the_meeting_that_accepts_his_resignation_is_unanimous(malenkov: Scenario) -> None:
    for seed in SEEDS:
        trace = replay(malenkov.model, seed=seed)
        assert [e.actor for e in trace.of_kind("accept")] == ["malenkov"]
        resolution = [e for e in trace.of_kind("vote") if e.motion == "resolve"][-1]
        assert resolution.ballots is not None
        assert set(resolution.ballots.values()) == {"yes"}
    before = replay(variant(malenkov, landing_posts=None)).of_kind("vote")
    resolution = [e for e in before if e.motion == "resolve"][-1]
    assert resolution.ballots is not None and resolution.ballots["malenkov"] != "yes"


def test_a_target_who_fights_is_graded_as_the_leader_of_his_side(malenkov: Scenario) -> None:
    model = variant(malenkov, resolve=1.0)
    for seed in SEEDS:
        trace = replay(model, seed=seed)
        assert trace.of_kind("refuse-resignation") and not trace.of_kind("accept")
        graded = [e for e in trace.of_kind("sanction") if e.actor == "malenkov"]
        assert graded and graded[0].detail["conduct"]["leader"] == 1.0
        assert graded[0].detail["conduct"]["holdout"] == 1.0
        assert trace.final["offices"]["deputy-premier"] is None


def test_the_first_vacant_post_is_offered(malenkov: Scenario) -> None:
    raw = copy.deepcopy(malenkov.raw)
    raw["challenges"][0]["landing_posts"] = ["defence-minister", "power-stations-minister"]
    final = replay(ScenarioModel.model_validate(raw)).final
    assert final["offices"]["power-stations-minister"] == "malenkov"
    assert final["offices"]["defence-minister"] == "bulganin"


def test_an_outcome_read_landing_post_is_emptied_outcome_blind(
    malenkov: Scenario, tmp_path: Path
) -> None:
    folder = tmp_path / "m"
    shutil.copytree(FOLDER, folder)
    path = folder / "scenario.yaml"
    text = path.read_text()
    path.write_text(text.replace("{landing_posts: before}", "{landing_posts: outcome}"))
    blind = outcome_blind(load_scenario(folder)).scenario.model
    assert blind.challenges[0].landing_posts == []
    final = replay(blind).final
    assert final["offices"]["deputy-premier"] is None
    assert final["memberships"]["presidium"].get("malenkov") == "full"


@pytest.mark.parametrize(
    ("posts", "message"),
    [
        ("[deputy-premierx]", "unknown office 'deputy-premierx'"),
        ("[premier]", "the office fought over"),
        ("[deputy-premier, deputy-premier]", "named twice"),
    ],
)
def test_bad_landing_posts_are_errors_at_their_place(
    tmp_path: Path, posts: str, message: str
) -> None:
    folder = tmp_path / "m"
    shutil.copytree(FOLDER, folder)
    path = folder / "scenario.yaml"
    text = path.read_text()
    line = text[: text.index("landing_posts: [deputy-premier]")].count("\n") + 1
    path.write_text(text.replace("landing_posts: [deputy-premier]", f"landing_posts: {posts}"))
    with pytest.raises(PolitburoError) as caught:
        load_scenario(folder)
    found = [p for p in caught.value.problems if message in p.message]
    assert found, caught.value.problems
    assert found[0].line == line
    assert found[0].field is not None and found[0].field.startswith(
        "challenges[premiership].landing_posts["
    )


def test_a_target_who_fought_may_confess_at_the_verdict(malenkov: Scenario) -> None:
    confessed = 0
    for seed in SEEDS:
        trace = replay(variant(malenkov, resolve=0.8), seed=seed)
        if not trace.of_kind("confess"):
            continue
        confessed += 1
        assert trace.of_kind("refuse-resignation")
        resolution = [e for e in trace.of_kind("vote") if e.motion == "resolve"][-1]
        assert resolution.ballots is not None and resolution.ballots["malenkov"] == "yes"
        graded = [e for e in trace.of_kind("sanction") if e.actor == "malenkov"]
        assert graded[0].detail["conduct"]["holdout"] == 0.0
        assert graded[0].detail["conduct"]["leader"] == 1.0
    assert confessed >= 2
    for seed in SEEDS:
        old = replay(variant(malenkov, resolve=0.8, landing_posts=None), seed=seed)
        assert not old.of_kind("confess")
