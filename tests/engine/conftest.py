"""Fixtures for the engine tests: bundled scenarios, loaded once, and edits of their data."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from politburo.engine import CompiledScenario, compile_scenario
from politburo.scenario import Scenario, load_scenario
from politburo.scenario.schema import ScenarioModel

NO_SOURCE: dict[str, Any] = {
    "id": "none",
    "title": "None",
    "author": "-",
    "date": "2000",
    "kind": "secondary",
    "reliability": "C",
}
"""The one source of the constructed scenarios, which cite only assumptions."""

SMALL = ("october-1964", "zhukov-1957", "beria-1953")
"""The small scenarios of other shapes bundled with the engine."""


@pytest.fixture(scope="session")
def june() -> Scenario:
    """The default scenario, loaded and checked."""
    return load_scenario("june-1957")


@pytest.fixture(scope="session")
def june_compiled(june: Scenario) -> CompiledScenario:
    """The default scenario compiled."""
    return compile_scenario(june.model)


def edited(scenario: Scenario, change: Callable[[dict[str, Any]], None]) -> ScenarioModel:
    """The scenario's model after ``change`` edits a deep copy of its raw data."""
    raw = copy.deepcopy(scenario.raw)
    change(raw)
    return ScenarioModel.model_validate(raw)


def item(items: list[dict[str, Any]], ident: str) -> dict[str, Any]:
    """The record with id ``ident`` in a list of records."""
    return next(x for x in items if x.get("id") == ident)
