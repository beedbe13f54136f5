"""Reading and scoring the hand-labelled gold parts of CAESAR XV (tests/data/gold).

A gold file is a verbatim part of the paper, labelled by reading: every mention of an
actor as ``[[actor|text]]`` and every point where text was lost as ``‖``. Derived words
(*Stalinist*, *Khrushchevites*) are not mentions; a missing space after punctuation
alone is not a gap; a misread word (*tho*, *boon*) is not a gap.

Scoring: a found mention is right if it overlaps a gold mention of the same actor; a
found gap is right if its point is within one character of a gold point; each gold item
is matched once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex

from politburo.evidence.gaps import GapFinder
from politburo.evidence.gazetteer import Gazetteer
from politburo.evidence.mentions import MentionFinder

__all__ = ["Counts", "Gold", "Scores", "count", "evaluate", "evaluate_set", "read_gold", "scores"]

_MARK = regex.compile(r"\[\[([a-z0-9-]+)\||\]\]|‖")

#: Precision, recall and F1 of each task (``mentions``, ``gaps``).
Scores = dict[str, tuple[float, float, float]]
#: Found, gold and right items of each task.
Counts = dict[str, tuple[int, int, int]]


@dataclass(frozen=True)
class Gold:
    """The plain text of a gold part, its labelled mentions and its gap points."""

    text: str
    mentions: list[tuple[int, int, str]]
    gaps: list[int]


def read_gold(path: Path) -> Gold:
    """The gold part in ``path``, with the marks taken out and their offsets kept."""
    marked = path.read_text(encoding="utf-8").rstrip("\n")
    out: list[str] = []
    size = 0
    mentions: list[tuple[int, int, str]] = []
    gaps: list[int] = []
    opened: tuple[int, str] | None = None
    last = 0
    for match in _MARK.finditer(marked):
        piece = marked[last : match.start()]
        out.append(piece)
        size += len(piece)
        last = match.end()
        if match.group() == "‖":
            gaps.append(size)
        elif match.group() == "]]":
            assert opened is not None, f"{path}: ']]' without '[['"
            mentions.append((opened[0], size, opened[1]))
            opened = None
        else:
            opened = (size, match.group(1))
    assert opened is None, f"{path}: '[[' without ']]'"
    out.append(marked[last:])
    return Gold("".join(out), mentions, gaps)


def scores(found: int, gold: int, right: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts."""
    precision = right / found if found else 0.0
    recall = right / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(path: Path, gazetteer: Gazetteer) -> Scores:
    """Score the mention and gap finders on the gold part in ``path``."""
    return {task: scores(*counted) for task, counted in count(path, gazetteer).items()}


def evaluate_set(paths: list[Path], gazetteer: Gazetteer) -> Scores:
    """Score the finders on several gold parts at once (counts summed, then scored)."""
    total: dict[str, list[int]] = {}
    for path in paths:
        for task, counted in count(path, gazetteer).items():
            sums = total.setdefault(task, [0, 0, 0])
            for index, value in enumerate(counted):
                sums[index] += value
    return {task: scores(*sums) for task, sums in total.items()}


def count(path: Path, gazetteer: Gazetteer) -> Counts:
    """Found, gold and right mentions and gaps on the gold part in ``path``.

    Redaction marks (kind ``redaction``) are withheld text, not lost text: not scored.
    """
    gold = read_gold(path)
    finder = MentionFinder(gazetteer)
    every = finder.find(gold.text)
    found = [m for m in every if m.kind == "actor"]
    used: set[int] = set()
    right = 0
    for mention in found:
        for index, (start, end, actor) in enumerate(gold.mentions):
            if (
                index not in used
                and start < mention.end
                and mention.start < end
                and actor == mention.entity_id
            ):
                used.add(index)
                right += 1
                break
    result = {"mentions": (len(found), len(gold.mentions), right)}
    lost = [gap for gap in GapFinder().find(gold.text, mentions=every) if gap.kind != "redaction"]
    used = set()
    right = 0
    for gap in lost:
        for index, point in enumerate(gold.gaps):
            if index not in used and abs(point - gap.at) <= 1:
                used.add(index)
                right += 1
                break
    result["gaps"] = (len(lost), len(gold.gaps), right)
    return result
