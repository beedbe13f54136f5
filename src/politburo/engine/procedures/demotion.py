"""Demotion rather than expulsion: a defeated target graded by his conduct, landing in a post.

Used only by a challenge that names ``landing_posts`` (even none); otherwise the target is
graded as before, a ringleader who never recants. In such a challenge:

* A target who gives in (complies with the demand to resign) accepts the verdict in public:
  from then on he stands, and votes, with the challengers, though his own stake (his utility,
  pinned at -10) is against it. His public act is at odds with his private preference, as in
  preference falsification ([Kuran1995]): the meeting that accepts his resignation can be
  unanimous, his own vote included.
* His sanction follows his conduct like everyone else's: he led his side only if he fought
  (refused), he holds out only if he still stands against the verdict, and the time he spent
  on the losing side counts up to his giving in.
* If the sanction leaves him a seat in the arena (below removal), the winners move him to the
  first of the landing posts not held by anyone in that run (else the first), and he keeps his
  seats. A target who gives in and whose removal no higher body goes on to judge lands at once.

References
----------
.. [Kuran1995] Kuran (1995), "Private Truths, Public Lies: The Social Consequences of
   Preference Falsification".
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from politburo.arrays import Bools as B
from politburo.arrays import Ints
from politburo.engine.codes import SanctionLevel
from politburo.engine.kernel import Simulation
from politburo.engine.procedures.resources import give_office, log_office
from politburo.engine.state import Fight

__all__ = ["give_in", "land", "landing_level", "public_sides", "target_led"]


def give_in(sim: Simulation, fight: Fight, runs: B) -> None:
    """In the runs ``runs`` the target, who has just complied, accepts the verdict in public."""
    ch = fight.challenge
    if not ch.graded_target or not runs.any():
        return
    t = ch.target
    side = fight.side.copy()
    side[:, t] = np.where(runs, 1, side[:, t])
    fight.side = side
    public = fight.public.copy()
    public[:, t] += runs.astype(public.dtype)
    fight.public = public
    sim.log.add(
        "accept",
        runs,
        sim.day,
        sim.session,
        actor=t,
        body=ch.arena,
        detail=lambda run: {
            "private_utility": round(float(fight.utility[run, t]), 3),
            "facts": [f"challenges/{ch.id}/landing_posts"],
        },
    )


def public_sides(fight: Fight, side: npt.NDArray[np.int8]) -> npt.NDArray[np.int8]:
    """``side`` with the public side of a target who gave in or confessed (that of the
    challengers)."""
    ch = fight.challenge
    if not ch.graded_target:
        return side
    t = ch.target
    gave_in = fight.complied | (fight.recanted[:, t] >= 0)
    if not gave_in.any() or np.array_equal(side[:, t] > 0, gave_in | (side[:, t] > 0)):
        return side
    out = side.copy()
    out[:, t] = np.where(gave_in, 1, out[:, t])
    return out


def target_led(fight: Fight, major: Ints, rows: Ints | None = None) -> npt.NDArray[np.float64]:
    """(R,) 1 where the target led the losing side (in the runs ``rows`` if given): always,
    unless the challenge grades him by his conduct; then only where he fought (refused)."""
    lost = (major > 0).astype(np.float64)
    if not fight.challenge.graded_target:
        return lost
    refused = fight.refused if rows is None else fight.refused[rows]
    return lost * refused


def landing_level() -> int:
    """The mildest sanction that takes the target's seat in the arena: below it he lands."""
    return SanctionLevel.REMOVE


def land(sim: Simulation, fight: Fight, runs: B) -> None:
    """Move the target, in the runs ``runs`` where he no longer holds the office fought over,
    to the first landing post nobody holds (else the first); he keeps his seats."""
    ch, w = fight.challenge, sim.world
    if not ch.graded_target or not ch.landing_posts:
        return
    t = ch.target
    posts = np.array(ch.landing_posts, dtype=np.int64)
    landed = w.holds[posts, :, t].any(axis=0)
    runs = runs & ~w.holds[ch.office, :, t] & ~landed
    if not runs.any():
        return
    vacant = w.holder[:, posts] < 0  # (R, P)
    pick = np.where(vacant.any(axis=1), np.argmax(vacant, axis=1), 0)
    for k, office in enumerate(posts.tolist()):
        sel = runs & (pick == k)
        if not sel.any():
            continue
        give_office(sim, sel, t, office)
        facts = [f"challenges/{ch.id}/landing_posts/{k}"]
        body = ch.higher if ch.higher >= 0 else ch.arena
        log_office(sim, "appointed", sel, t, body, office, facts)
        sim.log.add(
            "land",
            sel,
            sim.day,
            sim.session,
            actor=t,
            subject=office,
            body=ch.arena,
            detail=_facts_detail(facts),
        )


def _facts_detail(facts: list[str]) -> Callable[[int], dict[str, object]]:
    """A traced event's detail naming only ``facts``."""

    def detail(run: int) -> dict[str, object]:
        return {"facts": facts}

    return detail
