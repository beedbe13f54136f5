"""Losses of digits: years, dates, days and ordinals that lost their numbers.

The detectors of the kinds ``year``, ``date``, ``day``, ``day-digits`` and ``ordinal``
of :mod:`politburo.evidence.gaps`. Each matches a template of a damaged number
(``In7``, ``onune``, ``onh``, ``visit4 June``, ``ath Party Congress``), reports the
loss to a :class:`~politburo.evidence.gap_ledger.Ledger`, and asks a
:class:`~politburo.evidence.gap_restoration.Restorer` for the restorations that the
chronology supports.

Examples
--------
>>> import datetime as dt
>>> from politburo.evidence.gap_ledger import Ledger
>>> from politburo.evidence.records import ChronologyEvent
>>> text = "In7 the plenum opened onune."
>>> ledger = Ledger(len(text))
>>> plenum = ChronologyEvent("plenum", "CC plenum opens", dt.date(1957, 6, 22))
>>> number_losses(text, ledger, Restorer([plenum]))
>>> [(loss.kind, loss.candidates[0].reading) for loss in ledger.losses()]
[('year', '[195]7'), ('date', 'on [22 J]une')]
"""

from __future__ import annotations

from functools import lru_cache

import regex

from politburo.evidence.dates import MONTHS, month_fragment
from politburo.evidence.gap_ledger import Ledger
from politburo.evidence.gap_restoration import Restorer, context_near
from politburo.evidence.gap_segmentation import looks_listed
from politburo.evidence.lexicon import lexicon

__all__ = ["number_losses"]

_WORD = regex.compile(r"\p{L}{2,}")
# A digit glued to the word before it ("In7", "the6 plenum") or after it ("6plenum").
_GLUED_DIGIT = regex.compile(r"(?<=\p{Ll})\d(?!\d)|(?<![\p{L}\p{N}.,/])\d(?=\p{Ll}{2})")
# A digit alone between a word and a capitalised one ("in 7 Khrushchev").
_LONE_DIGIT = regex.compile(r"(?:(?<=\p{Ll}\s)|(?<=^))\d(?=\s+\p{Lu}\p{Ll})", regex.M)
# An ordinal that lost its number: "ath Party Congress".
_CONGRESS = regex.compile(
    r"(?<![\p{L}\p{N}])(?P<head>\p{L}*?)(?P<suffix>st|nd|rd|th|h|d)\s+Party", regex.I
)
# An ordinal day glued to the word before it: "onh" is "on [19t]h".
_DAY = regex.compile(
    r"(?<![\p{L}\p{N}])(?P<head>(?i:on|by|before|beforo|befere|after|until|till|of|the|tho|since))"
    r"(?P<suffix>(?i:st|nd|rd|th|h|d))(?![\p{Ll}\p{N}])"
)
_MONTH_NAMES = {name.lower(): number for number, name in enumerate(MONTHS, 1)}


def number_losses(text: str, ledger: Ledger, restorer: Restorer) -> None:
    """Report every number in ``text`` that lost digits, with its restorations.

    Parameters
    ----------
    text : str
        A passage or a whole document.
    ledger : Ledger
        Where the losses are reported (offsets relative to ``text``).
    restorer : Restorer
        The chronology's restorations.
    """
    _ordinals(text, ledger, restorer)
    _ordinal_days(text, ledger, restorer)
    _dates(text, ledger, restorer)
    for match in _GLUED_DIGIT.finditer(text):
        if ledger.free(*match.span()):  # not in page furniture or debris
            _digit(text, match, ledger, restorer)
    for match in _LONE_DIGIT.finditer(text):
        at = match.start()
        if not ledger.free(at, match.end()) or regex.search(
            r"(?i)\bpage\s+$", text[max(0, at - 8) : at]
        ):
            continue  # page furniture: "Bulletin Page 2"
        following = regex.match(r"\s+(\p{L}+)", text[match.end() : match.end() + 14])
        if following and following.group(1).lower() in _MONTH_NAMES:
            continue  # a day and its month: "on 6 August"
        candidates = restorer.years(match.group(), context_near(text, at))
        ledger.add(at, at, match.end(), "year", (3, 4), "a year lost its first digits", candidates)


def _ordinals(text: str, ledger: Ledger, restorer: Restorer) -> None:
    """``ath Party Congress``: an ordinal lost its number."""
    for match in _CONGRESS.finditer(text):
        head, suffix = match["head"], match["suffix"]
        if head and (head + suffix).lower() in lexicon():
            continue  # a whole ordinal word ("Twentieth Party Congress")
        if head[-1:].isdigit():
            continue
        at = match.start("suffix")
        candidates = restorer.congresses(head, suffix, context_near(text, at))
        reason = "an ordinal lost its number"
        ledger.add(at, match.start(), match.end("suffix"), "ordinal", (4, 9), reason, candidates)


def _ordinal_days(text: str, ledger: Ledger, restorer: Restorer) -> None:
    """``onh``: an ordinal day lost its digits."""
    for match in _DAY.finditer(text):
        at = match.start("suffix")
        word = match.group().lower()
        if word in lexicon() or (len(word) <= 3 and looks_listed(word)):
            continue  # "ond" is a misread "end", not "on [22n]d"
        month = _month_before(text, match.start())
        context = context_near(text, at)
        candidates = (
            ()
            if month is None
            else restorer.ordinal_days(month, match["head"], match["suffix"], context)
        )
        reason = "an ordinal day lost its digits"
        ledger.add(at, match.start(), match.end(), "day", (3, 6), reason, candidates)


def _dates(text: str, ledger: Ledger, restorer: Restorer) -> None:
    """``onune``: a date lost its day and the month's initial."""
    words = lexicon()
    for match in _WORD.finditer(text):
        if match.group().lower() in words or match.group().isupper():
            continue  # a word, or one in capitals (a heading: "KATAY")
        if not ledger.free(*match.span()):
            continue
        hit = _month_fragment(match.group())
        if hit is None:
            continue
        cut, month = hit
        at = match.start() + cut
        head, tail = text[match.start() : at], text[at : match.end()]
        candidates = restorer.dates(month, head, tail, context_near(text, at))
        reason = "a date lost its day and the month's initial"
        ledger.add(at, match.start(), match.end(), "date", (3, 5), reason, candidates)


_MONTH_AFTER = regex.compile(r"\s+(\p{L}+)")
_ORDINAL_SUFFIX = regex.compile(r"(?:st|nd|rd|th|lst|ist)\b")
_PERCENT = regex.compile(r"\s*(?:per|ercent|%)")
_LETTERS_RUN = regex.compile(r"\p{L}+")


def _digit(text: str, match: regex.Match[str], ledger: Ledger, restorer: Restorer) -> None:
    """A digit glued to a word: a day or a year that lost digits, or a glued number."""
    digit, start, end = match.group(), match.start(), match.end()
    after = text[end : end + 14]
    glued_before = start > 0 and text[start - 1].isalpha()
    month_after = _MONTH_AFTER.match(after)
    if month_after and month_after.group(1).lower() in _MONTH_NAMES:
        name = month_after.group(1)
        month = _MONTH_NAMES[name.lower()]
        candidates = restorer.day_digits(month, digit, name, context_near(text, start))
        reason = "a day lost a digit"
        ledger.add(start, max(0, start - 1), end, "day-digits", (1, 4), reason, candidates)
        return
    if _ORDINAL_SUFFIX.match(after):
        return  # "2lst": an ordinal misread, nothing lost
    if _PERCENT.match(after):
        ledger.add(start, max(0, start - 1), end, "glued", (1, None), "a number lost its digits")
    elif glued_before:
        word = regex.search(r"\p{L}+$", text[max(0, start - 30) : start])
        if word is not None and word.group().lower() not in lexicon():
            return  # a misread letter or stop ("hcwever9 that", "ti7"), not a lost year
        candidates = restorer.years(digit, context_near(text, start))
        reason = "a year lost its first digits"
        ledger.add(start, start - 1, end, "year", (3, 4), reason, candidates)
    if end < len(text) and text[end].isalpha():
        ledger.add(end, start, end + 1, "glued", (1, None), "a digit glued to a word")


def _month_before(text: str, position: int) -> int | None:
    """The last month named (or named with a lost initial) in the 400 characters before."""
    window = text[max(0, position - 400) : position]
    found = None
    for match in _LETTERS_RUN.finditer(window):
        word = match.group().lower()
        if word in _MONTH_NAMES and word != "may":
            found = _MONTH_NAMES[word]
        else:
            hit = _month_fragment(match.group())
            if hit is not None:
                found = hit[1]
    return found


@lru_cache(maxsize=100_000)
def _month_fragment(token: str) -> tuple[int, int] | None:
    """:func:`politburo.evidence.dates.month_fragment`, remembered: a paper repeats its
    words, and every word is asked."""
    return month_fragment(token)
