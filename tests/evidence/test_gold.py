"""Accuracy against hand-labelled parts of CAESAR XV (tests/data/gold).

Three verbatim parts of the paper, each labelled by reading before any detector was run on
it; the markup, the labelling conventions and the scoring are in :mod:`tests.evidence.gold`.
The parts differ in what was done with them afterwards:

**tuned** (lines 149-175, about 10 KB, from "Voroshilov, publicly identified" to the end of
the showdown's policy battle): the detectors were developed on it.

**development** (lines 37-85, about 11 KB, from "Molotov Versus Peaceful_Coexistence" to
the first paragraph of "The December6 Plenum"): first held out, where the gap detector
scored P=0.848 R=0.833 blind, short of R>=0.9 at P>=0.8; then the gap detector was developed
on it (word-cost weights, derived words, words glued to punctuation through a stray quote),
so its scores are optimistic and its floors keep what was reached. Calls made: two words
run together mark a gap (*policiescaused*, *beon*); text lost across a page break is marked
at the end of the page (*Stalin's‖*); *as Ion the eve* is two losses; a misread article
(*as a advocate*) and a derived name (*post-rtalin*) are neither gaps nor mentions.

**held-out** (lines 87-147, about 11 KB, from "The industrial administrators" to Bulganin's
confession): labelled while the gap detector was being developed on the development part,
and scored once it was settled. The detector before that development scored P=0.929 R=0.907
on it, after it P=0.929 R=0.919: this part is easier than the development part, whose losses
more often leave a space or punctuation. Calls made: words run together mark a gap even
where only a space may be lost (*allocations‖In*, *who‖supported*), and so does *Malenkov,‖and
Shepllov*, where a name seems lost; losses side by side are marked each (*on‖nd‖ebruary*); a
loss after a surviving space is marked after it (*affair. ‖residium*); a paragraph cut off
by the page is marked at its end, page breaks that lose nothing are not; a lost year in a
heading is marked at the start of the line (*‖7 Events*); a lost full stop, a comma for a
stop, stray punctuation, a word split by a space and misread words are not gaps; names used
as labels (*the Molotov group*) are mentions, *destallnlzation* is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

from politburo.evidence.gazetteer import Gazetteer

from .conftest import GOLD, ROOT
from .gold import Scores, evaluate, read_gold


@dataclass(frozen=True)
class Part:
    """A labelled part: its file, its lines in the paper (1-based, inclusive), how many
    mentions and gaps it holds, and the least gap precision and recall it must score."""

    path: Path
    lines: tuple[int, int]
    labels: tuple[int, int]
    floors: tuple[float, float]


PARTS = {
    "tuned": Part(GOLD, (149, 175), (90, 85), (0.95, 0.97)),  # reached: P=0.966 R=0.988
    "development": Part(
        ROOT / "tests/data/gold/caesar-xv-development.marked.txt",
        (37, 85),
        (114, 114),
        (0.9, 0.88),  # reached: P=0.910 R=0.886 (before the layout pass: 0.878 / 0.886)
    ),
    "held-out": Part(
        ROOT / "tests/data/gold/caesar-xv-heldout.marked.txt",
        (87, 147),
        (63, 86),
        (0.95, 0.91),  # reached: P=0.963 R=0.919 (before the layout pass: 0.929 / 0.919)
    ),
}


@pytest.fixture(scope="module", params=list(PARTS))
def part(request: pytest.FixtureRequest) -> Part:
    return PARTS[request.param]


@pytest.fixture(scope="module")
def scores(part: Part, gazetteer: Gazetteer) -> Scores:
    result = evaluate(part.path, gazetteer)
    print(part.path.name, {task: [round(x, 3) for x in s] for task, s in result.items()})
    return result


def test_part_is_verbatim_lines_of_the_paper(caesar_text: str, part: Part) -> None:
    gold = read_gold(part.path)
    first, last = part.lines
    assert gold.text == "\n".join(caesar_text.split("\n")[first - 1 : last])
    assert (len(gold.mentions), len(gold.gaps)) == part.labels


def test_parts_do_not_overlap() -> None:
    spans = sorted(part.lines for part in PARTS.values())
    assert all(a[1] < b[0] for a, b in pairwise(spans))


def test_mentions_meet_the_threshold(scores: Scores) -> None:
    _, _, f1 = scores["mentions"]
    assert f1 >= 0.97


def test_gaps_meet_the_floors(part: Part, scores: Scores) -> None:
    precision, recall, _ = scores["gaps"]
    assert precision >= part.floors[0] and recall >= part.floors[1]
