"""What-ifs whose direction a historian would agree on, built from any scenario's data.

Each builder reads the scenario (its first challenge: target, leaders, arena, window) and
returns the edits of one intervention, or ``None`` when the scenario gives it nothing to act
on (no patronage ties to the target, no ally away, ...). :func:`effect` runs the what-if
against the unchanged scenario on common random numbers and returns the paired difference
in the challengers' success, with Newcombe's interval.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from politburo.experiments import whatif
from politburo.experiments.interventions import Intervention, parse_intervention
from politburo.experiments.stats import Estimate
from politburo.scenario import Scenario
from politburo.scenario.schema import ScenarioModel
from politburo.scenario.yaml_marks import Marks

__all__ = ["COUNTERFACTUALS", "effect", "extended", "intervention"]

Edits = list[dict[str, Any]]

FRIENDLY = ("patron", "ally")
"""Tie kinds by which an actor leans to the one he is tied to (he owes him, or is his ally)."""


def _challenge(raw: dict[str, Any]) -> dict[str, Any]:
    challenge: dict[str, Any] = raw["challenges"][0]
    return challenge


def _holders(raw: dict[str, Any], office: str) -> list[str]:
    return [
        a["id"] for a in raw["actors"] if any(o["office"] == office for o in a.get("offices") or [])
    ]


def _resources(raw: dict[str, Any], kind: str) -> list[tuple[str, str]]:
    return [
        (o["id"], r["id"])
        for o in raw.get("offices") or []
        for r in o.get("resources") or []
        if r["kind"] == kind
    ]


def cut_patronage(raw: dict[str, Any]) -> Edits | None:
    """Every actor and bloc that owes its career to the target loses that tie (both ways)."""
    target = _challenge(raw)["target"]
    owing = [
        x["id"]
        for x in [*raw["actors"], *(raw.get("groups") or [])]
        if any(t["to"] == target and t["kind"] == "patron" for t in x.get("ties") or [])
    ]
    return [{"cut_tie": {"actor": x, "to": target}} for x in owing] or None


def allies_present(raw: dict[str, Any]) -> Edits | None:
    """Members of the arena who lean to the target (owe him or are his allies) are at the
    arena's seat from the day before the window opens to the end."""
    ch = _challenge(raw)
    seat = next(b["seat"] for b in raw["bodies"] if b["id"] == ch["arena"])
    start = ch["window_start"] - dt.timedelta(days=1)
    allies = [
        a["id"]
        for a in raw["actors"]
        if any(m["body"] == ch["arena"] for m in a.get("memberships") or [])
        and any(t["to"] == ch["target"] and t["kind"] in FRIENDLY for t in a.get("ties") or [])
        and any(
            s["place"] != seat and s["end"] >= start and s["start"] <= ch["window_end"]
            for s in a.get("itinerary") or []
        )
    ]
    first = max(start, raw["start"])
    return [{"move": {"actor": a, "place": seat, "start": first}} for a in allies] or None


def no_transport_for_target(raw: dict[str, Any]) -> Edits | None:
    """Every transport resource the leaders of the challenge do not command is removed."""
    leaders = set(_challenge(raw)["leaders"])
    return [
        {"remove_resource": {"office": office, "resource": resource}}
        for office, resource in _resources(raw, "transport")
        if not leaders & set(_holders(raw, office))
    ] or None


def force_switches(raw: dict[str, Any]) -> Edits | None:
    """The holders of the means of force (other than the target) take the challengers' side."""
    ch = _challenge(raw)
    holders = {
        a
        for office, _ in _resources(raw, "coercion")
        for a in _holders(raw, office)
        if a != ch["target"]
    }
    return [{"fix_side": {"actor": a, "side": "challengers"}} for a in sorted(holders)] or None


def later_strike(raw: dict[str, Any]) -> Edits | None:
    """The challengers wait a week (run on :func:`extended`, which leaves them the time)."""
    return [{"shift_challenge": {"challenge": _challenge(raw)["id"], "days": LATER}}]


LATER = 7
"""Days by which :func:`later_strike` delays the strike and :func:`extended` extends."""


def extended(scenario: Scenario, days: int = LATER) -> Scenario:
    """The scenario running ``days`` longer: its end and every stay that lasts to the end."""
    raw = copy.deepcopy(scenario.raw)
    end = raw["end"] + dt.timedelta(days=days)
    for section in ("actors", "groups"):
        for x in raw.get(section) or []:
            for stay in x.get("itinerary") or []:
                if stay["end"] == raw["end"]:
                    stay["end"] = end
    raw["end"] = end
    model = ScenarioModel.model_validate(raw)
    return dataclasses.replace(scenario, model=model, raw=raw)


COUNTERFACTUALS: dict[str, Callable[[dict[str, Any]], Edits | None]] = {
    "cut-patronage": cut_patronage,
    "allies-present": allies_present,
    "no-transport-for-target": no_transport_for_target,
    "force-switches": force_switches,
    "later-strike": later_strike,
}
"""The what-ifs of docs/validation.md, by name."""


def intervention(scenario: Scenario, name: str) -> Intervention | None:
    """The what-if ``name`` of :data:`COUNTERFACTUALS` for ``scenario`` (for ``later-strike``,
    the :func:`extended` scenario), checked."""
    edits = COUNTERFACTUALS[name](scenario.raw)
    if edits is None:
        return None
    data = {"id": name, "description": f"counterfactual {name}", "edits": edits}
    return parse_intervention(data, Marks(), f"{name}.yaml", scenario)


def effect(
    scenario: Scenario, what: Intervention, runs: int, seed: int, sampled: bool
) -> tuple[float, Estimate]:
    """The challengers' success without the what-if, and its paired change with it."""
    report = whatif(scenario, [what], runs=runs, seed=seed, sample_evidence=sampled)
    ch = scenario.raw["challenges"][0]["id"]
    name = f"challenge.{ch}.succeeded"
    change = next(c for c in report.comparisons[0].outcomes if c.name == name)
    return change.base.value, change.difference
