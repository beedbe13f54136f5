"""The spread of judgments, measured by a blind relabelling of the corpus.

The numbers of a scenario (traits, ties, stances, grievances, fears, dispositions) are one
reader's judgments. To measure how far another careful reader would write them, 190 of the
corpus's judgments (every disposition, trait, grievance and fear of the thirteen crises, and
40 ties and 40 stances drawn at random) were put on a worksheet with the evidence each cites,
its numbers removed (``data/relabelling/worksheet.csv``, its scales in ``legend.md``), and two
raters gave each a value from what was known before the crisis, without the written values
(``rater-a.csv``, ``rater-b.csv``; the written values in ``written.csv``).

The raters agree with each other far more closely than with the written values (root mean
square difference 0.04 to 0.08 by kind, against 0.09 to 0.15 between the written values and
the raters' mean), so they are taken as one reading, their mean, and the written value as
another. If each reading is off the truth by an independent
error of standard deviation ``sigma``, their difference has variance ``2 sigma**2``: the
spread of a kind is the root mean square of (written - raters' mean) over its items (for a
disposition, over its three shares) divided by the square root of 2. Grievances and fears, 21
items together, are pooled. The measure keeps the written values' lean (ties are written
0.07 below the raters' mean, traits 0.03) and the 23 items written as neutral placeholders;
without them the spreads move by at most 0.02 (the ``__main__`` table shows both).

Run ``python -m politburo.analysis.judgment_spread`` for the table;
:data:`politburo.scenario.spread.SPREAD` holds the values, rounded to two decimals.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DATA_DIR", "KindSpread", "measured_spread"]

DATA_DIR = Path(__file__).parent / "data" / "relabelling"
"""The worksheet, the written values and the raters' values."""

RATERS = ("rater-a.csv", "rater-b.csv")
POOLED = {"fear": "grievance"}
"""Kinds measured together with another (too few items alone)."""


@dataclass(frozen=True)
class KindSpread:
    """One kind's measured spread: its items, numbers compared and the spread."""

    kind: str
    items: int
    numbers: int
    spread: float
    raters_apart: float
    """Root mean square difference between the two raters (how far they agree)."""
    bias: float
    """Mean of (written - raters' mean): how far the written values lean one way."""
    spread_about_bias: float
    """The spread with that lean taken out (the standard deviation, not the root mean square,
    of the difference, over the square root of 2)."""
    spread_without_neutral: float
    """The spread over the items whose written value is not a neutral placeholder (evidence
    beginning ``basis: neutral``)."""


def _values(text: str) -> list[float]:
    return [float(x) for x in text.split("/")]


def _read(name: str) -> dict[str, dict[str, str]]:
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as f:
        return {row["item"]: row for row in csv.DictReader(f)}


def measured_spread() -> dict[str, KindSpread]:
    """The spread of each kind of judgment (fears pooled with grievances)."""
    written = _read("written.csv")
    sheet = _read("worksheet.csv")
    raters = [_read(name) for name in RATERS]
    apart: dict[str, list[float]] = {}
    between: dict[str, list[float]] = {}
    judged: dict[str, list[float]] = {}
    items: dict[str, int] = {}
    for item, row in written.items():
        kind = POOLED.get(row["kind"], row["kind"])
        items[kind] = items.get(kind, 0) + 1
        neutral = sheet[item]["evidence"].startswith("basis: neutral")
        readings = [_values(r[item]["value"]) for r in raters]
        for k, value in enumerate(_values(row["written"])):
            mean = sum(r[k] for r in readings) / len(readings)
            apart.setdefault(kind, []).append(value - mean)
            between.setdefault(kind, []).append(readings[0][k] - readings[1][k])
            if not neutral:
                judged.setdefault(kind, []).append(value - mean)
    return {
        kind: KindSpread(
            kind,
            items[kind],
            len(d),
            _rms(d) / math.sqrt(2),
            _rms(between[kind]),
            sum(d) / len(d),
            _rms([x - sum(d) / len(d) for x in d]) / math.sqrt(2),
            _rms(judged.get(kind, d)) / math.sqrt(2),
        )
        for kind, d in sorted(apart.items())
    }


def _rms(values: list[float]) -> float:
    return math.sqrt(sum(x * x for x in values) / len(values))


if __name__ == "__main__":
    print(
        "| kind | items | numbers | spread | raters apart | written lean | spread less the lean "
        "| spread without neutral placeholders |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for s in measured_spread().values():
        print(
            f"| {s.kind} | {s.items} | {s.numbers} | {s.spread:.3f} | {s.raters_apart:.3f} "
            f"| {s.bias:+.3f} | {s.spread_about_bias:.3f} | {s.spread_without_neutral:.3f} |"
        )
