"""A check shared by the tests of drawn facts: a run that drew an alternative is the run of
the scenario with that alternative set."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from politburo.experiments.plan import Plan, Runs, compute_runs


def assert_runs_of(fixed: Plan, runs: Runs, drew: npt.NDArray[np.bool_]) -> None:
    """The runs of ``fixed`` with the ids of the rows ``drew`` picks equal those rows of
    ``runs`` in every column but the draws themselves."""
    alone = compute_runs(fixed, runs.columns["run_id"][drew])
    for name, column in alone.columns.items():
        if not name.startswith("evidence."):
            assert np.array_equal(column, runs.columns[name][drew]), name
