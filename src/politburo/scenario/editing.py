"""Apply declarative edits to a scenario's raw data, keeping every value's file and line.

An :class:`~politburo.scenario.schema.Edit` addresses a place in the scenario's data by a
path in the grammar of :mod:`politburo.scenario.paths` (``bodies/presidium/rule/threshold``,
``actors/zhukov/ties/to=khrushchev``, ``actors/suslov/itinerary/0``).

``set`` replaces or adds the value at the path, ``append`` adds it to the list at the path
(creating the list when a mapping lacks the key), ``remove`` deletes what is there. Edits
apply in order, each to the result of the one before. The data produced is validated again
like any scenario (:func:`edit_scenario`); a value an edit brought in is located at the
edit's own file and line, so that a message points at the intervention or contested version
that caused it.

Contested versions of the evidence and the interventions of :mod:`politburo.experiments`
both use this module.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from politburo.errors import PolitburoError, Problem
from politburo.scenario.loading import Scenario, validate_data
from politburo.scenario.paths import PathError, child, describe, position, split_path
from politburo.scenario.schema import Edit
from politburo.scenario.yaml_marks import Marks

__all__ = [
    "LocatedEdit",
    "apply_edits",
    "edit_scenario",
    "edited_data",
]

DataPath = tuple[str | int, ...]
_Where = tuple[str | None, int | None]


@dataclass(frozen=True, slots=True)
class LocatedEdit:
    """An edit and where it was written.

    Parameters
    ----------
    edit
        The change itself.
    file, line, field
        Where the edit was written (an intervention file, a scenario's ``contested`` section,
        the command line) for messages about it.
    origin
        What brought the edit in, e.g. ``"intervention 'no-zhukov-aircraft'"``; named in
        messages about problems the edit causes elsewhere.
    """

    edit: Edit
    file: str | None = None
    line: int | None = None
    field: str | None = None
    origin: str = "an edit"

    def problem(self, message: str, field: str | None = None) -> Problem:
        """A problem located at this edit."""
        return Problem(message, file=self.file, line=self.line, field=field or self.field)


def apply_edits(
    raw: dict[str, Any], marks: Marks, edits: Sequence[LocatedEdit]
) -> tuple[dict[str, Any], Marks]:
    """Apply ``edits`` in order to a copy of ``raw``; return the new data and its marks.

    ``raw`` and ``marks`` are left untouched. Values that came from the original data keep
    their original file and line; values an edit brought in are located at that edit.

    Raises
    ------
    PolitburoError
        With one problem per edit whose path names nothing or whose operation does not fit
        what is there (appending to a mapping, removing what is absent). Every edit is tried
        so that all such mistakes are reported together.

    Examples
    --------
    >>> data = {"actors": [{"id": "a", "ties": []}]}
    >>> edit = Edit(op="append", path="actors/a/ties", value={"to": "b"})
    >>> new, _ = apply_edits(data, Marks(), [LocatedEdit(edit)])
    >>> new["actors"][0]["ties"], data["actors"][0]["ties"]
    ([{'to': 'b'}], [])
    """
    state = _Tracked(raw)
    problems: list[Problem] = []
    for located in edits:
        try:
            state.apply(located)
        except PolitburoError as error:
            problems.extend(error.problems)
    if problems:
        raise PolitburoError(problems)
    return state.root, state.marks(marks)


def edited_data(raw: dict[str, Any], edits: Sequence[LocatedEdit]) -> dict[str, Any]:
    """Apply ``edits`` to ``raw`` without working out where values came from: the fast path
    for data already known to edit cleanly. Only the containers on the edits' paths are
    copied; the rest of the result is shared with ``raw``, which is left untouched, so
    neither may be changed in place afterwards (validation only reads them).

    Raises
    ------
    PolitburoError
        As :func:`apply_edits`.

    Examples
    --------
    >>> data = {"actors": [{"id": "a", "ties": []}], "bodies": [{"id": "b"}]}
    >>> edit = Edit(op="append", path="actors/a/ties", value={"to": "b"})
    >>> new = edited_data(data, [LocatedEdit(edit)])
    >>> new["actors"][0]["ties"], data["actors"][0]["ties"], new["bodies"] is data["bodies"]
    ([{'to': 'b'}], [], True)
    """
    state = _CopyOnWrite(raw)
    for located in edits:
        state.apply(located)
    return state.root


def edit_scenario(scenario: Scenario, edits: Sequence[LocatedEdit]) -> Scenario:
    """Apply ``edits`` to ``scenario`` and validate the result like a freshly loaded scenario.

    Raises
    ------
    PolitburoError
        When an edit cannot be applied, or when the edited data fails the schema or the
        scenario's checks. A problem inside a value an edit brought in is located at that
        edit; a problem elsewhere that the edits caused (a reference to a removed record,
        say) keeps its place in the scenario and names the edits applied.
    """
    if not edits:
        return scenario
    raw, marks = apply_edits(scenario.raw, scenario.marks, edits)
    try:
        return validate_data(raw, marks, scenario.folder)
    except PolitburoError as error:
        raise PolitburoError(_attribute(error.problems, edits)) from None


def _attribute(problems: Iterable[Problem], edits: Sequence[LocatedEdit]) -> list[Problem]:
    files = {e.file for e in edits}
    origins = ", ".join(dict.fromkeys(e.origin for e in edits))
    return [
        p if p.file in files else Problem(f"{p.message} (after {origins})", p.file, p.line, p.field)
        for p in problems
    ]


class _CopyOnWrite:
    """Edits applied to data shared with the original: a container is copied before an edit
    changes it or a container inside it, and everything else stays shared. The same paths,
    operations and messages as :class:`_Tracked`, without provenance."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.root: dict[str, Any] = dict(raw)
        self._own: list[Any] = [self.root]  # copies made here, kept alive for their ids
        self._ids = {id(self.root)}

    def apply(self, located: LocatedEdit) -> None:
        try:
            self._apply(located.edit)
        except PolitburoError as error:
            raise PolitburoError(
                located.problem(f"{p.message} (path {located.edit.path!r})") for p in error.problems
            ) from None

    def _apply(self, edit: Edit) -> None:
        segments = split_path(edit.path)
        if not segments:
            raise _fail("the path is empty")
        parent: Any = self.root
        for depth, segment in enumerate(segments[:-1]):
            parent = self._owned_child(parent, segment, segments[:depth])
        last, walked = segments[-1], segments[:-1]
        if not isinstance(parent, dict | list):
            child(parent, last, walked)  # raises: a single value has no parts
        key: str | int = last if isinstance(parent, dict) else position(parent, last, walked)
        if edit.op == "set":
            parent[key] = copy.deepcopy(edit.value)
        elif edit.op == "remove":
            child(parent, last, walked)  # raises if absent
            del parent[key]
        elif isinstance(parent, dict) and last not in parent:
            parent[last] = [copy.deepcopy(edit.value)]
        else:
            target = self._owned_child(parent, last, walked)
            _check_list(target, [*walked, last])
            target.append(copy.deepcopy(edit.value))

    def _owned_child(self, parent: Any, segment: str, walked: list[str]) -> Any:
        """The child ``segment`` of ``parent`` (a container of this result), copied into
        the result first if it is a container still shared with the original."""
        node = child(parent, segment, walked)
        if not isinstance(node, dict | list) or id(node) in self._ids:
            return node
        own: Any = dict(node) if isinstance(node, dict) else list(node)
        parent[segment if isinstance(parent, dict) else position(parent, segment, walked)] = own
        self._own.append(own)
        self._ids.add(id(own))
        return own


def _check_list(target: Any, walked: Sequence[str]) -> None:
    """Raise unless ``target``, which an edit appends to, is a list."""
    if not isinstance(target, list):
        kind = "a mapping" if isinstance(target, dict) else "a single value"
        raise _fail(f"{describe(walked)} is {kind}, not a list; use set to change it")


def _fail(message: str) -> PathError:
    return PathError(Problem(message, field="path"))


# -- applying with provenance ------------------------------------------------------------


class _Tracked:
    """A private copy of scenario data that remembers where each container and value came
    from: the original data (by its original path) or an edit."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.origin: dict[int, DataPath | LocatedEdit] = {}
        self.keys: dict[tuple[int, str], LocatedEdit] = {}
        self.touched: dict[int, LocatedEdit] = {}
        self.removed: list[Any] = []  # kept alive so that no id above is reused
        self.root: dict[str, Any] = self._copy(raw, ())

    def _copy(self, node: Any, path: DataPath) -> Any:
        if isinstance(node, dict):
            result: Any = {k: self._copy(v, (*path, k)) for k, v in node.items()}
        elif isinstance(node, list):
            result = [self._copy(v, (*path, i)) for i, v in enumerate(node)]
        else:
            return node
        self.origin[id(result)] = path
        return result

    def _bring(self, value: Any, located: LocatedEdit) -> Any:
        value = copy.deepcopy(value)
        stack = [value]
        while stack:
            node = stack.pop()
            if isinstance(node, dict | list):
                self.origin[id(node)] = located
                stack.extend(node.values() if isinstance(node, dict) else node)
        return value

    def apply(self, located: LocatedEdit) -> None:
        try:
            self._apply(located)
        except PolitburoError as error:
            raise PolitburoError(
                located.problem(f"{p.message} (path {located.edit.path!r})") for p in error.problems
            ) from None

    def _apply(self, located: LocatedEdit) -> None:
        edit = located.edit
        segments = split_path(edit.path)
        if not segments:
            raise _fail("the path is empty")
        parent: Any = self.root
        for depth, segment in enumerate(segments[:-1]):
            parent = child(parent, segment, segments[:depth])
        last, walked = segments[-1], segments[:-1]
        if isinstance(parent, dict):
            self._on_mapping(parent, last, walked, located)
        elif isinstance(parent, list):
            self._on_list(parent, last, walked, located)
        else:
            child(parent, last, walked)  # raises: a single value has no parts

    def _on_mapping(
        self, parent: dict[str, Any], key: str, walked: list[str], located: LocatedEdit
    ) -> None:
        op = located.edit.op
        if op == "set":
            parent[key] = self._bring(located.edit.value, located)
            self.keys[(id(parent), key)] = located
        elif op == "remove":
            self.removed.append(child(parent, key, walked))
            del parent[key]
        elif key not in parent:
            parent[key] = self._bring([located.edit.value], located)
            self.keys[(id(parent), key)] = located
        else:
            self._append(parent[key], [*walked, key], located)

    def _on_list(
        self, parent: list[Any], segment: str, walked: list[str], located: LocatedEdit
    ) -> None:
        index = position(parent, segment, walked)
        op = located.edit.op
        if op == "append":
            self._append(parent[index], [*walked, segment], located)
            return
        self.removed.append(parent[index])
        if op == "set":
            parent[index] = self._bring(located.edit.value, located)
        else:
            del parent[index]
        self.touched[id(parent)] = located

    def _append(self, target: Any, walked: list[str], located: LocatedEdit) -> None:
        _check_list(target, walked)
        target.append(self._bring(located.edit.value, located))
        self.touched[id(target)] = located

    def marks(self, original: Marks) -> Marks:
        """Marks for the edited data: original places for original values, edits' places
        for the values they brought."""
        result = Marks()
        self._mark(self.root, (), original, result)
        return result

    def _where(self, source: DataPath | LocatedEdit | None, original: Marks) -> _Where:
        if isinstance(source, LocatedEdit):
            return source.file, source.line
        if source is None:
            return None, None
        return original.lines.get(source, (None, None))

    def _mark(self, node: Any, path: DataPath, original: Marks, out: Marks) -> None:
        source = self.origin.get(id(node))
        file, line = self._where(source, original)
        if file is not None and line is not None:
            out.lines[path] = (file, line)
        if isinstance(node, dict):
            for key, value in node.items():
                child_path = (*path, key)
                edited = self.keys.get((id(node), key))
                if edited is not None and not isinstance(value, dict | list):
                    where = self._where(edited, original)
                elif isinstance(value, dict | list):
                    self._mark(value, child_path, original, out)
                    continue
                elif isinstance(source, tuple):
                    where = self._where((*source, key), original)
                else:
                    where = (file, line)
                if where[0] is not None and where[1] is not None:
                    out.lines[child_path] = (where[0], where[1])
        elif isinstance(node, list):
            touched = self.touched.get(id(node))
            for i, value in enumerate(node):
                if isinstance(value, dict | list):
                    self._mark(value, (*path, i), original, out)
                    continue
                if touched is not None:
                    where = self._where(touched, original)
                elif isinstance(source, tuple):
                    where = self._where((*source, i), original)
                else:
                    where = (file, line)
                if where[0] is not None and where[1] is not None:
                    out.lines[(*path, i)] = (where[0], where[1])
