"""The decision-model protocol: what every pluggable model of actors' behaviour provides.

A decision model turns the situation of one step (who is where, who stands where, what each
perceives of the balance of the body that will decide, how close the decision is) into each
actor's utility of backing the challengers, and into the few discrete choices the procedures
ask of actors: the target's compliance with a demand to resign, backing the use of force,
preferring that the higher body decide, and the severity of the sanction a victor imposes.

Models register under a name; the scenario's ``model.name`` picks one.

References
----------
.. [Axelrod1984] Axelrod (1984), "The Evolution of Cooperation" (a family of strategies
   sharing one test contract).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt

from politburo.arrays import Bools, Floats, Ints
from politburo.engine.compile import CompiledChallenge, CompiledScenario
from politburo.engine.decisions.ballot_terms import BallotWeights, candidate_affinity
from politburo.engine.parameters import SHARED_PARAMETERS, CalibrationRecord, Parameter
from politburo.errors import PolitburoError, Problem

__all__ = [
    "Conduct",
    "DecisionModel",
    "Decisions",
    "Situation",
    "force_threshold",
    "get_model",
    "register",
    "registered_models",
]


@dataclass
class Situation:
    """What a decision model sees at one step, as arrays over runs (R) and actors (A).

    ``side`` is -1 (with the target), 0 (undeclared or withdrawn), +1 (with the challengers).
    ``perceived`` is each actor's perceived share of the deciding body backing the
    challengers; ``group_perceived`` the same for blocs. ``urgency`` (0-1) is how close the
    deciding vote is. ``colocated`` says whether actors i and j are at the same place.
    """

    compiled: CompiledScenario
    challenge: CompiledChallenge
    side: npt.NDArray[np.int8]
    group_side: npt.NDArray[np.int8]
    perceived: Floats
    group_perceived: Floats
    urgency: Floats
    public: npt.NDArray[np.int16]
    present: Bools
    taste: Floats
    group_taste: Floats
    threshold: float = 0.5
    accused: Bools | None = None
    """(R, A) who stands accused before the deciding body (their fate no longer turns on
    their side until the verdict)."""
    verdict: Bools | None = None
    """(R,) whether this is the session of the verdict."""
    expected: Floats | None = None
    """(R, A) share of the deciding body each actor expects to back the challengers, from
    what he sees and what everyone knows of the principals' clienteles (``perceived`` counts
    only what he sees: the public balance that drives the bandwagon)."""
    outside: float = 0.0
    """How far the known stances of actors outside the bodies move the balance everyone
    expects toward the challengers (negative: toward the target), in [-1, 1]."""
    restraint: float = 0.0
    """The known crowds' net weight against force (those backing the target less those
    backing the challengers): the threshold for backing force is divided by ``1 - restraint``
    (:func:`force_threshold`)."""

    def expectation(self) -> Floats:
        """``expected`` if known, else ``perceived``."""
        return self.perceived if self.expected is None else self.expected

    def take(self, rows: Ints) -> Situation:
        """The situation in the runs ``rows`` only."""

        def cut(a: npt.NDArray[np.generic] | None) -> Any:
            return None if a is None else a[rows]

        return Situation(
            compiled=self.compiled,
            challenge=self.challenge,
            side=cut(self.side),
            group_side=cut(self.group_side),
            perceived=cut(self.perceived),
            group_perceived=cut(self.group_perceived),
            urgency=cut(self.urgency),
            public=cut(self.public),
            present=cut(self.present),
            taste=cut(self.taste),
            group_taste=cut(self.group_taste),
            threshold=self.threshold,
            accused=cut(self.accused),
            verdict=cut(self.verdict),
            expected=cut(self.expected),
            outside=self.outside,
            restraint=self.restraint,
        )


@dataclass
class Decisions:
    """A model's answer for one step: utilities, the sides they imply, and each term."""

    utility: Floats
    side: npt.NDArray[np.int8]
    terms: dict[str, Floats]
    group_utility: Floats
    group_side: npt.NDArray[np.int8]

    def spread(self, rows: Ints, runs: int) -> Decisions:
        """Decisions taken in the runs ``rows`` of ``runs``, set in their rows (zeros in the
        others)."""

        def full(a: npt.NDArray[Any]) -> Any:
            out = np.zeros((runs, *a.shape[1:]), dtype=a.dtype)
            out[rows] = a
            return out

        return Decisions(
            utility=full(self.utility),
            side=full(self.side),
            terms={name: full(term) for name, term in self.terms.items()},
            group_utility=full(self.group_utility),
            group_side=full(self.group_side),
        )


@dataclass
class Conduct:
    """How each actor behaved on the losing side, for grading sanctions (arrays R x A)."""

    leader: Floats
    accused: Floats
    holdout: Floats
    time_on_losing_side: Floats
    tie_to_winner: Floats
    standing: Floats
    defiance: Floats
    """1 for those who took the losing side only after it had been put to the higher body."""
    extra: dict[str, Floats] = field(default_factory=dict)


class DecisionModel(ABC):
    """Base of every decision model; subclasses set :attr:`name` and :attr:`PARAMETERS`.

    Each parameter takes, in order of precedence: the scenario's value (``parameters``);
    else, when the scenario's ``model.calibration`` is ``engine``, the model's calibrated
    value (:attr:`CALIBRATION`); else its prior (:attr:`PARAMETERS`).

    Parameters
    ----------
    compiled
        The compiled scenario.
    parameters
        Overrides by name (from the scenario's ``model.parameters``); unknown names are
        an error.
    """

    name: ClassVar[str] = ""
    PARAMETERS: ClassVar[dict[str, Parameter]] = dict(SHARED_PARAMETERS)
    """Every parameter the model reads; a subclass extends the shared ones."""
    CALIBRATION: ClassVar[CalibrationRecord | None] = None
    """The model's joint calibration, if it has one."""
    EXPECTATION_IN: ClassVar[frozenset[str]] = frozenset(
        {"decide", "refuses", "backs_force", "prefers_higher_body"}
    )
    """The methods that read ``Situation.expected`` (a second perception of the higher body,
    costly): the procedures leave it out of the situations they hand the others."""

    def __init__(self, compiled: CompiledScenario, parameters: dict[str, float]) -> None:
        unknown = sorted(set(parameters) - set(self.PARAMETERS))
        if unknown:
            known = ", ".join(sorted(self.PARAMETERS))
            raise PolitburoError(
                [
                    Problem(
                        f"unknown parameter of decision model {self.name!r}; known: {known}",
                        field=f"model.parameters.{key}",
                    )
                    for key in unknown
                ]
            )
        self.compiled = compiled
        self.p: dict[str, float] = {k: s.default for k, s in self.PARAMETERS.items()}
        self.source: dict[str, str] = dict.fromkeys(self.p, "prior")
        """Where each value came from: ``prior``, ``calibrated`` or ``scenario``."""
        if compiled.calibration == "engine" and self.CALIBRATION is not None:
            calibrated = {k: v for k, v in self.CALIBRATION.values.items() if k in self.p}
            self.p.update(calibrated)
            self.source.update(dict.fromkeys(calibrated, "calibrated"))
        self.p.update(parameters)
        self.source.update(dict.fromkeys(parameters, "scenario"))

    @abstractmethod
    def decide(self, situation: Situation) -> Decisions:
        """Utilities of backing the challengers and the sides they imply."""

    @abstractmethod
    def expected_support(self, challenge: CompiledChallenge) -> Floats:
        """Probability (A,) with which the challengers expect each actor to back them."""

    def expected_group_support(self, challenge: CompiledChallenge) -> Floats:
        """Share (G,) of each bloc's members the challengers expect to back them.

        The default reads the bloc's disposition: the hostile share and half the wavering.
        """
        shares = self.compiled.group_shares
        return np.asarray(shares[:, 2] + 0.5 * shares[:, 1], dtype=np.float64)

    def known_sides(self, challenge: CompiledChallenge) -> Floats:
        """(A,) the sides everyone knows before anyone declares: the target's (-1), the
        leaders' (+1) and those the scenario fixes; 0 for everyone else."""
        known = self.compiled.fixed_side.astype(np.float64)
        known[challenge.leaders] = 1.0
        known[challenge.target] = -1.0
        return known

    def choose(self, situation: Situation) -> Decisions:
        """:meth:`decide`, except for the actors whose side the scenario fixes: the model
        does not choose for them. Each takes his fixed side, with the zeal the model gives
        him where it puts him on that side, and with the least zeal that side allows (the
        band of indifference) where it would have put him elsewhere: fixing a side fixes a
        vote, not a readiness to back force or to refuse the higher body. The difference
        from the model's utility is the term ``fixed``, so the terms still add up to the
        utility."""
        dec = self.decide(situation)
        fixed = self.compiled.fixed_side
        if not fixed.any():
            return dec
        mask = (fixed != 0)[None, :]
        zeal = np.maximum(dec.utility * fixed[None, :], self.band())
        utility = np.where(mask, zeal * fixed[None, :], dec.utility)
        terms = {**dec.terms, "fixed": utility - dec.utility}
        side = np.where(mask, fixed[None, :], dec.side).astype(np.int8)
        return Decisions(utility, side, terms, dec.group_utility, dec.group_side)

    def expected(self, challenge: CompiledChallenge) -> Floats:
        """:meth:`expected_support`, with certainty for the sides the scenario fixes."""
        return self.with_fixed_sides(self.expected_support(challenge))

    def with_fixed_sides(self, prob: Floats) -> Floats:
        """``prob`` (A,), with certainty for the sides the scenario fixes."""
        fixed = self.compiled.fixed_side
        return np.asarray(np.where(fixed > 0, 1.0, np.where(fixed < 0, 0.0, prob)))

    def expected_under(self, challenge: CompiledChallenge, shift: float) -> tuple[Floats, Floats]:
        """What the challengers expect of each actor (:meth:`expected`) and of each bloc
        (:meth:`expected_group_support`) when the known stances of actors outside the bodies
        move the expected balance by ``shift``. The base class: as without (a model that
        does not read outsiders)."""
        return self.expected(challenge), self.expected_group_support(challenge)

    @abstractmethod
    def refuses(self, situation: Situation, utility: Floats, draw: Floats) -> Bools:
        """Whether the target (per run) refuses a demand to resign; ``draw`` is logistic."""

    @abstractmethod
    def backs_force(self, situation: Situation, utility: Floats) -> Bools:
        """Whether each actor backs the use of force against the target (R, A)."""

    def group_backs_force(self, group_utility: Floats, restraint: float = 0.0) -> Bools:
        """Whether each share of each bloc (R, G, 3) backs the use of force, the threshold
        raised by the crowds' ``restraint`` (:func:`force_threshold`)."""
        return np.asarray(group_utility > force_threshold(self.p["force"], restraint))

    @abstractmethod
    def prefers_higher_body(self, situation: Situation, utility: Floats) -> Bools:
        """Whether each actor votes to let the higher body decide (receive, convene)."""

    def ballot_weights(self) -> BallotWeights:
        """The weights of a voter's affinity for a candidate; the base class: policy alone,
        a candidate's own candidacy and a bloc's lean, each of weight one."""
        return BallotWeights()

    def ballot_affinity(self, challenge: CompiledChallenge) -> tuple[Floats, Floats]:
        """(A, A) affinity of each actor for each actor as candidate, and (G, 3, A) of each
        share of each bloc (:func:`~politburo.engine.decisions.ballot_terms.candidate_affinity`)."""
        cache: dict[int, tuple[Floats, Floats]] = self.__dict__.setdefault("_ballot_cache", {})
        if challenge.index not in cache:
            cache[challenge.index] = candidate_affinity(
                self.compiled, challenge, self.ballot_weights()
            )
        return cache[challenge.index]

    def stands_again(
        self, challenge: CompiledChallenge, actor: int, odds: Floats, draw: Floats
    ) -> Bools:
        """Whether candidate ``actor`` stands in the next round of a ballot, given his
        expected ``odds`` against his strongest rival (R,) and a logistic ``draw``; the base
        class: while his odds are even or better."""
        return np.asarray(odds >= 0.5)

    def band(self) -> float:
        """Half-width of the band of utilities within which an actor takes no side."""
        return float(self.p["band"])

    def sides_of(self, utility: Floats) -> npt.NDArray[np.int8]:
        """+1 above the band, -1 below it, 0 within."""
        band = self.band()
        return np.subtract((utility > band).view(np.int8), (utility < -band).view(np.int8))

    def sanction_severity(self, conduct: Conduct) -> Floats:
        """Severity of the sanction a victor imposes for ``conduct`` (R, A)."""
        p = self.p
        return (
            p["sanction.leader"] * conduct.leader
            + p["sanction.accused"] * conduct.accused
            + p["sanction.holdout"] * conduct.holdout
            + p["sanction.time"] * conduct.time_on_losing_side
            - p["sanction.tie"] * conduct.tie_to_winner
            - p["sanction.standing"] * conduct.standing
            + p["sanction.defiance"] * conduct.defiance
        )

    def sanction_thresholds(self) -> Floats:
        """Severities at which the sanction rises to reprimand, demotion, removal from the
        arena, and removal from the arena and the higher body (made non-decreasing)."""
        p = self.p
        rungs = np.array(
            [
                p["sanction.reprimand"],
                p["sanction.demote"],
                p["sanction.remove"],
                p["sanction.expel"],
            ]
        )
        return np.maximum.accumulate(rungs)


_REGISTRY: dict[str, type[DecisionModel]] = {}


def register(cls: type[DecisionModel]) -> type[DecisionModel]:
    """Class decorator: make a decision model available under ``cls.name``."""
    if not cls.name:
        raise ValueError("a decision model needs a name")
    _REGISTRY[cls.name] = cls
    return cls


def registered_models() -> dict[str, type[DecisionModel]]:
    """Every registered decision model by name."""
    return dict(_REGISTRY)


def get_model(compiled: CompiledScenario) -> DecisionModel:
    """Instantiate the model the scenario names, with the scenario's parameters."""
    cls = _REGISTRY.get(compiled.model_name)
    if cls is None:
        known = ", ".join(sorted(_REGISTRY))
        raise PolitburoError(
            Problem(
                f"unknown decision model {compiled.model_name!r}; known: {known}",
                field="model.name",
            )
        )
    return cls(compiled, compiled.parameters)


def force_threshold(force: float, restraint: float) -> float:
    """The utility above which an actor backs force when the known crowds' net weight against
    it is ``restraint`` (:attr:`Situation.restraint`): ``force / (1 - restraint)``, so a crowd
    of weight 0.5 doubles it and one of weight 1 puts force beyond anyone's will; crowds
    backing the challengers lower it (to half, at a net weight of -1)."""
    if not restraint:
        return force
    if restraint >= 1.0:
        return float("inf")
    return force / (1.0 - restraint)


def sigmoid(x: Floats | float) -> Floats:
    """The logistic function."""
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))
