"""Which uncertain facts the outcome turns on.

Each run of a Monte Carlo batch drew one alternative of every uncertain fact (a version of a
contested fact, a level of a range) independently of the others. For a fact and an outcome,
the share of runs with the outcome among the runs that drew each alternative estimates the
outcome's probability *given* that alternative, the other facts averaged over as the evidence
leaves them. A fact matters as much as these probabilities differ:

- for a contested fact, the **effect** is the difference between the alternatives with the
  highest and the lowest probability;
- for a range, it is the difference between the runs that drew the upper half of the range
  and those that drew the lower half (comparing single levels would mostly measure noise).

Intervals are Newcombe's hybrid score intervals for independent proportions. Facts are
ranked by the largest effect over the outcomes asked about.

References
----------
.. [1] A. Saltelli et al., *Global Sensitivity Analysis: The Primer*, Wiley, 2008, ch. 1
   (one-factor conditional expectations as a first screening of importance).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from politburo.experiments.plan import Runs
from politburo.experiments.stats import Estimate, proportion, unpaired_difference
from politburo.experiments.whatif import Labels, indicators, is_outcome

__all__ = ["FactSensitivity", "rank_facts"]


@dataclass(frozen=True)
class FactSensitivity:
    """How much one outcome turns on one uncertain fact.

    Attributes
    ----------
    fact
        The fact's id (a contested fact, or ``parameter.<name>``).
    outcome
        The outcome indicator on which the fact's effect is largest.
    by_alternative
        Probability of ``outcome`` among the runs that drew each alternative, with the
        number of those runs.
    effect
        ``P(outcome | high) - P(outcome | low)`` with its 95% interval, where ``high`` and
        ``low`` are the alternatives (or halves of a range) named in ``contrast``.
    contrast
        The two alternatives compared, ``(low, high)``.
    """

    fact: str
    outcome: str
    by_alternative: dict[str, tuple[Estimate, int]]
    effect: Estimate
    contrast: tuple[str, str]


def _groups(
    codes: npt.NDArray[np.integer], labels: Sequence[str], is_range: bool
) -> list[tuple[str, npt.NDArray[np.bool_]]]:
    if is_range and len(labels) >= 2:
        half = len(labels) // 2
        return [
            (f"{labels[0]}..{labels[half - 1]}", codes < half),
            (f"{labels[half]}..{labels[-1]}", codes >= half),
        ]
    return [(label, codes == k) for k, label in enumerate(labels)]


def _one(
    fact: str,
    codes: npt.NDArray[np.integer],
    labels: Sequence[str],
    is_range: bool,
    outcomes: Mapping[str, npt.NDArray[np.bool_]],
) -> FactSensitivity | None:
    groups = [(label, mask) for label, mask in _groups(codes, labels, is_range) if mask.any()]
    if len(groups) < 2:
        return None
    best: FactSensitivity | None = None
    for outcome, flags in outcomes.items():
        shares = {label: (proportion(flags[mask]), int(mask.sum())) for label, mask in groups}
        if is_range:
            low, high = groups
        else:
            low = min(groups, key=lambda g: shares[g[0]][0].value)
            high = max(groups, key=lambda g: shares[g[0]][0].value)
        effect = unpaired_difference(flags[low[1]], flags[high[1]])
        candidate = FactSensitivity(fact, outcome, shares, effect, (low[0], high[0]))
        if best is None or abs(effect.value) > abs(best.effect.value):
            best = candidate
    return best


def rank_facts(
    runs: Runs,
    facts: Mapping[str, Sequence[str]],
    *,
    outcomes: Sequence[str] | None = None,
    ranges: Sequence[str] = (),
    labels: Labels | None = None,
) -> list[FactSensitivity]:
    """Rank uncertain facts by how much the outcomes turn on them, largest effect first.

    Parameters
    ----------
    runs
        Runs that drew the evidence, with one ``evidence.<fact>`` column per fact.
    facts
        The alternatives' labels by fact id (``Evidence.labels()`` or a batch manifest's
        ``evidence``).
    outcomes
        Outcome indicators to consider (see :func:`~politburo.experiments.whatif.indicators`);
        default: every outcome that is neither always nor never true.
    ranges
        Ids of the facts that are ranges (compared by halves).
    labels
        Names of the codes of integer columns (see
        :func:`~politburo.experiments.whatif.value_labels`).

    Examples
    --------
    >>> codes = np.array([0, 1] * 50)
    >>> runs = Runs({"run_id": np.arange(100), "evidence.f": codes,
    ...              "challenge.c.succeeded": codes == 1}, {"evidence.f": ["no", "yes"]})
    >>> top = rank_facts(runs, {"f": ["no", "yes"]})[0]
    >>> top.fact, top.contrast, top.effect.value
    ('f', ('no', 'yes'), 1.0)
    """
    flags = {k: v for k, v in indicators(runs, labels).items() if is_outcome(k)}
    if outcomes is not None:
        flags = {k: flags[k] for k in outcomes if k in flags}
    else:
        flags = {k: v for k, v in flags.items() if 0 < np.count_nonzero(v) < v.size}
    if not flags:
        return []
    result = []
    for fact, names in facts.items():
        column = f"evidence.{fact}"
        if column not in runs.columns:
            continue
        ranked = _one(fact, runs.columns[column], names, fact in ranges, flags)
        if ranked is not None:
            result.append(ranked)
    return sorted(result, key=lambda s: (-abs(s.effect.value), s.fact))
