"""Calibration: choose decision-model parameters by how well runs reproduce the record.

A re-runnable procedure, not hand tuning: a seeded random search over the ranges of the
chosen parameters (first uniform draws, then Gaussian steps around the best point so far),
each candidate scored on ``runs`` runs by the mean share of targets met plus half the
smallest share (so no target is sacrificed to the others). The best parameters are written
as YAML for the scenario's ``model.parameters``, each with a ``calibrated`` note naming the
command that produced it.

Run it as::

    python -m politburo.analysis.fidelity.calibrate june-1957 --iterations 300 --runs 200

References
----------
.. [Bergstra2012] Bergstra and Bengio (2012), "Random Search for Hyper-Parameter
   Optimization".
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

import numpy as np

from politburo.analysis.fidelity import score_batch
from politburo.engine import compile_scenario, simulate
from politburo.engine.decisions import registered_models
from politburo.scenario.schema import Parameter, ScenarioModel

__all__ = ["Calibration", "calibrate", "main", "objective"]


@dataclass(frozen=True)
class Calibration:
    """The result of a search: the best values, their score, and how they were found."""

    values: dict[str, float]
    score: float
    shares: dict[str, float]
    command: str


def objective(
    model: ScenarioModel, values: dict[str, float], runs: int, seed: int
) -> tuple[float, dict[str, float]]:
    """Score of ``values``: mean share of targets met, plus half the smallest share, plus half
    the share of targets the seeded replay (run 0) meets."""
    params = dict(model.model.parameters)
    for key, value in values.items():
        params[key] = Parameter(value=value, cite=[{"assumption": "candidate under calibration"}])
    settings = model.model.model_copy(update={"parameters": params})
    trial = model.model_copy(update={"model": settings})
    batch = simulate(compile_scenario(trial), seed=seed, runs=runs)
    scores = score_batch(trial, batch)
    shares = {k: float(v.mean()) for k, v in scores.items()}
    values_ = np.array(list(shares.values())) if shares else np.zeros(1)
    replay = np.mean([bool(v[0]) for v in scores.values()]) if scores else 0.0
    return float(values_.mean() + 0.5 * values_.min() + 0.5 * replay), shares


def calibrate(
    model: ScenarioModel,
    names: list[str],
    *,
    iterations: int = 200,
    runs: int = 200,
    seed: int = 0,
    command: str = "",
    start: dict[str, float] | None = None,
) -> Calibration:
    """Seeded random search over ``names`` within their ranges (scenario's, else model's)."""
    specs = registered_models()[model.model.name].PARAMETERS
    rng = np.random.Generator(np.random.Philox(np.random.SeedSequence(seed, spawn_key=(99,))))
    lows: list[float] = []
    highs: list[float] = []
    origin: list[float] = []
    for name in names:
        given = model.model.parameters.get(name)
        spec = specs[name]
        lows.append(given.low if given and given.low is not None else spec.low)
        highs.append(given.high if given and given.high is not None else spec.high)
        origin.append(given.value if given else spec.default)
    low, high = np.array(lows), np.array(highs)
    best = np.array([(start or {}).get(n, v) for n, v in zip(names, origin, strict=True)])
    start_values = dict(zip(names, best.tolist(), strict=True))
    best_score, best_shares = objective(model, start_values, runs, seed)
    for it in range(iterations):
        if it < iterations // 5:
            cand = low + rng.random(len(names)) * (high - low)
        else:
            step = 0.12 if it < iterations * 3 // 5 else 0.05
            move = rng.random(len(names)) < 0.3
            cand = best + move * rng.normal(0, step, len(names)) * (high - low)
            cand = np.clip(cand, low, high)
        cand = np.round(cand, 3)
        score, shares = objective(model, dict(zip(names, cand.tolist(), strict=True)), runs, seed)
        if score > best_score:
            best, best_score, best_shares = cand, score, shares
            worst = sorted(shares.items(), key=lambda kv: kv[1])[:3]
            print(f"[{it}] {best_score:.4f} worst={worst} "
                  f"values={dict(zip(names, best.tolist(), strict=True))}", file=sys.stderr)
    values = dict(zip(names, best.tolist(), strict=True))
    return Calibration(values, best_score, best_shares, command)


def to_yaml(result: Calibration) -> str:
    """The ``model.parameters`` entries of a calibration, as YAML."""
    lines = ["  parameters:"]
    for name, value in result.values.items():
        lines += [
            f"    {name}:",
            f"      value: {value}",
            f"      calibrated: \"{result.command} (score {result.score:.3f})\"",
            "      cite:",
            "        - assumption: >-",
            "            Calibrated against the record by the seeded random search of",
            "            politburo.analysis.fidelity.calibrate; see docs/model.md.",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command line: calibrate a scenario's decision-model parameters and print YAML."""
    from politburo.scenario import load_scenario

    parser = argparse.ArgumentParser(prog="python -m politburo.analysis.fidelity.calibrate")
    parser.add_argument("scenario", nargs="?", default="june-1957")
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--params", default="", help="comma-separated names (default: all)")
    parser.add_argument("--start", default="", help="JSON file of starting values")
    args = parser.parse_args(argv)
    model = load_scenario(args.scenario).model
    specs = registered_models()[model.model.name].PARAMETERS
    names = [n for n in args.params.split(",") if n] or sorted(specs)
    command = (
        f"python -m politburo.analysis.fidelity.calibrate {args.scenario} --iterations "
        f"{args.iterations} --runs {args.runs} --seed {args.seed}"
        + (f" --params {args.params}" if args.params else "")
    )
    start = None
    if args.start:
        import json
        from pathlib import Path

        start = {k: float(v) for k, v in json.loads(Path(args.start).read_text()).items()}
    result = calibrate(model, names, iterations=args.iterations, runs=args.runs,
                       seed=args.seed, command=command, start=start)
    print(to_yaml(result))
    for key, share in sorted(result.shares.items(), key=lambda kv: kv[1]):
        print(f"# {share:.2f} {key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
