"""Every module of politburo.analysis.power has examples (run by --doctest-modules),
exports and references."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "politburo.analysis.power._dp",
    "politburo.analysis.power.game",
    "politburo.analysis.power.indices",
    "politburo.analysis.power.coalitions",
    "politburo.analysis.power.scenario_games",
    "politburo.analysis.power.timeline",
    "politburo.analysis.power.plot",
]


@pytest.mark.parametrize("name", MODULES)
def test_every_module_has_examples(name: str) -> None:
    finder = doctest.DocTestFinder()
    examples = sum(len(t.examples) for t in finder.find(importlib.import_module(name)))
    assert examples > 0, f"{name} has no examples"


@pytest.mark.parametrize("name", MODULES)
def test_module_exports_and_references(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__all__ and all(hasattr(module, item) for item in module.__all__)
    assert "References" in (module.__doc__ or "")
