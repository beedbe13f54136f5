"""Losses of words and sentences: glued tokens, lost sentence openings, page ends.

The detectors of the kinds ``glued``, ``sentence`` and ``page`` of
:mod:`politburo.evidence.gaps`. A loss of words leaves no template to restore from;
these detectors only find where it is and report it to a
:class:`~politburo.evidence.gap_ledger.Ledger`:

- :func:`sentence_losses`: a sentence that begins in lower case, or a word run into a
  capitalised word that opens a sentence (``in With the possible``);
- :func:`word_losses`: a name glued to a word or headless, a word glued to punctuation
  or to a possessive, a token of words run together (the division is
  :func:`politburo.evidence.gap_segmentation.segment`'s);
- :func:`page_losses`: a paragraph that stops on a word no sentence ends with.

Examples
--------
>>> from politburo.evidence.gap_ledger import Ledger
>>> text = "The plenum opened. the6 members spoke,ere the vote."
>>> ledger = Ledger(len(text))
>>> sentence_losses(text, ledger, [])
>>> word_losses(text, ledger, [], 0)
>>> [(loss.kind, text[loss.start : loss.end]) for loss in ledger.losses()]
[('sentence', 'the'), ('glued', 'ere')]
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import regex

from politburo.evidence.gap_ledger import Ledger
from politburo.evidence.gap_segmentation import (
    camel_junction,
    headless_tail,
    is_common,
    segment,
    whole_misreading,
)
from politburo.evidence.lexicon import is_word
from politburo.evidence.mentions import Mention

__all__ = ["page_losses", "sentence_losses", "word_losses"]

_TOKEN = regex.compile(r"[\p{L}\p{N}](?:[\p{L}\p{N}'’\-]*[\p{L}\p{N}])?")
_LETTERS = regex.compile(r"\p{L}+")
_PREVIOUS_WORD = regex.compile(r"([\p{L}.]+)[.!?][\"”’')\]]?$")
_DIGIT_STOP = regex.compile(r"\d[.]$")
_LONE_STOP = regex.compile(r"\s[.!?][\"”’')\]]?$")
_LAST_WORD = regex.compile(r"(\p{L}+)[.!?][\"”’')\]]?$")
_GLUED_POSSESSIVE = regex.compile(r"['’`]s(?=\p{L})")
_SENTENCE_LOWER = regex.compile(r"(?<=[.!?][\"”’')\]]?\s+)(?P<word>\p{Ll}\p{L}*)")
_ABBREVIATIONS = frozenset(
    {
        *("etc", "e.g", "i.e", "cf", "vs", "no", "mr", "st", "p", "pp", "vol", "a.m", "p.m"),
        *("u.s", "gen", "col", "adm", "sec", "secs", "dept", "para", "op", "cit", "ibid"),
    }
)
# Words a sentence does not end with, beyond the open endings: a full stop after one is debris
# ("held in. the army", "as a. result", "have been. able").
_NO_END = frozenset({"be", "been", "being", "is", "are", "was", "were", "has", "have", "had"})
# Words that go on with a sentence: a full stop before one is debris ("troops. into Moscow").
_GOING_ON = frozenset(
    {
        *("into", "onto", "upon", "of", "to", "in", "on", "at", "by", "for", "with", "from"),
        *("and", "or", "nor", "than", "when", "whereas", "whom", "whose", "unless", "until"),
    }
)
_WITHHELD_BEFORE = regex.compile(
    r"(?:25X\d{0,2}|X\d-HUM)(?:[ ]?[A-Z])?[ \t]+(?:\p{L}{1,3}\.[ \t]+)?$"
)
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
# A word glued to the punctuation before it (perhaps through a stray quote): the space
# went with the lost text. A capitalised word glued to a comma ("goods,New Course") is a
# name or a sentence whose opening words are lost.
_AFTER_PUNCTUATION = regex.compile(
    r"(?<=[\p{L}\p{N}][,;:)\]]['‘’`]?)\p{Ll}+(?![\p{L}\p{N}'’-])"
    r"|(?<=\p{L}[,;])\p{Lu}\p{Ll}+"
)
# A word derived from a name by a prefix ("deStalinization", "dcStalinlzed",
# "post-rtalin"): one misread word, however the name inside is damaged.
_DERIVED = regex.compile(
    r"(?<![\p{L}\p{N}])(?:(?:de|dc|post|anti|pro|neo|non|pre)-?\p{Lu}"
    r"|(?:post|anti|pro|neo|non|pre)-\p{L})[\p{L}\p{N}'’-]*"
)
# Short words glued before a name that lost its initial ("In[ K]aganovich"); any other head of
# one or two letters is the capital misread ("IChrushchev", "Ithrushchev").
_BEFORE_NAMES = frozenset({"in", "on", "at", "by", "of", "to", "as", "an", "a", "and"})
# Words that do not end a sentence: a paragraph ending in one lost its last words.
_OPEN_ENDINGS = frozenset(
    {
        *("a", "an", "the", "tho", "tbe", "of", "to", "in", "on", "at", "by", "for", "with"),
        *("from", "and", "or", "but", "nor", "that", "than", "as", "into", "onto", "upon"),
        *("his", "her", "its", "their", "our", "my", "your", "whose", "which", "who", "whom"),
        *("this", "these", "those"),
    }
)


def sentence_losses(text: str, ledger: Ledger, names: Sequence[tuple[int, int]]) -> None:
    """Report sentences whose end, or whose opening, is lost.

    Parameters
    ----------
    text : str
        A passage or a whole document.
    ledger : Ledger
        Where the losses are reported (offsets relative to ``text``).
    names : sequence of (int, int)
        Spans of names in ``text``: a name in lower case opens no sentence.
    """
    for match in _SENTENCE_LOWER.finditer(text):
        before = text[_word_window(text, match.start()) : match.start()].rstrip()
        previous = _PREVIOUS_WORD.search(before)
        if previous and previous.group(1).lower().rstrip(".") in _ABBREVIATIONS:
            continue
        if _DIGIT_STOP.search(before) or _stray_stop(text, match, before, ledger):
            continue
        at = match.start()
        if any(s <= at < e for s, e in names):
            continue  # a name in lower case ("pervukhin"), not a lost opening
        ledger.add(at, at, match.end(), "sentence", (2, None), "a sentence begins in lower case")
    for match in _RUN_IN.finditer(text):
        at = match.start("word")
        if not ledger.free(match.start(), match.end()):
            continue
        reason = "a sentence runs into the next one"
        ledger.add(at, match.start(), match.end(), "sentence", (2, None), reason)


def _word_window(text: str, end: int, width: int = 64) -> int:
    """Where to start looking back from ``end`` for the last word before it: past the
    spaces before ``end``, ``width`` characters back, moved to the start of a word cut there;
    so that a search anchored at the end of the stripped text sees what it would see in the
    whole text without scanning all of it (which made long passages quadratic)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = max(0, end - width)
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    return start


def _stray_stop(text: str, match: regex.Match[str], before: str, ledger: Ledger) -> bool:
    """Whether the stop before a lower-case word is debris, withheld text or layout."""
    word = match["word"].lower()
    window = text[max(0, match.start() - 8) : match.start()]
    stop = match.start() - (len(window) - len(window.rstrip())) - 1
    if not ledger.free(match.start(), match.end()) or not ledger.free(max(0, stop - 1), stop):
        return True  # inside page furniture or debris
    if _LONE_STOP.search(before):
        return True  # a stop standing alone: "to bring . troops"
    previous = _LAST_WORD.search(before)
    if previous and previous.group(1).lower() in (_OPEN_ENDINGS | _NO_END):
        return True
    if word in _GOING_ON:
        return True
    return _WITHHELD_BEFORE.search(before) is not None  # "25X1 C A. he wants": withheld


def word_losses(text: str, ledger: Ledger, mentions: Sequence[Mention], offset: int) -> None:
    """Report words glued together, to punctuation or to names, that lost text between.

    Names, and words broken by debris that are one misread word, are explained first:
    no later rule takes them apart.

    Parameters
    ----------
    text : str
        A passage or a whole document.
    ledger : Ledger
        Where the losses are reported (offsets relative to ``text``).
    mentions : sequence of Mention
        Mentions found in ``text``, at raw offsets.
    offset : int
        Where ``text`` starts in the raw source.
    """
    _name_losses(text, ledger, mentions, offset)
    for match in _COMPOUND.finditer(text):
        # a word that OCR broke with debris ("ruir.ors", "de.ith") is misread, not
        # two pieces with a loss between them
        if ledger.free(*match.span()) and whole_misreading(match.group()):
            ledger.cover(*match.span())
    for match in _DERIVED.finditer(text):
        if ledger.free(*match.span()):
            ledger.cover(*match.span())
    for match in _AFTER_PUNCTUATION.finditer(text):
        start, end = match.span()
        if not ledger.free(start, end):
            continue
        if match.group()[0].isupper():
            reason = "a capitalised word glued to punctuation"
            ledger.add(start, start - 1, end, "glued", (1, None), reason, claim=False)
        elif headless_tail(match.group()):
            reason = "a word lost its head after punctuation"
            ledger.add(start, start, end, "glued", (1, None), reason)
    for match in _AFTER_POSSESSIVE.finditer(text):
        start, end = match.span()
        if ledger.free(start, end):
            ledger.add(start, start - 2, end, "glued", (1, None), "a word glued to a possessive")
    _token_losses(text, ledger)


def _name_losses(text: str, ledger: Ledger, mentions: Sequence[Mention], offset: int) -> None:
    """Names are explained; a name that lost its initial or is glued to a word is a loss."""
    for mention in mentions:
        start, end = mention.start - offset, mention.end - offset
        if not 0 <= start < len(text):
            continue
        ledger.cover(start, end)
        head = regex.search(r"\p{L}{1,3}$", text[max(0, start - 3) : start])
        if (
            "lost-initial" in mention.flags
            and head is not None
            and len(head.group()) <= 2
            and head.group()[0].isupper()
            and head.group().lower() not in _BEFORE_NAMES
        ):
            ledger.cover(start - len(head.group()), end)
            continue  # the capital was misread ("IChrushchev", "ICaganovich"), not lost
        if "lost-initial" in mention.flags and not mention.text[:1].isupper():
            ledger.add(start, start, end, "glued", (2, None), "a name lost its first letter")
        if "glued" in mention.flags:
            if start > 0 and text[start - 1].isalnum():
                ledger.add(start, start - 1, end, "glued", (1, None), "a name glued to a word")
            tail = _GLUED_POSSESSIVE.match(text[end : end + 3])
            after = end + (tail.end() if tail else 0)
            if after < len(text) and text[after].isalpha():
                ledger.add(after, start, after + 1, "glued", (1, None), "a name glued to a word")


def _token_losses(text: str, ledger: Ledger) -> None:
    """Tokens of words run together, or run into a capitalised word."""
    for match in _TOKEN.finditer(text):
        token = match.group()
        if is_common(token):
            continue  # a common word is whole (the commonest case by far)
        start, end = match.span()
        if not ledger.free(start, end):
            continue
        junction = camel_junction(token)
        if junction is not None:
            reason = "a word runs into a capitalised one"
            ledger.add(start + junction, start, end, "glued", (1, None), reason)
            continue
        for piece in _LETTERS.finditer(token):
            word = piece.group()
            if is_common(word):
                continue  # a common word is whole
            if word.isupper() and len(word) >= 4:
                continue  # a word in capitals (a heading, a stamp) misread, not words glued
            capitalised = word[0].isupper() and not _sentence_start(text, start)
            points = segment(word, capitalised)
            opens_with_word = points and points[0] and is_word(word[: points[0]])
            if points and word[0].isupper() and len(word) <= 10 and not opens_with_word:
                continue  # a name, not glued words: those open with a listed word
            if not points:
                continue
            base = start + piece.start()
            for point in points:
                extent = (1 if point else 2, None)
                ledger.add(base + point, start, end, "glued", extent, "words run together")


def _sentence_start(text: str, position: int) -> bool:
    """Whether a sentence may begin at ``position`` (a capital there proves nothing)."""
    before = text[max(0, position - 40) : position].rstrip(" \t\"“'‘(")
    if not before and position > 40:
        before = text[:position].rstrip(" \t\"“'‘(")
    return not before or before[-1] in ".!?" or "\n\n" in text[max(0, position - 4) : position]


def page_losses(text: str, ledger: Ledger) -> None:
    """Report paragraphs that stop on a word no sentence ends with (``for tho``).

    Only where the next paragraph of text (past page marks) opens a new sentence: the
    end of the page is lost.

    Parameters
    ----------
    text : str
        A passage or a whole document.
    ledger : Ledger
        Where the losses are reported (offsets relative to ``text``).
    """
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
        at = this.start() + len(body)
        if opening[:1].isupper() and ledger.free(at - 1, at):
            ledger.add(at, max(0, at - 12), at, "page", (2, None), "a page ends inside a sentence")
