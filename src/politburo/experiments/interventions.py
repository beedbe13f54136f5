"""Interventions: declarative "what if" edits of a scenario, from YAML files or ``--set``.

An intervention file holds an ``id``, a ``description`` and a list of ``edits``. Each item
is either a raw :class:`~politburo.scenario.schema.Edit` (``op``, ``path``, ``value``; see
:mod:`politburo.scenario.editing` for paths) or one friendly operation that compiles to
edits against the scenario as loaded:

``move: {actor, place, start, end}``
    Put an actor or bloc at ``place`` from ``start`` to ``end`` (default: the scenario's
    last day), trimming the stays that overlap.
``cut_tie: {actor, to, mutual: true}``
    Remove the actor's ties to ``to`` (and, when ``mutual``, those of ``to`` to the actor).
``add_tie: {actor, to, kind, strength: 0.5, mutual: false}``
    Add a tie; ``mutual`` also adds the converse tie (patron <-> client).
``fix_side: {actor, side}``
    Fix an actor's side (``incumbent`` or ``challengers``); for a bloc, its disposition.
``shift_challenge: {challenge, days}``
    Move a challenge's window by ``days`` (negative: earlier).
``remove_resource: {office, resource}``
    Take a resource away from an office.
``set_rule: {body, threshold, of, quorum}``
    Change the given fields of a body's decision rule.
``assume: {contested, version}``
    Settle a contested fact: apply that version's edits and stop sampling the fact.

A scenario may ship named what-ifs as ``whatifs/<name>.yaml`` in its folder; on the command
line an intervention is such a name or a path. Mistakes are reported together, each with the
intervention file, line and field.

Examples
--------
>>> from politburo.scenario import load_scenario
>>> scenario = load_scenario("june-1957")
>>> what_if = from_assignments(["bodies/presidium/rule/threshold=0.66"], scenario)
>>> what_if.edits[0].edit.path
'bodies/presidium/rule/threshold'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from politburo.errors import PolitburoError, Problem
from politburo.scenario.editing import LocatedEdit, apply_edits, edit_scenario
from politburo.scenario.loading import Scenario, schema_message
from politburo.scenario.paths import resolve, touches_record
from politburo.scenario.schema import Edit
from politburo.scenario.schema.common import Id, Weight
from politburo.scenario.yaml_marks import Marks, read_yaml

__all__ = [
    "OPERATIONS",
    "Intervention",
    "apply_interventions",
    "from_assignments",
    "load_intervention",
    "named_whatifs",
    "parse_intervention",
    "resolve_intervention",
]

WHATIF_FOLDER = "whatifs"


@dataclass(frozen=True)
class Intervention:
    """A named set of edits to apply to a scenario.

    Attributes
    ----------
    id, description
        As written in the intervention file.
    edits
        The raw edits, friendly operations already compiled, each with its location.
    file
        The file it came from (``"--set"`` for the command line).
    """

    id: str
    description: str
    edits: tuple[LocatedEdit, ...]
    file: str | None = None

    def digest(self) -> str:
        """A hash of the edits, for manifests: equal edits give equal digests."""
        text = json.dumps(
            [self.id, [e.edit.model_dump(mode="json") for e in self.edits]],
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def describe(self) -> dict[str, Any]:
        """A JSON-ready summary for manifests: the id and the digest of the edits (not the
        file's path, which may be given in several ways)."""
        return {"id": self.id, "digest": self.digest()}

    def apply(self, scenario: Scenario) -> Scenario:
        """The scenario with this intervention's edits, validated again."""
        return edit_scenario(scenario, self.edits)


def apply_interventions(scenario: Scenario, interventions: Sequence[Intervention]) -> Scenario:
    """The scenario with every intervention applied in order, validated once at the end."""
    return edit_scenario(scenario, [e for i in interventions for e in i.edits])


# -- friendly operations ---------------------------------------------------------------


class _Op(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Move(_Op):
    """``move``: an actor or bloc at a place over an interval."""

    actor: Id
    place: Id
    start: dt.date
    end: dt.date | None = None


class CutTie(_Op):
    """``cut_tie``: remove ties between two actors."""

    actor: Id
    to: Id
    mutual: bool = True


class AddTie(_Op):
    """``add_tie``: a new personal tie."""

    actor: Id
    to: Id
    kind: Literal["patron", "client", "ally", "rival"]
    strength: Weight = 0.5
    mutual: bool = False


class FixSide(_Op):
    """``fix_side``: the side an actor or bloc takes in every challenge."""

    actor: Id
    side: Literal["incumbent", "challengers"]


class ShiftChallenge(_Op):
    """``shift_challenge``: move the window of a challenge by whole days."""

    challenge: Id
    days: int


class RemoveResource(_Op):
    """``remove_resource``: an office loses a resource."""

    office: Id
    resource: Id


class SetRule(_Op):
    """``set_rule``: new values for fields of a body's decision rule."""

    body: Id
    threshold: Weight | None = None
    of: Literal["present", "members"] | None = None
    quorum: Weight | None = None


class Assume(_Op):
    """``assume``: settle a contested fact on one of its versions."""

    contested: Id
    version: Id


_CONVERSE = {"patron": "client", "client": "patron", "ally": "ally", "rival": "rival"}


@dataclass(frozen=True)
class _Context:
    """What an operation compiles against and where to point when it is wrong."""

    scenario: Scenario
    intervention: str
    file: str | None
    marks: Marks
    base: tuple[str | int, ...]
    label: str

    def problem(self, message: str, key: str | None = None) -> PolitburoError:
        path = (*self.base, key) if key else self.base
        file, line = self.marks.locate(path)
        field = f"{self.label}.{key}" if key else self.label
        return PolitburoError(Problem(message, file=file or self.file, line=line, field=field))

    def need(self, value: str, known: Iterable[str], kind: str, key: str) -> None:
        known = list(known)
        if value not in known:
            raise self.problem(
                f"unknown {kind} {value!r}; known: {', '.join(sorted(known)) or 'none'}", key
            )

    def cite(self) -> dict[str, str]:
        return {"assumption": f"counterfactual of intervention {self.intervention!r}"}

    def day(self, day: dt.date, key: str) -> None:
        m = self.scenario.model
        if not m.start <= day <= m.end:
            raise self.problem(f"date {day} is outside the scenario ({m.start} to {m.end})", key)


def _person(ctx: _Context, actor: str, key: str = "actor") -> tuple[str, dict[str, Any]]:
    """Section and raw record of an actor or bloc."""
    m = ctx.scenario.model
    ctx.need(actor, [a.id for a in m.actors] + [g.id for g in m.groups], "actor or bloc", key)
    section = "actors" if any(a.id == actor for a in m.actors) else "groups"
    record: dict[str, Any] = resolve(ctx.scenario.raw, f"{section}/{actor}")
    return section, record


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _move(op: Move, ctx: _Context) -> list[Edit]:
    section, record = _person(ctx, op.actor)
    ctx.need(op.place, [p.id for p in ctx.scenario.model.places], "place", "place")
    end = op.end or ctx.scenario.model.end
    ctx.day(op.start, "start")
    ctx.day(end, "end")
    if end < op.start:
        raise ctx.problem(f"end {end} is before start {op.start}", "end")
    stays: list[dict[str, Any]] = []
    one_day = dt.timedelta(days=1)
    for stay in record.get("itinerary", []):
        first, last = _as_date(stay.get("start")), _as_date(stay.get("end"))
        if first is None or last is None or last < op.start or first > end:
            stays.append(stay)
            continue
        if first < op.start:
            stays.append({**stay, "end": op.start - one_day})
        if last > end:
            stays.append({**stay, "start": end + one_day})
    stays.append({"place": op.place, "start": op.start, "end": end, "cite": ctx.cite()})
    stays.sort(key=lambda s: _as_date(s.get("start")) or dt.date.min)
    return [Edit(op="set", path=f"{section}/{op.actor}/itinerary", value=stays)]


def _cut_tie(op: CutTie, ctx: _Context) -> list[Edit]:
    edits: list[Edit] = []
    pairs = (
        [(op.actor, op.to, "actor"), (op.to, op.actor, "to")]
        if op.mutual
        else [(op.actor, op.to, "actor")]
    )
    for who, other, key in pairs:
        section, record = _person(ctx, who, key)
        ties = record.get("ties", [])
        kept = [t for t in ties if not (isinstance(t, dict) and t.get("to") == other)]
        if len(kept) < len(ties):
            edits.append(Edit(op="set", path=f"{section}/{who}/ties", value=kept))
    if not edits:
        raise ctx.problem(f"{op.actor!r} and {op.to!r} have no tie to cut", "to")
    return edits


def _add_tie(op: AddTie, ctx: _Context) -> list[Edit]:
    section, _ = _person(ctx, op.actor)
    other_section, _ = _person(ctx, op.to, "to")
    tie = {"to": op.to, "kind": op.kind, "strength": op.strength, "cite": ctx.cite()}
    edits = [Edit(op="append", path=f"{section}/{op.actor}/ties", value=tie)]
    if op.mutual:
        back = {**tie, "to": op.actor, "kind": _CONVERSE[op.kind]}
        edits.append(Edit(op="append", path=f"{other_section}/{op.to}/ties", value=back))
    return edits


def _fix_side(op: FixSide, ctx: _Context) -> list[Edit]:
    section, _ = _person(ctx, op.actor)
    if section == "actors":
        return [Edit(op="set", path=f"actors/{op.actor}/side", value=op.side)]
    loyal = 1.0 if op.side == "incumbent" else 0.0
    shares = {"loyal": loyal, "wavering": 0.0, "hostile": 1.0 - loyal}
    return [
        Edit(op="set", path=f"groups/{op.actor}/disposition/{key}", value=value)
        for key, value in shares.items()
    ]


def _shift_challenge(op: ShiftChallenge, ctx: _Context) -> list[Edit]:
    challenges = {c.id: c for c in ctx.scenario.model.challenges}
    ctx.need(op.challenge, challenges, "challenge", "challenge")
    challenge = challenges[op.challenge]
    shift = dt.timedelta(days=op.days)
    start, end = challenge.window_start + shift, challenge.window_end + shift
    ctx.day(start, "days")
    ctx.day(end, "days")
    base = f"challenges/{op.challenge}"
    return [
        Edit(op="set", path=f"{base}/window_start", value=start),
        Edit(op="set", path=f"{base}/window_end", value=end),
    ]


def _remove_resource(op: RemoveResource, ctx: _Context) -> list[Edit]:
    offices = {o.id: o for o in ctx.scenario.model.offices}
    ctx.need(op.office, offices, "office", "office")
    ctx.need(
        op.resource,
        [r.id for r in offices[op.office].resources],
        f"resource of {op.office}",
        "resource",
    )
    return [Edit(op="remove", path=f"offices/{op.office}/resources/{op.resource}")]


def _set_rule(op: SetRule, ctx: _Context) -> list[Edit]:
    ctx.need(op.body, [b.id for b in ctx.scenario.model.bodies], "body", "body")
    changes = op.model_dump(exclude={"body"}, exclude_none=True)
    if not changes:
        raise ctx.problem("give at least one of threshold, of, quorum")
    return [
        Edit(op="set", path=f"bodies/{op.body}/rule/{key}", value=value)
        for key, value in changes.items()
    ]


def _assume(op: Assume, ctx: _Context) -> list[Edit]:
    contested = {c.id: c for c in ctx.scenario.model.contested}
    ctx.need(op.contested, contested, "contested fact", "contested")
    versions = {v.id: v for v in contested[op.contested].versions}
    ctx.need(op.version, versions, f"version of {op.contested}", "version")
    return [*versions[op.version].edits, Edit(op="remove", path=f"contested/{op.contested}")]


_Compiler = Callable[[Any, _Context], list[Edit]]

OPERATIONS: dict[str, tuple[type[_Op], _Compiler]] = {
    "move": (Move, _move),
    "cut_tie": (CutTie, _cut_tie),
    "add_tie": (AddTie, _add_tie),
    "fix_side": (FixSide, _fix_side),
    "shift_challenge": (ShiftChallenge, _shift_challenge),
    "remove_resource": (RemoveResource, _remove_resource),
    "set_rule": (SetRule, _set_rule),
    "assume": (Assume, _assume),
}
"""Friendly operations by name: their schema and the function compiling them to edits."""


# -- reading intervention files ----------------------------------------------------------


class _Header(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Id
    description: str = Field(min_length=1)
    edits: list[dict[str, Any]] = Field(min_length=1)


def _pydantic_problems(
    error: ValidationError, marks: Marks, base: tuple[str | int, ...], label: str, file: str
) -> list[Problem]:
    problems = []
    for err in error.errors():
        loc = tuple(err["loc"])
        where, line = marks.locate((*base, *loc))
        field = ".".join([label, *(str(p) for p in loc)]) if label else ".".join(map(str, loc))
        problems.append(Problem(schema_message(err), file=where or file, line=line, field=field))
    return problems


def parse_intervention(data: Any, marks: Marks, file: str, scenario: Scenario) -> Intervention:
    """Check and compile the data of one intervention file against ``scenario``.

    Raises
    ------
    PolitburoError
        With every mistake in the file, each with its line and field.
    """
    if not isinstance(data, dict):
        raise PolitburoError(
            Problem(
                "an intervention file is a mapping with id, description and edits",
                file=file,
                line=1,
            )
        )
    try:
        header = _Header.model_validate(data)
    except ValidationError as error:
        if not isinstance(data.get("edits"), list):
            raise PolitburoError(_pydantic_problems(error, marks, (), "", file)) from None
        header_problems = _pydantic_problems(error, marks, (), "", file)
        header = None
    else:
        header_problems = []
    ident = header.id if header else str(data.get("id", Path(file).stem))
    located: list[LocatedEdit] = []
    problems = list(header_problems)
    for i, item in enumerate(data["edits"]):
        try:
            located.extend(_compile_item(item, i, ident, marks, file, scenario))
        except PolitburoError as error:
            problems.extend(error.problems)
    problems.extend(_check_edits(scenario, located, paths_only=bool(problems)))
    if problems:
        raise PolitburoError(problems)
    assert header is not None
    return Intervention(header.id, header.description, tuple(located), file)


def _compile_item(
    item: Any, index: int, ident: str, marks: Marks, file: str, scenario: Scenario
) -> list[LocatedEdit]:
    base: tuple[str | int, ...] = ("edits", index)
    label = f"edits[{index}]"
    where, line = marks.locate(base)
    origin = f"intervention {ident!r}"
    names = ", ".join(OPERATIONS)
    if not isinstance(item, dict):
        raise PolitburoError(
            Problem(
                f"an edit is a mapping: op/path/value or one of {names}",
                file=where or file,
                line=line,
                field=label,
            )
        )
    if "op" in item:
        try:
            edit = Edit.model_validate(item)
        except ValidationError as error:
            raise PolitburoError(_pydantic_problems(error, marks, base, label, file)) from None
        if edit.op != "remove" and "value" not in item:
            clear = " (value: null clears a field)" if edit.op == "set" else ""
            raise PolitburoError(
                Problem(
                    f"{edit.op} needs a value{clear}", file=where or file, line=line, field=label
                )
            )
        return [LocatedEdit(edit, where or file, line, f"{label}.path", origin)]
    if len(item) != 1 or next(iter(item)) not in OPERATIONS:
        keys = ", ".join(map(str, item))
        raise PolitburoError(
            Problem(
                f"unknown edit ({keys}); an edit has op, path and value, or is one of {names}",
                file=where or file,
                line=line,
                field=label,
            )
        )
    name, args = next(iter(item.items()))
    schema, compiler = OPERATIONS[name]
    op_base = (*base, name)
    try:
        op = schema.model_validate(args)
    except ValidationError as error:
        raise PolitburoError(
            _pydantic_problems(error, marks, op_base, f"{label}.{name}", file)
        ) from None
    ctx = _Context(scenario, ident, file, marks, op_base, f"{label}.{name}")
    op_file, op_line = marks.locate(op_base)
    return [
        LocatedEdit(edit, op_file or file, op_line, f"{label}.{name}", origin)
        for edit in compiler(op, ctx)
    ]


def _check_edits(
    scenario: Scenario, edits: Sequence[LocatedEdit], *, paths_only: bool
) -> list[Problem]:
    """Problems of applying ``edits`` to ``scenario``: edits of the record, paths that name
    nothing and, unless ``paths_only``, the edited scenario's validation."""
    on_record = [
        Problem(
            "a what-if changes what happens, not the record runs are judged by (the engine "
            "never reads it); edit the scenario's record instead",
            file=e.file,
            line=e.line,
            field=e.field,
        )
        for e in edits
        if touches_record(e.edit.path)
    ]
    rest = [e for e in edits if not touches_record(e.edit.path)]
    try:
        if paths_only or on_record:
            apply_edits(scenario.raw, scenario.marks, rest)
        else:
            edit_scenario(scenario, rest)
    except PolitburoError as error:
        return [*on_record, *error.problems]
    return on_record


def load_intervention(path: str | Path, scenario: Scenario) -> Intervention:
    """Read, check and compile an intervention file against ``scenario``."""
    data, marks = read_yaml(Path(path))
    return parse_intervention(data, marks, str(path), scenario)


def named_whatifs(scenario: Scenario) -> dict[str, Path]:
    """The what-ifs a scenario ships, by name (the file name without ``.yaml``)."""
    folder = scenario.folder / WHATIF_FOLDER
    if not folder.is_dir():
        return {}
    files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    return {path.stem: path for path in files}


def resolve_intervention(name_or_path: str, scenario: Scenario) -> Intervention:
    """An intervention given on the command line: a what-if's name or a file's path."""
    named = named_whatifs(scenario)
    if name_or_path in named:
        return load_intervention(named[name_or_path], scenario)
    path = Path(name_or_path)
    if path.is_file():
        return load_intervention(path, scenario)
    known = ", ".join(named) or "none"
    raise PolitburoError(
        Problem(
            f"no what-if of this name in scenario {scenario.id!r} (it has: {known}) and no such "
            "file",
            file=name_or_path,
            field="INTERVENTION",
        )
    )


def _split_assignment(text: str) -> tuple[str, str] | None:
    """Split ``PATH=VALUE`` where a path segment may itself be a ``field=value`` selector:
    the value starts after the first ``=`` that follows the path's last ``/``."""
    cut = len(text)
    while True:
        slash = text.rfind("/", 0, cut)
        if slash < 0:
            break
        equals = text.find("=", slash)
        if equals >= 0:
            return text[:equals], text[equals + 1 :]
        cut = slash
    path, sep, value = text.partition("=")
    return (path, value) if sep else None


def from_assignments(assignments: Sequence[str], scenario: Scenario) -> Intervention:
    """An intervention from ``--set PATH=VALUE`` options; each value is parsed as YAML.

    Problems are located at file ``--set`` and, as line, the option's number (1 for the
    first ``--set``).

    Raises
    ------
    PolitburoError
        For an assignment without ``=``, a value that is not YAML, or a path that names
        nothing.
    """
    edits: list[LocatedEdit] = []
    problems: list[Problem] = []
    for number, text in enumerate(assignments, start=1):
        split = _split_assignment(text)
        if split is None or not split[0].strip():
            problems.append(Problem("expected PATH=VALUE", file="--set", line=number, field=text))
            continue
        path, value_text = split[0].strip(), split[1]
        try:
            value = yaml.safe_load(value_text) if value_text.strip() else None
        except yaml.YAMLError as error:
            problems.append(
                Problem(f"the value is not YAML: {error}", file="--set", line=number, field=path)
            )
            continue
        edit = Edit(op="set", path=path, value=value)
        edits.append(LocatedEdit(edit, "--set", number, path, f"--set {text}"))
    if not problems:
        problems.extend(_check_edits(scenario, edits, paths_only=False))
    if problems:
        raise PolitburoError(problems)
    return Intervention("set", "; ".join(assignments), tuple(edits), "--set")
