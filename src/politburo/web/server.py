"""``politburo serve``: the explorer's page served on 127.0.0.1, with what-ifs run live.

The app serves one scenario and nothing else: its page, the shipped static files, the
report page of each of its sources, and three JSON endpoints:

``POST api/whatif``
    ``{"whatif": name|null, "assume": {contested: version}, "set": {path: number},
    "runs": n, "seed": s}``: starts (or finds in the cache) a what-if of the unchanged
    scenario against these changes, and answers ``{"job": id}``. Only the scenario's named
    what-ifs, its contested facts' versions and the sliders' paths within their bounds are
    accepted: no file path, no other edit, no SQL.
``GET api/jobs/{id}``
    ``{"state", "done", "total", "result"}``: progress while the runs go, then the outcome
    probabilities with their intervals.
``POST api/compare``
    The same changes and ``"run": r``: run ``r`` replayed with and without them, and the
    first day they differ.

Results are cached by scenario hash, intervention digest, seed and run count, and the unchanged
scenario's runs of the last what-ifs are kept, so that another change with the same seed and
run count computes only its own arm. Requests whose
``Host`` is not the loopback address are refused (no DNS rebinding).
"""

from __future__ import annotations

import itertools
import math
import threading
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.staticfiles import StaticFiles

from politburo.errors import PolitburoError
from politburo.scenario.loading import Scenario
from politburo.web.data import (
    divergence,
    error_data,
    event_rows,
    explorer_data,
    load,
    slider_paths,
    source_evidence,
)
from politburo.web.site import explorer_page, report_pages

__all__ = ["HOST", "MAX_RUNS", "Explorer", "create_app", "serve"]

HOST = "127.0.0.1"
"""The only address the server binds to."""

MAX_RUNS = 100_000
"""Most runs per arm a page may ask for."""

MAX_JOBS = 100
"""Jobs whose progress or result is kept for polling (the oldest are forgotten)."""

MAX_BASES = 2
"""Unchanged scenarios' runs kept for later what-ifs of the same seed, run count and
evidence (the oldest are forgotten): a what-if then computes only its intervention's arm."""

_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


class BadRequest(Exception):
    """A request the server refuses, with the reason shown to the page."""


@dataclass
class Job:
    """One what-if as it runs: progress, then its result or error."""

    done: int = 0
    total: int = 0
    state: str = "running"
    result: dict[str, Any] | None = None
    error: str | None = None
    cached: bool = False

    def to_json(self) -> dict[str, Any]:
        """The job as the page polls it."""
        return {
            "state": self.state,
            "done": self.done,
            "total": self.total,
            "result": self.result,
            "error": self.error,
            "cached": self.cached,
        }


@dataclass
class Explorer:
    """The state of a server: its one scenario, its pages, the runner and the caches."""

    name: str
    scenario: Scenario | None
    page: str
    reports: dict[str, str]
    workers: int
    jobs: dict[str, Job] = field(default_factory=dict)
    cache: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    counter: itertools.count[int] = field(default_factory=itertools.count)
    executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="whatif")
    )
    runner: Any = None
    bases: dict[tuple[int, int, bool], Any] = field(default_factory=dict)

    @classmethod
    def open(
        cls, name: str | Path, *, seed: int = 0, workers: int = 2, store: Path | None = None
    ) -> Explorer:
        """Load the scenario and render its pages once (``store``: as for
        :func:`~politburo.web.site.write_explorer`)."""
        loaded, problems = load(name)
        if loaded is None:
            page = explorer_page(error_data(str(name), problems), mode="served")
            return cls(str(name), None, page, {}, workers)
        evidence = source_evidence(loaded, store)
        data = explorer_data(loaded, seed=seed, evidence=evidence)
        page = explorer_page(data, mode="served")
        return cls(str(name), loaded, page, report_pages(evidence, back="../"), workers)

    # -- changes asked for ----------------------------------------------------------------

    def intervention(self, body: Any) -> Any:
        """The one intervention a request's changes make; :class:`BadRequest` for
        anything not offered on the page."""
        from politburo.experiments.interventions import (
            Intervention,
            from_assignments,
            named_whatifs,
            parse_intervention,
            resolve_intervention,
        )
        from politburo.scenario.yaml_marks import Marks

        scenario = self.scenario
        if scenario is None:
            raise BadRequest("the scenario fails its checks")
        if not isinstance(body, dict):
            raise BadRequest("the request is a JSON object")
        unknown = set(body) - {"whatif", "assume", "set", "runs", "seed", "run", "fixed"}
        if unknown:
            raise BadRequest(f"unknown fields: {', '.join(sorted(map(str, unknown)))}")
        edits: list[Any] = []
        words: list[str] = []
        name = body.get("whatif")
        if name is not None:
            if not isinstance(name, str) or name not in named_whatifs(scenario):
                raise BadRequest("whatif must be the name of one of the scenario's what-ifs")
            chosen = resolve_intervention(name, scenario)
            edits.extend(chosen.edits)
            words.append(name)
        assume = body.get("assume") or {}
        versions = {c.id: {v.id for v in c.versions} for c in scenario.model.contested}
        if not isinstance(assume, dict) or any(
            not isinstance(v, str) or v not in versions.get(str(k), set())
            for k, v in assume.items()
        ):
            raise BadRequest("assume maps contested facts of the scenario to their versions")
        if assume:
            data = {
                "id": "explorer-assume",
                "description": "versions chosen in the explorer",
                "edits": [{"assume": {"contested": k, "version": v}} for k, v in assume.items()],
            }
            edits.extend(parse_intervention(data, Marks(), "explorer", scenario).edits)
            words += [f"{k}={v}" for k, v in sorted(assume.items())]
        sets = body.get("set") or {}
        bounds = {s["path"]: (s["min"], s["max"]) for s in slider_paths(scenario)}
        if not isinstance(sets, dict):
            raise BadRequest("set maps the sliders' paths to numbers")
        assignments = []
        for path, value in sorted(sets.items()):
            if path not in bounds:
                raise BadRequest(f"{path!r} is not a value the explorer offers")
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise BadRequest(f"{path} must be a number")
            low, high = bounds[path]
            if not (math.isfinite(value) and low <= value <= high):
                raise BadRequest(f"{path} must lie between {low} and {high}")
            assignments.append(f"{path}={float(value)!r}")
        if assignments:
            edits.extend(from_assignments(assignments, scenario).edits)
            words += assignments
        if not edits:
            raise BadRequest("choose an intervention, a version of a contested fact or a value")
        return Intervention("explorer", "; ".join(words), tuple(edits), "explorer")

    @staticmethod
    def number(body: dict[str, Any], key: str, default: int, low: int, high: int) -> int:
        """An integer field of a request within bounds."""
        value = body.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise BadRequest(f"{key} must be a whole number from {low} to {high}")
        return value

    # -- work ------------------------------------------------------------------------------

    def start_whatif(self, body: Any) -> tuple[str, Job]:
        """Start a what-if (or answer from the cache); the job's id and the job."""
        from politburo.experiments.plan import scenario_hash

        change = self.intervention(body)
        runs = self.number(body, "runs", 1000, 10, MAX_RUNS)
        seed = self.number(body, "seed", 0, 0, 2**32 - 1)
        fixed = body.get("fixed", False)
        if not isinstance(fixed, bool):
            raise BadRequest("fixed is true or false")
        assert self.scenario is not None
        key = (scenario_hash(self.scenario), change.digest(), seed, runs, fixed)
        with self.lock:
            job_id = f"j{next(self.counter)}"
            hit = self.cache.get(key)
            job = Job(total=2 * runs)
            if hit is not None:
                job.done, job.state, job.result, job.cached = 2 * runs, "done", hit, True
            self.jobs[job_id] = job
            while len(self.jobs) > MAX_JOBS:
                self.jobs.pop(next(iter(self.jobs)))
        if hit is None:
            self.executor.submit(self._run, job, key, change, runs, seed, fixed)
        return job_id, job

    def _run(
        self, job: Job, key: tuple[Any, ...], change: Any, runs: int, seed: int, fixed: bool
    ) -> None:
        from politburo.experiments.runners import make_runner
        from politburo.experiments.whatif import whatif

        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        try:
            if self.runner is None:
                self.runner = make_runner("local", workers=self.workers)
            assert self.scenario is not None
            report = whatif(
                self.scenario,
                [change],
                runs=runs,
                seed=seed,
                runner=self.runner,
                sample_evidence=not fixed,
                on_progress=progress,
                earlier=self.bases.get((seed, runs, fixed)),
            )
            self.bases.pop((seed, runs, fixed), None)
            self.bases[seed, runs, fixed] = report
            while len(self.bases) > MAX_BASES:
                self.bases.pop(next(iter(self.bases)))
            (comparison,) = report.comparisons
            result = {
                "runs": runs,
                "seed": seed,
                "description": change.description,
                "evidence": "the scenario's own data" if fixed else "sampled per run",
                "outcomes": [_change(c) for c in comparison.outcomes],
            }
            with self.lock:
                self.cache[key] = result
            job.result, job.state = result, "done"
        except PolitburoError as error:
            job.error, job.state = "; ".join(str(p) for p in error.problems), "failed"
        except Exception as error:  # shown on the page; the server keeps going
            job.error, job.state = f"{type(error).__name__}: {error}", "failed"

    def compare(self, body: Any) -> dict[str, Any]:
        """Run ``run`` replayed with and without the changes, and where they part."""
        from politburo.experiments.replays import replay_run

        change = self.intervention(body)
        run = self.number(body, "run", 0, 0, 10**9)
        seed = self.number(body, "seed", 0, 0, 2**32 - 1)
        assert self.scenario is not None
        sample = body.get("fixed", False) is not True
        base = replay_run(self.scenario, [], run=run, seed=seed, sample_evidence=sample)
        changed = replay_run(self.scenario, [change], run=run, seed=seed, sample_evidence=sample)
        first = [_short(e) for e in event_rows(self.scenario, base)]
        second = [_short(e) for e in event_rows(self.scenario, changed)]
        return {
            "run": run,
            "seed": seed,
            "description": change.description,
            "base": first,
            "changed": second,
            "base_outcome": base.final["outcome"],
            "changed_outcome": changed.final["outcome"],
            "diverges": divergence(first, second),
        }

    def warm(self) -> None:
        """Start the worker processes before the first what-if (in the job thread)."""

        def start() -> None:
            from politburo.experiments.runners import make_runner

            if self.runner is None:
                self.runner = make_runner("local", workers=self.workers)
            self.runner.start()

        if self.scenario is not None:
            self.executor.submit(start)

    def close(self) -> None:
        """Stop the runner's processes and the job thread."""
        self.executor.shutdown(wait=False, cancel_futures=True)
        if self.runner is not None and hasattr(self.runner, "close"):
            self.runner.close()


def _estimate(e: Any) -> dict[str, float]:
    return {"p": e.value, "low": e.low, "high": e.high}


def _change(c: Any) -> dict[str, Any]:
    return {
        "name": c.name,
        "base": _estimate(c.base),
        "with": _estimate(c.changed),
        "difference": _estimate(c.difference),
    }


def _short(event: dict[str, Any]) -> dict[str, Any]:
    keep = ("day", "kind", "text", "actor", "subject", "body", "motion", "counts", "documented")
    return {k: event[k] for k in keep if k in event}


async def _json(request: Request) -> Any:
    if len(await request.body()) > 100_000:
        raise BadRequest("the request is too large")
    try:
        return await request.json()
    except ValueError:
        raise BadRequest("the request is not JSON") from None


def _guard(handler: Callable[..., Any]) -> Callable[[Request], Any]:
    async def wrapped(request: Request) -> Response:
        try:
            result: Response = await handler(request)
            return result
        except BadRequest as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        except PolitburoError as error:
            text = "; ".join(str(p) for p in error.problems)
            return JSONResponse({"error": text}, status_code=400)

    return wrapped


def create_app(
    name: str | Path, *, seed: int = 0, workers: int = 2, store: Path | None = None
) -> Starlette:
    """The ASGI app serving the explorer of one scenario."""
    explorer = Explorer.open(name, seed=seed, workers=workers, store=store)

    async def index(request: Request) -> Response:
        return HTMLResponse(explorer.page)

    async def report(request: Request) -> Response:
        page = explorer.reports.get(request.path_params["source"])
        if page is None:
            return JSONResponse({"error": "no such source"}, status_code=404)
        return HTMLResponse(page)

    async def start(request: Request) -> Response:
        job_id, job = explorer.start_whatif(await _json(request))
        return JSONResponse({"job": job_id, **job.to_json()})

    async def poll(request: Request) -> Response:
        job = explorer.jobs.get(request.path_params["job"])
        if job is None:
            return JSONResponse({"error": "no such job"}, status_code=404)
        return JSONResponse(job.to_json())

    async def compare(request: Request) -> Response:
        body = await _json(request)
        return JSONResponse(await run_in_threadpool(explorer.compare, body))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        explorer.warm()
        yield
        explorer.close()

    static = str(resources.files("politburo.web").joinpath("static"))
    app = Starlette(
        routes=[
            Route("/", index),
            Route("/index.html", index),
            Route("/reports/{source}.html", report),
            Route("/api/whatif", _guard(start), methods=["POST"]),
            Route("/api/jobs/{job}", _guard(poll)),
            Route("/api/compare", _guard(compare), methods=["POST"]),
        ],
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=_HOSTS)],
        lifespan=lifespan,
    )
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.state.explorer = explorer
    return app


def serve(
    name: str | Path,
    *,
    port: int = 8765,
    seed: int = 0,
    workers: int = 2,
    store: Path | None = None,
) -> None:
    """Serve the explorer of ``name`` on 127.0.0.1 until interrupted."""
    import uvicorn

    app = create_app(name, seed=seed, workers=workers, store=store)
    uvicorn.run(app, host=HOST, port=port, log_level="warning")
