"""The explorer in headless Chromium: the static folder and the served app, linked views,
quotes, what-ifs, hostile text, and an axe-core check of every page."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from politburo.web.site import write_explorer
from tests.web.conftest import HOSTILE, ROOT, Served

AXE = ROOT / "src" / "politburo" / "web" / "static" / "vendor" / "axe.min.js"
JUNE_18 = "1957-06-18"


def _ready(page: Any, url: str) -> float:
    """Open ``url`` and wait for the explorer to be interactive; the seconds it took."""
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=15_000)
    return time.perf_counter() - start


def _day(page: Any, iso: str) -> None:
    days = page.evaluate("JSON.parse(document.getElementById('explorer-data').textContent).days")
    page.locator("#day").fill(str(days.index(iso)))


def _axe(page: Any, name: str, artifacts: Path) -> None:
    """No serious or critical axe-core violation on the page (the report is kept).

    axe reads stylesheets again itself, which Chromium refuses from ``file://``; what the
    page logs while axe runs is not the page's error, so it is dropped."""
    before = len(page.errors)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    del page.errors[before:]
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    (artifacts / f"axe-{name}.json").write_text(json.dumps(result["violations"], indent=1))
    assert not bad, [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in bad]


def test_static_explorer(page: Any, static_site: Path, artifacts: Path) -> None:
    seconds = _ready(page, (static_site / "index.html").as_uri())
    (artifacts / "static-ready-seconds.txt").write_text(f"{seconds:.3f}\n")
    _day(page, "1957-06-10")
    away = page.locator("#where dd[data-place='finland']")
    assert "Khrushchev" in away.inner_text()
    _day(page, JUNE_18)
    assert page.locator("#day-label").inner_text().startswith("Tue, 18 June 1957")
    moscow = page.locator("#where dd[data-place='moscow']").inner_text()
    assert "Khrushchev" in moscow and "Malenkov" in moscow
    tally = page.locator("#votes .tally").first.inner_text()
    assert tally.startswith("6 for, 2 against, 0 abstaining; quota 5 of 8")
    ballots = page.locator("#votes .vote").first.inner_text()
    assert "Khrushchev" in ballots and "yes" in ballots
    heat = page.locator("#power svg rect[stroke='#f5b700']")
    assert heat.count() == 1
    sides = page.locator("#ties g[data-actor='malenkov']").get_attribute("data-side")
    assert sides == "1"
    event = page.locator(f"#timeline li.event[data-day='{JUNE_18}']", has_text="stands firm")
    event.first.hover()
    quote = page.locator("#quote blockquote").first
    assert "Khrushchev" in quote.inner_text()
    link = page.locator("#quote figcaption a").first
    href = link.get_attribute("href")
    assert href and href.startswith("reports/caesar-xv.html#p")
    page.screenshot(path=str(artifacts / "static-explorer.png"), full_page=True)
    assert not page.errors, page.errors
    _axe(page, "static-explorer", artifacts)
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith(href.split("/", 1)[1])
    assert page.locator(".p:target").count() == 1
    _axe(page, "source-report", artifacts)


def test_print_styles_hide_the_controls(page: Any, static_site: Path, artifacts: Path) -> None:
    _ready(page, (static_site / "index.html").as_uri())
    page.emulate_media(media="print")
    assert not page.locator("nav.views").is_visible()
    assert page.locator(".print-cites").first.is_visible()


def test_served_what_if_and_side_by_side(page: Any, served: Served, artifacts: Path) -> None:
    _ready(page, served.url)
    assert page.locator("#whatif-form").is_visible()
    page.select_option("#wi-name", "no-zhukov-aircraft")
    page.fill("#wi-runs", "60")
    page.check("#wi-fixed")
    page.click("#wi-run")
    page.wait_for_selector("#whatif-table", timeout=240_000)
    assert page.locator("#wi-progress").get_attribute("value") == "120"
    row = page.locator("#whatif-table tr[data-outcome='challenge.anti-party-group.succeeded']")
    base, changed = row.locator(".p-base").inner_text(), row.locator(".p-with").inner_text()
    assert base != changed
    page.click("#compare-form button")
    page.wait_for_selector("#diverge-day", timeout=120_000)
    assert "first differ on" in page.locator("#diverge-day").inner_text()
    assert page.locator("#compare li.diverge").count() > 0
    page.screenshot(path=str(artifacts / "served-explorer.png"), full_page=True)
    assert not page.errors, page.errors
    _axe(page, "served-explorer", artifacts)


def test_broken_and_hostile_scenarios(
    page: Any, scenarios: dict[str, Path], artifacts: Path
) -> None:
    broken = write_explorer(scenarios["broken"], scenarios["broken"].parent / "b-site").folder
    page.goto((broken / "index.html").as_uri())
    problems = page.locator("#problems")
    assert problems.is_visible() and HOSTILE in problems.inner_text()
    page.screenshot(path=str(artifacts / "broken-scenario.png"), full_page=True)
    _axe(page, "broken-scenario", artifacts)
    hostile = write_explorer(scenarios["hostile"], scenarios["hostile"].parent / "h-site").folder
    _ready(page, (hostile / "index.html").as_uri())
    assert HOSTILE in page.locator("#actor").inner_text()
    page.locator("#timeline li.event", has_text="alert").first.hover()
    assert HOSTILE in page.locator("#quote").inner_text()
    page.goto((hostile / "reports" / "chronicle.html").as_uri())
    assert HOSTILE in page.locator("pre").inner_text()
    assert not page.dialogs and not page.errors, (page.dialogs, page.errors)
    _axe(page, "hostile-report", artifacts)


def test_every_view_of_the_other_scenarios(page: Any, tmp_path: Path, artifacts: Path) -> None:
    from politburo.scenario.bundled import bundled_names
    from tests.web.conftest import EXAMPLE

    names = [n for n in sorted(bundled_names()) if n != "june-1957"] + [str(EXAMPLE)]
    for k, name in enumerate(names):
        folder = write_explorer(name, tmp_path / f"s{k}").folder
        _ready(page, (folder / "index.html").as_uri())
        last = page.evaluate(
            "JSON.parse(document.getElementById('explorer-data').textContent).days.length - 1"
        )
        page.locator("#day").fill(str(last))
        assert page.locator("#timeline li.event").count() > 0, name
        assert page.locator("#where dt").count() > 0, name
        assert page.locator("#power svg").count() == 1, name
        assert page.locator("#votes").inner_text().strip(), name
        assert page.locator("#evidence").inner_text().strip(), name
        assert not page.errors, (name, page.errors)
        page.screenshot(path=str(artifacts / f"explorer-{Path(name).name}.png"))
