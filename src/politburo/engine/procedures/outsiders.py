"""Actors outside the bodies: each day, the stances made known that day are told.

What a known stance does is read by the decision model from the challenge's compiled days
(:class:`~politburo.engine.compile_outsiders.OutsideDays`, through
:attr:`~politburo.engine.decisions.Situation.outside` and ``restraint``) and by the
challengers' timing (:func:`~politburo.engine.procedures.strike.expected_shares`); this step
only records, on its day, that the stance became known (``outsider-known``).

References
----------
.. [Svolik2012] Svolik (2012), "The Politics of Authoritarian Rule" (a victory within the
   ruling coalition holds only if it can be enforced).
.. [Tilly1978] Tilly (1978), "From Mobilization to Revolution" (repression costs more the
   larger the mobilized group).
.. [DeNardo1985] DeNardo (1985), "Power in Numbers: The Political Strategy of Protest and
   Rebellion" (the regime's willingness to repress falls as protest grows).
"""

from __future__ import annotations

from typing import Any

from politburo.engine.compile_outsiders import Announcement
from politburo.engine.kernel import Simulation

__all__ = ["announce"]


def announce(sim: Simulation) -> None:
    """Log every stance of an outsider made known today, once for each challenge it concerns."""
    c = sim.compiled
    for a in c.announcements:
        if a.day != sim.day:
            continue
        for k in a.challenges:
            ch = c.challenges[k]
            sim.log.add(
                "outsider-known",
                sim.all_runs(),
                sim.day,
                0,
                body=ch.arena,
                subject=a.place,
                side=a.side,
                detail=_detail(sim, a, ch.id),
            )


def _detail(sim: Simulation, a: Announcement, challenge: str) -> Any:
    """The trace's detail of announcement ``a``: who, of what kind, and the fact behind it."""
    ident, name, kind = sim.compiled.outsiders[a.outsider]
    facts = [f"outsiders/{ident}/stances/{a.stance}"]

    def detail(run: int) -> dict[str, Any]:
        return {"outsider": name, "outsider_kind": kind, "challenge": challenge, "facts": facts}

    return detail
