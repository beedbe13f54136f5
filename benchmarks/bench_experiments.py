"""Benchmarks of politburo.experiments, reported side by side in one run.

1. **Scale**: ``--runs`` runs (default 1,000,000) of June 1957, the evidence sampled per run,
   written to Parquet by the local runner with ``--workers`` processes: wall time, runs per
   second, and peak memory (the largest resident set of this process and of any worker, from
   ``resource.getrusage``, and the largest total over the process tree, sampled).
2. **Vectorised against objects**: the engine against the test oracle
   ``tests/oracle/baseline_objects.py`` (the same model written per run and per actor with
   Python objects), on the scenario's own data: runs per second of each, their ratio, and
   how many runs agree in every outcome column.
3. **Dask**: the same batch on a Dask ``LocalCluster`` of 2 workers against 1 worker, each
   timed ``--dask-repeat`` times, alternating, and the best of each kept (cluster start not
   timed).
4. **This layer's own cost**: ``--runs`` runs in this process with the engine replaced by a
   stub that hands back stored columns: drawing, grouping, planning, assembling and writing
   Parquet, without the simulation.

Each section notes the load average (``os.getloadavg``) before and after it: the machine may
be shared, and a figure measured under load is slower than the code.

Run from the repository root::

    python benchmarks/bench_experiments.py                   # the full benchmark
    python benchmarks/bench_experiments.py --runs 100000     # a smaller first section
    python benchmarks/bench_experiments.py --json out.json   # also write the numbers

Not a test: nothing here asserts; the targets are printed beside the measurements.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

# One linear-algebra thread per process, set before NumPy loads: the engine and the baseline
# each get one core, and K workers use K cores.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the repository's root: the test oracle's package

from tests.oracle.baseline_objects import Baseline, simulate_objects  # noqa: E402

from politburo.engine import compile_scenario, simulate  # noqa: E402
from politburo.experiments.batch import chunks, run_batch  # noqa: E402
from politburo.experiments.plan import make_plan  # noqa: E402
from politburo.experiments.runners import TASKS_PER_SLOT, make_runner  # noqa: E402
from politburo.experiments.work import plan_wave, waves  # noqa: E402
from politburo.scenario import load_scenario  # noqa: E402

MiB = 1024 * 1024


def load() -> float:
    """The one-minute load average (2 on a busy 2-core machine means no core to spare)."""
    return round(os.getloadavg()[0], 2)


def engine_calls(plan: Any, runs: int, chunk: int, workers: int) -> tuple[int, int]:
    """Engine calls and tasks a batch makes: each combination of evidence once per wave,
    or more when it has more runs than one call takes."""
    calls = tasks = 0
    for wave in waves(chunks(runs, chunk)):
        planned = plan_wave(plan, wave, TASKS_PER_SLOT * workers)
        calls += sum(len(task) for task in planned.tasks)
        tasks += len(planned.tasks)
    return calls, tasks


class TreeMemory:
    """Samples the total resident memory of this process and its children."""

    def __init__(self, every: float = 0.2) -> None:
        self.every, self.peak, self._stop = every, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        try:
            import psutil
        except ImportError:  # pragma: no cover - psutil comes with distributed
            return
        me = psutil.Process()
        while not self._stop.is_set():
            try:
                total = me.memory_info().rss + sum(
                    child.memory_info().rss for child in me.children(recursive=True)
                )
            except psutil.Error:
                total = 0
            self.peak = max(self.peak, total)
            self._stop.wait(self.every)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def peak_rss() -> tuple[float, float]:
    """Largest resident set (MiB) of this process and of any finished child process."""
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, children


def scale(runs: int, workers: int, chunk: int, seed: int) -> dict[str, Any]:
    """Section 1: a big batch to Parquet with the local runner."""
    scenario = load_scenario("june-1957")
    plan = make_plan(scenario, seed=seed)
    calls, tasks = engine_calls(plan, runs, chunk, workers)
    before = load()
    with tempfile.TemporaryDirectory() as tmp, TreeMemory() as memory:
        start = time.perf_counter()
        with make_runner("local", workers=workers) as runner:
            run_batch(plan, Path(tmp) / "runs", runs, chunk_size=chunk, runner=runner)
        wall = time.perf_counter() - start
        size = sum(f.stat().st_size for f in (Path(tmp) / "runs").glob("*.parquet"))
    me, child = peak_rss()
    return {
        "runs": runs,
        "workers": workers,
        "chunk_size": chunk,
        "wall_s": wall,
        "runs_per_s": runs / wall,
        "peak_rss_parent_mib": me,
        "peak_rss_child_mib": child,
        "peak_tree_mib": memory.peak / MiB,
        "parquet_mib": size / MiB,
        "facts_sampled": len(plan.evidence.facts),
        "engine_calls": calls,
        "tasks": tasks,
        "load_before": before,
        "load_after": load(),
    }


def vectorised_vs_objects(engine_runs: int, object_runs: int, seed: int) -> dict[str, Any]:
    """Section 2: the engine against the per-run, per-actor object baseline."""
    compiled = compile_scenario(load_scenario("june-1957").model)
    simulate(compiled, seed=seed, runs=50)  # warm up
    before = load()
    start = time.perf_counter()
    batch = simulate(compiled, seed=seed, runs=engine_runs)
    engine_s = time.perf_counter() - start
    base = Baseline(compiled)
    start = time.perf_counter()
    rows = simulate_objects(compiled, seed, list(range(object_runs)), base)
    objects_s = time.perf_counter() - start
    agree = np.ones(object_runs, dtype=bool)
    columns = list(rows[0])
    for name in columns:
        agree &= np.array([row[name] for row in rows]) == batch.columns[name][:object_runs]
    succeeded = next(n for n in columns if n.endswith(".succeeded"))
    engine_rate, objects_rate = engine_runs / engine_s, object_runs / objects_s
    return {
        "engine_runs": engine_runs,
        "engine_runs_per_s": engine_rate,
        "object_runs": object_runs,
        "objects_runs_per_s": objects_rate,
        "ratio": engine_rate / objects_rate,
        "runs_agreeing_in_every_column": float(agree.mean()),
        "columns_compared": len(columns),
        "p_succeeded_engine": float(batch.columns[succeeded][:object_runs].mean()),
        "p_succeeded_objects": float(np.mean([row[succeeded] for row in rows])),
        "load_before": before,
        "load_after": load(),
    }


def dask_scaling(runs: int, chunk: int, seed: int, repeat: int) -> dict[str, Any]:
    """Section 3: Dask LocalCluster with 2 workers against 1, alternating, best of
    ``repeat`` each (cluster start not timed; the first batch on a cluster compiles)."""
    plan = make_plan(load_scenario("june-1957"), seed=seed)
    times: dict[int, list[float]] = {1: [], 2: []}
    before = load()
    with make_runner("dask", workers=1) as one, make_runner("dask", workers=2) as two:
        runners = {1: one, 2: two}
        for rep in range(repeat):
            for workers in (1, 2) if rep % 2 == 0 else (2, 1):
                with tempfile.TemporaryDirectory() as tmp:
                    start = time.perf_counter()
                    run_batch(
                        plan, Path(tmp) / "runs", runs, chunk_size=chunk, runner=runners[workers]
                    )
                    times[workers].append(time.perf_counter() - start)
    best = {k: min(v) for k, v in times.items()}
    return {
        "runs": runs,
        "chunk_size": chunk,
        "one_worker_s": best[1],
        "two_workers_s": best[2],
        "all_times_s": times,
        "speedup": best[1] / best[2],
        "load_before": before,
        "load_after": load(),
    }


def layer_cost(runs: int, chunk: int, seed: int) -> dict[str, Any]:
    """Section 4: a batch in this process with a stub engine that returns stored columns,
    so that what is timed is this layer's own work."""
    import politburo.engine
    from politburo.engine.results import Batch

    compiled = compile_scenario(load_scenario("june-1957").model)
    stored = simulate(compiled, seed=seed, runs=500).columns
    calls: list[int] = []

    def stub(compiled: Any, *, seed: int, run_ids: Any, **_: Any) -> Batch:
        calls.append(len(run_ids))
        columns = {k: np.resize(v, len(run_ids)) for k, v in stored.items()}
        return Batch(columns, run_ids, seed, None, None, compiled)

    plan = make_plan(load_scenario("june-1957"), seed=seed)
    real, politburo.engine.simulate = politburo.engine.simulate, stub
    before = load()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            start, cpu = time.perf_counter(), time.process_time()
            run_batch(plan, Path(tmp) / "runs", runs, chunk_size=chunk)
            wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        politburo.engine.simulate = real
    return {
        "runs": runs,
        "engine_calls": len(calls),
        "wall_s": wall,
        "cpu_s": cpu,
        "load_before": before,
        "load_after": load(),
    }


def _load(section: dict[str, Any]) -> str:
    return f"{section['load_before']:.2f} / {section['load_after']:.2f}"


def report(results: dict[str, dict[str, Any]]) -> None:
    """Print every measurement beside its target."""
    rows: list[tuple[str, str, str]] = []
    if "scale" in results:
        s = results["scale"]
        rows += [
            (
                f"{s['runs']:,} runs, {s['workers']} workers: wall time",
                f"{s['wall_s']:.1f} s",
                "<= 60 s",
            ),
            ("  throughput", f"{s['runs_per_s']:,.0f} runs/s", ""),
            (
                "  peak RSS, parent / largest worker",
                f"{s['peak_rss_parent_mib']:.0f} / {s['peak_rss_child_mib']:.0f} MiB",
                "",
            ),
            (
                "  peak RSS, whole process tree (sampled)",
                f"{s['peak_tree_mib']:.0f} MiB",
                "< 2048 MiB",
            ),
            ("  Parquet written", f"{s['parquet_mib']:.1f} MiB", ""),
            ("  engine calls / tasks", f"{s['engine_calls']:,} / {s['tasks']}", ""),
            ("  load average before / after", _load(s), ""),
        ]
    if "objects" in results:
        o = results["objects"]
        rows += [
            ("engine (vectorised over runs)", f"{o['engine_runs_per_s']:,.1f} runs/s", ""),
            ("per-run, per-actor objects", f"{o['objects_runs_per_s']:,.2f} runs/s", ""),
            ("  throughput ratio", f"{o['ratio']:,.0f}x", ">= 100x"),
            (
                "  runs agreeing in every column",
                f"{100 * o['runs_agreeing_in_every_column']:.1f}% of {o['object_runs']}",
                "",
            ),
            (
                "  P(challenge succeeded), engine / objects",
                f"{o['p_succeeded_engine']:.3f} / {o['p_succeeded_objects']:.3f}",
                "",
            ),
            ("  load average before / after", _load(o), ""),
        ]
    if "dask" in results:
        d = results["dask"]
        rows += [
            (
                f"Dask, {d['runs']:,} runs: 1 worker / 2 workers",
                f"{d['one_worker_s']:.1f} s / {d['two_workers_s']:.1f} s",
                "",
            ),
            ("  speedup with 2 workers", f"{d['speedup']:.2f}x", ">= 1.6x"),
            ("  load average before / after", _load(d), ""),
        ]
    if "layer" in results:
        c = results["layer"]
        rows += [
            (
                f"this layer alone (stub engine), {c['runs']:,} runs",
                f"{c['wall_s']:.1f} s ({c['cpu_s']:.1f} s CPU)",
                "",
            ),
            ("  engine calls", f"{c['engine_calls']:,}", ""),
            ("  load average before / after", _load(c), ""),
        ]
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measurement':<{width}}  {'value':>24}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>24}  {target}")


def main(argv: list[str] | None = None) -> None:
    """Run the sections asked for and print them side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1_000_000, help="runs of section 1")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunk-size", type=int, default=50_000)
    parser.add_argument("--engine-runs", type=int, default=2_000)
    parser.add_argument("--object-runs", type=int, default=200)
    parser.add_argument("--dask-runs", type=int, default=100_000)
    parser.add_argument("--dask-chunk", type=int, default=10_000)
    parser.add_argument("--dask-repeat", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=["scale", "objects", "dask", "layer"], action="append")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args(argv)
    only = set(args.only or ["scale", "objects", "dask", "layer"])
    results: dict[str, dict[str, Any]] = {}
    if "scale" in only:
        results["scale"] = scale(args.runs, args.workers, args.chunk_size, args.seed)
    if "objects" in only:
        results["objects"] = vectorised_vs_objects(args.engine_runs, args.object_runs, args.seed)
    if "dask" in only:
        results["dask"] = dask_scaling(args.dask_runs, args.dask_chunk, args.seed, args.dask_repeat)
    if "layer" in only:
        results["layer"] = layer_cost(args.runs, args.chunk_size, args.seed)
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
