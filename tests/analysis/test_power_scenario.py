"""Games built from a scenario, power by day, and the ``politburo power`` command."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from politburo.analysis.power import body_game, power_by_day, shapley_shubik
from politburo.cli.app import app
from politburo.errors import PolitburoError

FIXTURE = """
id: power-fixture
title: A body with travellers
start: 2000-01-01
end: 2000-01-05
sources:
  - {id: notes, title: Notes, author: Tester, date: "2000", kind: secondary, reliability: F}
places:
  - {id: capital, name: Capital, cite: {assumption: "A place for the power tests."}}
  - {id: abroad, name: Abroad, cite: {assumption: "A place for the power tests."}}
bodies:
  - id: presidium
    name: Presidium
    seat: capital
    ranks: [{id: full, vote: true}, {id: candidate, vote: false}]
    rule: {threshold: 0.5, of: present, cite: {assumption: "Majority of those present."}}
    cite: {assumption: "A body for the power tests."}
  - id: cc
    name: Central Committee
    seat: capital
    ranks: [{id: member, vote: true}]
    rule: {threshold: 0.5, of: present, cite: {assumption: "Majority of those present."}}
    cite: {assumption: "A body for the power tests."}
actors:
{actors}
groups:
  - id: loyal
    name: Loyal bloc
    body: cc
    rank: member
    count: 5
    votes_as_one: true
    disposition: {loyal: 1.0, wavering: 0.0, hostile: 0.0, cite: {assumption: "Fixture bloc."}}
    itinerary:
      - {place: abroad, start: 2000-01-01, end: 2000-01-01, cite: {assumption: "Fixture stay."}}
      - {place: capital, start: 2000-01-02, end: 2000-01-05, cite: {assumption: "Fixture stay."}}
    cite: {assumption: "A bloc for the power tests."}
  - id: rest
    name: Other members
    body: cc
    rank: member
    count: 4
    disposition: {loyal: 0.5, wavering: 0.0, hostile: 0.5, cite: {assumption: "Fixture bloc."}}
    itinerary:
      - {place: abroad, start: 2000-01-01, end: 2000-01-01, cite: {assumption: "Fixture stay."}}
      - {place: capital, start: 2000-01-02, end: 2000-01-05, cite: {assumption: "Fixture stay."}}
    cite: {assumption: "A bloc for the power tests."}
"""

ACTOR = """  - id: {id}
    name: {id}
    cite: {{assumption: "A member for the power tests."}}
    memberships: {memberships}
    itinerary: {itinerary}
"""


def stay(place: str, start: int, end: int) -> str:
    return (
        f"{{place: {place}, start: 2000-01-0{start}, end: 2000-01-0{end}, "
        'cite: {assumption: "Fixture stay."}}'
    )


def actor(ident: str, rank: str, stays: list[str], cc: bool = False) -> str:
    cite = 'cite: {assumption: "Fixture membership."}'
    seats = [f"{{body: presidium, rank: {rank}, {cite}}}"]
    if cc:
        seats.append(f"{{body: cc, rank: member, {cite}}}")
    return ACTOR.format(
        id=ident, memberships="[" + ", ".join(seats) + "]", itinerary="[" + ", ".join(stays) + "]"
    )


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    home = [stay("capital", 1, 5)]
    travel = [stay("capital", 1, 1), stay("abroad", 2, 3), stay("capital", 4, 5)]
    actors = [actor("a", "full", [stay("abroad", 1, 1), stay("capital", 2, 5)], cc=True)]
    actors += [actor(x, "full", travel) for x in ("b", "c")]
    actors += [actor(x, "full", home) for x in ("d", "e", "f", "g")]
    actors.append(actor("h", "candidate", home))
    folder = tmp_path / "fixture"
    folder.mkdir()
    (folder / "scenario.yaml").write_text(FIXTURE.replace("{actors}", "".join(actors)))
    return folder


def test_body_game_leaves_out_absent_and_candidates(scenario: Path) -> None:
    bg = body_game(scenario, "presidium", "2000-01-02")
    assert bg.game.players == ("a", "d", "e", "f", "g")
    assert bg.game.quota == 3 and set(bg.absent) == {"b", "c"}
    assert bg.voters == 7 and bg.quorate
    assert bg.quota_rule(4) == 3 and bg.quota_rule(3) == 2
    full = body_game(scenario, "presidium", dt.date(2000, 1, 4))
    assert len(full.game.players) == 7 and full.game.quota == 4


def test_blocs_vote_as_one_or_split(scenario: Path) -> None:
    bg = body_game(scenario, "cc", "2000-01-03")
    weights = dict(zip(bg.game.players, bg.game.weights, strict=True))
    assert weights == {"a": 1, "loyal": 5, "rest[1]": 1, "rest[2]": 1, "rest[3]": 1, "rest[4]": 1}
    assert bg.game.quota == 6
    ss = shapley_shubik(bg.game)
    assert ss["loyal"] > 0.5 and ss["a"] == ss["rest[1]"]


@pytest.mark.parametrize(
    ("body", "day", "message"),
    [
        ("politburo", "2000-01-02", "unknown body 'politburo'"),
        ("presidium", "2000-02-01", "outside the scenario"),
        ("presidium", "2000-13-01", "impossible date"),
        ("cc", "2000-01-01", "no voting member of 'cc' is present"),
    ],
)
def test_bad_body_or_day(scenario: Path, body: str, day: str, message: str) -> None:
    with pytest.raises(PolitburoError, match=message):
        body_game(scenario, body, day)


def test_power_by_day(scenario: Path) -> None:
    timeline = power_by_day(scenario, "presidium", index="shapley")
    assert timeline.days[0] == dt.date(2000, 1, 1) and len(timeline.days) == 5
    assert timeline.members[0] == "b"  # a is away on day one, b and c come first
    assert timeline.value("a", "2000-01-01") == 0.0
    assert timeline.value("a", "2000-01-02") == pytest.approx(1 / 5)
    assert timeline.value("b", "2000-01-02") == 0.0
    assert timeline.value("d", "2000-01-04") == pytest.approx(1 / 7)
    assert timeline.quotas == (4, 3, 3, 4, 4)
    assert timeline.exact
    assert timeline.values[:, 1].sum() == pytest.approx(1.0)
    records = list(timeline.records())
    assert len(records) == 7 * 5 and records[0]["day"] == "2000-01-01"


def test_power_by_day_marks_days_without_a_game(scenario: Path) -> None:
    timeline = power_by_day(scenario, "cc")
    assert timeline.quotas[0] is None
    assert all(r["value"] is None for r in timeline.records() if r["day"] == "2000-01-01")
    with pytest.raises(PolitburoError, match="outside the scenario"):
        power_by_day(scenario, "cc", days=["1999-12-31"])
    with pytest.raises(PolitburoError, match="no voting member"):
        power_by_day(scenario, "cc", days=["2000-01-01"])


# -- the command ---------------------------------------------------------------------------


def run(cli: CliRunner, *args: str) -> tuple[int, str, str]:
    result = cli.invoke(app, ["power", *args])
    return result.exit_code, result.stdout, result.stderr


def test_cli_bare_game_text(cli: CliRunner) -> None:
    code, out, _ = run(cli, "--weights", "4,4,4,2,2,1", "--quota", "12")
    assert code == 0
    assert "0.2381" in out and "null players: 6" in out
    assert "minimal winning coalitions: 4" in out


def test_cli_bare_game_json_and_csv(cli: CliRunner) -> None:
    code, out, _ = run(
        cli,
        "--weights",
        "fr:4,de:4,it:4,be:2,nl:2,lu:1",
        "--quota",
        "12",
        "--index",
        "shapley",
        "--format",
        "json",
    )
    assert code == 0
    report = json.loads(out)
    assert report["index"] == "shapley_shubik" and report["exact"] is True
    assert [m["fraction"] for m in report["members"]][-1] == "0"
    assert report["null_players"] == ["lu"]
    code, out, _ = run(
        cli, "--weights", "7,7,7,7,7,1,1,1,1,1,1,1,1,1,1", "--quota", "39", "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 15
    assert float(rows[0]["banzhaf"]) == pytest.approx(0.1669, abs=5e-5)
    assert int(rows[-1]["swings"]) == 84


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weights", "4,-1,2", "--quota", "3"], "negative"),
        (["--weights", "4,1.5", "--quota", "3"], "not an integer"),
        (["--weights", "4,4", "--quota", "9"], "above the total weight 8"),
        (["--weights", "", "--quota", "1"], "no weights"),
        (["--weights", "4,4", "--body", "presidium"], "bare game"),
        (["--weights", "4,4", "--quota", "2.5"], "quota '2.5' is not an integer"),
        (["--weights", "4,4", "--quota", "0"], "quota 0 is below 1"),
        (["--weights", "4,4", "--plot", "/no/such/folder/f.png"], "folder does not exist"),
    ],
)
def test_cli_bad_bare_games_exit_1(cli: CliRunner, args: list[str], message: str) -> None:
    code, _, err = run(cli, *args)
    assert code == 1 and message in err and "Traceback" not in err


def test_cli_float_mode_states_its_error(cli: CliRunner) -> None:
    code, out, _ = run(cli, "--weights", "3,2,2,1", "--quota", "5", "--float", "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["exact"] is False and 0 < report["max_abs_error"] < 1e-12
    assert "swings" not in report["members"][0] and "absolute" in report["members"][0]
    code, out, _ = run(cli, "--weights", "3,2,2,1", "--quota", "5", "--float")
    assert code == 0 and "float64, error <=" in out


def test_cli_scenario_day_with_vote(cli: CliRunner, scenario: Path) -> None:
    code, out, _ = run(
        cli,
        str(scenario),
        "--body",
        "presidium",
        "--date",
        "2000-01-02",
        "--yes",
        "d,e,f",
        "--format",
        "json",
    )
    assert code == 0
    report = json.loads(out)
    assert report["absent"] == ["b", "c"] and report["quota"] == 3
    assert report["vote"]["passed"] is True
    assert report["vote"]["flipped_by_defection"] == ["d", "e", "f"]
    assert report["vote"]["flipped_by_absence"] == ["d", "e", "f"]  # 2 of 4 is no majority
    assert len(report["minimal_winning_coalitions"]) == 10


def test_cli_by_day_formats_and_plot(cli: CliRunner, scenario: Path, tmp_path: Path) -> None:
    code, out, _ = run(cli, str(scenario), "--body", "cc", "--by-day")
    assert code == 0 and "loyal" in out and "rest [each of 4]" in out
    code, out, _ = run(cli, str(scenario), "--body", "cc", "--by-day", "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["quotas"][0] is None and len(report["days"]) == 5
    code, out, _ = run(cli, str(scenario), "--body", "presidium", "--by-day", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert (
        code == 0
        and len(rows) == 35
        and set(rows[0]) == {"day", "member", "weight", "present", "value"}
    )
    figure = tmp_path / "presidium.png"
    code, _, err = run(cli, str(scenario), "--body", "presidium", "--by-day", "--plot", str(figure))
    assert code == 0 and figure.stat().st_size > 0 and "figure written" in err
    bar = tmp_path / "bar.svg"
    code, _, _ = run(cli, str(scenario), "--body", "cc", "--date", "2000-01-03", "--plot", str(bar))
    assert code == 0 and bar.read_text().startswith("<?xml")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--body", "politburo"], "unknown body 'politburo'"),
        (["--body", "presidium", "--date", "2001-01-01"], "outside the scenario"),
        (["--body", "cc", "--date", "2000-01-01"], "no voting member"),
        (["--body", "presidium", "--by-day", "--date", "2000-01-02"], "--by-day takes"),
        (["--body", "presidium", "--quota", "3"], "--quota goes with --weights"),
        (["--body", "presidium", "--yes", "zz"], "unknown player 'zz'"),
        (["--body", "presidium", "--plot", "figure.bmpx"], "figure format"),
        ([], "name a body with --body"),
    ],
)
def test_cli_scenario_errors_exit_1(
    cli: CliRunner, scenario: Path, args: list[str], message: str
) -> None:
    code, _, err = run(cli, str(scenario), *args)
    assert code == 1 and message in err and "Traceback" not in err


def test_a_member_away_every_day_keeps_his_row() -> None:
    """Suslov is on leave all month: he is a member, away each day, with no power."""
    from politburo.analysis.power.timeline import power_by_day

    timeline = power_by_day("june-1957", "presidium")
    row = timeline.members.index("suslov")
    assert not timeline.present[row].any() and (timeline.values[row] == 0).all()
    assert timeline.present[timeline.members.index("molotov")].any()
