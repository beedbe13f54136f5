"""Benchmarks of politburo.experiments, reported side by side in one run.

1. **Scale**: ``--runs`` runs (default 1,000,000) of June 1957, the evidence sampled per run,
   written to Parquet by the local runner with ``--workers`` processes: wall time, runs per
   second, and peak memory (the largest resident set of this process and of any worker, from
   ``resource.getrusage``, and the largest total over the process tree, sampled).
2. **Vectorised against objects**: the engine against ``baseline_objects.py`` (the same model
   written per run and per actor with Python objects), on the scenario's own data: runs per
   second of each, their ratio, and how many runs agree in every outcome column.
3. **Dask**: the same batch on a Dask ``LocalCluster`` of 2 workers against 1 worker.

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
sys.path.insert(0, str(HERE))

from baseline_objects import Baseline, simulate_objects  # noqa: E402
from politburo.engine import compile_scenario, simulate  # noqa: E402
from politburo.experiments.batch import run_batch  # noqa: E402
from politburo.experiments.plan import make_plan  # noqa: E402
from politburo.experiments.runners import make_runner  # noqa: E402
from politburo.scenario import load_scenario  # noqa: E402

MiB = 1024 * 1024


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
    }


def vectorised_vs_objects(engine_runs: int, object_runs: int, seed: int) -> dict[str, Any]:
    """Section 2: the engine against the per-run, per-actor object baseline."""
    compiled = compile_scenario(load_scenario("june-1957").model)
    simulate(compiled, seed=seed, runs=50)  # warm up
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
    }


def dask_scaling(runs: int, chunk: int, seed: int) -> dict[str, Any]:
    """Section 3: Dask LocalCluster with 2 workers against 1 (cluster start not timed)."""
    plan = make_plan(load_scenario("june-1957"), seed=seed)
    times = {}
    for workers in (1, 2):
        with make_runner("dask", workers=workers) as runner, tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            run_batch(plan, Path(tmp) / "runs", runs, chunk_size=chunk, runner=runner)
            times[workers] = time.perf_counter() - start
    return {
        "runs": runs,
        "chunk_size": chunk,
        "one_worker_s": times[1],
        "two_workers_s": times[2],
        "speedup": times[1] / times[2],
    }


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
    parser.add_argument("--dask-runs", type=int, default=20_000)
    parser.add_argument("--dask-chunk", type=int, default=2_500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=["scale", "objects", "dask"], action="append")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args(argv)
    only = set(args.only or ["scale", "objects", "dask"])
    results: dict[str, dict[str, Any]] = {}
    if "scale" in only:
        results["scale"] = scale(args.runs, args.workers, args.chunk_size, args.seed)
    if "objects" in only:
        results["objects"] = vectorised_vs_objects(args.engine_runs, args.object_runs, args.seed)
    if "dask" in only:
        results["dask"] = dask_scaling(args.dask_runs, args.dask_chunk, args.seed)
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
