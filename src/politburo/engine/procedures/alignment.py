"""Alignment: the sides actors take, from what they perceive of the balance.

Each step the decision model turns the situation (sides, presence, and the balance each actor
perceives of the body that will decide, :mod:`~politburo.engine.perception.balance`) into
utilities and sides; every change of side is logged with its terms.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from politburo.arrays import Bools as B
from politburo.arrays import Floats as F
from politburo.arrays import Ints
from politburo.engine.codes import Phase
from politburo.engine.decisions import Decisions, Situation
from politburo.engine.facts import person_facts
from politburo.engine.kernel import Simulation
from politburo.engine.numerics.reduce import column_any
from politburo.engine.perception.balance import Balance, balance
from politburo.engine.procedures.demotion import public_sides
from politburo.engine.state import Fight

__all__ = ["Balance", "balance", "declare", "situation", "update_sides"]


def situation(
    sim: Simulation, fight: Fight, bal: Balance | None = None, *, expectation: bool = True
) -> Situation:
    """The inputs of the decision model at this step; without ``expectation``, the expected
    balance (a second perception of the higher body) is left out."""
    c, ch = sim.compiled, fight.challenge
    bal = bal or balance(sim, fight)
    decisive = bal.decisive_higher
    arena = bal.arena
    width = c.n_actors
    expected = None
    if expectation:
        expected = _higher_where(decisive, lambda: bal.expected, arena, width)
    perceived = _higher_where(decisive, lambda: bal.higher, arena, width)
    in_plenum = fight.phase == Phase.PLENUM
    urgency = np.where(
        in_plenum, np.minimum(fight.speeches / np.maximum(fight.speeches_due, 1), 1.0), 0.0
    )
    verdict = in_plenum & (fight.speeches >= fight.speeches_due) & (fight.speeches_due > 0)
    body = ch.higher if ch.higher >= 0 else ch.arena
    return Situation(
        compiled=c,
        challenge=ch,
        side=fight.side,
        group_side=fight.group_side,
        perceived=perceived,
        group_perceived=bal.groups,
        urgency=urgency,
        public=fight.public,
        present=_present(sim, ch.arena),
        taste=sim.taste(fight),
        group_taste=sim.group_taste(fight),
        threshold=float(c.body_threshold[body]),
        accused=fight.accused,
        verdict=verdict,
        expected=expected,
        outside=ch.outside.shift_on(sim.day),
        restraint=ch.outside.restraint_on(sim.day),
    )


def _higher_where(decisive: B, higher: Callable[[], F], arena: F, width: int) -> F:
    """(R, A) ``higher()`` where the higher body decides, else the arena's balance (R,) (the
    very array ``higher()`` when the higher body decides in every run)."""
    if decisive.all():
        return higher()
    if not decisive.any():
        return np.repeat(arena[:, None], width, axis=1)
    return np.where(decisive[:, None], higher(), arena[:, None])


def _present(sim: Simulation, body: int) -> B:
    """(R, A) who is at the seat of ``body`` and free (cached for the world's arrays)."""
    w = sim.world
    cached = sim.cache.get(("free", body))
    if cached is not None and cached[0] is w.loc and cached[1] is w.detained:
        found: B = cached[2]
        return found
    present: B = (w.loc == sim.compiled.body_seat[body]) & ~w.detained
    present.flags.writeable = False
    sim.cache[("free", body)] = (w.loc, w.detained, present)
    return present


SPARSE = 0.25
"""Below this share of the runs reconsidering, the decision model is asked about them alone."""


def _choose(sim: Simulation, sit: Situation, runs: B) -> Decisions:
    """The model's decisions, taken only in the runs of ``runs`` when they are few (the other
    rows are zeros)."""
    count, total = int(np.count_nonzero(runs)), len(runs)
    if count == 0 or count > SPARSE * total:
        return sim.model.choose(sit)
    rows = np.flatnonzero(runs)
    if count == 1:  # never one row alone: a product of one row may be summed in another order
        rows = np.array(sorted({int(rows[0]), 0 if rows[0] else 1}))
    return sim.model.choose(sit.take(rows)).spread(rows, total)


def _keep_rows(new: npt.NDArray[Any], old: npt.NDArray[Any], rows: Ints) -> npt.NDArray[Any]:
    """``new`` with the rows ``rows`` of ``old`` (``np.where`` by rows, for few rows)."""
    if not len(rows):
        return new
    out = new.copy(order="K")
    out[rows] = old[rows]
    return out


def update_sides(sim: Simulation, fight: Fight, runs: B) -> Decisions:
    """Let every actor and bloc reconsider in the runs of ``runs``; log the switches."""
    sit = situation(sim, fight, expectation="decide" in sim.model.EXPECTATION_IN)
    dec = _choose(sim, sit, runs)
    old = fight.side
    kept = np.flatnonzero(~runs)  # the runs that do not reconsider keep what they had
    new = _keep_rows(dec.side, old, kept).astype(np.int8, copy=False)
    new = public_sides(fight, new)
    fight.utility = _keep_rows(dec.utility, fight.utility, kept)
    group_side = _keep_rows(dec.group_side, fight.group_side, kept).astype(np.int8, copy=False)
    fight.group_utility = _keep_rows(dec.group_utility, fight.group_utility, kept)
    # Unchanged sides keep their arrays, and what was computed from them stays valid.
    if not np.array_equal(group_side, fight.group_side):
        fight.group_side = group_side
    if np.array_equal(new, old):
        return dec
    fight.side = new
    declared = fight.declared
    changed = declared & (new != old)
    if changed.any():
        _log_switches(sim, fight, old, new, changed, dec, sit)
    return dec


def declare(sim: Simulation, fight: Fight, who: B, dec: Decisions) -> None:
    """Actors in ``who`` (R, A) take a side in public for the first time."""
    first = who & ~fight.declared
    if not first.any():
        return
    fight.declared = fight.declared | first
    day = sim.day
    fight.joined = np.where(first & (fight.side > 0), np.int16(day), fight.joined)
    for a in np.flatnonzero(column_any(first)).tolist():
        runs = first[:, a]
        sim.log.add(
            "side",
            runs,
            day,
            sim.session,
            actor=a,
            side=fight.side[runs, a].astype(np.int64),
            detail=_reason(sim, fight, a, dec, None),
        )


def _reason(sim: Simulation, fight: Fight, a: int, dec: Decisions, sit: Situation | None):  # type: ignore[no-untyped-def]
    c = sim.compiled

    def detail(run: int) -> dict[str, object]:
        terms = {k: round(float(v[run, a]), 3) for k, v in dec.terms.items()}
        active = [k for k, v in terms.items() if abs(v) >= 0.05]
        out: dict[str, object] = {
            "utility": round(float(dec.utility[run, a]), 3),
            "terms": terms,
            "facts": person_facts(c, a, active),
        }
        if sit is not None:
            out["perceived"] = round(float(sit.perceived[run, a]), 3)
        return out

    return detail


def _log_switches(
    sim: Simulation,
    fight: Fight,
    old: npt.NDArray[np.int8],
    new: npt.NDArray[np.int8],
    changed: B,
    dec: Decisions,
    sit: Situation,
) -> None:
    day = sim.day
    # Every actor's switches at once (an actor's record depends only on his own column).
    recant = changed & (old > 0) & (new <= 0) & fight.accused & (fight.recanted < 0)
    desert = changed & (new < 0) & (fight.joined >= 0) & ~fight.accused & (fight.deserted < 0)
    desert &= ~recant
    waver = changed & (old > 0) & (new == 0) & ~recant
    defect = changed & (new > 0) & (old <= 0)
    first_join = defect & (fight.joined < 0)
    when = np.int16(day)
    fight.recanted = np.where(recant, when, fight.recanted)
    fight.deserted = np.where(desert, when, fight.deserted)
    fight.joined = np.where(first_join, when, fight.joined)
    defected = defect & (fight.defected < 0) & ~first_join
    fight.defected = np.where(defected, when, fight.defected)
    kinds = {
        "recant": recant,
        "desert": desert,
        "waver": waver,
        "defect": defect,
        "side": changed & ~(recant | desert | waver | defect),
    }
    happened = {kind: column_any(mask) for kind, mask in kinds.items()}
    for a in np.flatnonzero(column_any(changed)).tolist():
        o, n = old[:, a], new[:, a]
        for kind, mask in kinds.items():
            if happened[kind][a]:
                runs = mask[:, a]
                sim.log.add(
                    kind,
                    runs,
                    day,
                    sim.session,
                    actor=a,
                    side=n[runs].astype(np.int64),
                    previous=o[runs].astype(np.int64),
                    detail=_reason(sim, fight, a, dec, sit),
                )


def speak_for(sim: Simulation, fight: Fight, present: B, voting: B, body: int) -> None:
    """Members present without a vote who have taken a side speak for it (once each)."""
    c = sim.compiled
    speakers = present & ~voting & (fight.side != 0) & ~fight.spoke
    speakers[:, fight.challenge.target] = False
    if not speakers.any():
        return
    fight.spoke |= speakers
    fight.public = fight.public + speakers
    for a in np.flatnonzero(column_any(speakers)).tolist():
        sel = speakers[:, a]

        def detail(run: int, a: int = a) -> dict[str, object]:
            return {
                "facts": [
                    *person_facts(c, a, ["policy", "ties"]),
                    f"bodies/{c.body_ids[body]}/ranks",
                ]
            }

        sim.log.add(
            "speak-for",
            sel,
            sim.day,
            sim.session,
            actor=a,
            body=body,
            side=fight.side[sel, a].astype(np.int64),
            detail=detail,
        )
