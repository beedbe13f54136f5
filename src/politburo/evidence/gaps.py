"""Lost text in an OCR'd source: where it is, how much, and what might restore it.

The CAESAR XV scan lost digits and short words at the junctions of words, and with
them the spaces: ``In7`` is *In [195]7*, ``onune`` is *on [18 J]une*, ``ath Party
Congress`` is *at [the 20t]h Party Congress*, ``toetailed`` is *to [give a d]etailed*.
This module finds such losses and marks them in the Leiden manner; it never fills them.

Detectors
---------
``year``
    a digit glued to a word (``In7``, ``the6 plenum``): the century and decade are lost.
``date``
    a month that lost its initial and the day before it (``onune``, ``sinceay``).
``day``
    an ordinal day that lost its digits (``onh`` = *on [19t]h*).
``day-digits``
    a day that lost a digit (``visit4 June``).
``ordinal``
    an ordinal that lost its number (``ath Party Congress``).
``glued``
    a token made of words run together, some of which lost their first letters
    (``Thisorkingeconstruction``, ``lenum``, ``Molotovhort``, ``thisew``); a word glued
    to punctuation that is the tail of a commoner word (``consent;ramatic``,
    ``speak,ere``) or capitalised (``Clearly,June``); letters glued to a possessive
    (``secretary'sal``). The division is the one that makes its pieces likeliest (word
    costs follow Zipf's law: ``in[e]nough``, not ``in no ugh``). A token that is merely
    misread (``tho``, ``supplorentod``, ``ruir.ors``, ``Halenkov``) is *not* a gap: a
    noisy-channel comparison with an OCR-confusion-weighted distance
    (:mod:`politburo.evidence.gap_features`) tells the two apart.
``sentence``
    a sentence that begins in lower case, or a word run into a capitalised word that
    opens a sentence (``in With the possible``, ``the One reason``): the end of one
    sentence and the opening of the next are lost.
``page``
    a paragraph that stops on a word no sentence ends with (``calls for tho``) before
    a new sentence on the next page: the end of the page is lost.

Restorations are offered only where a template (year, date, ordinal) and the
scenario's chronology both support them, ranked, each with the events that support it.
Digits are never invented: a candidate year or day is one the chronology holds.

Leiden marks: ``[.4]`` four characters lost, ``[ca.4]`` about four, ``[- - -]`` an
unknown extent; a restoration is printed inside the brackets, ``In [195]7``.

References
----------
.. [1] A. Krummrey and S. Panciera, "Criteri di edizione e segni diacritici",
   Tituli 2, 1980, pp. 205-215.
.. [2] B. A. van Groningen, "Projet d'unification des systèmes de signes critiques",
   Chronique d'Égypte 7, 1932, pp. 262-269.
.. [3] T. Elliott, G. Bodard, H. Cayless et al., *EpiDoc Guidelines: Ancient Documents
   in TEI XML*, section "Lost text" (Leiden+ ``[.4]``, ``[ca.4]``, ``[.?]``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Protocol

import regex

from politburo.evidence.dates import MONTHS
from politburo.evidence.dates import month_fragment as _month_fragment
from politburo.evidence.gap_features import misread_cost, misreading, word_cost
from politburo.evidence.lexicon import FUNCTION_WORDS, lexicon
from politburo.evidence.mentions import Mention
from politburo.evidence.records import ChronologyEvent, ordinal_of

__all__ = ["Gap", "GapFinder", "Restoration", "find_gaps", "leiden"]

_TOKEN = regex.compile(r"[\p{L}\p{N}](?:[\p{L}\p{N}'’\-]*[\p{L}\p{N}])?")
_LETTERS = regex.compile(r"\p{L}+")
_WORD = regex.compile(r"\p{L}{2,}")
_GLUED_DIGIT = regex.compile(r"(?<=\p{Ll})\d(?!\d)|(?<![\p{L}\p{N}.,/])\d(?=\p{Ll}{2})")
_LONE_DIGIT = regex.compile(r"(?:(?<=\p{Ll}\s)|(?<=^))\d(?=\s+\p{Lu}\p{Ll})", regex.M)
_CONGRESS = regex.compile(
    r"(?<![\p{L}\p{N}])(?P<head>\p{L}*?)(?P<suffix>st|nd|rd|th|h|d)\s+Party", regex.I
)
_DAY = regex.compile(
    r"(?<![\p{L}\p{N}])(?P<head>(?i:on|by|before|beforo|befere|after|until|till|of|the|tho|since))"
    r"(?P<suffix>(?i:st|nd|rd|th|h|d))(?![\p{Ll}\p{N}])"
)
_CAMEL = regex.compile(
    r"^(?P<lower>on|in|of|to|at|by|the|tho|and|for|from|with|a|an)(?P<upper>\p{Lu}\p{L})"
)
_SENTENCE_LOWER = regex.compile(r"(?<=[.!?][\"”’')\]]?\s+)(?P<word>\p{Ll}\p{L}*)")
# Capitalised words that open a sentence and are not names. Those in I- are left out
# after an ordinary word: the OCR reads a lower-case i as I ("and In the", "of Its").
_OPENERS = (
    r"With|The|This|These|Those|He|She|They|We|As|At|On|By|For|However|Although|Though"
    r"|When|But|Since|While|Thereafter|One|There|His|Their|Some|Many|Most|Such|Even|Only"
    r"|After|Before|During|Thus|Moreover|Nevertheless|Meanwhile|Hence|Later|Then|Yet|Both"
    r"|Each|Neither|Nor|Because|Whether|Perhaps|All|Another"
    r"|\p{Lu}\p{Ll}+(?:edly|ally|ently|antly|ously|ively|ably|ibly)"
)
# A word, then a capitalised word that opens a sentence, with no stop between: the end
# of the first sentence and the start of the next are lost ("the One reason",
# "submitted written All allegedly").
_RUN_IN = regex.compile(
    r"\b(?:(?:in|on|at|of|by|to|for|with|from|the|tho|a|an|and|that|than)\s+(?P<word>In|It)"
    r"|\p{Ll}{2,}[ \t]+(?P<word>" + _OPENERS + r"))\b"
)
# Letters glued to a possessive: "the first secretary'sal strength".
_AFTER_POSSESSIVE = regex.compile(r"(?<=\p{L}['’]s)\p{L}{2,}")
# A word broken by OCR debris without a space: "ruir.ors", "de.ith", "inc^iustrial".
_COMPOUND = regex.compile(r"(?<![\p{L}\p{N}])\p{L}+(?:[.^*`|!~_]+\p{L}+)+(?![\p{L}\p{N}])")
# A word glued to the punctuation before it: the space went with the lost text. A
# capitalised word glued to a comma ("goods,New Course") is a name or a sentence whose
# opening words are lost.
_AFTER_PUNCTUATION = regex.compile(
    r"(?<=[\p{L}\p{N}][,;:)\]])\p{Ll}+(?![\p{L}\p{N}'’-])|(?<=\p{L}[,;])\p{Lu}\p{Ll}+"
)
# A word run into a capitalised one without a space ("sovoralVinogradov").
_CAMEL_WORD = regex.compile(r"^(?P<lower>\p{Ll}{3,})(?P<upper>\p{Lu}\p{Ll}{2,})")
# Words that do not end a sentence: a paragraph ending in one lost its last words.
_OPEN_ENDINGS = frozenset(
    {
        *("a", "an", "the", "tho", "tbe", "of", "to", "in", "on", "at", "by", "for", "with"),
        *("from", "and", "or", "but", "nor", "that", "than", "as", "into", "onto", "upon"),
        *("his", "her", "its", "their", "our", "my", "your", "whose", "which", "who", "whom"),
        *("this", "these", "those"),
    }
)
_RARE = 15_000  # a listed word rarer than this may be the tail of a commoner one
_RARE_WORD = 25_000  # a listed word rarer than this may be common words run together
_ABBREVIATIONS = frozenset({"etc", "e.g", "i.e", "cf", "vs", "no", "mr", "st", "p", "pp", "vol"})
_SUFFIXES = frozenset(
    [
        "ists",
        "ism",
        "isms",
        "ing",
        "ings",
        "ion",
        "ions",
        "ness",
        "ment",
        "ments",
        "ity",
        "ities",
        "ally",
        "ation",
        "ations",
        "ive",
        "ives",
        "ent",
        "ents",
        "ance",
        "ence",
        "ous",
        "ers",
        "est",
        "able",
        "ible",
        "ized",
        "izing",
        "ised",
        "ated",
        "ately",
        "ship",
        "ships",
        "less",
        "ful",
        "ism",
        "ist",
        "ian",
        "ians",
        "ated",
        "ies",
        "ed",
        "es",
    ]
)
_MONTH_NAMES = {name.lower(): number for number, name in enumerate(MONTHS, 1)}


@dataclass(frozen=True, slots=True)
class Restoration:
    """A candidate filling of a gap, with the chronology events that support it."""

    text: str
    reading: str
    score: float
    support: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready record."""
        return {
            "text": self.text,
            "reading": self.reading,
            "score": round(self.score, 4),
            "support": list(self.support),
        }


@dataclass(frozen=True, slots=True)
class Gap:
    """Lost text at one point of the raw source.

    Attributes
    ----------
    source_id : str
        The source.
    at : int
        Character offset in the raw text where text was lost (between two characters).
    start, end : int
        Span of the damaged token around the loss, for display.
    kind : str
        ``year``, ``date``, ``day``, ``day-digits``, ``ordinal``, ``glued``, ``sentence``,
        ``page``.
    extent : tuple of (int, int or None)
        Least and greatest number of characters lost (``None``: unknown).
    leiden : str
        The damaged token with the loss marked, e.g. ``In[.4]7``.
    reason : str
        Why this is taken for lost text.
    candidates : tuple of Restoration
        Ranked restorations (empty where no template and chronology support one).
    """

    source_id: str
    at: int
    start: int
    end: int
    kind: str
    extent: tuple[int, int | None]
    leiden: str
    reason: str
    candidates: tuple[Restoration, ...] = field(default=())

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready record."""
        return {
            "source": self.source_id,
            "at": self.at,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "extent": list(self.extent),
            "leiden": self.leiden,
            "reason": self.reason,
            "candidates": [c.to_dict() for c in self.candidates],
        }


def leiden(extent: tuple[int, int | None], supplement: str | None = None) -> str:
    """The Leiden mark for a loss of ``extent`` characters (or its restoration).

    >>> leiden((4, 4)), leiden((3, 6)), leiden((2, None)), leiden((4, 4), "195")
    ('[.4]', '[ca.4]', '[- - -]', '[195]')
    """
    if supplement is not None:
        return f"[{supplement}]"
    low, high = extent
    if high is None:
        return "[- - -]"
    if low == high:
        return f"[.{low}]"
    return f"[ca.{(low + high) // 2}]"


# -- the lexicon, seen through OCR -----------------------------------------------------

_SKELETON = str.maketrans(
    {"b": "h", "k": "h", "l": "i", "1": "i", "j": "i", "e": "o", "c": "o", "0": "o", "5": "s"}
)


def _skeleton(word: str) -> str:
    """Character-aligned confusion key (one character in, one out)."""
    return word.lower().translate(_SKELETON)


@lru_cache(maxsize=1)
def _indexes() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Words by skeleton, and headless fragments (words missing 1-2 letters) by text.

    Each maps to the frequency rank of the commonest word it stands for. The skeletons
    are made in one pass over the joined word list (one ``translate`` call, not 80,000).
    """
    words = lexicon()
    listed = [w for w in words if len(w) >= 3 or w in FUNCTION_WORDS]
    keys = "\n".join(listed).lower().translate(_SKELETON).split("\n")
    skeletons: dict[str, int] = {}
    for key, word in zip(reversed(keys), reversed(listed), strict=True):
        skeletons[key] = words[word]  # the first listed word wins, as with setdefault
    common = [(word, position) for word, position in words.items() if position < 60_000]
    common.reverse()  # so that in each comprehension the first word wins
    headless = {word[2:]: position for word, position in common if len(word) >= 6}
    for fragment, position in {w[1:]: p for w, p in common if len(w) >= 4}.items():
        if position <= headless.get(fragment, position):
            headless[fragment] = position
    for fragment in [f for f in headless if f in words or f in _SUFFIXES]:
        del headless[fragment]
    return words, skeletons, headless


# Common short words that lost their first letter, allowed only at the end of a token
# ("abovend" = above [a]nd, "practicalf" = practical [o]f, "thisew" = this [n]ew) or
# glued to punctuation: the tails of the commonest words that are not words themselves.
_SHORT_TAILS = {
    "e": "the",
    "f": "of",
    "nd": "and",
    "he": "the",
    "ot": "not",
    "re": "are",
    "ll": "all",
    "ew": "new",
    "ut": "but",
    "ur": "our",
    "ne": "one",
    "ny": "any",
    "ho": "who",
    "ow": "now",
    "wo": "two",
    "ey": "they",
}
_SHORT_LOSS = 0.9  # beyond a headless word's: a short tail is weak evidence


@lru_cache(maxsize=1)
def _tail_fragments() -> dict[str, float]:
    """Cost of each short tail as the last piece of a glued token."""
    words = lexicon()
    return {
        tail: word_cost(words[word]) + _LOSS + _SHORT_LOSS for tail, word in _SHORT_TAILS.items()
    }


_STEM_SUFFIXES = ("ists", "ist", "ism", "ness", "fully", "ly", "ing", "ed", "es", "s", "d")


def _inflected(lower: str, words: dict[str, int], skeletons: dict[str, int]) -> bool:
    """Whether ``lower`` is a listed word plus an inflection, perhaps misread.

    *dogmatists*, *skillfully*, and *factlonalists* (the suffix of *factional*) are
    whole words, not glued ones.
    """
    skeleton = _skeleton(lower)
    for suffix in _STEM_SUFFIXES:
        if not skeleton.endswith(_skeleton(suffix)):
            continue
        stem = skeleton[: -len(suffix)]
        if len(stem) < (5 if len(suffix) <= 2 else 4):
            continue
        if any(_skeleton(stem_of) in skeletons for stem_of in _stems(lower[: -len(suffix)])):
            return True
    return False


def _stems(stem: str) -> tuple[str, ...]:
    return (stem, stem + "e", stem + "ic", stem + "ism", stem + "y")


# Costs of the pieces of a glued token (a listed word costs ``word_cost(rank)``, 1-2.1).
_LOSS = 1.0  # a word lost its first letters: *[p]lenum*
_MISREAD_PIECE = 0.8  # a piece that is a misread word: *tho*, *bis*


def _misread_cost(reading: tuple[str, float]) -> float:
    """The cost of reading a token as a misreading of ``reading = (word, distance)``."""
    return misread_cost(*reading)


@lru_cache(maxsize=200_000)
def _segment(word: str, capitalised: bool) -> tuple[int, ...] | None:
    """Loss points inside ``word`` (offsets; 0 = before it), or ``None`` if it is whole.

    A common word of the lexicon, or an inflection of one, is whole. Otherwise the
    cheapest division into words, misread words and headless words (a word that lost its
    first letters) is sought, each piece costing more the rarer its word (Zipf); each
    junction, and a headless first piece, is a loss. The division is then weighed
    against the cheapest misreading of the whole token
    (:func:`politburo.evidence.gap_features.misreading`): letters swapped for
    look-alikes are not lost text. A rare listed word is whole unless its division is
    cheaper than the word itself ("abut" is *a [...] but*, "thebe" *the[...] be*).

    >>> _segment("innough", False), _segment("supplorentod", False), _segment("abut", False)
    ((2,), None, (1,))
    """
    words, skeletons, headless = _indexes()
    lower = word.lower()
    listed = words.get(lower)
    if len(word) < 3 or (listed is not None and listed < _RARE_WORD):
        return None
    if _inflected(lower, words, skeletons):
        return None
    size = len(lower)
    skeleton = _skeleton(lower)
    infinity = float("inf")
    best: list[float] = [infinity] * (size + 1)
    back: list[tuple[int, bool]] = [(0, False)] * (size + 1)
    best[0] = 0.0
    tails = _tail_fragments()
    for end in range(1, size + 1):
        for start in range(max(0, end - 24), end):
            if best[start] == infinity:
                continue
            piece = lower[start:end]
            length = end - start
            cost = infinity
            lost = False
            position = words.get(piece)
            if position is not None and (length >= 3 or piece in FUNCTION_WORDS):
                cost = word_cost(position)
            elif length >= 2 and (length >= 4 or piece[:1] in "lt"):
                position = skeletons.get(skeleton[start:end])
                if position is not None:
                    cost = word_cost(position) + _MISREAD_PIECE
            if cost == infinity and length >= 3:
                position = headless.get(piece)
                if position is not None:
                    cost, lost = word_cost(position) + _LOSS + (0.3 if length < 4 else 0.0), True
            if cost == infinity and end == size and start > 0 and piece in tails:
                cost, lost = tails[piece], True
            if cost == infinity:
                continue
            if start == 0 and capitalised and (lost or length < 4):
                continue  # a capitalised name is not split into small pieces
            total = best[start] + cost
            if total < best[end]:
                best[end] = total
                back[end] = (start, lost)
    if best[size] == infinity:
        return None
    if listed is not None:  # a rare word ("abut", "thebe") may be common ones run together
        if best[size] >= word_cost(listed):
            return None
        reading = None
    else:
        reading = misreading(lower)
    if reading is not None and _misread_cost(reading) <= best[size]:
        return None
    points: list[int] = []
    end = size
    while end > 0:
        start, lost = back[end]
        if lost or start > 0:
            points.append(start)
        end = start
    return tuple(sorted(set(points))) or None


# -- restorations from the chronology -------------------------------------------------


def _context_words(text: str) -> set[str]:
    return {w.lower() for w in _LETTERS.findall(text) if len(w) > 3}


def _rank(
    options: Iterable[tuple[str, str, Sequence[ChronologyEvent]]], context: set[str]
) -> tuple[Restoration, ...]:
    scored = []
    for supplement, reading, events in options:
        overlap = max((len(context & _context_words(e.label)) for e in events), default=0)
        score = 1.0 + overlap + 0.1 * len(events)
        support = tuple(f"{e.id}: {e.label} ({e.start.isoformat()})" for e in events[:3])
        scored.append((score, supplement, reading, support))
    if not scored:
        return ()
    total = sum(item[0] for item in scored)
    scored.sort(key=lambda item: (-item[0], item[1]))
    return tuple(Restoration(s, r, score / total, sup) for score, s, r, sup in scored[:5])


class _Add(Protocol):
    def __call__(
        self,
        at: int,
        start: int,
        end: int,
        kind: str,
        extent: tuple[int, int | None],
        reason: str,
        candidates: tuple[Restoration, ...] = (),
        claim: bool = True,
    ) -> None: ...


_Context = Callable[[int], set[str]]


def _ordinal(number: int) -> str:
    """``22`` gives ``'22nd'``."""
    if number % 100 in (11, 12, 13):
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def _supplement(number: int, suffix: str) -> str:
    """What a surviving ordinal ``suffix`` lost: ``(19, 'h')`` gives ``'19t'``."""
    full = _ordinal(number)
    return full[: len(full) - len(suffix)]


def _suffix_fits(number: int, suffix: str) -> bool:
    return _ordinal(number).endswith(suffix.lower())


class GapFinder:
    """Find lost text; offer restorations that the chronology supports.

    Parameters
    ----------
    chronology : sequence of ChronologyEvent
        Dated events; the only source of restored digits.

    Examples
    --------
    >>> import datetime as dt
    >>> plenum = ChronologyEvent("plenum", "CC plenum opens", dt.date(1957, 6, 22))
    >>> finder = GapFinder([plenum])
    >>> gaps = finder.find("The plenum opened onune.")
    >>> [(g.kind, g.leiden) for g in gaps]
    [('date', 'on[ca.4]une')]
    >>> gaps[0].candidates[0].reading
    'on [22 J]une'
    """

    def __init__(self, chronology: Sequence[ChronologyEvent] = ()) -> None:
        self.chronology = tuple(chronology)
        years = Counter(e.start.year for e in self.chronology)
        self._years = years
        self._focus = years.most_common(1)[0][0] if years else None

    # each detector yields (at, start, end, kind, extent, reason, candidates)

    def _years_for(self, digit: str, context: set[str]) -> tuple[Restoration, ...]:
        options = []
        for year in sorted(self._years):
            if str(year).endswith(digit) and len(str(year)) == 4:
                events = [e for e in self.chronology if e.start.year == year]
                options.append((str(year)[:-1], f"[{str(year)[:-1]}]{digit}", events))
        return _rank(options, context)

    def _days_for(
        self, month: int, context: set[str], fits: str = "", digit: str = ""
    ) -> list[tuple[int, int, list[ChronologyEvent]]]:
        del context
        days: dict[tuple[int, int], list[ChronologyEvent]] = {}
        for event in self.chronology:
            for day in {event.start, event.last}:
                if day.month != month:
                    continue
                if fits and not _suffix_fits(day.day, fits):
                    continue
                if digit and not str(day.day).endswith(digit):
                    continue
                days.setdefault((day.year, day.day), []).append(event)
        return [(year, day, events) for (year, day), events in sorted(days.items())]

    def find(
        self,
        text: str,
        offset: int = 0,
        source_id: str = "",
        mentions: Sequence[Mention] = (),
    ) -> list[Gap]:
        """Every loss in ``text`` (spans shifted by ``offset``), in text order.

        Parameters
        ----------
        text : str
            A passage or a whole document.
        offset : int
            Where ``text`` starts in the raw source.
        source_id : str
            Recorded in each gap.
        mentions : sequence of Mention
            Mentions found in this text (raw offsets): a glued or headless name marks a
            loss, and a name is never taken apart as if it were glued words.
        """
        found: dict[int, Gap] = {}
        covered = bytearray(len(text) + 1)  # 1 where a name or a found loss lies

        def cover(start: int, end: int) -> None:
            if end > start:
                covered[start:end] = b"\x01" * (end - start)

        def free(start: int, end: int) -> bool:
            return covered.find(1, start, end) < 0

        def add(
            at: int,
            start: int,
            end: int,
            kind: str,
            extent: tuple[int, int | None],
            reason: str,
            candidates: tuple[Restoration, ...] = (),
            claim: bool = True,
        ) -> None:
            key = offset + at
            if key in found or key - 1 in found or key + 1 in found:
                return
            mark = text[start:at] + leiden(extent) + text[at:end]
            found[key] = Gap(
                source_id,
                key,
                offset + start,
                offset + end,
                kind,
                extent,
                mark,
                reason,
                candidates,
            )
            if claim:  # the span is explained: no other detector takes it apart
                cover(start, end)

        def context(at: int) -> set[str]:
            return _context_words(text[max(0, at - 160) : at + 160])

        words = lexicon()
        names = [(m.start - offset, m.end - offset) for m in mentions]
        self._templates(text, add, context, names)
        for mention in mentions:
            start, end = mention.start - offset, mention.end - offset
            if not 0 <= start < len(text):
                continue
            cover(start, end)
            if "lost-initial" in mention.flags:
                add(start, start, end, "glued", (2, None), "a name lost its first letter")
            if "glued" in mention.flags:
                if start > 0 and text[start - 1].isalnum():
                    add(start, start - 1, end, "glued", (1, None), "a name glued to a word")
                tail = regex.match(r"['’`]s(?=\p{L})", text[end : end + 3])
                after = end + (tail.end() if tail else 0)
                if after < len(text) and text[after].isalpha():
                    add(after, start, after + 1, "glued", (1, None), "a name glued to a word")
        for match in _COMPOUND.finditer(text):
            # a word that OCR broke with debris ("ruir.ors", "de.ith") is misread, not
            # two pieces with a loss between them
            if free(*match.span()) and _whole_misreading(match.group()):
                cover(*match.span())
        for match in _AFTER_PUNCTUATION.finditer(text):
            start, end = match.span()
            if not free(start, end):
                continue
            if match.group()[0].isupper():
                reason = "a capitalised word glued to punctuation"
                add(start, start - 1, end, "glued", (1, None), reason, claim=False)
            elif _headless_tail(match.group()):
                add(start, start, end, "glued", (1, None), "a word lost its head after punctuation")
        for match in _AFTER_POSSESSIVE.finditer(text):
            start, end = match.span()
            if free(start, end):
                add(start, start - 2, end, "glued", (1, None), "a word glued to a possessive")
        for match in _TOKEN.finditer(text):
            token = match.group()
            if words.get(token.lower(), _RARE_WORD) < _RARE_WORD:
                continue  # a common word is whole (the commonest case by far)
            start, end = match.span()
            if not free(start, end):
                continue
            camel = _CAMEL.search(match.group()) or _camel_word(match.group())
            if camel:
                at = start + camel.start("upper")
                add(at, start, end, "glued", (1, None), "a word runs into a capitalised one")
                continue
            for piece in _LETTERS.finditer(match.group()):
                word = piece.group()
                if words.get(word.lower(), _RARE_WORD) < _RARE_WORD:
                    continue  # a common word is whole
                capitalised = word[0].isupper() and not _sentence_start(text, start)
                points = _segment(word, capitalised)
                if not points:
                    continue
                base = start + piece.start()
                for point in points:
                    at = base + point
                    add(at, start, end, "glued", (1 if point else 2, None), "words run together")
        for at in _page_losses(text):
            add(at, max(0, at - 12), at, "page", (2, None), "a page ends inside a sentence")
        return [found[key] for key in sorted(found)]

    def _templates(
        self, text: str, add: _Add, context: _Context, names: Sequence[tuple[int, int]]
    ) -> None:
        for match in _CONGRESS.finditer(text):
            head, suffix = match["head"], match["suffix"]
            if head and (head + suffix).lower() in lexicon():
                continue  # a whole ordinal word ("Twentieth Party Congress")
            if head[-1:].isdigit():
                continue
            at = match.start("suffix")
            options = []
            for event in self.chronology:
                number = ordinal_of(event.label)
                congress = number is not None and "congress" in event.label.lower()
                if congress and number is not None and _suffix_fits(number, suffix):
                    lost = _supplement(number, suffix)
                    reading = f"{head} [{lost}]{suffix} Party Congress"
                    options.append((lost, reading, [event]))
            add(
                at,
                match.start(),
                match.end("suffix"),
                "ordinal",
                (4, 9),
                "an ordinal lost its number",
                _rank(options, context(at)),
            )
        for match in _DAY.finditer(text):
            at = match.start("suffix")
            word = match.group().lower()
            if word in lexicon() or (len(word) <= 3 and _skeleton(word) in _indexes()[1]):
                continue  # "ond" is a misread "end", not "on [22n]d"
            month = self._month_before(text, match.start())
            options = []
            if month is not None:
                suffix = match["suffix"]
                for _, day, events in self._days_for(month, context(at), fits=suffix):
                    lost = _supplement(day, suffix)
                    options.append((lost, f"{match['head']} [{lost}]{suffix}", events))
            add(
                at,
                match.start(),
                match.end(),
                "day",
                (3, 6),
                "an ordinal day lost its digits",
                _rank(options, context(at)),
            )
        words = lexicon()
        for match in _WORD.finditer(text):
            if match.group().lower() in words:
                continue
            hit = month_fragment(match.group())
            if hit is None:
                continue
            cut, month = hit
            at = match.start() + cut
            initial = MONTHS[month - 1][0]
            head = text[match.start() : at]
            options = [
                (f"{day} {initial}", f"{head} [{day} {initial}]{text[at : match.end()]}", events)
                for _, day, events in self._days_for(month, context(at))
            ]
            add(
                at,
                match.start(),
                match.end(),
                "date",
                (3, 5),
                "a date lost its day and the month's initial",
                _rank(options, context(at)),
            )
        for match in _GLUED_DIGIT.finditer(text):
            self._digit(text, match, add, context)
        for match in _LONE_DIGIT.finditer(text):
            at = match.start()
            add(
                at,
                at,
                match.end(),
                "year",
                (3, 4),
                "a year lost its first digits",
                self._years_for(match.group(), context(at)),
            )
        for match in _SENTENCE_LOWER.finditer(text):
            before = text[: match.start()].rstrip()
            previous = regex.search(r"([\p{L}.]+)[.!?][\"”’')\]]?$", before)
            if previous and previous.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
            if regex.search(r"\d[.]$", before):
                continue
            at = match.start()
            if any(s <= at < e for s, e in names):
                continue  # a name in lower case ("pervukhin"), not a lost opening
            add(at, at, match.end(), "sentence", (2, None), "a sentence begins in lower case")
        for match in _RUN_IN.finditer(text):
            at = match.start("word")
            add(
                at,
                match.start(),
                match.end(),
                "sentence",
                (2, None),
                "a sentence runs into the next one",
            )

    def _digit(self, text: str, match: regex.Match[str], add: _Add, context: _Context) -> None:
        digit, start, end = match.group(), match.start(), match.end()
        after = text[end : end + 14]
        glued_before = start > 0 and text[start - 1].isalpha()
        month_after = regex.match(r"\s+(\p{L}+)", after)
        if month_after and month_after.group(1).lower() in _MONTH_NAMES:
            name = month_after.group(1)
            options = [
                (str(day)[:-1], f"[{str(day)[:-1]}]{digit} {name}", events)
                for _, day, events in self._days_for(
                    _MONTH_NAMES[name.lower()], context(start), digit=digit
                )
                if day >= 10
            ]
            add(
                start,
                max(0, start - 1),
                end,
                "day-digits",
                (1, 4),
                "a day lost a digit",
                _rank(options, context(start)),
            )
            return
        if regex.match(r"(?:st|nd|rd|th|lst|ist)\b", after):
            return  # "2lst": an ordinal misread, nothing lost
        if regex.match(r"\s*(?:per|ercent|%)", after):
            add(start, max(0, start - 1), end, "glued", (1, None), "a number lost its digits")
        elif glued_before:
            add(
                start,
                start - 1,
                end,
                "year",
                (3, 4),
                "a year lost its first digits",
                self._years_for(digit, context(start)),
            )
        if end < len(text) and text[end].isalpha():
            add(end, start, end + 1, "glued", (1, None), "a digit glued to a word")

    def _month_before(self, text: str, position: int) -> int | None:
        window = text[max(0, position - 400) : position]
        found = None
        for match in regex.finditer(r"\p{L}+", window):
            word = match.group().lower()
            if word in _MONTH_NAMES and word != "may":
                found = _MONTH_NAMES[word]
            else:
                hit = month_fragment(match.group())
                if hit is not None:
                    found = hit[1]
        return found


@lru_cache(maxsize=100_000)
def month_fragment(token: str) -> tuple[int, int] | None:
    """:func:`politburo.evidence.dates.month_fragment`, remembered: a paper repeats its
    words, and every word is asked."""
    return _month_fragment(token)


def _sentence_start(text: str, position: int) -> bool:
    """Whether a sentence may begin at ``position`` (a capital there proves nothing)."""
    before = text[max(0, position - 40) : position].rstrip(" \t\"“'‘(")
    if not before and position > 40:
        before = text[:position].rstrip(" \t\"“'‘(")
    return not before or before[-1] in ".!?" or "\n\n" in text[max(0, position - 4) : position]


def _camel_word(token: str) -> regex.Match[str] | None:
    """A listed (or misread) lower-case word run into a capitalised one, or ``None``."""
    match = _CAMEL_WORD.match(token)
    if match is None:
        return None
    head = match["lower"]
    return match if head in lexicon() or misreading(head) is not None else None


def _whole_misreading(compound: str) -> bool:
    """Whether ``compound``, letters broken by debris, is one misread word.

    >>> _whole_misreading("ruir.ors"), _whole_misreading("tofacts.Such")
    (True, False)
    """
    letters = _LETTERS.findall(compound)
    if sum(len(piece) for piece in letters) < 4:
        return False
    return misreading(compound) is not None


def _headless_tail(word: str) -> bool:
    """Whether ``word``, glued to punctuation, is the tail of a commoner word.

    An unlisted or rare word (*ramatic*, *ere*) that is what remains of a common one
    (*[d]ramatic*, *[w]ere*) after its first letters were lost.

    >>> _headless_tail("ramatic"), _headless_tail("ere"), _headless_tail("the")
    (True, True, False)
    """
    words, _, headless = _indexes()
    lower = word.lower()
    position = words.get(lower)
    if position is not None and position < _RARE:
        return False
    if lower in _SHORT_TAILS and lower != "e":
        return True
    completion = headless.get(lower)
    if completion is None:
        completion = _tail_rank(lower)
    if completion is None:
        return False
    if position is not None:
        return completion * 4 < position
    reading = misreading(lower)
    return reading is None or _misread_cost(reading) > word_cost(completion) + _LOSS


@lru_cache(maxsize=50_000)
def _tail_rank(fragment: str) -> int | None:
    """Rank of the commonest word that ends in ``fragment`` after 1-2 lost letters."""
    words = lexicon()
    best = None
    for head in _HEAD_LETTERS:
        for candidate in (head + fragment, *(head + c + fragment for c in _HEAD_LETTERS)):
            position = words.get(candidate)
            if position is not None and (best is None or position < best):
                best = position
    return best


_HEAD_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _page_losses(text: str) -> list[int]:
    """Ends of paragraphs that stop on a word no sentence ends with ("for tho"), where
    the next paragraph of text (past page marks) opens a new sentence."""
    out: list[int] = []
    paragraphs = [m for m in regex.finditer(r"[^\n]+", text) if len(m.group().strip()) >= 40]
    for this, following in pairwise(paragraphs):
        body = this.group().rstrip()
        if len(body) < 120:
            continue
        last = regex.search(r"([\p{L}'’]+)$", body)
        if last is None:
            continue
        word = last.group(1).lower()
        if word not in _OPEN_ENDINGS and not regex.search(r"['’]s$", word):
            continue
        opening = following.group().lstrip()
        if opening[:1].isupper():
            out.append(this.start() + len(body))
    return out


def find_gaps(
    text: str, chronology: Sequence[ChronologyEvent] = (), source_id: str = ""
) -> list[Gap]:
    """Convenience: the gaps in ``text`` given a chronology.

    >>> import datetime as dt
    >>> c = [ChronologyEvent("c20", "20th Party Congress", dt.date(1956, 2, 14))]
    >>> g = find_gaps("attack ath Party Congress in6", c)
    >>> [(x.kind, x.candidates[0].reading) for x in g]
    [('ordinal', 'a [20]th Party Congress'), ('year', '[195]6')]
    """
    return GapFinder(chronology).find(text, 0, source_id)
