"""Word evidence for the gap finder: misreadings and word costs.

An unlisted token in damaged OCR is either a *misreading* of one word (letters swapped
for look-alikes: ``supplorentod`` for *supplemented*, ``ruir.ors`` for *rumors*) or the
debris of *lost text* (``lenum`` for *[p]lenum*, ``andhad`` for *and [Kaganovich] had*).
A gap finder that takes every unlisted token for debris invents gaps inside misread
words. This module tells the two apart, by a noisy-channel comparison:

- :func:`misreading` looks for a listed word that OCR confusions alone turn into the
  token, with a weighted edit distance (:func:`glyph_distance`, the confusion table of
  :mod:`politburo.evidence.ocr_distance` plus split glyphs whose halves are themselves
  misread: ``m`` read as ``ir``, ``d`` as ``ci``). A letter lost at either end of the
  token is not a confusion: that is what a gap is.
- :func:`word_cost` is the cost of a listed word, rising with the logarithm of its
  frequency rank (Zipf), so that a division of a glued token into common words beats
  one into rare words (``in|[e]nough`` rather than ``in|no|ugh``).

Candidates are found through a coarse key in which confusable letters coincide, with
one edit of the key (and the joining of a split glyph), then checked with the exact
distance; each answer is cached, since a paper repeats its words.

References
----------
.. [1] E. Brill and R. C. Moore, "An improved error model for noisy channel spelling
   correction", Proc. 38th ACL, 2000, pp. 286-293.
.. [2] K. Kukich, "Techniques for automatically correcting words in text", ACM
   Computing Surveys 24(4), 1992, pp. 377-439.
.. [3] G. K. Zipf, *Human Behavior and the Principle of Least Effort*, 1949.
"""

from __future__ import annotations

import math
from functools import lru_cache

from politburo.evidence.lexicon import FUNCTION_WORDS, lexicon
from politburo.evidence.ocr_distance import CONFUSIONS, DEBRIS, MULTI_CONFUSIONS

__all__ = [
    "COMMON",
    "MISREAD_WEIGHT",
    "ZIPF_SLOPE",
    "glyph_distance",
    "misread_cost",
    "misreading",
    "word_cost",
]

#: Words past this frequency rank are too rare to be the intended word of a misreading.
COMMON = 60_000
#: Cost of a misreading per unit of glyph distance, on the scale of :func:`word_cost`.
MISREAD_WEIGHT = 3.0
#: Cost of a word per unit of the logarithm of its frequency rank (Zipf).
ZIPF_SLOPE = 0.4

# Confusable letters share one symbol of the coarse key (one character in, one out).
_CLASSES = str.maketrans(
    {
        "b": "h",
        "k": "h",
        "6": "h",
        "l": "i",
        "1": "i",
        "j": "i",
        "!": "i",
        "|": "i",
        "e": "o",
        "c": "o",
        "0": "o",
        "u": "n",
        "y": "v",
        "5": "s",
        "q": "g",
        "9": "g",
        "f": "t",
        "2": "z",
    }
)
_DROP = str.maketrans({c: None for c in DEBRIS})
# What a key can hold, for one-symbol edits.
_SYMBOLS = "ahdgimnoprstvwxz"
# Wide letters that OCR splits into two narrow glyphs (rn, in, cl, vv, li, ii, lc).
_WIDE = "mwdhn"  # in key symbols: u is n, k is h
# Split glyphs joined in the key itself (both sides), so that they cost no edit.
_JOINED = (("rn", "m"), ("in", "m"), ("vv", "w"), ("cl", "d"))


def _key(lower: str) -> str:
    """The coarse key of a lower-case word: debris dropped, look-alikes merged."""
    text = lower.translate(_DROP)
    for split, whole in _JOINED:
        if split in text:
            text = text.replace(split, whole)
    return text.translate(_CLASSES)


@lru_cache(maxsize=1)
def _key_index() -> dict[str, list[str]]:
    """Common words by coarse key, commonest first (only the first four are asked)."""
    ranks = lexicon()
    words = sorted(
        (w for w, p in ranks.items() if p < COMMON and w.isalpha()), key=ranks.__getitem__
    )
    joined = "\n".join(words).translate(_DROP)
    for split, whole in _JOINED:
        joined = joined.replace(split, whole)
    index: dict[str, list[str]] = {}
    for key, word in zip(joined.translate(_CLASSES).split("\n"), words, strict=True):
        bucket = index.get(key)
        if bucket is None:
            index[key] = [word]
        else:
            bucket.append(word)
    return index


# -- an OCR distance that knows split glyphs ------------------------------------------

_SINGLE = {
    pair: cost for pair, cost in CONFUSIONS.items() if pair[0].islower() or pair[0].isdigit()
}


def _look_alikes(char: str) -> list[tuple[str, float]]:
    """``char`` and what OCR may read for it at a cost of at most 0.5."""
    return [(char, 0.0)] + [(b, c) for (a, b), c in _SINGLE.items() if a == char and c <= 0.5]


def _split_table() -> dict[str, dict[str, float]]:
    """For each printed letter, the glyph pairs OCR may read for it, and their costs.

    A wide letter read as two narrow glyphs (``m`` as ``rn``), whose halves may be
    look-alikes in turn (``m`` as ``ir``: ``rn`` with ``n`` read as ``r``).
    """
    table: dict[str, dict[str, float]] = {}
    for (printed, read), cost in MULTI_CONFUSIONS.items():
        if len(printed) != 1 or len(read) != 2:
            continue
        pairs = table.setdefault(printed, {})
        for first, first_cost in _look_alikes(read[0]):
            for second, second_cost in _look_alikes(read[1]):
                total = cost + first_cost + second_cost
                pair = first + second
                if total < pairs.get(pair, math.inf):
                    pairs[pair] = round(total, 6)
    return table


def _merge_table() -> dict[str, list[tuple[str, float]]]:
    """For each glyph, the pairs of printed letters OCR may read as it (``rn`` as ``m``)."""
    table: dict[str, list[tuple[str, float]]] = {}
    for (printed, read), cost in MULTI_CONFUSIONS.items():
        if len(printed) == 2 and len(read) == 1:
            table.setdefault(read, []).append((printed, cost))
    return table


_SPLITS = _split_table()
_MERGES = _merge_table()
_NO_SPLITS: dict[str, float] = {}


@lru_cache(maxsize=100_000)
def glyph_distance(printed: str, read: str) -> float:
    """Weighted edit distance from a lower-case ``printed`` word to what OCR ``read``.

    The costs of :func:`politburo.evidence.ocr_distance.ocr_distance` (look-alikes
    0.1-0.6, debris 0.3, anything else 1), and a wide letter read as two narrow glyphs
    that may themselves be look-alikes (``m`` as ``rn`` 0.3, as ``ir`` 0.3 + 0.5).
    Case is ignored.

    >>> glyph_distance("rumors", "ruir.ors")
    1.2
    >>> glyph_distance("industrial", "inciustrial")
    0.5
    """
    a, b = printed.lower(), read.lower()
    n, m = len(a), len(b)
    single = _SINGLE
    indel = [0.3 if c in DEBRIS else 1.0 for c in b]
    rows = [[0.0] * (m + 1) for _ in range(n + 1)]
    for j in range(1, m + 1):
        rows[0][j] = rows[0][j - 1] + indel[j - 1]
    for i in range(1, n + 1):
        char = a[i - 1]
        row, above = rows[i], rows[i - 1]
        row[0] = above[0] + 1.0
        splits = _SPLITS.get(char, _NO_SPLITS)
        for j in range(1, m + 1):
            got = b[j - 1]
            best = above[j - 1] + (0.0 if char == got else single.get((char, got), 1.0))
            step = row[j - 1] + indel[j - 1]
            if step < best:
                best = step
            step = above[j] + 1.0
            if step < best:
                best = step
            if j > 1:
                if splits:
                    cost = splits.get(b[j - 2 : j])
                    if cost is not None and above[j - 2] + cost < best:
                        best = above[j - 2] + cost
                if i > 1 and a[i - 2] == got and char == b[j - 2]:
                    step = rows[i - 2][j - 2] + 0.8
                    if step < best:
                        best = step
            if i > 1 and got in _MERGES:
                for pattern, cost in _MERGES[got]:
                    if a[i - 2 : i] == pattern and rows[i - 2][j - 1] + cost < best:
                        best = rows[i - 2][j - 1] + cost
            row[j] = best
    return round(rows[n][m], 6)


# -- misreadings ----------------------------------------------------------------------


def _limit(size: int) -> float:
    """How far a misreading of ``size`` letters may stray from its word."""
    if size <= 3:
        return 0.5
    return 0.2 * size


def _neighbours(key: str) -> list[str]:
    """Keys one edit from ``key``: a symbol changed, or (inside) dropped or added, or
    two glyphs joined into a wide letter. A letter lost at either end is lost text, and
    a stray one there is what is left of a lost word (*practical[o]f*): neither is an
    edit of one word."""
    out: list[str] = []
    size = len(key)
    for i in range(size):
        head, tail = key[:i], key[i + 1 :]
        if 0 < i < size - 1:
            out.append(head + tail)
        for symbol in _SYMBOLS:
            if symbol != key[i]:
                out.append(head + symbol + tail)
        if i > 0:
            body = key[i:]
            for symbol in _SYMBOLS:
                out.append(head + symbol + body)
        if i + 1 < size:
            rest = key[i + 2 :]
            for symbol in _WIDE:
                out.append(head + symbol + rest)
    return out


@lru_cache(maxsize=100_000)
def misreading(token: str) -> tuple[str, float] | None:
    """The listed word that ``token`` likeliest misreads, and its glyph distance, or ``None``.

    ``token`` may hold debris (``de.ith``). A listed token is its own reading. A word
    found only by adding letters at the ends of the token is not a misreading: letters
    lost there are lost text.

    >>> misreading("supplorentod"), misreading("ruir.ors")
    (('supplemented', 1.6), ('rumors', 1.2))
    >>> misreading("lenum") is None  # [p]lenum
    True
    """
    lower = token.lower()
    words = lexicon()
    letters = lower.translate(_DROP)
    if letters in words:
        return letters, 0.0
    size = len(letters)
    if size < 3:
        return None
    index = _key_index()
    key = _key(lower)
    limit = _limit(size) + 0.3 * (len(lower) - size)  # debris is not a changed letter
    found: dict[str, None] = dict.fromkeys(index.get(key, ())[:4])
    if size >= 4 or not found:
        for near in _neighbours(key):
            bucket = index.get(near)
            if bucket is not None:
                found.update(dict.fromkeys(bucket[:4]))
    best: tuple[float, str, float] | None = None
    for word in found:
        if len(word) < 3 and word not in FUNCTION_WORDS:
            continue
        if word[0] != letters[0] and word[1:2] == letters[:1] and len(word) > size:
            continue  # a lost initial, not a misread one
        distance = glyph_distance(word, lower)
        if distance <= limit:
            cost = misread_cost(word, distance)
            if best is None or cost < best[0]:
                best = (cost, word, distance)
    return None if best is None else (best[1], best[2])


def misread_cost(word: str, distance: float) -> float:
    """The cost of reading a token as ``word`` misread at ``distance``: the word's cost
    and the OCR confusions', on the scale of :func:`word_cost`.

    >>> misread_cost("supplemented", 1.6) > misread_cost("much", 0.5)
    True
    """
    return word_cost(lexicon()[word]) + MISREAD_WEIGHT * distance


# -- frequencies ----------------------------------------------------------------------


def word_cost(rank: int) -> float:
    """The cost of a listed word of frequency ``rank`` (0 = commonest): Zipf's law.

    >>> round(word_cost(0), 2), round(word_cost(10_000), 2)
    (1.0, 4.68)
    """
    return 1.0 + ZIPF_SLOPE * math.log1p(rank)
