"""One run of an experiment told in full: run ``r`` of a plan, with its trace.

A what-if or a batch keeps one row per run; :func:`replay_run` turns a row back into a
story. Run ``r`` draws the same version of the contested evidence and the same random tape
as in :func:`~politburo.experiments.whatif.whatif` or
:func:`~politburo.experiments.batch.run_batch` with the same seed, so replaying it with and
without an intervention shows where the two arms of one paired run part.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from politburo.errors import PolitburoError, Problem
from politburo.experiments.interventions import Intervention
from politburo.experiments.plan import make_plan, realize
from politburo.scenario.loading import Scenario

if TYPE_CHECKING:
    from politburo.engine import Trace

__all__ = ["replay_run"]


def replay_run(
    scenario: Scenario,
    interventions: Sequence[Intervention] = (),
    *,
    run: int = 0,
    seed: int = 0,
    sample_evidence: bool = True,
    parameter_uncertainty: bool = False,
    judgment_uncertainty: bool = False,
) -> Trace:
    """The trace of run ``run`` of the plan of ``scenario`` with ``interventions``.

    The run draws its version of every uncertain fact as in a batch (unless
    ``sample_evidence`` is false: the scenario's own data), and, as asked, its calibration and
    its judgments, then the interventions are applied last, as in
    :func:`~politburo.experiments.plan.realize`.

    Raises
    ------
    PolitburoError
        For a negative run id or seed, or any problem of the interventions.

    Examples
    --------
    >>> from politburo.scenario import load_scenario
    >>> trace = replay_run(load_scenario("june-1957"), run=3, seed=1)
    >>> (trace.run, trace.seed)
    (3, 1)
    """
    from politburo.engine import replay

    if run < 0:
        raise PolitburoError(Problem(f"the run id must be 0 or more, not {run}", field="--run"))
    plan = make_plan(
        scenario,
        interventions,
        seed=seed,
        sample_evidence=sample_evidence,
        parameter_uncertainty=parameter_uncertainty,
        judgment_uncertainty=judgment_uncertainty,
    )
    choices = plan.evidence.draw(seed, np.array([run], dtype=np.int64))
    combo = tuple(int(c) for c in choices[0])
    return replay(realize(plan, combo), seed=seed, run=run)
