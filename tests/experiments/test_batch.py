"""Batches: Parquet chunks and manifest, resuming, refusals, and identical rows whatever the
chunking, the worker count or the backend."""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from politburo.errors import PolitburoError
from politburo.experiments import work
from politburo.experiments.batch import collect, collect_all, run_batch
from politburo.experiments.plan import Plan, Runs, compute_runs, make_plan
from politburo.experiments.runners import Chunk, make_runner
from politburo.experiments.runners.local import LocalRunner
from politburo.experiments.store import query, read_runs
from politburo.experiments.work import Assembly, compute_task, plan_wave, waves
from politburo.local_cluster import TRIM
from politburo.scenario import Scenario, load_scenario


@pytest.fixture
def plan(contested: Scenario) -> Plan:
    return make_plan(contested, seed=7)


def table_rows(folder: Path) -> dict[str, list[object]]:
    runs = read_runs(folder)
    return {k: v.tolist() for k, v in runs.columns.items()}


def test_batch_writes_chunks_and_manifest(plan: Plan, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_batch(plan, out, 250, chunk_size=100)
    assert (result.chunks, result.written, result.skipped) == (3, 3, 0)
    assert sorted(p.name for p in out.iterdir()) == [
        "batch.json",
        "chunk-000000.parquet",
        "chunk-000001.parquet",
        "chunk-000002.parquet",
    ]
    manifest = json.loads((out / "batch.json").read_text())
    assert (manifest["runs"], manifest["chunk_size"], manifest["seed"]) == (250, 100, 7)
    assert manifest["scenario"] == "tiny-committee" and manifest["evidence"]["vance-return"] == [
        "ninth",
        "sixth",
    ]
    assert pq.read_metadata(out / "chunk-000002.parquet").num_rows == 50
    _, rows = query(
        out, "SELECT count(*), min(run_id), max(run_id), count(DISTINCT seed) FROM runs"
    )
    assert rows == [(250, 0, 249, 1)]
    _, versions = query(
        out, 'SELECT "evidence.marr-loyalty" AS v, count(*) FROM runs GROUP BY v ORDER BY v'
    )
    assert [v for v, _ in versions] == ["client", "independent"]


def test_same_rows_whatever_chunking_workers_or_backend(plan: Plan, tmp_path: Path) -> None:
    run_batch(plan, tmp_path / "one", 240, chunk_size=240)
    reference = table_rows(tmp_path / "one")
    run_batch(plan, tmp_path / "small", 240, chunk_size=35)
    assert table_rows(tmp_path / "small") == reference
    with LocalRunner(2) as runner:
        run_batch(plan, tmp_path / "two", 240, chunk_size=50, runner=runner)
    assert table_rows(tmp_path / "two") == reference
    other = make_plan(plan.scenario, seed=8)
    with make_runner("dask", workers=2) as runner:
        run_batch(plan, tmp_path / "dask", 240, chunk_size=60, runner=runner)
        in_memory = collect(plan, 240, chunk_size=70, runner=runner)
        together = collect_all([plan, other], 240, chunk_size=70, runner=runner)
    assert table_rows(tmp_path / "dask") == reference
    assert {k: v.tolist() for k, v in in_memory.columns.items()} == reference
    assert {k: v.tolist() for k, v in together[0].columns.items()} == reference
    alone = compute_runs(other, np.arange(240))
    assert {k: v.tolist() for k, v in together[1].columns.items()} == {
        k: v.tolist() for k, v in alone.columns.items()
    }


TREASURY = """\
  - id: treasury
    about: Whether the council had a treasurer
    versions:
      - id: none
        account: No treasurer
        cite: {assumption: "The chronicle names none."}
      - id: treasurer
        account: A treasurer's office
        edits:
          - op: append
            path: offices
            value: {id: treasurer, name: Treasurer, body: council,
                    cite: {assumption: "Councils of the kind usually had one."}}
        cite: {assumption: "Councils of the kind usually had one."}
"""


def test_a_column_some_versions_lack_is_missing_for_their_runs(
    contested_copy: Path, tmp_path: Path
) -> None:
    path = contested_copy / "contested.yaml"
    path.write_text(path.read_text() + TREASURY)
    plan = make_plan(load_scenario(contested_copy), seed=3)
    runs = compute_runs(plan, np.arange(120))
    column = "office.treasurer.holder_at_end"
    drew = runs.columns["evidence.treasury"] == 1
    assert 0 < drew.sum() < 120
    assert runs.missing[column].tolist() == (~drew).tolist()
    run_batch(plan, tmp_path / "out", 120, chunk_size=25)
    _, rows = query(tmp_path / "out", f'SELECT count("{column}") FROM runs')
    assert rows == [(int(drew.sum()),)]
    back = read_runs(tmp_path / "out")
    assert back.missing[column].tolist() == runs.missing[column].tolist()


class StopsAfter:
    """A real runner that is interrupted after delivering ``count`` chunks."""

    def __init__(self, count: int) -> None:
        self.inner, self.count, self.workers = LocalRunner(1), count, 1

    def map(self, plan: Plan, chunks: Sequence[Chunk]) -> Iterator[tuple[int, Runs]]:
        for done, item in enumerate(self.inner.map(plan, chunks)):
            if done == self.count:
                raise KeyboardInterrupt
            yield item

    def close(self) -> None:
        self.inner.close()

    def __enter__(self) -> StopsAfter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def test_interrupted_batch_resumes_where_it_stopped(plan: Plan, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        run_batch(plan, out, 200, chunk_size=50, runner=StopsAfter(2))
    assert len(list(out.glob("chunk-*.parquet"))) == 2
    assert not list(out.glob(".tmp-*"))
    first = (out / "chunk-000000.parquet").stat().st_mtime_ns
    (out / ".tmp-chunk-000003.parquet.999").write_bytes(b"half a chunk")
    result = run_batch(plan, out, 200, chunk_size=50)
    assert (result.written, result.skipped) == (2, 2)
    assert (out / "chunk-000000.parquet").stat().st_mtime_ns == first
    assert not list(out.glob(".tmp-*"))
    run_batch(plan, tmp_path / "straight", 200, chunk_size=50)
    assert table_rows(out) == table_rows(tmp_path / "straight")


def test_truncated_chunk_is_recomputed(plan: Plan, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch(plan, out, 100, chunk_size=50)
    whole = table_rows(out)
    (out / "chunk-000001.parquet").write_bytes(b"PAR1 not really")
    result = run_batch(plan, out, 100, chunk_size=50)
    assert (result.written, result.skipped) == (1, 1)
    assert table_rows(out) == whole


def test_rerun_with_other_arguments_refused(
    plan: Plan, contested: Scenario, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run_batch(plan, out, 100, chunk_size=50)
    before = sorted((p.name, p.stat().st_mtime_ns) for p in out.iterdir())
    with pytest.raises(PolitburoError) as caught:
        run_batch(make_plan(contested, seed=8), out, 120, chunk_size=50)
    message = str(caught.value)
    assert "other arguments" in message and "runs: 100 there, 120 now" in message
    assert "seed: 7 there, 8 now" in message
    assert sorted((p.name, p.stat().st_mtime_ns) for p in out.iterdir()) == before
    fixed = make_plan(contested, seed=7, sample_evidence=False)
    with pytest.raises(PolitburoError) as caught:
        run_batch(fixed, out, 100, chunk_size=50)
    assert "evidence.vance-return: " in str(caught.value)  # the key inside, not a dump
    assert "absent now" in str(caught.value)


@pytest.mark.parametrize(
    ("runs", "chunk", "message"),
    [
        (0, 10, "number of runs must be at least 1, not 0"),
        (-5, 10, "number of runs must be at least 1, not -5"),
        (10, 0, "chunk size must be at least 1"),
    ],
)
def test_bad_counts_refused_and_nothing_written(
    plan: Plan, tmp_path: Path, runs: int, chunk: int, message: str
) -> None:
    with pytest.raises(PolitburoError, match=message):
        run_batch(plan, tmp_path / "out", runs, chunk_size=chunk)
    assert not (tmp_path / "out").exists()


def test_unusable_output_folders(plan: Plan, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(PolitburoError, match="cannot write the output folder"):
        run_batch(plan, blocker / "out", 10)
    with pytest.raises(PolitburoError, match="a file, not a folder"):
        run_batch(plan, blocker, 10)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    with pytest.raises(PolitburoError, match="holds other files"):
        run_batch(plan, busy, 10)
    assert [p.name for p in busy.iterdir()] == ["notes.txt"]
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(PolitburoError, match="cannot write"):
            run_batch(plan, locked / "out", 10)


def test_failure_before_any_chunk_leaves_no_folder(plan: Plan, tmp_path: Path) -> None:
    with pytest.raises(KeyboardInterrupt):
        run_batch(plan, tmp_path / "out", 100, chunk_size=50, runner=StopsAfter(0))
    assert not (tmp_path / "out").exists()


def test_unreachable_scheduler_fails_fast() -> None:
    with pytest.raises(PolitburoError) as caught:
        make_runner("dask", scheduler="tcp://127.0.0.1:9", timeout=1)
    [problem] = caught.value.problems
    assert problem.field == "--scheduler"
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9 within 1 s" in problem.message


def test_runner_arguments_checked() -> None:
    with pytest.raises(PolitburoError, match="unknown backend 'spark'"):
        make_runner("spark")
    with pytest.raises(PolitburoError, match="workers must be at least 1"):
        make_runner("local", workers=0)
    with pytest.raises(PolitburoError, match="--scheduler needs --backend dask"):
        make_runner("local", scheduler="tcp://x:1")


def test_query_problems(plan: Plan, tmp_path: Path) -> None:
    with pytest.raises(PolitburoError, match="no such batch folder"):
        query(tmp_path / "missing", "SELECT 1")
    (tmp_path / "empty").mkdir()
    with pytest.raises(PolitburoError, match="holds no chunks"):
        query(tmp_path / "empty", "SELECT 1")
    run_batch(plan, tmp_path / "out", 20)
    with pytest.raises(PolitburoError, match='"nope" not found'):
        query(tmp_path / "out", "SELECT nope FROM runs")
    assert np.isclose(query(tmp_path / "out", "SELECT avg(run_id) FROM runs")[1][0][0], 9.5)


def test_waves_group_chunks_in_order() -> None:
    chunks = [(i, 10 * i, 10 * i + 10) for i in range(10)]
    grouped = waves(chunks, most=30)
    assert [c for wave in grouped for c in wave] == chunks
    assert [len(w) for w in grouped] == [3, 3, 3, 1]
    assert waves([(0, 0, 500), (1, 500, 510)], most=100) == [((0, 0, 500),), ((1, 500, 510),)]


def test_each_combination_is_one_call_per_wave_whatever_the_workers(plan: Plan) -> None:
    chunks_ = [(i, 100 * i, 100 * i + 100) for i in range(6)]
    for tasks in (1, 2, 4):
        wave = plan_wave(plan, chunks_, tasks)
        calls = [combo for task in wave.tasks for combo, _ in task]
        assert len(wave.tasks) == min(tasks, len(calls))
        assert sorted(calls) == sorted(wave.groups) and len(set(calls)) == len(calls)
        ids = np.sort(np.concatenate([ids for task in wave.tasks for _, ids in task]))
        assert ids.tolist() == list(range(600))


def test_progress_is_told_task_by_task_not_only_when_a_wave_completes(plan: Plan) -> None:
    seen: list[tuple[int, int]] = []
    runner = LocalRunner(1)  # two tasks per wave
    results = collect_all(
        [plan, plan],
        300,
        chunk_size=300,
        runner=runner,
        on_progress=lambda done, total: seen.append((done, total)),
    )
    tasks = len(plan_wave(plan, [(0, 0, 300)], 2).tasks)
    assert tasks == 2 and len(seen) == 2 * tasks  # one chunk, one wave per plan
    assert [t for _, t in seen] == [600] * 4 and seen[-1][0] == 600
    assert all(a < b for (a, _), (b, _) in itertools.pairwise(seen))
    assert all(len(r) == 300 for r in results)


def test_large_combinations_are_split_into_bounded_calls(
    plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(work, "RUNS_PER_CALL", 40)
    wave = plan_wave(plan, [(0, 0, 300)], 3)
    sizes = [len(ids) for task in wave.tasks for _, ids in task]
    assert max(sizes) <= 40 and sum(sizes) == 300
    costs = [sum(work.CALL_COST + len(ids) for _, ids in task) for task in wave.tasks]
    assert max(costs) - min(costs) <= work.CALL_COST + 40
    reference = compute_runs(plan, np.arange(300))
    assembly = Assembly(plan, wave)
    for task in reversed(wave.tasks):  # arrival order does not matter
        assembly.add(compute_task(plan, task))
    [(index, runs)] = assembly.chunks()
    assert index == 0 and list(runs.columns) == list(reference.columns)
    assert {k: v.tolist() for k, v in runs.columns.items()} == {
        k: v.tolist() for k, v in reference.columns.items()
    }


def test_dask_workers_keep_the_allocator_defaults_and_leave_this_process_alone() -> None:
    os.environ.pop(TRIM, None)
    with make_runner("dask", workers=1) as runner:
        seen = runner.client.run(lambda: os.environ.get(TRIM))  # type: ignore[attr-defined]
    assert list(seen.values()) == [None]
    assert TRIM not in os.environ


def test_integers_travel_narrow_and_are_written_in_32_bits(plan: Plan) -> None:
    wave = plan_wave(plan, [(0, 0, 200)], 2)
    assembly = Assembly(plan, wave)
    parts = [compute_task(plan, task) for task in wave.tasks]
    day = next(name for name in parts[0].columns if name.endswith("_day"))
    assert parts[0].columns[day].dtype == np.int16
    wide = parts[1].columns[day].astype(np.int32)
    wide[0] = 40_000  # past 16 bits: this part travels in 32
    parts[1].columns[day] = work._narrow(wide)
    assert parts[1].columns[day].dtype == np.int32
    for part in parts:
        assembly.add(part)
    [(_, runs)] = assembly.chunks()
    column = runs.columns[day]
    assert column.dtype == np.int32 and (column == 40_000).sum() == 1


def test_workers_started_ahead_are_ready_and_give_the_same_rows(plan: Plan) -> None:
    with LocalRunner(2) as runner:
        runner.start()
        processes = runner._pool._processes  # type: ignore[union-attr]
        assert len(processes) == 2  # spawned before any map
        [(index, runs)] = list(runner.map(plan, [(0, 0, 60)]))
    reference = compute_runs(plan, np.arange(60))
    assert index == 0
    assert {k: v.tolist() for k, v in runs.columns.items()} == {
        k: v.tolist() for k, v in reference.columns.items()
    }
    single = LocalRunner(1)
    single.start()  # nothing to start: tasks run in this process
    assert single._pool is None
