"""Reading and scoring the hand-graded claims (tests/data/claims/graded.yaml).

Each item names a sentence of a source by a verbatim piece of it and gives, by reading, whether
it is a claim, its source's stance and its credibility (the scale is in the file's header and
in :mod:`politburo.evidence.claims`). The grader's claim for an item is the one whose span
holds the piece's first character. An item agrees when both call it no claim, or both call it
a claim of the same credibility.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from politburo.evidence.claims import Claim, extract_claims, grade_claims
from politburo.evidence.gazetteer import Gazetteer
from politburo.evidence.mentions import MentionFinder
from politburo.evidence.passages import split_passages

from .gold import read_gold

__all__ = ["Agreement", "grade_graded"]

ROOT = Path(__file__).resolve().parents[2]
GRADED = ROOT / "tests/data/claims/graded.yaml"


@dataclass(frozen=True)
class Agreement:
    """How the grader's claims compare with the hand grades."""

    items: int
    agreed: int
    stances_agreed: int
    claims: list[Claim]
    rows: list[tuple[dict[str, object], Claim | None]]

    @property
    def rate(self) -> float:
        """The share of items on which the grader and the hand grade agree."""
        return self.agreed / self.items

    @property
    def stance_rate(self) -> float:
        """The share of the hand-graded claims whose stance the grader reads alike."""
        claims = [item for item, _ in self.rows if item["claim"]]
        return self.stances_agreed / len(claims)


def _source_text(path: Path) -> str:
    return read_gold(path).text if path.name.endswith(".marked.txt") else path.read_text("utf-8")


def grade_graded(gazetteer: Gazetteer, path: Path = GRADED) -> Agreement:
    """Grade the sources of the hand-graded set together and compare with the hand grades."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    finder = MentionFinder(gazetteer)
    texts: dict[str, str] = {}
    found: list[Claim] = []
    for key, source in data["sources"].items():
        texts[key] = _source_text(ROOT / source["path"])
        found += extract_claims(split_passages(texts[key], key), finder)
    reliability = {key: source["reliability"] for key, source in data["sources"].items()}
    graded = grade_claims(found, reliability)
    rows: list[tuple[dict[str, object], Claim | None]] = []
    agreed = stances = 0
    for item in data["claims"]:
        at = texts[item["source"]].index(item["text"])
        claim = next(
            (
                c
                for c in graded
                if c.source_ids == (item["source"],) and c.span and c.span[0] <= at < c.span[1]
            ),
            None,
        )
        rows.append((item, claim))
        if not item["claim"]:
            agreed += claim is None
        elif claim is not None:
            agreed += claim.credibility == item["credibility"]
            stances += claim.stance == item["stance"]
    return Agreement(len(rows), agreed, stances, graded, rows)
