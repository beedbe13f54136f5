"""Calibration: fit a decision model's parameters jointly to the records of the bundled
scenarios, by one seeded search that re-runs bit for bit on the engine it ran on.

Run it as::

    python -m politburo.analysis.fidelity.calibrate --check   # re-run, compare, exit 1 if not equal
    python -m politburo.analysis.fidelity.calibrate --write   # re-run, write the values
    politburo calibrate --check                               # the same from the CLI

With no other option the command repeats the committed calibration (its settings are
recorded with the values in ``politburo/engine/calibrations/default.json``).

The procedure (docs/model.md, "Calibration"):

1. **Scenarios.** Every bundled scenario that has a record (or ``--scenarios``). Each is run
   with ``model.calibration: priors``: a parameter the scenario sets itself keeps its cited
   value; the others take the candidate's value or, if not fitted, their prior.
2. **Parameters.** Those the model marks ``fit`` in its ``PARAMETERS``; the search starts
   from their priors and stays within their ranges. The committed values never enter.
3. **Score.** For each scenario, ``runs`` runs (run ids ``0 .. runs - 1`` of ``seed``, the
   same common random numbers for every candidate) give the share of runs meeting each
   target; the scenario's score is the mean share, plus half the smallest share (so that no
   target is sacrificed to the others), plus half the share of targets the seeded replay
   (run 0) meets. The joint score is the mean of the scenarios' scores (at most 2), so each
   scenario weighs the same whatever the length of its record.
4. **Search.** A seeded random search ([Bergstra2012]) in batches of ``batch`` candidates, all
   drawn before any is scored (so the result does not depend on ``--workers``): the first
   fifth of the ``iterations`` uniform over the ranges, the rest Gaussian steps around the
   best so far (each coordinate moves with probability 0.3 by a normal step of 0.12 of its
   range until three fifths of the search, then 0.05), clipped to the range; every value is
   rounded to three decimals. A candidate replaces the best only if it ranks strictly higher:
   by its score, less ``--shrink`` times its mean squared distance from the priors in units
   of each parameter's range (0 by default; a regularisation toward the documented priors,
   which also settles ties in favour of the candidate nearer the priors).
   The search's draws come from ``SeedSequence(seed, spawn_key=(2**63,))``, a stream no run
   id can take.
5. **Pruning** (``--prune``, off by default; ``politburo validate`` prunes). After the search,
   each parameter in turn, farthest from its prior first (in units of its range), goes back to
   its prior if the scenarios' score (ranked as in 4) is no lower without it; passes repeat
   until none goes back. A value the records cannot tell from the prior is not kept, so the
   fit moves only the parameters the data ask for (backward elimination toward the
   documented priors); every value left off its prior is one whose return would lower the
   score.

References
----------
.. [Bergstra2012] Bergstra and Bengio (2012), "Random Search for Hyper-Parameter
   Optimization".
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from politburo.analysis.fidelity import score_batch
from politburo.engine import compile_scenario, simulate
from politburo.engine.decisions import DecisionModel, registered_models
from politburo.engine.parameters import CalibrationRecord, calibration_path
from politburo.errors import PolitburoError, Problem
from politburo.scenario.schema import Parameter, ScenarioModel

__all__ = [
    "Calibration",
    "Settings",
    "calibrate",
    "candidate_model",
    "distance_from_priors",
    "engine_commit",
    "joint_score",
    "main",
    "rescored",
    "run",
    "scenario_score",
    "settings_for",
    "write_json",
]

SEARCH_KEY = 2**63
"""Spawn key of the search's random stream (run ids are below 2**63)."""
EXPLORE = 0.2
"""Share of the iterations drawn uniformly over the ranges."""
MOVE = 0.3
"""Probability that a coordinate moves in a local step."""
STEPS = ((0.6, 0.12), (1.0, 0.05))
"""Until each share of the iterations, the standard deviation of a step (share of range)."""
CITE = [{"assumption": "candidate value under calibration (politburo.analysis.fidelity.calibrate)"}]


@dataclass(frozen=True)
class Settings:
    """What a calibration is run with: everything its result depends on."""

    scenarios: tuple[str, ...]
    iterations: int
    runs: int
    seed: int
    batch: int = 8
    model: str = "default"
    shrink: float = 0.0
    """Weight of the pull toward the priors: a candidate is ranked by its score less
    ``shrink`` times its mean squared distance from the priors, each parameter's in units of
    its range (:func:`distance_from_priors`)."""
    prune: bool = False
    """After the search, return each parameter to its prior if the score is no lower so."""

    def command(self) -> str:
        """The command that repeats this calibration and writes its values."""
        shrink = f" --shrink {self.shrink:g}" if self.shrink else ""
        prune = " --prune" if self.prune else ""
        return (
            "python -m politburo.analysis.fidelity.calibrate --model "
            f"{self.model} --scenarios {','.join(self.scenarios)} --iterations "
            f"{self.iterations} --runs {self.runs} --seed {self.seed} --batch {self.batch}"
            f"{shrink}{prune} --write"
        )


@dataclass(frozen=True)
class ScenarioScore:
    """One scenario's score for one candidate."""

    score: float
    shares: dict[str, float]
    replay: dict[str, bool]


@dataclass(frozen=True)
class Calibration:
    """The result of a search: the best values, their scores, and how they were found."""

    settings: Settings
    values: dict[str, float]
    score: float
    scenarios: dict[str, ScenarioScore]
    evaluations: int
    history: list[tuple[int, float]] = field(default_factory=list)
    """(evaluation, score) at each improvement."""
    pruned: tuple[str, ...] = ()
    """The parameters pruning returned to their priors, in the order it did."""

    def record(self) -> CalibrationRecord:
        """The record written with the values."""
        s = self.settings
        return CalibrationRecord(
            model=s.model,
            command=s.command(),
            seed=s.seed,
            scenarios=s.scenarios,
            iterations=s.iterations,
            runs=s.runs,
            batch=s.batch,
            shrink=s.shrink,
            prune=s.prune,
            evaluations=self.evaluations,
            score=self.score,
            scenario_scores={k: v.score for k, v in self.scenarios.items()},
            values=dict(self.values),
        )


def candidate_model(model: ScenarioModel, values: dict[str, float]) -> ScenarioModel:
    """``model`` run on its own parameters, then ``values``, then the priors (never the
    engine's committed calibration)."""
    params = {
        key: Parameter.model_validate({"value": value, "cite": CITE})
        for key, value in values.items()
        if key not in model.model.parameters
    }
    params.update(model.model.parameters)
    settings = model.model.model_copy(update={"parameters": params, "calibration": "priors"})
    return model.model_copy(update={"model": settings})


def scenario_score(
    model: ScenarioModel, values: dict[str, float], runs: int, seed: int
) -> ScenarioScore:
    """Mean share of targets met + half the smallest share + half the share the replay meets."""
    trial = candidate_model(model, values)
    batch = simulate(compile_scenario(trial), seed=seed, runs=runs)
    met = score_batch(trial, batch)
    shares = {k: float(v.mean()) for k, v in met.items()}
    replay = {k: bool(v[0]) for k, v in met.items()}
    if not shares:
        return ScenarioScore(0.0, shares, replay)
    values_ = np.array(list(shares.values()))
    replayed = float(np.mean(list(replay.values())))
    return ScenarioScore(
        float(values_.mean() + 0.5 * values_.min() + 0.5 * replayed), shares, replay
    )


def joint_score(
    models: dict[str, ScenarioModel], values: dict[str, float], runs: int, seed: int
) -> tuple[float, dict[str, ScenarioScore]]:
    """The mean of the scenarios' scores, and each scenario's."""
    each = {name: scenario_score(m, values, runs, seed) for name, m in models.items()}
    return float(np.mean([s.score for s in each.values()])), each


# Worker state for parallel scoring (set once per worker process).
_MODELS: dict[str, ScenarioModel] = {}
_RUNS_SEED: tuple[int, int] = (0, 0)


def _init_worker(models: dict[str, ScenarioModel], runs: int, seed: int) -> None:
    global _RUNS_SEED
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    _MODELS.clear()
    _MODELS.update(models)
    _RUNS_SEED = (runs, seed)


def _score_in_worker(values: dict[str, float]) -> tuple[float, dict[str, ScenarioScore]]:
    return joint_score(_MODELS, values, *_RUNS_SEED)


def fitted(model: str) -> dict[str, tuple[float, float, float]]:
    """The parameters ``model`` marks ``fit``: name -> (prior, low, high)."""
    cls = _model_class(model)
    out = {k: (s.default, s.low, s.high) for k, s in cls.PARAMETERS.items() if s.fit}
    if not out:
        raise PolitburoError(
            Problem(f"decision model {model!r} has no parameter to fit", field="--model")
        )
    return out


def _model_class(model: str) -> type[DecisionModel]:
    cls = registered_models().get(model)
    if cls is None:
        known = ", ".join(sorted(registered_models()))
        raise PolitburoError(
            Problem(f"unknown decision model {model!r}; known: {known}", field="--model")
        )
    return cls


def _candidates(
    rng: np.random.Generator,
    best: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    start: int,
    count: int,
    iterations: int,
) -> list[np.ndarray]:
    out = []
    for it in range(start, start + count):
        if it < int(iterations * EXPLORE):
            cand = low + rng.random(len(low)) * (high - low)
        else:
            sigma = next(s for until, s in STEPS if it < iterations * until or until >= 1.0)
            move = rng.random(len(low)) < MOVE
            cand = best + move * rng.normal(0.0, sigma, len(low)) * (high - low)
            cand = np.clip(cand, low, high)
        out.append(np.array([float(f"{x:.3f}") for x in cand.tolist()]))
    return out


def distance_from_priors(
    values: np.ndarray, prior: np.ndarray, low: np.ndarray, high: np.ndarray
) -> float:
    """Mean squared distance of ``values`` from the priors, each in units of its range."""
    return float(np.mean(((values - prior) / (high - low)) ** 2))


def calibrate(
    models: dict[str, ScenarioModel],
    settings: Settings,
    *,
    workers: int = 1,
    progress: Callable[[str], None] | None = None,
) -> Calibration:
    """Fit the parameters ``settings.model`` marks ``fit`` to the records of ``models``.

    A deterministic function of ``models`` and ``settings``: ``workers`` only shares the
    scoring of each batch out among processes.
    """
    specs = fitted(settings.model)
    names = list(specs)
    prior = np.array([specs[n][0] for n in names])
    low = np.array([specs[n][1] for n in names])
    high = np.array([specs[n][2] for n in names])
    rng = np.random.Generator(
        np.random.Philox(np.random.SeedSequence(settings.seed, spawn_key=(SEARCH_KEY,)))
    )
    say = progress or (lambda _: None)
    best = prior.copy()
    best_score, best_each = joint_score(
        models, dict(zip(names, best.tolist(), strict=True)), settings.runs, settings.seed
    )
    best_rank = best_score
    history = [(0, best_score)]
    say(f"[0] priors: {best_score:.4f}")
    evaluations = 1
    pool = None
    if workers > 1:
        import multiprocessing

        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(models, settings.runs, settings.seed),
        )
    try:
        for start in range(0, settings.iterations, settings.batch):
            count = min(settings.batch, settings.iterations - start)
            batch = _candidates(rng, best, low, high, start, count, settings.iterations)
            trials = [dict(zip(names, c.tolist(), strict=True)) for c in batch]
            if pool is None:
                scored = [joint_score(models, t, settings.runs, settings.seed) for t in trials]
            else:
                scored = list(pool.map(_score_in_worker, trials))
            for cand, (score, each) in zip(batch, scored, strict=True):
                evaluations += 1
                rank = score - settings.shrink * distance_from_priors(cand, prior, low, high)
                if rank > best_rank:
                    best, best_score, best_each, best_rank = cand, score, each, rank
                    history.append((evaluations - 1, score))
                    worst = min(
                        (s, f"{n}/{k}") for n, e in each.items() for k, s in e.shares.items()
                    )
                    say(f"[{evaluations - 1}] {score:.4f} (weakest {worst[1]} {worst[0]:.2f})")
    finally:
        if pool is not None:
            pool.shutdown()
    pruned: list[str] = []
    while settings.prune:
        before = len(pruned)
        for i in np.argsort(-np.abs(best - prior) / (high - low), kind="stable").tolist():
            if best[i] == prior[i]:
                continue
            trial = best.copy()
            trial[i] = prior[i]
            score, each = joint_score(
                models, dict(zip(names, trial.tolist(), strict=True)), settings.runs, settings.seed
            )
            evaluations += 1
            rank = score - settings.shrink * distance_from_priors(trial, prior, low, high)
            if rank >= best_rank:
                best, best_score, best_each, best_rank = trial, score, each, rank
                pruned.append(names[i])
                history.append((evaluations - 1, score))
                say(f"[{evaluations - 1}] {score:.4f} ({names[i]} back to its prior)")
        if len(pruned) == before:
            break
    values = dict(zip(names, best.tolist(), strict=True))
    return Calibration(settings, values, best_score, best_each, evaluations, history, tuple(pruned))


def write_record(record: CalibrationRecord) -> Path:
    """Write the calibration file atomically (nothing half-written is left)."""
    return write_json(calibration_path(record.model), record.to_json())


def write_json(path: Path, data: dict[str, Any]) -> Path:
    """Write a calibration file atomically (nothing half-written is left)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", dir=path.parent, suffix=".tmp", delete=False, encoding="utf-8"
    ) as handle:
        handle.write(json.dumps(data, indent=2) + "\n")
    Path(handle.name).replace(path)
    return path


def differences(found: CalibrationRecord, committed: CalibrationRecord | None) -> list[str]:
    """How a re-run differs from the committed calibration (empty: identical)."""
    if committed is None:
        return ["no calibration is committed"]
    out = []
    for name in (
        "command",
        "seed",
        "scenarios",
        "iterations",
        "runs",
        "batch",
        "evaluations",
        "score",
        "scenario_scores",
    ):
        a, b = getattr(found, name), getattr(committed, name)
        if a != b:
            out.append(f"{name}: re-run {a!r}, committed {b!r}")
    for key in sorted(set(found.values) | set(committed.values)):
        a_, b_ = found.values.get(key), committed.values.get(key)
        if a_ != b_:
            out.append(f"{key}: re-run {a_!r}, committed {b_!r}")
    return out


PACKAGE = Path(__file__).resolve().parents[2]
"""The ``politburo`` package's folder, whose sources a calibration was fitted with."""


def engine_commit(package: Path = PACKAGE) -> str:
    """The git commit of ``package``'s sources, with ``-dirty`` if they differ from it (the
    calibration files aside); empty unless ``package`` is tracked by the git work tree it
    lies in (a package installed inside some other repository is not)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(package), *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
            env=env,
        )
        return done.stdout.strip()

    try:
        git("ls-files", "--error-unmatch", "--", "analysis/fidelity/calibrate.py")
        head = git("rev-parse", "HEAD")
        changed = git("status", "--porcelain", "--", ".", ":(exclude)engine/calibrations")
    except (OSError, subprocess.SubprocessError):
        return ""
    return f"{head}-dirty" if changed else head


def rescored(record: CalibrationRecord) -> dict[str, float]:
    """Each scenario's score of the recorded values on this engine (the record's runs and
    seed): what the calibration is worth now, without re-running its search."""
    from politburo.scenario import load_scenario

    models = {name: load_scenario(name).model for name in record.scenarios}
    _, each = joint_score(models, record.values, record.runs, record.seed)
    return {name: each[name].score for name in record.scenarios}


def bundled_with_record() -> tuple[str, ...]:
    """The bundled scenarios that have a record."""
    from politburo.scenario import load_scenario
    from politburo.scenario.bundled import bundled_names

    return tuple(n for n in bundled_names() if load_scenario(n).model.record)


def default_settings(model: str = "default") -> Settings:
    """The committed calibration's settings, or the built-in ones if none is committed."""
    record = _model_class(model).CALIBRATION
    if record is not None and record.model == model:
        return Settings(
            record.scenarios,
            record.iterations,
            record.runs,
            record.seed,
            record.batch,
            model,
            record.shrink,
            record.prune,
        )
    return Settings(bundled_with_record(), 1000, 300, 0, 8, model)


def settings_for(
    model: str = "default",
    scenarios: Sequence[str] = (),
    iterations: int | None = None,
    runs: int | None = None,
    seed: int | None = None,
    batch: int | None = None,
    shrink: float | None = None,
    prune: bool | None = None,
) -> Settings:
    """The committed calibration's settings with the given ones changed, checked."""
    base = default_settings(model)
    settings = Settings(
        scenarios=tuple(scenarios) or base.scenarios,
        iterations=base.iterations if iterations is None else iterations,
        runs=base.runs if runs is None else runs,
        seed=base.seed if seed is None else seed,
        batch=base.batch if batch is None else batch,
        model=model,
        shrink=base.shrink if shrink is None else shrink,
        prune=base.prune if prune is None else prune,
    )
    problems = [
        Problem(f"must be at least {least}", field=f"--{name}")
        for name, least in (
            ("iterations", 0),
            ("runs", 1),
            ("batch", 1),
            ("seed", 0),
            ("shrink", 0),
        )
        if getattr(settings, name) < least
    ]
    if problems:
        raise PolitburoError(problems)
    return settings


def report(result: Calibration) -> str:
    """The values, the scores and every target's share, as text."""
    lines = [f"joint score {result.score:.4f} after {result.evaluations} evaluations", ""]
    if result.pruned:
        lines += [f"back to their priors (pruning): {', '.join(result.pruned)}", ""]
    for name, value in result.values.items():
        lines.append(f"{name:20s} {value}")
    for scenario, each in result.scenarios.items():
        lines += ["", f"{scenario}: score {each.score:.4f}"]
        for target, share in each.shares.items():
            mark = "met" if each.replay[target] else "MISSED"
            lines.append(f"  {target:36s} {mark:6s} {share:6.1%}")
    return "\n".join(lines)


def run(
    settings: Settings,
    *,
    workers: int = 1,
    write: bool = False,
    check: bool = False,
    progress: Callable[[str], None] | None = None,
) -> tuple[int, str]:
    """Calibrate; write or check if asked. Returns the exit code and the report."""
    from politburo.scenario import load_scenario

    models = {name: load_scenario(name).model for name in settings.scenarios}
    missing = [
        Problem(f"scenario {n!r} has no record to calibrate against", field="--scenarios")
        for n, m in models.items()
        if not m.record
    ]
    if missing:
        raise PolitburoError(missing)
    result = calibrate(models, settings, workers=workers, progress=progress)
    text = [report(result), "", f"the command that writes it: {settings.command()}"]
    code = 0
    if check:
        committed = _model_class(settings.model).CALIBRATION
        diff = differences(result.record(), committed)
        if diff:
            text += ["", "differs from the committed calibration:", *diff]
            code = 1
        else:
            text += ["", "identical to the committed calibration (bit for bit)"]
        if diff and committed is not None:
            text += ["", *_provenance(committed)]
    if write:
        record = dataclasses.replace(result.record(), fitted_on=engine_commit())
        text += ["", f"written to {write_record(record)}"]
    return code, "\n".join(text)


def _provenance(committed: CalibrationRecord) -> list[str]:
    """Where the committed calibration reproduces, and what its values score on this engine."""
    now = rescored(committed)
    joint = sum(now.values()) / len(now)
    lines = [
        f"the committed values on this engine score {joint:.4f} "
        f"(recorded {committed.score:.4f}): "
        + ", ".join(f"{name} {score:.4f}" for name, score in now.items())
    ]
    commit = committed.fitted_on.removesuffix("-dirty")
    if committed.fitted_on.endswith("-dirty"):
        lines.append(
            f"the search ran on sources changed from commit {commit} and never committed: "
            "no commit reproduces it"
        )
    elif commit:
        lines.append(
            f"the search ran on the engine of commit {commit}; its path depends on the engine: "
            f"`git checkout {commit}` (in a shallow clone, `git fetch --unshallow` first) and "
            "the same command reproduces it there"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: see the module's docstring."""
    parser = argparse.ArgumentParser(prog="python -m politburo.analysis.fidelity.calibrate")
    parser.add_argument("--model", default="default")
    parser.add_argument(
        "--scenarios",
        default="",
        help="comma-separated names (default: the committed calibration's)",
    )
    parser.add_argument("--iterations", type=int)
    parser.add_argument("--runs", type=int)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--batch", type=int)
    parser.add_argument(
        "--shrink", type=float, help="pull toward the priors (0: none; default: the committed)"
    )
    parser.add_argument(
        "--prune",
        action=argparse.BooleanOptionalAction,
        help="return each parameter the records do not need to its prior (default: the committed)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="processes scoring each batch (the result does not depend on it)",
    )
    parser.add_argument("--write", action="store_true", help="write the calibrated values")
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 unless the result equals the committed calibration",
    )
    args = parser.parse_args(argv)
    try:
        settings = settings_for(
            args.model,
            [s for s in args.scenarios.split(",") if s],
            args.iterations,
            args.runs,
            args.seed,
            args.batch,
            args.shrink,
            args.prune,
        )
        if args.workers < 1:
            raise PolitburoError(Problem("must be at least 1", field="--workers"))
        code, text = run(
            settings,
            workers=args.workers,
            write=args.write,
            check=args.check,
            progress=lambda line: print(line, file=sys.stderr, flush=True),
        )
    except PolitburoError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    print(text)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
