"""politburo: model, replay and probe power struggles inside collective-leadership bodies.

The public API in one place::

    import politburo

    scenario = politburo.load_scenario("june-1957")
    trace = politburo.replay(scenario.model, seed=0)
    batch = politburo.simulate(politburo.compile_scenario(scenario.model), seed=0, runs=1000)

Submodules hold the rest: :mod:`politburo.evidence`, :mod:`politburo.scenario`,
:mod:`politburo.engine`, :mod:`politburo.experiments`, :mod:`politburo.analysis`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from politburo.errors import PolitburoError, Problem
from politburo.scenario import Scenario, load_scenario

if TYPE_CHECKING:
    from politburo.engine import compile_scenario, replay, simulate

__all__ = [
    "PolitburoError",
    "Problem",
    "Scenario",
    "compile_scenario",
    "load_scenario",
    "replay",
    "simulate",
]
__version__ = "0.1.0"

_ENGINE = {"compile_scenario", "replay", "simulate"}


def __getattr__(name: str) -> Any:
    """Load the engine only when one of its functions is first used."""
    if name in _ENGINE:
        from politburo import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'politburo' has no attribute {name!r}")
