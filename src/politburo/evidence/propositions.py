"""What a sentence claims: who did what, where, when, and how its source stands towards it.

A claim is more than a sentence that names somebody. :func:`read_statement` reads a sentence
as a :class:`Proposition` (the actors, the events it tells, the places, the dates, whether it
is denied) held with a :data:`stance` by its source:

``asserts``
    the source says it (*Bulganin had in fact placed guards around the Kremlin*);
``reports``
    the source relays what another said or wrote (*Voroshilov has himself admitted*,
    *according to the official version*, *reportedly*);
``rumours``
    the source passes on a rumour or an allegation (*according to one rumor*, *allegedly*,
    *another version*, *speculation*);
``disbelieves``
    the source doubts it (*It is extremely doubtful that Beriya is abroad*, *we doubt that*,
    or a next sentence *This is difficult to believe*).

Hedges (*probably*, *possibly*, *may also have*, *appears to*) are found and kept apart from
the stance. Two statements state the same proposition (:meth:`Proposition.same_as`) when they
tell one of the same events of the same actors, at the same place where both give one; a mere
mention of the same person is not enough. Headings, list entries and fragments cut off in the
middle (:func:`is_statement`) are not claims.

Events are read from a small lexicon of the verbs and nouns of leadership struggles (removal,
election, resignation, support, attack, travel...), each folded to one lemma; no parser or
model is used.

References
----------
.. [1] NATO, STANAG 2022 (Edition 8), *Intelligence Reports*, Annex: evaluation of source
   reliability and information credibility, 1997.
.. [2] R. Saurí and J. Pustejovsky, "FactBank: a corpus annotated with event factuality",
   *Language Resources and Evaluation* 43(3), 2009, pp. 227-268 (the source's commitment to
   an event: asserted, reported, possible, doubted).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

__all__ = [
    "STANCES",
    "Proposition",
    "Statement",
    "events",
    "find_hedges",
    "is_statement",
    "read_statement",
    "stance",
]

#: The stances a source takes towards what it tells, strongest commitment first.
STANCES = ("asserts", "reports", "rumours", "disbelieves")

_RUMOUR = (
    r"(?:according to )?(?:one |these |the |press )?rumou?rs?",
    r"rumou?red",
    r"(?:un)?confirmed press rumou?rs",
    r"allegedly",
    r"alleged",
    r"unconfirmed",
    r"(?:according to )?one report",
    r"another version",
    r"speculation",
    r"gossip",
    r"it is not clear",
    r"can only b[eo] conjectured",
    r"(?:must|should) (?:however )?be regarded with (?:some )?caution",
)
_HEDGE = (
    r"reportedly",
    r"apparently",
    r"probably",
    r"possibly",
    r"(?:it is )?(?:entirely |quite )?possible",
    r"may (?:also |well |not )?(?:have|be)",
    r"(?-i:may)",
    r"might(?: (?:also |well )?(?:have|be))?",
    r"(?:it )?seems?(?: to)?",
    r"(?:is|are|was|were) said to",
    r"it is said",
    r"(?:it is |very |more than |most |more )?likely",
    r"suggest(?:s|ed)?",
    r"presumably",
    r"evidently",
    r"(?:most|some) reports",
    r"appear(?:s|ed)?(?= to\b| not\b| from\b| have\b)",
    r"inclination to believe",
)
_HEDGES = regex.compile(
    r"\b(?:(?P<strong>" + "|".join(_RUMOUR) + r")|(?P<weak>" + "|".join(_HEDGE) + r"))\b",
    regex.I,
)
_DOUBT = regex.compile(
    r"\b(?:(?:difficult|hard) to believe|(?:extremely |highly |most |very )?doubtful"
    r"|we doubt|(?:is|seems) (?:most |highly |very )?(?:unlikely|improbable)"
    r"|there is no evidence|not credible|cannot be true)\b",
    regex.I,
)
_DOUBT_BEFORE = regex.compile(
    r"^\W*(?:This|That|Such an? \w+|The (?:story|report|claim|charge))\s+(?:is|seems|appears)"
    r"\s+(?:\w+\s+)?(?:difficult to believe|hard to believe|unlikely|doubtful|improbable)",
    regex.I,
)
_REPORT = regex.compile(
    r"\b(?:according to|reportedly|reports? (?:say|said|indicate|state|suggest)|account"
    r"|admitted|admits|denied|denies|stated|states that|claimed|claims that|told|related"
    r"|relates|declared|revealed|announced|announcement|it was charged|(?:is|are|was|were)"
    r" said to|went on to describe|described|wrote|dispatch|indications are|quoted)\b",
    regex.I,
)
_FINITE = regex.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|did|does|do|will|would|could|should|shall|may"
    r"|might|must|can|isn't|wasn't|\p{Ll}{2,}ed|\p{Ll}{3,}s|came|went|left|met|took|gave|held"
    r"|made|said|told|knew|thought|felt|saw|got|began|fell|stood|spoke|won|lost|led|sent"
    r"|brought|rose|ran|wrote|kept|put|set|let|sought|fought|flew|drew)\b"
)
# A sentence that opens with a quotation (after a list label) relays what another said.
_QUOTE_OPENING = regex.compile(r"^\W{0,3}(?:\p{Lu}\.\s*)?[\"“]")
_CUT = regex.compile(r"\b(?:not|to|the|a|an|of|and|or|but|that|with|by|for|in|on|at)\W*$", regex.I)

# Events of leadership struggles, each a pattern folded to one lemma. Only acts that two
# accounts can be seen to share: not "opposition" (a faction) or "charged" (of anything).
_EVENTS: dict[str, str] = {
    "expel": r"expel(?:led|ling|s)?|expulsion",
    "remove": r"remov(?:e|ed|al)|oust(?:ed|er)?|dropped from|purged|dismiss(?:ed|al)|eliminated",
    "demote": r"demot(?:e|ed|ion)",
    "release": r"released as|relieved of",
    "appoint": r"appoint(?:ed|ment)?|successor|to replace|replacement|succeed(?:ed)?",
    "elect": r"elect(?:ed|ion)",
    "resign": r"resign(?:ed|ation|s)?",
    "vote": r"vot(?:e|ed|es|ing)|abstain(?:ed)?",
    "reprimand": r"reprimand(?:ed|s)?",
    "recant": r"recant(?:ed)?|confess(?:ed|ion)?",
    "support": r"on the side of|sided with|(?:his|their|her) support for|supported",
    "attack": r"attack(?:ed)?|denounc(?:e|ed|ing)|assail(?:ed)?",
    "travel": r"visit(?:ed|s)?|departure|departed|left for|went to|trip to",
    "return": r"return(?:ed)?|arrived back|came back",
    "chair": r"presided|to preside|(?:in|took|held|holds|hold) the chair",
    "guard": r"guards",
    "summon": r"summoned|flown to|special planes",
    "join": r"joined|join (?:them|the|in)",
}
_EVENT_PATTERN = regex.compile(
    r"\b(?:" + "|".join(f"(?P<{lemma}>{form})" for lemma, form in _EVENTS.items()) + r")(?!\p{L})",
    regex.I,
)
_NEGATION = regex.compile(
    r"\b(?:not|never|no longer|refused to|failed to|did not|didn't)\b", regex.I
)


@dataclass(frozen=True, slots=True)
class Proposition:
    """Who did what, where and when, as a sentence tells it.

    Attributes
    ----------
    actors : tuple of str
        The actors named, in order.
    events : tuple of str
        The events told (lemmas: ``remove``, ``support``, ``travel``...).
    places : tuple of str
        The places named.
    dates : tuple of str
        The dates given, as the text gives them.
    negated : bool
        Whether the sentence denies or refuses the event (*refused to resign*).
    """

    actors: tuple[str, ...]
    events: tuple[str, ...]
    places: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    negated: bool = False

    def same_as(self, other: Proposition) -> bool:
        """Whether ``other`` states this proposition (or one that includes it).

        They must tell a common event of the same actors: at least two actors in common, or
        the one actor each names; the same place where both name one; and the same polarity.

        >>> a = Proposition(("molotov", "malenkov", "kaganovich"), ("expel",))
        >>> a.same_as(Proposition(("malenkov", "molotov"), ("expel", "attack")))
        True
        >>> a.same_as(Proposition(("molotov",), ("expel",)))  # one of three: not enough
        False
        >>> a.same_as(Proposition(("molotov",), ("support",)))  # a mere mention
        False
        """
        if not set(self.events) & set(other.events) or self.negated != other.negated:
            return False
        mine, theirs = set(self.actors), set(other.actors)
        if not (len(mine & theirs) >= 2 or (len(mine) == 1 and mine == theirs)):
            return False
        return not (self.places and other.places and not set(self.places) & set(other.places))

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready record."""
        return {
            "actors": list(self.actors),
            "events": list(self.events),
            "places": list(self.places),
            "dates": list(self.dates),
            "negated": self.negated,
        }


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence read as a claim: its proposition, its source's stance, its hedges."""

    proposition: Proposition
    stance: str
    hedges: tuple[str, ...]
    claim: bool


def find_hedges(text: str) -> tuple[tuple[str, str], ...]:
    """The hedges in ``text``, each with its strength (``"strong"``: a rumour; ``"weak"``).

    >>> find_hedges("Zhukov allegedly appeared; he may also have spoken")
    (('allegedly', 'strong'), ('may also have', 'weak'))
    """
    return tuple(
        (match.group(), "strong" if match["strong"] else "weak") for match in _HEDGES.finditer(text)
    )


def events(text: str) -> tuple[str, ...]:
    """The events ``text`` tells, as lemmas, in order of first telling.

    >>> events("Saburov was removed from the presidium; he later returned to Moscow")
    ('remove', 'return')
    """
    found: dict[str, None] = {}
    for match in _EVENT_PATTERN.finditer(text):
        lemma = match.lastgroup
        if lemma:
            found.setdefault(lemma, None)
    return tuple(found)


def stance(text: str, doubted_after: bool = False) -> str:
    """The stance of a source towards the sentence ``text`` (see :data:`STANCES`).

    ``doubted_after``: the next sentence doubts this one (*This is difficult to believe*).

    >>> [stance(s) for s in ("Bulganin placed guards.", "Voroshilov has himself admitted it.",
    ...  "according to one rumor, in planes supplied by Zhukov", "we doubt that he fell")]
    ['asserts', 'reports', 'rumours', 'disbelieves']
    """
    if doubted_after or _DOUBT.search(text):
        return "disbelieves"
    if any(strength == "strong" for _, strength in find_hedges(text)):
        return "rumours"
    if _REPORT.search(text) or _QUOTE_OPENING.match(text):
        return "reports"
    return "asserts"


def doubts_previous(text: str) -> bool:
    """Whether a sentence doubts the one before it (*This is difficult to believe, ...*)."""
    return _DOUBT_BEFORE.search(text) is not None


def is_statement(text: str) -> bool:
    """Whether ``text`` states something: not a heading, a list entry or a cut fragment.

    >>> is_statement('"RESIGNATION" OF MOLOTOV (page 3).'), is_statement("Kolotov held out.")
    (False, True)
    >>> is_statement("Molotov's successor, D. T. Shepilov, editor of Pravda since 1952,")
    False
    """
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 12:
        return False
    lowered = regex.sub(r"\b\p{Lu}[\p{Lu}\p{N}'’]+\b", " ", text)  # headings and stamps
    if sum(c.isupper() for c in letters) > 0.6 * len(letters) or not _FINITE.search(lowered):
        return False
    stripped = text.rstrip()
    return not (stripped[-1:] not in '.!?"”’)' and _CUT.search(stripped))


def read_statement(
    text: str,
    actors: Iterable[str],
    places: Iterable[str] = (),
    dates: Iterable[str] = (),
    doubted_after: bool = False,
) -> Statement:
    """Read a sentence that names ``actors`` as a claim.

    Examples
    --------
    >>> s = read_statement("Khrushchev, aided by Mikoyan, categorically refused to resign.",
    ...                    ["khrushchev", "mikoyan"])
    >>> s.proposition.events, s.proposition.negated, s.stance, s.claim
    (('resign',), True, 'asserts', True)
    """
    hedges = tuple(h for h, _ in find_hedges(text))
    proposition = Proposition(
        tuple(actors),
        events(text),
        tuple(places),
        tuple(dates),
        _NEGATION.search(text) is not None,
    )
    return Statement(proposition, stance(text, doubted_after), hedges, is_statement(text))
