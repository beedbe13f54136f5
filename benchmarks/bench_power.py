"""Power indices: politburo.analysis.power against the PyPI package ``powerindex``, side by side.

Run ``python benchmarks/bench_power.py`` (``--quick`` for fewer repeats). Every case is one
random game, weights drawn uniformly from 1 to 5 with a fixed seed and a simple-majority quota;
both implementations compute the same index of the same game in the same process, each timed
as the best of several runs, and the largest difference between their answers is shown.
Targets from the issue: Shapley-Shubik at 170 players >= 50x faster than powerindex (170 is
its largest game: it overflows at 171), Banzhaf at 309 players >= 10x faster, Shapley-Shubik
for 1,000 players in <= 2 s.
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from politburo.analysis.power import WeightedGame, banzhaf, shapley_shubik

SEED = 1957


@dataclass(frozen=True)
class Case:
    name: str
    index: str  # "ss" or "bz"
    n: int
    target: str = ""
    theirs: bool = True


CASES = [
    Case("Shapley-Shubik", "ss", 50),
    Case("Shapley-Shubik", "ss", 100),
    Case("Shapley-Shubik", "ss", 170, ">= 50x"),
    Case("Banzhaf", "bz", 170),
    Case("Banzhaf", "bz", 309, ">= 10x"),
    Case("Banzhaf", "bz", 1000),
    Case("Shapley-Shubik", "ss", 309, theirs=False),
    Case("Shapley-Shubik", "ss", 1000, "<= 2 s", theirs=False),
]


def random_game(n: int, seed: int = SEED) -> WeightedGame:
    rng = np.random.default_rng([seed, n])
    weights = tuple(int(w) for w in rng.integers(1, 6, size=n))
    return WeightedGame(weights, sum(weights) // 2 + 1)


def best_of(repeats: int, func: Callable[[], Any]) -> tuple[float, Any]:
    best, result = math.inf, None
    for _ in range(repeats):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def theirs(game: WeightedGame, index: str) -> list[float]:
    import powerindex

    return list(
        powerindex.calculate_power_index(list(game.weights), game.quota, index)  # type: ignore[no-untyped-call]
    )


def ours(game: WeightedGame, index: str, exact: bool | None) -> tuple[float, ...]:
    result = shapley_shubik(game, exact=exact) if index == "ss" else banzhaf(game, exact=exact)
    return result.values


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run each instead of best of 3")
    args = parser.parse_args()
    repeats = 1 if args.quick else 3
    try:
        import powerindex  # noqa: F401

        have_theirs = True
    except ImportError:
        have_theirs = False
        print("powerindex is not installed (pip install -e '.[bench]'); timing ours only")

    header = (
        f"{'index':<15}{'n':>5}  {'powerindex':>11}  {'ours (auto)':>16}  {'ratio':>7}  "
        f"{'ours (float)':>12}  {'ratio':>7}  {'max |diff|':>10}  target"
    )
    print(header)
    print("-" * len(header))
    for case in CASES:
        game = random_game(case.n)
        t_theirs, r_theirs = (None, None)
        if case.theirs and have_theirs:
            t_theirs, r_theirs = best_of(repeats, lambda g=game, c=case: theirs(g, c.index))
        t_auto, r_auto = best_of(repeats, lambda g=game, c=case: ours(g, c.index, None))
        t_float, _ = best_of(repeats, lambda g=game, c=case: ours(g, c.index, False))
        exact = (shapley_shubik if case.index == "ss" else banzhaf)(game).exact
        mode = "exact" if exact else "float"
        ratio = f"{t_theirs / t_auto:.0f}x" if t_theirs else "-"
        ratio_f = f"{t_theirs / t_float:.0f}x" if t_theirs else "-"
        diff = "-"
        if r_theirs is not None:
            diff = f"{max(abs(a - b) for a, b in zip(r_theirs, r_auto, strict=True)):.1e}"
        print(
            f"{case.name:<15}{case.n:>5}  {fmt_time(t_theirs):>11}  "
            f"{fmt_time(t_auto) + ' ' + mode:>16}  {ratio:>7}  {fmt_time(t_float):>12}  "
            f"{ratio_f:>7}  {diff:>10}  {case.target}"
        )
    if have_theirs:
        game = random_game(171)
        try:
            theirs(game, "ss")
            note = "powerindex computed Shapley-Shubik at 171 players"
        except OverflowError as error:
            note = f"powerindex at 171 players, Shapley-Shubik: OverflowError ({error})"
        print(note)


if __name__ == "__main__":
    main()
