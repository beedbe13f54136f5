"""The declarative scenario: schemas, loading with line marks, checks, bundled scenarios."""

from politburo.scenario.loading import Scenario, load_scenario, validate_data

__all__ = ["Scenario", "load_scenario", "validate_data"]
