"""What if: outcome probabilities of a scenario with and without interventions.

The unchanged scenario and each intervention are run for the same run ids with the same seed
(common random numbers): run ``r`` draws the same evidence and the same random tape in every
arm, so a difference between arms comes from the intervention, and paired intervals
(:func:`~politburo.experiments.stats.paired_difference`) are narrower than independent ones.

Every result column is read as one or more yes/no **indicators**: a boolean column as is, a
day column (``..._day``, ``-1`` for never) as "it happened", any other integer column as one
indicator per value seen, named by :func:`value_labels` (``office.first-secretary.holder_at_end
= khrushchev``). Indicators of the columns that say how a challenge ended and who holds each
office at the end (:data:`OUTCOME_SUFFIXES`) are the **outcomes**; the rest are the **steps**
that led there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from politburo.arrays import Bools
from politburo.experiments.batch import collect_all
from politburo.experiments.interventions import Intervention
from politburo.experiments.plan import RUN_ID, SEED, Plan, Runs, make_plan
from politburo.experiments.runners import Runner
from politburo.experiments.stats import Estimate, paired_difference, proportion
from politburo.scenario.loading import Scenario
from politburo.scenario.schema import ScenarioModel

__all__ = [
    "OUTCOME_SUFFIXES",
    "Change",
    "Comparison",
    "WhatIf",
    "compare",
    "indicators",
    "is_outcome",
    "same_base",
    "value_labels",
    "whatif",
]

OUTCOME_SUFFIXES = (".succeeded", ".outcome", ".holder_at_end")
"""Result columns whose indicators count as outcomes; the others are steps."""


def is_outcome(name: str) -> bool:
    """Whether an indicator belongs to an outcome column."""
    return name.partition(" = ")[0].endswith(OUTCOME_SUFFIXES)


Labels = Mapping[str, Mapping[int, str]]

_SIDES = {-1: "with the target", 0: "undeclared", 1: "with the challengers"}
_OUTCOMES = {-1: "target holds", 0: "undecided", 1: "challengers win"}
_SANCTIONS = {0: "none", 1: "reprimand", 2: "demote", 3: "remove", 4: "expel"}


def value_labels(scenario: ScenarioModel) -> dict[str, dict[int, str]]:
    """Names of the codes of the engine's integer columns for ``scenario``: office holders
    and ranks by id, sides, challenge outcomes and sanctions by name (-1: none)."""
    actors = {-1: "nobody", **{i: a.id for i, a in enumerate(scenario.actors)}}
    result: dict[str, dict[int, str]] = {}
    for office in scenario.offices:
        result[f"office.{office.id}.holder_at_end"] = actors
    for challenge in scenario.challenges:
        result[f"challenge.{challenge.id}.outcome"] = _OUTCOMES
    for actor in scenario.actors:
        result[f"actor.{actor.id}.side_at_end"] = _SIDES
        result[f"actor.{actor.id}.sanction"] = _SANCTIONS
        for body in scenario.bodies:
            ranks = {-1: "no seat", **{k: r.id for k, r in enumerate(body.ranks)}}
            result[f"actor.{actor.id}.rank.{body.id}"] = ranks
    return result


def indicators(runs: Runs, labels: Labels | None = None) -> dict[str, Bools]:
    """Yes/no indicators of every result column (not ``run_id``, ``seed`` or evidence).

    ``labels`` names the codes of integer-coded columns (:func:`value_labels`); codes
    without a name are shown as numbers. A run whose scenario lacks a column counts as "no".
    """
    labels = labels or {}
    result: dict[str, Bools] = {}
    for name, values in runs.columns.items():
        if name in (RUN_ID, SEED) or name in runs.labels:
            continue
        present = ~runs.missing[name] if name in runs.missing else np.ones(len(values), bool)
        if values.dtype == np.bool_:
            result[name] = values & present
        elif name.endswith("_day") and np.issubdtype(values.dtype, np.integer):
            result[name] = (values >= 0) & present
        elif np.issubdtype(values.dtype, np.integer):
            names = labels.get(name, {})
            for value in np.unique(values[present]).tolist():
                result[f"{name} = {names.get(value, value)}"] = (values == value) & present
    return result


@dataclass(frozen=True)
class Change:
    """How often an indicator was true without and with an intervention."""

    name: str
    base: Estimate
    changed: Estimate
    difference: Estimate


@dataclass(frozen=True)
class Comparison:
    """One intervention against the unchanged scenario: every outcome, and the steps sorted
    by how much their frequency changed."""

    intervention: Intervention
    outcomes: list[Change]
    steps: list[Change]


@dataclass(frozen=True)
class WhatIf:
    """The unchanged scenario's outcomes and one comparison per intervention."""

    scenario: str
    runs: int
    seed: int
    base: dict[str, Estimate]
    comparisons: list[Comparison]
    base_runs: Runs
    plan: Plan


def compare(
    base: Runs,
    changed: Runs,
    intervention: Intervention,
    labels: Labels | None = None,
) -> Comparison:
    """Compare the runs of one intervention with those of the unchanged scenario (paired by
    run id)."""
    if not np.array_equal(base.columns[RUN_ID], changed.columns[RUN_ID]):
        raise ValueError("compare needs the same runs in both arms")
    before, after = indicators(base, labels), indicators(changed, labels)
    empty = np.zeros(len(base), dtype=bool)
    changes = []
    for name in dict.fromkeys([*before, *after]):
        a, b = before.get(name, empty), after.get(name, empty)
        changes.append(Change(name, proportion(a), proportion(b), paired_difference(a, b)))
    outcomes = [c for c in changes if is_outcome(c.name)]
    steps = sorted(
        (c for c in changes if not is_outcome(c.name)),
        key=lambda c: (-abs(c.difference.value), c.name),
    )
    return Comparison(intervention, outcomes, steps)


def same_base(earlier: WhatIf, plan: Plan, runs: int) -> bool:
    """Whether ``earlier``'s unchanged scenario gives the rows that ``runs`` runs of
    ``plan`` (an unchanged scenario's) would: the same scenario, evidence and seed."""
    other = earlier.plan
    return (
        earlier.runs == runs
        and other.key == plan.key
        and other.seed == plan.seed
        and other.evidence.facts == plan.evidence.facts
        and not other.interventions
        and not plan.interventions
    )


def whatif(
    scenario: Scenario,
    interventions: Sequence[Intervention],
    *,
    runs: int,
    seed: int = 0,
    runner: Runner | None = None,
    chunk_size: int | None = None,
    sample_evidence: bool = True,
    parameter_uncertainty: bool = False,
    judgment_uncertainty: bool = False,
    progress: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
    earlier: WhatIf | None = None,
) -> WhatIf:
    """Run the unchanged scenario and each intervention ``runs`` times with the same seed.

    All plans are built (and so validated) before any run starts; the arms are then
    computed together, so that the workers stay busy from one arm to the next.
    ``on_progress(done, total)`` is told the runs done over all arms as chunks come back.
    ``sample_evidence``, ``parameter_uncertainty`` and ``judgment_uncertainty`` say what
    each run draws (see
    :func:`~politburo.experiments.plan.make_plan`).
    ``earlier`` is a what-if whose unchanged scenario's runs are reused when they are this
    one's (:func:`same_base`: the same plan, seed and run count; a run's row depends only
    on these), so that only the interventions' arms are computed; otherwise it is ignored.

    Raises
    ------
    PolitburoError
        For a bad run count, or any problem of an intervention or of the evidence.
    """
    arms: list[list[Intervention]] = [[], *([i] for i in interventions)]
    plans = [
        make_plan(
            scenario,
            arm,
            seed=seed,
            sample_evidence=sample_evidence,
            parameter_uncertainty=parameter_uncertainty,
            judgment_uncertainty=judgment_uncertainty,
        )
        for arm in arms
    ]
    reused = earlier is not None and same_base(earlier, plans[0], runs)
    todo = plans[1:] if reused else plans
    results = collect_all(
        todo,
        runs,
        chunk_size=chunk_size,
        runner=runner,
        progress=progress,
        description=f"{scenario.id}: {len(todo)} arms",
        on_progress=on_progress,
    )
    if reused:
        assert earlier is not None
        results = [earlier.base_runs, *results]
    base = results[0]
    labels = value_labels(scenario.model)
    outcomes = {k: proportion(v) for k, v in indicators(base, labels).items() if is_outcome(k)}
    comparisons = [
        compare(base, result, intervention, labels)
        for intervention, result in zip(interventions, results[1:], strict=True)
    ]
    return WhatIf(scenario.id, runs, seed, outcomes, comparisons, base, plans[0])
