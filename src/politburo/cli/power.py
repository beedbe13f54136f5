"""The ``power`` command: voting power in a scenario's body, on a day or day by day.

politburo power [SCENARIO] --body B [--date D | --by-day] [--index banzhaf|shapley]
                [--format text|json|csv] [--plot FILE] [--yes A,B,...]
politburo power --weights 4,4,4,2,2,1 --quota 12
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from politburo.cli.common import csv_text, echo_json, user_errors
from politburo.errors import PolitburoError, Problem

if TYPE_CHECKING:
    from politburo.analysis.power import PowerIndex, VoteSwings, WeightedGame
    from politburo.analysis.power.scenario_games import BodyGame
    from politburo.analysis.power.timeline import PowerTimeline
    from politburo.scenario.queries import Whereabouts

__all__ = ["register"]

LISTED_COALITIONS = 1000
"""Most minimal winning coalitions written out in JSON (text lists at most a dozen)."""


class IndexChoice(StrEnum):
    """Power indices the command offers."""

    banzhaf = "banzhaf"
    shapley = "shapley"


class PowerFormat(StrEnum):
    """Output formats of the command."""

    text = "text"
    json = "json"
    csv = "csv"


def register(app: typer.Typer) -> None:
    """Add the ``power`` command to ``app``."""
    app.command("power")(power)


def power(
    scenario: Annotated[
        str | None,
        typer.Argument(help="A bundled scenario's name or a scenario folder (default june-1957)."),
    ] = None,
    body: Annotated[str | None, typer.Option(help="The body whose game to measure.")] = None,
    date: Annotated[str | None, typer.Option(help="Day, YYYY-MM-DD (default: first).")] = None,
    by_day: Annotated[bool, typer.Option("--by-day", help="Every day of the scenario.")] = False,
    index: Annotated[IndexChoice, typer.Option(help="Power index.")] = IndexChoice.banzhaf,
    format: Annotated[PowerFormat, typer.Option("--format", help="text, json or csv.")] = (
        PowerFormat.text
    ),
    plot: Annotated[str | None, typer.Option(help="Write a figure (.png, .svg, .pdf).")] = None,
    weights: Annotated[
        str | None, typer.Option(help="A bare game: weights like 4,4,4,2,2,1 or a:4,b:2.")
    ] = None,
    quota: Annotated[
        str | None, typer.Option(help="Quota of the bare game (default: a majority).")
    ] = None,
    yes: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated yes voters: which single defection or absence flips it."
        ),
    ] = None,
    exact: Annotated[
        bool | None,
        typer.Option("--exact/--float", help="Force exact integers or float64 (default: auto)."),
    ] = None,
    from_replay: Annotated[
        bool,
        typer.Option(
            "--from-replay",
            help="Members present as the replay moves them, not by the schedule (itineraries).",
        ),
    ] = False,
    seed: Annotated[int, typer.Option(help="With --from-replay: the replay's seed.")] = 0,
) -> None:
    """Voting power (Banzhaf or Shapley-Shubik) of the members present in a body: present by
    the schedule (the itineraries as written), or as the replay moves them with
    --from-replay."""
    from politburo.analysis.power import power_index
    from politburo.seeds import check_seed

    name = "banzhaf" if index is IndexChoice.banzhaf else "shapley_shubik"
    with user_errors():
        check_seed(seed)
        if plot is not None:
            from politburo.analysis.power.plot import check_figure_path

            check_figure_path(plot)
        figure: PowerIndex | PowerTimeline
        if weights is not None:
            _refuse_with_weights(scenario, body, date, by_day or from_replay)
            game = _bare_game(weights, quota)
            figure = power_index(game, name, exact=exact)
            _emit_game(figure, None, _vote(game, yes, None), format)
        elif by_day:
            loaded, body_id = _scenario(scenario, body, quota)
            if date is not None or yes is not None:
                raise PolitburoError(Problem("--by-day takes neither --date nor --yes"))
            where = _whereabouts(loaded, from_replay, seed)
            figure = _timeline(loaded, body_id, name, exact, where)
            _emit_timeline(figure, format, where.label)
        else:
            from politburo.analysis.power.scenario_games import body_game
            from politburo.scenario.dates import parse_day

            loaded, body_id = _scenario(scenario, body, quota)
            where = _whereabouts(loaded, from_replay, seed)
            day = parse_day(date, field="--date") if date is not None else loaded.model.start
            bg = body_game(loaded, body_id, day, where)
            figure = power_index(bg.game, name, exact=exact)
            _emit_game(figure, bg, _vote(bg.game, yes, bg.quota_rule), format, where.label)
        if plot is not None:
            _plot(figure, plot)


# -- building the game ------------------------------------------------------------------


def _whereabouts(loaded: Any, from_replay: bool, seed: int) -> Whereabouts:
    """The schedule's whereabouts, or the replay's with ``from_replay``."""
    from politburo.scenario.queries import Schedule

    if not from_replay:
        return Schedule(loaded)
    from politburo.analysis.presence import ReplayWhereabouts

    return ReplayWhereabouts(loaded, seed)


def _refuse_with_weights(
    scenario: str | None, body: str | None, date: str | None, by_day: bool
) -> None:
    given = [
        opt
        for opt, v in (("SCENARIO", scenario), ("--body", body), ("--date", date))
        if v is not None
    ]
    if by_day:
        given.append("--by-day or --from-replay")
    if given:
        raise PolitburoError(
            Problem(f"--weights is a bare game; it takes no {', '.join(given)}", field="weights")
        )


def _bare_game(weights: str, quota: str | None) -> WeightedGame:
    from politburo.analysis.power import WeightedGame, majority_quota, parse_weights

    names, values = parse_weights(weights)
    if quota is None:
        return WeightedGame(values, majority_quota(sum(values)), names)
    text = quota.strip()
    if not text.lstrip("+-").isdigit() or not text.isascii():
        raise PolitburoError(Problem(f"quota {quota!r} is not an integer", field="quota"))
    return WeightedGame(values, int(text), names)


def _scenario(scenario: str | None, body: str | None, quota: str | None) -> tuple[Any, str]:
    from politburo.scenario import load_scenario
    from politburo.scenario.bundled import DEFAULT_SCENARIO

    if quota is not None:
        raise PolitburoError(Problem("--quota goes with --weights; a body's rule sets its quota"))
    loaded = load_scenario(scenario or DEFAULT_SCENARIO)
    if body is None:
        known = ", ".join(loaded.body_ids())
        raise PolitburoError(Problem(f"name a body with --body; known: {known}", field="--body"))
    return loaded, body


def _vote(game: WeightedGame, yes: str | None, rule: Any) -> VoteSwings | None:
    from politburo.analysis.power import vote_swings

    if yes is None:
        return None
    names = [n.strip() for n in yes.split(",") if n.strip()]
    return vote_swings(game, names, quota_rule=rule)


def _timeline(
    loaded: Any, body: str, name: str, exact: bool | None, where: Whereabouts
) -> PowerTimeline:
    from politburo.analysis.power.timeline import power_by_day

    return power_by_day(loaded, body, index=name, exact=exact, whereabouts=where)


def _plot(what: PowerIndex | PowerTimeline, path: str) -> None:
    from politburo.analysis.power.plot import plot_index, plot_timeline
    from politburo.analysis.power.timeline import PowerTimeline

    if isinstance(what, PowerTimeline):
        plot_timeline(what, path)
    else:
        plot_index(what, path)
    typer.echo(f"figure written to {path}", err=True)


# -- one game -----------------------------------------------------------------------------


def _game_report(
    result: PowerIndex, bg: BodyGame | None, swings: VoteSwings | None
) -> dict[str, Any]:
    from politburo.analysis.power import (
        minimal_winning_coalitions,
        null_players,
        veto_players,
    )
    from politburo.analysis.power.coalitions import (
        MAX_ENUMERATED_PLAYERS,
        count_minimal_winning_coalitions,
    )

    game = result.game
    absolute = _absolute(result)
    report: dict[str, Any] = {}
    if bg is not None:
        report.update(
            scenario=bg.scenario,
            body=bg.body,
            date=bg.day.isoformat(),
            absent=list(bg.absent),
            quorate=bg.quorate,
        )
    report.update(
        index=result.index,
        quota=game.quota,
        total_weight=game.total,
        exact=result.exact,
        max_abs_error=result.max_abs_error,
    )
    members = []
    for i, (player, weight) in enumerate(zip(game.players, game.weights, strict=True)):
        entry: dict[str, Any] = {"member": player, "weight": weight, "value": result.values[i]}
        if result.fractions is not None:
            entry["fraction"] = str(result.fractions[i])
        if absolute is not None:
            entry["absolute"] = absolute[i]
        if result.swings is not None:
            entry["swings"] = result.swings[i]
        members.append(entry)
    report["members"] = members
    report["listed"] = _listed(game)
    report["null_players"] = list(null_players(game))
    report["veto_players"] = list(veto_players(game))
    count = count_minimal_winning_coalitions(game)
    report["minimal_winning_coalitions_count"] = count
    if game.n <= MAX_ENUMERATED_PLAYERS and count <= LISTED_COALITIONS:
        report["minimal_winning_coalitions"] = [list(c) for c in minimal_winning_coalitions(game)]
    if swings is not None:
        report["vote"] = {
            "passed": swings.passed,
            "yes_weight": swings.yes_weight,
            "present_weight": swings.present_weight,
            "quota": swings.quota,
            "flipped_by_defection": list(swings.defections),
            "flipped_by_absence": list(swings.absences),
        }
    return report


def _listed(game: WeightedGame) -> bool:
    """Whether the weights are too large for tables, so that coalitions are listed instead
    (few players; many are refused with a message)."""
    from politburo.analysis.power import _dp

    return game.quota > _dp.MAX_CELLS["object"] and game.n <= _dp.ENUMERATE_MAX_PLAYERS


def _absolute(result: PowerIndex) -> tuple[float, ...] | None:
    """The absolute Banzhaf index beside a normalized one (None for Shapley-Shubik)."""
    from politburo.analysis.power import banzhaf

    if result.index != "banzhaf":
        return None
    if result.swings is not None:
        scale = 2 ** (result.game.n - 1)
        return tuple(s / scale for s in result.swings)
    return banzhaf(result.game, absolute=True, exact=False).values


def _presence_text(label: str) -> str:
    if label == "schedule":
        return "by the schedule (the itineraries as written; --from-replay for the replay's)"
    return label


def _emit_game(
    result: PowerIndex,
    bg: BodyGame | None,
    swings: VoteSwings | None,
    format: PowerFormat,
    presence: str | None = None,
) -> None:
    if format is PowerFormat.json:
        report = _game_report(result, bg, swings)
        if presence is not None:
            report["presence"] = presence
        echo_json(report, allow_nan=False)
        return
    if format is PowerFormat.csv:
        absolute = _absolute(result)
        extra = ["banzhaf_absolute"] if absolute is not None else []
        extra += ["swings"] if result.swings is not None else []
        rows: list[list[Any]] = []
        for i, (player, weight) in enumerate(zip(result.players, result.game.weights, strict=True)):
            row: list[Any] = [player, weight, _csv_value(result.values[i])]
            if absolute is not None:
                row.append(_csv_value(absolute[i]))
            if result.swings is not None:
                row.append(result.swings[i])
            rows.append(row)
        typer.echo(csv_text(["member", "weight", result.index, *extra], rows), nl=False)
        return
    text = _game_report(result, bg, swings)
    if presence is not None:
        text["presence"] = presence
    _game_text(text)


def _labelled_groups(members: Sequence[str]) -> list[tuple[str, list[int]]]:
    """Members with each split bloc on one line: ``bloc [each of k]``."""
    from politburo.analysis.power.timeline import group_members

    return [
        (name if len(positions) == 1 else f"{name} [each of {len(positions)}]", positions)
        for name, positions in group_members(members)
    ]


def _label_width(groups: Sequence[tuple[str, list[int]]]) -> int:
    """Width of the first column of a table of :func:`_labelled_groups`."""
    return max(28, *(len(label) + 2 for label, _ in groups))


def _bound(exact: bool, max_abs_error: float) -> str:
    """How exact the values of a table are, as its last line says."""
    return "(exact)" if exact else f"(float64, error <= {max_abs_error:.1e})"


def _csv_value(value: float | None) -> str:
    """A value as CSV writes it: every digit (``repr``), empty where there is none."""
    return "" if value is None else repr(value)


def _fmt(value: float | None) -> str:
    if value is None or math.isnan(value):
        return ""
    return f"{value:.4f}" if value == 0 or value >= 0.001 else f"{value:.2e}"


def _game_text(report: dict[str, Any]) -> None:
    label = {"banzhaf": "Banzhaf", "shapley_shubik": "Shapley-Shubik"}[report["index"]]
    where = ""
    if "body" in report:
        where = f"{report['scenario']} · {report['body']} · {report['date']}: "
    present = " present" if "body" in report else ""
    typer.echo(f"{where}quota {report['quota']} of {report['total_weight']} votes{present}")
    if "presence" in report:
        typer.echo(f"presence: {_presence_text(report['presence'])}")
    if report.get("absent"):
        typer.echo(f"absent: {', '.join(report['absent'])}")
    if report.get("listed"):
        typer.echo(
            f"note: a quota of {report['quota']:,} is too large for tables; the coalitions of "
            f"{len(report['members'])} players are listed instead"
        )
    if report.get("quorate") is False:
        typer.echo("note: fewer voting members present than the rule's quorum")
    members = report["members"]
    banzhaf = report["index"] == "banzhaf"
    groups = _labelled_groups([m["member"] for m in members])
    width = _label_width(groups)
    head = f"{'member':<{width}}{'weight':>7}  {label:>14}"
    head += f"  {'absolute':>10}" if banzhaf else ""
    head += f"  {'swings':>12}" if "swings" in members[0] else ""
    typer.echo(head)
    for name, positions in groups:
        m = members[positions[0]]
        line = f"{name:<{width}}{m['weight']:>7}  {_fmt(m['value']):>14}"
        line += f"  {_fmt(m['absolute']):>10}" if banzhaf else ""
        line += f"  {m['swings']:>12}" if "swings" in m else ""
        typer.echo(line)
    typer.echo(_bound(report["exact"], report["max_abs_error"]))
    for key, text in (("null_players", "null players"), ("veto_players", "veto players")):
        typer.echo(f"{text}: {', '.join(report[key]) or 'none'}")
    listed = report.get("minimal_winning_coalitions")
    typer.echo(f"minimal winning coalitions: {report['minimal_winning_coalitions_count']}")
    if listed is not None and len(listed) <= 12:
        for coalition in listed:
            typer.echo(f"  {' + '.join(coalition)}")
    vote = report.get("vote")
    if vote is not None:
        verdict = "carries" if vote["passed"] else "fails"
        typer.echo(
            f"vote: {verdict} with {vote['yes_weight']} of {vote['present_weight']} "
            f"(quota {vote['quota']})"
        )
        typer.echo(f"  one defection flips it: {', '.join(vote['flipped_by_defection']) or 'none'}")
        typer.echo(f"  one absence flips it: {', '.join(vote['flipped_by_absence']) or 'none'}")


# -- a timeline ---------------------------------------------------------------------------


def _emit_timeline(timeline: PowerTimeline, format: PowerFormat, presence: str) -> None:
    if format is PowerFormat.json:
        members = [
            {
                "member": member,
                "values": [None if math.isnan(v) else float(v) for v in timeline.values[i]],
                "weights": [int(w) for w in timeline.weights[i]],
                "present": [bool(p) for p in timeline.present[i]],
            }
            for i, member in enumerate(timeline.members)
        ]
        report = {
            "scenario": timeline.scenario,
            "body": timeline.body,
            "index": timeline.index,
            "presence": presence,
            "days": [d.isoformat() for d in timeline.days],
            "quotas": list(timeline.quotas),
            "exact": timeline.exact,
            "max_abs_error": timeline.max_abs_error,
            "members": members,
        }
        echo_json(report, allow_nan=False)
        return
    if format is PowerFormat.csv:
        rows = (
            (r["day"], r["member"], r["weight"], r["present"], _csv_value(r["value"]))
            for r in timeline.records()
        )
        typer.echo(csv_text(["day", "member", "weight", "present", "value"], rows), nl=False)
        return
    groups = _labelled_groups(timeline.members)
    width = _label_width(groups)
    typer.echo(f"{timeline.scenario} · {timeline.body} · {timeline.index}, by day")
    typer.echo(f"presence: {_presence_text(presence)}")
    typer.echo(f"{'member':<{width}}" + "".join(f"{d:%m-%d}".rjust(8) for d in timeline.days))
    typer.echo(f"{'quota':<{width}}" + "".join(f"{q if q else '-':>8}" for q in timeline.quotas))
    for label, positions in groups:
        i = positions[0]
        cells = [
            _fmt(float(v)) if present or math.isnan(v) else "away"
            for v, present in zip(timeline.values[i], timeline.present[i], strict=True)
        ]
        typer.echo(f"{label:<{width}}" + "".join(c.rjust(8) for c in cells))
    typer.echo(_bound(timeline.exact, timeline.max_abs_error))
