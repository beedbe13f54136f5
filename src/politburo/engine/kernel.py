"""The kernel: one simulation instance holding all state, and the clock that drives it.

Time advances in days, each split into ``sessions`` (two by default: morning and evening).
The kernel knows no institution: it is given a :class:`Script`, the steps to take once at the
start, on each day and in each session, and takes them in order. The institutional script of
the engine is :data:`politburo.engine.procedures.INSTITUTIONAL_SCRIPT`. There is no global
state: everything lives on the :class:`Simulation`.

References
----------
.. [SimPy] The SimPy discrete-event library: a small kernel, all state in one instance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from politburo.engine.compile import CompiledScenario
from politburo.engine.decisions import DecisionModel, get_model
from politburo.engine.log import EventLog
from politburo.engine.numerics.randomness import Tape, TapeLayout, draw_tape, logistic
from politburo.engine.state import Fight, World

__all__ = ["MAX_RESPONSES", "Script", "Simulation", "Step"]

MAX_RESPONSES = 8
"""Most demands to resign a target answers in one challenge (tape slots reserved)."""


def tape_layout(compiled: CompiledScenario) -> TapeLayout:
    """The tape every run draws: a fixed layout, so run r's draws never depend on the batch."""
    layout = TapeLayout()
    for ch in compiled.challenges:
        layout.reserve(f"taste.{ch.index}", compiled.n_actors)
        layout.reserve(f"group_taste.{ch.index}", compiled.n_groups * 3)
        layout.reserve(f"respond.{ch.index}", MAX_RESPONSES)
    layout.reserve("spare", 8)
    for ch in compiled.challenges:
        if ch.ballot is not None:
            layout.reserve(f"ballot.{ch.index}", compiled.n_actors * compiled.n_actors)
            layout.reserve(f"ballot_stand.{ch.index}", compiled.n_actors * MAX_RESPONSES)
    return layout


Step = Callable[["Simulation"], None]
"""One step of a script: it reads and changes the state of a simulation."""


@dataclass(frozen=True)
class Script:
    """The steps the kernel takes: once at the start, on each day, in each session."""

    start: tuple[Step, ...] = ()
    daily: tuple[Step, ...] = ()
    session: tuple[Step, ...] = ()


@dataclass
class Simulation:
    """All the state of a batch of runs, and the clock that advances it."""

    compiled: CompiledScenario
    model: DecisionModel
    tape: Tape
    world: World
    fights: list[Fight]
    log: EventLog
    script: Script
    day: int = 0
    session: int = 0
    cache: dict[object, Any] = field(default_factory=dict)
    """Results that depend only on the current state (see each user)."""

    @classmethod
    def create(
        cls,
        compiled: CompiledScenario,
        seed: int,
        run_ids: npt.NDArray[np.int64],
        trace: bool,
        script: Script,
        log: EventLog | None = None,
    ) -> Simulation:
        """A batch at the scenario's start: state from the data, tapes from the seed.

        ``script`` holds the steps the kernel takes; ``log`` is the event log to record into
        (by default a new one for these runs).
        """
        runs = len(run_ids)
        tape = draw_tape(tape_layout(compiled), seed, run_ids)
        if log is None:
            log = EventLog(runs, trace, n_actors=compiled.n_actors, n_groups=compiled.n_groups)
        return cls(
            compiled=compiled,
            model=get_model(compiled),
            tape=tape,
            world=World.start(compiled, runs),
            fights=[Fight.start(compiled, ch, runs) for ch in compiled.challenges],
            log=log,
            script=script,
        )

    @property
    def runs(self) -> int:
        """Number of runs in the batch."""
        return int(self.world.loc.shape[0])

    def all_runs(self) -> npt.NDArray[np.bool_]:
        """A mask selecting every run."""
        return np.ones(self.runs, dtype=bool)

    def taste(self, fight: Fight) -> npt.NDArray[np.float64]:
        """(R, A) each actor's idiosyncratic taste in this run (logistic)."""
        key = ("taste", fight.challenge.index)
        if key not in self.cache:
            self.cache[key] = logistic(self.tape.block(f"taste.{fight.challenge.index}"))
        result: npt.NDArray[np.float64] = self.cache[key]
        return result

    def group_taste(self, fight: Fight) -> npt.NDArray[np.float64]:
        """(R, G, 3) taste of each share of each bloc (logistic)."""
        key = ("group_taste", fight.challenge.index)
        if key not in self.cache:
            raw = self.tape.block(f"group_taste.{fight.challenge.index}")
            self.cache[key] = logistic(raw).reshape(self.runs, self.compiled.n_groups, 3)
        result: npt.NDArray[np.float64] = self.cache[key]
        return result

    def release(self) -> None:
        """Drop the cached results: some refer back to the simulation, and without them it is
        freed as soon as it is no longer used, not at the garbage collector's next pass."""
        self.cache.clear()

    def run(self) -> None:
        """Take the script's steps over every day and session of the scenario."""
        for step in self.script.start:
            step(self)
        for day in range(self.compiled.n_days):
            self.day, self.session = day, 0
            for step in self.script.daily:
                step(self)
            for session in range(self.compiled.sessions):
                self.session = session
                for step in self.script.session:
                    step(self)
