"""An HTML page of a source with its mentions, gaps and graded claims marked.

The raw text is printed as it is (escaped, line breaks kept); nothing is corrected.
Mentions are underlined and coloured by actor, close calls are marked as such; each gap
shows its Leiden mark (and, on hover, its candidate restorations); each graded claim is
shaded by credibility and carries its Admiralty grade; each stand-off correction is shown
beside the span it reads, which stays as the source has it.
"""

from __future__ import annotations

import html
import os
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path

from politburo.evidence.annotations import Correction
from politburo.evidence.claims import CREDIBILITY, RELIABILITY, Claim
from politburo.evidence.gaps import Gap
from politburo.evidence.mentions import Mention

__all__ = ["render_report", "write_report"]

_STYLE = """
body{font:15px/1.6 Georgia,serif;max-width:60em;margin:2em auto;color:#222}
pre{white-space:pre-wrap;font:inherit}
.m{border-bottom:2px solid hsl(var(--h),60%,45%);background:hsla(var(--h),70%,85%,.5)}
.m.amb{border-bottom:2px dashed #c00;background:#fdd}
.gap{color:#a00;font-family:monospace;font-size:85%;background:#fee;padding:0 1px}
.c{border-radius:2px}.c1{background:#e6f5e6}.c2{background:#eef7e6}.c3{background:#fbf6df}
.c4{background:#fbe9d9}.c5{background:#f7d9d9}.c6{background:#eee}
.g{font:bold 70% sans-serif;vertical-align:super;color:#555;margin-left:2px}
.fix{color:#064;font:85% sans-serif;background:#e6f4ef;padding:0 2px}
table{border-collapse:collapse;font-size:90%}td,th{border:1px solid #ccc;padding:2px 6px}
"""


def _hue(key: str) -> int:
    return zlib.crc32(key.encode()) % 360


def render_report(
    title: str,
    text: str,
    mentions: Sequence[Mention] = (),
    gaps: Sequence[Gap] = (),
    claims: Sequence[Claim] = (),
    offset: int = 0,
    corrections: Sequence[Correction] = (),
) -> str:
    """The page as a string.

    >>> page = render_report("t", "Halenkov spoke onune.", [], [], [])
    >>> "<pre>Halenkov spoke onune.</pre>" in page
    True
    >>> fix = Correction(15, 20, "onune", "on [22 J]une", "chronology")
    >>> '<span class="fix" title="chronology">⟨on [22 J]une⟩</span>' in render_report(
    ...     "t", "Halenkov spoke onune.", corrections=[fix]
    ... )
    True
    """
    # events: (position, order, html); order sorts closers before openers at one spot
    events: list[tuple[int, int, str]] = []
    claim_spans: list[tuple[int, int]] = []
    for claim in claims:
        if claim.span is None:
            continue
        start, end = claim.span[0] - offset, claim.span[1] - offset
        if not 0 <= start < end <= len(text):
            continue
        if any(s < end and start < e for s, e in claim_spans):
            continue
        claim_spans.append((start, end))
        tip = html.escape(
            f"{claim.grade}: {RELIABILITY[claim.reliability]}; {CREDIBILITY[claim.credibility]}"
            + (" - " + "; ".join(claim.reasons) if claim.reasons else ""),
            quote=True,
        )
        events.append((start, 2, f'<span class="c c{claim.credibility}" title="{tip}">'))
        events.append((end, 0, f'</span><span class="g">{claim.grade}</span>'))
    for mention in mentions:
        start, end = mention.start - offset, mention.end - offset
        if not 0 <= start < end <= len(text):
            continue
        if any(s < end and start < e and not (s <= start and end <= e) for s, e in claim_spans):
            continue
        who = mention.entity_id or "?"
        tip = html.escape(
            f"{who} (score {mention.score:.2f}, margin {mention.margin:.2f}"
            + (", " + ", ".join(mention.flags) if mention.flags else "")
            + ")",
            quote=True,
        )
        css = "m amb" if mention.ambiguous else "m"
        events.append((start, 3, f'<span class="{css}" style="--h:{_hue(who)}" title="{tip}">'))
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
        events.append(
            (
                at,
                1,
                f'<span class="gap" title="{html.escape(tip, quote=True)}">'
                f"{html.escape(mark)}</span>",
            )
        )
    for fix in corrections:
        end = fix.end - offset
        if 0 <= end <= len(text):
            tip = html.escape(fix.note or "a correction", quote=True)
            reading = html.escape(f"⟨{fix.reading}⟩")
            events.append((end, 1, f'<span class="fix" title="{tip}">{reading}</span>'))
    events.sort(key=lambda item: (item[0], item[1]))
    parts: list[str] = []
    last = 0
    for position, _, markup in events:
        parts.append(html.escape(text[last:position]))
        parts.append(markup)
        last = position
    parts.append(html.escape(text[last:]))
    actors = sorted({m.entity_id for m in mentions if m.entity_id})
    legend = "".join(
        f'<span class="m" style="--h:{_hue(a)}">{html.escape(a)}</span> ' for a in actors
    )
    summary = (
        f"<p>{len(mentions)} mentions ({sum(m.ambiguous for m in mentions)} close calls), "
        f"{len(gaps)} gaps, {len(claims)} graded claims"
        + (f", {len(corrections)} corrections" if corrections else "")
        + ".</p>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>{summary}<p>{legend}</p>"
        f"<pre>{''.join(parts)}</pre></body></html>\n"
    )


def write_report(path: str | os.PathLike[str], page: str) -> Path:
    """Write ``page`` to ``path`` atomically (temporary file, then rename)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(page)
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return target
