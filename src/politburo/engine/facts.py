"""References from trace events to the scenario facts behind them, and their citations.

A fact reference is a path into the scenario's data whose segments are section names, ids of
items in lists of records, or list positions: ``actors/suslov/itinerary/0``,
``bodies/presidium/rule``, ``challenges/june/window``. :func:`citations_of` turns a path into
the citations the scenario gives for it, so that a replay can quote its sources.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from politburo.engine.compile import CompiledScenario
from politburo.scenario.schema import Citation, ScenarioModel

__all__ = [
    "body_fact",
    "citations_of",
    "itinerary_fact",
    "lookup",
    "membership_fact",
    "office_fact",
    "person_facts",
    "resource_facts",
    "route_fact",
]


def lookup(model: ScenarioModel, path: str) -> Any:
    """The object at ``path`` in the scenario, or ``None`` if there is none."""
    node: Any = model
    for part in path.split("/"):
        if isinstance(node, BaseModel):
            node = getattr(node, part, None)
        elif isinstance(node, list):
            if part.isdigit():
                index = int(part)
                node = node[index] if index < len(node) else None
            else:
                node = next((x for x in node if getattr(x, "id", None) == part), None)
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
        if node is None:
            return None
    return node


def citations_of(model: ScenarioModel, path: str) -> list[Citation]:
    """The citations behind the fact at ``path``: its own ``cite``, or its parent's."""
    parts = path.split("/")
    while parts:
        node = lookup(model, "/".join(parts))
        cite = getattr(node, "cite", None)
        if isinstance(cite, list) and cite:
            return list(cite)
        parts.pop()
    return []


def itinerary_fact(compiled: CompiledScenario, actor: int, day: int) -> list[str]:
    """The stay that puts ``actor`` where he is on ``day``, if the itinerary gives one."""
    person = compiled.model.actors[actor]
    date = compiled.day(day)
    for k, stay in enumerate(person.itinerary):
        if stay.covers(date):
            return [f"actors/{person.id}/itinerary/{k}"]
    return []


def membership_fact(compiled: CompiledScenario, actor: int, body: int, day: int) -> list[str]:
    """The membership that seats ``actor`` in ``body`` on ``day``."""
    person = compiled.model.actors[actor]
    body_id, date = compiled.body_ids[body], compiled.day(day)
    return [
        f"actors/{person.id}/memberships/{k}"
        for k, ms in enumerate(person.memberships)
        if ms.body == body_id and ms.covers(date)
    ]


def body_fact(compiled: CompiledScenario, body: int, part: str = "rule") -> list[str]:
    """A part of a body's description (``rule``, ``powers``, ``convened_by``)."""
    return [f"bodies/{compiled.body_ids[body]}/{part}"]


def office_fact(compiled: CompiledScenario, actor: int, office: int) -> list[str]:
    """The holding of ``office`` by ``actor``."""
    person = compiled.model.actors[actor]
    office_id = compiled.office_ids[office]
    return [
        f"actors/{person.id}/offices/{k}"
        for k, h in enumerate(person.offices)
        if h.office == office_id
    ]


def resource_facts(compiled: CompiledScenario, resources: list[int]) -> list[str]:
    """The resources used in a step."""
    return [
        f"offices/{compiled.office_ids[compiled.resource_office[r]]}/resources/"
        f"{compiled.resource_ids[r]}"
        for r in resources
    ]


def route_fact(compiled: CompiledScenario, a: int, b: int) -> list[str]:
    """The route between places ``a`` and ``b``, if the scenario gives one directly."""
    pa, pb = compiled.place_ids[a], compiled.place_ids[b]
    return [
        f"routes/{k}" for k, r in enumerate(compiled.model.routes) if set(r.between) == {pa, pb}
    ]


def person_facts(compiled: CompiledScenario, actor: int, terms: list[str]) -> list[str]:
    """The positions, ties, grievances, fears and traits behind an actor's decision."""
    person = compiled.model.actors[actor]
    base = f"actors/{person.id}"
    out: list[str] = []
    if "policy" in terms:
        out += [f"{base}/positions/{k}" for k in range(len(person.positions))]
    if "ties" in terms:
        out += [f"{base}/ties/{k}" for k in range(len(person.ties))]
    if "grievance" in terms:
        out += [f"{base}/grievances/{k}" for k in range(len(person.grievances))]
    if "fear" in terms:
        out += [f"{base}/fears/{k}" for k in range(len(person.fears))]
    if {"commitment", "bandwagon", "risk"} & set(terms):
        out += [f"{base}/traits/{k}" for k in range(len(person.traits))]
    return out
