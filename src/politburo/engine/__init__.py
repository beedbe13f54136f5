"""The engine: kernel, procedures, pluggable decision models and the trace.

Public API
----------
:func:`compile_scenario`
    A validated scenario to arrays (pure).
:func:`simulate`
    A batch of runs; each run a deterministic function of the scenario, seed and run id.
:func:`replay`
    One run with its trace.
:class:`Batch`, :class:`Trace`, :class:`TraceEvent`, :class:`CompiledScenario`
    The results and the compiled scenario.
:func:`registered_models`, :func:`register`, :class:`DecisionModel`
    The decision-model plugin family.
:data:`EVENTS`, :data:`EVENT_KINDS`, :class:`EventKind`
    The event vocabulary: every kind of event, its named values and its sentences.

The engine holds no name, date or outcome of any scenario, and never reads its record.
"""

from politburo.engine.compile import CompiledChallenge, CompiledScenario, compile_scenario
from politburo.engine.decisions import DecisionModel, register, registered_models
from politburo.engine.events import EVENT_KINDS, EVENTS, EventKind
from politburo.engine.log import EventTable
from politburo.engine.results import Batch
from politburo.engine.simulate import replay, simulate
from politburo.engine.trace import Trace, TraceEvent

__all__ = [
    "EVENTS",
    "EVENT_KINDS",
    "Batch",
    "CompiledChallenge",
    "CompiledScenario",
    "DecisionModel",
    "EventKind",
    "EventTable",
    "Trace",
    "TraceEvent",
    "compile_scenario",
    "register",
    "registered_models",
    "replay",
    "simulate",
]
