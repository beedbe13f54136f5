"""Narration: one plain sentence per event, naming the people the scenario names."""

from __future__ import annotations

import datetime as dt

import pytest

from politburo.analysis.story import Names, describe
from politburo.engine.trace import TraceEvent
from politburo.scenario import Scenario

DAY = dt.date(1957, 6, 18)


def event(kind: str, **fields: object) -> TraceEvent:
    return TraceEvent(DAY, 0, kind, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("made", "sentence"),
    [
        (
            event("side", actor="khrushchev", counts={"side": -1}),
            "Nikita Sergeevich Khrushchev stands firm.",
        ),
        (
            event("side", actor="zhukov", counts={"side": -1}),
            "Georgii Konstantinovich Zhukov sides with Nikita Sergeevich Khrushchev.",
        ),
        (
            event("side", actor="molotov", counts={"side": 1}),
            "Vyacheslav Mikhailovich Molotov sides with the challengers.",
        ),
        (
            event(
                "vote",
                body="presidium",
                subject="khrushchev",
                motion="remove",
                counts={"yes": 7, "no": 4, "abstain": 0, "passed": 1},
            ),
            "The Presidium of the Central Committee of the CPSU votes to remove Nikita "
            "Sergeevich Khrushchev: 7 for, 4 against, 0 abstaining; carried.",
        ),
        (
            event(
                "vote",
                body="presidium",
                motion="receive",
                counts={"yes": 5, "no": 6, "abstain": 0, "passed": 0},
            ),
            "The Presidium of the Central Committee of the CPSU votes to receive the "
            "delegation: 5 for, 6 against, 0 abstaining; lost.",
        ),
        (
            event(
                "resolution",
                body="presidium",
                subject="malenkov",
                counts={"majority_side": -1, "passed": 1},
            ),
            "The Presidium of the Central Committee of the CPSU condemns the challengers, "
            "led by Georgii Maksimilianovich Malenkov.",
        ),
        (
            event(
                "resolution",
                body="presidium",
                subject="khrushchev",
                counts={"majority_side": 1, "passed": 0},
            ),
            "The Presidium of the Central Committee of the CPSU does not pass a resolution "
            "condemning Nikita Sergeevich Khrushchev.",
        ),
        (
            event(
                "vote",
                body="presidium",
                motion="adjourn",
                counts={"yes": 1, "no": 2, "abstain": 0, "passed": 0},
            ),
            "The Presidium of the Central Committee of the CPSU votes on a motion to adjourn: "
            "1 for, 2 against, 0 abstaining; lost.",
        ),
    ],
)
def test_sentences_name_the_people(june: Scenario, made: TraceEvent, sentence: str) -> None:
    assert describe(Names.of(june.model), made) == sentence
