"""Accuracy against a hand-labelled part of CAESAR XV (tests/data/gold).

The gold file is lines 149-175 of the paper (about 10 KB, from "Voroshilov, publicly
identified" to the end of the showdown's policy battle), labelled by reading; the detectors
were tuned on it. The markup, the labelling conventions and the scoring are described in
:mod:`tests.evidence.gold`.
"""

from __future__ import annotations

from politburo.evidence.gazetteer import Gazetteer

from .conftest import GOLD
from .gold import evaluate, read_gold


def test_gold_is_a_verbatim_part_of_the_paper(caesar_text: str) -> None:
    gold = read_gold(GOLD)
    assert gold.text in caesar_text
    assert len(gold.mentions) >= 80 and len(gold.gaps) >= 80


def test_accuracy_meets_the_thresholds(gazetteer: Gazetteer) -> None:
    result = evaluate(GOLD, gazetteer)
    mention_p, mention_r, mention_f1 = result["mentions"]
    gap_p, gap_r, _ = result["gaps"]
    print(f"mentions P={mention_p:.3f} R={mention_r:.3f} F1={mention_f1:.3f}")
    print(f"gaps P={gap_p:.3f} R={gap_r:.3f}")
    assert mention_f1 >= 0.97
    assert gap_r >= 0.9 and gap_p >= 0.8
