"""Graded claims from a scenario's cited facts or from the sentences of a source.

Every fact of a scenario carries its citations. :func:`scenario_claims` makes one
:class:`~politburo.evidence.claims.Claim` of each fact (its quotes, the passages they are
found in, the actors and places they name, their hedges) and grades it with
:func:`~politburo.evidence.claims.grade_claims`: by the reliability of its sources, marked
down when the consistency checker finds the fact in a conflict (but see the Notes of
:func:`scenario_claims`), and not corroborated by a source that only relays another
(:func:`drawn_on`). :func:`text_claims` grades the sentences of any source with the
scenario's names and grades.

Examples
--------
>>> from politburo.scenario import load_scenario
>>> claims = scenario_claims(load_scenario("june-1957"))
>>> all(claim.grade[0] in "ABCDEF" for claim in claims)
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import regex

from politburo.evidence.claims import Claim, cite_anchor, extract_claims, grade_claims
from politburo.evidence.consistency import check_consistency
from politburo.evidence.mentions import MentionFinder
from politburo.evidence.passages import Anchor, Passage, split_passages
from politburo.evidence.propositions import Statement, read_statement
from politburo.scenario.checks import walk_citations
from politburo.scenario.evidence_inputs import EvidenceInputs, scenario_inputs
from politburo.scenario.loading import Scenario
from politburo.scenario.paths import path_of
from politburo.scenario.schema import Citation

__all__ = ["drawn_on", "scenario_claims", "text_claims"]


def _cited_facts(scenario: Scenario) -> dict[str, list[Citation]]:
    """The citations of every fact, by the ``/``-joined data path of the object citing them.

    Records with an id are named by it, other list items by position
    (``actors/kell/itinerary/0``), the form consistency conflicts cite.
    """
    facts: dict[str, list[Citation]] = {}
    for path, cite in walk_citations(scenario.model):
        owner = path[: path.index("cite")] if "cite" in path else path
        facts.setdefault(path_of(owner, scenario.raw), []).append(cite)
    return facts


def _surname(author: str) -> str:
    words = author.split()
    return words[-1].lower().strip(".,") if words else "\0"


def drawn_on(scenario: Scenario) -> dict[str, list[str]]:
    """The sources each source relays, and so does not corroborate independently.

    A source relays another when its title or note says ``relays`` and names the other's
    author by surname (an encyclopedia that "relays Kramer").

    Parameters
    ----------
    scenario : Scenario
        A loaded scenario.

    Returns
    -------
    dict of str to list of str
        For every source id, the ids of the sources it relays (often none).
    """
    relays: dict[str, list[str]] = {}
    for item in scenario.model.sources:
        text = f"{item.title} {item.note}".lower()
        relays[item.id] = [
            other.id
            for other in scenario.model.sources
            if other.id != item.id and _surname(other.author) in text and "relays" in text
        ]
    return relays


def scenario_claims(scenario: Scenario, inputs: EvidenceInputs | None = None) -> list[Claim]:
    """One graded claim for each cited fact of a scenario.

    Parameters
    ----------
    scenario : Scenario
        A loaded scenario.
    inputs : EvidenceInputs, optional
        Its evidence inputs (default: :func:`~politburo.scenario.evidence_inputs.scenario_inputs`
        of ``scenario``). The gazetteer finds the actors and places a claim names; the
        itineraries and chronology find the facts in conflict; the grades rate the sources.

    Returns
    -------
    list of Claim
        Graded, one per fact, in scenario order. A claim's id is the fact's data path, list
        items numbered by position (``actors/3/itinerary/0``); its text is the fact's quotes
        joined by ``" / "`` (``[source: page]`` for a citation by page, the reasons for a
        fact resting on assumptions only); its anchors are the passages of the bundled
        source texts where the quotes are found; its actors and places are those its text
        names.

    Notes
    -----
    Two known defects, kept as they were when this code moved out of the CLI: a fact is
    marked contradicted when a conflict's citation starts with the fact's id, but records
    are cited by item id (``actors/suslov/itinerary/0``) while claim ids number items by
    position, so no fact is marked contradicted; and a fact under ``actors/<n>/`` gets the
    position ``"<n>"`` as its first actor, which can make facts of one actor seem to
    repeat each other.
    """
    if inputs is None:
        inputs = scenario_inputs(scenario)
    texts = scenario.source_texts
    passages = {key: list(split_passages(text, key)) for key, text in texts.items()}
    finder = MentionFinder(inputs.gazetteer)
    facts = _cited_facts(scenario)
    conflicts = check_consistency(inputs.itineraries, inputs.chronology)
    cited = " ".join(citation for c in conflicts for citation in c.citations)
    contradicted = [key for key in facts if regex.search(rf"(?:^|\s){regex.escape(key)}:", cited)]
    relays = drawn_on(scenario)
    found = []
    for key, cites in facts.items():
        anchors: list[Anchor] = []
        ids: list[str] = []
        words: list[str] = []
        path_actor = regex.match(r"actors/([^/]+)", key)
        told: list[tuple[str, Statement]] = []  # each source's quote, read
        for cite in cites:
            if cite.assumption:
                continue
            source = cite.source or ""
            ids.append(source)
            if cite.quote:
                words.append(cite.quote)
                told.append((source, _read(cite.quote, finder, path_actor)))
                if source in texts:
                    anchor = cite_anchor(texts[source], passages[source], cite.quote)
                    if anchor is not None:
                        anchors.append(anchor)
            else:
                words.append(f"[{cite.source}: {cite.page}]")
                if cite.page:  # what the page says, in the scenario author's words
                    told.append((source, _read(str(cite.page), finder, path_actor)))
        text = " / ".join(words) or "; ".join(c.assumption or "" for c in cites)
        statement = _read(text, finder, path_actor)
        found.append(
            Claim(
                key,
                text,
                statement.proposition.actors,
                statement.proposition.places,
                anchors=tuple(anchors),
                source_ids=tuple(dict.fromkeys(ids)),
                hedges=statement.hedges,
                proposition=statement.proposition if told else None,
                stance=statement.stance,
                confirmed_by=_agreeing(told, relays),
            )
        )
    return grade_claims(found, inputs.reliability, contradicted, drawn_on(scenario))


def _read(text: str, finder: MentionFinder, path_actor: regex.Match[str] | None) -> Statement:
    """A quote (or a fact's joined quotes) read as a statement about the fact's actor."""
    names = finder.find(text)
    actors = tuple(dict.fromkeys(m.entity_id for m in names if m.kind == "actor" and m.entity_id))
    if path_actor:
        actors = tuple(dict.fromkeys((path_actor.group(1), *actors)))
    places = tuple(dict.fromkeys(m.entity_id for m in names if m.kind == "place" and m.entity_id))
    statement = read_statement(text, actors, places)
    if statement.stance == "disbelieves":
        # a fact cited to a source's doubt ("there is no evidence that...") rests on what the
        # source asserts by doubting the contrary
        statement = replace(statement, stance="asserts")
    return statement


def _agreeing(told: list[tuple[str, Statement]], relays: dict[str, list[str]]) -> tuple[str, ...]:
    """Sources whose quote states what a quote of another, independent source states.

    Two citations of one fact confirm each other only when both quotes tell the same event of
    the same actors (:meth:`~politburo.evidence.propositions.Proposition.same_as`), neither is
    a rumour or a doubt, and neither source relays the other: a quote that merely names the
    fact's actor (a list of members) confirms nothing.
    """
    stated = [
        (source, s.proposition)
        for source, s in told
        if s.stance in ("asserts", "reports") and s.proposition.events
    ]
    agreeing: dict[str, None] = {}
    for index, (first, mine) in enumerate(stated):
        for second, theirs in stated[index + 1 :]:
            if (
                first != second
                and second not in relays.get(first, ())
                and first not in relays.get(second, ())
                and mine.same_as(theirs)
            ):
                agreeing.update({first: None, second: None})
    return tuple(agreeing)


def text_claims(passages: Iterable[Passage], inputs: EvidenceInputs) -> list[Claim]:
    """The graded claims of a source: one for each sentence that names an actor.

    Parameters
    ----------
    passages : iterable of Passage
        The source's passages.
    inputs : EvidenceInputs
        Whose gazetteer finds the actors and places, and whose grades rate the source.

    Returns
    -------
    list of Claim
        Graded, in text order.

    Examples
    --------
    >>> from politburo.evidence.gazetteer import Gazetteer
    >>> inputs = EvidenceInputs(Gazetteer.from_mapping({"saburov": ["Maksim Saburov"]}),
    ...                         reliability={"doc": "B"})
    >>> (claim,) = text_claims(split_passages("Saburov was in Warsaw.", "doc"), inputs)
    >>> claim.actors, claim.grade
    (('saburov',), 'B2')
    """
    found = extract_claims(passages, MentionFinder(inputs.gazetteer))
    return grade_claims(found, inputs.reliability)
