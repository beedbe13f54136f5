"""Pluggable decision models and their registry (see docs/model.md)."""

from politburo.engine.decisions.base import (
    FIXED_UTILITY,
    CalibrationRecord,
    Conduct,
    DecisionModel,
    Decisions,
    ParameterSpec,
    Situation,
    get_model,
    register,
    registered_models,
)
from politburo.engine.decisions.default import DefaultModel
from politburo.engine.decisions.sincere import SincereModel

__all__ = [
    "FIXED_UTILITY",
    "CalibrationRecord",
    "Conduct",
    "DecisionModel",
    "Decisions",
    "DefaultModel",
    "ParameterSpec",
    "SincereModel",
    "Situation",
    "get_model",
    "register",
    "registered_models",
]
