"""Accuracy on a held-out, hand-labelled part of CAESAR XV (tests/data/gold).

The detectors were tuned on the gold part in test_gold.py (lines 149-175), so its scores
are optimistic. This file scores them on a different part, labelled by reading before any
detector was run on it: lines 37-85 of the paper (about 11 KB, from the heading "Molotov
Versus Peaceful_Coexistence" to the first paragraph of "The December6 Plenum"). The
markup, the labelling conventions and the scoring are those of the tuned part, read and
scored by the same functions of :mod:`tests.evidence.gold`.

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

HELDOUT = ROOT / "tests/data/gold/caesar-xv-heldout.marked.txt"
FIRST_LINE, LAST_LINE = 37, 85  # 1-based, inclusive, in the bundled caesar-xv.txt


@pytest.fixture(scope="module")
def heldout() -> Gold:
    return read_gold(HELDOUT)


@pytest.fixture(scope="module")
def heldout_scores(gazetteer: Gazetteer) -> Scores:
    result = evaluate(HELDOUT, gazetteer)
    mention_p, mention_r, mention_f1 = result["mentions"]
    gap_p, gap_r, gap_f1 = result["gaps"]
    print(f"held-out mentions P={mention_p:.3f} R={mention_r:.3f} F1={mention_f1:.3f}")
    print(f"held-out gaps P={gap_p:.3f} R={gap_r:.3f} F1={gap_f1:.3f}")
    return result


def test_heldout_is_a_verbatim_part_of_the_paper(caesar_text: str, heldout: Gold) -> None:
    lines = caesar_text.split("\n")
    assert heldout.text == "\n".join(lines[FIRST_LINE - 1 : LAST_LINE])
    assert len(heldout.mentions) == 114 and len(heldout.gaps) == 114


def test_heldout_does_not_overlap_the_tuned_part(caesar_text: str, heldout: Gold) -> None:
    tuned = read_gold(GOLD)
    assert GOLD != HELDOUT
    tuned_start = caesar_text.index(tuned.text)
    heldout_start = caesar_text.index(heldout.text)
    assert heldout_start + len(heldout.text) < tuned_start


def test_heldout_mentions_meet_the_threshold(heldout_scores: Scores) -> None:
    _, _, f1 = heldout_scores["mentions"]
    assert f1 >= 0.97


@pytest.mark.xfail(
    strict=True,
    reason=(
        "gap detector falls short on the held-out part: P=0.848 (95/112) R=0.833 (95/114) "
        "against R>=0.9 at P>=0.8 (was P=0.756 R=0.816; tuned part: P=R=0.976); misread "
        "words are mostly told from lost text now, but some losses that leave a space or "
        "punctuation (belief,‖lip), or that end a page, are still missed"
    ),
)
def test_heldout_gaps_meet_the_thresholds(heldout_scores: Scores) -> None:
    precision, recall, _ = heldout_scores["gaps"]
    assert recall >= 0.9 and precision >= 0.8
