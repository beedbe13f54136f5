"""Experiments: interventions, uncertain evidence, runners and the results store.

Ask "what if" of a scenario and get answers with honest uncertainty, at any scale:

- :mod:`~politburo.experiments.interventions`: declarative edits of a scenario (YAML files,
  named what-ifs, ``--set``);
- :mod:`~politburo.experiments.uncertainty`: contested facts and ranges, drawn per run;
- :mod:`~politburo.experiments.plan`: a plan of runs and computing any runs of it;
- :mod:`~politburo.experiments.batch` and :mod:`~politburo.experiments.store`: chunked,
  resumable Parquet batches, read back with DuckDB;
- :mod:`~politburo.experiments.work`: runs cut into engine calls and tasks, rows put back
  in order;
- :mod:`~politburo.experiments.runners`: a local process pool or Dask distributed;
- :mod:`~politburo.experiments.whatif`: outcome probabilities against the unchanged scenario;
- :mod:`~politburo.experiments.replays`: one run of an experiment told in full.

See ``docs/experiments.md``.
"""

from politburo.experiments.batch import BatchResult, collect, run_batch
from politburo.experiments.interventions import (
    Intervention,
    apply_interventions,
    from_assignments,
    load_intervention,
    named_whatifs,
    resolve_intervention,
)
from politburo.experiments.plan import Plan, Runs, compute_runs, make_plan
from politburo.experiments.replays import replay_run
from politburo.experiments.runners import Runner, make_runner
from politburo.experiments.uncertainty import Evidence, UncertainFact, evidence_of
from politburo.experiments.whatif import Change, Comparison, WhatIf, whatif

__all__ = [
    "BatchResult",
    "Change",
    "Comparison",
    "Evidence",
    "Intervention",
    "Plan",
    "Runner",
    "Runs",
    "UncertainFact",
    "WhatIf",
    "apply_interventions",
    "collect",
    "compute_runs",
    "evidence_of",
    "from_assignments",
    "load_intervention",
    "make_plan",
    "make_runner",
    "named_whatifs",
    "replay_run",
    "resolve_intervention",
    "run_batch",
    "whatif",
]
