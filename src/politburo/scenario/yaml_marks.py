"""Safe YAML reading that remembers the line of every value, for messages that point home."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from politburo.errors import PolitburoError, Problem

__all__ = ["MAX_FILE_BYTES", "Marks", "path_text", "read_text_file", "read_yaml"]

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Largest scenario file accepted; a scenario's facts fit in far less."""

MAX_NODES = 500_000
"""Largest number of YAML nodes built from one file (guards against alias bombs)."""

Path_ = tuple[str | int, ...]


@dataclass
class Marks:
    """Where each value came from: data path -> (file, line)."""

    lines: dict[Path_, tuple[str, int]] = field(default_factory=dict)

    def locate(self, path: Path_) -> tuple[str | None, int | None]:
        """File and line of the deepest recorded prefix of ``path``."""
        for cut in range(len(path), -1, -1):
            hit = self.lines.get(tuple(path[:cut]))
            if hit is not None:
                return hit
        return None, None

    def update(self, other: Marks) -> None:
        """Add every mark of ``other``."""
        self.lines.update(other.lines)


def read_text_file(path: Path, *, limit: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file, refusing binary, empty, oversized or undecodable files.

    Only a regular file is read: a device (``/dev/zero``), FIFO or socket is refused without
    waiting on it, and no more than ``limit`` bytes are read whatever the file claims.
    """
    name = str(path)
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not wait for one.
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        reason = error.strerror or str(error)
        raise PolitburoError(Problem(f"cannot read file: {reason}", file=name)) from None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise PolitburoError(
                Problem("not a regular file (a device, FIFO or socket is never read)", file=name)
            )
        if info.st_size > limit:
            raise PolitburoError(
                Problem(f"file is {info.st_size:,} bytes; the limit is {limit:,}", file=name)
            )
        with os.fdopen(handle, "rb", closefd=False) as stream:
            raw = stream.read(limit + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        raise PolitburoError(Problem(f"cannot read file: {reason}", file=name)) from None
    finally:
        os.close(handle)
    if len(raw) > limit:
        raise PolitburoError(
            Problem(f"file is larger than the limit of {limit:,} bytes", file=name)
        )
    if b"\x00" in raw:
        raise PolitburoError(Problem("file is binary (contains NUL bytes), not text", file=name))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PolitburoError(
            Problem(f"file is not UTF-8 text (byte {error.start})", file=name)
        ) from None
    if not text.strip():
        raise PolitburoError(Problem("file is empty", file=name))
    return text


def read_yaml(path: Path, *, prefix: Path_ = ()) -> tuple[Any, Marks]:
    """Parse one YAML file safely; return its data and the line of every value in it."""
    text = read_text_file(path)
    name = str(path)
    try:
        loader = yaml.SafeLoader(text)
    except yaml.YAMLError as error:
        raise PolitburoError(Problem(f"unreadable YAML: {error}", file=name)) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise PolitburoError(Problem("file holds no YAML document", file=name))
        builder = _Builder(loader, name)
        data = builder.build(node, prefix)
        if builder.unreadable:
            raise PolitburoError(builder.unreadable)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        message = " ".join(filter(None, [error.context, error.problem])) or "malformed YAML"
        raise PolitburoError(Problem(f"malformed YAML: {message}", file=name, line=line)) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise PolitburoError(
            Problem(f"character {error.character!r} is not allowed in YAML", file=name, line=line)
        ) from None
    except yaml.YAMLError as error:
        raise PolitburoError(Problem(f"malformed YAML: {error}", file=name)) from None
    except RecursionError:
        raise PolitburoError(Problem("YAML nested too deeply", file=name)) from None
    finally:
        loader.dispose()
    return data, builder.marks


class _Builder:
    """Turns composed YAML nodes into plain data, recording the line of each value."""

    def __init__(self, loader: yaml.SafeLoader, file: str) -> None:
        self.loader = loader
        self.file = file
        self.marks = Marks()
        self.count = 0
        self.labels: dict[Path_, str] = {}
        """The ``id`` of each list item that has one, by its path, to name it in messages."""
        self.unreadable: list[Problem] = []
        """Values YAML cannot read (an impossible date): all of them, reported together."""

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise PolitburoError(
                Problem(f"YAML has more than {MAX_NODES:,} values", file=self.file)
            )
        self.marks.lines[path] = (self.file, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, TypeError, OverflowError) as error:
            kind = "date" if node.tag.endswith(":timestamp") else "value"
            self.unreadable.append(
                Problem(
                    f"impossible {kind} {node.value!r}: {error}",
                    file=self.file,
                    line=node.start_mark.line + 1,
                    field=self.field(path),
                )
            )
            return node.value

    def field(self, path: Path_) -> str | None:
        """The path as messages name fields, list items by their id: ``actors[suslov].end``."""
        return path_text(path, self.labels.get) or None

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[Any, Any]:
        own = sum(1 for key, _ in node.value if key.tag != MERGE_TAG)
        self.loader.flatten_mapping(node)  # merged keys first, then the mapping's own
        merged = len(node.value) - own
        label = _id_of(node)
        if label and path and isinstance(path[-1], int):
            self.labels[path] = label
        result: dict[Any, Any] = {}
        written: set[str] = set()
        for index, (key_node, value_node) in enumerate(node.value):
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or not key_node.value:
                raise PolitburoError(
                    Problem("mapping keys must be plain words", file=self.file, line=line)
                )
            # The key's text as written: YAML 1.1 would read ``no:`` as the boolean false.
            key = str(key_node.value)
            if index >= merged and key in written:  # a merged key may be overridden
                raise PolitburoError(
                    Problem(
                        f"duplicate key {key!r}",
                        file=self.file,
                        line=line,
                        field=self.field((*path, key)),
                    )
                )
            if index >= merged:
                written.add(key)
            result[key] = self.build(value_node, (*path, key))
            self.marks.lines[(*path, key)] = (self.file, line)
        return result


def path_text(path: Path_, label: Callable[[Path_], str | None]) -> str:
    """The one way messages name a field: keys joined by dots, list items by ``label`` of
    their path (their id) or else their position: ``actors[suslov].itinerary[0]``."""
    text = ""
    for i, part in enumerate(path):
        if isinstance(part, int):
            text += f"[{label(path[: i + 1]) or part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


MERGE_TAG = "tag:yaml.org,2002:merge"
STR_TAG = "tag:yaml.org,2002:str"


def _id_of(node: yaml.MappingNode) -> str | None:
    """The ``id`` a (flattened) mapping gives itself, if it is text; the last one written."""
    found = None
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "id":
            text = isinstance(value, yaml.ScalarNode) and value.tag == STR_TAG and value.value
            found = value.value if text else None
    return found
