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
    (``Thisorkingeconstruction``, ``lenum``, ``Molotovhort``). A token that is merely
    misread (``tho``, ``boon``, ``Halenkov``) is *not* a gap: the OCR-aware
    skeleton of :mod:`politburo.evidence.ocr_distance` tells the two apart.
``sentence``
    a sentence that begins in lower case, or a preposition run into a new sentence
    (``in With the possible``): its opening words are lost.

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
from typing import Protocol

import regex

from politburo.evidence.dates import MONTHS, month_fragment
from politburo.evidence.lexicon import FUNCTION_WORDS, lexicon
from politburo.evidence.mentions import Mention
from politburo.evidence.ocr_distance import CONFUSIONS, ocr_distance
from politburo.evidence.records import ChronologyEvent, ordinal_of

__all__ = ["Gap", "GapFinder", "Restoration", "find_gaps", "leiden"]

_TOKEN = regex.compile(r"[\p{L}\p{N}](?:[\p{L}\p{N}'’\-]*[\p{L}\p{N}])?")
_LETTERS = regex.compile(r"\p{L}+")
_GLUED_DIGIT = regex.compile(r"(?<=\p{Ll})\d(?!\d)|(?<![\p{L}\p{N}.,/])\d(?=\p{Ll}{2})")
_LONE_DIGIT = regex.compile(r"(?:(?<=\p{Ll}\s)|(?<=^))\d(?=\s+\p{Lu}\p{Ll})", regex.M)
_CONGRESS = regex.compile(
    r"(?<![\p{L}\p{N}])(?P<head>\p{L}*?)(?P<suffix>st|nd|rd|th|h|d)\s+Party\s+Cong", regex.I
)
_DAY = regex.compile(
    r"(?<![\p{L}\p{N}])(?P<head>(?i:on|by|before|beforo|befere|after|until|till|of|the|tho|since))"
    r"(?P<suffix>(?i:st|nd|rd|th|h|d))(?![\p{Ll}\p{N}])"
)
_CAMEL = regex.compile(
    r"^(?P<lower>on|in|of|to|at|by|the|tho|and|for|from|with|a|an)(?P<upper>\p{Lu}\p{L})"
)
_SENTENCE_LOWER = regex.compile(r"(?<=[.!?][\"”’')\]]?\s+)(?P<word>\p{Ll}\p{L}*)")
_RUN_IN = regex.compile(
    r"\b(?:in|on|at|of|by|to|for|with|from|the|a|an|and|that|than)\s+"
    r"(?P<word>With|The|This|These|In|It|He|She|They|As|At|On|By|For|However|Although"
    r"|When|But|Since|While|Thereafter)\b"
)
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
        ``year``, ``date``, ``day``, ``day-digits``, ``ordinal``, ``glued``, ``sentence``.
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
    """Words by skeleton, and headless fragments (words missing 1-2 letters) by text."""
    words = lexicon()
    skeletons: dict[str, int] = {}
    headless: dict[str, int] = {}
    for word, position in words.items():
        if len(word) >= 3 or word in FUNCTION_WORDS:
            skeletons.setdefault(_skeleton(word), position)
        if len(word) >= 4 and position < 60_000:
            for lost in (1, 2):
                fragment = word[lost:]
                if len(fragment) < 3 or (lost == 2 and len(fragment) < 4):
                    continue
                if fragment not in _SUFFIXES and fragment not in words:
                    headless.setdefault(fragment, position)
    return words, skeletons, headless


# Function words that lost their first letters, allowed only at the end of a token:
# "abovend" = above [a]nd, "practicalf" = practical [o]f.
_TAIL_FRAGMENTS = {"nd": 2.4, "f": 2.6, "he": 2.6}
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


@lru_cache(maxsize=200_000)
def _segment(word: str, capitalised: bool) -> tuple[int, ...] | None:
    """Loss points inside ``word`` (offsets; 0 = before it), or ``None`` if it is whole.

    A word of the lexicon, an inflection of one, or a misreading of one is whole.
    Otherwise the cheapest division into words, misread words and headless words (a
    word that lost its first letters) is sought; each junction, and a headless first
    piece, is a loss.
    """
    words, skeletons, headless = _indexes()
    lower = word.lower()
    if len(word) < 3 or lower in words or _skeleton(lower) in skeletons:
        return None
    if _inflected(lower, words, skeletons):
        return None
    size = len(lower)
    skeleton = _skeleton(lower)
    infinity = float("inf")
    best: list[float] = [infinity] * (size + 1)
    back: list[tuple[int, bool]] = [(0, False)] * (size + 1)
    best[0] = 0.0
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
                cost = 1.0 + position / 80_000
            elif (
                length >= 2
                and skeleton[start:end] in skeletons
                and (length >= 4 or piece[:1] in "lt")
            ):
                cost = 2.2
            elif length >= 3 and piece in headless:
                cost, lost = (2.3 if length >= 4 else 2.6), True
            elif end == size and start > 0 and piece in _TAIL_FRAGMENTS:
                cost, lost = _TAIL_FRAGMENTS[piece], True
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
    points: list[int] = []
    end = size
    while end > 0:
        start, lost = back[end]
        if lost or start > 0:
            points.append(start)
        end = start
    return tuple(sorted(set(points))) or None


def _is_misread(word: str) -> bool:
    """A same-length misreading of a common word: *roason*, *oppononts*, *wero*.

    At most two letters differ, each by a known OCR confusion. A token of another length
    is not a misreading: letters went missing, which is what a gap is.
    """
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Hamming
    from rapidfuzz.process import extract

    lower = word.lower()
    table = _common_by_length()
    bucket = table.get(len(lower))
    if len(lower) < 6:
        return False
    for candidate, _, _ in extract(
        lower, bucket or [], scorer=Hamming.distance, score_cutoff=2, limit=8
    ):
        pairs = [(a, b) for a, b in zip(candidate, lower, strict=True) if a != b]
        if all((a, b) in CONFUSIONS for a, b in pairs):
            return True
    if len(lower) < 11:
        return False
    # a long word may also lose or gain a letter and still be a misreading
    for length in (len(lower) - 1, len(lower) + 1):
        for candidate, _, _ in extract(
            lower, table.get(length, []), scorer=fuzz.ratio, score_cutoff=85, limit=4
        ):
            same_ends = candidate[0] == lower[0] and candidate[-1] == lower[-1]
            if same_ends and ocr_distance(candidate, lower) <= 1.3:
                return True
    return False


@lru_cache(maxsize=1)
def _common_by_length() -> dict[int, list[str]]:
    table: dict[int, list[str]] = {}
    for word, position in lexicon().items():
        if position < 60_000 and len(word) >= 4:
            table.setdefault(len(word), []).append(word)
    return table


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
        covered: list[tuple[int, int]] = []

        def add(
            at: int,
            start: int,
            end: int,
            kind: str,
            extent: tuple[int, int | None],
            reason: str,
            candidates: tuple[Restoration, ...] = (),
        ) -> None:
            key = offset + at
            if any(abs(key - other) <= 1 for other in found):
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
            covered.append((start, end))

        def context(at: int) -> set[str]:
            return _context_words(text[max(0, at - 160) : at + 160])

        names = [(m.start - offset, m.end - offset) for m in mentions]
        self._templates(text, add, context, names)
        for mention in mentions:
            start, end = mention.start - offset, mention.end - offset
            if not 0 <= start < len(text):
                continue
            covered.append((start, end))
            if "lost-initial" in mention.flags:
                add(start, start, end, "glued", (2, None), "a name lost its first letter")
            if "glued" in mention.flags:
                if start > 0 and text[start - 1].isalnum():
                    add(start, start - 1, end, "glued", (1, None), "a name glued to a word")
                tail = regex.match(r"['’`]s(?=\p{L})", text[end : end + 3])
                after = end + (tail.end() if tail else 0)
                if after < len(text) and text[after].isalpha():
                    add(after, start, after + 1, "glued", (1, None), "a name glued to a word")
        for match in _TOKEN.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in covered):
                continue
            camel = _CAMEL.search(match.group())
            if camel:
                at = start + camel.start("upper")
                add(at, start, end, "glued", (1, None), "a word runs into a capitalised one")
                continue
            for piece in _LETTERS.finditer(match.group()):
                word = piece.group()
                capitalised = word[0].isupper() and not _sentence_start(text, start)
                points = _segment(word, capitalised)
                if not points or _is_misread(word):
                    continue
                base = start + piece.start()
                for point in points:
                    at = base + point
                    add(at, start, end, "glued", (1 if point else 2, None), "words run together")
        return [found[key] for key in sorted(found)]

    def _templates(
        self, text: str, add: _Add, context: _Context, names: Sequence[tuple[int, int]]
    ) -> None:
        for match in _CONGRESS.finditer(text):
            head, suffix = match["head"], match["suffix"]
            if head and head.lower() in lexicon() and len(head) > 3:
                continue
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
        for match in regex.finditer(r"\p{L}{2,}", text):
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
                "a preposition runs into a new sentence",
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


def _sentence_start(text: str, position: int) -> bool:
    """Whether a sentence may begin at ``position`` (a capital there proves nothing)."""
    before = text[:position].rstrip(" \t\"“'‘(")
    return not before or before[-1] in ".!?" or "\n\n" in text[max(0, position - 4) : position]


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
