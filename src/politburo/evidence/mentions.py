"""Finding the actors (and places) a damaged OCR text mentions.

The gazetteer's surface forms are matched against each token of the text with the
OCR-aware distance of :mod:`politburo.evidence.ocr_distance`. Besides plain misreadings
(``Halenkov``, ``Kolotov``, ``Shepllov``) the finder handles what lost text does to
names: tokens glued by a lost space (``Molotovhort`` = *Molotov [s]hort*), lost initials
(``ervukhin``, ``hrushchev``), both at once (``Inolotov`` = *In [1956 M]olotov*),
possessives and debris (``Khrushchev'^``), hyphens (``Valen-kov``,
``Khrushchev-Bulganin``) and case. Derived words (*Stalinist*, *deStalinization*,
*Khrushchevites*, *post-Stalin*) are not mentions of the person.

Each :class:`Mention` records its span in the raw text, the entity, a score in [0, 1],
the margin over the best candidate for another entity, and flags. A close call (margin
below ``ambiguity_margin``) is reported with ``entity_id=None`` and its candidates:
flagged, not guessed. The raw text is never altered.

Speed: a token that is an ordinary English word and no surface form is skipped by one
dictionary look-up; the rest are prefiltered with RapidFuzz (normalised Indel
similarity) before the weighted distance is computed, and results are cached per
distinct token.

References
----------
.. [1] E. Brill and R. C. Moore, "An improved error model for noisy channel spelling
   correction", Proc. 38th ACL, 2000, pp. 286-293.
.. [2] K. Taghva, J. Borsack and A. Condit, "Effects of OCR errors on ranking and
   feedback using the vector space model", Information Processing & Management 32(3),
   1996, pp. 317-327.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import regex
from rapidfuzz import fuzz, process

from politburo.evidence.gazetteer import Gazetteer, SurfaceForm
from politburo.evidence.lexicon import lexicon
from politburo.evidence.ocr_distance import ocr_distance, skeleton
from politburo.evidence.passages import Passage

__all__ = ["Mention", "MentionFinder", "find_mentions"]

_TOKEN = regex.compile(r"[\p{L}\p{N}](?:[\p{L}\p{N}'’`^*\-]*[\p{L}\p{N}'’`^*])?")
_TAIL = regex.compile(r"(?:['’`]s|(?<=s)['’`]|['’`^*]+)$")
_DERIVED_SUFFIX = regex.compile(r"^(?:[il1][sz5tf]|[il1]an\b|ian|esque|ite|ism)", regex.I)
# The rest of a token that makes a derived word of a name (*Khrushchevites*, *Leninist*).
_DERIVED_WHOLE = regex.compile(r"^(?:[il1][s5z][tm]|ites?\b|ians?\b|esque|iz)", regex.I)
_DERIVED_PREFIX = frozenset({"de", "post", "anti", "pro", "neo", "non", "pre"})
_GLUE_PENALTY = 0.04
_INITIAL_COST = 0.5

_Adder = Callable[[int, int, SurfaceForm, tuple[str, ...]], None]


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity in a source text.

    Attributes
    ----------
    source_id : str
        The source.
    start, end : int
        Character span in the raw text (the name itself, without a possessive).
    text : str
        ``raw[start:end]``.
    entity_id : str or None
        The entity; ``None`` for a close call between candidates.
    kind : str
        ``"actor"`` or ``"place"``.
    score : float
        Similarity of the best reading, 1 for an exact match.
    margin : float
        Best score minus the best score of any other entity (the score itself if none).
    form : str
        The surface form matched.
    flags : tuple of str
        Any of ``exact``, ``ocr``, ``possessive``, ``glued``, ``lost-initial``,
        ``hyphenated``, ``ambiguous``.
    candidates : tuple of (str, float)
        Entities considered, best first.
    """

    source_id: str
    start: int
    end: int
    text: str
    entity_id: str | None
    kind: str
    score: float
    margin: float
    form: str
    flags: tuple[str, ...] = ()
    candidates: tuple[tuple[str, float], ...] = field(default=())

    @property
    def ambiguous(self) -> bool:
        """Whether this is a flagged close call."""
        return self.entity_id is None

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready record."""
        return {
            "source": self.source_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "entity": self.entity_id,
            "kind": self.kind,
            "score": round(self.score, 4),
            "margin": round(self.margin, 4),
            "form": self.form,
            "flags": list(self.flags),
            "candidates": [[key, round(score, 4)] for key, score in self.candidates],
        }


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int  # relative to the token core
    end: int
    form: SurfaceForm
    score: float
    flags: tuple[str, ...]


_HEAD_SPLIT = regex.compile(r"[-'’`]")
_WORDS_BEFORE = regex.compile(r"(\p{L}+)\s+$")


def _derived_head(head: str) -> bool:
    """Whether the text glued before a name makes a derived word (*de-*, *post-*)."""
    return any(part.lower() in _DERIVED_PREFIX for part in _HEAD_SPLIT.split(head))


class MentionFinder:
    """Match a gazetteer against text; build once, use on many passages.

    Parameters
    ----------
    gazetteer : Gazetteer
        Entities and their names.
    threshold : float
        Lowest score accepted as a mention.
    ambiguity_margin : float
        A best candidate leading the next entity by less than this is a close call.

    Examples
    --------
    >>> g = Gazetteer.from_mapping({"malenkov": ["Malenkov"], "molotov": ["Molotov"]})
    >>> finder = MentionFinder(g)
    >>> [(m.text, m.entity_id) for m in finder.find("led by Halenkov, Kolotov's note")]
    [('Halenkov', 'malenkov'), ('Kolotov', 'molotov')]
    >>> [(m.text, m.flags) for m in finder.find("Molotovhort note")]
    [('Molotov', ('glued',))]
    """

    def __init__(
        self, gazetteer: Gazetteer, threshold: float = 0.76, ambiguity_margin: float = 0.04
    ) -> None:
        self.gazetteer = gazetteer
        self.threshold = threshold
        self.ambiguity_margin = ambiguity_margin
        self._single = [form for form in gazetteer.forms if len(form.words) == 1]
        multi = [form for form in gazetteer.forms if len(form.words) > 1]
        singles = {(f.text.lower(), f.entity_id) for f in gazetteer.forms if len(f.words) == 1}
        # a full name whose surname is itself a form is found by looking back from the surname
        self._full: dict[tuple[str, str], list[SurfaceForm]] = defaultdict(list)
        for form in multi:
            if (form.words[-1].lower(), form.entity_id) in singles:
                self._full[(form.words[-1].lower(), form.entity_id)].append(form)
        self._multi = [f for f in multi if (f.words[-1].lower(), f.entity_id) not in singles]
        self._by_words = {" ".join(f.words).lower(): f for f in self._multi}
        self._lower = [form.text.lower() for form in self._single]
        self._exact: dict[str, list[SurfaceForm]] = defaultdict(list)
        self._skeleton: dict[str, list[SurfaceForm]] = defaultdict(list)
        self._headless: dict[str, list[SurfaceForm]] = defaultdict(list)
        for form in self._single:
            self._exact[form.text.lower()].append(form)
            self._skeleton[skeleton(form.text)].append(form)
            if len(form.text) >= 6:
                self._headless[skeleton(form.text[1:])].append(form)
        # tails of long names, for a token that lost up to four leading letters
        self._tails: dict[str, list[SurfaceForm]] = defaultdict(list)
        for form in self._single:
            if len(form.text) >= 8:
                for lost in range(2, 5):
                    self._tails[form.text[lost:].lower()].append(form)
        self._lengths = sorted({len(form.text) for form in self._single if len(form.text) >= 5})
        self._short = sorted({len(form.text) for form in self._single if len(form.text) == 4})
        self._words = lexicon()
        self._cache: dict[str, list[_Hit]] = {}
        self._multi_pattern = self._compile_multi()

    def _compile_multi(self) -> regex.Pattern[str] | None:
        if not self._multi:
            return None
        parts = sorted(
            {r"\s+".join(regex.escape(word) for word in form.words) for form in self._multi},
            key=len,
            reverse=True,
        )
        return regex.compile(
            r"(?<![\p{L}\p{N}])(?:" + "|".join(parts) + r")(?![\p{L}\p{N}])", regex.I
        )

    # -- scoring one word -------------------------------------------------------------

    def _score(self, form: SurfaceForm, read: str) -> tuple[float, bool]:
        """Similarity of ``read`` to ``form``, allowing a lost initial; and whether it was."""
        name = form.text
        plain = ocr_distance(name, read)
        headless = _INITIAL_COST + ocr_distance(name[1:], read) if len(name) >= 6 else plain
        cost = min(plain, headless)
        return max(0.0, 1.0 - cost / len(name)), headless < plain

    def _word_hits(self, word: str) -> list[_Hit]:
        lower = word.lower()
        exact = self._exact.get(lower)
        if exact:
            return [_Hit(0, len(word), form, 1.0, ("exact",)) for form in exact]
        if len(word) < 3 or lower in self._words or not any(c.isalpha() for c in word):
            return []
        hits: list[_Hit] = []
        seen: set[tuple[int, int, str]] = set()

        def add(start: int, end: int, form: SurfaceForm, flags: tuple[str, ...]) -> None:
            key = (start, end, form.text)
            if key in seen:
                return
            seen.add(key)
            score, lost = self._score(form, word[start:end])
            if lost:
                flags = (*flags, "lost-initial")
            if "glued" in flags:
                score -= _GLUE_PENALTY
            if len(form.text) <= 4 and score < 0.9:
                return
            if score >= self.threshold - 0.1:
                hits.append(_Hit(start, end, form, score, flags or ("ocr",)))

        for _, _, index in process.extract(
            lower, self._lower, scorer=fuzz.ratio, score_cutoff=60, limit=6
        ):
            add(0, len(word), self._single[index], ())
        for form in self._skeleton.get(skeleton(word), ()):
            add(0, len(word), form, ())
        if len(word) >= 6:
            self._glue_hits(word, add)
            for form in self._tails.get(lower, ()):
                lost = len(form.text) - len(word)
                score = 1.0 - _INITIAL_COST * lost / len(form.text)
                if score >= self.threshold:
                    hits.append(_Hit(0, len(word), form, score, ("lost-initial",)))
        return hits

    def _glue_hits(self, word: str, add: _Adder) -> None:
        size = len(word)
        if word[:1].isupper() and word.isalpha():
            self._glued_capital(word, add)
        for length in self._lengths:
            if length + 2 <= size:
                rest = word[length:]
                if not _DERIVED_SUFFIX.match(rest):
                    for form in self._skeleton.get(skeleton(word[:length]), ()):
                        add(0, length, form, ("glued",))
                head = word[: size - length]
                if not _derived_head(head) and head[-1:].islower():
                    for form in self._skeleton.get(skeleton(word[size - length :]), ()):
                        add(size - length, size, form, ("glued",))
            if length >= 6:
                self._inner_hits(word, length, add)
            if length + 1 <= size and length >= 6:
                rest = word[length - 1 :]
                if not _DERIVED_SUFFIX.match(rest):
                    for form in self._headless.get(skeleton(word[: length - 1]), ()):
                        add(0, length - 1, form, ("glued",))
                cut = size - (length - 1)
                if cut >= 1 and not _derived_head(word[:cut]):
                    for form in self._headless.get(skeleton(word[cut:]), ()):
                        add(cut, size, form, ("glued",))

    def _glued_capital(self, word: str, add: _Adder) -> None:
        """A capitalised name, misread or short, glued to the next word (*Khrushchovlfforont*,
        *Titoeretic*): the head is read as a name, the rest must not make a derived word."""
        size = len(word)
        for length in self._short:
            rest = word[length:]
            if size - length >= 4 and rest.islower() and not _DERIVED_WHOLE.match(rest):
                for form in self._exact.get(word[:length].lower(), ()):
                    if form.text[:1] == word[:1]:
                        add(0, length, form, ("glued",))
        for length in self._lengths:
            if length + 3 > size or _DERIVED_WHOLE.match(word[length:]):
                continue
            for _, _, index in process.extract(
                word[:length].lower(), self._lower, scorer=fuzz.ratio, score_cutoff=75, limit=3
            ):
                if len(self._single[index].text) == length:
                    add(0, length, self._single[index], ("glued",))

    def _inner_hits(self, word: str, length: int, add: _Adder) -> None:
        """A name inside a token, a word glued before it and text after it."""
        size = len(word)
        for start in range(2, size - length + 2):
            head = word[:start].lower()
            if head not in self._words or _derived_head(head):
                continue
            for span in (length, length - 1):
                end = start + span
                if end >= size or _DERIVED_SUFFIX.match(word[end:]):
                    continue
                table = self._skeleton if span == length else self._headless
                for form in table.get(skeleton(word[start:end]), ()):
                    if len(form.text) == length:
                        add(start, end, form, ("glued",))

    def _core_hits(self, core: str) -> list[_Hit]:
        cached = self._cache.get(core)
        if cached is not None:
            return cached
        if len(self._cache) > 500_000:
            self._cache.clear()
        hits = self._word_hits(core)
        if not hits and regex.search(r"\p{L}['’`]\p{L}", core):
            hits = self._part_hits(core, regex.split(r"['’`]", core), ())
        if "-" in core:
            parts_hits: list[_Hit] = []
            position = 0
            previous = ""
            for part in core.split("-"):
                if part and previous.lower() not in _DERIVED_PREFIX:
                    for hit in self._word_hits(part):
                        parts_hits.append(
                            _Hit(
                                position + hit.start,
                                position + hit.end,
                                hit.form,
                                hit.score,
                                (*hit.flags, "hyphenated"),
                            )
                        )
                position += len(part) + 1
                previous = part
            best_whole = max((hit.score for hit in hits), default=0.0)
            if any(hit.score > best_whole for hit in parts_hits):
                hits = parts_hits
            else:
                hits = [
                    _Hit(h.start, h.end, h.form, h.score, (*h.flags, "hyphenated")) for h in hits
                ]
        self._cache[core] = hits
        return hits

    def _part_hits(self, core: str, parts: list[str], flags: tuple[str, ...]) -> list[_Hit]:
        """Hits in the parts of a token broken by debris (*t'olotov'sin*)."""
        found: list[_Hit] = []
        position = 0
        for part in parts:
            if len(part) >= 5:
                for hit in self._word_hits(part):
                    # a head broken off by debris was misread, not lost (*t'olotov*); a part
                    # after the name is a word glued to it (*'sin*)
                    marks = [f for f in hit.flags if position == 0 or f != "lost-initial"]
                    if position + len(part) < len(core):
                        marks.append("glued")
                    found.append(
                        _Hit(
                            position + hit.start,
                            position + hit.end,
                            hit.form,
                            hit.score,
                            (*(marks or ["ocr"]), *flags),
                        )
                    )
            position += len(part) + 1
        return found

    # -- whole texts ------------------------------------------------------------------

    def find(self, text: str, offset: int = 0, source_id: str = "") -> list[Mention]:
        """Every mention in ``text``; spans are shifted by ``offset``.

        Parameters
        ----------
        text : str
            A passage or a whole document.
        offset : int
            Where ``text`` starts in the raw source (a passage's ``start``).
        source_id : str
            Recorded in each mention.
        """
        found: list[Mention] = []
        for match in _TOKEN.finditer(text):
            token = match.group()
            tail = _TAIL.search(token)
            core = token[: tail.start()] if tail else token
            if not core:
                continue
            hits = self._core_hits(core)
            if not hits:
                continue
            base = match.start()
            possessive = bool(tail and "s" in tail.group().lower())
            found.extend(self._resolve(text, hits, base, offset, source_id, possessive))
        if self._full:
            found = [self._extend(text, m, offset) for m in found]
        if self._multi_pattern is not None:
            found = self._add_multi(text, found, offset, source_id)
        return found

    def _extend(self, text: str, mention: Mention, offset: int) -> Mention:
        """Widen a surname to the full name written before it (*Frol Kozlov*)."""
        if mention.entity_id is None and "ambiguous" not in mention.flags:
            return mention
        key = (mention.form.lower(), mention.entity_id or "")
        candidates = self._full.get(key, ())
        if not candidates and mention.entity_id is None:
            for entity, _ in mention.candidates:
                for form in self._full.get((mention.form.lower(), entity), ()):
                    candidates = [*candidates, form]
        start = mention.start - offset
        for form in sorted(candidates, key=lambda f: -len(f.words)):
            position = start
            for word in reversed(form.words[:-1]):
                match = _WORDS_BEFORE.search(text, max(0, position - 60), position)
                if match is None or match.group(1).lower() != word.lower():
                    break
                position = match.start(1)
            else:
                return Mention(
                    mention.source_id,
                    offset + position,
                    mention.end,
                    text[position : mention.end - offset],
                    form.entity_id,
                    form.kind,
                    mention.score,
                    1.0,
                    form.text,
                    mention.flags,
                    ((form.entity_id, mention.score),),
                )
        return mention

    def _resolve(
        self,
        text: str,
        hits: list[_Hit],
        base: int,
        offset: int,
        source_id: str,
        possessive: bool,
    ) -> Iterator[Mention]:
        groups: dict[tuple[int, int], list[_Hit]] = defaultdict(list)
        for hit in hits:
            groups[(hit.start, hit.end)].append(hit)
        chosen: list[tuple[int, int, list[_Hit]]] = []
        for (start, end), group in sorted(
            groups.items(), key=lambda item: -max(h.score for h in item[1])
        ):
            if any(start < e and s < end for s, e, _ in chosen):
                continue
            chosen.append((start, end, group))
        for start, end, group in sorted(chosen, key=lambda item: item[0]):
            best_by_entity: dict[str, _Hit] = {}
            for hit in group:
                known = best_by_entity.get(hit.form.entity_id)
                if known is None or hit.score > known.score:
                    best_by_entity[hit.form.entity_id] = hit
            ranked = sorted(best_by_entity.values(), key=lambda h: (-h.score, h.form.entity_id))
            best = ranked[0]
            if best.score < self.threshold:
                continue
            second = ranked[1].score if len(ranked) > 1 else 0.0
            margin = best.score - second
            flags = list(best.flags)
            if possessive and end == max(e for _, e, _ in chosen):
                flags.append("possessive")
            entity: str | None = best.form.entity_id
            if len(ranked) > 1 and margin < self.ambiguity_margin:
                entity = None
                flags.append("ambiguous")
            yield Mention(
                source_id,
                offset + base + start,
                offset + base + end,
                text[base + start : base + end],
                entity,
                best.form.kind,
                best.score,
                margin,
                best.form.text,
                tuple(flags),
                tuple((h.form.entity_id, h.score) for h in ranked[:4]),
            )

    def _add_multi(
        self, text: str, found: list[Mention], offset: int, source_id: str
    ) -> list[Mention]:
        assert self._multi_pattern is not None
        by_words = self._by_words
        extra: list[Mention] = []
        for match in self._multi_pattern.finditer(text):
            key = " ".join(match.group().split()).lower()
            form = by_words.get(key)
            if form is None:
                continue
            start, end = offset + match.start(), offset + match.end()
            found = [m for m in found if not (m.start < end and start < m.end)]
            extra.append(
                Mention(
                    source_id,
                    start,
                    end,
                    match.group(),
                    form.entity_id,
                    form.kind,
                    1.0,
                    1.0,
                    form.text,
                    ("exact",),
                    ((form.entity_id, 1.0),),
                )
            )
        return sorted(found + extra, key=lambda m: m.start)

    def find_in_passages(self, passages: Iterable[Passage]) -> Iterator[Mention]:
        """Mentions in each passage, with spans in the raw source."""
        for passage in passages:
            yield from self.find(passage.text, passage.start, passage.source_id)


def find_mentions(text: str, gazetteer: Gazetteer, source_id: str = "") -> list[Mention]:
    """Convenience: every mention of ``gazetteer``'s entities in ``text``.

    >>> g = Gazetteer.from_mapping({"pervukhin": ["Pervukhin"]})
    >>> [(m.text, m.flags) for m in find_mentions("ervukhin presented", g)]
    [('ervukhin', ('lost-initial',))]
    """
    return MentionFinder(gazetteer).find(text, 0, source_id)
