"""Pluggable decision models and their registry (see docs/model.md)."""

from politburo.engine.decisions.base import (
    Conduct,
    DecisionModel,
    Decisions,
    Situation,
    get_model,
    register,
    registered_models,
)
from politburo.engine.decisions.default import DefaultModel
from politburo.engine.decisions.sincere import SincereModel

__all__ = [
    "Conduct",
    "DecisionModel",
    "Decisions",
    "DefaultModel",
    "SincereModel",
    "Situation",
    "get_model",
    "register",
    "registered_models",
]
