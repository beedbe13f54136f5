"""The English word list used to tell words from OCR debris (loaded once, lazily).

The list (``data/english-words.txt.gz``, from symspellpy's English frequency dictionary; its
licence is beside it) is data, not a spell-checker: nothing here ever rewrites a source text. It
answers two questions: is this token an ordinary English word, and how common is it.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

import regex

__all__ = ["FUNCTION_WORDS", "is_word", "lexicon", "rank"]

#: Short words that may stand alone when a glued token is taken apart.
FUNCTION_WORDS = frozenset(
    [
        "a",
        "i",
        "an",
        "as",
        "at",
        "be",
        "by",
        "do",
        "go",
        "he",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "no",
        "of",
        "on",
        "or",
        "so",
        "to",
        "up",
        "us",
        "we",
        "am",
    ]
)


_AMERICAN = regex.compile(r"(?<=\w{2})our(s|ed|ing|able|ite|ites)?$")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, int]:
    """Every listed word (lower case) mapped to its frequency rank (0 = most frequent).

    >>> lexicon()["the"]
    0
    >>> "plenum" in lexicon()
    True
    """
    packed = resources.files("politburo.evidence").joinpath("data/english-words.txt.gz")
    words = gzip.decompress(packed.read_bytes()).decode("ascii").split("\n")
    table: dict[str, int] = {}
    for position, word in enumerate(words):
        if len(word) > 2 or word in FUNCTION_WORDS:
            table.setdefault(word, position)
    for word, position in list(table.items()):  # the list is British; the paper is not
        if "our" in word:
            american = _AMERICAN.sub(r"or\1", word)
            if american != word:
                table.setdefault(american, position)
    return table


def is_word(token: str) -> bool:
    """Whether ``token`` (any case) is a listed English word.

    >>> is_word("Presidium"), is_word("lenum"), is_word("tbe")
    (True, False, False)
    """
    return token.lower() in lexicon()


def rank(token: str) -> int | None:
    """Frequency rank of ``token`` (lower is commoner), or ``None`` if unlisted."""
    return lexicon().get(token.lower())
