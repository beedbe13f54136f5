"""The scenario facts behind trace events, named by path.

A procedure that logs an event names the facts it rests on as paths into the scenario's data
in the grammar of :mod:`politburo.scenario.paths` (``actors/suslov/itinerary/0``,
``bodies/presidium/rule``, ``challenges/june``), built here from the compiled scenario alone
(:class:`~politburo.engine.compile.FactIndex`). :func:`citations_of` turns such a path into
the citations the scenario gives for it, so that a replay can quote its sources; it resolves
the path with the scenario layer's grammar.
"""

from __future__ import annotations

from politburo.engine.compile import CompiledScenario
from politburo.scenario.paths import citations_at
from politburo.scenario.schema import Citation, ScenarioModel

__all__ = [
    "body_fact",
    "citations_of",
    "itinerary_fact",
    "membership_fact",
    "office_fact",
    "person_facts",
    "resource_facts",
    "route_fact",
]


def citations_of(model: ScenarioModel, path: str) -> list[Citation]:
    """The citations behind the fact at ``path``: its own ``cite``, or its parent's."""
    return citations_at(model, path)


def itinerary_fact(compiled: CompiledScenario, actor: int, day: int) -> list[str]:
    """The stay that puts ``actor`` where he is on ``day``, if the itinerary gives one."""
    for k, (first, last) in enumerate(compiled.facts.stays[actor]):
        if first <= day <= last:
            return [f"actors/{compiled.actor_ids[actor]}/itinerary/{k}"]
    return []


def membership_fact(compiled: CompiledScenario, actor: int, body: int, day: int) -> list[str]:
    """The membership that seats ``actor`` in ``body`` on ``day``."""
    return [
        f"actors/{compiled.actor_ids[actor]}/memberships/{k}"
        for k, (b, (first, last)) in enumerate(compiled.facts.memberships[actor])
        if b == body and first <= day <= last
    ]


def body_fact(compiled: CompiledScenario, body: int, part: str = "rule") -> list[str]:
    """A part of a body's description (``rule``, ``powers``, ``convened_by``)."""
    return [f"bodies/{compiled.body_ids[body]}/{part}"]


def office_fact(compiled: CompiledScenario, actor: int, office: int) -> list[str]:
    """The holding of ``office`` by ``actor``."""
    return [
        f"actors/{compiled.actor_ids[actor]}/offices/{k}"
        for k, o in enumerate(compiled.facts.holdings[actor])
        if o == office
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
    return [f"routes/{k}" for k, r in enumerate(compiled.facts.routes) if r == {a, b}]


def person_facts(compiled: CompiledScenario, actor: int, terms: list[str]) -> list[str]:
    """The positions, ties, grievances, fears and traits behind an actor's decision."""
    base = f"actors/{compiled.actor_ids[actor]}"
    count = compiled.facts.sections[actor]
    out: list[str] = []
    if "policy" in terms:
        out += [f"{base}/positions/{k}" for k in range(count["positions"])]
    if "ties" in terms:
        out += [f"{base}/ties/{k}" for k in range(count["ties"])]
    if "grievance" in terms:
        out += [f"{base}/grievances/{k}" for k in range(count["grievances"])]
    if "fear" in terms:
        out += [f"{base}/fears/{k}" for k in range(count["fears"])]
    if {"commitment", "bandwagon", "risk"} & set(terms):
        out += [f"{base}/traits/{k}" for k in compiled.facts.traits[actor]]
    return out
