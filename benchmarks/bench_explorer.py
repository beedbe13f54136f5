"""The crisis explorer: generation time, folder size, time to interactive, served what-ifs.

Run ``python benchmarks/bench_explorer.py`` (``--runs N`` for the what-if's runs per arm,
default 10,000; ``--skip-serve`` for the static part only). It measures:

1. ``politburo explore june-1957`` as a command (wall time, a fresh process: imports
   included) and :func:`politburo.web.site.write_explorer` in a warm process;
2. the size of the folder written;
3. the time from navigation to an interactive page in headless Chromium (the page sets
   ``data-ready`` when every view is drawn), median of five loads;
4. ``politburo serve june-1957 --workers 2`` answering a what-if of ``--runs`` runs per arm
   (unchanged scenario against ``no-zhukov-aircraft``), polled as the page polls it, with the
   progress reports seen: the first request (worker processes start), a second with another
   intervention (workers warm; the server keeps the unchanged scenario's runs, so only the
   intervention's arm is computed), one with another seed (workers warm, both arms computed),
   and the same with the scenario's own data (no sampling of the contested evidence: one
   combination instead of about a hundred engine calls per arm). Each what-if's CPU seconds
   (server and workers, from ``/proc``) say what it would take on two idle cores: about half.

Targets from the issue: generated in < 3 s, interactive in < 1 s, folder < 5 MB, a served
what-if of 10,000 runs per arm in < 5 s on 2 cores with progress shown.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
POLITBURO = [sys.executable, "-c", "from politburo.cli.app import main; main()"]
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def static_part(work: Path) -> Path:
    out = work / "cli"
    start = time.perf_counter()
    subprocess.run(
        [*POLITBURO, "explore", "june-1957", "--out", str(out)],
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - start
    from politburo.web.site import write_explorer

    write_explorer("june-1957", work / "warm0")  # imports and caches
    times = []
    for k in range(3):
        start = time.perf_counter()
        result = write_explorer("june-1957", work / f"warm{k + 1}")
        times.append(time.perf_counter() - start)
    size = result.size
    print(f"explore (command, fresh process): {wall:.2f} s")
    print(f"explore (warm process, median of 3): {statistics.median(times):.2f} s")
    print(f"folder: {size / 1e6:.2f} MB ({size:,} bytes)")
    return out


def browser_part(folder: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        times = []
        for _ in range(5):
            page = browser.new_page()
            start = time.perf_counter()
            page.goto((folder / "index.html").as_uri())
            page.wait_for_selector("body[data-ready='1']")
            times.append(time.perf_counter() - start)
            page.close()
        browser.close()
    print(
        f"interactive in headless Chromium: median {statistics.median(times):.2f} s "
        f"(min {min(times):.2f}, max {max(times):.2f})"
    )


def _post(url: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=60) as response:
        answer: dict[str, Any] = json.loads(response.read())
        return answer


def _whatif(base: str, body: dict[str, Any]) -> tuple[float, int]:
    start = time.perf_counter()
    job = _post(base + "api/whatif", body)["job"]
    seen = set()
    while True:
        with urllib.request.urlopen(base + f"api/jobs/{job}", timeout=60) as response:
            state = json.loads(response.read())
        seen.add(state["done"])
        if state["state"] != "running":
            if state["state"] != "done":
                raise RuntimeError(state["error"])
            return time.perf_counter() - start, len(seen)
        time.sleep(0.1)


def _cpu(pid: int) -> float:
    """CPU seconds of a process and its descendants alive now (Linux ``/proc``; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return 0.0
    children = []
    for task in tasks:  # a thread's children are listed under that thread
        with contextlib.suppress(OSError):
            children += (task / "children").read_text().split()
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(_cpu(int(child)) for child in children)


def serve_part(runs: int) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [*POLITBURO, "serve", "june-1957"]
    server = subprocess.Popen(
        [*command, "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        start = time.perf_counter()
        while True:
            try:
                urllib.request.urlopen(base, timeout=5).read()
                break
            except OSError:
                if time.perf_counter() - start > 120:
                    raise
                time.sleep(0.2)
        print(f"serve: page up after {time.perf_counter() - start:.1f} s")
        cases = [
            ("first what-if (workers start)", "no-zhukov-aircraft", 1, False),
            (
                "second what-if (workers warm, unchanged arm kept)",
                "suslov-kirichenko-in-moscow",
                1,
                False,
            ),
            ("another seed (workers warm, both arms)", "no-zhukov-aircraft", 2, False),
            ("scenario's own data, warm", "voroshilov-not-forewarned", 1, True),
        ]
        for label, name, seed, fixed in cases:
            body = {"whatif": name, "runs": runs, "seed": seed, "fixed": fixed}
            cpu = _cpu(server.pid)
            seconds, updates = _whatif(base, body)
            print(
                f"served what-if, {runs:,} runs per arm, {label}: {seconds:.1f} s "
                f"({_cpu(server.pid) - cpu:.1f} s CPU of the server and its workers), "
                f"{updates} progress states seen"
            )
        seconds, _ = _whatif(base, {"whatif": "no-zhukov-aircraft", "runs": runs, "seed": 1})
        print(f"the first what-if again (from the cache): {seconds:.2f} s")
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--skip-serve", action="store_true")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as work:
        folder = static_part(Path(work))
        browser_part(folder)
    if not args.skip_serve:
        serve_part(args.runs)


if __name__ == "__main__":
    main()
