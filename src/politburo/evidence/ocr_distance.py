"""A weighted edit distance that knows how OCR goes wrong.

Plain Levenshtein distance charges the same for ``Malenkov -> Halenkov`` as for
``Malenkov -> Xalenkov``; a reader of damaged typescript knows that H for M, l for i,
o for e, b for h and rn for m are the usual slips. :func:`ocr_distance` is a
Damerau-Levenshtein distance whose costs come from such a confusion table, including
two-character confusions (``rn``/``m``, ``li``/``h``), free case changes, and cheap
insertion of the debris OCR leaves inside words (hyphens, apostrophes, carets).

:func:`skeleton` maps a word to a key in which confusable letters coincide; it is used
to find candidates quickly before the exact distance is computed.

References
----------
.. [1] F. J. Damerau, "A technique for computer detection and correction of spelling
   errors", Communications of the ACM 7(3), 1964, pp. 171-176.
.. [2] V. I. Levenshtein, "Binary codes capable of correcting deletions, insertions, and
   reversals", Soviet Physics Doklady 10(8), 1966, pp. 707-710.
.. [3] E. Brill and R. C. Moore, "An improved error model for noisy channel spelling
   correction", Proc. 38th ACL, 2000, pp. 286-293.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

__all__ = [
    "CONFUSIONS",
    "DEBRIS",
    "MULTI_CONFUSIONS",
    "ocr_distance",
    "ocr_similarity",
    "skeleton",
]


def _both_ways(pairs: tuple[tuple[str, str, float], ...]) -> dict[tuple[str, str], float]:
    """A confusion table with each pair keyed in both orders (the reverse order last)."""
    return {**{(a, b): cost for a, b, cost in pairs}, **{(b, a): cost for a, b, cost in pairs}}


# Single-character confusions, cost of reading one as the other (symmetric).
# Case-sensitive pairs are looked up first, then the lower-case pair.
_PAIRS: tuple[tuple[str, str, float], ...] = (
    # upper case: the confusions of worn capitals in typescript
    ("H", "M", 0.3),
    ("K", "M", 0.3),
    ("U", "M", 0.3),
    ("V", "M", 0.4),
    ("N", "M", 0.4),
    ("W", "M", 0.5),
    ("X", "K", 0.3),
    ("C", "K", 0.5),
    ("H", "K", 0.4),
    ("R", "H", 0.4),
    ("H", "B", 0.4),
    ("B", "S", 0.4),
    ("B", "P", 0.4),
    ("I", "l", 0.1),
    ("I", "J", 0.3),
    ("T", "Y", 0.5),
    ("Z", "2", 0.3),
    # lower case
    ("h", "b", 0.3),
    ("h", "k", 0.4),
    ("h", "n", 0.4),
    ("l", "i", 0.2),
    ("l", "1", 0.2),
    ("i", "1", 0.2),
    ("l", "t", 0.4),
    ("i", "j", 0.3),
    ("i", "!", 0.3),
    ("l", "|", 0.2),
    ("o", "e", 0.3),
    ("c", "e", 0.3),
    ("o", "c", 0.4),
    ("o", "a", 0.5),
    ("o", "0", 0.2),
    ("a", "u", 0.5),
    ("e", "a", 0.5),
    ("u", "n", 0.4),
    ("u", "v", 0.4),
    ("v", "y", 0.4),
    ("s", "5", 0.3),
    ("s", "f", 0.5),
    ("s", "8", 0.5),
    ("g", "q", 0.4),
    ("g", "9", 0.4),
    ("b", "6", 0.4),
    ("t", "f", 0.4),
    ("r", "t", 0.5),
    ("n", "r", 0.5),
    ("m", "n", 0.5),
    ("d", "o", 0.6),
    ("z", "2", 0.3),
)

#: Single-character confusion costs, keyed by ordered pairs (both orders present).
CONFUSIONS: Mapping[tuple[str, str], float] = _both_ways(_PAIRS)

# Multi-character confusions: (in the name, as read) and the reverse.
_MULTI: tuple[tuple[str, str, float], ...] = (
    ("m", "rn", 0.3),
    ("m", "in", 0.4),
    ("m", "ni", 0.4),
    ("m", "iu", 0.5),
    ("n", "ri", 0.4),
    ("h", "li", 0.4),
    ("h", "lı", 0.4),
    ("d", "cl", 0.3),
    ("w", "vv", 0.3),
    ("u", "ii", 0.4),
    ("k", "lc", 0.4),
    ("ch", "cf", 0.6),
)

#: Multi-character confusions, keyed by (what was printed, what was read).
MULTI_CONFUSIONS: Mapping[tuple[str, str], float] = _both_ways(_MULTI)

#: Characters OCR scatters into words; inserting one costs little.
DEBRIS = frozenset("-'’`^*.,:;_\"!|~")
_DEBRIS_COST = 0.3
_TRANSPOSE_COST = 0.8


def _sub(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if a.lower() == b.lower():
        return 0.0
    cost = CONFUSIONS.get((a, b))
    if cost is None:
        cost = CONFUSIONS.get((a.lower(), b.lower()), 1.0)
    return cost


def _indel(char: str) -> float:
    return _DEBRIS_COST if char in DEBRIS else 1.0


@lru_cache(maxsize=20_000)
def _multi_table(low_printed: str) -> list[list[tuple[int, int, str, float]]]:
    """For each prefix length of ``low_printed``, the multi-character confusions ending there."""
    return [
        [
            (len(left), len(right), right, cost)
            for (left, right), cost in MULTI_CONFUSIONS.items()
            if len(left) <= i and low_printed[i - len(left) : i] == left
        ]
        for i in range(len(low_printed) + 1)
    ]


@lru_cache(maxsize=200_000)
def ocr_distance(printed: str, read: str) -> float:
    """Weighted Damerau-Levenshtein distance from ``printed`` to what OCR ``read``.

    Parameters
    ----------
    printed : str
        The intended word (a name from the gazetteer).
    read : str
        The characters found in the damaged text.

    Returns
    -------
    float
        The cheapest sequence of edits: confusable substitutions cost 0.1-0.6, others 1;
        case changes are free; debris characters cost 0.3 to insert or delete;
        adjacent transpositions cost 0.8.

    Examples
    --------
    >>> ocr_distance("Malenkov", "Halenkov")
    0.3
    >>> ocr_distance("Malenkov", "Xalenkov")
    1.0
    >>> round(ocr_distance("Kaganovich", "Kagano-vlch"), 2)
    0.5
    >>> round(ocr_distance("Shepilov", "5hepllov"), 2)
    0.5
    """
    n, m = len(printed), len(read)
    low_printed = printed.lower()
    low_read = read.lower()
    read_indel = [_indel(b) for b in read]
    multi = _multi_table(low_printed)
    previous = [0.0] * (m + 1)
    for j in range(1, m + 1):
        previous[j] = previous[j - 1] + read_indel[j - 1]
    rows = [previous]
    for i in range(1, n + 1):
        a = printed[i - 1]
        a_indel = _indel(a)
        above = rows[i - 1]
        current = [above[0] + a_indel] + [0.0] * m
        options = multi[i]
        for j in range(1, m + 1):
            b = read[j - 1]
            best = above[j] + a_indel
            cost = current[j - 1] + read_indel[j - 1]
            if cost < best:
                best = cost
            cost = above[j - 1] + (0.0 if a == b else _sub(a, b))
            if cost < best:
                best = cost
            if (
                i > 1
                and j > 1
                and low_printed[i - 1] == low_read[j - 2]
                and low_printed[i - 2] == low_read[j - 1]
            ):
                cost = rows[i - 2][j - 2] + _TRANSPOSE_COST
                if cost < best:
                    best = cost
            for left_len, right_len, right, multi_cost in options:
                if right_len <= j and low_read[j - right_len : j] == right:
                    cost = rows[i - left_len][j - right_len] + multi_cost
                    if cost < best:
                        best = cost
            current[j] = best
        rows.append(current)
    return round(rows[n][m], 6)


def ocr_similarity(printed: str, read: str) -> float:
    """``1 - ocr_distance / len(printed)``, clipped at 0: 1 is a perfect reading.

    >>> ocr_similarity("Molotov", "Kolotov") > 0.95
    True
    """
    if not printed:
        return 0.0
    return max(0.0, 1.0 - ocr_distance(printed, read) / len(printed))


_SKELETON_UPPER = str.maketrans({c: "m" for c in "HMKUVNWX"})
_SKELETON = str.maketrans(
    {
        "b": "h",
        "k": "h",
        "l": "i",
        "1": "i",
        "!": "i",
        "|": "i",
        "j": "i",
        "e": "o",
        "c": "o",
        "0": "o",
        "5": "s",
        "f": "s",
        "$": "s",
        "q": "g",
        "y": "v",
    }
)
_DROP = str.maketrans({c: None for c in DEBRIS})


def skeleton(word: str) -> str:
    """A key in which confusable letters coincide (used to find candidates fast).

    >>> skeleton("Halenkov") == skeleton("Malenkov") == skeleton("Ualenkov")
    True
    >>> skeleton("Mlkoyan") == skeleton("Mikoyan")
    True
    """
    if not word:
        return word
    head = word[0].translate(_SKELETON_UPPER) if word[0].isupper() else word[0]
    text = (head + word[1:]).translate(_DROP).lower()
    text = text.replace("rn", "m")
    return text.translate(_SKELETON)
