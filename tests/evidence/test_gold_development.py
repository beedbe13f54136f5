"""Accuracy on the development part of CAESAR XV (tests/data/gold).

Lines 37-85 of the paper (about 11 KB, from the heading "Molotov Versus
Peaceful_Coexistence" to the first paragraph of "The December6 Plenum"), labelled by
reading before any detector was run on it. It was first a held-out part: scored blind,
the gap detector reached P=0.848 R=0.833, short of R>=0.9 at P>=0.8. It then became the
part the gap detector was developed on (the word-cost weights of
:mod:`politburo.evidence.gap_features` and :mod:`politburo.evidence.gap_segmentation`,
derived words, a word glued to punctuation through a stray quote), so its scores are now
optimistic; the held-out part is in ``test_gold_heldout.py``. The floors below keep what
was reached.

Calls on which a reader could go either way, and how they were made:
- two words run together (*policiescaused*, *isironic*, *beon*, *toproblems*) mark a gap,
  as they do in the tuned gold part (*were‖appointees*, *opposition‖planned*);
- text lost across a page break is marked at the end of the page (*Stalin's‖*);
- *as Ion the eve* is two losses, a quoted phrase after *as* and a date after *I*;
- a misread article (*as a advocate*) and a derived name (*post-rtalin*,
  *Marxist-Leninist*) are neither gaps nor mentions.
"""

from __future__ import annotations

import pytest

from politburo.evidence.gazetteer import Gazetteer

from .conftest import GOLD, ROOT
from .gold import Gold, Scores, evaluate, read_gold

DEVELOPMENT = ROOT / "tests/data/gold/caesar-xv-development.marked.txt"
FIRST_LINE, LAST_LINE = 37, 85  # 1-based, inclusive, in the bundled caesar-xv.txt


@pytest.fixture(scope="module")
def development() -> Gold:
    return read_gold(DEVELOPMENT)


@pytest.fixture(scope="module")
def development_scores(gazetteer: Gazetteer) -> Scores:
    result = evaluate(DEVELOPMENT, gazetteer)
    print("development part:", {task: [round(x, 3) for x in s] for task, s in result.items()})
    return result


def test_development_part_is_a_verbatim_part_of_the_paper(
    caesar_text: str, development: Gold
) -> None:
    lines = caesar_text.split("\n")
    assert development.text == "\n".join(lines[FIRST_LINE - 1 : LAST_LINE])
    assert len(development.mentions) == 114 and len(development.gaps) == 114


def test_development_part_does_not_overlap_the_tuned_part(
    caesar_text: str, development: Gold
) -> None:
    tuned_start = caesar_text.index(read_gold(GOLD).text)
    assert caesar_text.index(development.text) + len(development.text) < tuned_start


def test_development_mentions_meet_the_threshold(development_scores: Scores) -> None:
    _, _, f1 = development_scores["mentions"]
    assert f1 >= 0.97


def test_development_gaps_keep_what_was_reached(development_scores: Scores) -> None:
    precision, recall, _ = development_scores["gaps"]
    assert precision >= 0.87 and recall >= 0.88  # reached: P=0.878 R=0.886
