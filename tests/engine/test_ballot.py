"""Ballots among candidates (issue 11, items 3, 6 and 9): the format's rules and the engine's
mechanism, on the party-room crises of the validation corpus.

Each mechanism test changes one input and checks that the outcome moves the way the
mechanism says; each would fail with the mechanism removed (no margin rule, no open round,
no spill, no call by the incumbent, a fixed successor).
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from politburo.engine import compile_scenario, simulate
from politburo.engine.trace import Trace
from politburo.errors import PolitburoError
from politburo.scenario import load_scenario
from politburo.scenario.schema import ScenarioModel

CORPUS = Path(__file__).resolve().parents[2] / "src" / "politburo" / "scenario" / "corpus"
RUNS = 40


def corpus(name: str) -> dict[str, Any]:
    """A corpus scenario as plain data, to be changed and validated again."""
    return load_scenario(CORPUS / name).model.model_dump(mode="python")


def traces(data: dict[str, Any], runs: int = RUNS) -> tuple[Trace, ...]:
    model = ScenarioModel.model_validate(data)
    batch = simulate(compile_scenario(model), seed=0, runs=runs, trace=True)
    assert batch.traces is not None
    return tuple(batch.traces)


def body(data: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(b for b in data["bodies"] if b["id"] == ident)


def actor(data: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(a for a in data["actors"] if a["id"] == ident)


def leaders_elected(runs: tuple[Trace, ...], office: str) -> Counter[str]:
    """Who takes ``office`` by ballot, counted over runs."""
    return Counter(
        e.actor for t in runs for e in t.of_kind("appointed") if e.subject == office and e.actor
    )


# -- the format's checks ---------------------------------------------------------------


@pytest.fixture
def thatcher_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "thatcher"
    shutil.copytree(CORPUS / "thatcher-1990", folder)
    return folder


def problems_after(folder: Path, old: str, new: str) -> list[str]:
    path = folder / "scenario.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PolitburoError) as err:
        load_scenario(folder)
    return [f"{p.line}:{p.field}: {p.message}" for p in err.value.problems]


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        (
            "      - office: conservative-leader\n        rounds:",
            "      - office: prime-minister\n        rounds:",
            "bodies[parliamentary-party].ballots[0].office",
            "unknown office",
        ),
        (
            "      - office: conservative-leader\n        rounds:",
            "      - office: chancellor\n        rounds:",
            "bodies[parliamentary-party].ballots[0].office",
            "no 'appoint' or 'remove' power",
        ),
        (
            "      - office: conservative-leader\n        rounds:",
            "      - office: conservative-leader\n        eligible: [minister]\n        rounds:",
            "bodies[parliamentary-party].ballots[0].eligible[0]",
            "unknown rank",
        ),
        (
            "    candidates: [heseltine]",
            "    candidates: [tebbit]",
            "challenges[heseltine-challenge].candidates[0]",
            "unknown actor 'tebbit'",
        ),
        (
            "    candidates: [heseltine]",
            "    candidates: [thatcher]",
            "challenges[heseltine-challenge].candidates[0]",
            "is the target",
        ),
        (
            "    candidates: [heseltine]",
            "    candidates: [heseltine]\n    successor: heseltine",
            "challenges[heseltine-challenge].successor",
            "the successor is the ballot's winner",
        ),
        (
            "    call: declared",
            "    call: sometimes",
            "challenges[heseltine-challenge].call",
            "",
        ),
        (
            "{threshold: 0.5, of: members, margin: 0.15, margin_of: members}",
            "{threshold: 0.5, of: members, margin: 0.15, margin_of: members, top: 2}",
            "bodies[parliamentary-party].ballots[0]",
            "run-off",
        ),
    ],
)
def test_bad_ballot_rules_are_errors_at_their_place(
    thatcher_copy: Path, old: str, new: str, field: str, words: str
) -> None:
    found = problems_after(thatcher_copy, old, new)
    assert any(f":{field}" in p and words in p for p in found), found
    assert all(p.split(":")[0] != "None" for p in found), found


def test_candidates_need_a_ballot_rule(tmp_path: Path) -> None:
    folder = tmp_path / "keating"
    shutil.copytree(CORPUS / "hawke-keating-1991", folder)
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    start = text.index("    ballots:\n")
    end = text.index("  - id: ", start) if "  - id: " in text[start:] else len(text)
    stop = text.index('\n    cite: {source: enc-june-1991, page: "lead section"}', start)
    assert stop < end
    (folder / "scenario.yaml").write_text(text[:start] + text[stop + 1 :], encoding="utf-8")
    with pytest.raises(PolitburoError) as err:
        load_scenario(folder)
    found = [f"{p.field}: {p.message}" for p in err.value.problems]
    assert any("candidates" in p and "no ballot rule" in p for p in found), found


# -- the margin rule and the rounds ----------------------------------------------------


def first_round_elected(data: dict[str, Any]) -> float:
    runs = traces(data)
    first = [e for t in runs for e in t.of_kind("ballot") if e.counts["round"] == 1]
    assert len(first) == len(runs)
    return sum(e.counts["elected"] for e in first) / len(first)


def test_the_margin_rule_denies_a_first_round_win_that_a_majority_would_give() -> None:
    data = corpus("thatcher-1990")
    rounds = body(data, "parliamentary-party")["ballots"][0]["rounds"]
    rounds[0].update(threshold=0.5, of="votes", margin=0.0)
    assert first_round_elected(data) == 1.0
    rounds[0].update(margin=0.15)
    assert first_round_elected(data) == 0.0


def test_new_candidates_enter_only_an_open_round() -> None:
    data = corpus("thatcher-1990")
    rounds = body(data, "parliamentary-party")["ballots"][0]["rounds"]
    stands = [e for t in traces(data) for e in t.of_kind("stand")]
    assert stands and {e.counts["round"] for e in stands} == {2}
    assert "major" in {e.actor for e in stands}
    rounds[1]["open"] = False
    assert not [e for t in traces(data) for e in t.of_kind("stand")]


def test_a_round_is_held_on_its_day() -> None:
    data = corpus("thatcher-1990")
    second = [e for t in traces(data) for e in t.of_kind("ballot") if e.counts["round"] == 2]
    assert second and {e.day.isoformat() for e in second} == {"1990-11-27"}


def test_the_successor_is_chosen_by_the_ballot_from_members_positions() -> None:
    """Nobody names Major: he wins because he enters the open round and stands nearest the
    rank and file; moved to Heseltine's stances, the rank and file elect Heseltine."""
    data = corpus("thatcher-1990")
    assert leaders_elected(traces(data), "conservative-leader").most_common(1)[0][0] == "major"
    mps = next(g for g in data["groups"] if g["id"] == "conservative-mps")
    heseltine = {p["issue"]: p["stance"] for p in actor(data, "heseltine")["positions"]}
    for position in mps["positions"]:
        position["stance"] = heseltine[position["issue"]]
    elected = leaders_elected(traces(data), "conservative-leader")
    assert elected.most_common(1)[0][0] == "heseltine", elected


def test_a_candidate_with_no_hope_concedes_and_one_with_resolve_stays() -> None:
    data = corpus("thatcher-1990")
    withdrawn = Counter(e.actor for t in traces(data) for e in t.of_kind("withdraw"))
    assert withdrawn["heseltine"] > 0
    actor(data, "heseltine")["traits"].append(
        {"name": "resolve", "value": 1.0, "cite": [{"assumption": "a test of the mechanism"}]}
    )
    withdrawn = Counter(e.actor for t in traces(data) for e in t.of_kind("withdraw"))
    assert withdrawn["heseltine"] == 0


# -- the spill -------------------------------------------------------------------------


def spill_votes(data: dict[str, Any]) -> list[tuple[int, int, bool]]:
    return [
        (e.counts["yes"], e.counts["no"], bool(e.counts["passed"]))
        for t in traces(data)
        for e in t.of_kind("vote")
        if e.motion == "remove"
    ]


def test_the_spill_vote_is_graded_not_all_or_nothing() -> None:
    votes = spill_votes(corpus("turnbull-2018"))
    assert votes and all(yes > 5 and no > 5 for yes, no, _ in votes), votes[:3]


def test_a_passed_spill_opens_a_ballot_that_may_elect_someone_nobody_declared() -> None:
    """After the spill passes, undeclared members enter; the rank and file elect the one
    nearest them: the declared challenger when they stand with him, the compromise when they
    stand with the compromise. Without a spill rule the ballot is a contest (no spill)."""
    data = corpus("turnbull-2018")
    mps = next(g for g in data["groups"] if g["id"] == "liberal-members")
    mps["disposition"].update(loyal=0.2, wavering=0.2, hostile=0.6)
    assert any(passed for _, _, passed in spill_votes(data))
    runs = traces(data)
    assert {"morrison", "bishop"} <= {e.actor for t in runs for e in t.of_kind("stand")}
    assert leaders_elected(runs, "liberal-leader").most_common(1)[0][0] == "dutton"
    morrison = {p["issue"]: p["stance"] for p in actor(data, "morrison")["positions"]}
    for position in mps["positions"]:
        position["stance"] = morrison.get(position["issue"], position["stance"])
    elected = leaders_elected(traces(data), "liberal-leader")
    assert elected.most_common(1)[0][0] == "morrison", elected
    body(data, "party-room")["ballots"][0]["spill"] = False
    removed = [e for t in traces(data) for e in t.of_kind("removed")]
    assert removed and all(e.detail.get("how") != "spill" for e in removed)


def test_an_incumbent_barred_from_standing_after_a_spill_never_stands() -> None:
    data = corpus("turnbull-2018")
    mps = next(g for g in data["groups"] if g["id"] == "liberal-members")
    mps["disposition"].update(loyal=0.2, wavering=0.2, hostile=0.6)
    rule = body(data, "party-room")["ballots"][0]
    rule["incumbent_may_stand"] = False
    for t in traces(data):
        for e in t.of_kind("ballot"):
            assert "turnbull" not in e.detail["tally"], e.detail


# -- who brings the question on --------------------------------------------------------


def removal_votes(data: dict[str, Any]) -> int:
    return sum(1 for t in traces(data) for e in t.of_kind("vote") if e.motion == "remove")


def test_an_incumbent_who_expects_to_win_calls_the_vote_himself() -> None:
    data = corpus("gillard-rudd-2012")
    runs = traces(data)
    assert all(any(e.actor == "gillard" for e in t.of_kind("call-vote")) for t in runs)
    assert removal_votes(data) == len(runs)
    data["challenges"][0]["call"] = "majority"
    assert removal_votes(data) == 0


def test_a_declared_challenge_goes_to_the_vote_without_an_expected_majority() -> None:
    data = corpus("hawke-keating-1991")
    runs = traces(data)
    assert removal_votes(data) == len(runs)
    assert not [e for t in runs for e in t.of_kind("call-vote")]
    data["challenges"][0]["call"] = "majority"
    assert removal_votes(data) == 0


# -- the trace contract on the party-room cases ------------------------------------------


@pytest.mark.parametrize(
    "name", ["thatcher-1990", "turnbull-2018", "gillard-rudd-2012", "hawke-keating-1991"]
)
def test_ballots_keep_the_trace_contract(name: str) -> None:
    """Every vote's yes, no and abstentions are the voting members present; nobody absent
    votes; a round's tally never exceeds them; one winner per office at a time."""
    for trace in traces(corpus(name), runs=12):
        present: dict[str, set[str]] = {}
        voters = 0
        for event in trace.events:
            if event.kind == "meeting" and event.body is not None:
                present[event.body] = set(event.present or [])
                voters = event.counts.get("present_voters", voters)
            if event.kind == "vote":
                total = sum(event.counts[k] for k in ("yes", "no", "abstain"))
                assert total == event.detail["present_voters"], event
                cast = {a for a, b in (event.ballots or {}).items() if b in ("yes", "no")}
                assert cast <= present[event.body or ""], event
            if event.kind == "ballot":
                assert sum(event.detail["tally"].values()) <= event.detail["present_voters"]
                assert event.counts["votes"] >= event.counts["runner_up_votes"]
        holders = [e.actor for e in trace.of_kind("appointed")]
        assert len(holders) <= len(trace.of_kind("removed")) + 1
