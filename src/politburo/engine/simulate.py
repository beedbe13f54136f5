"""Running scenarios: :func:`simulate` a batch of runs, :func:`replay` one run with its trace."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from politburo.engine.compile import CompiledScenario, compile_scenario
from politburo.engine.kernel import Simulation
from politburo.engine.log import EventLog
from politburo.engine.procedures import INSTITUTIONAL_SCRIPT
from politburo.engine.results import Batch, collect_columns, final_state
from politburo.engine.trace import Trace, build_trace
from politburo.errors import PolitburoError, Problem
from politburo.scenario.schema import ScenarioModel

__all__ = ["BLOCK_RUNS", "replay", "simulate"]

BLOCK_RUNS = 8192
"""Most runs simulated together: enough to spread the cost of each step over many runs, few
enough to bound the memory a batch takes at once. A run's result does not depend on the block
it is simulated in."""


def simulate(
    compiled: CompiledScenario,
    *,
    seed: int,
    run_ids: npt.NDArray[np.int64] | None = None,
    runs: int | None = None,
    trace: bool = False,
) -> Batch:
    """Simulate a batch of runs of a compiled scenario.

    Parameters
    ----------
    compiled
        From :func:`compile_scenario`.
    seed
        Root seed. Run ``r`` draws from ``SeedSequence(seed, spawn_key=(r,))``, so its result
        depends only on ``(scenario, seed, r)``, whatever batch it is simulated in.
    run_ids
        Which runs to simulate; default ``0 .. runs - 1``.
    runs
        How many runs when ``run_ids`` is not given; default 1.
    trace
        Keep the full trace of every run (slower; meant for small batches).

    Returns
    -------
    Batch
        Outcome columns (one row per run), the event table (built when first asked for), and
        traces if asked for. The runs are simulated in blocks of at most :data:`BLOCK_RUNS`
        (all at once when tracing); their events share one log, in which an event's
        ``seq`` orders it within its run.

    Examples
    --------
    >>> from politburo.scenario import load_scenario
    >>> compiled = compile_scenario(load_scenario("june-1957").model)
    >>> batch = simulate(compiled, seed=1, runs=4)
    >>> len(batch.run_ids)
    4
    """
    if run_ids is None:
        count = 1 if runs is None else runs
        if count < 1:
            raise PolitburoError(Problem("the number of runs must be at least 1", field="runs"))
        run_ids = np.arange(count, dtype=np.int64)
    run_ids = np.asarray(run_ids, dtype=np.int64)
    if run_ids.ndim != 1 or len(run_ids) == 0 or (run_ids < 0).any():
        raise PolitburoError(
            Problem("run ids must be a non-empty list of non-negative ids", field="run_ids")
        )
    log = EventLog(len(run_ids), trace, n_actors=compiled.n_actors, n_groups=compiled.n_groups)
    size = len(run_ids) if trace else BLOCK_RUNS
    parts = []
    for lo in range(0, len(run_ids), size):
        log.offset = lo
        sim = Simulation.create(
            compiled, seed, run_ids[lo : lo + size], trace, INSTITUTIONAL_SCRIPT, log
        )
        sim.run()
        sim.release()
        parts.append(collect_columns(sim))
    columns = parts[0]
    if len(parts) > 1:
        columns = {k: np.concatenate([p[k] for p in parts]) for k in columns}
    batch = Batch(
        columns=columns, run_ids=run_ids, seed=seed, traces=None, compiled=compiled, log=log
    )
    if trace:
        table = batch.events
        batch.traces = [
            build_trace(compiled, table, row, int(run), seed, final_state(sim, row))
            for row, run in enumerate(run_ids.tolist())
        ]
    return batch


def replay(model: ScenarioModel, seed: int = 0, run: int = 0) -> Trace:
    """Replay one run of a scenario with its full trace: a batch of one.

    ``run`` is the run id: the trace of run ``r`` is that run of any batch with the same
    compiled scenario and seed.

    Examples
    --------
    >>> from politburo.scenario import load_scenario
    >>> trace = replay(load_scenario("june-1957").model, seed=0)
    >>> trace.events[0].day >= trace.start
    True
    """
    batch = simulate(compile_scenario(model), seed=seed, run_ids=np.array([run]), trace=True)
    assert batch.traces is not None
    return batch.traces[0]
