"""Validation on crises held out: leave one crisis out, fit on the others, predict its outcome.

The corpus is every bundled scenario and every crisis of ``scenario/corpus`` (written with
inputs known before the crisis, never fed to the engine's committed calibration). For each
crisis in turn, the decision model's fitted parameters are calibrated on the *other* crises
(the seeded search of :mod:`politburo.analysis.fidelity.calibrate`, from the priors), and the
crisis is then run with them: the share of runs in which the target has lost his office on the
date the record gives is the held-out probability of the **main outcome** (removed or kept).
The search is restarted from several seeds and the prediction is the mean over the restarts:
one seed's fit is one local optimum of a rugged score, and the crises held out can fall on
either side of it.

Two baselines predict the same outcome: the **base rate** (the share of the other crises in
which the target was removed) and the **arena-majority rule** (the challengers win if they
expect a majority of the arena's voting members present on their best day; probability 0.9,
else 0.1). Beside them: the model on its documented priors (fitted to nothing), the model
with the engine's committed calibration (fitted on the bundled crises, so in-sample for them)
and, if asked, the **ensemble**: the mean over the fits that leave the crisis and one other out
(parameter uncertainty, the crisis itself never fitted). The held-out fit is also run on the
crisis **outcome-blind** (its judgments read from the course or outcome neutralised). Each is
scored by accuracy
(probability above one half), Brier score and log loss (probabilities clipped to [0.01, 0.99]).

References
----------
.. [Brier1950] Brier (1950), "Verification of Forecasts Expressed in Terms of Probability".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from politburo.analysis.fidelity import evaluate
from politburo.analysis.fidelity.calibrate import Settings, calibrate, candidate_model
from politburo.analysis.fidelity.calibrate import fitted as fitted_parameters
from politburo.engine import compile_scenario, simulate
from politburo.engine.kernel import Simulation
from politburo.engine.parameters import HeldOutCalibrations
from politburo.engine.procedures import INSTITUTIONAL_SCRIPT
from politburo.engine.procedures.strike import expected_shares
from politburo.errors import PolitburoError, Problem
from politburo.scenario import load_scenario
from politburo.scenario.basis import outcome_blind
from politburo.scenario.bundled import BUNDLED_DIR, bundled_names
from politburo.scenario.schema import OfficeTarget, ScenarioModel
from politburo.scenario.spread import drawn_model

__all__ = [
    "CORPUS_DIR",
    "Fold",
    "MainOutcome",
    "Validation",
    "arena_majority_rule",
    "corpus",
    "corpus_blind",
    "cross_predictions",
    "cross_table",
    "leave_one_out",
    "main_outcome",
    "removal_share",
]

CORPUS_DIR = BUNDLED_DIR.parent / "corpus"
"""The crises held out of the engine's calibration."""

MODEL = "default"
"""The decision model validated (the one the bundled scenarios name)."""

HEADINGS = {
    "model": "model (held out)",
    "drawn": "model (held out, judgments drawn)",
    "blind": "model (held out, outcome-blind)",
    "ensemble": "model (held out, ensemble)",
    "at_priors": "model at the priors",
    "base_rate": "base rate",
    "majority_rule": "arena majority",
    "majority_drawn": "arena majority (judgments drawn)",
    "as_committed": "as committed",
}

CLIP = 0.01
"""Probabilities are clipped to [CLIP, 1 - CLIP] before the log loss."""


def _folders() -> list[Path]:
    folders = [BUNDLED_DIR / name for name in bundled_names()]
    return folders + sorted(p for p in CORPUS_DIR.iterdir() if (p / "scenario.yaml").is_file())


def corpus() -> dict[str, ScenarioModel]:
    """Every bundled scenario and every crisis of the corpus, by id."""
    models = [load_scenario(f).model for f in _folders()]
    return {m.id: m for m in models}


def corpus_blind() -> dict[str, ScenarioModel]:
    """:func:`corpus`, outcome-blind: every judgment read from a crisis's course or outcome
    set to its documented neutral value."""
    models = [outcome_blind(load_scenario(f)).scenario.model for f in _folders()]
    return {m.id: m for m in models}


@dataclass(frozen=True)
class MainOutcome:
    """Whether the target of a crisis's first challenge held its office on ``date``."""

    actor: str
    office: str
    date: dt.date
    removed: bool

    def target(self) -> OfficeTarget:
        """The record target this outcome is checked as (the target does not hold it)."""
        return OfficeTarget.model_construct(
            kind="office",
            id="main-outcome",
            description="the target no longer holds the office",
            date=self.date,
            actor=self.actor,
            office=self.office,
            held=False,
            cite=[],
        )


def main_outcome(model: ScenarioModel) -> MainOutcome | None:
    """The main outcome of ``model``'s record: the last office target about the first
    challenge's target and office; ``None`` if the record has none."""
    if not model.challenges:
        return None
    ch = model.challenges[0]
    found = [
        t
        for t in model.record
        if isinstance(t, OfficeTarget) and (t.actor, t.office) == (ch.target, ch.office)
    ]
    if not found:
        return None
    last = max(found, key=lambda t: t.date)
    return MainOutcome(ch.target, ch.office, last.date, removed=not last.held)


def removal_share(
    model: ScenarioModel, values: dict[str, float] | None, runs: int, seed: int
) -> float:
    """Share of runs in which the target has lost his office on the outcome's date, run with
    ``values`` for the fitted parameters (``None``: as the scenario is written)."""
    outcome = main_outcome(model)
    if outcome is None:
        raise ValueError(f"{model.id}: the record has no office target for the main outcome")
    trial = model if values is None else candidate_model(model, values)
    batch = simulate(compile_scenario(trial), seed=seed, runs=runs)
    return float(evaluate(batch, outcome.target()).mean())


def arena_majority_rule(model: ScenarioModel) -> float:
    """0.9 if the challengers expect a majority of the arena's voting members present on
    their best day (the scenario as written), else 0.1."""
    compiled = compile_scenario(model)
    sim = Simulation.create(compiled, 0, np.zeros(1, dtype=np.int64), False, INSTITUTIONAL_SCRIPT)
    fight = sim.fights[0]
    shares = expected_shares(sim, fight)
    best = max(shares.values(), default=0.0)
    return 0.9 if best > compiled.body_threshold[fight.challenge.arena] else 0.1


@dataclass(frozen=True)
class Fold:
    """One crisis held out: its outcome and each method's probability that it was removed."""

    crisis: str
    removed: bool
    model: float
    """Held-out: the model calibrated on the other crises (the mean over the searches)."""
    base_rate: float
    majority_rule: float
    as_committed: float
    """In-sample: the scenario as written, with the engine's committed calibration."""
    fits: list[dict[str, float]] = field(default_factory=list)
    """The values each restart of the search fitted on the other crises."""
    searches: list[float] = field(default_factory=list)
    """The held-out prediction of each restart's fit (``model`` is their mean)."""
    blind: float | None = None
    """Held out, on the crisis outcome-blind (fitted on the others as written)."""
    at_priors: float | None = None
    """The model on its documented priors, fitted to nothing."""
    ensemble: float | None = None
    """Held out, with parameter uncertainty: the mean over the fits that leave out this
    crisis and one other (each of them blind to this crisis)."""
    drawn: float | None = None
    """Held out, with judgment uncertainty: ``model`` over draws of the crisis's judgments
    around the values written (the spread of independent raters)."""
    majority_drawn: float | None = None
    """The arena-majority rule over the same draws of the judgments."""
    by_every_fit: bool = False
    """Predicted by every committed fit: a crisis added after they were made, none saw it."""


@dataclass(frozen=True)
class Validation:
    """The folds of a leave-one-crisis-out validation and the settings it was run with."""

    folds: list[Fold]
    iterations: int
    runs: int
    seed: int
    shrink: float = 0.0
    prune: bool = True
    restarts: int = 1
    draws: int = 0
    spread_scale: float = 1.0
    from_committed: bool = False
    """Whether the fits are the committed ones (``validate --committed``), not searched."""

    METHODS = (
        "model",
        "drawn",
        "blind",
        "ensemble",
        "at_priors",
        "base_rate",
        "majority_rule",
        "majority_drawn",
        "as_committed",
    )

    def methods(self) -> list[str]:
        """The methods every fold has a probability of."""
        return [m for m in self.METHODS if all(getattr(f, m) is not None for f in self.folds)]

    def scores(self, folds: list[Fold] | None = None) -> dict[str, dict[str, float]]:
        """Accuracy, Brier score and log loss of each method over ``folds`` (default: all)."""
        folds = self.folds if folds is None else folds
        out = {}
        for method in self.methods():
            p = np.array([getattr(f, method) for f in folds])
            y = np.array([f.removed for f in folds], dtype=float)
            clipped = np.clip(p, CLIP, 1 - CLIP)
            out[method] = {
                "accuracy": float(np.mean((p > 0.5) == (y > 0.5))),
                "brier": float(np.mean((p - y) ** 2)),
                "log_loss": float(-np.mean(y * np.log(clipped) + (1 - y) * np.log(1 - clipped))),
            }
        return out

    def spread(self) -> dict[str, tuple[float, float, float]]:
        """Each fitted parameter's minimum, median and maximum over the folds' fits."""
        every = [values for f in self.folds for values in f.fits]
        names = sorted({k for values in every for k in values})
        return {
            n: (
                float(np.min(v := [values[n] for values in every if n in values])),
                float(np.median(v)),
                float(np.max(v)),
            )
            for n in names
        }

    def held_out(self) -> HeldOutCalibrations:
        """The values fitted in each fold, as the engine keeps them (``validate --write``)."""
        return HeldOutCalibrations(
            model=MODEL,
            command=(
                f"politburo validate --iterations {self.iterations} --runs {self.runs} "
                f"--seed {self.seed} --restarts {self.restarts}"
                f"{f' --shrink {self.shrink:g}' if self.shrink else ''}"
                f"{'' if self.prune else ' --no-prune'} --write"
            ),
            seed=self.seed,
            iterations=self.iterations,
            runs=self.runs,
            folds={f.crisis: [dict(v) for v in f.fits] for f in self.folds},
            restarts=self.restarts,
        )

    def table(self) -> str:
        """The held-out table as Markdown."""
        methods = self.methods()
        heads = [HEADINGS[m] for m in methods]
        each = self.restarts > 1
        if each:
            heads.insert(1, "each search")
        lines = [
            "| crisis | outcome | " + " | ".join(heads) + " |",
            "| --- | --- |" + " --- |" * len(heads),
        ]
        for f in self.folds:
            outcome = "removed" if f.removed else "kept"
            cells = [f"{getattr(f, m):.2f}" for m in methods]
            if each:
                cells.insert(1, " / ".join(f"{x:.2f}" for x in f.searches))
            name = f"{f.crisis} (every fit)" if f.by_every_fit else f.crisis
            lines.append(f"| {name} | {outcome} | " + " | ".join(cells) + " |")
        groups = [("every crisis", self.folds)]
        unseen = [f for f in self.folds if f.by_every_fit]
        if unseen:
            groups += [
                ("the crises each fold left out", [f for f in self.folds if not f.by_every_fit]),
                ("the crises no fit saw (predicted by every fit)", unseen),
            ]
        for title, folds in groups:
            heading = f"method: {title}, {len(folds)}" if len(groups) > 1 else "method"
            lines += [
                "",
                f"| {heading} | accuracy | Brier | log loss |",
                "| --- | --- | --- | --- |",
            ]
            for method, score in self.scores(folds).items():
                lines.append(
                    f"| {HEADINGS[method]} | {score['accuracy']:.2f} | {score['brier']:.3f} | "
                    f"{score['log_loss']:.3f} |"
                )
        return "\n".join(lines)


def leave_one_out(
    models: dict[str, ScenarioModel],
    *,
    iterations: int,
    runs: int,
    seed: int = 0,
    restarts: int = 1,
    shrink: float = 0.0,
    prune: bool = True,
    ensemble: bool = False,
    blind: dict[str, ScenarioModel] | None = None,
    draws: int = 0,
    spread_scale: float = 1.0,
    committed_fits: dict[str, list[dict[str, float]]] | None = None,
    workers: int = 1,
    progress: Callable[[str], None] | None = None,
) -> Validation:
    """Hold each crisis of ``models`` out in turn, calibrate on the others, predict it.

    Each calibration is made ``restarts`` times, search ``k`` seeded ``seed + k`` (its
    candidates and the runs that score them); every prediction is the mean over the restarts'
    fits, each run with ``seed``. With ``ensemble``, each crisis is also predicted by the
    mean over the calibrations that leave it and one other crisis out (a jackknife of the
    held-out fit: parameter uncertainty, as ``whatif --parameter-uncertainty`` draws it,
    without the crisis itself ever entering); each pair's fits are made once and serve both
    crises. ``blind`` gives the crises outcome-blind (:func:`corpus_blind`): each is also
    predicted so with its fold's fits. With ``draws``, each crisis is also predicted, by its
    fold's fits and by the arena-majority rule, over that many draws of its judgments (judgment
    uncertainty), each judgment's spread times ``spread_scale``.

    ``committed_fits`` gives each fold's fits by the crisis left out (the engine keeps them,
    :func:`~politburo.engine.parameters.load_held_out`): nothing is searched, and
    ``iterations``, ``restarts``, ``shrink`` and ``prune`` only label the result. A crisis no
    committed fold left out (one added since they were fitted) is predicted by every committed
    fit, none of which saw it.

    Raises
    ------
    PolitburoError
        For ``committed_fits`` with ``ensemble`` (the fits leaving out two are not kept).
    """
    if committed_fits is not None and ensemble:
        raise PolitburoError(
            Problem("the committed fits hold no fits leaving out two crises", field="ensemble")
        )
    outcomes = {name: main_outcome(m) for name, m in models.items()}
    usable = {name: m for name, m in models.items() if outcomes[name] is not None}
    fits: dict[frozenset[str], list[dict[str, float]]] = {}

    def fits_without(*left_out: str) -> list[dict[str, float]]:
        key = frozenset(left_out)
        if committed_fits is not None:
            (crisis,) = left_out
            unseen = [v for fits in committed_fits.values() for v in fits]
            return committed_fits.get(crisis, unseen)
        if key not in fits:
            others = {k: v for k, v in usable.items() if k not in key}
            fits[key] = [
                calibrate(
                    others,
                    Settings(
                        tuple(others),
                        iterations,
                        runs,
                        seed + k,
                        model=MODEL,
                        shrink=shrink,
                        prune=prune,
                    ),
                    workers=workers,
                ).values
                for k in range(restarts)
            ]
        return fits[key]

    def mean_share(models: list[ScenarioModel], values: list[dict[str, float]]) -> float:
        return float(np.mean([removal_share(m, v, runs, seed) for v in values for m in models]))

    priors = {name: spec[0] for name, spec in fitted_parameters(MODEL).items()}
    folds = []
    for name, model in usable.items():
        fitted = fits_without(name)
        removed_elsewhere = [o.removed for k, o in outcomes.items() if k != name and o]
        outcome = outcomes[name]
        assert outcome is not None
        jackknife = None
        if ensemble:
            shares = [
                mean_share([model], fits_without(name, other)) for other in usable if other != name
            ]
            jackknife = float(np.mean(shares))
        searches = [removal_share(model, values, runs, seed) for values in fitted]
        drawn = [drawn_model(model, seed, k, spread_scale) for k in range(draws)]
        fold = Fold(
            crisis=name,
            removed=outcome.removed,
            model=float(np.mean(searches)),
            base_rate=sum(removed_elsewhere) / len(removed_elsewhere),
            majority_rule=arena_majority_rule(model),
            as_committed=removal_share(model, None, runs, seed),
            fits=fitted,
            searches=searches,
            at_priors=removal_share(model, priors, runs, seed),
            blind=None if blind is None else mean_share([blind[name]], fitted),
            ensemble=jackknife,
            drawn=mean_share(drawn, fitted) if drawn else None,
            majority_drawn=float(np.mean([arena_majority_rule(m) for m in drawn]))
            if drawn
            else None,
            by_every_fit=committed_fits is not None and name not in committed_fits,
        )
        folds.append(fold)
        if progress is not None:
            each = "" if restarts == 1 else " (" + " ".join(f"{x:.2f}" for x in searches) + ")"
            told = "" if jackknife is None else f" ensemble={jackknife:.2f}"
            told += "" if fold.drawn is None else f" judgments drawn={fold.drawn:.2f}"
            progress(f"{name}: removed={fold.removed} model={fold.model:.2f}{each}{told}")
    return Validation(
        folds,
        iterations,
        runs,
        seed,
        shrink,
        prune,
        restarts,
        draws,
        spread_scale,
        committed_fits is not None,
    )


def cross_predictions(
    models: dict[str, ScenarioModel],
    folds: dict[str, list[dict[str, float]]],
    runs: int,
    seed: int,
) -> dict[str, dict[str, float]]:
    """Each crisis's removal share under each fold's fits, the mean over the fold's restarts
    (crisis -> fold -> share): the diagonal is the held-out prediction, the rest shows which
    crises a fit meets only when they were in its training set."""
    return {
        name: {
            fold: float(np.mean([removal_share(model, v, runs, seed) for v in fits]))
            for fold, fits in folds.items()
        }
        for name, model in models.items()
        if main_outcome(model) is not None
    }


def cross_table(shares: dict[str, dict[str, float]]) -> str:
    """:func:`cross_predictions` as Markdown, the held-out predictions in bold."""
    folds = list(next(iter(shares.values()), {}))
    lines = [
        "| crisis \\ fit without | " + " | ".join(folds) + " |",
        "| --- |" + " --- |" * len(folds),
    ]
    for name, row in shares.items():
        cells = [f"**{row[f]:.2f}**" if f == name else f"{row[f]:.2f}" for f in folds]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
