"""The basis of every judgment, and the outcome-blind version of a scenario.

A scenario's numbers and intentions are the modeller's *judgments*: a trait, a tie, a stance,
a grievance, a fear, a bloc's disposition, an outsider's stance, and a challenge's strike
window, deadline, move for the chair, intended chair and intended successor. Each says its
``basis``: known ``before`` the crisis, or read from its ``course`` or its ``outcome``. A
judgment read from the crisis writes the answer into the question (a resolve cited to the
refusal it is meant to explain), so results are also reported **outcome-blind**: every
judgment read from the course or the outcome replaced by the neutral value of its kind
(:data:`NEUTRAL`, the one place that defines them). A judgment that does not state its basis
is *unstated*: it is kept as written, and ``politburo check`` warns about it.

Examples
--------
>>> from politburo.scenario import load_scenario
>>> scenario = load_scenario("june-1957")
>>> read = [j for j in judgments(scenario.model) if j.read_from_crisis]
>>> blind = outcome_blind(scenario)
>>> len(blind.neutralised) == len(read) > 0
True
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from politburo.errors import Problem
from politburo.scenario.loading import Scenario, field_name, validate_data
from politburo.scenario.paths import find, split_path
from politburo.scenario.schema import (
    Disposition,
    Fear,
    Grievance,
    Judged,
    Position,
    ScenarioModel,
    Tie,
    Trait,
)

__all__ = [
    "NEUTRAL",
    "READ_FROM_CRISIS",
    "Judgment",
    "Neutral",
    "OutcomeBlind",
    "basis_warnings",
    "judgments",
    "label",
    "outcome_blind",
]

DataPath = tuple[str | int, ...]

READ_FROM_CRISIS = ("course", "outcome")
"""Bases that make a judgment outcome-read: neutralised in outcome-blind results."""


@dataclass(frozen=True)
class Neutral:
    """The neutral value of one kind of judgment: the ``fields`` it sets (none: the
    judgment is removed, or for a window, set to the scenario's period) and what it means."""

    fields: Mapping[str, Any]
    meaning: str


NEUTRAL: Mapping[str, Neutral] = {
    "trait": Neutral(
        {"value": 0.5},
        "0.5, the middle of the 0-1 scale (a resolve of 0.5 makes the refusal turn on the "
        "target's odds alone)",
    ),
    "tie": Neutral({}, "removed: no tie"),
    "position": Neutral({"stance": 0.0}, "stance 0, the middle of the scale; salience kept"),
    "grievance": Neutral({"weight": 0.0}, "weight 0"),
    "fear": Neutral({"weight": 0.0}, "weight 0"),
    "disposition": Neutral(
        {"loyal": 1 / 3, "wavering": 1 / 3, "hostile": 1 / 3},
        "loyal, wavering and hostile shares of one third each",
    ),
    "window": Neutral({}, "the scenario's whole period, from its start to its end"),
    "deadline_days": Neutral({"deadline_days": 3}, "3, the format's default"),
    "take_chair": Neutral({"take_chair": True}, "true, the format's default"),
    "opening": Neutral({"opening": "demand"}, "demand, the format's default"),
    "chair_to": Neutral({"chair_to": None}, "none: the first leader present takes the chair"),
    "successor": Neutral({"successor": None}, "none: the office stays vacant"),
    "associates": Neutral({"associates": []}, "none: the target alone"),
    "schedule": Neutral(
        {}, "removed: the body sits daily, or on its calendar sittings if it has any"
    ),
    "sitting": Neutral(
        {}, "removed: the body sits as its schedule says, daily if it has no other sitting"
    ),
    "landing_posts": Neutral(
        {"landing_posts": []}, "none offered: the target keeps what his sanction leaves him"
    ),
    "outsider_stance": Neutral(
        {}, "removed: the outsider's earlier stance holds (none: it takes no part)"
    ),
}
"""The neutral value of each kind of judgment, used for outcome-blind results: the one
place that defines them (documented in docs/scenario-format.md and docs/model.md)."""

_PERSON_LISTS = {
    "traits": "trait",
    "ties": "tie",
    "positions": "position",
    "grievances": "grievance",
    "fears": "fear",
}
_CHALLENGE_FIELDS = (
    "window",
    "deadline_days",
    "take_chair",
    "chair_to",
    "successor",
    "associates",
    "landing_posts",
    "opening",
)


@dataclass(frozen=True)
class Judgment:
    """One judgment of a scenario: where it is, its kind and its basis (``None``: unstated).

    ``path`` is the data path of the judgment (for a challenge, of the challenge, with the
    judgment's name in ``field``).
    """

    path: DataPath
    kind: str
    basis: str | None
    field: str = ""
    value: str = ""
    """The judgment as written, briefly (``resolve 0.95``, ``ally of khrushchev 0.7``)."""

    @property
    def read_from_crisis(self) -> bool:
        """Whether the judgment was read from the crisis's course or outcome."""
        return self.basis in READ_FROM_CRISIS

    @property
    def located_path(self) -> DataPath:
        """The data path to show in messages (a challenge's judgment: its first field)."""
        if not self.field:
            return self.path
        return (*self.path, "window_start" if self.field == "window" else self.field)


def judgments(model: ScenarioModel) -> list[Judgment]:
    """Every judgment of ``model``, in file order, with its basis."""
    return list(_walk(model))


def _walk(model: ScenarioModel) -> Iterator[Judgment]:
    people: list[tuple[str, Sequence[Any]]] = [("actors", model.actors), ("groups", model.groups)]
    for section, items in people:
        for i, person in enumerate(items):
            for name, kind in _PERSON_LISTS.items():
                for j, item in enumerate(getattr(person, name, [])):
                    assert isinstance(item, Judged)
                    yield Judgment((section, i, name, j), kind, item.basis, value=_brief(item))
            disposition = getattr(person, "disposition", None)
            if disposition is not None:
                yield Judgment(
                    (section, i, "disposition"),
                    "disposition",
                    disposition.basis,
                    value=_brief(disposition),
                )
    yield from _sittings(model)
    yield from _outsider_stances(model)
    for i, challenge in enumerate(model.challenges):
        for name in _CHALLENGE_FIELDS:
            basis = getattr(challenge.basis, name)
            unset = name in ("chair_to", "successor", "associates", "landing_posts") and not (
                getattr(challenge, name)
            )
            unset |= name == "opening" and challenge.opening == "demand"
            if unset and basis is None:
                continue  # nothing judged: the default is the neutral value
            if name == "window":
                value = f"{challenge.window_start} to {challenge.window_end}"
            else:
                value = str(getattr(challenge, name))
            yield Judgment(("challenges", i), name, basis, field=name, value=value)


def _sittings(model: ScenarioModel) -> Iterator[Judgment]:
    """The dates bodies sit: a body's schedule (``meets``) and the calendar's sittings."""
    for i, body in enumerate(model.bodies):
        meets = body.meets
        if meets is not None:
            rhythm = f"every {meets.every} days from {meets.start}" if meets.every else ""
            dates = ", ".join(str(d) for d in meets.dates)
            value = "; ".join(x for x in (rhythm, dates) if x) or "no ordinary sitting"
            yield Judgment(("bodies", i, "meets"), "schedule", meets.basis, value=value)
    for i, event in enumerate(model.calendar):
        if event.is_sitting:
            value = f"{event.body} {event.start} to {event.end}"
            yield Judgment(("calendar", i), "sitting", event.basis, value=value)


def _outsider_stances(model: ScenarioModel) -> Iterator[Judgment]:
    """What each actor outside the bodies is known to want, and from when."""
    for i, outsider in enumerate(model.outsiders):
        for j, st in enumerate(outsider.stances):
            when = f"from {st.known}" if st.known else "from the start"
            value = f"{outsider.id} backs {st.stance} {when}".replace(
                "backs withholds", "withholds"
            )
            yield Judgment(("outsiders", i, "stances", j), "outsider_stance", st.basis, value=value)


def _brief(item: Any) -> str:
    if isinstance(item, Tie):
        return f"{item.kind} {item.to} {item.strength:g}"
    if isinstance(item, Position):
        return f"{item.issue} {item.stance:g} (salience {item.salience:g})"
    if isinstance(item, Grievance):
        return f"against {item.against} {item.weight:g}"
    if isinstance(item, Fear):
        return f"of {item.of} {item.weight:g}"
    if isinstance(item, Trait):
        return f"{item.name} {item.value:g}"
    if isinstance(item, Disposition):
        return f"loyal {item.loyal:g}, wavering {item.wavering:g}, hostile {item.hostile:g}"
    return ""


@dataclass(frozen=True)
class OutcomeBlind:
    """A scenario with its outcome-read judgments neutralised, and which they were."""

    scenario: Scenario
    neutralised: tuple[Judgment, ...]
    dropped_edits: tuple[str, ...]
    """Edits of contested versions dropped because they set a neutralised judgment
    (``contested[<id>].versions[<id>]: <path>``)."""
    written: dict[str, Any]
    """The scenario's data as written, to name the neutralised judgments."""

    def describe(self) -> list[str]:
        """Each neutralised judgment, named by its field (``actors[molotov].traits[0]``)."""
        return [label(self.written, j) for j in self.neutralised]


def label(raw: Any, judgment: Judgment) -> str:
    """The field name of ``judgment`` in the data ``raw`` (``challenges[x].window``)."""
    name = field_name(judgment.path, raw)
    name = f"{name}.{judgment.field}" if judgment.field else name
    return f"{name} ({judgment.value})" if judgment.value else name


def outcome_blind(
    scenario: Scenario, only: Callable[[Judgment], bool] | None = None
) -> OutcomeBlind:
    """``scenario`` with every judgment read from its course or outcome set to the neutral
    value of its kind (:data:`NEUTRAL`); with ``only``, just those of them it accepts (to
    see which neutralised judgments move a result).

    Edits of contested versions that set a neutralised judgment (or a part of it) are dropped
    too, so that no version brings back what the blind version removed.

    Raises
    ------
    PolitburoError
        If the neutralised scenario does not validate.
    """
    model = scenario.model
    read = [j for j in judgments(model) if j.read_from_crisis and (only is None or only(j))]
    raw = copy.deepcopy(scenario.raw)
    targets: dict[int, set[str] | None] = {}
    removals: list[DataPath] = []
    for judgment in read:
        node = _node(raw, judgment.path)
        if judgment.field:
            fields = targets.setdefault(id(node), set())
            assert fields is not None
            fields.update(_raw_fields(judgment.field))
        else:
            targets[id(node)] = None
        if _neutralise(raw, model, judgment):
            removals.append(judgment.path)
    dropped = _drop_version_edits(raw, targets)
    for path in sorted(removals, key=lambda p: (p[:-1], p[-1]), reverse=True):
        del _node(raw, path[:-1])[path[-1]]
    blind = validate_data(raw, scenario.marks, scenario.folder)
    return OutcomeBlind(blind, tuple(read), tuple(dropped), scenario.raw)


def _raw_fields(field: str) -> tuple[str, ...]:
    return ("window_start", "window_end") if field == "window" else (field,)


def _node(raw: Any, path: DataPath) -> Any:
    node = raw
    for part in path:
        node = node[part]
    return node


def _neutralise(raw: dict[str, Any], model: ScenarioModel, judgment: Judgment) -> bool:
    """Set ``judgment`` to its neutral value (:data:`NEUTRAL`) in ``raw``; True when it is
    to be removed."""
    kind = judgment.kind
    if kind in ("tie", "schedule", "sitting", "outsider_stance"):
        return True
    node = _node(raw, judgment.path)
    if kind == "window":
        node["window_start"] = model.start.isoformat()
        node["window_end"] = model.end.isoformat()
        return False
    for name, value in NEUTRAL[kind].fields.items():
        if value is None:
            node.pop(name, None)
        else:
            node[name] = value
    return False


def _drop_version_edits(raw: dict[str, Any], targets: dict[int, set[str] | None]) -> list[str]:
    """Drop from the contested versions of ``raw`` every edit whose path leads to a
    neutralised judgment (``targets``: raw nodes by id, with the challenge fields)."""
    dropped = []
    for fact in raw.get("contested") or []:
        for version in fact.get("versions") or []:
            kept = []
            for edit in version.get("edits") or []:
                segments = split_path(str(edit.get("path", "")))
                if _hits(raw, segments, targets):
                    where = f"contested[{fact.get('id')}].versions[{version.get('id')}]"
                    dropped.append(f"{where}: {edit.get('path')}")
                else:
                    kept.append(edit)
            if version.get("edits"):
                version["edits"] = kept
    return dropped


def _hits(raw: Any, segments: list[str], targets: dict[int, set[str] | None]) -> bool:
    for k in range(1, len(segments) + 1):
        node = find(raw, segments[:k])
        if node is None:
            return False
        if id(node) in targets:
            fields = targets[id(node)]
            if fields is None or (k < len(segments) and segments[k] in fields):
                return True
    return False


def basis_warnings(scenario: Scenario) -> list[Problem]:
    """A warning for every judgment that does not state its basis (old files stay valid)."""
    problems: list[Problem] = []
    for judgment in judgments(scenario.model):
        if judgment.basis is None:
            file, line = scenario.marks.locate(judgment.located_path)
            name = field_name(judgment.located_path, scenario.raw)
            problems.append(
                Problem(
                    f"the {judgment.kind.replace('_', ' ')} does not state its basis "
                    "(basis: before, course or outcome)",
                    file=file,
                    line=line,
                    field=name,
                )
            )
    return sorted(problems, key=lambda p: (p.file or "", p.line or 0))
