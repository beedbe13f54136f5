"""Claims, the passages that support them, and their Admiralty grades.

A :class:`Claim` is a statement about actors, places and dates, linked to the passages
(anchors) that support it. Claims come from two places: a scenario's citations (a fact
and its verbatim quote, resolved to a passage anchor by :func:`cite_anchor`), and the
text itself (:func:`extract_claims`: each sentence that names an actor and states
something; headings, list entries and cut fragments are not claims). Each claim is read
as a proposition held with a stance (:mod:`politburo.evidence.propositions`): who did
what, where, when; asserted, reported, rumoured or disbelieved by its source; hedged or not.

:func:`grade_claims` gives every claim a grade in the Admiralty manner: the reliability
of its source, ``A`` (completely reliable) to ``F`` (cannot be judged), and the
credibility of the information, ``1`` (confirmed by other sources) to ``6`` (cannot be
judged). Credibility follows the paper's own method, "the extent to which [reports]
conform to known facts":

====  ===================  ===========================================================
 1    confirmed            stated without hedge, and an independent source states the
                           same proposition
 2    probably true        stated without hedge; or hedged and so confirmed
 3    possibly true        hedged: *reportedly*, *apparently*, *probably*, *may have*;
                           or a rumour so confirmed
 4    doubtful             a rumour, *allegedly*, *one report*, *another version*
 5    improbable           disbelieved by its own source, or contradicted by a conflict
                           the consistency checker found
 6    cannot be judged     no supporting passage
====  ===================  ===========================================================

Confirmation comes only from another source, independent of the claim's own (not the same
document, not one that relays it), that asserts or reports the same proposition (the same
actors in one of the same events: :meth:`~politburo.evidence.propositions.Proposition.same_as`);
a rumour or a doubt confirms nothing, and neither does another sentence that merely names the
same person.

References
----------
.. [1] NATO, STANAG 2022 (Edition 8), *Intelligence Reports*, Annex: evaluation of
   source reliability and information credibility, 1997.
.. [2] US Army, FM 2-22.3, *Human Intelligence Collector Operations*, 2006, appendix B
   ("Source and information reliability matrix").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import regex

from politburo.evidence.dates import DateMention, extract_dates
from politburo.evidence.mentions import Mention, MentionFinder
from politburo.evidence.passages import Anchor, Passage, passage_at
from politburo.evidence.propositions import (
    Proposition,
    doubts_previous,
    find_hedges,
    read_statement,
)
from politburo.evidence.text import locate_quote

__all__ = [
    "CREDIBILITY",
    "RELIABILITY",
    "Claim",
    "cite_anchor",
    "extract_claims",
    "find_hedges",
    "grade_claims",
]

#: Source reliability grades.
RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
#: Information credibility grades.
CREDIBILITY = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}

_SENTENCE = regex.compile(r"[^.!?]+(?:[.!?]+[\"”’')]?|$)")
# Stances that confirm the same proposition from another source.
_STATING = ("asserts", "reports")


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement and its support.

    Attributes
    ----------
    id : str
        Stable identifier (``source#pN.sK`` for a text claim, the data path for a
        scenario fact).
    text : str
        The statement (the sentence, or the cited quote).
    actors : tuple of str
        Actor ids it is about.
    places : tuple of str
        Place ids it names.
    dates : tuple of DateMention
        Dates it gives.
    anchors : tuple of Anchor
        Supporting passages.
    source_ids : tuple of str
        Sources of the supporting passages (or citations without text).
    hedges : tuple of str
        Hedging words found in the statement.
    reliability : str
        Admiralty source grade (best of its sources), ``A``-``F``.
    credibility : int
        Admiralty information grade, 1-6 (6 until graded).
    reasons : tuple of str
        Why the credibility is what it is.
    span : tuple of (int, int), optional
        Where the statement is in its source's raw text.
    proposition : Proposition, optional
        What it states (``None``: not read, as for a fact cited by page only).
    stance : str
        Its source's stance: ``asserts``, ``reports``, ``rumours`` or ``disbelieves``.
    confirmed_by : tuple of str
        Sources, independent of its own, that state the same proposition: given (a scenario
        fact whose quotes from two independent sources agree), or found by
        :func:`grade_claims`.
    """

    id: str
    text: str
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    dates: tuple[DateMention, ...] = ()
    anchors: tuple[Anchor, ...] = ()
    source_ids: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    reliability: str = "F"
    credibility: int = 6
    reasons: tuple[str, ...] = field(default=())
    span: tuple[int, int] | None = None
    proposition: Proposition | None = None
    stance: str = "asserts"
    confirmed_by: tuple[str, ...] = ()

    @property
    def grade(self) -> str:
        """The two-character Admiralty grade, e.g. ``B3``."""
        return f"{self.reliability}{self.credibility}"

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready record."""
        return {
            "id": self.id,
            "text": self.text,
            "grade": self.grade,
            "reliability": self.reliability,
            "credibility": self.credibility,
            "credibility_meaning": CREDIBILITY[self.credibility],
            "actors": list(self.actors),
            "places": list(self.places),
            "dates": [d.to_dict() for d in self.dates],
            "anchors": [str(a) for a in self.anchors],
            "sources": list(self.source_ids),
            "hedges": list(self.hedges),
            "reasons": list(self.reasons),
            "span": list(self.span) if self.span else None,
            "proposition": self.proposition.to_dict() if self.proposition else None,
            "stance": self.stance,
            "confirmed_by": list(self.confirmed_by),
        }


def cite_anchor(text: str, passages: Sequence[Passage], quote: str) -> Anchor | None:
    """The anchor of the passage where a verbatim ``quote`` (whitespace folded) begins.

    >>> from politburo.evidence.passages import split_passages
    >>> raw = "Intro.\\n\\nSaburov left for Warsaw.\\n"
    >>> str(cite_anchor(raw, list(split_passages(raw, "doc")), "left for  Warsaw"))
    'doc#p2[8:32]~a7d59a0c8531f0eb'
    """
    span = locate_quote(text, quote)
    if span is None:
        return None
    passage = passage_at(passages, span[0])
    return passage.anchor if passage else None


def extract_claims(
    passages: Iterable[Passage],
    finder: MentionFinder,
    default_year: int | None = None,
) -> list[Claim]:
    """One claim per sentence that names an actor, with its places, dates and hedges.

    Parameters
    ----------
    passages : iterable of Passage
        The source's passages.
    finder : MentionFinder
        Finds actors and places.
    default_year : int, optional
        Not used to change the dates (they keep what the text says); kept for callers
        that bound dates later.
    """
    del default_year
    claims: list[Claim] = []
    for passage in passages:
        mentions = finder.find(passage.text, passage.start, passage.source_id)
        dates = extract_dates(passage.text, passage.start, passage.source_id)
        sentences = list(_SENTENCE.finditer(passage.text))
        for number, match in enumerate(sentences, 1):
            start, end = passage.start + match.start(), passage.start + match.end()
            inside: list[Mention] = [m for m in mentions if start <= m.start < end]
            actors = _unique(m.entity_id for m in inside if m.kind == "actor" and m.entity_id)
            if not actors:
                continue
            places = _unique(m.entity_id for m in inside if m.kind == "place" and m.entity_id)
            sentence = match.group().strip()
            told = tuple(d for d in dates if start <= d.start < end)
            doubted = number < len(sentences) and doubts_previous(sentences[number].group())
            statement = read_statement(
                sentence, actors, places, (d.text for d in told), doubted_after=doubted
            )
            if not statement.claim:
                continue  # a heading, a list entry, a fragment
            claims.append(
                Claim(
                    id=f"{passage.source_id}#p{passage.number}.s{number}",
                    text=sentence,
                    actors=actors,
                    places=places,
                    dates=told,
                    anchors=(passage.anchor,),
                    source_ids=(passage.source_id,),
                    hedges=statement.hedges,
                    span=(start, end),
                    proposition=statement.proposition,
                    stance=statement.stance,
                )
            )
    return claims


def _unique(items: Iterable[str | None]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        if item:
            seen.setdefault(item, None)
    return tuple(seen)


def _best(grades: Iterable[str]) -> str:
    return min(grades, default="F")


def grade_claims(
    claims: Sequence[Claim],
    reliability: Mapping[str, str],
    contradicted: Iterable[str] = (),
    dependent: Mapping[str, Iterable[str]] | None = None,
) -> list[Claim]:
    """Grade every claim (see the module docstring for the scale).

    Parameters
    ----------
    claims : sequence of Claim
        Claims to grade.
    reliability : mapping
        Source id to its reliability grade ``A``-``F`` (unknown sources get ``F``).
    contradicted : iterable of str
        Ids of claims a consistency check found in conflict.
    dependent : mapping, optional
        Source id to the ids of sources it draws on; such sources do not corroborate
        each other.

    Examples
    --------
    >>> left = Proposition(("saburov",), ("travel",), ("warsaw",))
    >>> a = Claim("a", "Saburov left for Warsaw", ("saburov",), ("warsaw",), source_ids=("x",),
    ...           anchors=(Anchor("x", 1, 0, 9, "h"),), proposition=left)
    >>> b = Claim("b", "Saburov's visit to Warsaw", ("saburov",), ("warsaw",),
    ...           source_ids=("y",), anchors=(Anchor("y", 1, 0, 9, "h"),), proposition=left)
    >>> c = Claim("c", "Saburov spoke", ("saburov",), source_ids=("y",),
    ...           anchors=(Anchor("y", 2, 0, 9, "h"),), proposition=Proposition(("saburov",), ()))
    >>> [x.grade for x in grade_claims([a, b, c], {"x": "B", "y": "C"})]
    ['B1', 'C1', 'C2']
    """
    contra = set(contradicted)
    depends = {key: set(value) for key, value in (dependent or {}).items()}

    def independent(first: Iterable[str], second: Iterable[str]) -> bool:
        """Whether no source of ``second`` is, relays or is relayed by one of ``first``."""
        return all(
            a != b and b not in depends.get(a, set()) and a not in depends.get(b, set())
            for a in first
            for b in second
        )

    stating = [
        c
        for c in claims
        if c.proposition is not None and c.proposition.events and c.stance in _STATING
    ]
    graded = []
    for claim in claims:
        grade = (
            _best(reliability.get(s, "F") for s in claim.source_ids) if claim.source_ids else "F"
        )
        strengths = {strength for _, strength in find_hedges(claim.text)}
        own = claim.proposition
        confirmations = list(claim.confirmed_by)
        sources: dict[str, None] = dict.fromkeys(claim.confirmed_by)
        if own is not None and own.events and claim.source_ids:
            for other in stating:
                if (
                    other.id != claim.id
                    and other.source_ids
                    and independent(claim.source_ids, other.source_ids)
                    and other.proposition is not None
                    and own.same_as(other.proposition)
                ):
                    confirmations.append(other.id)
                    sources.update(dict.fromkeys(other.source_ids))
        confirmed = f" but confirmed by {confirmations[0]}" if confirmations else ""
        reasons: list[str] = []
        if not claim.anchors and not claim.source_ids:
            credibility = 6
            reasons.append("no supporting passage")
        elif claim.id in contra:
            credibility = 5
            reasons.append("contradicted by another account")
        elif claim.stance == "disbelieves":
            credibility = 5
            reasons.append("disbelieved by its own source")
        elif claim.stance == "rumours" or "strong" in strengths:
            credibility = 3 if confirmations else 4
            reasons.append("a rumour or allegation" + confirmed)
        elif "weak" in strengths:
            credibility = 2 if confirmations else 3
            hedges = ", ".join(h for h, s in find_hedges(claim.text) if s == "weak")
            reasons.append(f"hedged ({hedges})" + confirmed)
        elif confirmations:
            credibility = 1
            reasons.append(f"confirmed by an independent source ({confirmations[0]})")
        else:
            credibility = 2
            reasons.append("stated without hedging")
        graded.append(
            replace(
                claim,
                reliability=grade,
                credibility=credibility,
                reasons=tuple(reasons),
                confirmed_by=tuple(sources),
            )
        )
    return graded
