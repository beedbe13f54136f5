"""Hostile inputs (issue 12): a scenario or a query cannot reach the rest of the machine, and
bad input never gives a traceback, a hang or lost work. Each test states the behaviour."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from politburo.cli.app import app
from politburo.errors import PolitburoError
from politburo.experiments.store import MANIFEST, open_folder, read_runs
from politburo.scenario import load_scenario
from politburo.scenario.yaml_marks import read_text_file
from politburo.seeds import MAX_SEED, check_seed

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "tiny-committee"
SOURCE_LINE = 16  # the line of `text: sources/chronicle.txt` in the example
FAST = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), terminal_width=200)


def assert_user_error(result: Any, *fragments: str) -> None:
    """Exit 1, no traceback, nothing on stdout, and the fragments in the message."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    message = " ".join(result.stderr.replace("│", " ").split())
    for fragment in fragments:
        assert fragment in message, message


def with_text(folder: Path, text: str) -> Path:
    path = folder / "scenario.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[SOURCE_LINE - 1].strip() == "text: sources/chronicle.txt"
    lines[SOURCE_LINE - 1] = f"    text: {text}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def finishes(call: Callable[[], object], seconds: float = 10) -> object:
    """Run ``call`` in a thread; fail if it has not returned (or raised) within ``seconds``."""
    box: list[object] = []

    def run() -> None:
        try:
            box.append(call())
        except BaseException as error:
            box.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    return box[0]


# -- a scenario's source texts stay in its folder ----------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("../../../../../../etc/passwd", "leads outside the scenario folder"),
        ("/etc/passwd", "is an absolute path"),
        ("/dev/zero", "is an absolute path"),
        ("sources", "is not a regular file"),
        ("nowhere.txt", "no file 'nowhere.txt' in the scenario folder"),
    ],
)
def test_source_text_paths_are_confined_to_the_folder(
    tiny_copy: Path, text: str, message: str
) -> None:
    result = invoke("check", str(with_text(tiny_copy, text)))
    assert_user_error(result, f"scenario.yaml:{SOURCE_LINE}: sources[chronicle].text: ", message)


@pytest.mark.parametrize("kind", ["symlink-out", "fifo", "device-link"])
def test_links_fifos_and_devices_are_refused_without_waiting(tiny_copy: Path, kind: str) -> None:
    text = tiny_copy / "sources" / "chronicle.txt"
    text.unlink()
    if kind == "symlink-out":
        text.symlink_to("/etc/passwd")
        message = "leads outside the scenario folder"
    elif kind == "fifo":
        os.mkfifo(text)
        message = "is not a regular file"
    else:
        (tiny_copy / "sources" / "zero").symlink_to("/dev/zero")
        text.symlink_to(tiny_copy / "sources" / "zero")
        message = "leads outside the scenario folder"
    result = finishes(lambda: invoke("check", str(tiny_copy)))
    assert_user_error(result, f"scenario.yaml:{SOURCE_LINE}: sources[chronicle].text", message)


def test_a_report_never_publishes_a_file_outside_the_folder(tiny_copy: Path) -> None:
    with_text(tiny_copy, "../../../../../../etc/passwd")
    out = tiny_copy.parent / "leak.html"
    result = invoke(
        "sources", "report", "chronicle", "--scenario", str(tiny_copy), "--out", str(out)
    )
    assert_user_error(result, "leads outside the scenario folder")
    assert not out.exists()


def test_a_yaml_link_out_of_the_folder_is_refused(tiny_copy: Path) -> None:
    (tiny_copy / "more.yaml").symlink_to("/etc/hostname")
    assert_user_error(invoke("check", str(tiny_copy)), "a link out of the scenario folder")


def test_reading_a_device_or_fifo_returns_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        error = finishes(lambda path=path: read_text_file(path), seconds=5)
        assert isinstance(error, PolitburoError) and "not a regular file" in str(error)


@FAST
@given(
    st.lists(st.sampled_from(["..", ".", "sources", "chronicle.txt", "x", "", "//"]), max_size=7)
)
def test_any_relative_path_is_read_only_inside_the_folder(tmp_path: Path, parts: list[str]) -> None:
    folder = tmp_path / f"s{len(list(tmp_path.iterdir()))}"
    shutil.copytree(EXAMPLE, folder)
    text = "/".join(parts).lstrip("/") or "."
    with_text(folder, json.dumps(text))
    try:
        scenario = load_scenario(folder)
    except PolitburoError as error:
        assert all(p.line is not None and p.field for p in error.problems), error
        return
    target = scenario.source_path("chronicle")
    assert target.is_relative_to(folder.resolve()) and target.is_file()


# -- a query reads its batch and nothing else --------------------------------------------


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("batch") / "runs"
    result = invoke(
        "batch", str(EXAMPLE), "--runs", "60", "--chunk-size", "20", "--workers", "1",
        "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def listing(folder: Path) -> list[tuple[str, int]]:
    return sorted((p.name, p.stat().st_mtime_ns) for p in folder.iterdir())


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELECT * FROM read_csv_auto('/etc/passwd')", "Permission Error"),
        ("SELECT * FROM read_text('/etc/hostname')", "Permission Error"),
        ("SELECT * FROM glob('/*')", "Permission Error"),
        ("COPY (SELECT 1) TO 'x.csv'", "not COPY"),
        ("COPY (SELECT 1) TO '{batch}/x.csv'", "not COPY"),
        ("EXPORT DATABASE '{batch}/export'", "not EXPORT"),
        ("ATTACH '/tmp/other.db'", "not ATTACH"),
        ("INSTALL httpfs", "not"),
        ("LOAD httpfs", "not LOAD"),
        ("SET enable_external_access = true", "not SET"),
        ("CREATE TABLE t AS SELECT 1", "not CREATE"),
        ("SELECT 1; SELECT 2", "not SELECT, SELECT"),
        ("SELECT * FROM read_json('https://example.com/x.json')", "Permission Error"),
    ],
)
def test_a_query_is_confined_and_read_only(batch_dir: Path, sql: str, message: str) -> None:
    before = listing(batch_dir)
    result = invoke("query", str(batch_dir), sql.format(batch=batch_dir))
    assert_user_error(result, "SQL", message)
    assert listing(batch_dir) == before
    assert not Path("x.csv").exists()


def test_query_help_says_it_is_confined() -> None:
    text = " ".join(invoke("query", "--help").output.split())
    assert "one read-only SELECT" in text and "external access off" in text


def test_query_results_and_names_are_printed_as_data(batch_dir: Path) -> None:
    result = invoke("query", str(batch_dir), "SELECT '[/]' AS \"[bold]x\", ':x: [red]y'")
    assert result.exit_code == 0, result.output
    assert "[/]" in result.stdout and "[bold]x" in result.stdout
    assert ":x: [red]y" in result.stdout and "❌" not in result.stdout


# -- seeds ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", ["-5", str(2**63), str(10**30)])
@pytest.mark.parametrize(
    "argv",
    [
        ["replay", str(EXAMPLE)],
        ["fidelity", str(EXAMPLE), "--runs", "5"],
        ["whatif", str(EXAMPLE), "--set", "groups/delegates/count=5", "--runs", "5"],
        ["batch", str(EXAMPLE), "--runs", "5"],
        ["show", str(EXAMPLE), "--from-replay"],
        ["power", str(EXAMPLE), "--body", "council", "--from-replay"],
    ],
    ids=lambda a: a[0] if isinstance(a, list) else a,
)
def test_seeds_are_checked_before_any_work(tmp_path: Path, argv: list[str], seed: str) -> None:
    out = tmp_path / "out"
    extra = ["--out", str(out)] if argv[0] == "batch" else []
    result = invoke(*argv, *extra, "--seed", seed)
    assert_user_error(result, "--seed", "the seed must be an integer from 0 to")
    assert not out.exists()


@given(st.integers(min_value=-(2**70), max_value=2**70))
def test_check_seed_accepts_exactly_0_to_2_63_minus_1(seed: int) -> None:
    if 0 <= seed <= MAX_SEED:
        assert check_seed(seed) == seed
    else:
        with pytest.raises(PolitburoError, match="--seed"):
            check_seed(seed)


# -- batch chunks: checksums, locks, nothing deleted that another wrote ----------------------


def fresh_batch(tmp_path: Path, name: str = "runs") -> Path:
    out = tmp_path / name
    result = invoke(
        "batch", str(EXAMPLE), "--runs", "40", "--chunk-size", "20", "--workers", "1",
        "--fixed-evidence", "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def flip_a_bit(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["bit", "truncate"])
def test_a_damaged_chunk_is_named_by_query_and_recomputed_by_resume(
    tmp_path: Path, damage: str
) -> None:
    out = fresh_batch(tmp_path)
    whole = read_runs(out).columns["run_id"].tolist()
    chunk = out / "chunk-000001.parquet"
    if damage == "bit":
        flip_a_bit(chunk)
    else:
        chunk.write_bytes(chunk.read_bytes()[:100])
    assert_user_error(
        invoke("query", str(out), "SELECT count(*) FROM runs"), "chunk-000001.parquet", "damaged"
    )
    with pytest.raises(PolitburoError, match=r"chunk-000001\.parquet"):
        read_runs(out)
    again = invoke(
        "batch", str(EXAMPLE), "--runs", "40", "--chunk-size", "20", "--workers", "1",
        "--fixed-evidence", "--out", str(out),
    )  # fmt: skip
    assert again.exit_code == 0
    assert "chunk-000001.parquet: damaged" in again.stderr
    assert "(1 written, 1 already there)" in again.stdout
    assert read_runs(out).columns["run_id"].tolist() == whole
    manifest = json.loads((out / MANIFEST).read_text())
    assert set(manifest["chunks"]) == {"chunk-000000.parquet", "chunk-000001.parquet"}


def test_a_chunk_the_manifest_does_not_record_is_refused(tmp_path: Path) -> None:
    out = fresh_batch(tmp_path)
    shutil.copy(out / "chunk-000000.parquet", out / "chunk-000009.parquet")
    assert_user_error(
        invoke("query", str(out), "SELECT 1"), "chunk-000009.parquet", "does not record"
    )


def test_a_second_batch_into_a_locked_folder_is_refused_and_deletes_nothing(
    tmp_path: Path,
) -> None:
    out = tmp_path / "shared"
    holder = open_folder(out, {"scenario": "first"}, {0: 10})
    try:
        (out / "chunk-000000.parquet").write_bytes(b"being written by the first batch")
        result = invoke("batch", str(EXAMPLE), "--runs", "5", "--workers", "1", "--out", str(out))
        assert_user_error(result, "another batch is writing into this folder")
        assert (out / "chunk-000000.parquet").read_bytes() == b"being written by the first batch"
        assert json.loads((out / MANIFEST).read_text())["scenario"] == "first"
    finally:
        holder.close()


def test_a_batch_that_created_a_folder_removes_only_its_own_files(tmp_path: Path) -> None:
    out = tmp_path / "new"
    folder = open_folder(out, {"scenario": "x"}, {0: 10})
    (out / "notes.txt").write_text("written by someone else")
    folder.discard_if_empty()
    folder.close()
    assert (out / "notes.txt").read_text() == "written by someone else"
    assert not (out / MANIFEST).exists()


# -- workers end with their parent -----------------------------------------------------


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
@pytest.mark.parametrize(
    "sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM], ids=["kill-9", "ctrl-c", "term"]
)
def test_workers_end_with_their_parent(tmp_path: Path, sig: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    parent = subprocess.Popen(
        [sys.executable, "-c", "from politburo.cli.app import main; main()", "batch",
         "--runs", "5000000", "--workers", "2", "--out", str(tmp_path / "out"), "--no-progress"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while len(children(parent.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(2)  # the workers are computing
        workers = children(parent.pid)
        assert len(workers) >= 2
        parent.send_signal(sig)
        parent.wait(30)
        deadline = time.monotonic() + 10
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if alive(w)]
        if sig != signal.SIGKILL:  # stopped as by Ctrl-C: a folder with no chunk is removed
            assert parent.returncode == 130
            assert b"interrupted" in parent.stderr.read()  # type: ignore[union-attr]
            out = tmp_path / "out"
            assert not out.exists() or any(out.glob("chunk-*.parquet"))
    finally:
        parent.kill()
        parent.wait()


# -- counts and shares ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("count: 40", "count: 2200000000", "groups[delegates].count: Input should be less than"),
        ("hostile: 0.2,", "hostile: 0.8,", "must sum to 1, not 1.6"),
        ("days: 2", "days: 100000", "routes[0].days"),
        ("end: 1990-05-12", "end: 2990-05-12", "the scenario spans"),
    ],
)
def test_counts_and_shares_are_bounded(tiny_copy: Path, old: str, new: str, message: str) -> None:
    path = tiny_copy / "scenario.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = invoke("check", str(tiny_copy))
    assert_user_error(result, "scenario.yaml:", message)


@FAST
@given(st.tuples(*[st.integers(0, 100)] * 3))
def test_disposition_shares_must_sum_to_one(tiny_copy: Path, shares: tuple[int, int, int]) -> None:
    loyal, wavering, hostile = (s / 100 for s in shares)
    path = tiny_copy / "scenario.yaml"
    text = re.sub(
        r"disposition: \{loyal: [^,]+, wavering: [^,]+, hostile: [^,]+,",
        f"disposition: {{loyal: {loyal}, wavering: {wavering}, hostile: {hostile},",
        (EXAMPLE / "scenario.yaml").read_text(encoding="utf-8"),
    )
    path.write_text(text, encoding="utf-8")
    assume(abs(sum(shares) - 100) != 1)  # at the tolerance, rounding decides
    if sum(shares) == 100:
        load_scenario(tiny_copy)
    else:
        with pytest.raises(PolitburoError, match="must sum to 1"):
            load_scenario(tiny_copy)


# -- print data as data -------------------------------------------------------------------


def test_whatif_descriptions_are_printed_as_data(tiny_copy: Path) -> None:
    plan = tiny_copy.parent / "markup.yaml"
    plan.write_text(
        "id: markup\ndescription: '[bold red]boom[/] :x: [/]'\n"
        "edits:\n  - {op: set, path: groups/delegates/count, value: 30}\n",
        encoding="utf-8",
    )
    result = invoke("whatif", str(tiny_copy), str(plan), "--runs", "20", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "[bold red]boom[/] :x: [/]" in result.stdout


# -- power with huge weights ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("weights", "code", "fragment"),
    [
        ("3000000000,1,1,1", 0, "too large for tables; the coalitions of 4 players are listed"),
        ("100000000000000000000,1,1", 0, "quota 50000000000000000002"),
        (",".join(["3000000000"] * 30), 1, "game too large"),
        ("1e20,1,1", 1, "is not an integer"),
    ],
)
def test_huge_weights_are_computed_another_way_or_refused(
    weights: str, code: int, fragment: str
) -> None:
    result = finishes(lambda: invoke("power", "--weights", weights, "--yes", "1"), seconds=60)
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert fragment in result.output


@FAST
@given(st.lists(st.integers(0, 10**12), min_size=1, max_size=6))
def test_any_few_weights_give_an_answer(weights: list[int]) -> None:
    result = invoke("power", "--weights", ",".join(map(str, weights)), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


# -- too many runs ---------------------------------------------------------------------------


def test_whatif_runs_that_cannot_fit_are_refused() -> None:
    result = invoke(
        "whatif", str(EXAMPLE), "--set", "groups/delegates/count=5", "--runs", str(10**12),
        "--workers", "1",
    )  # fmt: skip
    assert_user_error(result, "--runs", "of memory", "politburo batch")


@pytest.mark.parametrize(
    ("runs", "chunk", "fragment"),
    [(10**12, 50_000, "make 20,000,000 files"), (10**9, 10**8, "of memory")],
)
def test_batch_runs_that_cannot_fit_are_refused(
    tmp_path: Path, runs: int, chunk: int, fragment: str
) -> None:
    out = tmp_path / "out"
    result = invoke(
        "batch", "june-1957", "--runs", str(runs), "--chunk-size", str(chunk), "--workers", "1",
        "--out", str(out),
    )  # fmt: skip
    assert_user_error(result, fragment)
    assert not out.exists()


# -- whereabouts: schedule or replay ---------------------------------------------------------


def test_show_says_where_presence_comes_from_and_offers_the_replay() -> None:
    scheduled = invoke("show", "--date", "1957-06-22", "--format", "json")
    replayed = invoke("show", "--date", "1957-06-22", "--format", "json", "--from-replay")
    first, second = json.loads(scheduled.stdout), json.loads(replayed.stdout)
    assert (first["presence"], second["presence"]) == ("schedule", "replay (seed 0)")
    assert first["whereabouts"]["suslov"] != "moscow"  # on leave by his itinerary
    assert second["whereabouts"]["suslov"] == "moscow"  # called back in the replay
    text = invoke("show", "--date", "1957-06-22").stdout
    assert "presence: by the schedule" in text


def test_power_by_day_says_where_presence_comes_from_and_offers_the_replay() -> None:
    args = ["power", "--body", "presidium", "--by-day", "--format", "json"]
    scheduled = json.loads(invoke(*args).stdout)
    replayed = json.loads(invoke(*args, "--from-replay").stdout)
    assert (scheduled["presence"], replayed["presence"]) == ("schedule", "replay (seed 0)")
    day = scheduled["days"].index(dt.date(1957, 6, 19).isoformat())
    assert replayed["quotas"][day] > scheduled["quotas"][day]  # the called-back have arrived
    assert "presence: by the schedule" in invoke("power", "--body", "presidium").stdout


# -- the documented script, run as a script ---------------------------------------------------


def docs_example() -> str:
    text = (ROOT / "docs" / "experiments.md").read_text(encoding="utf-8")
    [code] = re.findall(r"## Python API\n\n```python\n(.*?)```", text, flags=re.S)
    return code.replace("20_000", "100").replace("100_000", "200")


def run_script(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=600, check=False,
    )  # fmt: skip


def test_the_documented_example_runs_as_a_script(tmp_path: Path) -> None:
    done = run_script(tmp_path, docs_example())
    assert done.returncode == 0, done.stderr
    assert "challenge." in done.stdout and (tmp_path / "runs" / MANIFEST).exists()


def test_an_unguarded_script_gets_a_clear_message(tmp_path: Path) -> None:
    code = docs_example()
    body = code.split("def main() -> None:\n", 1)[1].split("\n\nif __name__", 1)[0]
    unguarded = code.split("def main()", 1)[0] + "\n".join(
        line.removeprefix("    ") for line in body.splitlines()
    )
    done = run_script(tmp_path, unguarded)
    assert done.returncode == 1
    assert 'if __name__ == "__main__":' in done.stderr
    assert "BrokenProcessPool" not in done.stderr


# -- version, fidelity for CI, usage errors ---------------------------------------------------


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and re.fullmatch(r"politburo \d+\.\d+\.\d+\S*\n", result.stdout)


def test_fidelity_exit_code_for_ci() -> None:
    assert invoke("fidelity", str(EXAMPLE), "--runs", "20", "--fail-on-miss").exit_code in (0, 3)
    strict = invoke(
        "fidelity", str(EXAMPLE), "--runs", "20", "--fail-on-miss", "--min-share", "1.0"
    )
    shares = [r["share"] for r in json.loads(
        invoke("fidelity", str(EXAMPLE), "--runs", "20", "--format", "json").stdout
    )["targets"]]  # fmt: skip
    assert strict.exit_code == (3 if min(shares) < 1.0 else 0)
    assert invoke("fidelity", str(EXAMPLE), "--runs", "20").exit_code == 0
    assert_user_error(invoke("fidelity", str(EXAMPLE), "--min-share", "2"), "--min-share")


@pytest.mark.parametrize(
    "argv",
    [["bogus"], ["replay", "--seed", "x"], ["show", "--format", "csv"], ["sources", "gaps"]],
)
def test_a_command_line_that_cannot_be_parsed_exits_1(argv: list[str]) -> None:
    result = invoke(*argv)
    assert result.exit_code == 1 and result.stdout == ""
