"""The layout of a scanned paper: what is page furniture, withheld or garbled, not lost words.

OCR of a declassified paper carries more than its text: release lines and document numbers
stamped on every page (``Approved For Release 2001/03/04 : CIA-RDP79R00890A000900010022-3``),
classification banners, review stamps, redaction marks where text was withheld (``25X1``,
``50X1-HUM``, ``3.5(c)``), words hyphenated across line breaks (``Na-\\ntional``), and runs of
debris where a stamp or a fold spoiled the scan. Read as prose, all of these look like lost
text; only some of them are. This module reads them first, so that the word and sentence
detectors of :mod:`politburo.evidence.gap_words` never take them apart, and reports the losses
they do show:

``furniture``
    a release line or document number cut short (``CIA-RDP79RO08``, ``Approved For``), a
    release line whose start is lost (``2002/07/30: CIA-...`` at the head of a line), a release
    date followed by debris where its number should be, a banner word that lost its first or
    last letters (``NFIDEMIAL``, ``EVIEWER``, ``TOPS``), a list item that lost its number
    (``CONTENTS . DENUNCIATION``), a word hyphenated at a line end whose continuation is debris;
``garble``
    a run of debris that replaced running text (``reports hadI ?L or..c? ^r.:rsr r:o. been``):
    one loss, where the damage begins.

Explained without a loss: redaction marks (withheld text is not lost text; see
:func:`redaction_marks`), words hyphenated across a line break or a lost one (``pro- blems``),
and lone debris or stamps that replaced no running text (``Cb:s. b: TS S S``).

References
----------
.. [1] CIA, *CIA Records Search Tool (CREST)*, document numbers of the form
   ``CIA-RDP79T00975A003200080001-7`` and release lines, NARA, 2000-2017.
.. [2] Executive Order 12958, section 1.5 and 3.4 (the ``25X`` exemption markings), 1995.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex
from rapidfuzz.distance import Levenshtein

from politburo.evidence.gap_ledger import Ledger
from politburo.evidence.gap_segmentation import is_common
from politburo.evidence.lexicon import lexicon

__all__ = ["debris", "layout_losses", "redaction_marks"]

# Withheld text: "25X1", "25X1 C", "25X6", "50X1-HUM" (OCR "5UX1-HUM"), "3.5(c)", "3.3(h)(2)".
_REDACTION = regex.compile(
    r"(?<![\p{L}\p{N}])(?:25X\d{0,2}(?:[ ]?[A-Z](?![\p{L}\p{N}]))?"
    r"|[5S][0OU]X\d-HUM|\d\.\d\([a-z]\)(?:\(\d\))?|STAT(?=\s*$))",
    regex.M,
)
# "Approved For Release", "ApprovIed for Release:", "Approved For RoIease", cut: "Approved For".
_RELEASE = regex.compile(
    r"(?<![\p{L}])\p{L}?Approv\p{L}*[ \t]+[Ff]or\p{L}?(?P<sep>[ \t]*)(?P<word>\p{L}*)"
)
# A release date: "2001/03/04", "2002/02/1 2", misread "2 0r1 9/1i2/10", "2001/03/0'4".
_DATE = regex.compile(
    r"[:\s]*\d[\d \p{Ll}'&]{1,6}/[\d \p{Ll}']{1,4}/[\d']{1,3}"
    r"(?:[ ]\d(?!\d)(?![ ]*[^\s\p{L}\p{N}]))?"  # a last digit split off: "2002/02/1 2"
)
# A document number after a release date: "CIA-RDP...", "C03189016".
_NUMBER_AHEAD = regex.compile(r"[\s:]*(?:C[I1l]A|C[\dO]{6,}|[\dO]{6,})")
# A CREST number, perhaps misread or split by spaces; complete when it ends in "-<check digit>".
_CREST = regex.compile(
    r"(?<![\p{L}\p{N}])C[I1l]A[-^~=][\p{L}\p{N}^-]*"
    r"(?:[ ](?:[\dO][\dOA-Z]*(?:-\d)?|-[ ]?\d)(?![\p{L}]))*"
)
# A document number that lost its head: "{580A00 1000040004-8" (no "CIA-RDP" before it).
_HEADLESS_NUMBER = regex.compile(r"(?<!\S)[^\s]*\d[\dOA-Z]{4,}(?:[ ][\dO]{6,})?-\d(?!\S)")
# A release line whose head is lost: a line that opens with its date and number.
_HEADLESS_RELEASE = regex.compile(
    r"(?m)^[ \t]*(?P<date>\d{4}[/T]\d{2}/\S*)[ \t]*:?[ \t]*(?=\S{0,3}(?:C[I1l]A|RDP))"
)
_BANNERS = ("CONFIDENTIAL", "SECRET", "REVIEWER", "RELEASE", "DECLASSIFIED", "TOPSECRET")
_CAPS = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}{4,}(?![\p{L}\p{N}])")
# A list whose item lost its number: "CONTENTS . DENUNCIATION", "(page 7). _THE_AR".
_LOST_ITEM_NUMBER = regex.compile(r"(?<=CONTENTS[ \t]+)\.(?=[ \t]+[\"“]?\p{Lu})")
_AFTER_ITEM = regex.compile(r"\(page [\dIl]+\)\.[ \t]+(?P<next>\S+)(?:[ \t]+(?P<second>\S+))?")
# A word hyphenated at a line end: "Na-\ntional"; without the break: "pro- blems".
_HYPHENATED = regex.compile(r"\p{L}+-[ \t]*\n[ \t]*\p{Ll}\p{L}*|\p{L}+-[ ]\p{Ll}\p{L}*")
_HYPHEN_INTO_DEBRIS = regex.compile(r"\p{L}-[ \t]*\n[ \t]*(?=[\\~^|_{}<>=*])")
_TOKEN = regex.compile(r"\S+")
_STRANGE = frozenset("^~{}<>|\\£□�=+_")
_EDGE = ".,;:!?'\"()[]*“”‘’"
_ALTERNATION = regex.compile(r"(?=(\p{L}\d|\d\p{L}))")
# Letters broken by a colon or question mark with one or two on a side: "Cb:s", "r:o".
_SHORT_SIDE = regex.compile(
    r"(?<![\p{L}\p{N}])[\p{L}\p{N}]{1,2}[:;?!][\p{L}\p{N}]"
    r"|[\p{L}\p{N}][:;?!][\p{L}\p{N}]{1,2}(?![\p{L}\p{N}])"
)
# Lower-case letters standing alone where words were ("from n e dual point"): not "a" or "i",
# nor "s" ("Premier f s first" is a misread possessive).
_REMNANTS = regex.compile(r"(?<=\p{Ll}{2,}[ ])(?:[b-hj-rt-z][ ]){2,}(?=\p{Ll}{2,})")
_PROSE_WORD = regex.compile(r"(?<![\p{L}\p{N}])\p{Ll}{2,}(?![\p{L}\p{N}])")


def redaction_marks(text: str) -> list[tuple[int, int, str]]:
    """Where text was withheld: each redaction mark's span and text.

    >>> redaction_marks("support in Central Committee, 25X1 C A. he wants 50X1-HUM")
    [(30, 36, '25X1 C'), (49, 57, '50X1-HUM')]
    """
    return [(m.start(), m.end(), m.group()) for m in _REDACTION.finditer(text)]


def debris(token: str) -> bool:
    """Whether a whitespace-delimited token is OCR debris rather than a word or a number.

    >>> [debris(t) for t in ("or..c?", "^r.:rsr", "0r1", "Vx111x1x1ZZ1", "In7", "C03189016")]
    [True, True, True, True, False, False]
    >>> [debris(t) for t in ("Khrushchev's", "(page", "25X1", "re-", "U.S.", "history-,of")]
    [False, False, False, False, False, False]
    """
    core = token.strip(_EDGE)
    if not core:
        return len(token) >= 2 and any(c in "?!" for c in token) and token != "..."
    if any(c in _STRANGE for c in core):
        return True
    letters = sum(c.isalpha() for c in core)
    digits = sum(c.isdigit() for c in core)
    others = len(core) - letters - digits
    if others >= 2 and others * 3 >= len(core) and not regex.fullmatch(r"(?:\p{L}\.)+\p{L}?", core):
        return True
    if _SHORT_SIDE.search(core):
        return True
    return (
        letters > 0
        and digits > 0
        and len(_ALTERNATION.findall(core)) >= 2
        and not regex.match(r"C[I1l]A|C[\dO]{6}|\d+X\d", core)
        and not regex.fullmatch(r"\p{Ll}+\d\p{Ll}+", core)  # "speeches3ontinuing": lost text
    )


def layout_losses(text: str, ledger: Ledger, names: Sequence[tuple[int, int]] = ()) -> None:
    """Explain the layout of ``text`` and report the losses it shows (see the module doc).

    Parameters
    ----------
    text : str
        A passage or a whole document.
    ledger : Ledger
        Where the losses are reported (offsets relative to ``text``).
    names : sequence of (int, int)
        Spans of names in ``text``: never debris.

    Examples
    --------
    >>> text = "Approved For Release 2001/03/04 : CIA-RDP79RO08 NSC BRIEFING 25X1 C A. he"
    >>> ledger = Ledger(len(text))
    >>> layout_losses(text, ledger)
    >>> [(loss.kind, text[loss.start : loss.at]) for loss in ledger.losses()]
    [('furniture', 'CIA-RDP79RO08')]
    """
    for start, end, _ in redaction_marks(text):
        ledger.cover(start, end)
    for match in _HYPHENATED.finditer(text):
        ledger.cover(*match.span())
    for match in _HYPHEN_INTO_DEBRIS.finditer(text):
        at = match.end()
        ledger.add(at, match.start(), at + 1, "furniture", (2, None), _CUT_LINE)
    _release_lines(text, ledger)
    _crest_numbers(text, ledger)
    _banners(text, ledger)
    _item_numbers(text, ledger)
    _garble(text, ledger, names)
    for match in _REMNANTS.finditer(text):
        around = text[max(0, match.start() - 40) : match.end() + 40]  # running text
        if ledger.free(*match.span()) and len(_PROSE_WORD.findall(around)) >= 3:
            at = match.start()
            ledger.add(at, at, match.end(), "garble", (2, None), "letters left of lost words")


_CUT_LINE = "a hyphenated line runs into debris"
_CUT_RELEASE = "a release line is cut short"
_CUT_NUMBER = "a document number is cut short"


def _release_lines(text: str, ledger: Ledger) -> None:
    """Release lines: cut short, or their number spoiled by debris; explained otherwise."""
    for match in _RELEASE.finditer(text):
        word = match["word"]
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        if not word:
            at = match.start("sep")
            ledger.add(at, match.start(), at, "furniture", (8, None), _CUT_RELEASE)
            continue
        if Levenshtein.distance(word.lower(), "release") > 2:
            at = match.start("word")
            ledger.add(at, match.start(), match.end(), "furniture", (8, None), _CUT_RELEASE)
            continue
        end = match.end()
        if len(word) < 7 and end < len(text) and text[end] not in " \t\n:":
            ledger.add(end, match.start(), end + 1, "furniture", (1, None), _CUT_RELEASE)
            ledger.cover(match.start(), min(line_end, end + 80))
            continue
        date = _DATE.match(text, end)
        if date is None:
            ledger.cover(match.start(), end)
            continue
        after = date.end()
        number = _NUMBER_AHEAD.match(text, after)
        rest = text[after:line_end].lstrip(" \t:")
        first = rest.split(maxsplit=1)[0] if rest.strip() else ""
        if number is None and first and (debris(first) or not regex.search(r"\p{L}{3}", first)):
            at = line_end - len(rest)
            ledger.add(at, match.start(), at + len(first), "furniture", (8, None), _CUT_NUMBER)
        ledger.cover(match.start(), after)


def _crest_numbers(text: str, ledger: Ledger) -> None:
    """CREST document numbers: cut short, or headless release lines; explained otherwise."""
    for match in _HEADLESS_RELEASE.finditer(text):
        at = match.start("date")
        if ledger.free(at, match.end()):
            ledger.add(at, at, match.end(), "furniture", (8, None), "a release line lost its start")
            line_end = text.find("\n", at)
            ledger.cover(at, len(text) if line_end < 0 else line_end)
    for match in _CREST.finditer(text):
        start, end = match.span()
        number = match.group().rstrip(_EDGE + "~^ ")
        stop = start + len(number)
        if regex.search(r"-[ ]?\d$", number) or not ledger.free(start, stop):
            ledger.cover(start, end)
            continue
        ledger.add(stop, start, stop, "furniture", (2, None), _CUT_NUMBER)
        ledger.cover(start, end)
    for match in _HEADLESS_NUMBER.finditer(text):
        start, end = match.span()
        if ledger.free(start, end) and not regex.match(r"C[I1l]A|\d+X\d", match.group()):
            reason = "a document number lost its start"
            ledger.add(start, start, end, "furniture", (2, None), reason)


def _banners(text: str, ledger: Ledger) -> None:
    """Banner and stamp words that lost their first or last letters."""
    for match in _CAPS.finditer(text):
        token = match.group()
        if not ledger.free(*match.span()) or token in _BANNERS:
            continue
        for banner in _BANNERS:
            if len(token) < len(banner) and banner.startswith(token) and len(token) >= 4:
                if token.lower() in lexicon():
                    continue  # a word of its own ("NEXT REVIEW DATE")
                reason = "a banner lost its last letters"
                ledger.add(match.end(), match.start(), match.end(), "furniture", (2, None), reason)
                break
            tail = banner[len(banner) - len(token) - 1 :]
            if len(token) >= 5 and (
                banner.endswith(token)
                or (len(token) >= 7 and Levenshtein.distance(token, tail) <= 2)
            ):
                reason = "a banner lost its first letters"
                at = match.start()
                ledger.add(at, at, match.end(), "furniture", (2, None), reason)
                break


def _item_numbers(text: str, ledger: Ledger) -> None:
    """List items (a table of contents) that lost their numbers."""
    reason = "a list item lost its number"
    for match in _LOST_ITEM_NUMBER.finditer(text):
        at = match.start()
        ledger.add(at, at, at + 1, "furniture", (1, 2), reason)
    for match in _AFTER_ITEM.finditer(text):
        first, second = match["next"], match["second"] or ""
        if regex.search(r"\d", first) or regex.search(r"\d", second) or first.startswith("("):
            continue
        if regex.match(r"\p{Lu}\p{Ll}", first):
            continue  # prose or a date line, not an item
        at = match.start("next")
        ledger.add(at, at, match.end("next"), "furniture", (1, 2), reason)


def _garble(text: str, ledger: Ledger, names: Sequence[tuple[int, int]]) -> None:
    """Debris is explained; a run of it that replaced running text is one loss."""
    tokens = [m for m in _TOKEN.finditer(text) if ledger.free(*m.span())]
    spoiled = [
        debris(m.group()) and not any(s < m.end() and m.start() < e for s, e in names)
        for m in tokens
    ]
    index = 0
    while index < len(tokens):
        if not spoiled[index]:
            index += 1
            continue
        last = index
        probe = index + 1
        while probe < len(tokens) and probe - last <= 2:
            if spoiled[probe]:
                last = probe
            elif len(tokens[probe].group()) > 2:
                break
            probe += 1
        run = tokens[index : last + 1]
        start, end = run[0].start(), run[-1].end()
        if last + 1 < len(tokens) and not is_common(tokens[last + 1].group().strip(_EDGE)):
            end = tokens[last + 1].end()  # the tail of a word the debris cut: "^0g^ rehand"
        ledger.cover(start, end)
        at = _garble_point(text, tokens, index, len([t for t in run if debris(t.group())]))
        if at is not None:
            ledger.add(at, min(at, start), end, "garble", (2, None), "debris replaced the text")
            ledger.cover(min(at, start), end)
        index = last + 1


def _garble_point(
    text: str, tokens: Sequence[regex.Match[str]], index: int, spoiled: int
) -> int | None:
    """Where a run of debris starting at ``tokens[index]`` lost running text, or ``None``."""
    first = tokens[index]
    before = text[max(0, first.start() - 60) : first.start()]
    if "\n\n" in before.rstrip():
        before = before.rstrip()
    prose = len(_PROSE_WORD.findall(before)) >= 3 and not before.rstrip().endswith((".", ":"))
    if not prose:
        return None
    back = index - 1
    while back >= 0 and len(tokens[back].group()) <= 2 and not tokens[back].group().isalpha():
        back -= 1
    if back >= 0:
        glued = regex.fullmatch(r"(\p{Ll}{2,})\p{Lu}", tokens[back].group())
        if glued is not None and glued.group(1) in lexicon():
            return tokens[back].start() + glued.end(1)
    head = regex.match(r"\p{L}{2,}(?=[^\p{L}\s])", first.group())
    if head is not None and spoiled >= 2:
        return first.start() + head.end()
    return first.start() if spoiled >= 2 else None
