"""The event registry's contract: every kind a procedure emits is registered, decodes and is
told; the codes stored tables rely on stay put."""

from __future__ import annotations

import ast
import datetime as dt
import itertools
from pathlib import Path

import pytest

from politburo.analysis.story import Names, describe, words
from politburo.engine import EVENT_KINDS, EVENTS, EventKind, replay
from politburo.engine.events import MOTIONS
from politburo.engine.trace import TraceEvent
from politburo.scenario import Scenario, load_scenario
from politburo.scenario.bundled import bundled_names

PROCEDURES = Path(__file__).parents[2] / "src" / "politburo" / "engine" / "procedures"

FIRST_KINDS = [
    "strike",
    "no-strike",
    "meeting",
    "vote",
    "take-chair",
    "demand-resignation",
    "removed",
    "appointed",
    "refuse-resignation",
    "comply",
    "appeal",
    "force",
    "detained",
    "alert",
    "summon",
    "depart",
    "arrive",
    "airlift",
    "petition",
    "delegation",
    "blocked",
    "received",
    "convened",
    "opened",
    "preside",
    "speech",
    "speak-for",
    "side",
    "waver",
    "desert",
    "recant",
    "defect",
    "resolution",
    "sanction",
    "seat",
    "fait-accompli",
    "collapse",
]
"""The kinds in the order their codes were given: stored event tables read them so."""


def _emitted_literals() -> dict[str, set[str]]:
    """Kinds passed as a literal to ``*.log.add`` or ``log_office``, by module."""
    found: dict[str, set[str]] = {}
    for path in PROCEDURES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[1] if name == "log_office" else node.args[0]
            if name in ("add", "log_office") and isinstance(first, ast.Constant):
                found.setdefault(path.name, set()).add(str(first.value))
    return found


def test_codes_keep_their_positions() -> None:
    assert list(EVENT_KINDS[: len(FIRST_KINDS)]) == FIRST_KINDS
    assert MOTIONS[0] == ""
    assert len(set(EVENT_KINDS)) == len(EVENT_KINDS)


def test_every_literal_kind_a_procedure_emits_is_registered() -> None:
    emitted = set().union(*_emitted_literals().values())
    assert emitted, "no literal kinds found: the scan is broken"
    assert emitted <= set(EVENTS), emitted - set(EVENTS)


def test_every_registered_kind_is_named_by_some_procedure() -> None:
    literals: set[str] = set()
    for path in PROCEDURES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
    assert set(EVENTS) <= literals, set(EVENTS) - literals


@pytest.mark.parametrize("name", bundled_names())
def test_traces_hold_registered_kinds_with_their_named_values(name: str) -> None:
    model = load_scenario(name).model
    for seed in range(3):
        for event in replay(model, seed=seed).events:
            kind = EVENTS[event.kind]
            assert set(event.counts) == set(kind.values)


def _event(kind: EventKind, values: tuple[int, ...], actor: str | None) -> TraceEvent:
    subjects = {"actor": "khrushchev", "office": "first-secretary", "body": "presidium"}
    return TraceEvent(
        dt.date(1957, 6, 18),
        0,
        kind.name,
        actor=actor,
        body="presidium",
        subject=subjects.get(kind.subject.value, "moscow"),
        motion="remove",
        counts=dict(zip(kind.values, values, strict=True)),
        detail={"how": "resigned", "purpose": "detain"},
    )


@pytest.mark.parametrize("kind", list(EVENTS.values()), ids=list(EVENTS))
def test_every_sentence_of_every_kind_is_told(kind: EventKind, june: Scenario) -> None:
    names = Names.of(june.model)
    told: dict[str, str] = {}
    values = itertools.product((-1, 0, 1), repeat=len(kind.values))
    for numbers, actor in itertools.product(values, ("molotov", names.target, None)):
        event = _event(kind, numbers, actor)
        template = kind.sentence(words(names, event))
        sentence = describe(names, event)
        assert sentence.endswith(".") and "{" not in sentence, sentence
        told[template] = sentence
    unreachable = {t for _, t in kind.sentences} - set(told)
    assert not unreachable, "sentences of this kind that can never be told"


def test_values_are_named_and_unknown_ones_refused() -> None:
    vote = EVENTS["vote"]
    assert vote.column("passed") == "d"
    with pytest.raises(KeyError, match="no value"):
        vote.column("turnout")
    with pytest.raises(ValueError, match="no condition"):
        EventKind("x", "x", (({"a": 1}, "{actor}."),))
    assert all(len(k.values) <= 4 for k in EVENTS.values())
    assert not list(itertools.chain.from_iterable(k.values for k in EVENTS.values())).count("")


def test_a_departure_names_the_place_left(june: Scenario) -> None:
    """Khrushchev and Bulganin leave Moscow for Finland on 6 June (not 'the capital')."""
    trace = replay(june.model, seed=0)
    left = {e.actor: e.subject for e in trace.events if e.kind == "depart" and e.actor}
    assert left["khrushchev"] == left["bulganin"] == "moscow"
