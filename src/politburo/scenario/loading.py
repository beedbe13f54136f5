"""Load a scenario folder: read its YAML files, validate them, check them, report every problem."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from politburo.errors import PolitburoError, Problem
from politburo.scenario.bundled import resolve_scenario_folder
from politburo.scenario.schema import SECTIONS, ScenarioModel
from politburo.scenario.schema.common import ID_PATTERN
from politburo.scenario.yaml_marks import Marks, path_text, read_text_file, read_yaml

__all__ = [
    "MAX_FILES",
    "MAX_SOURCE_TEXT_BYTES",
    "Scenario",
    "confined_file",
    "load_scenario",
    "validate_data",
]

MAX_FILES = 200
"""Most YAML files one scenario folder may hold."""

MAX_SOURCE_TEXT_BYTES = 50 * 1024 * 1024
"""Largest bundled source text read."""


def confined_file(folder: Path, relative: str, where: Problem) -> Path:
    """The regular file ``relative`` names inside ``folder``, symlinks followed.

    A scenario is a thing people share, so the files it names must stay inside its folder:
    an absolute path, a path that climbs out (``../../etc/passwd``) or a symlink that leads
    out is refused, and so is anything but a regular file (a device or a FIFO).

    Parameters
    ----------
    folder : Path
        The scenario folder.
    relative : str
        The path as the scenario gives it.
    where : Problem
        The file, line and field of the path in the scenario; its message is replaced.

    Raises
    ------
    PolitburoError
        With ``where``'s location and what is wrong.
    """

    def refuse(message: str) -> PolitburoError:
        return PolitburoError(Problem(message, file=where.file, line=where.line, field=where.field))

    if "\x00" in relative or not relative.strip():
        raise refuse("not a usable path")
    given = Path(relative)
    if given.is_absolute():
        raise refuse(f"{relative!r} is an absolute path; give a path inside the scenario folder")
    root = folder.resolve()
    try:
        target = (root / given).resolve(strict=True)
    except FileNotFoundError:
        raise refuse(f"no file {relative!r} in the scenario folder") from None
    except (OSError, RuntimeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise refuse(f"{relative!r} cannot be resolved: {reason}") from None
    if not target.is_relative_to(root):
        raise refuse(f"{relative!r} leads outside the scenario folder; keep source texts in it")
    if not target.is_file():
        raise refuse(f"{relative!r} is not a regular file (a folder, device or FIFO)")
    return target


@dataclass(frozen=True, eq=False)
class Scenario:
    """A validated scenario with the raw data and line marks it came from."""

    model: ScenarioModel
    folder: Path
    raw: dict[str, Any] = field(repr=False)
    marks: Marks = field(repr=False)

    @property
    def id(self) -> str:
        """The scenario's id."""
        return self.model.id

    def days(self) -> list[dt.date]:
        """Every day of the scenario, first to last."""
        span = (self.model.end - self.model.start).days
        return [self.model.start + dt.timedelta(days=i) for i in range(span + 1)]

    def body_ids(self) -> list[str]:
        """Ids of the scenario's bodies, in file order."""
        return [body.id for body in self.model.bodies]

    def source_path(self, source_id: str) -> Path:
        """The file of a source's bundled text, confined to the scenario folder.

        Raises
        ------
        PolitburoError
            At the line of the source's ``text``, when the source has no text, or its path
            is absolute, leads out of the folder (symlinks followed) or is not a regular file.
        """
        for i, source in enumerate(self.model.sources):
            if source.id == source_id and source.text is not None:
                return confined_file(self.folder, source.text, self._where(("sources", i, "text")))
        raise PolitburoError(Problem(f"source {source_id!r} has no bundled text"))

    def _where(self, path: tuple[str | int, ...]) -> Problem:
        file, line = self.marks.locate(path)
        return Problem("", file=file, line=line, field=field_name(path, self.raw))

    @cached_property
    def source_texts(self) -> dict[str, str]:
        """Bundled text of every source that has one, by source id.

        Raises
        ------
        PolitburoError
            With every text that is outside the folder, not a regular file or unreadable.
        """
        texts: dict[str, str] = {}
        problems: list[Problem] = []
        for i, source in enumerate(self.model.sources):
            if source.text is None:
                continue
            where = self._where(("sources", i, "text"))
            try:
                path = confined_file(self.folder, source.text, where)
                texts[source.id] = read_text_file(path, limit=MAX_SOURCE_TEXT_BYTES)
            except PolitburoError as error:
                problems.extend(
                    p
                    if p.file == where.file and p.line == where.line
                    else Problem(f"{source.text}: {p.message}", where.file, where.line, where.field)
                    for p in error.problems
                )
        if problems:
            raise PolitburoError(problems)
        return texts


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load and check a bundled scenario by name, or a scenario folder by path.

    Raises
    ------
    PolitburoError
        With every problem found, each naming its file, line and field.

    Examples
    --------
    >>> scenario = load_scenario("june-1957")
    >>> scenario.id
    'june-1957'
    """
    folder = resolve_scenario_folder(name_or_path)
    raw, marks = read_scenario_files(folder)
    return validate_data(raw, marks, folder)


def read_scenario_files(folder: Path) -> tuple[dict[str, Any], Marks]:
    """Read every top-level ``*.yaml`` file of ``folder`` and merge their sections."""
    files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    outside = [p for p in files if not p.resolve().is_relative_to(folder.resolve())]
    if outside:
        raise PolitburoError(
            [
                Problem("a link out of the scenario folder; copy the file in", str(p))
                for p in outside
            ]
        )
    if not any(path.stem == "scenario" for path in files):
        raise PolitburoError(Problem("a scenario folder needs a scenario.yaml", file=str(folder)))
    if len(files) > MAX_FILES:
        raise PolitburoError(
            Problem(f"{len(files)} YAML files; at most {MAX_FILES}", file=str(folder))
        )
    merged: dict[str, Any] = {}
    marks = Marks()
    problems: list[Problem] = []
    for path in files:
        try:
            data, file_marks = read_yaml(path)
        except PolitburoError as error:
            problems.extend(error.problems)
            continue
        if not isinstance(data, dict):
            problems.append(Problem("the file must be a mapping of sections", file=str(path)))
            continue
        for section, value in data.items():
            file, line = file_marks.locate((section,))
            if section not in SECTIONS:
                known = ", ".join(SECTIONS)
                problems.append(
                    Problem(f"unknown section; known: {known}", file=file, line=line, field=section)
                )
            elif section in merged:
                first, first_line = marks.locate((section,))
                problems.append(
                    Problem(
                        f"section also given in {first}:{first_line}",
                        file=file,
                        line=line,
                        field=section,
                    )
                )
            else:
                merged[section] = value
        marks.update(file_marks)
    if problems:
        raise PolitburoError(problems)
    return merged, marks


def validate_data(raw: dict[str, Any], marks: Marks, folder: Path) -> Scenario:
    """Validate merged scenario data against the schema and the cross-file checks."""
    from politburo.scenario.checks import check_scenario

    default_file = str(folder / "scenario.yaml")
    try:
        model = ScenarioModel.model_validate(raw)
    except ValidationError as error:
        raise PolitburoError(
            [_problem_of(err, raw, marks, default_file) for err in error.errors()]
        ) from None
    scenario = Scenario(model=model, folder=folder, raw=raw, marks=marks)
    problems = check_scenario(scenario)
    if problems:
        raise PolitburoError(problems)
    return scenario


def _problem_of(err: Any, raw: dict[str, Any], marks: Marks, default_file: str) -> Problem:
    loc = tuple(err["loc"])
    if err["type"] in _TAG_ERRORS:  # the tag itself is wrong: point at its field
        loc += (err["ctx"]["discriminator"].strip("'"),)
    data_path = _data_path(loc, raw)
    file, line = marks.locate(data_path)
    return Problem(
        schema_message(err), file=file or default_file, line=line, field=field_name(data_path, raw)
    )


_TAG_ERRORS = ("union_tag_not_found", "union_tag_invalid")
"""Errors of a tagged union's tag (a record target's ``kind``), located at the tag's field."""


def schema_message(err: Any) -> str:
    """A pydantic error's message, said in the scenario's terms where pydantic's would mislead."""
    kind, value = err["type"], err.get("input")
    if kind in ("missing", "union_tag_not_found"):
        return "required field is missing"
    if kind == "union_tag_invalid":
        ctx = err["ctx"]
        tag = ctx["discriminator"].strip("'")
        return f"unknown {tag} {ctx['tag']!r}: expected one of {ctx['expected_tags']}"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind.startswith("date_") and (
        isinstance(value, dt.datetime) or not isinstance(value, dt.date)
    ):
        shown = repr(value) if isinstance(value, str) else str(value)
        return f"expected a date written YYYY-MM-DD, got {shown}"
    if isinstance(value, float) and math.isnan(value):
        return "expected a number, got .nan (not a number)"
    if kind == "string_pattern_mismatch" and err["ctx"].get("pattern") == ID_PATTERN:
        return (
            "an id is lower-case letters, digits, '_', '.' and '-', beginning with a letter "
            f"or digit; got {value!r}"
        )
    if kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        return f'expected text, got the number {value}: write it in quotes ("{value}")'
    if kind == "list_type" and err["loc"] and err["loc"][-1] == "cite":
        return (
            "a citation is {source: <id>, quote: <verbatim text>} (or page: instead of quote), "
            f"{{assumption: <reason>}}, or a list of them; got {value!r}"
        )
    if kind == "value_error":
        return str(err["ctx"]["error"])
    return str(err["msg"])


def _data_path(loc: tuple[Any, ...], raw: Any) -> tuple[str | int, ...]:
    """Drop the union tags pydantic adds to a location so that it matches the data."""
    path: list[str | int] = []
    node = raw
    after_index = False
    for part in loc:
        if after_index and isinstance(node, dict) and node.get("kind") == part:
            after_index = False
            continue  # a union's tag, right after the item's index: the ``kind`` of a target
        after_index = isinstance(part, int)
        if _holds(node, part):
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str):
            node = None  # a missing or unknown field: keep its name, stop descending
        else:
            continue  # a union's tag below a field that is missing
        path.append(part)
    return tuple(path)


def _holds(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def field_name(path: tuple[str | int, ...], raw: Any) -> str:
    """Readable field path, naming list items by their id: ``actors[suslov].itinerary[0]``."""

    def label(prefix: tuple[str | int, ...]) -> str | None:
        node = raw
        for part in prefix:
            if not _holds(node, part):
                return None
            node = node[part]
        ident = node.get("id") if isinstance(node, dict) else None
        return ident if isinstance(ident, str) else None

    return path_text(path, label)
