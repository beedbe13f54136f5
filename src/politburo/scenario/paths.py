"""The one grammar of paths into a scenario, and its resolution.

A path names a place in a scenario's data by segments separated by ``/``:

- a key of a mapping, or a field of a record (``bodies/presidium/rule/threshold``);
- in a list of records, the ``id`` of a record (``actors/suslov``), a selector
  ``field=value`` naming the one record whose ``field`` is ``value``
  (``actors/zhukov/ties/to=khrushchev``), or a position, counted from the end when negative
  (``actors/suslov/itinerary/0``). An id is tried before a position.

Empty segments (a leading, trailing or doubled ``/``) are dropped. The same path resolves the
same way in the raw data of a scenario file (mappings and lists, as edits see it) and in its
validated model (pydantic records and lists, as the facts behind a trace's events name it):
:func:`resolve` walks either.

Edits (:mod:`politburo.scenario.editing`) and the facts a replay cites
(:mod:`politburo.engine.facts`) both use this module; :func:`path_of` writes the path of a
place given by positions, naming records by their ids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from politburo.errors import PolitburoError, Problem
from politburo.scenario.schema import Citation

__all__ = [
    "PathError",
    "child",
    "citations_at",
    "data_path",
    "describe",
    "find",
    "overlaps",
    "path_of",
    "position",
    "resolve",
    "split_path",
    "touches_record",
    "within",
]


class PathError(PolitburoError):
    """A path names nothing in the data; the message says what is there instead."""


def split_path(path: str | Sequence[str]) -> list[str]:
    """Segments of a path; empty segments (a leading or doubled ``/``) are dropped.

    >>> split_path("actors/suslov/itinerary/0/place")
    ['actors', 'suslov', 'itinerary', '0', 'place']
    >>> split_path("/bodies//presidium/")
    ['bodies', 'presidium']
    """
    parts = path.strip().split("/") if isinstance(path, str) else path
    return [segment for segment in parts if segment]


def resolve(node: Any, path: str | Sequence[str]) -> Any:
    """The value at ``path`` in ``node``: raw scenario data or a validated model.

    Raises
    ------
    PathError
        When a segment names nothing; the message lists what is there.

    Examples
    --------
    >>> resolve({"actors": [{"id": "a", "name": "A"}]}, "actors/a/name")
    'A'
    >>> resolve({"ties": [{"to": "b", "kind": "ally"}]}, "ties/to=b/kind")
    'ally'
    >>> resolve({"itinerary": ["x", "y"]}, "itinerary/-1")
    'y'
    """
    walked: list[str] = []
    for segment in split_path(path):
        node = child(node, segment, walked)
        walked.append(segment)
    return node


def find(node: Any, path: str | Sequence[str]) -> Any:
    """The value at ``path`` in ``node``, or ``None`` if the path names nothing.

    >>> find({"actors": [{"id": "a"}]}, "actors/b") is None
    True
    """
    try:
        return resolve(node, path)
    except PathError:
        return None


def citations_at(node: Any, path: str | Sequence[str]) -> list[Citation]:
    """The citations behind the fact at ``path`` of a validated scenario ``node``: its own
    ``cite``, else its nearest parent's; none if the path names nothing cited.

    >>> from politburo.scenario import load_scenario
    >>> model = load_scenario("june-1957").model
    >>> citations_at(model, "bodies/presidium/rule")[0].source
    'tompson-1995'
    """
    parts = split_path(path)
    while parts:
        cite = getattr(find(node, parts), "cite", None)
        if isinstance(cite, list) and cite:
            return list(cite)
        parts.pop()
    return []


def overlaps(first: str, second: str) -> bool:
    """Whether two paths may name the same data: one is a prefix of the other, segment by
    segment. (Paths naming one record in two ways, by id and by position, are not recognised
    as the same.)

    >>> overlaps("actors/suslov/itinerary", "actors/suslov/itinerary/0/place")
    True
    >>> overlaps("actors/suslov/ties", "actors/suslov/itinerary")
    False
    """
    a, b = split_path(first), split_path(second)
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def within(path: str, parent: str) -> bool:
    """Whether ``path`` is ``parent`` or lies inside it, segment by segment.

    >>> within("model/parameters/band/value", "model/parameters/band/")
    True
    >>> within("model/parameters/bandwagon", "model/parameters/band")
    False
    """
    inner, outer = split_path(path), split_path(parent)
    return inner[: len(outer)] == outer


def path_of(data_path: Sequence[str | int], node: Any) -> str:
    """The path of the place that ``data_path`` (keys and list positions) names in ``node``,
    with each record that has an id named by it and other list items by position.

    >>> path_of(("actors", 0, "itinerary", 1), {"actors": [{"id": "kell", "itinerary": []}]})
    'actors/kell/itinerary/1'
    """
    parts: list[str] = []
    for part in data_path:
        if isinstance(part, int) and _is_list(node) and 0 <= part < len(node):
            node = node[part]
            label = _field(node, "id")
            parts.append(label if isinstance(label, str) else str(part))
        else:
            node = _field(node, str(part))
            parts.append(str(part))
    return "/".join(parts)


def data_path(node: Any, path: str | Sequence[str]) -> tuple[str | int, ...]:
    """The keys and list positions ``path`` names in ``node``, as far as the data goes (a
    path into what does not exist yet, such as an appended item, stops where it leaves the
    data): the one form in which two paths naming a record by id and by position agree.

    >>> data = {"actors": [{"id": "kell", "traits": [{"name": "resolve"}]}]}
    >>> data_path(data, "actors/kell/traits/name=resolve/value")
    ('actors', 0, 'traits', 0, 'value')
    >>> data_path(data, "actors/0/ties/3")
    ('actors', 0, 'ties')
    """
    walked: list[str] = []
    out: list[str | int] = []
    for segment in split_path(path):
        step: str | int = segment
        try:
            if _is_list(node):
                step = position(node, segment, walked)
                node = node[step]
            else:
                node = child(node, segment, walked)
        except PathError:
            if isinstance(node, Mapping | BaseModel):
                out.append(segment)  # a field not written yet
            break
        walked.append(segment)
        out.append(step)
    return tuple(out)


def child(node: Any, segment: str, walked: Sequence[str] = ()) -> Any:
    """The part of ``node`` that one segment names; ``walked`` (the segments before it) is
    for messages.

    Raises
    ------
    PathError
        When ``node`` has no such part, or is a single value.
    """
    if isinstance(node, Mapping):
        if segment not in node:
            fields = ", ".join(str(k) for k in node) or "none"
            raise _fail(f"no field {segment!r} at {describe(walked)}; fields there: {fields}")
        return node[segment]
    if isinstance(node, BaseModel):
        names = type(node).model_fields
        if segment not in names:
            raise _fail(
                f"no field {segment!r} at {describe(walked)}; fields there: {', '.join(names)}"
            )
        return getattr(node, segment)
    if _is_list(node):
        return node[position(node, segment, walked)]
    raise _fail(
        f"{describe(walked)} is a single value ({node!r}), not a mapping or list; "
        f"cannot go to {segment!r}"
    )


def position(node: Sequence[Any], segment: str, walked: Sequence[str] = ()) -> int:
    """The position in a list that one segment names: an id, a ``field=value`` selector or
    a number (negative from the end).

    Raises
    ------
    PathError
        When the segment names no item, or a selector names more than one.

    >>> position([{"id": "a"}, {"id": "b"}], "b"), position(["x", "y", "z"], "-1")
    (1, 2)
    """
    if "=" in segment:
        key, _, wanted = segment.partition("=")
        hits = [i for i, item in enumerate(node) if _has(item, key) and _text(item, key) == wanted]
        if len(hits) == 1:
            return hits[0]
        if not hits:
            values = sorted({_text(i, key) for i in node if _has(i, key)})
            known = ", ".join(values) or "none"
            raise _fail(
                f"no item of {describe(walked)} has {key} = {wanted!r}; its {key} values: {known}"
            )
        raise _fail(
            f"{len(hits)} items of {describe(walked)} have {key} = {wanted!r}; name one by position"
        )
    ids = [_field(item, "id") for item in node]
    if segment in ids:
        return ids.index(segment)
    try:
        number = int(segment)
    except ValueError:
        number = None
    if number is not None and -len(node) <= number < len(node):
        return number % len(node)
    named = [str(i) for i in ids if i is not None]
    if named:
        what = f"ids: {', '.join(named)}"
    else:
        what = f"positions 0 to {len(node) - 1}" if node else "no items"
    raise _fail(f"no item {segment!r} in {describe(walked)}; it has {what}")


def _is_list(node: Any) -> bool:
    return isinstance(node, list | tuple)


def _has(item: Any, key: str) -> bool:
    if isinstance(item, Mapping):
        return key in item
    return isinstance(item, BaseModel) and key in type(item).model_fields


def _field(item: Any, key: str) -> Any:
    if isinstance(item, Mapping):
        return item.get(key)
    if isinstance(item, BaseModel) and key in type(item).model_fields:
        return getattr(item, key)
    return None


def _text(item: Any, key: str) -> str:
    return str(_field(item, key))


def describe(walked: Sequence[str]) -> str:
    """The segments walked so far, for messages.

    >>> describe(["actors", "suslov"]), describe([])
    ('actors/suslov', "the scenario's top level")
    """
    return "/".join(walked) if walked else "the scenario's top level"


def _fail(message: str) -> PathError:
    return PathError(Problem(message, field="path"))


def touches_record(path: str) -> bool:
    """Whether an edit at ``path`` would change the record, which no edit (a contested
    version or a what-if) may: the record is what runs are judged by."""
    return within(path, "record")
