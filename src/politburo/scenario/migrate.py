"""Rewrite a scenario folder to the current format without changing its meaning.

Format 1 reads a trait an actor does not state as 0; format 2 as the neutral value of a trait
(:mod:`politburo.scenario.formats`). Migrating writes every such 0 out, as an entry with an
``assumption`` citation that says why it is there, and sets ``format: 2`` in
``scenario.yaml``. The files are edited line by line where they stand, so that comments,
order and layout are kept; the result is loaded and compared with the original (every
actor's traits as the engine reads them, and everything else) before any file is replaced,
and each file is replaced atomically.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from politburo.errors import PolitburoError, Problem
from politburo.scenario.formats import CURRENT_FORMAT, READ_TRAITS, unset_trait_value
from politburo.scenario.loading import Scenario, load_scenario
from politburo.scenario.yaml_marks import read_text_file

__all__ = ["MIGRATED_CITE", "Migration", "migrate", "plan_migration"]

MIGRATED_CITE = (
    "format 1 left this trait unset, which meant 0; politburo migrate wrote the 0 out so that "
    "the scenario keeps its meaning in format 2 (where an unset trait means 0.5)"
)
"""The reason every trait written out by a migration cites."""


@dataclass
class Migration:
    """The new text of each file a migration changes, and what it wrote."""

    folder: Path
    texts: dict[Path, str] = field(default_factory=dict)
    traits_written: int = 0
    already: bool = False
    """The folder was in the current format already: nothing to do."""


Insertion = tuple[int, int, str]
"""(line, column, text) inserted at a 0-based position of a file."""


def plan_migration(folder: Path) -> Migration:
    """The migration of ``folder`` (nothing written yet), checked to keep its meaning."""
    scenario = load_scenario(folder)
    plan = Migration(folder=scenario.folder)
    if scenario.model.format >= CURRENT_FORMAT:
        plan.already = True
        return plan
    edits: dict[Path, list[Insertion]] = {}
    for path, node in _section_nodes(scenario.folder, "actors"):
        plan.traits_written += _trait_edits(path, node, scenario, edits.setdefault(path, []))
    main = scenario.folder / "scenario.yaml"
    edits.setdefault(main, []).append(_format_edit(main))
    for path, inserts in edits.items():
        if inserts:
            plan.texts[path] = _apply(read_text_file(path), inserts)
    _same_meaning(scenario, plan)
    return plan


def migrate(folder: Path) -> Migration:
    """Migrate ``folder`` in place; every changed file is replaced atomically."""
    plan = plan_migration(folder)
    temps: list[tuple[Path, Path]] = []
    try:
        for path, text in plan.texts.items():
            temp = path.with_name(f".{path.name}.migrating")
            with open(temp, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            temps.append((temp, path))
        for temp, path in temps:
            os.replace(temp, path)
    finally:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
    return plan


def _section_nodes(folder: Path, section: str) -> list[tuple[Path, yaml.Node]]:
    """The node of ``section`` in the folder's top-level YAML file that holds it."""
    found = []
    for path in sorted(folder.glob("*.yaml")):
        root = yaml.compose(read_text_file(path), Loader=yaml.SafeLoader)
        if isinstance(root, yaml.MappingNode):
            for key, value in root.value:
                if key.value == section:
                    found.append((path, value))
    return found


def _mapping_item(node: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    return next(((k, v) for k, v in node.value if k.value == key), None)


def _entry(name: str, version: int = 1) -> str:
    value = unset_trait_value(version)
    return f'{{name: {name}, value: {value:g}, cite: {{assumption: "{MIGRATED_CITE}"}}}}'


def _trait_edits(path: Path, actors: yaml.Node, scenario: Scenario, out: list[Insertion]) -> int:
    """Add to ``out`` the insertions that state each actor's unset traits; their count."""
    if not isinstance(actors, yaml.SequenceNode):
        return 0
    text = read_text_file(path).splitlines()
    written = 0
    for node in actors.value:
        if not isinstance(node, yaml.MappingNode):
            continue
        ident = _mapping_item(node, "id")
        traits = _mapping_item(node, "traits")
        stated = set()
        if traits is not None and isinstance(traits[1], yaml.SequenceNode):
            for item in traits[1].value:
                name = _mapping_item(item, "name") if isinstance(item, yaml.MappingNode) else None
                if name is not None:
                    stated.add(name[1].value)
        unset = [t for t in READ_TRAITS if t not in stated]
        if not unset:
            continue
        where = f"{path.name}:{node.start_mark.line + 1}"
        entries = [_entry(t) for t in unset]
        if node.flow_style:
            raise _cannot(where, "an actor written as one flow mapping ({...})")
        if traits is not None and isinstance(traits[1], yaml.SequenceNode):
            seq = traits[1]
            if seq.flow_style:
                tail = ", " if seq.value else ""
                col = seq.start_mark.column + 1  # just after the [
                out.append((seq.start_mark.line, col, ", ".join(entries) + tail))
            else:
                first = seq.value[0].start_mark
                dash = text[first.line].rfind("-", 0, first.column)
                if dash < 0:
                    raise _cannot(where, "a list of traits without a dash")
                lines = "".join(f"{' ' * dash}- {e}\n" for e in entries)
                out.append((first.line, 0, lines))
        elif traits is None and ident is not None:
            key, value = ident
            if value.end_mark.line != key.start_mark.line:
                raise _cannot(where, "an id that runs over more than one line")
            col = key.start_mark.column
            lines = f"{' ' * col}traits:\n" + "".join(f"{' ' * (col + 2)}- {e}\n" for e in entries)
            out.append((key.start_mark.line + 1, 0, lines))
        else:
            raise _cannot(where, "an actor whose traits are not a list")
        written += len(unset)
    return written


def _format_edit(path: Path) -> Insertion:
    """The insertion that sets ``format: 2`` in ``scenario.yaml``: before its first key, or
    in place of a stated ``format: 1``."""
    root = yaml.compose(read_text_file(path), Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode) or not root.value:
        raise _cannot(path.name, "a scenario.yaml that is not a mapping")
    stated = _mapping_item(root, "format")
    if stated is not None:
        value = stated[1]
        if value.start_mark.line != value.end_mark.line:
            raise _cannot(path.name, "a format stated over several lines")
        return (value.start_mark.line, value.start_mark.column, f"{CURRENT_FORMAT} # was: ")
    first = root.value[0][0].start_mark
    return (first.line, 0, f"format: {CURRENT_FORMAT}\n")


def _apply(text: str, inserts: list[Insertion]) -> str:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for line, col, new in sorted(inserts, reverse=True):
        if line >= len(lines):
            lines.append(new)
        else:
            lines[line] = lines[line][:col] + new + lines[line][col:]
    return "".join(lines)


def _cannot(where: str, what: str) -> PolitburoError:
    return PolitburoError(
        Problem(
            f"cannot migrate {what} in place; state the traits by hand and set format: "
            f"{CURRENT_FORMAT}",
            file=where,
        )
    )


def _same_meaning(before: Scenario, plan: Migration) -> None:
    """Load the migrated folder (a copy) and check that nothing but the format and the
    written-out traits changed, and that every actor's traits read the same."""
    with tempfile.TemporaryDirectory(prefix="politburo-migrate-") as temp:
        copy = Path(temp) / before.folder.name
        shutil.copytree(before.folder, copy, symlinks=True)
        for path, text in plan.texts.items():
            (copy / path.name).write_text(text, encoding="utf-8")
        after = load_scenario(copy)
    if _effective_traits(before) != _effective_traits(after) or _rest(before) != _rest(after):
        raise PolitburoError(
            Problem(
                "the migration would change the scenario's meaning; nothing was written",
                file=str(before.folder),
            )
        )
    if after.model.format != CURRENT_FORMAT:
        raise PolitburoError(Problem("the migration did not set the format", file="scenario.yaml"))


def _effective_traits(scenario: Scenario) -> list[dict[str, float]]:
    default = unset_trait_value(scenario.model.format)
    return [
        {name: next((t.value for t in a.traits if t.name == name), default) for name in READ_TRAITS}
        for a in scenario.model.actors
    ]


def _rest(scenario: Scenario) -> Any:
    data = scenario.model.model_dump(exclude={"format"})
    for actor in data["actors"]:
        actor["traits"] = [t for t in actor["traits"] if t["name"] not in READ_TRAITS]
    return data
