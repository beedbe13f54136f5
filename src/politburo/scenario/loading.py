"""Load a scenario folder: read its YAML files, validate them, check them, report every problem."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from politburo.errors import PolitburoError, Problem
from politburo.scenario.bundled import resolve_scenario_folder
from politburo.scenario.schema import SECTIONS, ScenarioModel
from politburo.scenario.yaml_marks import Marks, read_text_file, read_yaml

__all__ = ["MAX_FILES", "Scenario", "load_scenario", "validate_data"]

MAX_FILES = 200
"""Most YAML files one scenario folder may hold."""


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

    @cached_property
    def source_texts(self) -> dict[str, str]:
        """Bundled text of every source that has one, by source id."""
        return {
            source.id: read_text_file(self.folder / source.text, limit=50 * 1024 * 1024)
            for source in self.model.sources
            if source.text is not None
        }


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
    data_path = _data_path(loc, raw)
    file, line = marks.locate(data_path)
    message = err["msg"]
    if err["type"] == "missing":
        message = "required field is missing"
    elif err["type"] == "extra_forbidden":
        message = "unknown field"
    return Problem(message, file=file or default_file, line=line, field=field_name(data_path, raw))


def _data_path(loc: tuple[Any, ...], raw: Any) -> tuple[str | int, ...]:
    """Drop the union tags pydantic adds to a location so that it matches the data."""
    path: list[str | int] = []
    node = raw
    for part in loc:
        if _holds(node, part):
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str):
            node = None  # a missing or unknown field: keep its name, stop descending
        else:
            continue  # a union tag such as the ``kind`` of a record target
        path.append(part)
    return tuple(path)


def _holds(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def field_name(path: tuple[str | int, ...], raw: Any) -> str:
    """Readable field path, naming list items by their id: ``actors[suslov].itinerary[0]``."""
    text = ""
    node = raw
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            label = item.get("id") if isinstance(item, dict) else None
            text += f"[{label}]" if isinstance(label, str) else f"[{part}]"
            node = item
        else:
            text += f".{part}" if text else part
            node = node.get(part) if isinstance(node, dict) else None
    return text
