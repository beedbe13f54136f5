"""Checks of ballot rules, of the challenges decided by ballot and of the bodies that counsel
an office's holder in a ballot (file, line and field)."""

from __future__ import annotations

from collections.abc import Callable

from politburo.scenario.schema import ScenarioModel

__all__ = ["check_ballots"]

DataPath = tuple[str | int, ...]
Report = Callable[[DataPath, str], None]


def check_ballots(model: ScenarioModel, report: Report) -> None:
    """Report every mistake in the bodies' ``ballots`` and the challenges' ``candidates``."""
    offices = {o.id for o in model.offices}
    for i, body in enumerate(model.bodies):
        seen: set[str] = set()
        ranks = {r.id for r in body.ranks}
        for j, rule in enumerate(body.ballots):
            path: DataPath = ("bodies", i, "ballots", j)
            powers = {(p.motion, p.office) for p in body.powers}
            if rule.office not in offices:
                known = ", ".join(sorted(offices)) or "none"
                report((*path, "office"), f"unknown office {rule.office!r}; known: {known}")
            elif not powers & {("appoint", rule.office), ("remove", rule.office)}:
                report(
                    (*path, "office"),
                    f"the body {body.id!r} has no 'appoint' or 'remove' power over "
                    f"{rule.office!r}: it cannot elect its holder",
                )
            if rule.spill and ("remove", rule.office) not in powers:
                report(
                    (*path, "spill"),
                    f"a spill is a vote to remove the holder of {rule.office!r}: give the body "
                    f"{body.id!r} a 'remove' power over it, or set 'spill: false'",
                )
            if rule.office in seen:
                report((*path, "office"), f"a second ballot rule for the office {rule.office!r}")
            seen.add(rule.office)
            for k, rank in enumerate(rule.eligible):
                if rank not in ranks:
                    known = ", ".join(sorted(ranks))
                    report(
                        (*path, "eligible", k),
                        f"unknown rank of {body.id}: {rank!r}; known: {known}",
                    )
    _check_challenges(model, report)
    _check_counsel(model, report)


def _check_challenges(model: ScenarioModel, report: Report) -> None:
    actors = {a.id for a in model.actors}
    rules = {(b.id, r.office) for b in model.bodies for r in b.ballots}
    for i, ch in enumerate(model.challenges):
        path: DataPath = ("challenges", i)
        by_ballot = (ch.arena, ch.office) in rules
        for j, who in enumerate(ch.candidates):
            if who not in actors:
                known = ", ".join(sorted(actors))
                report((*path, "candidates", j), f"unknown actor {who!r}; known: {known}")
            elif who == ch.target:
                report(
                    (*path, "candidates", j),
                    f"{who!r} is the target: the incumbent stands by the ballot rule, not as a "
                    "declared candidate",
                )
        if ch.candidates and not by_ballot:
            report(
                (*path, "candidates"),
                f"the arena {ch.arena!r} has no ballot rule for {ch.office!r}: candidates "
                "would be ignored (give the body 'ballots', or delete the candidates)",
            )
        if by_ballot and ch.successor is not None:
            report(
                (*path, "successor"),
                f"the arena {ch.arena!r} elects the holder of {ch.office!r} by ballot: the "
                "successor is the ballot's winner; delete 'successor' (or name him among the "
                "'candidates')",
            )


def _check_counsel(model: ScenarioModel, report: Report) -> None:
    offices = {o.id for o in model.offices}
    elected = {r.office for b in model.bodies for r in b.ballots}
    for i, body in enumerate(model.bodies):
        seen: set[str] = set()
        for j, counsel in enumerate(body.counsel):
            path: DataPath = ("bodies", i, "counsel", j, "office")
            if counsel.office not in offices:
                known = ", ".join(sorted(offices)) or "none"
                report(path, f"unknown office {counsel.office!r}; known: {known}")
            elif counsel.office not in elected:
                report(
                    path,
                    f"no body elects the holder of {counsel.office!r} by ballot: the counsel "
                    "would never be given (give a body 'ballots' for it, or delete the entry)",
                )
            if counsel.office in seen:
                report(path, f"a second counsel entry for the office {counsel.office!r}")
            seen.add(counsel.office)
