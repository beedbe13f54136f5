"""Fixtures of the explorer's tests: hostile scenarios, the static folder, a served app, and
one headless Chromium shared by the browser tests.

Chromium is Debian's (``/usr/bin/chromium``, installed by ``.ci/run``). Without it the
browser tests are skipped locally, and fail when ``CI=true``: they are never skipped silently
in CI. Screenshots go to ``test-artifacts/`` at the top of the repository (gitignored), which
the suite keeps.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "tiny-committee"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("POLITBURO_CHROMIUM", "/usr/bin/chromium")
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
HOSTILE = '<script>alert("x")</script>'


def hostile_scenario(target: Path) -> Path:
    """A copy of the small example whose source text, quote and actor name hold a script
    element; it passes its checks."""
    shutil.copytree(EXAMPLE, target)
    text = target / "sources" / "chronicle.txt"
    text.write_text(
        text.read_text(encoding="utf-8").replace(
            "moved that Vance be removed", f"moved that Vance {HOSTILE} be removed"
        ),
        encoding="utf-8",
    )
    yaml = target / "scenario.yaml"
    content = yaml.read_text(encoding="utf-8")
    content = content.replace(
        'quote: "moved that Vance be removed as chairman"',
        "quote: 'moved that Vance <script>alert(\"x\")</script> be removed as chairman'",
    )
    content = content.replace("    name: Ada Vance\n", f"    name: 'Ada {HOSTILE} Vance'\n")
    yaml.write_text(content, encoding="utf-8")
    return target


def broken_scenario(target: Path) -> Path:
    """A copy of the small example with an id holding a script element and a bad date."""
    shutil.copytree(EXAMPLE, target)
    yaml = target / "scenario.yaml"
    content = yaml.read_text(encoding="utf-8")
    content = content.replace("  - id: council\n", f"  - id: '{HOSTILE}'\n", 1)
    content = content.replace("end: 1990-05-12", "end: 1990-04-12")
    yaml.write_text(content, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def scenarios(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("scenarios")
    return {
        "hostile": hostile_scenario(base / "hostile"),
        "broken": broken_scenario(base / "broken"),
    }


@pytest.fixture(scope="session")
def static_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from politburo.web.site import write_explorer

    out = tmp_path_factory.mktemp("site") / "june-1957"
    write_explorer("june-1957", out)
    return out


class Served:
    """A uvicorn server of one scenario on a free loopback port, in a thread."""

    def __init__(self, scenario: str | Path) -> None:
        import uvicorn

        from politburo.web.server import HOST, create_app

        with socket.socket() as probe:
            probe.bind((HOST, 0))
            self.port = probe.getsockname()[1]
        self.app = create_app(scenario, workers=1)
        config = uvicorn.Config(self.app, host=HOST, port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        self.url = f"http://{HOST}:{self.port}/"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def served() -> Iterator[Served]:
    server = Served("june-1957")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:  # each launch has a fresh temporary profile
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.dialogs = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)

    def dialog(d: Any) -> None:
        tab.dialogs.append(d.message)
        d.dismiss()

    tab.on("dialog", dialog)
    yield tab
    context.close()
