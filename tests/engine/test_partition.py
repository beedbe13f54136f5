"""A run's rows depend on (scenario, seed, run id) alone: any partition of the run ids of a
batch, each part simulated on its own and in any order, gives the same rows as the batch.

Rows are the outcome columns and every event the run logged, in order, with its ballots and
who was present. (The log's ``seq`` numbers count the batch's calls to the log, so only the
order they give a run's events is compared.)
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from politburo.engine import CompiledScenario, compile_scenario, simulate
from politburo.engine.results import Batch
from politburo.scenario import load_scenario
from tests.conftest import EXAMPLE

SEED = 11


@functools.cache
def _compiled(scenario: str) -> CompiledScenario:
    return compile_scenario(load_scenario(scenario).model)


def rows_by_run(batch: Batch) -> dict[int, tuple[Any, ...]]:
    """Each run's columns and events, keyed by run id, as comparable values."""
    table = batch.events
    cols = table.columns
    ballots = dict(zip(table.ballot_rows.tolist(), table.ballots.tolist(), strict=True))
    present = dict(
        zip(
            table.present_rows.tolist(),
            zip(table.present.tolist(), table.group_present.tolist(), strict=True),
            strict=True,
        )
    )
    names = sorted(k for k in cols if k not in ("run", "seq"))
    out: dict[int, tuple[Any, ...]] = {}
    for row, run in enumerate(batch.run_ids.tolist()):
        columns = tuple((k, batch.columns[k][row].tolist()) for k in sorted(batch.columns))
        events = tuple(
            (
                tuple(int(cols[k][r]) for k in names),
                ballots.get(r),
                present.get(r),
            )
            for r in np.flatnonzero(cols["run"] == row).tolist()
        )
        out[run] = (columns, events)
    return out


@st.composite
def partitions(draw: st.DrawFn) -> list[list[int]]:
    """Distinct run ids (small and very large) split into parts, in an arbitrary order."""
    ids = draw(
        st.lists(
            st.one_of(st.integers(0, 40), st.integers(2**32, 2**62)),
            min_size=1,
            max_size=12,
            unique=True,
        )
    )
    labels = draw(st.lists(st.integers(0, 3), min_size=len(ids), max_size=len(ids)))
    parts: dict[int, list[int]] = {}
    for run, label in zip(draw(st.permutations(ids)), labels, strict=True):
        parts.setdefault(label, []).append(run)
    return list(parts.values())


def _check(scenario: str, parts: list[list[int]]) -> None:
    compiled = _compiled(scenario)
    every = sorted(run for part in parts for run in part)
    whole = rows_by_run(simulate(compiled, seed=SEED, run_ids=np.array(every, dtype=np.int64)))
    pieces: dict[int, tuple[Any, ...]] = {}
    for part in parts:
        batch = simulate(compiled, seed=SEED, run_ids=np.array(part, dtype=np.int64))
        assert batch.run_ids.tolist() == part
        pieces.update(rows_by_run(batch))
    assert pieces.keys() == whole.keys()
    for run in every:
        assert pieces[run] == whole[run], f"run {run}"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=partitions())
def test_any_partition_gives_the_same_rows_tiny(parts: list[list[int]]) -> None:
    _check(str(EXAMPLE), parts)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=partitions())
def test_any_partition_gives_the_same_rows_june_1957(parts: list[list[int]]) -> None:
    _check("june-1957", parts)
