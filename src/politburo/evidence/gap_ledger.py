"""The record that the gap detectors share while they read one text.

The detectors of :mod:`politburo.evidence.gap_numbers` and
:mod:`politburo.evidence.gap_words` run in a fixed order over the same text and report
each loss to one :class:`Ledger`. The ledger keeps one loss per point (a loss next to a
point already taken is the same loss) and remembers which spans are explained, by a
name or by a loss already found, so that a later detector does not take them apart.

Examples
--------
>>> ledger = Ledger(12)
>>> ledger.add(2, 0, 5, "year", (3, 4), "a year lost its first digits")
>>> ledger.add(3, 0, 5, "glued", (1, None), "next to a loss already found")
>>> [(loss.at, loss.kind) for loss in ledger.losses()], ledger.free(0, 5), ledger.free(5, 9)
([(2, 'year')], False, True)
"""

from __future__ import annotations

from dataclasses import dataclass

from politburo.evidence.gap_restoration import Restoration

__all__ = ["Ledger", "Loss"]


@dataclass(frozen=True, slots=True)
class Loss:
    """A loss found in a text, offsets relative to that text.

    The fields are those of :class:`politburo.evidence.gaps.Gap`, without the source
    and the Leiden mark.
    """

    at: int
    start: int
    end: int
    kind: str
    extent: tuple[int, int | None]
    reason: str
    candidates: tuple[Restoration, ...] = ()


class Ledger:
    """The losses found in a text of ``size`` characters, and the spans explained.

    Parameters
    ----------
    size : int
        Length of the text.
    """

    def __init__(self, size: int) -> None:
        self._found: dict[int, Loss] = {}
        self._covered = bytearray(size + 1)  # 1 where a name or a found loss lies

    def cover(self, start: int, end: int) -> None:
        """Mark ``[start, end)`` as explained (a name, a misread word, a loss)."""
        if end > start:
            self._covered[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        """Whether no part of ``[start, end)`` is explained yet."""
        return self._covered.find(1, start, end) < 0

    def add(
        self,
        at: int,
        start: int,
        end: int,
        kind: str,
        extent: tuple[int, int | None],
        reason: str,
        candidates: tuple[Restoration, ...] = (),
        claim: bool = True,
    ) -> None:
        """Record a loss at ``at`` in the damaged token ``[start, end)``.

        A loss at, or next to, a point already taken is dropped. With ``claim`` the
        token is explained: no later detector takes it apart.
        """
        found = self._found
        if at in found or at - 1 in found or at + 1 in found:
            return
        found[at] = Loss(at, start, end, kind, extent, reason, candidates)
        if claim:
            self.cover(start, end)

    def losses(self) -> list[Loss]:
        """The losses recorded, in text order."""
        return [self._found[at] for at in sorted(self._found)]
