"""The gazetteer: which names and aliases stand for which actor or place.

The evidence layer takes plain data. A scenario (or a user) supplies, for each actor,
its id, name and aliases; for each place, its id and names. :class:`Gazetteer` turns
them into the *surface forms* the mention finder looks for: every name as given, and
for an actor's multi-word name also its surname (``"Frol Kozlov"`` gives ``"Kozlov"``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import regex

from politburo.errors import PolitburoError, Problem

__all__ = ["Entity", "Gazetteer", "SurfaceForm"]

_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)?")


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor or a place and the names it goes by.

    Attributes
    ----------
    id : str
        Stable identifier (e.g. ``"khrushchev"``).
    names : tuple of str
        Its name first, then aliases.
    kind : str
        ``"actor"`` or ``"place"``.
    """

    id: str
    names: tuple[str, ...]
    kind: str = "actor"


@dataclass(frozen=True, slots=True)
class SurfaceForm:
    """One spelling to look for: its words and the entity it names."""

    text: str
    words: tuple[str, ...]
    entity_id: str
    kind: str
    derived: bool = False


@dataclass(frozen=True)
class Gazetteer:
    """Entities and their surface forms.

    Examples
    --------
    >>> g = Gazetteer.from_mapping({"kozlov": ["Frol Kozlov"], "molotov": ["Molotov"]})
    >>> sorted(f.text for f in g.forms)
    ['Frol Kozlov', 'Kozlov', 'Molotov']
    """

    entities: tuple[Entity, ...]
    forms: tuple[SurfaceForm, ...] = field(init=False)

    def __post_init__(self) -> None:
        problems = []
        seen: set[str] = set()
        for entity in self.entities:
            if entity.id in seen:
                problems.append(Problem(f"entity {entity.id!r} is listed twice", field="id"))
            seen.add(entity.id)
            if entity.kind not in ("actor", "place"):
                problems.append(Problem(f"unknown kind {entity.kind!r}", field=entity.id))
            if not any(_WORD.search(name) for name in entity.names):
                problems.append(Problem("has no usable name", field=entity.id))
        if problems:
            raise PolitburoError(problems)
        object.__setattr__(self, "forms", tuple(self._build_forms()))

    def _build_forms(self) -> Iterable[SurfaceForm]:
        done: set[tuple[str, str]] = set()
        for entity in self.entities:
            for name in entity.names:
                words = tuple(_WORD.findall(name))
                if not words:
                    continue
                variants = [(" ".join(words), words, False)]
                if entity.kind == "actor" and len(words) > 1 and len(words[-1]) >= 4:
                    variants.append((words[-1], words[-1:], True))
                for text, parts, derived in variants:
                    key = (text.lower(), entity.id)
                    if key in done:
                        continue
                    done.add(key)
                    yield SurfaceForm(text, parts, entity.id, entity.kind, derived)

    @classmethod
    def from_mapping(
        cls,
        actors: Mapping[str, Iterable[str]],
        places: Mapping[str, Iterable[str]] | None = None,
    ) -> Gazetteer:
        """Build from ``{id: [name, alias, ...]}`` mappings of actors and places."""
        entities = [Entity(key, tuple(names), "actor") for key, names in actors.items()]
        entities += [Entity(key, tuple(names), "place") for key, names in (places or {}).items()]
        return cls(tuple(entities))

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id."""
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)

    def label(self, entity_id: str) -> str:
        """The display name of an entity."""
        return self.entity(entity_id).names[0]
