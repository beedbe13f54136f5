"""The joint calibration of the 'default' decision model (generated).

Do not edit by hand. Written by the command recorded below, which re-runs the seeded
search of :mod:`politburo.analysis.fidelity.calibrate` from the model's documented
priors and reproduces these values bit for bit (``--check`` verifies it). See
docs/model.md, "Calibration".
"""

from politburo.engine.decisions.base import CalibrationRecord

__all__ = ["DEFAULT_CALIBRATION"]

DEFAULT_CALIBRATION: CalibrationRecord | None = CalibrationRecord(
    model="default",
    command=(
        "python -m politburo.analysis.fidelity.calibrate --model default --scenarios "
        "beria-1953,june-1957,october-1964,zhukov-1957 --iterations 1000 --runs 300 "
        "--seed 0 --batch 8 --write"
    ),
    seed=0,
    scenarios=(
        "beria-1953",
        "june-1957",
        "october-1964",
        "zhukov-1957",
    ),
    iterations=1000,
    runs=300,
    batch=8,
    evaluations=1001,
    score=1.9957962962962963,
    scenario_scores={
        "beria-1953": 1.9922222222222221,
        "june-1957": 1.990962962962963,
        "october-1964": 2.0,
        "zhukov-1957": 2.0,
    },
    values={
        "policy": 2.796,
        "ties": 2.33,
        "grievance": 0.429,
        "fear": 2.764,
        "bandwagon": 1.813,
        "commitment": 0.949,
        "public": 0.669,
        "leader": 2.471,
        "betrayal": 0.645,
        "risk": 5.728,
        "risk.convexity": 6.0,
        "verdict": 6.594,
        "band": 0.034,
        "disposition": 0.894,
        "group.policy": 3.0,
        "convene": 2.062,
        "sanction.time": 1.638,
        "sanction.tie": 0.605,
        "sanction.defiance": 2.465,
        "sanction.standing": 0.625,
        "sanction.reprimand": 0.891,
        "sanction.demote": 1.395,
        "sanction.remove": 2.1,
        "sanction.expel": 2.265,
    },
)
