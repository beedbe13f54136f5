"""Parameters: one declaration for each, and the calibrations that fit them, kept as data.

A :class:`Parameter` states its prior, its plausible range, its meaning and whether the joint
calibration fits it. :data:`SHARED_PARAMETERS` are those the procedures and the decision-model
base class read, whatever the model: every model has them (a model may restate one with a
prior of its own). Nothing reads a parameter with a fallback: a model's ``p`` holds every
parameter it declares.

A :class:`CalibrationRecord` is written by ``python -m politburo.analysis.fidelity.calibrate
--write`` as a versioned JSON file, ``calibrations/<model>.json`` beside this module, which
:func:`load_calibration` reads. A :class:`HeldOutCalibrations` record, written by ``politburo
validate --write``, keeps the values fitted in each fold of the leave-one-crisis-out
validation, ``calibrations/<model>.held-out.json``: how far the fit moves when one crisis is
left out, which experiments may draw from as parameter uncertainty (:func:`load_held_out`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "CALIBRATION_FORMAT",
    "SHARED_PARAMETERS",
    "CalibrationRecord",
    "HeldOutCalibrations",
    "Parameter",
    "calibration_path",
    "fitted",
    "held_out_path",
    "load_calibration",
    "load_held_out",
]

CALIBRATION_FORMAT = 1
"""The version of the calibration files' layout."""


@dataclass(frozen=True)
class Parameter:
    """A model parameter: its prior, plausible range and meaning (documented in
    docs/model.md with its source), and whether the joint calibration fits it."""

    default: float
    low: float
    high: float
    meaning: str
    fit: bool = False
    """Fitted by the joint calibration (else the prior stands unless a scenario sets it)."""


def fitted(default: float, low: float, high: float, meaning: str) -> Parameter:
    """A parameter the joint calibration fits (``default`` is its prior)."""
    return Parameter(default, low, high, meaning, fit=True)


P, F = Parameter, fitted

SHARED_PARAMETERS: dict[str, Parameter] = {
    "band": F(0.25, 0.0, 1.0, "half-width of the band of indifference"),
    "force": P(1.5, 0.0, 4.0, "utility above which an actor backs the use of force"),
    "defend": P(3.0, 0.0, 6.0, "utility above which an adherent defends the group"),
    "sanction.leader": P(1.0, 0.0, 3.0, "severity for leading the losing side"),
    "sanction.accused": P(1.0, 0.0, 3.0, "severity for defending it before the body"),
    "sanction.holdout": P(1.0, 0.0, 3.0, "severity for never recanting"),
    "sanction.time": F(2.0, 0.0, 4.0, "severity per share of the fight spent on it"),
    "sanction.tie": F(1.0, 0.0, 3.0, "leniency per unit of tie to the victor"),
    "sanction.defiance": F(2.0, 0.0, 4.0, "severity for joining after the appeal"),
    "sanction.standing": F(1.5, 0.0, 3.0, "leniency for a conspicuous office"),
    "sanction.reprimand": F(0.5, 0.0, 3.0, "severity of a reprimand"),
    "sanction.demote": F(1.2, 0.0, 4.0, "severity of demotion to a non-voting rank"),
    "sanction.remove": F(1.9, 0.0, 5.0, "severity of removal from the arena"),
    "sanction.expel": F(2.5, 0.0, 6.0, "severity of removal from the arena and higher body"),
    "plenum.speeches_per_session": P(5.0, 1.0, 20.0, "speeches heard in one session"),
    "plenum.defence_speeches": P(2.0, 0.0, 4.0, "times each accused may speak"),
    "plenum.request_share": P(0.25, 0.0, 1.0, "share of the majority asking to speak"),
    "plenum.floor_share": P(0.3, 0.0, 1.0, "share of requests the chair grants"),
    "ballot.spread": P(0.5, 0.05, 3.0, "scale of the logit choice among candidates"),
    "ballot.viable": P(
        0.1, 0.0, 0.5, "expected share of the votes below which a candidate stands down"
    ),
}
"""Parameters every decision model has: read by the procedures and by the base class."""


@dataclass(frozen=True)
class CalibrationRecord:
    """How a model's calibrated values were fitted, recorded once with the values.

    Re-running ``command`` from the priors on the engine of ``fitted_on`` reproduces
    ``values`` and ``score`` bit for bit; a later engine moves the search's path, and the
    values are then re-scored on it rather than re-searched.
    """

    model: str
    command: str
    seed: int
    scenarios: tuple[str, ...]
    iterations: int
    runs: int
    batch: int
    evaluations: int
    score: float
    """Joint score: the mean over ``scenarios`` of each one's score (at most 2)."""
    scenario_scores: dict[str, float]
    values: dict[str, float]
    shrink: float = 0.0
    """The search's pull toward the priors (files without it were fitted with none)."""
    prune: bool = False
    """Whether the search's result was pruned toward the priors (files without it: no)."""
    fitted_on: str = ""
    """The git commit of the engine the search ran on, ``-dirty`` if its sources differed
    from it (empty: not known)."""

    def to_json(self) -> dict[str, Any]:
        """The record as the calibration file holds it."""
        data = asdict(self)
        data["scenarios"] = list(self.scenarios)
        return {"format": CALIBRATION_FORMAT, **data}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CalibrationRecord:
        """A record from the calibration file's data."""
        fields = _fields(data)
        fields["scenarios"] = tuple(fields["scenarios"])
        return cls(**fields)


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    """A calibration file's fields but its format, which must be the one this engine reads."""
    found = data.get("format")
    if found != CALIBRATION_FORMAT:
        raise ValueError(f"calibration format {found!r}; this engine reads {CALIBRATION_FORMAT}")
    return {k: v for k, v in data.items() if k != "format"}


def calibration_path(model: str) -> Path:
    """The calibration file of ``model`` in the package."""
    return Path(str(resources.files("politburo.engine"))) / "calibrations" / f"{model}.json"


def load_calibration(model: str) -> CalibrationRecord | None:
    """The committed calibration of ``model``, or ``None`` if it has none."""
    path = calibration_path(model)
    if not path.is_file():
        return None
    return CalibrationRecord.from_json(json.loads(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class HeldOutCalibrations:
    """The values fitted in each fold of a leave-one-crisis-out validation.

    ``folds`` maps each crisis left out to the values calibrated on all the others, one set
    for each of the ``restarts`` seeded searches (search ``k`` seeded ``seed + k``). Re-running
    ``command`` reproduces them bit for bit.
    """

    model: str
    command: str
    seed: int
    iterations: int
    runs: int
    folds: dict[str, list[dict[str, float]]]
    restarts: int = 1

    def fits(self) -> list[tuple[str, dict[str, float]]]:
        """Every fitted set of values with its label, crisis by crisis in sorted order:
        ``without <crisis>``, and the search's number when there are several."""
        return [
            (f"without {crisis}" + (f", search {k}" if len(fits) > 1 else ""), values)
            for crisis, fits in sorted(self.folds.items())
            for k, values in enumerate(fits)
        ]

    def to_json(self) -> dict[str, Any]:
        """The record as its file holds it."""
        return {"format": CALIBRATION_FORMAT, **asdict(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HeldOutCalibrations:
        """A record from its file's data (a file of one search per fold, written before
        searches were restarted, holds each fold's values alone)."""
        fields = _fields(data)
        fields["folds"] = {
            crisis: [fit] if isinstance(fit, dict) else fit
            for crisis, fit in fields["folds"].items()
        }
        return cls(**fields)


def held_out_path(model: str) -> Path:
    """The file of ``model``'s held-out calibrations in the package."""
    return calibration_path(model).with_name(f"{model}.held-out.json")


def load_held_out(model: str) -> HeldOutCalibrations | None:
    """The committed held-out calibrations of ``model``, or ``None`` if it has none."""
    path = held_out_path(model)
    if not path.is_file():
        return None
    return HeldOutCalibrations.from_json(json.loads(path.read_text(encoding="utf-8")))
