"""Whereabouts: itineraries, summons, and the transport that brings members in.

An actor is where his itinerary puts him unless he has been summoned: then he is in transit
(nowhere) until his arrival day and stays at the place he was summoned to. Blocs are counted:
summoned members set off by air while the summoning side's aircraft have seats left that day;
the rest wait for the next days' seats as long as flying would still be quicker than the
railway, and otherwise set off by ordinary means.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from politburo.arrays import Bools as B
from politburo.arrays import Ints
from politburo.engine.compile import FAR
from politburo.engine.facts import itinerary_fact, resource_facts, route_fact
from politburo.engine.kernel import Simulation
from politburo.engine.numerics.reduce import column_any
from politburo.engine.perception.attendance import group_present
from politburo.engine.procedures.resources import resources_of_kind

__all__ = [
    "UNLIMITED",
    "advance",
    "dispatch_groups",
    "share_seats",
    "summon",
    "summon_groups",
    "transport_capacity",
]

UNLIMITED = 1_000_000
"""Seats per day of a transport resource whose capacity the scenario leaves at 0."""


def advance(sim: Simulation, day: int) -> None:
    """Move every actor to where he is on ``day``; log arrivals and departures that matter."""
    c, w = sim.compiled, sim.world
    before = w.loc
    sched = c.actor_sched[:, day][None, :]
    summoned = w.heading >= 0
    arrived = summoned & (w.arrive <= day)
    transit = np.where(sched == w.heading, w.heading, -1)
    loc = np.where(summoned, np.where(arrived, w.heading, transit), sched)
    if np.array_equal(loc, before):
        return  # the same array: what was computed from it stays valid
    w.loc = loc
    if day == 0:
        return
    seats = np.unique(c.body_seat)
    for seat in seats.tolist():
        for kind, moved in (
            ("arrive", (w.loc == seat) & (before != seat)),
            ("depart", (w.loc != seat) & (before == seat)),
        ):
            for a in np.flatnonzero(column_any(moved)).tolist():
                runs = moved[:, a]

                def detail(run: int, a: int = a, kind: str = kind) -> dict[str, object]:
                    by_summons = bool(w.heading[run, a] >= 0)
                    facts = [] if by_summons and kind == "arrive" else itinerary_fact(c, a, day)
                    return {"facts": facts, "summoned": by_summons}

                sim.log.add(kind, runs, day, 0, actor=a, subject=seat, detail=detail)


def summon(
    sim: Simulation, who: B, place: int, by_air: B, *, alerter: npt.NDArray[np.int64] | int = -1
) -> None:
    """Send the actors in ``who`` (R, A) to ``place``; by air where ``by_air`` (R, A)."""
    c, w, day = sim.compiled, sim.world, sim.day
    go = who & (w.heading < 0) & (w.loc != place) & (w.loc >= 0) & ~w.detained
    if not go.any():
        return
    origin = np.where(w.loc >= 0, w.loc, 0)
    slow = c.travel_days[origin, place]
    fast = np.minimum(slow, c.air_days[origin, place])
    days = np.where(by_air, fast, slow)
    go &= days < FAR
    w.heading = np.where(go, place, w.heading).astype(np.int32)
    w.arrive = np.where(go, day + np.maximum(days, 0), w.arrive).astype(np.int32)
    for a in np.flatnonzero(column_any(go)).tolist():
        runs = go[:, a]

        def detail(run: int, a: int = a) -> dict[str, object]:
            frm = int(origin[run, a])
            return {
                "from": c.place_ids[frm],
                "to": c.place_ids[place],
                "facts": route_fact(c, frm, place) + itinerary_fact(c, a, day),
            }

        who_alerted = alerter if isinstance(alerter, int) else alerter[runs]
        sim.log.add(
            "summon",
            runs,
            day,
            sim.session,
            actor=who_alerted,
            subject=a,
            by_air=(by_air[runs, a] & (fast[runs, a] < slow[runs, a])).astype(np.int64),
            arrives_day=w.arrive[runs, a],
            detail=detail,
        )


def transport_capacity(sim: Simulation, holders_ok: B) -> tuple[Ints, list[int]]:
    """Seats per day (R,) of the transport commanded by actors in ``holders_ok`` (R, A)."""

    total = np.zeros(sim.runs, dtype=np.int64)
    used: list[int] = []
    for r, mask in resources_of_kind(sim, "transport"):
        ok = (mask & holders_ok).any(axis=1)
        cap = int(sim.compiled.resource_capacity[r]) or UNLIMITED
        total += np.where(ok, cap, 0)
        used.append(r)
    return total, used


def summon_groups(sim: Simulation, which: B) -> None:
    """Summon the members of the blocs in ``which`` (R, G) who are away from the seat."""
    w = sim.world
    new = which & ~w.g_summoned
    if not new.any():
        return
    away = sim.compiled.group_count[None, :] - group_present(sim, sim.day)
    w.g_pending = np.where(new, away, w.g_pending).astype(np.int32)
    w.g_summoned |= new


def share_seats(seats: Ints, pending: Ints) -> Ints:
    """Share ``seats`` (R,) among the blocs' ``pending`` members (R, G) in proportion to their
    numbers, by largest remainders: the same bloc gets the same seats wherever it is listed.

    Only remainders exactly equal are ranked by the blocs' positions, and blocs whose pending
    numbers are equal get equal shares apart from that one seat.

    >>> share_seats(np.array([5, 10]), np.array([[6, 3], [6, 3]])).tolist()
    [[3, 2], [6, 3]]
    """
    total = pending.sum(axis=1)
    quota = np.divide(
        seats[:, None] * pending,
        total[:, None],
        out=np.zeros(pending.shape),
        where=total[:, None] > 0,
    )
    quota = np.minimum(quota, pending)
    base = np.floor(quota).astype(np.int64)
    left = np.minimum(seats, total) - base.sum(axis=1)
    remainder = quota - base
    # Rank each bloc's remainder (largest first; equal ones by position, a stable sort).
    order = np.argsort(-remainder, axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(pending.shape[1])[None, :], axis=1)
    extra = (rank < left[:, None]) & (base < pending)
    return np.asarray(base + extra, dtype=np.int64)


def dispatch_groups(sim: Simulation, air_seats: Ints, resources: list[int]) -> None:
    """Set summoned bloc members off: by air up to ``air_seats`` (R,) today, shared among the
    blocs in proportion to their members waiting (:func:`share_seats`), else by land.

    Members without a seat today wait for the next days' seats while the aircraft would still
    bring them before the railway: a bloc may keep waiting the share of the next
    ``air_seats * (slow - fast - 1)`` seats that its members are of all those left."""
    c, w, day = sim.compiled, sim.world, sim.day
    pending = w.g_pending.astype(np.int64)
    if not pending.any():
        return
    n = c.n_groups
    seat = c.body_seat[c.group_body]
    origin = c.group_sched[:, min(day, c.n_days - 1)]
    slow = c.travel_days[origin, seat].astype(np.int64)
    fast = np.minimum(slow, c.air_days[origin, seat]).astype(np.int64)
    flies = fast < slow
    flown = share_seats(air_seats, np.where(flies[None, :], pending, 0))
    rest = pending - flown
    flying_rest = np.where(flies[None, :], rest, 0)
    others = flying_rest.sum(axis=1)
    horizon = air_seats[:, None] * np.maximum(slow - fast - 1, 0)[None, :]
    share = np.divide(
        horizon * flying_rest, others[:, None], out=np.zeros(rest.shape), where=others[:, None] > 0
    )
    wait = np.where(flies[None, :], np.minimum(np.floor(share).astype(np.int64), rest), 0)
    wait = np.where((slow >= FAR)[None, :], rest, wait)
    by_land = np.where((slow < FAR)[None, :], rest - wait, 0)
    for g in range(n):
        if not pending[:, g].any():
            continue
        for count, days in ((flown[:, g], int(fast[g])), (by_land[:, g], int(slow[g]))):
            when = min(day + days, c.n_days)
            if days < FAR:
                w.g_arrivals[when, :, g] += count.astype(np.int32)
                w.arrivals_version += 1
        fl, land = flown[:, g], by_land[:, g]
        for kind, sel in (("airlift", fl > 0), ("depart", (fl == 0) & (land > 0))):
            if sel.any():

                def detail(
                    run: int, g: int = g, origin: int = int(origin[g]), seat: int = int(seat[g])
                ) -> dict[str, object]:
                    return {
                        "group": c.group_ids[g],
                        "facts": [
                            f"groups/{c.group_ids[g]}/itinerary",
                            *route_fact(c, origin, seat),
                            *resource_facts(c, resources),
                        ],
                    }

                sim.log.add(
                    kind,
                    sel,
                    day,
                    sim.session,
                    body=int(c.group_body[g]),
                    by_air=fl[sel],
                    by_land=land[sel],
                    group=g,
                    detail=detail,
                )
    w.g_pending = (pending - flown - by_land).astype(np.int32)
