"""The bundled June 1957 scenario: it checks clean and places people as the paper does."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from politburo.cli.app import app
from politburo.errors import PolitburoError
from politburo.evidence.text import locate_quote
from politburo.scenario import load_scenario
from politburo.scenario.bundled import BUNDLED_DIR
from politburo.scenario.checks import walk_citations

AWAY_ON_18_JUNE = {"suslov", "kirichenko", "saburov", "kozlov", "shvernik", "mukhitdinov"}
IN_MOSCOW_ON_18_JUNE = {
    "khrushchev", "mikoyan", "malenkov", "molotov", "kaganovich", "bulganin", "voroshilov",
    "pervukhin", "zhukov", "furtseva", "brezhnev", "shepilov",
}  # fmt: skip


def test_check_exits_0(cli: CliRunner) -> None:
    result = cli.invoke(app, ["check", "june-1957"])
    assert result.exit_code == 0, result.stderr


def test_every_quote_is_in_its_source() -> None:
    scenario = load_scenario("june-1957")
    texts = scenario.source_texts
    quotes = [c for _, c in walk_citations(scenario.model) if c.quote is not None]
    assert len(quotes) > 50
    missing = [c.quote for c in quotes if locate_quote(texts[c.source or ""], c.quote) is None]
    assert missing == []


def test_show_on_18_june_places_the_presidium_as_the_paper_does(cli: CliRunner) -> None:
    result = cli.invoke(app, ["show", "--date", "1957-06-18", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    where = json.loads(result.stdout)["whereabouts"]
    moscow = {actor for actor, place in where.items() if place == "moscow"}
    assert AWAY_ON_18_JUNE.isdisjoint(moscow)
    assert all(where[actor] is not None for actor in AWAY_ON_18_JUNE)
    assert moscow >= IN_MOSCOW_ON_18_JUNE


def test_presidium_has_eleven_full_and_seven_candidate_members() -> None:
    from politburo.scenario.queries import seats

    ranks = [s.rank for s in seats(load_scenario("june-1957"), "presidium", dt.date(1957, 6, 18))]
    assert ranks.count("full") == 11 and ranks.count("candidate") == 7


def test_a_broken_copy_gets_file_line_field_messages(tmp_path: Path, cli: CliRunner) -> None:
    copy = tmp_path / "june"
    shutil.copytree(BUNDLED_DIR / "june-1957", copy)
    actors = next(p for p in copy.glob("*.yaml") if "\n  - id: suslov" in p.read_text())
    text = actors.read_text()
    actors.write_text(text.replace("\n  - id: suslov", "\n  - id: suslov\n    rank: 3", 1))
    result = cli.invoke(app, ["check", str(copy)])
    assert result.exit_code == 1
    assert (
        f"{actors.name}:" in result.stderr and "actors[suslov].rank: unknown field" in result.stderr
    )
    with pytest.raises(PolitburoError):
        load_scenario(copy)
