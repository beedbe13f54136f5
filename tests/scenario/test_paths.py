"""One path grammar for the raw data (what edits change) and the validated model (what the
facts behind a replay's events name)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from politburo.engine import replay
from politburo.engine.facts import citations_of
from politburo.scenario import Scenario, load_scenario
from politburo.scenario.bundled import bundled_names
from politburo.scenario.paths import PathError, citations_at, find, path_of, resolve
from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def tiny() -> Scenario:
    return load_scenario(EXAMPLE)


def _same(raw: Any, node: Any) -> bool:
    """Whether a raw value and a model value are the same datum: the same scalar, or records
    whose scalar fields agree (lists and nested records, which validation may reshape, such
    as a single ``cite`` made a list, are not compared)."""
    if isinstance(node, BaseModel):
        return isinstance(raw, dict) and all(
            _same(value, getattr(node, key))
            for key, value in raw.items()
            if not isinstance(value, dict | list)
        )
    if isinstance(node, list):
        return isinstance(raw, list | dict)
    return bool(raw == node) or str(raw) == str(node)


@pytest.mark.parametrize(
    "path",
    [
        "actors/vance",
        "actors/vance/itinerary/1",
        "actors/vance/itinerary/-1/place",
        "actors/marr/ties/to=vance/strength",
        "bodies/council/rule",
        "bodies/council/ranks/candidate/vote",
        "/bodies//council/seat/",
    ],
)
def test_a_path_names_the_same_datum_in_raw_data_and_model(tiny: Scenario, path: str) -> None:
    assert _same(resolve(tiny.raw, path), resolve(tiny.model, path))


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("actors/nobody", "no item 'nobody' in actors; it has ids: "),
        ("actors/vance/itinerary/7", "positions 0 to 2"),
        ("actors/vance/colour", "no field 'colour' at actors/vance"),
        ("actors/marr/ties/kind=ally", "no item of actors/marr/ties has kind = 'ally'"),
        ("bodies/council/seat/x", "is a single value"),
    ],
)
def test_the_same_message_for_raw_data_and_model(tiny: Scenario, path: str, message: str) -> None:
    texts = []
    for node in (tiny.raw, tiny.model):
        with pytest.raises(PathError) as error:
            resolve(node, path)
        texts.append(str(error.value))
        assert find(node, path) is None
    assert message in texts[0] and message in texts[1], texts


def test_path_of_names_records_by_id(tiny: Scenario) -> None:
    marr = next(i for i, a in enumerate(tiny.model.actors) if a.id == "marr")
    for node in (tiny.raw, tiny.model):
        assert path_of(("actors", marr, "ties", 0), node) == "actors/marr/ties/0"


@pytest.mark.parametrize("scenario", bundled_names())
def test_every_fact_a_replay_cites_resolves_and_is_cited(scenario: str) -> None:
    """The engine's fact paths are paths of the grammar: each names a datum of the model (a
    body's ``chair`` or ``notice_days`` may be a default, absent from the files), the same
    datum in the raw data where the files give it, with citations behind it."""
    loaded = load_scenario(scenario)
    facts = {f for event in replay(loaded.model, seed=0).events for f in event.facts}
    assert facts
    for fact in sorted(facts):
        value = resolve(loaded.model, fact)
        raw = find(loaded.raw, fact)
        assert raw is None or _same(raw, value), fact
        assert citations_of(loaded.model, fact) == citations_at(loaded.model, fact) != [], fact
