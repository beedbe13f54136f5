"""JSON Schemas of the files a user writes, for editors: one per kind of file.

``scenario``
    A scenario in one file (every required section in it).
``part``
    Any file of a scenario split over several files, ``scenario.yaml`` included: the same
    sections, none required (the folder as a whole must have them; ``politburo check`` says).
``intervention``
    An intervention file: ``id``, ``description`` and ``edits``, each edit either
    ``op``/``path``/``value`` or one friendly operation (``move``, ``cut_tie``, ...).

Each schema accepts what ``politburo check`` accepts, such as the single-citation form
``cite: {source: ..., quote: ...}``; the checks that need the whole scenario (references,
dates within the period, quotes found in their sources) are left to ``check``.

>>> sorted(file_schema("intervention")["properties"])
['description', 'edits', 'id']
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from politburo.errors import PolitburoError, Problem
from politburo.experiments.interventions import OPERATIONS
from politburo.scenario.schema import Edit, ScenarioModel
from politburo.scenario.schema.common import Id

__all__ = ["KINDS", "file_schema"]

KINDS = ("scenario", "part", "intervention")
"""The kinds of file that have a schema."""

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _intervention_model() -> type[BaseModel]:
    forbid = ConfigDict(extra="forbid")
    wrappers: list[Any] = [Edit]
    for name, (schema, _) in OPERATIONS.items():
        title = "".join(part.title() for part in name.split("_")) + "Edit"
        field: dict[str, Any] = {name: (schema, ...)}
        wrappers.append(create_model(title, __config__=forbid, **field))
    union: Any = wrappers[0]
    for wrapper in wrappers[1:]:
        union = union | wrapper
    fields: dict[str, Any] = {
        "id": (Id, ...),
        "description": (str, Field(min_length=1)),
        "edits": (list[union], Field(min_length=1)),
    }
    return create_model("Intervention", __config__=forbid, **fields)


def file_schema(kind: str = "scenario") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a file of ``kind`` (one of :data:`KINDS`).

    Raises
    ------
    PolitburoError
        For an unknown kind.
    """
    if kind == "scenario":
        schema = ScenarioModel.model_json_schema()
    elif kind == "part":
        schema = ScenarioModel.model_json_schema()
        schema.pop("required", None)
        schema["title"] = "ScenarioPart"
        schema["description"] = (
            "One file of a scenario split over several files: any of the sections, each in "
            "one file of the folder only."
        )
    elif kind == "intervention":
        schema = _intervention_model().model_json_schema()
        schema["description"] = "An intervention: named edits of a scenario."
    else:
        raise PolitburoError(
            Problem(f"unknown kind {kind!r}; choose {', '.join(KINDS)}", field="--kind")
        )
    return {"$schema": DIALECT, **schema}
