"""Whether a damaged token is one word, a misread word, or words run together.

A token of damaged OCR that the lexicon does not hold as a common word is one of:

- a whole word or an inflection of one (*dogmatists*, *factlonalists*);
- a misread word, letters swapped for look-alikes (*supplorentod*, *ruir.ors*): no
  text is lost;
- words run together, some of which lost their first letters (*innough* is
  *in [e]nough*, *lenum* is *[p]lenum*, *thisew* is *this [n]ew*): text is lost at
  each junction.

:func:`segment` finds the cheapest division of a token into words, misread words and
headless words (words that lost their first letters), each piece costing more the
rarer its word (:func:`politburo.evidence.gap_features.word_cost`, Zipf's law), and
weighs it against the cheapest misreading of the whole token
(:func:`politburo.evidence.gap_features.misreading`). The other functions answer the
same question for the shapes the detectors of :mod:`politburo.evidence.gap_words`
meet: a word glued to punctuation (:func:`headless_tail`), letters broken by debris
(:func:`whole_misreading`), a word run into a capitalised one (:func:`camel_junction`).

The lexicon is also seen through OCR: a *skeleton* merges look-alike letters one for
one (``b`` and ``h``, ``l`` and ``i``, ``e`` and ``o``), so that a misread piece
(*tho*, *bis*) is still known for a word.

References
----------
.. [1] P. Norvig, "Natural Language Corpus Data", in T. Segaran and J. Hammerbacher
   (eds.), *Beautiful Data*, O'Reilly, 2009, pp. 219-242 (word segmentation by the
   cheapest division into listed words).
"""

from __future__ import annotations

from functools import lru_cache

import regex

from politburo.evidence.gap_features import misread_cost, misreading, word_cost
from politburo.evidence.lexicon import FUNCTION_WORDS, lexicon

__all__ = [
    "camel_junction",
    "headless_tail",
    "is_common",
    "looks_listed",
    "segment",
    "whole_misreading",
]

_LETTERS = regex.compile(r"\p{L}+")
# A word run into a capitalised one without a space: a short function word
# ("ofKhrushchev", "toEMA"; not "toRANDuM", a misread heading), or a listed or misread word
# of three letters or more ("sovoralVinogradov").
_CAMEL = regex.compile(
    r"^(?P<lower>on|in|of|to|at|by|the|tho|and|for|from|with|a|an)"
    r"(?P<upper>\p{Lu}(?:\p{Ll}|\p{Lu}++(?!\p{Ll})))"
)
_CAMEL_WORD = regex.compile(r"^(?P<lower>\p{Ll}{3,})(?P<upper>\p{Lu}\p{Ll}{2,})")
_RARE = 15_000  # a listed word rarer than this may be the tail of a commoner one
_RARE_WORD = 25_000  # a listed word rarer than this may be common words run together
# Endings that are not words: a fragment that is one is no headless word.
_SUFFIXES = frozenset(
    {
        *("ist", "ists", "ism", "isms", "ing", "ings", "ion", "ions", "ness", "ment"),
        *("ments", "ity", "ities", "ally", "ation", "ations", "ive", "ives", "ent", "ents"),
        *("ance", "ence", "ous", "ers", "est", "able", "ible", "ized", "izing", "ised"),
        *("ated", "ately", "ship", "ships", "less", "ful", "ian", "ians", "ies", "ed", "es"),
    }
)
_STEM_SUFFIXES = ("ists", "ist", "ism", "ness", "fully", "ly", "ing", "ed", "es", "s", "d")
_HEAD_LETTERS = "abcdefghijklmnopqrstuvwxyz"
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
# Costs of the pieces of a glued token (a listed word costs ``word_cost(rank)``, 1-5.5).
_LOSS = 0.8  # a word lost its first letters: *[p]lenum*
_SHORT_LOSS = 0.9  # beyond a headless word's: a short tail is weak evidence
_MISREAD_PIECE = 0.8  # a piece that is a misread word: *tho*, *bis*

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


@lru_cache(maxsize=1)
def _tail_fragments() -> dict[str, float]:
    """Cost of each short tail as the last piece of a glued token."""
    words = lexicon()
    return {
        tail: word_cost(words[word]) + _LOSS + _SHORT_LOSS for tail, word in _SHORT_TAILS.items()
    }


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


def is_common(word: str) -> bool:
    """Whether ``word`` is a listed word common enough to be whole.

    >>> is_common("Party"), is_common("lenum")
    (True, False)
    """
    return lexicon().get(word.lower(), _RARE_WORD) < _RARE_WORD


def looks_listed(word: str) -> bool:
    """Whether ``word`` is a listed word once look-alike letters are merged.

    >>> looks_listed("ond"), looks_listed("onh")  # a misread "end"; "on [19t]h"
    (True, False)
    """
    return _skeleton(word) in _indexes()[1]


# -- whole, misread or glued -----------------------------------------------------------


def _stems(stem: str) -> tuple[str, ...]:
    return (stem, stem + "e", stem + "ic", stem + "ism", stem + "y")


def _inflected(lower: str, skeletons: dict[str, int]) -> bool:
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


@lru_cache(maxsize=200_000)
def segment(word: str, capitalised: bool) -> tuple[int, ...] | None:
    """Loss points inside ``word`` (offsets; 0 = before it), or ``None`` if it is whole.

    A common word of the lexicon, or an inflection of one, is whole. Otherwise the
    cheapest division into words, misread words and headless words (a word that lost its
    first letters) is sought, each piece costing more the rarer its word (Zipf); each
    junction, and a headless first piece, is a loss. The division is then weighed
    against the cheapest misreading of the whole token
    (:func:`politburo.evidence.gap_features.misreading`): letters swapped for
    look-alikes are not lost text. A rare listed word is whole unless its division is
    cheaper than the word itself ("abut" is *a [...] but*, "thebe" *the[...] be*).

    Parameters
    ----------
    word : str
        Letters only.
    capitalised : bool
        Whether ``word`` is capitalised where no sentence begins: a name, which is not
        split into small or headless first pieces.

    Returns
    -------
    tuple of int or None
        The offsets of the losses, in order, or ``None`` if ``word`` is whole or
        misread.

    Examples
    --------
    >>> segment("innough", False), segment("supplorentod", False), segment("abut", False)
    ((2,), None, (1,))
    """
    words, skeletons, headless = _indexes()
    lower = word.lower()
    listed = words.get(lower)
    if len(word) < 3 or (listed is not None and listed < _RARE_WORD):
        return None
    if _inflected(lower, skeletons):
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
    if reading is not None and misread_cost(*reading) <= best[size]:
        return None
    points: list[int] = []
    end = size
    while end > 0:
        start, lost = back[end]
        if lost or start > 0:
            points.append(start)
        end = start
    return tuple(sorted(set(points))) or None


def headless_tail(word: str) -> bool:
    """Whether ``word``, glued to punctuation, is the tail of a commoner word.

    An unlisted or rare word (*ramatic*, *ere*) that is what remains of a common one
    (*[d]ramatic*, *[w]ere*) after its first letters were lost.

    >>> headless_tail("ramatic"), headless_tail("ere"), headless_tail("the")
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
    return reading is None or misread_cost(*reading) > word_cost(completion) + _LOSS


def whole_misreading(compound: str) -> bool:
    """Whether ``compound``, letters broken by debris, is one misread word.

    >>> whole_misreading("ruir.ors"), whole_misreading("tofacts.Such")
    (True, False)
    """
    letters = _LETTERS.findall(compound)
    if sum(len(piece) for piece in letters) < 4:
        return False
    return misreading(compound) is not None


def _camel_word(token: str) -> regex.Match[str] | None:
    """A listed (or misread) lower-case word run into a capitalised one, or ``None``."""
    match = _CAMEL_WORD.match(token)
    if match is None:
        return None
    head = match["lower"]
    return match if head in lexicon() or misreading(head) is not None else None


def camel_junction(token: str) -> int | None:
    """Where a word runs into a capitalised one in ``token``, or ``None``.

    >>> camel_junction("ofKhrushchev"), camel_junction("sovoralVinogradov")
    (2, 7)
    >>> camel_junction("McCarthy") is None
    True
    """
    match = _CAMEL.search(token) or _camel_word(token)
    return None if match is None else match.start("upper")
