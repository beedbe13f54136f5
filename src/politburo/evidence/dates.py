"""Dates in a text, with the precision the text gives them.

Intact dates are read as they stand (``22 June 1957`` to the day, ``June 1957`` to the
month, ``1957`` to the year, ``4/27/1962`` in the American order of the paper's
header). Damaged dates are read too, with what was lost: ``onune`` (*on [18 J]une*) is
a June date whose day is lost, ``In7`` (*In [195]7*) a year of which one digit
survives. Nothing is filled in here: restoration is :mod:`politburo.evidence.gaps`'
business, and only with the chronology's support.

Precision is one of ``"day"``, ``"month"``, ``"year"`` or ``"unknown"`` (a year whose
digits are lost).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from politburo.evidence.lexicon import FUNCTION_WORDS, lexicon

__all__ = ["MONTHS", "DateMention", "extract_dates", "month_fragment"]

#: Month names, January first.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_INDEX = {name.lower(): number for number, name in enumerate(MONTHS, 1)}
_MONTH = "|".join(MONTHS)
_YEAR = r"1[5-9]\d\d|20\d\d"

_FULL = regex.compile(
    rf"\b(?:(?P<d1>[0-3]?\d)\s+(?P<m1>{_MONTH})\s*,?\s+(?P<y1>{_YEAR})"
    rf"|(?P<m2>{_MONTH})\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s*,\s*(?P<y2>{_YEAR})"
    rf"|(?P<mm>[01]?\d)/(?P<dd>[0-3]?\d)/(?P<yy>{_YEAR})"
    rf"|(?P<d3>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m3>{_MONTH})"
    rf"|(?P<m4>{_MONTH})\s+(?P<d4>[0-3]?\d)(?:st|nd|rd|th)?(?![\d/])"
    rf"|(?:(?P<q>early|mid|late)[-\s]+)?(?P<m5>{_MONTH})(?:\s+(?P<y5>{_YEAR}))?"
    rf"|(?P<y6>{_YEAR}))\b"
)
# A month that lost its first letter(s), glued to the word before it or alone.
_FRAGMENTS = {
    "anuary": 1,
    "ebruary": 2,
    "arch": 3,
    "pril": 4,
    "ay": 5,
    "une": 6,
    "uly": 7,
    "ugust": 8,
    "eptember": 9,
    "ctober": 10,
    "ovember": 11,
    "ecember": 12,
}
_FRAGMENT = regex.compile(r"(?<![\p{L}])(?P<head>\p{L}*?)(?P<frag>" + "|".join(_FRAGMENTS) + r")\b")
_GLUED_YEAR = regex.compile(
    r"(?<=[\p{Ll}])(?P<digit>\d)(?!\d)(?![./,]\d)(?!\s*(?:per|ercent|%))"
    rf"(?P<month>\s+(?:{_MONTH})\b)?"
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date as a text gives it.

    Attributes
    ----------
    source_id : str
        The source.
    start, end : int
        Span in the raw text.
    text : str
        The words as written.
    year, month, day : int or None
        What the text states (``None`` where it is silent or the text is lost).
    precision : str
        ``"day"``, ``"month"``, ``"year"`` or ``"unknown"``.
    qualifier : str
        ``"early"``, ``"mid"`` or ``"late"`` when the text says so.
    lost : str
        What the damage removed: ``""``, ``"day"``, ``"day-digits"``, ``"year-digits"``.
    """

    source_id: str
    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    precision: str
    qualifier: str = ""
    lost: str = ""

    def bounds(self, default_year: int | None = None) -> tuple[dt.date, dt.date] | None:
        """The first and last day this date may mean, or ``None`` if unknowable."""
        year = self.year or default_year
        if year is None:
            return None
        if self.month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if self.day is None:
            first = dt.date(year, self.month, 1)
            following = dt.date(year + self.month // 12, self.month % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        return (dt.date(year, self.month, self.day),) * 2

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready record."""
        return {
            "source": self.source_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "year": self.year,
            "month": self.month,
            "day": self.day,
            "precision": self.precision,
            "qualifier": self.qualifier,
            "lost": self.lost,
        }


def _valid(year: int | None, month: int, day: int | None) -> bool:
    try:
        dt.date(year or 2000, month, day or 1)
    except ValueError:
        return False
    return True


def month_fragment(token: str) -> tuple[int, int] | None:
    """If ``token`` ends in a month that lost its first letter, ``(cut, month)``.

    ``cut`` is where the fragment starts. The part before it must be a word (or
    nothing) and the whole token must not be an ordinary word (*tune*, *say*).

    >>> month_fragment("onune"), month_fragment("Budapestanuary"), month_fragment("fortune")
    ((2, 6), (8, 1), None)
    """
    words = lexicon()
    lower = token.lower()
    if lower in words or lower.capitalize().lower() in _MONTH_INDEX:
        return None
    for fragment, month in _FRAGMENTS.items():
        if lower.endswith(fragment):
            cut = len(token) - len(fragment)
            head = lower[:cut]
            if not head or head in FUNCTION_WORDS or head in words:
                return cut, month
            if len(fragment) >= 5 and len(head) >= 3:
                return cut, month
    return None


def extract_dates(text: str, offset: int = 0, source_id: str = "") -> list[DateMention]:
    """Every date in ``text``, intact or damaged, in text order.

    Examples
    --------
    >>> [(d.text, d.precision, d.lost) for d in extract_dates("the plenum opened onune")]
    [('une', 'month', 'day')]
    >>> [(d.text, d.year, d.precision) for d in extract_dates("on 22 June 1957, In7")]
    [('22 June 1957', 1957, 'day'), ('7', None, 'unknown')]
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for match in _FULL.finditer(text):
        groups = match.groupdict()
        day = groups["d1"] or groups["d2"] or groups["dd"] or groups["d3"] or groups["d4"]
        month_name = groups["m1"] or groups["m2"] or groups["m3"] or groups["m4"] or groups["m5"]
        month = int(groups["mm"]) if groups["mm"] else None
        if month_name:
            month = _MONTH_INDEX[month_name.lower()]
        year_text = groups["y1"] or groups["y2"] or groups["yy"] or groups["y5"] or groups["y6"]
        year = int(year_text) if year_text else None
        if month_name == "May" and day is None and year is None:
            continue  # the modal verb, not the month
        if month is not None and not _valid(year, month, int(day) if day else None):
            continue
        precision = "day" if day else "month" if month else "year"
        found.append(
            DateMention(
                source_id,
                offset + match.start(),
                offset + match.end(),
                match.group(),
                year,
                month,
                int(day) if day else None,
                precision,
                groups["q"] or "",
            )
        )
        taken.append((match.start(), match.end()))
    for match in regex.finditer(r"[\p{L}]{2,}", text):
        hit = month_fragment(match.group())
        if hit is None:
            continue
        start = match.start() + hit[0]
        if any(s <= start < e for s, e in taken):
            continue
        found.append(_damaged(source_id, offset, text, start, match.end(), hit[1], "day"))
    for match in _GLUED_YEAR.finditer(text):
        start, end = match.span()
        if match["month"]:  # "visit4 June": a day that lost a digit, not a year
            found = [d for d in found if not (d.start <= offset + end - 1 < d.end)]
            month = _MONTH_INDEX[match["month"].strip().lower()]
            found.append(_damaged(source_id, offset, text, start, end, month, "day-digits"))
        else:
            found.append(_damaged(source_id, offset, text, start, end, None, "year-digits"))
    return sorted(found, key=lambda d: d.start)


def _damaged(
    source_id: str, offset: int, text: str, start: int, end: int, month: int | None, lost: str
) -> DateMention:
    """A date whose day (and year) the damage took: ``text[start:end]``, read to the month
    when one survives, else of unknown precision."""
    return DateMention(
        source_id,
        offset + start,
        offset + end,
        text[start:end],
        None,
        month,
        None,
        "unknown" if month is None else "month",
        lost=lost,
    )
