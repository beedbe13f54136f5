"""Claims, the passages that support them, and their Admiralty grades.

A :class:`Claim` is a statement about actors, places and dates, linked to the passages
(anchors) that support it. Claims come from two places: a scenario's citations (a fact
and its verbatim quote, resolved to a passage anchor by :func:`cite_anchor`), and the
text itself (:func:`extract_claims`: each sentence that names an actor).

:func:`grade_claims` gives every claim a grade in the Admiralty manner: the reliability
of its source, ``A`` (completely reliable) to ``F`` (cannot be judged), and the
credibility of the information, ``1`` (confirmed by other sources) to ``6`` (cannot be
judged). Credibility follows the paper's own method, "the extent to which [reports]
conform to known facts":

====  ===================  ===========================================================
 1    confirmed            supported by an independent source, no strong hedge
 2    probably true        unhedged, or corroborated by another passage of the source
 3    possibly true        hedged: *reportedly*, *apparently*, *probably*, *may have*
 4    doubtful             a rumour, *allegedly*, *it is not clear*, *one report*
 5    improbable           contradicted by a conflict the consistency checker found
 6    cannot be judged     no supporting passage
====  ===================  ===========================================================

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

_STRONG_HEDGES = (
    r"(?:according to )?one rumou?r",
    r"rumou?rs?",
    r"rumou?red",
    r"allegedly",
    r"it is not clear",
    r"(?:according to )?one report",
    r"another version",
    r"can only b[eo] conjectured",
    r"(?:must|should) (?:however )?be regarded with (?:some )?caution",
)
_WEAK_HEDGES = (
    r"reportedly",
    r"apparently",
    r"probably",
    r"possibly",
    r"may (?:well )?have",
    r"might have",
    r"(?:it )?seems?",
    r"(?:is|are) said to",
    r"it is likely",
    r"more than likely",
    r"suggests?",
    r"presumably",
    r"evidently",
    r"(?:most|some) reports",
)
_HEDGE = regex.compile(
    r"\b(?:(?P<strong>"
    + "|".join(_STRONG_HEDGES)
    + r")|(?P<weak>"
    + "|".join(_WEAK_HEDGES)
    + r"))\b",
    regex.I,
)
_SENTENCE = regex.compile(r"[^.!?]+(?:[.!?]+[\"”’')]?|$)")


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
        }


def find_hedges(text: str) -> tuple[tuple[str, str], ...]:
    """The hedges in ``text``, each with its strength (``"strong"`` or ``"weak"``).

    >>> find_hedges("Zhukov allegedly appeared; he reportedly spoke")
    (('allegedly', 'strong'), ('reportedly', 'weak'))
    """
    return tuple(
        (match.group(), "strong" if match["strong"] else "weak") for match in _HEDGE.finditer(text)
    )


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
        for number, match in enumerate(_SENTENCE.finditer(passage.text), 1):
            start, end = passage.start + match.start(), passage.start + match.end()
            inside: list[Mention] = [m for m in mentions if start <= m.start < end]
            actors = _unique(m.entity_id for m in inside if m.kind == "actor" and m.entity_id)
            if not actors:
                continue
            places = _unique(m.entity_id for m in inside if m.kind == "place" and m.entity_id)
            sentence = match.group().strip()
            claims.append(
                Claim(
                    id=f"{passage.source_id}#p{passage.number}.s{number}",
                    text=sentence,
                    actors=actors,
                    places=places,
                    dates=tuple(d for d in dates if start <= d.start < end),
                    anchors=(passage.anchor,),
                    source_ids=(passage.source_id,),
                    hedges=tuple(h for h, _ in find_hedges(sentence)),
                    span=(start, end),
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
    >>> a = Claim("a", "Saburov left for Warsaw", ("saburov",), ("warsaw",), source_ids=("x",),
    ...           anchors=(Anchor("x", 1, 0, 9, "h"),))
    >>> b = Claim("b", "Saburov was in Warsaw", ("saburov",), ("warsaw",), source_ids=("y",),
    ...           anchors=(Anchor("y", 1, 0, 9, "h"),))
    >>> [c.grade for c in grade_claims([a, b], {"x": "B", "y": "C"})]
    ['B1', 'C1']
    """
    contra = set(contradicted)
    depends = {key: set(value) for key, value in (dependent or {}).items()}

    def independent(first: str, second: str) -> bool:
        return (
            first != second
            and second not in depends.get(first, set())
            and first not in depends.get(second, set())
        )

    graded = []
    for claim in claims:
        grade = (
            _best(reliability.get(s, "F") for s in claim.source_ids) if claim.source_ids else "F"
        )
        strengths = [strength for _, strength in find_hedges(claim.text)]
        reasons: list[str] = []
        others = [
            other
            for other in claims
            if other.id != claim.id
            and set(other.actors) & set(claim.actors)
            and (
                (claim.places and set(other.places) & set(claim.places))
                or (
                    not claim.places and not other.places and set(other.actors) == set(claim.actors)
                )
            )
        ]
        outside = [
            o
            for o in others
            if any(independent(a, b) for a in o.source_ids for b in claim.source_ids)
        ]
        own = list(claim.source_ids)
        if any(independent(a, b) for i, a in enumerate(own) for b in own[i + 1 :]):
            outside = [*outside, replace(claim, id=f"{claim.id} ({' and '.join(own)})")]
        inside = [
            o
            for o in others
            if o not in outside
            and {a.number for a in o.anchors} != {a.number for a in claim.anchors}
        ]
        if not claim.anchors and not claim.source_ids:
            credibility = 6
            reasons.append("no supporting passage")
        elif claim.id in contra:
            credibility = 5
            reasons.append("contradicted by another account")
        elif "strong" in strengths:
            credibility = 4
            reasons.append("hedged as rumour or allegation")
            if outside:
                credibility = 3
                reasons.append(f"but corroborated by {outside[0].id}")
        elif outside:
            credibility = 1
            reasons.append(f"corroborated by an independent source ({outside[0].id})")
        elif "weak" in strengths:
            credibility = 3
            reasons.append("hedged (" + ", ".join(h for h, s in find_hedges(claim.text)) + ")")
            if inside:
                credibility = 2
                reasons.append(f"but repeated in {inside[0].id}")
        else:
            credibility = 2
            reasons.append("stated without hedging")
            if inside:
                reasons.append(f"repeated in {inside[0].id}")
        graded.append(
            replace(claim, reliability=grade, credibility=credibility, reasons=tuple(reasons))
        )
    return graded
