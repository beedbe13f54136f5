"""Lost text in an OCR'd source: where it is, how much, and what might restore it.

The CAESAR XV scan lost digits and short words at the junctions of words, and with
them the spaces: ``In7`` is *In [195]7*, ``onune`` is *on [18 J]une*, ``ath Party
Congress`` is *at [the 20t]h Party Congress*, ``toetailed`` is *to [give a d]etailed*.
This module finds such losses and marks them in the Leiden manner; it never fills them.

Detectors
---------
``year``
    a digit glued to a word (``In7``, ``the6 plenum``): the century and decade are lost.
``date``
    a month that lost its initial and the day before it (``onune``, ``sinceay``).
``day``
    an ordinal day that lost its digits (``onh`` = *on [19t]h*).
``day-digits``
    a day that lost a digit (``visit4 June``).
``ordinal``
    an ordinal that lost its number (``ath Party Congress``).
``glued``
    a token made of words run together, some of which lost their first letters
    (``Thisorkingeconstruction``, ``lenum``, ``Molotovhort``, ``thisew``); a word glued
    to punctuation that is the tail of a commoner word (``consent;ramatic``,
    ``speak,ere``) or capitalised (``Clearly,June``); letters glued to a possessive
    (``secretary'sal``). The division is the one that makes its pieces likeliest (word
    costs follow Zipf's law: ``in[e]nough``, not ``in no ugh``). A token that is merely
    misread (``tho``, ``supplorentod``, ``ruir.ors``, ``Halenkov``) is *not* a gap: a
    noisy-channel comparison with an OCR-confusion-weighted distance
    (:mod:`politburo.evidence.gap_features`) tells the two apart.
``sentence``
    a sentence that begins in lower case, or a word run into a capitalised word that
    opens a sentence (``in With the possible``, ``the One reason``): the end of one
    sentence and the opening of the next are lost.
``page``
    a paragraph that stops on a word no sentence ends with (``calls for tho``) before
    a new sentence on the next page: the end of the page is lost.

Restorations are offered only where a template (year, date, ordinal) and the
scenario's chronology both support them, ranked, each with the events that support it.
Digits are never invented: a candidate year or day is one the chronology holds.

Leiden marks: ``[.4]`` four characters lost, ``[ca.4]`` about four, ``[- - -]`` an
unknown extent; a restoration is printed inside the brackets, ``In [195]7``.

Modules
-------
The finder reads a text with detectors in a fixed order (numbers, sentences, words,
pages), each in its own module:

``gap_numbers``       years, dates, days and ordinals that lost digits
``gap_restoration``   restorations of lost numbers from the chronology, ranked
``gap_words``         glued words and names, lost sentence openings, page ends
``gap_segmentation``  whether a token is one word, a misread word, or words run together
``gap_features``      misreadings and word costs
``gap_ledger``        the losses found so far, one per point, and the spans explained

References
----------
.. [1] A. Krummrey and S. Panciera, "Criteri di edizione e segni diacritici",
   Tituli 2, 1980, pp. 205-215.
.. [2] B. A. van Groningen, "Projet d'unification des systèmes de signes critiques",
   Chronique d'Égypte 7, 1932, pp. 262-269.
.. [3] T. Elliott, G. Bodard, H. Cayless et al., *EpiDoc Guidelines: Ancient Documents
   in TEI XML*, section "Lost text" (Leiden+ ``[.4]``, ``[ca.4]``, ``[.?]``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from politburo.evidence.gap_layout import layout_losses
from politburo.evidence.gap_ledger import Ledger
from politburo.evidence.gap_numbers import number_losses
from politburo.evidence.gap_restoration import Restoration, Restorer
from politburo.evidence.gap_words import page_losses, sentence_losses, word_losses
from politburo.evidence.mentions import Mention, MentionFinder
from politburo.evidence.passages import Passage
from politburo.evidence.records import ChronologyEvent

__all__ = ["Gap", "GapFinder", "Restoration", "find_gaps", "leiden"]


@dataclass(frozen=True, slots=True)
class Gap:
    """Lost text at one point of the raw source.

    Attributes
    ----------
    source_id : str
        The source.
    at : int
        Character offset in the raw text where text was lost (between two characters).
    start, end : int
        Span of the damaged token around the loss, for display.
    kind : str
        ``year``, ``date``, ``day``, ``day-digits``, ``ordinal``, ``glued``, ``sentence``,
        ``page``.
    extent : tuple of (int, int or None)
        Least and greatest number of characters lost (``None``: unknown).
    leiden : str
        The damaged token with the loss marked, e.g. ``In[.4]7``.
    reason : str
        Why this is taken for lost text.
    candidates : tuple of Restoration
        Ranked restorations (empty where no template and chronology support one).
    """

    source_id: str
    at: int
    start: int
    end: int
    kind: str
    extent: tuple[int, int | None]
    leiden: str
    reason: str
    candidates: tuple[Restoration, ...] = field(default=())

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready record."""
        return {
            "source": self.source_id,
            "at": self.at,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "extent": list(self.extent),
            "leiden": self.leiden,
            "reason": self.reason,
            "candidates": [c.to_dict() for c in self.candidates],
        }


def leiden(extent: tuple[int, int | None], supplement: str | None = None) -> str:
    """The Leiden mark for a loss of ``extent`` characters (or its restoration).

    >>> leiden((4, 4)), leiden((3, 6)), leiden((2, None)), leiden((4, 4), "195")
    ('[.4]', '[ca.4]', '[- - -]', '[195]')
    """
    if supplement is not None:
        return f"[{supplement}]"
    low, high = extent
    if high is None:
        return "[- - -]"
    if low == high:
        return f"[.{low}]"
    return f"[ca.{(low + high) // 2}]"


class GapFinder:
    """Find lost text; offer restorations that the chronology supports.

    Parameters
    ----------
    chronology : sequence of ChronologyEvent
        Dated events; the only source of restored digits.

    Examples
    --------
    >>> import datetime as dt
    >>> plenum = ChronologyEvent("plenum", "CC plenum opens", dt.date(1957, 6, 22))
    >>> finder = GapFinder([plenum])
    >>> gaps = finder.find("The plenum opened onune.")
    >>> [(g.kind, g.leiden) for g in gaps]
    [('date', 'on[ca.4]une')]
    >>> gaps[0].candidates[0].reading
    'on [22 J]une'
    """

    def __init__(self, chronology: Sequence[ChronologyEvent] = ()) -> None:
        self.chronology = tuple(chronology)
        self._restorer = Restorer(self.chronology)

    def find(
        self,
        text: str,
        offset: int = 0,
        source_id: str = "",
        mentions: Sequence[Mention] = (),
    ) -> list[Gap]:
        """Every loss in ``text`` (spans shifted by ``offset``), in text order.

        Parameters
        ----------
        text : str
            A passage or a whole document.
        offset : int
            Where ``text`` starts in the raw source.
        source_id : str
            Recorded in each gap.
        mentions : sequence of Mention
            Mentions found in this text (raw offsets): a glued or headless name marks a
            loss, and a name is never taken apart as if it were glued words.

        Returns
        -------
        list of Gap
            One per point of loss; where two detectors find the same point (or next
            points), the first in the order numbers, sentences, words, pages.
        """
        ledger = Ledger(len(text))
        names = [(m.start - offset, m.end - offset) for m in mentions]
        layout_losses(text, ledger, names)
        number_losses(text, ledger, self._restorer)
        sentence_losses(text, ledger, names)
        word_losses(text, ledger, mentions, offset)
        page_losses(text, ledger)
        return [
            Gap(
                source_id,
                offset + loss.at,
                offset + loss.start,
                offset + loss.end,
                loss.kind,
                loss.extent,
                text[loss.start : loss.at] + leiden(loss.extent) + text[loss.at : loss.end],
                loss.reason,
                loss.candidates,
            )
            for loss in ledger.losses()
        ]

    def find_in_passages(
        self, passages: Iterable[Passage], names: MentionFinder
    ) -> Iterator[tuple[list[Mention], list[Gap]]]:
        """The mentions and the gaps of each passage, in order, with spans in the raw source.

        The mentions of a passage are found first and given to :meth:`find`.

        Parameters
        ----------
        passages : iterable of Passage
            The source's passages.
        names : MentionFinder
            Finds the names in each passage.

        Yields
        ------
        (list of Mention, list of Gap)
            The mentions and the gaps of one passage.

        Examples
        --------
        >>> from politburo.evidence.gazetteer import Gazetteer
        >>> from politburo.evidence.passages import split_passages
        >>> names = MentionFinder(Gazetteer.from_mapping({"molotov": ["Molotov"]}))
        >>> passages = split_passages("Molotovhort spoke.\\n\\nThe plenum opened onune.", "doc")
        >>> [([m.text for m in found], [g.leiden for g in lost])
        ...  for found, lost in GapFinder().find_in_passages(passages, names)]
        [(['Molotov'], ['Molotov[- - -]h']), ([], ['on[ca.4]une'])]
        """
        for passage in passages:
            found = names.find(passage.text, passage.start, passage.source_id)
            yield found, self.find(passage.text, passage.start, passage.source_id, found)


def find_gaps(
    text: str, chronology: Sequence[ChronologyEvent] = (), source_id: str = ""
) -> list[Gap]:
    """Convenience: the gaps in ``text`` given a chronology.

    >>> import datetime as dt
    >>> c = [ChronologyEvent("c20", "20th Party Congress", dt.date(1956, 2, 14))]
    >>> g = find_gaps("attack ath Party Congress in6", c)
    >>> [(x.kind, x.candidates[0].reading) for x in g]
    [('ordinal', 'a [20]th Party Congress'), ('year', '[195]6')]
    """
    return GapFinder(chronology).find(text, 0, source_id)
