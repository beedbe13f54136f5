"""Accuracy against a hand-labelled part of CAESAR XV (tests/data/gold).

The gold file is lines 149-175 of the paper (about 10 KB, from "Voroshilov, publicly
identified" to the end of the showdown's policy battle), labelled by reading: every
mention of an actor as ``[[actor|text]]`` and every point where text was lost as ``‖``.
Derived words (*Stalinist*, *Khrushchevites*) are not mentions; a missing space after
punctuation alone is not a gap; a misread word (*tho*, *boon*) is not a gap.

Scoring: a found mention is right if it overlaps a gold mention of the same actor; a
found gap is right if its point is within one character of a gold point; each gold item
is matched once.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from politburo.evidence.gaps import GapFinder
from politburo.evidence.gazetteer import Gazetteer
from politburo.evidence.mentions import MentionFinder

from .conftest import GOLD

_MARK = regex.compile(r"\[\[([a-z0-9-]+)\||\]\]|‖")


@dataclass
class Gold:
    text: str
    mentions: list[tuple[int, int, str]]
    gaps: list[int]


def read_gold() -> Gold:
    marked = GOLD.read_text(encoding="utf-8").rstrip("\n")
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
            assert opened is not None
            mentions.append((opened[0], size, opened[1]))
            opened = None
        else:
            opened = (size, match.group(1))
    out.append(marked[last:])
    return Gold("".join(out), mentions, gaps)


def scores(found: int, gold: int, right: int) -> tuple[float, float, float]:
    precision = right / found if found else 0.0
    recall = right / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def test_gold_is_a_verbatim_part_of_the_paper(caesar_text: str) -> None:
    gold = read_gold()
    assert gold.text in caesar_text
    assert len(gold.mentions) >= 80 and len(gold.gaps) >= 80


def evaluate(gazetteer: Gazetteer) -> dict[str, tuple[float, float, float]]:
    gold = read_gold()
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
    result = {"mentions": scores(len(found), len(gold.mentions), right)}
    lost = GapFinder().find(gold.text, mentions=every)
    used = set()
    right = 0
    for gap in lost:
        for index, point in enumerate(gold.gaps):
            if index not in used and abs(point - gap.at) <= 1:
                used.add(index)
                right += 1
                break
    result["gaps"] = scores(len(lost), len(gold.gaps), right)
    return result


def test_accuracy_meets_the_thresholds(gazetteer: Gazetteer) -> None:
    result = evaluate(gazetteer)
    mention_p, mention_r, mention_f1 = result["mentions"]
    gap_p, gap_r, _ = result["gaps"]
    print(f"mentions P={mention_p:.3f} R={mention_r:.3f} F1={mention_f1:.3f}")
    print(f"gaps P={gap_p:.3f} R={gap_r:.3f}")
    assert mention_f1 >= 0.97
    assert gap_r >= 0.9 and gap_p >= 0.8
