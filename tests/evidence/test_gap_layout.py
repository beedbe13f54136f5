"""The layout of scanned papers: page furniture, redaction marks, hyphenation and debris."""

from __future__ import annotations

import pytest

from politburo.evidence.gap_layout import debris, redaction_marks
from politburo.evidence.gaps import GapFinder


def losses(text: str) -> list[tuple[str, str]]:
    """Each loss's kind and the text up to it (the last 12 characters)."""
    return [(gap.kind, text[max(0, gap.at - 12) : gap.at]) for gap in GapFinder().find(text)]


def test_redaction_marks_are_withheld_not_lost() -> None:
    text = "strong support in Central Committee, 25X1 C A. he wants to get rid of them 50X1-HUM"
    assert [mark for _, _, mark in redaction_marks(text)] == ["25X1 C", "50X1-HUM"]
    assert losses(text) == []  # nor is the lower-case opening after the withheld words


def test_words_hyphenated_across_a_line_break_are_whole() -> None:
    assert losses("This Document contains information affecting the Na-\ntional Defense") == []
    assert losses("the ground- work for a number of major pro- blems") == []


@pytest.mark.parametrize(
    ("text", "kind", "before"),
    [
        ("Approved For Release 2001/03/0'4 : CIA-RDP79RO08 NSC BRIEFING", "furniture", "RDP79RO08"),
        ("25X1\nApproved For\n25X1\nCONTENTS", "furniture", "Approved For"),
        ("Approved For Releas&?nni /mind _CIA-Rrlp79", "furniture", "For Releas"),
        ("the national security.\n2002/07/30: CIA-RDP79T~\nTOP SECRET", "furniture", "security.\n"),
        ("OFFICE OF CURRENT INTELLIGENCE NFIDEMIAL 1. RESIGNATION", "furniture", "INTELLIGENCE "),
        (
            "He claimed that similar reports hadI ?L or..c? ^r.:rsr r:o. been received",
            "garble",
            "reports had",
        ),
        ("a primitive from n e dual point of view", "garble", "tive from "),
    ],
)
def test_cut_furniture_and_garbled_text_are_losses(text: str, kind: str, before: str) -> None:
    (gap,) = GapFinder().find(text)
    assert gap.kind == kind and text[: gap.at].endswith(before), losses(text)


def test_complete_furniture_and_lone_debris_are_not_losses() -> None:
    text = (
        "Approved For Release 2001/03/04: CIA-RDP79R00890A000900010022-3 25X1 C\n"
        "Cb:s. b: TS S S\n\nSEG T/CONTF30i:m s-US OFFICIALS ONLY\n"
        "I* There has been speculation that he may be in trouble, out of Moscow on 6 August."
    )
    assert losses(text) == []


def test_debris() -> None:
    assert debris("^r.:rsr") and debris("Vx111x1x1ZZ1X10K1") and debris("Cb:s.")
    assert not debris("consent;ramatic")  # a glued word, for the word detectors
    assert not debris("CIA-RDP79T00975A003200080001-7") and not debris("U.S.")
