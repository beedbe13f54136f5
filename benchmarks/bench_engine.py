"""Engine benchmarks (not timed tests): replay end to end, runs on one core, runs on two cores.

Run::

    python benchmarks/bench_engine.py [--runs 10000] [--workers 2] [--scenario june-1957]
                                      [--core-runs 20000] [--against SRC_DIR]

Prints

* the wall time of ``politburo replay`` (a fresh interpreter, start-up included; best of
  three);
* runs per second on one core: ``--core-runs`` runs simulated in this process after a warm-up,
  timed by the CPU time of the process (best of three), so that another program on the machine
  slows the figure less than it would a wall clock;
* the wall time of simulating ``--runs`` runs in ``--workers`` processes, each with its share
  of the run ids (exact, since a run depends only on the seed and its id), start-up of the
  workers (fresh interpreters) and loading the scenario included; and, apart, the longest time
  a worker spent simulating.

With ``--against`` (the ``src`` folder of another checkout, e.g. a ``git worktree`` of the
commit before a change), only the runs per second on one core are measured, for that code and
this alternately in fresh interpreters (five rounds), and the ratio of the medians is printed:
a side-by-side figure that a busy machine disturbs less than two separate runs.

Each process uses one BLAS thread, so that two workers share two cores without
oversubscription (the engine keeps its own matrix products on one thread in any case).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import itertools
import multiprocessing
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np


def _chunk(args: tuple[str, int, int, int]) -> tuple[int, float]:
    """Load and compile the scenario, then simulate runs ``lo`` to ``hi - 1``: the number of
    runs and the seconds the simulation took."""
    scenario, seed, lo, hi = args
    from politburo.engine import compile_scenario, simulate
    from politburo.scenario import load_scenario

    compiled = compile_scenario(load_scenario(scenario).model)
    start = time.perf_counter()
    batch = simulate(compiled, seed=seed, run_ids=np.arange(lo, hi))
    return len(batch), time.perf_counter() - start


def bench_replay(scenario: str, repeats: int = 3) -> float:
    """Best wall time of ``politburo replay SCENARIO`` in a fresh interpreter."""
    command = shutil.which("politburo")
    argv = [command] if command else [sys.executable, "-m", "politburo.cli.app"]
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([*argv, "replay", scenario], check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def bench_core(scenario: str, runs: int, repeats: int = 3, seed: int = 0) -> float:
    """Runs per second on one core: the best of ``repeats`` batches of ``runs`` runs, by the
    CPU time of this process."""
    from politburo.engine import compile_scenario, simulate
    from politburo.scenario import load_scenario

    compiled = compile_scenario(load_scenario(scenario).model)
    simulate(compiled, seed=seed, runs=min(runs, 500))  # warm up
    best = float("inf")
    for k in range(repeats):
        start = time.process_time()
        simulate(compiled, seed=seed + k, runs=runs)
        best = min(best, time.process_time() - start)
    return runs / best


def bench_runs(scenario: str, runs: int, workers: int, seed: int = 0) -> tuple[float, float]:
    """Wall time of ``runs`` runs split over ``workers`` processes, and the longest time a
    worker spent simulating (the rest is starting the workers and loading the scenario)."""
    bounds = np.linspace(0, runs, workers + 1).astype(int)
    jobs = [(scenario, seed, int(lo), int(hi)) for lo, hi in itertools.pairwise(bounds)]
    start = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        done = list(pool.map(_chunk, jobs))
    elapsed = time.perf_counter() - start
    assert sum(n for n, _ in done) == runs
    return elapsed, max(t for _, t in done)


def bench_against(scenario: str, runs: int, other_src: str, rounds: int = 5) -> None:
    """Runs per second on one core of the code in ``other_src`` and of this checkout,
    alternately in fresh interpreters; prints both medians and their ratio."""
    here = str(Path(__file__).resolve().parents[1] / "src")
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from bench_engine import bench_core; "
        "print(bench_core(sys.argv[2], int(sys.argv[3])))"
    )
    rates: dict[str, list[float]] = {other_src: [], here: []}
    for _ in range(rounds):
        for src in (other_src, here):
            env = {**os.environ, "PYTHONPATH": src}
            out = subprocess.run(
                [sys.executable, "-c", code, str(Path(__file__).parent), scenario, str(runs)],
                check=True,
                capture_output=True,
                text=True,
                env=env,
            )
            rates[src].append(float(out.stdout.strip().splitlines()[-1]))
    before, after = (statistics.median(rates[k]) for k in (other_src, here))
    print(f"{other_src}: {before:,.0f} runs/s; this checkout: {after:,.0f} runs/s (medians of")
    print(f"{rounds} alternating rounds); ratio {after / before:.3f}")


def main() -> None:
    """Run the benchmarks and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", default="june-1957")
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--core-runs", type=int, default=20_000)
    parser.add_argument("--against", help="src folder of other code to compare side by side")
    args = parser.parse_args()
    if args.against:
        bench_against(args.scenario, args.core_runs, args.against)
        return
    replay = bench_replay(args.scenario)
    print(f"politburo replay {args.scenario}: {replay:.2f} s end to end (best of 3)")
    rate = bench_core(args.scenario, args.core_runs)
    print(
        f"{args.scenario} on one core: {rate:,.0f} runs/s ({1e6 / rate:.0f} us a run; "
        f"best of 3 batches of {args.core_runs} runs, CPU time)"
    )
    elapsed, simulating = bench_runs(args.scenario, args.runs, args.workers)
    print(
        f"{args.runs} runs of {args.scenario} on {args.workers} processes: {elapsed:.2f} s "
        f"end to end ({simulating:.2f} s simulating)"
    )


if __name__ == "__main__":
    main()
