"""The examples in the docstrings of politburo.analysis.power run and give what they show."""

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
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0


@pytest.mark.parametrize("name", MODULES)
def test_module_exports_and_references(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__all__ and all(hasattr(module, item) for item in module.__all__)
    assert "References" in (module.__doc__ or "")
