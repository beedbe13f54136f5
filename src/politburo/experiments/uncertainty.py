"""What the evidence leaves open, and how each run draws its own version of it.

Two kinds of fact are uncertain:

- a **contested** fact (the scenario's ``contested`` section): each run follows one of its
  versions, with the probability the version gives or, when it gives none, the probability
  its cited sources' reliability grades and the stance they take to its claim imply
  (:func:`version_probabilities`);
- a **range**: a decision-model parameter with ``low`` and ``high`` is drawn uniformly from its
  range. So that runs drawing the same values can share one compiled scenario, the range is
  cut into ``levels`` bins of equal probability and a run takes the midpoint of the bin it
  falls in (the midpoint rule: with 8 levels the mean and spread of the draws are those of
  the uniform to within 1%).

With **judgment uncertainty** asked for, each run also draws the scenario's numeric judgments
(traits, ties, stances, grievances, fears, dispositions): one of ``draws`` sets of them, each
moved from the values written by the spread independent raters give such judgments
(:func:`judgment_fact`, :mod:`politburo.scenario.spread`).

With **parameter uncertainty** asked for, another: the decision model's **calibration**. Each
run draws one of the values fitted in the folds of the leave-one-crisis-out validation (``politburo
validate --write``; each fold calibrated on all crises but one), with equal probability, for
every fitted parameter the scenario does not set itself (:func:`calibration_fact`): the spread of
a jackknife, so that how much the fit depends on any one crisis widens the probabilities.

Each run's draws depend only on the seed, the run id and the fact's id (a counter-based
stream, :func:`uniforms`), never on how runs are split into chunks or workers, and a fact
keeps its draws when other facts are added or settled. Runs are then grouped by the
combination of alternatives they drew (:meth:`Evidence.group`), and each combination's edits
(:meth:`Evidence.edits`) make one scenario to compile.

Grades and stances map to weights in one place, :func:`citation_weight` (with
:data:`GRADE_WEIGHTS` and :data:`STANCE_WEIGHTS`; see ``docs/experiments.md``).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from politburo.engine.parameters import load_held_out
from politburo.errors import PolitburoError, Problem
from politburo.scenario.editing import LocatedEdit
from politburo.scenario.loading import Scenario, field_name
from politburo.scenario.paths import data_path, within
from politburo.scenario.schema import Citation, Contested, Edit, Source
from politburo.scenario.spread import DEFAULT_DRAWS, check_draws, judgment_draw
from politburo.seeds import name_key

__all__ = [
    "ASSUMPTION_WEIGHT",
    "CALIBRATION",
    "DEFAULT_LEVELS",
    "GRADE_WEIGHTS",
    "JUDGMENTS",
    "STANCE_WEIGHTS",
    "Alternative",
    "Evidence",
    "UncertainFact",
    "calibration_fact",
    "citation_weight",
    "evidence_of",
    "judgment_fact",
    "uniforms",
    "version_probabilities",
]

GRADE_WEIGHTS: Mapping[str, float] = {
    "A": 0.95,
    "B": 0.8,
    "C": 0.6,
    "D": 0.4,
    "E": 0.2,
    "F": 0.5,
}
"""How much a citation of a source of each Admiralty reliability grade supports a version:
A completely reliable ... E unreliable; F (cannot be judged) sits at even odds."""

ASSUMPTION_WEIGHT = 0.3
"""Support lent by a citation that is only a modeller's assumption."""

STANCE_WEIGHTS: Mapping[str | None, float] = {
    None: 1.0,
    "asserts": 1.0,
    "reports": 0.7,
    "rumour": 0.35,
    "disbelieves": 0.1,
}
"""How much of a source's support a version keeps, by the stance the source itself takes to
the claim: its own finding (``asserts``) keeps it all; a claim it passes on from others
(``reports``, "reportedly") keeps 0.7; a ``rumour`` it relays, 0.35; a claim it relays and
finds hard to believe (``disbelieves``), 0.1. A version that states no stance is weighted by
the grades alone, as before stances were stated."""

DEFAULT_LEVELS = 8
"""Bins a range is cut into."""


_TAG = 0x45564944  # "EVID": keeps these draws apart from the engine's streams


@dataclass(frozen=True)
class Alternative:
    """One way an uncertain fact may be: a version, or one level of a range."""

    label: str
    probability: float
    edits: tuple[Edit, ...]
    value: float | None = None


@dataclass(frozen=True)
class UncertainFact:
    """A fact the evidence leaves open, with its alternatives.

    ``id`` is the contested fact's id or ``parameter.<name>``; ``path`` is the data path a
    range sets (empty for a contested fact). ``file`` and ``line`` locate it for messages.
    """

    id: str
    kind: Literal["contested", "range", "calibration", "judgment"]
    about: str
    alternatives: tuple[Alternative, ...]
    path: str = ""
    file: str | None = None
    line: int | None = None

    @property
    def labels(self) -> list[str]:
        """Labels of the alternatives, in order."""
        return [a.label for a in self.alternatives]

    @property
    def probabilities(self) -> npt.NDArray[np.float64]:
        """Probabilities of the alternatives, in order (they sum to 1)."""
        return np.array([a.probability for a in self.alternatives], dtype=np.float64)

    @property
    def column(self) -> str:
        """Name of the result column holding the alternative each run drew."""
        return f"evidence.{self.id}"


def _mix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """The SplitMix64 finaliser: a bijection of 64-bit words that scrambles every bit."""
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def uniforms(seed: int, run_ids: npt.NDArray[np.integer], name: str) -> npt.NDArray[np.float64]:
    """One uniform draw in [0, 1) per run for the stream ``name``.

    The draw of run ``r`` is a hash of (seed, ``r``, ``name``): a counter-based stream, so
    it is the same whichever runs are drawn with it, and drawing a million costs
    milliseconds. The seed enters through a :class:`numpy.random.SeedSequence`.

    >>> a = uniforms(7, np.arange(5), "x")
    >>> bool(np.all(a[2:4] == uniforms(7, np.array([2, 3]), "x")))
    True
    >>> bool(np.all(a != uniforms(8, np.arange(5), "x")))
    True
    """
    state = np.random.SeedSequence(seed, spawn_key=(_TAG,)).generate_state(1, np.uint64)[0]
    runs = np.asarray(run_ids).astype(np.uint64)
    with np.errstate(over="ignore"):
        words = _mix(_mix(runs * np.uint64(0x9E3779B97F4A7C15) + state) ^ np.uint64(name_key(name)))
    return (words >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))


def citation_weight(grade: str | None, stance: str | None = None) -> float:
    """Support one citation lends a version: the weight of its source's reliability
    ``grade`` (:data:`GRADE_WEIGHTS`; ``None`` for an assumption, :data:`ASSUMPTION_WEIGHT`)
    times the weight of the ``stance`` the source takes to the claim (:data:`STANCE_WEIGHTS`).

    >>> citation_weight("B", "asserts") > citation_weight("B", "disbelieves")
    True
    >>> round(citation_weight("B", "disbelieves"), 3)
    0.08
    """
    base = ASSUMPTION_WEIGHT if grade is None else GRADE_WEIGHTS.get(grade, GRADE_WEIGHTS["F"])
    return base * STANCE_WEIGHTS[stance]


def _citation_weight(
    citation: Citation, grades: Mapping[str, str], stance: str | None
) -> tuple[str, float]:
    if citation.assumption is not None or citation.source is None:
        return "<assumption>", citation_weight(None, stance)
    return citation.source, citation_weight(grades.get(citation.source, "F"), stance)


def version_probabilities(contested: Contested, sources: Sequence[Source]) -> list[float]:
    """Probability of each version of a contested fact.

    A version that gives ``probability`` keeps it. The others share what is left in
    proportion to their support: each distinct source a version cites lends the weight of its
    grade times that of the version's stance (:func:`citation_weight`; an assumption lends
    :data:`ASSUMPTION_WEIGHT` times the stance's), and independent sources combine as
    ``1 - prod(1 - w)``, so that corroboration counts.

    Raises
    ------
    ValueError
        When the given probabilities exceed 1, or all are given and do not sum to 1.
    """
    grades = {s.id: s.reliability for s in sources}
    support = []
    for version in contested.versions:
        weights = dict(_citation_weight(c, grades, version.stance) for c in version.cite)
        support.append(1.0 - math.prod(1.0 - w for w in weights.values()))
    given = [v.probability for v in contested.versions]
    fixed = sum(p for p in given if p is not None)
    free = [i for i, p in enumerate(given) if p is None]
    if fixed > 1.0 + 1e-9:
        raise ValueError(f"the versions' probabilities sum to {fixed:g}, more than 1")
    if not free:
        if abs(fixed - 1.0) > 1e-6:
            raise ValueError(f"the versions' probabilities sum to {fixed:g}, not 1")
        return [float(p) for p in given if p is not None]
    rest = max(0.0, 1.0 - fixed)
    total = sum(support[i] for i in free)
    return [float(p) if p is not None else rest * support[i] / total for i, p in enumerate(given)]


@dataclass(frozen=True)
class Evidence:
    """Every uncertain fact of a scenario, and the per-run draws over them."""

    facts: tuple[UncertainFact, ...] = ()
    _cumulative: tuple[npt.NDArray[np.float64], ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        cumulative = tuple(np.cumsum(f.probabilities) for f in self.facts)
        object.__setattr__(self, "_cumulative", cumulative)

    def draw(self, seed: int, run_ids: npt.NDArray[np.integer]) -> npt.NDArray[np.int16]:
        """Alternative drawn by each run for each fact: shape (runs, facts)."""
        choices = np.zeros((len(run_ids), len(self.facts)), dtype=np.int16)
        for j, (fact, cumulative) in enumerate(zip(self.facts, self._cumulative, strict=True)):
            u = uniforms(seed, run_ids, fact.id) * cumulative[-1]
            choices[:, j] = np.minimum(
                np.searchsorted(cumulative, u, side="right"), len(cumulative) - 1
            )
        return choices

    @staticmethod
    def group(choices: npt.NDArray[np.int16]) -> dict[tuple[int, ...], npt.NDArray[np.intp]]:
        """Row positions of the runs that drew each combination of alternatives (codes of
        -1 and up)."""
        if choices.shape[1] == 0:
            return {(): np.arange(choices.shape[0])}
        dims = tuple(int(d) + 2 for d in choices.max(axis=0))
        if math.prod(dims) < 2**62:
            codes = np.ravel_multi_index(tuple(choices.T.astype(np.intp) + 1), dims)
            _, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
            combos = choices[first]
        else:
            combos, inverse = np.unique(choices, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        order = np.argsort(inverse, kind="stable")
        bounds = np.searchsorted(inverse[order], np.arange(len(combos) + 1))
        return {
            tuple(int(c) for c in combo): order[bounds[k] : bounds[k + 1]]
            for k, combo in enumerate(combos)
        }

    def edits(self, combo: Sequence[int]) -> list[LocatedEdit]:
        """The edits that make the scenario follow one combination of alternatives (-1:
        the scenario's own data)."""
        located = []
        for fact, choice in zip(self.facts, combo, strict=True):
            if choice < 0:
                continue
            alternative = fact.alternatives[choice]
            origin = f"version {alternative.label!r} of {fact.kind} fact {fact.id!r}"
            located += [
                LocatedEdit(edit, fact.file, fact.line, fact.id, origin)
                for edit in alternative.edits
            ]
        return located

    def labels(self) -> dict[str, list[str]]:
        """The alternatives' labels by fact id (for manifests and reports)."""
        return {f.id: f.labels for f in self.facts}

    def digest(self) -> str:
        """A digest of every alternative of every fact, edits included: two plans whose
        facts share labels but not edits (another seed's draws) differ in it."""
        data = [
            [f.id, f.kind, [[a.label, a.probability, a.edits] for a in f.alternatives]]
            for f in self.facts
        ]
        text = json.dumps(data, default=lambda e: e.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def without(self, paths: Sequence[str]) -> Evidence:
        """These facts less the ranges whose path one of ``paths`` sets (or a parent of it):
        a value an intervention fixes is no longer uncertain."""

        def fixed(fact: UncertainFact) -> bool:
            return fact.kind == "range" and any(within(fact.path, p) for p in paths)

        return Evidence(tuple(f for f in self.facts if not fixed(f)))


def _levels(low: float, high: float, levels: int) -> list[float]:
    width = (high - low) / levels
    return [low + (k + 0.5) * width for k in range(levels)]


def evidence_of(scenario: Scenario, *, levels: int = DEFAULT_LEVELS) -> Evidence:
    """The uncertain facts of ``scenario``: its contested facts and its parameter ranges.

    Raises
    ------
    PolitburoError
        When a contested fact's probabilities do not add up, or a range is inverted; each
        problem names the file, line and field.
    """
    if levels < 1:
        raise PolitburoError(Problem(f"levels must be at least 1, not {levels}", field="levels"))
    model = scenario.model
    facts: list[UncertainFact] = []
    problems: list[Problem] = []

    def locate(path: tuple[str | int, ...]) -> tuple[str | None, int | None, str]:
        file, line = scenario.marks.locate(path)
        return file, line, field_name(path, scenario.raw)

    for i, contested in enumerate(model.contested):
        file, line, name = locate(("contested", i, "versions"))
        try:
            probabilities = version_probabilities(contested, model.sources)
        except ValueError as error:
            problems.append(Problem(str(error), file, line, name))
            continue
        alternatives = tuple(
            Alternative(v.id, p, tuple(v.edits))
            for v, p in zip(contested.versions, probabilities, strict=True)
        )
        file, line, _ = locate(("contested", i))
        facts.append(
            UncertainFact(
                contested.id, "contested", contested.about, alternatives, file=file, line=line
            )
        )
    for name, parameter in model.model.parameters.items():
        if parameter.low is None or parameter.high is None:
            continue
        file, line, label = locate(("model", "parameters", name))
        if parameter.high < parameter.low:
            problems.append(
                Problem(f"high {parameter.high} is below low {parameter.low}", file, line, label)
            )
            continue
        path = f"model/parameters/{name}/value"
        values = _levels(parameter.low, parameter.high, levels)
        alternatives = tuple(
            Alternative(f"{v:.6g}", 1.0 / levels, (Edit(op="set", path=path, value=v),), v)
            for v in values
        )
        about = f"decision-model parameter {name} in [{parameter.low:g}, {parameter.high:g}]"
        facts.append(
            UncertainFact(f"parameter.{name}", "range", about, alternatives, path, file, line)
        )
    if problems:
        raise PolitburoError(problems)
    return Evidence(tuple(facts))


JUDGMENTS = "judgments"
"""Id of the judgment fact."""


def judgment_fact(
    scenario: Scenario,
    seed: int,
    draws: int = DEFAULT_DRAWS,
    fixed: Sequence[str] = (),
) -> UncertainFact:
    """The scenario's numeric judgments as an uncertain fact: ``draws`` alternatives of equal
    probability, each one draw of every judgment around its written value
    (:func:`~politburo.scenario.spread.judgment_draw`, seeded by ``seed``). A judgment that
    one of the paths ``fixed`` sets (by an intervention or a contested version), or a part of
    it, is not drawn: it is no longer the modeller's number.

    Raises
    ------
    PolitburoError
        When ``draws`` is not from 1 to :data:`~politburo.scenario.spread.MAX_DRAWS`.
    """
    check_draws(draws, "draws")
    settled = [data_path(scenario.raw, path) for path in fixed]
    alternatives = tuple(
        Alternative(f"draw {k}", 1.0 / draws, judgment_draw(scenario.model, seed, k, settled))
        for k in range(draws)
    )
    about = (
        f"the scenario's numeric judgments: one of {draws} draws around the values written, "
        "with the spread of independent readings"
    )
    return UncertainFact(JUDGMENTS, "judgment", about, alternatives)


CALIBRATION = "calibration"
"""Id of the calibration fact."""


def calibration_fact(scenario: Scenario, edited: Scenario | None = None) -> UncertainFact:
    """The held-out calibrations of the scenario's decision model as an uncertain fact: one
    alternative a fit (each fold's, each restart of its search), labelled by the crisis it
    left out, each setting the fitted parameters the scenario leaves to the engine's
    calibration.

    ``edited`` is the scenario as interventions leave it (default: ``scenario``): its model
    decides which parameters are left to the calibration; the edits apply to ``scenario``.

    Raises
    ------
    PolitburoError
        When the scenario does not use the engine's calibration, or its model has no
        held-out calibrations.
    """
    spec = (edited or scenario).model.model
    file, line = scenario.marks.locate(("model",))
    if spec.calibration != "engine":
        problem = "there is no calibration to be uncertain about"
        raise PolitburoError(
            Problem(
                f"the scenario uses the model's {spec.calibration}, not its calibration: {problem}",
                file,
                line,
                "model.calibration",
            )
        )
    record = load_held_out(spec.name)
    if record is None:
        raise PolitburoError(
            Problem(
                f"decision model {spec.name!r} has no held-out calibrations "
                "(written by `politburo validate --write`)",
                file,
                line,
                "model.name",
            )
        )
    cite = [{"assumption": f"held-out calibration ({record.command})"}]
    alternatives = []
    fits = record.fits()
    for label, values in fits:
        entries = {
            name: {"value": value, "cite": cite}
            for name, value in sorted(values.items())
            if name not in spec.parameters
        }
        edits = _parameter_edits(scenario.raw, entries)
        alternatives.append(Alternative(label, 1.0 / len(fits), edits))
    about = (
        f"calibration of decision model {spec.name!r}: one of {len(alternatives)} fits, "
        "each leaving one crisis out"
    )
    return UncertainFact(
        CALIBRATION, "calibration", about, tuple(alternatives), file=file, line=line
    )


def _parameter_edits(raw: Mapping[str, object], entries: Mapping[str, object]) -> tuple[Edit, ...]:
    """Edits adding ``entries`` to the scenario's ``model.parameters``, which the data may
    not have yet."""
    model = raw.get("model")
    if not isinstance(model, Mapping):
        return (Edit(op="set", path="model", value={"parameters": entries}),)
    if not isinstance(model.get("parameters"), Mapping):
        return (Edit(op="set", path="model/parameters", value=entries),)
    return tuple(Edit(op="set", path=f"model/parameters/{n}", value=e) for n, e in entries.items())
