"""Mechanisms carry the outcome: change the data, and the outcome moves as the mechanism says.

Each test edits the June 1957 scenario's data (never an engine flag) and checks the seeded
replay and a batch of runs.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from politburo.engine import compile_scenario, replay, simulate
from politburo.scenario import Scenario
from politburo.scenario.schema import ScenarioModel
from tests.engine.conftest import edited, item

RUNS = 200
HELD = "office.first-secretary.holder_at_end"


def _kept_share(model: ScenarioModel) -> float:
    compiled = compile_scenario(model)
    target = compiled.actor_index["khrushchev"]
    batch = simulate(compiled, seed=0, runs=RUNS)
    return float((batch.columns[HELD] == target).mean())


def _holds_at_end(model: ScenarioModel) -> bool:
    return bool(replay(model, seed=0).final["offices"]["first-secretary"] == "khrushchev")


def test_as_recorded_he_keeps_the_office(june: Scenario) -> None:
    assert _holds_at_end(june.model)
    assert _kept_share(june.model) >= 0.8


def test_if_the_presidium_may_remove_him_he_is_removed(june: Scenario) -> None:
    def grant(raw: dict[str, Any]) -> None:
        presidium = item(raw["bodies"], "presidium")
        presidium["powers"].append(
            {"motion": "remove", "office": "first-secretary",
             "cite": {"assumption": "counterfactual: the Presidium may remove him"}}
        )

    model = edited(june, grant)
    assert not _holds_at_end(model)
    assert _kept_share(model) <= 0.1
    kinds = {e.kind for e in replay(model, seed=0).events}
    assert "appeal" not in kinds


def test_if_he_complies_when_asked_he_is_removed(june: Scenario) -> None:
    def meek(raw: dict[str, Any]) -> None:
        khrushchev = item(raw["actors"], "khrushchev")
        for trait in khrushchev["traits"]:
            if trait["name"] == "resolve":
                trait["value"] = 0.0

    model = edited(june, meek)
    trace = replay(model, seed=0)
    assert trace.of_kind("comply")
    assert trace.final["offices"]["first-secretary"] != "khrushchev"
    assert _kept_share(model) <= 0.2


def test_if_nobody_can_reach_moscow_before_the_deadline_he_loses(june: Scenario) -> None:
    def stranded(raw: dict[str, Any]) -> None:
        for route in raw.get("routes", []):
            route["days"] = 30
            route.pop("days_by_air", None)
        for group in raw["groups"]:
            for stay in group["itinerary"]:
                stay["place"] = "provinces"

    model = edited(june, stranded)
    trace = replay(model, seed=0)
    assert not trace.of_kind("petition")
    assert trace.of_kind("fait-accompli")
    assert trace.final["offices"]["first-secretary"] != "khrushchev"
    assert _kept_share(model) <= 0.2


def test_if_his_clients_owe_him_nothing_the_plenum_does_not_save_him(june: Scenario) -> None:
    """No member of the committee, named or in a bloc, owes him his career: the patron ties
    go, and with them the loyalty the data attributes to them (the loyal share of a bloc that
    was tied to him becomes wavering)."""

    def ungrateful(raw: dict[str, Any]) -> None:
        for group in raw["groups"]:
            if any(t["to"] == "khrushchev" for t in group.get("ties", [])):
                group["ties"] = [t for t in group["ties"] if t["to"] != "khrushchev"]
                lean = group["disposition"]
                lean["wavering"] = round(lean["wavering"] + lean["loyal"], 6)
                lean["loyal"] = 0.0
        for actor in raw["actors"]:
            actor["ties"] = [
                t for t in actor.get("ties", [])
                if not (t["to"] == "khrushchev" and t["kind"] == "patron")
                and not (actor["id"] == "khrushchev" and t["kind"] == "client")
            ]

    model = edited(june, ungrateful)
    assert not _holds_at_end(model)
    assert _kept_share(model) <= 0.2


def test_who_deserts_first_follows_the_data_not_a_list(june: Scenario) -> None:
    """Make Saburov the group's firmest adherent: he no longer deserts first."""

    def firm(raw: dict[str, Any]) -> None:
        saburov = item(raw["actors"], "saburov")
        saburov["ties"] = []
        saburov["traits"] = [
            {"name": "commitment", "value": 1.0, "cite": {"assumption": "counterfactual"}},
        ]

    compiled = compile_scenario(edited(june, firm))
    batch = simulate(compiled, seed=0, runs=RUNS)
    saburov = batch.columns["actor.saburov.deserted_day"]
    pervukhin = batch.columns["actor.pervukhin.deserted_day"]
    first = (saburov >= 0) & ((pervukhin < 0) | (saburov < pervukhin))
    assert first.mean() < 0.5
    assert np.isfinite(saburov).all()
