"""One plain sentence for each trace event, naming people, bodies and offices."""

from __future__ import annotations

from politburo.engine.compile import CompiledScenario
from politburo.engine.trace import TraceEvent

__all__ = ["describe"]

LEVELS = ("no sanction", "a reprimand", "demotion", "removal", "expulsion")

MOTIONS = {
    "chair": "to take the chair from {subject}",
    "convene": "to convene the higher body",
    "receive": "to receive the delegation",
    "resolve": "on a resolution",
}
"""How a vote on each motion reads; any other motion reads "to <motion> <subject>"."""


def describe(c: CompiledScenario, e: TraceEvent) -> str:
    """A sentence telling what happened in ``e``."""
    m = c.model
    actors = {a.id: a.name for a in m.actors}
    bodies = {b.id: b.name for b in m.bodies}
    offices = {o.id: o.name for o in m.offices}
    places = {p.id: p.name for p in m.places}
    groups = {g.id: g.name for g in m.groups}

    def who(x: str | None) -> str:
        return actors.get(x or "", x or "someone")

    def names(xs: list[str] | None) -> str:
        return ", ".join(who(x) for x in xs or []) or "nobody"

    body = bodies.get(e.body or "", e.body or "")
    targets = {ch.target for ch in m.challenges}
    (target,) = targets if len(targets) == 1 else (None,)

    def side(value: int) -> str:
        if value < 0:
            return who(target) if target else "the target"
        return "the challengers" if value > 0 else "neither side"

    n = e.counts
    d = e.detail
    k = e.kind
    if k == "strike":
        return f"{who(e.actor)} and his allies move against {who(e.subject)} in the {body}."
    if k == "no-strike":
        return f"The challengers find no day with a majority in the {body} and hold back."
    if k in ("meeting", "opened"):
        extra = f"; absent: {names(e.absent)}" if e.absent else ""
        blocs = sum((e.groups_present or {}).values())
        count = f"{n.get('present', 0)} present" + (f" ({blocs} of them in blocs)" if blocs else "")
        verb = "opens" if k == "opened" else "meets"
        return f"The {body} {verb}: {count}{extra}."
    if k == "vote":
        result = "carried" if d.get("passed") else "lost"
        default = "to {motion} {subject}" if e.subject else "on a motion to {motion}"
        phrase = MOTIONS.get(e.motion or "", default if e.motion else "on a motion")
        motion = phrase.format(motion=e.motion, subject=who(e.subject))
        return (
            f"The {body} votes {motion}: {n['yes']} for, "
            f"{n['no']} against, {n['abstain']} abstaining; {result}."
        )
    if k == "take-chair":
        return f"{who(e.actor)} takes the chair of the {body} from {who(e.subject)}."
    if k == "demand-resignation":
        return f"The {body} demands that {who(e.subject)} resign."
    if k == "refuse-resignation":
        return f"{who(e.actor)} refuses to resign."
    if k == "comply":
        return f"{who(e.actor)} gives in and resigns."
    if k == "appeal":
        return f"{who(e.actor)} demands that the {body} decide, as only it may."
    if k == "removed":
        office = offices.get(e.subject or "", e.subject)
        return f"{who(e.actor)} loses the office of {office} ({d.get('how', '')})."
    if k == "appointed":
        return f"{who(e.actor)} takes the office of {offices.get(e.subject or '', e.subject)}."
    if k == "force":
        used = "uses" if d.get("used") else "does not use"
        return (
            f"{who(e.actor)} commands force; {n.get('backers', 0)} of {n.get('present_voters', 0)} "
            f"back it; the group {used} it ({d.get('purpose', '')})."
        )
    if k == "detained":
        return f"{who(e.actor)} is detained."
    if k == "alert":
        return (
            f"{who(e.actor)} alerts the members of the {body}: {n.get('members', 0)} named "
            f"members and {n.get('bloc_members', 0)} others away from the capital are called in."
        )
    if k == "summon":
        how = "by air" if d.get("by_air") else "by ordinary means"
        by = f"{who(e.actor)} calls in " if e.actor else "The convocation calls "
        return f"{by}{who(e.subject)}, who sets off {how} and arrives {d.get('arrives', '')}."
    if k == "arrive":
        return f"{who(e.actor)} arrives in {places.get(e.subject or '', e.subject)}."
    if k in ("depart", "airlift"):
        if e.actor:
            return f"{who(e.actor)} leaves the capital."
        g = groups.get(str(d.get("group", "")), d.get("group", "a bloc"))
        return f"{n.get('by_air', 0)} of {g} are flown in, {n.get('by_land', 0)} come by land."
    if k == "petition":
        signed = f"{n.get('signatures', 0)} of {n.get('members', 0)}"
        return f"{signed} members of the {body} sign a petition."
    if k == "delegation":
        return f"A delegation carries the petition to the door of the {body}."
    if k == "blocked":
        return f"The guards turn the delegation away from the {body}."
    if k == "received":
        return f"The {body} receives the delegation."
    if k == "convened":
        return f"The {body} is convened for {d.get('opens', '')}."
    if k == "speech":
        done = f"{n.get('done', 0)} of {n.get('due', 0)}"
        return f"{n.get('heard', 0)} speeches in the {body} ({done})."
    if k == "side":
        if e.actor is not None and e.actor == target and n.get("side", 0) < 0:
            return f"{who(e.actor)} stands firm."
        return f"{who(e.actor)} sides with {side(n.get('side', 0))}."
    if k == "waver":
        return f"{who(e.actor)} wavers and withdraws his support."
    if k == "desert":
        return f"{who(e.actor)} deserts the challengers."
    if k == "recant":
        return f"{who(e.actor)} recants and confesses his errors."
    if k == "defect":
        return f"{who(e.actor)} goes over to the challengers."
    if k == "speak-for":
        if e.actor is not None and e.actor == target and n.get("side", 0) < 0:
            return f"{who(e.actor)} speaks against the challengers in the {body}."
        return f"{who(e.actor)} speaks for {side(n.get('side', 0))} in the {body}."
    if k == "preside":
        return f"{who(e.actor)} presides over the {body}."
    if k == "resolution":
        if d.get("condemns") == "challengers":
            condemned = f"the challengers, led by {who(e.subject)}"
        else:
            condemned = who(e.subject)
        if n.get("passed", 1):
            return f"The {body} condemns {condemned}."
        return f"The {body} does not pass a resolution condemning {condemned}."
    if k == "sanction":
        level = LEVELS[min(n.get("level", 0), len(LEVELS) - 1)]
        return f"{who(e.actor)}: {level} ({e.motion} in the {body})."
    if k == "seat":
        b = c.body_index.get(e.body or "", -1)
        rank = n.get("rank", -1)
        what = c.rank_ids[b][rank] if b >= 0 and 0 <= rank < len(c.rank_ids[b]) else "no seat"
        return f"{who(e.actor)} now holds {what} in the {body}."
    if k == "fait-accompli":
        return "The deadline passes; the challengers present a fait accompli."
    if k == "collapse":
        return f"The deadline passes and the challengers no longer hold the {body}."
    return k
