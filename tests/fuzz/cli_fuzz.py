"""Fuzzing the command line: hypothesis drives argument lists and mangled scenario folders.

Every case runs one ``politburo`` command in this process (Typer's test runner) and must end
with an exit code of 0, 1 (a user's mistake) or 3 (``fidelity --fail-on-miss``), no
traceback, within :data:`CASE_SECONDS`, and leave nothing half-written: a ``batch`` that
fails leaves no output folder it created, a ``sources report`` that fails no page.

The suite runs a few dozen cases (``tests/fuzz/test_cli_fuzz.py``); the full run is a
script::

    python -m tests.fuzz.cli_fuzz --cases 10000 [--seed 0]

Scenario folders are copies of ``examples/tiny-committee`` (small, so that a case takes a
fraction of a second) with lines dropped, doubled or cut, values replaced by hostile ones
(huge counts, ``../../etc/passwd``, ``/dev/zero``, rich markup, non-UTF-8 bytes), and links
or FIFOs in place of files. Run counts are drawn small or absurd (never a long honest
computation), and batches and what-ifs run with one worker unless the case says otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from politburo.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "tiny-committee"
CASE_SECONDS = 60
"""A case that takes longer is a hang."""

ALLOWED_EXITS = {0, 1, 3}

HOSTILE_VALUES = [
    "2200000000",
    "-1",
    "1e308",
    "9223372036854775808",
    "../../../../etc/passwd",
    "/etc/passwd",
    "/dev/zero",
    "'[bold red]x[/] :x:'",
    "''",
    "null",
    "[]",
    "{}",
    "0.0",
    "1.6",
    "2020-02-30",
    "0001-01-01",
    "9999-12-31",
    "*anchor",
    "&a [*a, *a]",
    "!!python/object:os.system",
    "'\u202e\u0000'",
    "~",
]

COMMANDS: list[list[str]] = [
    ["check"],
    ["show"],
    ["schema"],
    ["replay"],
    ["fidelity"],
    ["power"],
    ["whatif"],
    ["batch"],
    ["query"],
    ["sources", "gaps"],
    ["sources", "mentions"],
    ["sources", "claims"],
    ["sources", "conflicts"],
    ["sources", "report"],
    ["sources", "corrections"],
    [],
]

OPTIONS = [
    "--seed",
    "--runs",
    "--format",
    "--date",
    "--body",
    "--weights",
    "--quota",
    "--by-day",
    "--from-replay",
    "--out",
    "--chunk-size",
    "--workers",
    "--set",
    "--index",
    "--yes",
    "--kind",
    "--min-share",
    "--fail-on-miss",
    "--scenario",
    "--store",
    "--steps",
    "--help",
    "--version",
    "--fixed-evidence",
    "--sensitivity",
    "--no-progress",
    "--backend",
    "--exact",
    "--quotes",
    "--no-quotes",
    "--travel-days",
]

SQL = [
    "SELECT count(*) FROM runs",
    "SELECT * FROM read_csv_auto('/etc/passwd')",
    "COPY (SELECT 1) TO 'x.csv'",
    "ATTACH 'x.db'",
    "INSTALL httpfs",
    "SELECT '[/]', ':x:'",
    "SELECT 1; SELECT 2",
    "PRAGMA version",
    "SELECT * FROM glob('/*')",
    "",
    ";",
    "SELECT nope FROM runs",
]


def integers() -> st.SearchStrategy[str]:
    """Counts and seeds: small ones and absurd ones, never a long honest computation."""
    return st.one_of(
        st.integers(-3, 30),
        st.sampled_from([0, 2**31, 2**63 - 1, 2**63, -(2**63), 10**12, 10**30]),
    ).map(str)


def values(folders: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        integers(),
        st.sampled_from(
            [
                "text",
                "json",
                "csv",
                "markdown",
                "1957-06-22",
                "1990-05-03",
                "2026-13-01",
                "presidium",
                "council",
                "assembly",
                "june-1957",
                "tiny-committee",
                "4,4,4,2,2,1",
                "3000000000,1,1,1",
                "1e20,1,1",
                "a:4,b:-2",
                "banzhaf",
                "shapley",
                "part",
                "intervention",
                "dask",
                "local",
                "0.5",
                "-0.1",
                "nan",
                "chronicle",
                "caesar-xv",
                "vance",
                "groups/delegates/count=5",
                "groups/delegates/count=2200000000",
                "bodies/council/rule/threshold=7",
                "no-such-whatif",
                "/etc/passwd",
                "/dev/zero",
                "../../etc",
                "[bold]x[/]",
                ":x:",
                "",
                "\x00",
                "\u202e",
            ]
        ),
        st.sampled_from(folders),
        st.text(max_size=12),
    )


def mangle(text: str, data: st.DataObject) -> str:
    """One scenario file with a few hostile edits."""
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(0, 3), label="edits")):
        if not lines:
            break
        at = data.draw(st.integers(0, len(lines) - 1), label="line")
        kind = data.draw(
            st.sampled_from(["drop", "double", "cut", "value", "indent", "text"]), label="edit"
        )
        line = lines[at]
        if kind == "drop":
            del lines[at]
        elif kind == "double":
            lines.insert(at, line)
        elif kind == "cut":
            lines[at] = line[: data.draw(st.integers(0, len(line)), label="cut")]
        elif kind == "indent":
            lines[at] = " " + line
        elif kind == "text":
            lines[at] = "    text: " + data.draw(st.sampled_from(HOSTILE_VALUES), label="text")
        elif ":" in line:
            key = line.split(":", 1)[0]
            lines[at] = f"{key}: {data.draw(st.sampled_from(HOSTILE_VALUES), label='value')}"
    return "\n".join(lines) + "\n"


def make_folder(base: Path, data: st.DataObject) -> Path:
    """A copy of the example scenario, mangled."""
    folder = Path(tempfile.mkdtemp(prefix="scenario-", dir=base))
    shutil.rmtree(folder)
    shutil.copytree(EXAMPLE, folder)
    scenario = folder / "scenario.yaml"
    scenario.write_text(mangle(scenario.read_text(encoding="utf-8"), data), encoding="utf-8")
    extra = data.draw(
        st.sampled_from(["none", "none", "link-text", "fifo-text", "binary", "yaml-link", "big"]),
        label="extra",
    )
    text = folder / "sources" / "chronicle.txt"
    if extra == "link-text":
        text.unlink()
        text.symlink_to("/etc/passwd")
    elif extra == "fifo-text":
        text.unlink()
        os.mkfifo(text)
    elif extra == "binary":
        text.write_bytes(b"\xff\xfe\x00bad")
    elif extra == "yaml-link":
        (folder / "more.yaml").symlink_to("/etc/hostname")
    elif extra == "big":
        (folder / "big.yaml").write_text("actors: [" + "{}, " * 10000 + "]\n", encoding="utf-8")
    return folder


@dataclass
class Tally:
    """What a fuzz run saw."""

    cases: int = 0
    exits: dict[int, int] = field(default_factory=dict)
    slowest: float = 0.0
    slowest_args: list[str] = field(default_factory=list)
    progress: int = 0
    """Print a line every this many cases (0: never)."""


class Hang(Exception):
    """A case ran longer than :data:`CASE_SECONDS`."""


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def alarm(signum: int, frame: Any) -> None:
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_case(args: list[str], base: Path, tally: Tally) -> None:
    """Run one command line and assert the contract."""
    outs = [Path(args[i + 1]) for i, a in enumerate(args[:-1]) if a in ("--out", "-o")]
    before = {p: p.exists() for p in outs}
    started = time.monotonic()
    with time_limit(CASE_SECONDS):
        result = CliRunner().invoke(app, args, catch_exceptions=True)
    took = time.monotonic() - started
    if isinstance(result.exception, Hang):
        raise AssertionError(f"hang: {args!r}")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        trace = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"traceback for {args!r}:\n{trace}")
    assert result.exit_code in ALLOWED_EXITS, (args, result.exit_code, result.output[-500:])
    assert "Traceback (most recent call last)" not in result.output, (args, result.output)
    if result.exit_code != 0:
        for out, existed in before.items():
            if not existed:
                assert not out.exists(), f"{args!r} failed and left {out}"
    tally.cases += 1
    tally.exits[result.exit_code] = tally.exits.get(result.exit_code, 0) + 1
    if tally.progress and tally.cases % tally.progress == 0:
        print(f"{tally.cases} cases, exit codes {tally.exits}", file=sys.stderr, flush=True)
    if took > tally.slowest:
        tally.slowest, tally.slowest_args = took, list(args)


def command_lines(base: Path) -> st.SearchStrategy[tuple[list[str], st.DataObject]]:
    return st.tuples(st.sampled_from(COMMANDS), st.data())


def build_args(command: list[str], data: st.DataObject, base: Path) -> list[str]:
    """A command line for ``command``: a scenario (often mangled), options and values."""
    folders = [str(EXAMPLE)]
    if data.draw(st.integers(0, 3), label="mangle?") > 0:
        folders.append(str(make_folder(base, data)))
    args = list(command)
    name = command[-1] if command else ""
    scenario = data.draw(st.sampled_from([*folders, folders[-1], "tiny-missing", ""]), "scenario")
    if name in ("check", "show", "replay", "fidelity", "power", "whatif", "batch", "conflicts"):
        if scenario and name != "conflicts":
            args.append(scenario)
        elif scenario:
            args += ["--scenario", scenario]
    elif name in ("gaps", "mentions", "claims", "report"):
        args.append(data.draw(st.sampled_from(["chronicle", "/etc/passwd", "/dev/zero", "x"])))
        args += ["--scenario", scenario or folders[-1]]
        args += ["--store", str(base / "store")]
        if name == "report":
            args += ["--out", str(base / f"report-{time.monotonic_ns()}.html")]
    elif name == "query":
        args += [str(base / "batch"), data.draw(st.sampled_from(SQL), label="sql")]
    elif name == "corrections":
        args += ["chronicle", "--store", str(base / "store")]
    if name == "whatif":
        args.append(data.draw(st.sampled_from(["chair-stays-home", "x.yaml", "/etc/passwd"])))
    if name in ("batch",):
        args += ["--out", str(base / f"out-{time.monotonic_ns()}")]
    for _ in range(data.draw(st.integers(0, 4), label="options")):
        option = data.draw(st.sampled_from(OPTIONS), label="option")
        args.append(option)
        if option not in (
            "--by-day",
            "--from-replay",
            "--help",
            "--version",
            "--fixed-evidence",
            "--sensitivity",
            "--no-progress",
            "--fail-on-miss",
            "--exact",
            "--quotes",
            "--no-quotes",
        ):
            value = data.draw(values(folders), label="value")
            if option in ("--runs", "--chunk-size", "--steps"):
                value = data.draw(integers(), label="count")
            if option == "--workers":
                value = data.draw(st.sampled_from(["1", "0", "-1", "x"]), label="workers")
            if option == "--backend":
                value = data.draw(st.sampled_from(["local", "spark", "dask"]), label="backend")
            if option == "--out" and name == "report":
                value = str(base / f"report-{time.monotonic_ns()}.html")
            if option == "--out" and name != "report":
                value = str(base / f"out-{time.monotonic_ns()}")
            args.append(value)
    if name in ("whatif", "batch"):
        if "--workers" not in args:
            args += ["--workers", "1"]
        if "--backend" in args:  # a local Dask cluster per case is not what is fuzzed here
            i = args.index("--backend")
            args[i + 1] = "local" if args[i + 1] == "dask" else args[i + 1]
        if "--runs" not in args:
            args += ["--runs", str(data.draw(st.integers(1, 40), label="runs"))]
    if name == "fidelity" and "--runs" not in args:
        args += ["--runs", "10"]
    return args


def prepare(base: Path) -> None:
    """A small batch to query."""
    result = CliRunner().invoke(
        app,
        [
            "batch",
            str(EXAMPLE),
            "--runs",
            "20",
            "--chunk-size",
            "10",
            "--workers",
            "1",
            "--out",
            str(base / "batch"),
        ],
    )
    assert result.exit_code == 0, result.output


def fuzz(cases: int, seed: int | None = None, base: Path | None = None, progress: int = 0) -> Tally:
    """Run ``cases`` fuzz cases; raise on the first that breaks the contract."""
    owned = base is None
    base = base or Path(tempfile.mkdtemp(prefix="politburo-fuzz-"))
    tally = Tally(progress=progress)
    prepare(base)
    strategy = command_lines(base)

    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        derandomize=seed is None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate],
        print_blob=True,
    )
    @given(strategy)
    def case(drawn: tuple[list[str], st.DataObject]) -> None:
        command, data = drawn
        args = build_args(command, data, base)
        run_case(args, base, tally)
        for leftover in base.glob("scenario-*"):
            shutil.rmtree(leftover, ignore_errors=True)

    if seed is not None:
        case = __import__("hypothesis").seed(seed)(case)
    try:
        case()
    finally:
        if owned:
            shutil.rmtree(base, ignore_errors=True)
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=None, help="default: derandomized")
    options = parser.parse_args(argv)
    started = time.monotonic()
    tally = fuzz(options.cases, options.seed, progress=500)
    took = time.monotonic() - started
    print(
        f"{tally.cases} cases in {took:.0f} s, no traceback, no hang; exit codes "
        f"{dict(sorted(tally.exits.items()))}; slowest case {tally.slowest:.1f} s: "
        f"{' '.join(tally.slowest_args)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
