"""Counterfactual sign tests: what-ifs whose direction a historian would agree on, for every
bundled scenario, on fixed and on sampled evidence (docs/validation.md has the table).

Each what-if runs against the unchanged scenario on common random numbers (``whatif``), and
the change in the challengers' success is judged by its paired 95% interval (Newcombe): a
what-if that "helps" the challengers must not have an interval wholly below zero, one that
"does not help" must not have an interval wholly above zero, and where the table says the
effect is clear the interval must lie wholly on its side. A scenario that gives a what-if
nothing to act on (no patronage ties to the target, no ally away) skips it.
"""

from __future__ import annotations

from functools import cache

import pytest

from politburo.experiments import Change, Intervention, whatif
from politburo.experiments.stats import Estimate
from politburo.scenario import Scenario, load_scenario
from tests.experiments.counterfactuals import COUNTERFACTUALS, extended, intervention

SCENARIOS = ("june-1957", "october-1964", "zhukov-1957", "beria-1953")
RUNS = {False: 1000, True: 300}
"""Runs per arm on fixed and on sampled evidence."""

HELPS, NOT_HELP = +1, -1
SIGNS = {
    "cut-patronage": HELPS,
    "allies-present": NOT_HELP,
    "no-transport-for-target": HELPS,
    "force-switches": HELPS,
    "later-strike": NOT_HELP,
}
"""The direction a historian expects of each what-if, for the challengers."""

CLEAR = {
    ("june-1957", "cut-patronage", True),
    ("june-1957", "allies-present", True),
    ("june-1957", "no-transport-for-target", False),
    ("june-1957", "no-transport-for-target", True),
    ("june-1957", "force-switches", True),
}
"""(scenario, what-if, sampled) whose effect must be clear: the interval wholly on its side."""


@cache
def effects(name: str, sampled: bool) -> dict[str, Estimate | None]:
    """The change in the challengers' success under each what-if of the scenario (None when
    it has nothing to act on): one ``whatif`` of every arm on the scenario, and one of the
    later strike on the scenario extended by a week."""
    scenario = load_scenario(name)
    out: dict[str, Estimate | None] = {}
    arms = {k: intervention(scenario, k) for k in COUNTERFACTUALS if k != "later-strike"}
    longer = extended(scenario)
    runs: list[tuple[Scenario, dict[str, Intervention | None]]] = [
        (scenario, arms),
        (longer, {"later-strike": intervention(longer, "later-strike")}),
    ]
    out.update({k: None for k, v in arms.items() if v is None})
    for base, given in runs:
        todo = {k: v for k, v in given.items() if v is not None}
        report = whatif(
            base, list(todo.values()), runs=RUNS[sampled], seed=0, sample_evidence=sampled
        )
        for key, comparison in zip(todo, report.comparisons, strict=True):
            out[key] = succeeded(base, comparison.outcomes)
    return out


def succeeded(scenario: Scenario, changes: list[Change]) -> Estimate:
    """The paired change in the first challenge's success among ``changes``."""
    name = f"challenge.{scenario.model.challenges[0].id}.succeeded"
    found: Estimate = next(c.difference for c in changes if c.name == name)
    return found


@pytest.mark.parametrize("sampled", [False, True], ids=["fixed", "sampled"])
@pytest.mark.parametrize("what", sorted(COUNTERFACTUALS))
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_counterfactual_moves_the_way_a_historian_expects(
    scenario: str, what: str, sampled: bool
) -> None:
    change = effects(scenario, sampled)[what]
    if change is None:
        pytest.skip(f"{scenario} gives {what} nothing to act on")
    sign = SIGNS[what]
    shown = f"{scenario} {what}: {change.value:+.3f} [{change.low:+.3f}, {change.high:+.3f}]"
    if sign == HELPS:
        assert change.high >= 0.0, shown
    else:
        assert change.low <= 0.0, shown
    if (scenario, what, sampled) in CLEAR:
        assert (change.low > 0.0) if sign == HELPS else (change.high < 0.0), shown
