"""Cross-file checks of a validated scenario: unique ids, references, dates, quotes."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from politburo.errors import PolitburoError, Problem
from politburo.evidence.text import locate_quote
from politburo.scenario.checks_ballots import check_ballots
from politburo.scenario.checks_conduct import check_landing_posts
from politburo.scenario.checks_escalation import check_escalation
from politburo.scenario.checks_force import check_opening
from politburo.scenario.checks_outsiders import check_outsiders
from politburo.scenario.paths import touches_record
from politburo.scenario.schema import Citation, Dated, MembershipTarget, Stay
from politburo.scenario.schema.actors import DEPRECATED_TRAITS
from politburo.scenario.schema.common import MAX_COUNT

if TYPE_CHECKING:
    from politburo.scenario.loading import Scenario

__all__ = ["check_scenario", "deprecations", "walk_citations"]

DataPath = tuple[str | int, ...]


def check_scenario(scenario: Scenario) -> list[Problem]:
    """Every problem the schema alone cannot see, each with file, line and field."""
    return _Checker(scenario).run()


def deprecations(scenario: Scenario) -> list[Problem]:
    """Notices, each with file, line and field, of the deprecated fields ``scenario`` sets.

    They are accepted so that old scenario files load and mean what they did; none has an
    effect (the engine never read them). ``politburo check`` prints them as warnings.
    """
    from politburo.scenario.loading import field_name

    def notice(path: DataPath, message: str) -> Problem:
        file, line = scenario.marks.locate(path)
        return Problem(message, file=file, line=line, field=field_name(path, scenario.raw))

    found: list[Problem] = []
    for b, body in enumerate(scenario.model.bodies):
        for r, rank in enumerate(body.ranks):
            for name in ("speak", "attend"):
                if getattr(rank, name) is not None:
                    found.append(
                        notice(
                            ("bodies", b, "ranks", r, name),
                            "deprecated, and has no effect: every member present attends and "
                            "may speak; delete the line",
                        )
                    )
    for a, actor in enumerate(scenario.model.actors):
        for t, trait in enumerate(actor.traits):
            if trait.name in DEPRECATED_TRAITS:
                found.append(
                    notice(
                        ("actors", a, "traits", t, "name"),
                        f"the trait {trait.name!r} is deprecated, and has no effect: no "
                        "mechanism reads it; delete the trait (or give what it stands for as "
                        "a grievance, tie or position)",
                    )
                )
    return found


class _Checker:
    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.model = scenario.model
        self.problems: list[Problem] = []

    def run(self) -> list[Problem]:
        self._unique_ids()
        self._references()
        check_ballots(self.model, self.report)
        self._intervals()
        self._dates_in_period()
        self._counts()
        self._quotes()
        self._versions_keep_the_record()
        check_landing_posts(self.model, self.report)
        check_escalation(self.model, self.report)
        check_opening(self.model, self.report)
        check_outsiders(self.model, self.report)
        return self.problems

    def report(self, path: DataPath, message: str) -> None:
        from politburo.scenario.loading import field_name

        file, line = self.scenario.marks.locate(path)
        self.problems.append(
            Problem(message, file=file, line=line, field=field_name(path, self.scenario.raw))
        )

    # -- ids ---------------------------------------------------------------------------

    def _unique_ids(self) -> None:
        m = self.model
        sections: dict[str, Sequence[Any]] = {
            "sources": m.sources,
            "places": m.places,
            "issues": m.issues,
            "offices": m.offices,
            "bodies": m.bodies,
            "calendar": m.calendar,
            "challenges": m.challenges,
            "contested": m.contested,
            "record": m.record,
        }
        for section, items in sections.items():
            self._no_duplicates([(section, i) for i in range(len(items))], [x.id for x in items])
        people: list[DataPath] = [("actors", i) for i in range(len(m.actors))]
        people += [("groups", i) for i in range(len(m.groups))]
        self._no_duplicates(people, [a.id for a in m.actors] + [g.id for g in m.groups])
        resources = [
            (("offices", i, "resources", j), r.id)
            for i, office in enumerate(m.offices)
            for j, r in enumerate(office.resources)
        ]
        self._no_duplicates([p for p, _ in resources], [r for _, r in resources])

    def _no_duplicates(self, paths: Sequence[DataPath], ids: list[str]) -> None:
        seen: dict[str, DataPath] = {}
        for path, ident in zip(paths, ids, strict=True):
            if ident in seen:
                self.report((*path, "id"), f"duplicate id {ident!r}")
            seen.setdefault(ident, path)

    # -- references --------------------------------------------------------------------

    def _references(self) -> None:
        m = self.model
        actors = {a.id for a in m.actors}
        people = actors | {g.id for g in m.groups}
        places = {p.id for p in m.places}
        offices = {o.id for o in m.offices}
        bodies = {b.id: b for b in m.bodies}
        issues = {i.id for i in m.issues}

        def need(path: DataPath, value: str | None, known: Iterable[str], kind: str) -> None:
            if value is not None and value not in known:
                choices = ", ".join(sorted(known)) or "none"
                self.report(path, f"unknown {kind} {value!r}; known: {choices}")

        def seat(path: DataPath, body: str, rank: str | None) -> None:
            need((*path, "body"), body, bodies, "body")
            if body in bodies and rank is not None and bodies[body].rank(rank) is None:
                ranks = {r.id for r in bodies[body].ranks}
                need((*path, "rank"), rank, ranks, f"rank of {body}")

        for i, body in enumerate(m.bodies):
            need(("bodies", i, "seat"), body.seat, places, "place")
            need(("bodies", i, "chair"), body.chair, offices, "office")
            for j, power in enumerate(body.powers):
                need(("bodies", i, "powers", j, "office"), power.office, offices, "office")
                need(("bodies", i, "powers", j, "body"), power.body, bodies, "body")
            for j, rule in enumerate(body.convened_by):
                need(("bodies", i, "convened_by", j, "body"), rule.body, bodies, "body")
        for i, office in enumerate(m.offices):
            need(("offices", i, "body"), office.body, bodies, "body")
            for j, res in enumerate(office.resources):
                for k, who in enumerate(res.commanders):
                    need(("offices", i, "resources", j, "commanders", k), who, actors, "actor")
                if res.commanders and res.kind != "coercion":
                    self.report(
                        ("offices", i, "resources", j, "commanders"),
                        f"only a coercion resource has commanders, not a {res.kind} resource",
                    )
        for i, route in enumerate(m.routes):
            for j, place in enumerate(route.between):
                need(("routes", i, "between", j), place, places, "place")
        for i, actor in enumerate(m.actors):
            base: DataPath = ("actors", i)
            for j, ms in enumerate(actor.memberships):
                seat((*base, "memberships", j), ms.body, ms.rank)
            for j, holding in enumerate(actor.offices):
                need((*base, "offices", j, "office"), holding.office, offices, "office")
            self._person_links(base, actor, people, actors, issues, need)
            for j, stay in enumerate(actor.itinerary):
                need((*base, "itinerary", j, "place"), stay.place, places, "place")
        for i, group in enumerate(m.groups):
            seat(("groups", i), group.body, group.rank)
            self._person_links(("groups", i), group, people, actors, issues, need)
            for j, stay in enumerate(group.itinerary):
                need(("groups", i, "itinerary", j, "place"), stay.place, places, "place")
        for i, event in enumerate(m.calendar):
            need(("calendar", i, "place"), event.place, places, "place")
            for j, who in enumerate(event.participants):
                need(("calendar", i, "participants", j), who, people, "actor or group")
            self._sitting(i, event, bodies, need)
        for i, ch in enumerate(m.challenges):
            for j, leader in enumerate(ch.leaders):
                need(("challenges", i, "leaders", j), leader, actors, "actor")
            need(("challenges", i, "target"), ch.target, actors, "actor")
            need(("challenges", i, "chair_to"), ch.chair_to, actors, "actor")
            need(("challenges", i, "successor"), ch.successor, actors, "actor")
            need(("challenges", i, "office"), ch.office, offices, "office")
            need(("challenges", i, "arena"), ch.arena, bodies, "body")
            for j, who in enumerate(ch.associates):
                need(("challenges", i, "associates", j), who, actors, "actor")
                if who == ch.target or who in ch.leaders:
                    self.report(
                        ("challenges", i, "associates", j),
                        f"{who!r} is the challenge's target or one of its leaders, not an "
                        "associate of the target",
                    )
        for i, target in enumerate(m.record):
            for name in ("actor", "subject"):
                need(("record", i, name), getattr(target, name, None), people, "actor")
            need(("record", i, "body"), getattr(target, "body", None), bodies, "body")
            need(("record", i, "office"), getattr(target, "office", None), offices, "office")
            for name in ("absent", "present", "never"):
                for j, who in enumerate(getattr(target, name, [])):
                    need(("record", i, name, j), who, people, "actor")
            for j, group in enumerate(getattr(target, "groups", [])):
                for k, who in enumerate(group):
                    need(("record", i, "groups", j, k), who, people, "actor")
            if isinstance(target, MembershipTarget):
                seat(("record", i), target.body, target.rank)
        sources = {s.id for s in m.sources}
        for path, citation in self._citations():
            need((*path, "source"), citation.source, sources, "source")

    def _sitting(self, i: int, event: Any, bodies: dict[str, Any], need: Any) -> None:
        """A ``session`` or ``plenum`` names the body that sits, at its seat; other kinds
        name no body and state no basis."""
        path: DataPath = ("calendar", i)
        if not event.is_sitting:
            for name in ("body", "basis"):
                if getattr(event, name) is not None:
                    self.report(
                        (*path, name),
                        f"only a calendar event of kind 'session' or 'plenum' has a {name} "
                        f"(this one is a {event.kind!r})",
                    )
            return
        if event.body is None:
            self.report((*path, "kind"), f"a {event.kind} names the body that sits ('body:')")
            return
        need((*path, "body"), event.body, bodies, "body")
        body = bodies.get(event.body)
        if body is not None and event.place != body.seat:
            self.report(
                (*path, "place"),
                f"the {event.kind} of {event.body!r} is at {event.place!r}, but the body sits "
                f"at its seat {body.seat!r}",
            )

    @staticmethod
    def _person_links(
        base: DataPath, person: Any, people: set[str], actors: set[str], issues: set[str], need: Any
    ) -> None:
        for j, tie in enumerate(person.ties):
            need((*base, "ties", j, "to"), tie.to, people, "actor or group")
        for j, position in enumerate(person.positions):
            need((*base, "positions", j, "issue"), position.issue, issues, "issue")
        for j, grievance in enumerate(getattr(person, "grievances", [])):
            need((*base, "grievances", j, "against"), grievance.against, actors, "actor")
        for j, fear in enumerate(getattr(person, "fears", [])):
            need((*base, "fears", j, "of"), fear.of, actors, "actor")

    # -- dates -------------------------------------------------------------------------

    def _intervals(self) -> None:
        for i, actor in enumerate(self.model.actors):
            self._stays(("actors", i, "itinerary"), actor.itinerary)
        for i, group in enumerate(self.model.groups):
            self._stays(("groups", i, "itinerary"), group.itinerary)
        for i, actor in enumerate(self.model.actors):
            by_body: dict[str, list[tuple[int, Dated]]] = {}
            for j, ms in enumerate(actor.memberships):
                by_body.setdefault(ms.body, []).append((j, ms))
            for spans in by_body.values():
                self._no_overlap(("actors", i, "memberships"), spans, "membership")

    def _stays(self, path: DataPath, stays: list[Stay]) -> None:
        for j, stay in enumerate(stays):
            if stay.start is None or stay.end is None:
                self.report((*path, j), "a stay needs both start and end dates")
        dated: list[tuple[int, Dated]] = [(j, s) for j, s in enumerate(stays) if s.start and s.end]
        self._no_overlap(path, dated, "stay")

    def _no_overlap(self, path: DataPath, spans: Sequence[tuple[int, Dated]], kind: str) -> None:
        low, high = dt.date.min, dt.date.max
        ordered = sorted(spans, key=lambda js: js[1].start or low)
        for (j1, a), (j2, b) in itertools.pairwise(ordered):
            if (b.start or low) <= (a.end or high):
                self.report(
                    (*path, j2, "start"),
                    f"{kind} overlaps the {kind} at position {j1} ({a.start} to {a.end})",
                )

    def _dates_in_period(self) -> None:
        m = self.model

        def inside(path: DataPath, day: dt.date | None) -> None:
            if day is not None and not m.start <= day <= m.end:
                self.report(path, f"date {day} is outside the scenario ({m.start} to {m.end})")

        for i, ch in enumerate(m.challenges):
            inside(("challenges", i, "window_start"), ch.window_start)
            inside(("challenges", i, "window_end"), ch.window_end)
        for i, target in enumerate(m.record):
            for name in ("date", "start", "end"):
                inside(("record", i, name), getattr(target, name, None))

    # -- counts ------------------------------------------------------------------------

    def _counts(self) -> None:
        """A body's blocs together may count at most :data:`MAX_COUNT` members."""
        totals: dict[str, int] = {}
        for i, group in enumerate(self.model.groups):
            totals[group.body] = totals.get(group.body, 0) + group.count
            if totals[group.body] > MAX_COUNT:
                self.report(
                    ("groups", i, "count"),
                    f"the blocs of body {group.body!r} count {totals[group.body]:,} members "
                    f"so far; at most {MAX_COUNT:,}",
                )
                totals[group.body] = -(10**12)  # reported once

    # -- contested versions ------------------------------------------------------------

    def _versions_keep_the_record(self) -> None:
        """A contested version changes the evidence the engine reads, never the record it is
        judged by: a version that also moved a target would make the target impossible to
        miss."""
        for i, fact in enumerate(self.model.contested):
            for j, version in enumerate(fact.versions):
                for k, edit in enumerate(version.edits):
                    if touches_record(edit.path):
                        self.report(
                            ("contested", i, "versions", j, "edits", k, "path"),
                            "a contested version may not edit the record (the targets runs "
                            "are judged by); state in the record only what no version disputes",
                        )

    # -- quotes ------------------------------------------------------------------------

    def _quotes(self) -> None:
        try:
            texts = self.scenario.source_texts
        except PolitburoError as error:
            self.problems.extend(error.problems)
            return
        with_text = {s.id for s in self.model.sources if s.text is not None}
        for path, citation in self._citations():
            if citation.source not in with_text:
                if citation.quote is not None and citation.page is None:
                    self.report(
                        (*path, "quote"),
                        f"source {citation.source!r} has no bundled "
                        "text to check the quote against; cite a page instead",
                    )
                continue
            if citation.quote is None:
                self.report(path, f"source {citation.source!r} has a text: quote it verbatim")
            elif locate_quote(texts[citation.source], citation.quote) is None:
                self.report((*path, "quote"), f"quote not found in source {citation.source!r}")

    def _citations(self) -> Iterator[tuple[DataPath, Citation]]:
        yield from walk_citations(self.model, ())


def walk_citations(node: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, Citation]]:
    """Every citation below ``node`` with its data path."""
    if isinstance(node, Citation):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from walk_citations(getattr(node, name), (*path, name))
    elif isinstance(node, list | tuple):
        for i, item in enumerate(node):
            yield from walk_citations(item, (*path, i))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from walk_citations(item, (*path, key))
