"""A plan of runs: scenario, interventions, uncertain evidence and seed; and computing runs.

A :class:`Plan` is everything a worker needs and nothing else; it pickles, so that a process
pool or a Dask cluster can compute any runs of it. :func:`compiled` gives the compiled
scenario of one combination of evidence, cached per process; :func:`compute_runs` computes
some runs in this process (:mod:`~politburo.experiments.work` cuts runs into engine calls
and tasks). Run ``r``'s row depends only on the plan and ``r``, so any split of the runs
gives the same rows.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from pydantic import ValidationError

from politburo.errors import PolitburoError, Problem
from politburo.experiments.interventions import Intervention, apply_interventions
from politburo.experiments.spawn import check_not_bootstrapping
from politburo.experiments.uncertainty import (
    DEFAULT_LEVELS,
    Evidence,
    calibration_fact,
    evidence_of,
    judgment_fact,
)
from politburo.scenario.editing import LocatedEdit, edit_scenario, edited_data
from politburo.scenario.loading import Scenario
from politburo.scenario.paths import overlaps, split_path
from politburo.scenario.schema import Edit, ScenarioModel
from politburo.seeds import check_seed

if TYPE_CHECKING:
    from politburo.engine import CompiledScenario

__all__ = ["CACHE_SIZE", "Plan", "Runs", "compiled", "compute_runs", "make_plan", "realize"]

CACHE_SIZE = 256
"""Compiled scenarios kept per process, by plan and combination of evidence."""

RUN_ID = "run_id"
SEED = "seed"


def scenario_hash(scenario: Scenario) -> str:
    """A hash of a scenario's validated content."""
    return hashlib.sha256(scenario.model.model_dump_json().encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Plan:
    """What to run: a scenario, the interventions applied to it, the evidence each run
    draws, and the seed.

    Build it with :func:`make_plan`, which validates everything up front. ``engine_codes``
    gives, for each fact and alternative, the code under which runs are grouped for the
    engine: the alternative itself, or -1 when its edits touch only what the engine never
    reads (the record), so that such alternatives share one compiled scenario.
    ``full_checks`` is true when edits of different facts or interventions may touch the
    same data; each combination is then checked like a loaded scenario, where otherwise the
    schema suffices (every alternative having been checked on its own).
    """

    scenario: Scenario = field(repr=False)
    interventions: tuple[Intervention, ...]
    evidence: Evidence
    seed: int
    key: str
    engine_codes: tuple[tuple[int, ...], ...] = ()
    full_checks: bool = True

    def describe(self) -> dict[str, Any]:
        """A JSON-ready account of the plan, for manifests."""
        return {
            "scenario": self.scenario.id,
            "scenario_hash": scenario_hash(self.scenario),
            "interventions": [i.describe() for i in self.interventions],
            "evidence": self.evidence.labels(),
            "evidence_digest": self.evidence.digest(),
            "seed": self.seed,
        }

    def engine_choices(self, choices: npt.NDArray[np.int16]) -> npt.NDArray[np.int16]:
        """Map each run's drawn alternatives to the codes the engine's input depends on."""
        result = np.empty_like(choices)
        for j, codes in enumerate(self.engine_codes):
            result[:, j] = np.asarray(codes, dtype=np.int16)[choices[:, j]]
        return result


ENGINE_IGNORES = ("record",)
"""Sections of a scenario the engine never reads."""


def _engine_paths(edits: Sequence[Edit]) -> list[str]:
    return [e.path for e in edits if split_path(e.path)[:1] != list(ENGINE_IGNORES)[:1]]


def make_plan(
    scenario: Scenario,
    interventions: Sequence[Intervention] = (),
    *,
    seed: int = 0,
    levels: int = DEFAULT_LEVELS,
    sample_evidence: bool = True,
    parameter_uncertainty: bool = False,
    judgment_uncertainty: bool = False,
) -> Plan:
    """Check a plan and build it.

    The interventions are applied to the scenario and the result validated; the uncertain
    facts are those of the edited scenario, less the ranges an intervention fixes; each
    alternative of each fact is applied once with the interventions and validated, and the
    scenario's own data compiled, so that a version that clashes with an intervention, or a
    scenario the engine cannot run, is reported now, not in a worker.
    ``sample_evidence=False`` runs the scenario's own data only.
    ``parameter_uncertainty=True`` has each run draw the decision model's calibration too
    (:func:`~politburo.experiments.uncertainty.calibration_fact`).
    ``judgment_uncertainty=True`` has each run draw the scenario's numeric judgments
    (:func:`~politburo.experiments.uncertainty.judgment_fact`); they are drawn first, so
    that a contested version or an intervention that sets a judgment holds.

    Raises
    ------
    PolitburoError
        For a seed outside ``0 .. 2**63 - 1``, or any problem of the interventions or the evidence.
    """
    check_not_bootstrapping()
    check_seed(seed)
    interventions = tuple(interventions)
    edited = apply_interventions(scenario, interventions)
    evidence = Evidence()
    if sample_evidence:
        touched = [e.edit.path for i in interventions for e in i.edits]
        evidence = evidence_of(edited, levels=levels).without(touched)
    if judgment_uncertainty:
        set_elsewhere = [e.path for f in evidence.facts for a in f.alternatives for e in a.edits]
        set_elsewhere += [e.edit.path for i in interventions for e in i.edits]
        evidence = Evidence((judgment_fact(scenario, seed, fixed=set_elsewhere), *evidence.facts))
    if parameter_uncertainty:
        evidence = Evidence((*evidence.facts, calibration_fact(scenario, edited)))
    _check_fact_ids(evidence, scenario)
    codes = tuple(
        tuple(k if _engine_paths(a.edits) else -1 for k, a in enumerate(fact.alternatives))
        for fact in evidence.facts
    )
    paths = [
        [p for a in fact.alternatives for p in _engine_paths(a.edits)] for fact in evidence.facts
    ]
    paths.append([e.edit.path for i in interventions for e in i.edits])
    full = any(
        overlaps(p, q)
        for i, mine in enumerate(paths)
        for theirs in paths[i + 1 :]
        for p in mine
        for q in theirs
    )
    plan_key = json.dumps(
        [scenario_hash(scenario), [i.digest() for i in interventions], evidence.digest()],
        sort_keys=True,
    )
    plan = Plan(
        scenario,
        interventions,
        evidence,
        seed,
        hashlib.sha256(plan_key.encode()).hexdigest()[:16],
        codes,
        full,
    )
    for j, fact_codes in enumerate(codes):
        for k in set(fact_codes) - {-1}:
            combo = [-1] * len(evidence.facts)
            combo[j] = k
            realize(plan, tuple(combo), full=True)
    compiled(plan, (-1,) * len(evidence.facts))  # what the engine refuses, refused now
    return plan


def _check_fact_ids(evidence: Evidence, scenario: Scenario) -> None:
    """Refuse a contested fact named like a fact the plan draws itself: both would write
    one result column and share one stream of draws."""
    drawn = {f.id for f in evidence.facts if f.kind not in ("contested", "range")}
    for i, fact in enumerate(scenario.model.contested):
        if fact.id in drawn:
            file, line = scenario.marks.locate(("contested", i, "id"))
            raise PolitburoError(
                Problem(
                    f"the id {fact.id!r} is reserved for the {fact.id} the run draws; "
                    "rename the contested fact",
                    file,
                    line,
                    f"contested[{fact.id}].id",
                )
            )


def realize(plan: Plan, combo: tuple[int, ...], *, full: bool | None = None) -> ScenarioModel:
    """The scenario one combination of alternatives makes (-1: the scenario's own data),
    with the interventions applied last, so that a counterfactual holds whichever version
    of the evidence a run drew.

    ``full`` checks the result like a loaded scenario (default: ``plan.full_checks``);
    otherwise the schema alone is checked, and a failure is then checked in full for a
    message with file, line and field.
    """
    edits = [
        LocatedEdit(edit, fact.file, fact.line, fact.id, f"{fact.kind} fact {fact.id!r}")
        for fact, choice in zip(plan.evidence.facts, combo, strict=True)
        if choice >= 0
        for edit in fact.alternatives[choice].edits
    ]
    edits += [e for i in plan.interventions for e in i.edits]
    if full if full is not None else plan.full_checks:
        return edit_scenario(plan.scenario, edits).model
    try:
        return ScenarioModel.model_validate(edited_data(plan.scenario.raw, edits))
    except (ValidationError, PolitburoError):
        return edit_scenario(plan.scenario, edits).model


_CACHE: OrderedDict[tuple[str, tuple[int, ...]], CompiledScenario] = OrderedDict()


def compiled(plan: Plan, combo: tuple[int, ...]) -> CompiledScenario:
    """The compiled scenario of one combination, from this process's cache when it can."""
    from politburo.engine import compile_scenario

    key = (plan.key, combo)
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    result = compile_scenario(realize(plan, combo))
    _CACHE[key] = result
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result


@dataclass
class Runs:
    """Result columns of some runs, one row per run, ordered by run id.

    ``columns`` holds ``run_id``, ``seed``, one ``evidence.<fact>`` column per uncertain fact
    (the index of the alternative drawn; its labels are in ``labels``) and the engine's
    outcome columns. ``missing`` marks rows of a column that the scenario a run drew does
    not have (a version that adds or removes an actor, say).
    """

    columns: dict[str, npt.NDArray[Any]]
    labels: dict[str, list[str]] = field(default_factory=dict)
    missing: dict[str, npt.NDArray[np.bool_]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.columns[RUN_ID])


def compute_runs(plan: Plan, run_ids: npt.NDArray[np.integer]) -> Runs:
    """Compute the given runs of ``plan`` in this process (see :mod:`~.work`).

    Examples
    --------
    >>> from politburo.scenario import load_scenario
    >>> plan = make_plan(load_scenario("june-1957"), seed=1)
    >>> runs = compute_runs(plan, np.arange(10))
    >>> runs.columns["run_id"].tolist() == list(range(10))
    True
    """
    from politburo.experiments.work import run_all

    return run_all(plan, run_ids)
