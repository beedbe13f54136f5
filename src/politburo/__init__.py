"""politburo: model, replay and probe power struggles inside collective-leadership bodies."""

from politburo.errors import PolitburoError, Problem
from politburo.scenario import Scenario, load_scenario

__all__ = ["PolitburoError", "Problem", "Scenario", "load_scenario"]
__version__ = "0.1.0"
