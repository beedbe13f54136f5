"""The server: loopback only, one scenario, no paths, no SQL, what-ifs with progress and a
cache."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Any

import pytest

from tests.web.conftest import Served


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _post(url: str, body: Any) -> tuple[int, Any]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def test_it_binds_the_loopback_address(served: Served) -> None:
    assert served.server.config.host == "127.0.0.1"
    status, page = _get(served.url)
    assert status == 200 and b'data-mode="served"' in page


@pytest.mark.parametrize(
    "path",
    [
        "static/../../../../etc/passwd",
        "static/%2e%2e/%2e%2e/web/server.py",
        "reports/../scenario.yaml",
        "reports/nonesuch.html",
        "api/query?sql=SELECT%201",
        "scenario.yaml",
        "api/jobs/nonesuch",
    ],
)
def test_it_serves_nothing_but_its_pages(served: Served, path: str) -> None:
    status, _ = _get(served.url + path)
    assert status in (400, 404)


def test_it_refuses_other_hosts(served: Served) -> None:
    status, _ = _get(served.url, {"Host": "attacker.example"})
    assert status == 400


@pytest.mark.parametrize(
    "body",
    [
        {"whatif": "../../../../etc/passwd"},
        {"whatif": "/etc/passwd"},
        {"whatif": "no-zhukov-aircraft", "sql": "DROP TABLE runs"},
        {"set": {"actors/khrushchev/name": 1}},
        {"set": {"bodies/presidium/rule/threshold": 7}},
        {"assume": {"saburov-on-18-june": "<script>"}},
        {"whatif": "no-zhukov-aircraft", "runs": 10**9},
        {},
    ],
)
def test_it_refuses_what_it_does_not_offer(served: Served, body: dict[str, Any]) -> None:
    status, answer = _post(served.url + "api/whatif", body)
    assert status == 400 and answer["error"]


def test_it_refuses_what_is_not_json(served: Served) -> None:
    status, _ = _post(served.url + "api/whatif", b"<script>")
    assert status == 400


def _wait(served: Served, job: str) -> dict[str, Any]:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        _, body = _get(served.url + f"api/jobs/{job}")
        answer: dict[str, Any] = json.loads(body)
        if answer["state"] != "running":
            return answer
        time.sleep(0.1)
    raise AssertionError("the what-if did not finish")


def test_a_what_if_answers_then_comes_from_the_cache(served: Served) -> None:
    body = {"whatif": "no-zhukov-aircraft", "runs": 40, "seed": 3, "fixed": True}
    status, started = _post(served.url + "api/whatif", body)
    assert status == 200
    done = _wait(served, started["job"])
    assert done["state"] == "done" and done["done"] == done["total"] == 80
    names = {o["name"] for o in done["result"]["outcomes"]}
    assert "challenge.anti-party-group.succeeded" in names
    status, again = _post(served.url + "api/whatif", body)
    assert again["state"] == "done" and again["cached"] and again["result"] == done["result"]


def test_another_change_of_the_same_runs_computes_only_its_own_arm(served: Served) -> None:
    first = {"whatif": "no-zhukov-aircraft", "runs": 30, "seed": 11, "fixed": True}
    done = _wait(served, _post(served.url + "api/whatif", first)[1]["job"])
    assert done["done"] == done["total"] == 60
    second = {**first, "whatif": "group-waits-a-week"}
    again = _wait(served, _post(served.url + "api/whatif", second)[1]["job"])
    assert again["state"] == "done" and again["done"] == again["total"] == 30
    bases = {o["name"]: o["base"] for o in done["result"]["outcomes"]}
    reused = {o["name"]: o["base"] for o in again["result"]["outcomes"]}
    assert bases.keys() & reused.keys()
    assert all(bases[name] == reused[name] for name in bases.keys() & reused.keys())


def test_compare_finds_the_first_day_two_runs_part(served: Served) -> None:
    body = {"whatif": "group-waits-a-week", "run": 0, "fixed": True}
    status, answer = _post(served.url + "api/compare", body)
    assert status == 200, answer
    assert answer["diverges"] and answer["base"] and answer["changed"]
    before = [e for e in answer["base"] if e["day"] < answer["diverges"]]
    assert before == [e for e in answer["changed"] if e["day"] < answer["diverges"]]


def test_the_workers_start_when_the_server_opens() -> None:
    from politburo.web.server import Explorer

    class Runner:
        started = 0

        def start(self) -> None:
            self.started += 1

    runner = Runner()
    explorer = Explorer("x", object(), "", {}, 2, runner=runner)  # type: ignore[arg-type]
    explorer.warm()
    explorer.executor.shutdown(wait=True)
    assert runner.started == 1
    broken = Explorer("x", None, "", {}, 2, runner=runner)
    broken.warm()  # a scenario that failed to load has no what-ifs
    broken.executor.shutdown(wait=True)
    assert runner.started == 1
