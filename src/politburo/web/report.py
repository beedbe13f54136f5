"""An HTML page of a source with its mentions, gaps and graded claims marked.

The raw text is printed as it is (escaped, line breaks kept); nothing is corrected.
Mentions are underlined and coloured by actor, close calls are marked as such; each gap
shows its Leiden mark (and, on hover, its candidate restorations); each graded claim is
shaded by credibility and carries its Admiralty grade; each stand-off correction is shown
beside the span it reads, which stays as the source has it. Each passage starts with an
anchor ``p<number>``, so that the explorer can link a quote to the passage that holds it.

The page shell is the template ``report.html`` shared with the explorer.
"""

from __future__ import annotations

import os
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path

from markupsafe import Markup, escape

from politburo.evidence.annotations import Correction
from politburo.evidence.claims import CREDIBILITY, RELIABILITY, Claim
from politburo.evidence.gaps import Gap
from politburo.evidence.mentions import Mention
from politburo.evidence.passages import Passage
from politburo.web.templating import render

__all__ = ["annotate", "hue", "render_report", "write_report"]


def hue(key: str) -> int:
    """A stable hue (0-359) for an actor id."""
    return zlib.crc32(key.encode()) % 360


def _attr(text: str) -> str:
    return str(escape(text))


def annotate(
    text: str,
    mentions: Sequence[Mention] = (),
    gaps: Sequence[Gap] = (),
    claims: Sequence[Claim] = (),
    offset: int = 0,
    corrections: Sequence[Correction] = (),
    passages: Sequence[Passage] = (),
) -> Markup:
    """The text, escaped, with every mark as HTML.

    >>> str(annotate("a <b> c"))
    'a &lt;b&gt; c'
    """
    # events: (position, order, html); order sorts closers before openers at one spot
    events: list[tuple[int, int, str]] = []
    claim_spans: list[tuple[int, int]] = []
    for passage in passages:
        at = passage.start - offset
        if 0 <= at <= len(text):
            events.append((at, 4, f'<span class="p" id="p{passage.number}"></span>'))
    for claim in claims:
        if claim.span is None:
            continue
        start, end = claim.span[0] - offset, claim.span[1] - offset
        if not 0 <= start < end <= len(text):
            continue
        if any(s < end and start < e for s, e in claim_spans):
            continue
        claim_spans.append((start, end))
        tip = _attr(
            f"{claim.grade}: {RELIABILITY[claim.reliability]}; {CREDIBILITY[claim.credibility]}"
            + (" - " + "; ".join(claim.reasons) if claim.reasons else "")
        )
        events.append((start, 2, f'<span class="c c{claim.credibility}" title="{tip}">'))
        events.append((end, 0, f'</span><span class="g">{_attr(claim.grade)}</span>'))
    for mention in mentions:
        start, end = mention.start - offset, mention.end - offset
        if not 0 <= start < end <= len(text):
            continue
        if any(s < end and start < e and not (s <= start and end <= e) for s, e in claim_spans):
            continue
        who = mention.entity_id or "?"
        tip = _attr(
            f"{who} (score {mention.score:.2f}, margin {mention.margin:.2f}"
            + (", " + ", ".join(mention.flags) if mention.flags else "")
            + ")"
        )
        css = "m amb" if mention.ambiguous else "m"
        events.append((start, 3, f'<span class="{css}" style="--h:{hue(who)}" title="{tip}">'))
        events.append((end, 1, "</span>"))
    for gap in gaps:
        at = gap.at - offset
        if not 0 <= at <= len(text):
            continue
        mark = gap.leiden[gap.leiden.find("[") : gap.leiden.find("]") + 1] or "[- - -]"
        tip = gap.reason
        if gap.candidates:
            tip += "; candidates: " + "; ".join(
                f"{c.reading} ({c.score:.2f}: {', '.join(c.support)})" for c in gap.candidates
            )
        events.append((at, 1, f'<span class="gap" title="{_attr(tip)}">{_attr(mark)}</span>'))
    for fix in corrections:
        end = fix.end - offset
        if 0 <= end <= len(text):
            tip = _attr(fix.note or "a correction")
            reading = _attr(f"⟨{fix.reading}⟩")
            events.append((end, 1, f'<span class="fix" title="{tip}">{reading}</span>'))
    events.sort(key=lambda item: (item[0], item[1]))
    parts: list[str] = []
    last = 0
    for position, _, markup in events:
        parts.append(_attr(text[last:position]))
        parts.append(markup)
        last = position
    parts.append(_attr(text[last:]))
    return Markup("".join(parts))


def render_report(
    title: str,
    text: str,
    mentions: Sequence[Mention] = (),
    gaps: Sequence[Gap] = (),
    claims: Sequence[Claim] = (),
    offset: int = 0,
    corrections: Sequence[Correction] = (),
    passages: Sequence[Passage] = (),
    back: str | None = None,
) -> str:
    """The page as a string; ``back`` is a link back to the explorer, if any.

    >>> page = render_report("t", "Halenkov spoke onune.", [], [], [])
    >>> "<pre>Halenkov spoke onune.</pre>" in page
    True
    >>> fix = Correction(15, 20, "onune", "on [22 J]une", "chronology")
    >>> '<span class="fix" title="chronology">⟨on [22 J]une⟩</span>' in render_report(
    ...     "t", "Halenkov spoke onune.", corrections=[fix]
    ... )
    True
    """
    body = annotate(text, mentions, gaps, claims, offset, corrections, passages)
    actors = sorted({m.entity_id for m in mentions if m.entity_id})
    return render(
        "report.html",
        title=title,
        body=body,
        legend=[(a, hue(a)) for a in actors],
        mentions=len(mentions),
        close_calls=sum(m.ambiguous for m in mentions),
        gaps=len(gaps),
        claims=len(claims),
        corrections=len(corrections),
        back=back,
    )


def write_report(path: str | os.PathLike[str], page: str) -> Path:
    """Write ``page`` to ``path`` atomically (temporary file, then rename)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(page)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(name, 0o666 & ~umask)  # as any file written: mkstemp's 0600 would hide it
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return target
