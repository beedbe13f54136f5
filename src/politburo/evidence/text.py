"""Text primitives shared by the evidence layer: whitespace folding and quote location."""

from __future__ import annotations

import regex

__all__ = ["fold_whitespace", "locate_quote"]

_SPACE = regex.compile(r"\s+")


def fold_whitespace(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends.

    >>> fold_whitespace("a  b\\n c ")
    'a b c'
    """
    return _SPACE.sub(" ", text).strip()


def locate_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Find ``quote`` in ``text`` with whitespace folded; return its span in the raw text.

    The span is given in characters of the unmodified ``text`` so that a citation can be
    anchored to the source byte for byte. Returns ``None`` when the quote is absent.

    >>> locate_quote("one  two\\nthree", "two three")
    (5, 14)
    """
    words = fold_whitespace(quote).split(" ")
    if not words or words == [""]:
        return None
    pattern = regex.compile(r"\s+".join(regex.escape(word) for word in words))
    match = pattern.search(text)
    return (match.start(), match.end()) if match else None
