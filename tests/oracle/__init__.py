"""Test oracles: independent implementations that the engine's results are checked against.

- :mod:`tests.oracle.baseline_objects`: the engine's model written one run and one actor at
  a time, with plain loops and objects; it reads the same compiled scenario and draws the
  same per-run random tape, so its runs equal the engine's column for column
  (``tests/experiments/test_baseline_agrees.py``). ``benchmarks/bench_experiments.py`` also
  times the engine against it.

Import them as ``from tests.oracle.baseline_objects import ...`` from the repository's root
(where ``pytest`` and the benchmarks run); nothing in ``src`` imports them.
"""
