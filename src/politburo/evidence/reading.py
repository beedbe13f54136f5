"""A source text read whole: its passages, the actors' mentions, the lost text and the graded
claims, as the source report and the explorer show them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from politburo.evidence.claims import Claim, extract_claims, grade_claims
from politburo.evidence.gaps import Gap, GapFinder
from politburo.evidence.gazetteer import Gazetteer
from politburo.evidence.mentions import Mention, MentionFinder
from politburo.evidence.passages import Passage, split_passages
from politburo.evidence.records import ChronologyEvent

__all__ = ["Reading", "read_text"]


@dataclass(frozen=True)
class Reading:
    """What the evidence layer finds in one text."""

    passages: list[Passage]
    mentions: list[Mention]
    gaps: list[Gap]
    claims: list[Claim]


def read_text(
    text: str,
    source_id: str,
    gazetteer: Gazetteer,
    chronology: Sequence[ChronologyEvent],
    reliability: Mapping[str, str],
) -> Reading:
    """Split ``text`` into passages, find the mentions of ``gazetteer``'s names and the lost
    text in each (with the ``chronology`` to date it), and grade the claims by the sources'
    ``reliability``."""
    passages = list(split_passages(text, source_id))
    finder = MentionFinder(gazetteer)
    mentions: list[Mention] = []
    gaps: list[Gap] = []
    for found, missing in GapFinder(chronology).find_in_passages(passages, finder):
        mentions.extend(found)
        gaps.extend(missing)
    claims = grade_claims(extract_claims(passages, finder), reliability)
    return Reading(passages, mentions, gaps, claims)
