"""The event vocabulary: every kind of event the engine records, in one registry.

Each :class:`EventKind` says what its ``subject`` column names (an actor, an office, a place
or a body), the named values it carries (stored in the log's value columns in order), the
sentences that tell it, and whether a report tells it briefly (``quiet``). Procedures emit
events by name with named values; the trace decodes them from here; fidelity reads values by
name; the report module (:mod:`politburo.analysis.story`) tells them with these sentences.

Adding a kind of event is one entry in :data:`EVENTS` (see docs/model.md, "Adding an event
kind"). Codes are positions in :data:`EVENT_KINDS`: append new kinds at the end, so that
stored event tables keep their meaning.

Sentences are :meth:`str.format` templates over the *words* of an event: ``actor``,
``subject``, ``body`` and ``motion`` as names, every named value (days as dates, ranks, levels
and sides as words, see :mod:`politburo.analysis.story`), and the scalar details of a traced
event. The first sentence whose condition holds tells the event; a condition maps words to the
values they must have.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

__all__ = [
    "EVENTS",
    "EVENT_KINDS",
    "MOTIONS",
    "MOTION_PHRASES",
    "VALUE_COLUMNS",
    "EventKind",
    "Subject",
]

VALUE_COLUMNS: tuple[str, ...] = ("a", "b", "c", "d")
"""The log's columns for named values, in the order a kind's ``values`` fill them."""


class Subject(StrEnum):
    """What the ``subject`` column of an event names."""

    ACTOR = "actor"
    OFFICE = "office"
    PLACE = "place"
    BODY = "body"


Condition = Mapping[str, object]
Sentence = tuple[Condition, str]


@dataclass(frozen=True)
class EventKind:
    """One kind of event: what it names, the values it carries and how it is told."""

    name: str
    meaning: str
    sentences: tuple[Sentence, ...]
    subject: Subject = Subject.ACTOR
    values: tuple[str, ...] = ()
    quiet: bool = False
    columns: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.values) > len(VALUE_COLUMNS):
            raise ValueError(f"{self.name}: at most {len(VALUE_COLUMNS)} named values")
        if not self.sentences or self.sentences[-1][0]:
            raise ValueError(f"{self.name}: the last sentence must have no condition")
        columns = dict(zip(self.values, VALUE_COLUMNS, strict=False))
        object.__setattr__(self, "columns", MappingProxyType(columns))

    def column(self, value: str) -> str:
        """The log column holding the named ``value``."""
        try:
            return self.columns[value]
        except KeyError:
            raise KeyError(f"events of kind {self.name!r} carry no value {value!r}") from None

    def sentence(self, words: Mapping[str, object]) -> str:
        """The template of the first sentence whose condition ``words`` meet."""
        for condition, template in self.sentences:
            if all(words.get(k) == v for k, v in condition.items()):
                return template
        raise AssertionError("unreachable: the last sentence has no condition")


def _always(template: str) -> tuple[Sentence, ...]:
    return (({}, template),)


_SIDES = ("side", "previous")
_KINDS: tuple[EventKind, ...] = (
    EventKind(
        "strike",
        "The challengers move against the target in the arena.",
        _always("{actor} and his allies move against {subject} in the {body}."),
    ),
    EventKind(
        "no-strike",
        "No day of the window promises the challengers a majority; they hold back.",
        _always("The challengers find no day with a majority in the {body} and hold back."),
    ),
    EventKind(
        "meeting",
        "A body sits; who is present and who is away.",
        _always("The {body} meets: {attendance}."),
        values=("present_total", "present_voters"),
    ),
    EventKind(
        "vote",
        "A motion is put to the vote; every ballot is kept.",
        (
            ({"passed": 1}, "The {body} votes {motion_phrase}: {tally}; carried."),
            ({}, "The {body} votes {motion_phrase}: {tally}; lost."),
        ),
        values=("yes", "no", "abstain", "passed"),
    ),
    EventKind(
        "take-chair",
        "A challenger takes the chair of the arena.",
        _always("{actor} takes the chair of the {body} from {subject}."),
    ),
    EventKind(
        "demand-resignation",
        "The arena demands that the target resign.",
        _always("The {body} demands that {subject} resign."),
    ),
    EventKind(
        "removed",
        "An actor loses an office.",
        _always("{actor} loses the office of {subject} ({how})."),
        subject=Subject.OFFICE,
    ),
    EventKind(
        "appointed",
        "An actor takes an office.",
        _always("{actor} takes the office of {subject}."),
        subject=Subject.OFFICE,
    ),
    EventKind(
        "refuse-resignation",
        "The target refuses to resign.",
        _always("{actor} refuses to resign."),
    ),
    EventKind(
        "comply", "The target gives in and resigns.", _always("{actor} gives in and resigns.")
    ),
    EventKind(
        "appeal",
        "The target demands that the higher body decide.",
        _always("{actor} demands that the {body} decide, as only it may."),
    ),
    EventKind(
        "force",
        "The holder of a coercive resource puts its use to the arena.",
        (
            (
                {"used": 1},
                "{actor} commands force; {backers} of {present_voters} back it; "
                "the group uses it ({purpose}).",
            ),
            (
                {},
                "{actor} commands force; {backers} of {present_voters} back it; "
                "the group does not use it ({purpose}).",
            ),
        ),
        values=("backers", "present_voters", "used"),
    ),
    EventKind("detained", "An actor is detained.", _always("{actor} is detained.")),
    EventKind(
        "alert",
        "An actor calls in the members of a body who are away.",
        _always(
            "{actor} alerts the members of the {body}: {members} named members and "
            "{bloc_members} others away from the capital are called in."
        ),
        values=("members", "bloc_members"),
    ),
    EventKind(
        "summon",
        "A member is called to the seat of a body and sets off.",
        (
            (
                {"has_actor": True, "by_air": 1},
                "{actor} calls in {subject}, who sets off by air and arrives {arrives_day}.",
            ),
            (
                {"has_actor": True},
                "{actor} calls in {subject}, who sets off by ordinary means and arrives "
                "{arrives_day}.",
            ),
            (
                {"by_air": 1},
                "The convocation calls {subject}, who sets off by air and arrives {arrives_day}.",
            ),
            (
                {},
                "The convocation calls {subject}, who sets off by ordinary means and arrives "
                "{arrives_day}.",
            ),
        ),
        values=("by_air", "arrives_day"),
        quiet=True,
    ),
    EventKind(
        "depart",
        "An actor leaves the seat of a body, or a bloc's members set off for it.",
        (
            ({"has_actor": True}, "{actor} leaves {subject}."),
            ({}, "{by_air} of {group} are flown in, {by_land} come by land."),
        ),
        subject=Subject.PLACE,
        values=("by_air", "by_land", "group"),
        quiet=True,
    ),
    EventKind(
        "arrive",
        "An actor arrives at the seat of a body.",
        _always("{actor} arrives in {subject}."),
        subject=Subject.PLACE,
    ),
    EventKind(
        "airlift",
        "A bloc's members are flown to the seat of their body.",
        _always("{by_air} of {group} are flown in, {by_land} come by land."),
        subject=Subject.PLACE,
        values=("by_air", "by_land", "group"),
        quiet=True,
    ),
    EventKind(
        "petition",
        "Members of the higher body sign a petition to convene it.",
        _always("{signatures} of {members} members of the {body} sign a petition."),
        subject=Subject.BODY,
        values=("signatures", "members"),
    ),
    EventKind(
        "delegation",
        "A delegation carries the petition to the arena.",
        _always("A delegation carries the petition to the door of the {body}."),
        subject=Subject.BODY,
        values=("signatures",),
    ),
    EventKind(
        "blocked",
        "The guards turn the delegation away.",
        _always("The guards turn the delegation away from the {body}."),
        subject=Subject.BODY,
    ),
    EventKind(
        "received",
        "The arena receives the delegation.",
        _always("The {body} receives the delegation."),
        subject=Subject.BODY,
    ),
    EventKind(
        "convened",
        "The higher body is convened for a day.",
        _always("The {body} is convened for {opens_day}."),
        values=("opens_day",),
    ),
    EventKind(
        "opened",
        "The higher body opens its sitting.",
        _always("The {body} opens: {attendance}."),
        values=("present_total", "present_voters", "speeches_due"),
    ),
    EventKind(
        "preside",
        "An actor presides over a body's sitting.",
        _always("{actor} presides over the {body}."),
    ),
    EventKind(
        "speech",
        "Speeches are heard in the higher body.",
        _always("{heard} speeches in the {body} ({done} of {due})."),
        values=("heard", "done", "due"),
        quiet=True,
    ),
    EventKind(
        "speak-for",
        "A named member speaks for a side.",
        (
            (
                {"actor_is_target": True, "side": -1},
                "{actor} speaks against the challengers in the {body}.",
            ),
            ({}, "{actor} speaks for {side_name} in the {body}."),
        ),
        values=("side",),
        quiet=True,
    ),
    EventKind(
        "side",
        "A named member first declares a side.",
        (
            ({"actor_is_target": True, "side": -1}, "{actor} stands firm."),
            ({}, "{actor} sides with {side_name}."),
        ),
        values=_SIDES,
    ),
    EventKind(
        "waver",
        "An adherent of the challengers withdraws his support.",
        _always("{actor} wavers and withdraws his support."),
        values=_SIDES,
    ),
    EventKind(
        "desert",
        "An adherent of the challengers goes over to the target.",
        _always("{actor} deserts the challengers."),
        values=_SIDES,
    ),
    EventKind(
        "recant",
        "A defeated challenger confesses his errors.",
        _always("{actor} recants and confesses his errors."),
        values=_SIDES,
    ),
    EventKind(
        "defect",
        "A member goes over to the challengers.",
        _always("{actor} goes over to the challengers."),
        values=_SIDES,
    ),
    EventKind(
        "resolution",
        "The higher body votes a resolution condemning the losing side.",
        (
            (
                {"majority_side": -1, "passed": 1},
                "The {body} condemns the challengers, led by {subject}.",
            ),
            (
                {"majority_side": -1},
                "The {body} does not pass a resolution condemning the challengers, led by "
                "{subject}.",
            ),
            ({"passed": 1}, "The {body} condemns {subject}."),
            ({}, "The {body} does not pass a resolution condemning {subject}."),
        ),
        values=("majority_side", "passed"),
    ),
    EventKind(
        "sanction",
        "A body imposes a sanction on a loser.",
        _always("{actor}: {level_name} ({motion} in the {body})."),
        values=("level",),
    ),
    EventKind(
        "seat",
        "An actor's seat in a body changes.",
        _always("{actor} now holds {rank_name} in the {body}."),
        values=("rank",),
        quiet=True,
    ),
    EventKind(
        "fait-accompli",
        "The deadline passes with the challengers holding the arena.",
        _always("The deadline passes; the challengers present a fait accompli."),
    ),
    EventKind(
        "collapse",
        "The deadline passes with the challengers no longer holding the arena.",
        _always("The deadline passes and the challengers no longer hold the {body}."),
    ),
    EventKind(
        "adjourned",
        "A deadlocked arena adjourns the question to its next scheduled sitting.",
        (
            (
                {"scheduled": 0},
                "Neither side holds the {body}; it adjourns the question sine die, with no "
                "sitting left.",
            ),
            ({}, "Neither side holds the {body}; it adjourns the question to {resumes_day}."),
        ),
        values=("resumes_day", "scheduled"),
    ),
    EventKind(
        "resumed",
        "The arena takes up an adjourned question again at its scheduled sitting.",
        _always("The {body} takes up the question of {subject} again."),
    ),
    EventKind(
        "awaits-sitting",
        "The higher body is to take the question at its next ordinary sitting, and none is "
        "scheduled in the scenario's period.",
        _always("The {body} is to ratify at its next ordinary sitting; none is scheduled."),
    ),
    EventKind(
        "removed-with",
        "An associate of the target is removed from the arena on the same vote as him.",
        _always("{actor} is removed with {subject} by the {body}."),
    ),
    EventKind(
        "call-vote",
        "The incumbent, expecting to win, calls the vote on his office himself to settle it.",
        _always("{actor} calls the {body} to vote on the leadership, to settle the challenge."),
    ),
    EventKind(
        "stand",
        "An actor stands as a candidate in a ballot for an office.",
        _always("{actor} stands for {subject} (round {round})."),
        subject=Subject.OFFICE,
        values=("round",),
    ),
    EventKind(
        "withdraw",
        "A candidate stands down before a round of a ballot.",
        _always("{actor} stands down from the ballot for {subject} (before round {round})."),
        subject=Subject.OFFICE,
        values=("round",),
    ),
    EventKind(
        "ballot",
        "A round of a ballot among candidates: the leader's votes, the runner-up's, and "
        "whether the leader is elected.",
        (
            (
                {"elected": 1},
                "Round {round} in the {body}: {actor} is elected with {votes} votes "
                "(runner-up {runner_up_votes}).",
            ),
            (
                {},
                "Round {round} in the {body}: {actor} leads with {votes} votes to "
                "{runner_up_votes}, not enough to be elected.",
            ),
        ),
        subject=Subject.OFFICE,
        values=("round", "votes", "runner_up_votes", "elected"),
    ),
    EventKind(
        "accept",
        "The target, having given in, accepts the verdict in public and stands with the "
        "challengers, against his own stake (preference falsification).",
        _always("{actor} accepts the verdict in public and will vote with the majority."),
    ),
    EventKind(
        "land",
        "The winners move the defeated target to a lesser post; he keeps his seats.",
        _always("{actor} is moved to the post of {subject} and keeps his seats."),
        subject=Subject.OFFICE,
    ),
    EventKind(
        "confess",
        "The accused target, who fought, confesses before the verdict and votes with the "
        "majority, against his own stake.",
        _always("{actor} confesses his errors before the {body} and will vote with the majority."),
    ),
    EventKind(
        "escalate",
        "The challengers, expecting no majority in the arena but one in the higher body, take "
        "the fight there: they move in the arena that the higher body be convened.",
        _always(
            "{actor} and his allies, without a majority in the {body}, move to take the "
            "question of {subject} to the higher body."
        ),
    ),
    EventKind(
        "referred",
        "At the challengers' deadline neither side holds the arena, and by its rules the "
        "arena refers the question to the higher body, which is convened without a vote.",
        _always(
            "Neither side holds the {body}; by its rules it refers the question of {subject} "
            "to the higher body."
        ),
    ),
    EventKind(
        "outsider-known",
        "The stance of an actor outside the bodies (a patron state, a foreign party, a "
        "following, a crowd) toward the challenge becomes known, at the place named if any; "
        "from now on it moves what members expect the winning side to be (a crowd: the cost "
        "of force).",
        (
            ({"side": 1}, "It becomes known that {outsider} backs the challengers."),
            ({"side": -1}, "It becomes known that {outsider} backs {side_name}."),
            ({}, "It becomes known that {outsider} withholds its backing from both sides."),
        ),
        subject=Subject.PLACE,
        values=("side",),
    ),
    EventKind(
        "force-refused",
        "The senior commander of a unit at the place of action refuses an order to use it: he "
        "does not back that side's force.",
        _always("{actor} refuses the order to use force against {subject}."),
    ),
    EventKind(
        "force-repelled",
        "An order to use force is carried out but fails: the units defending the place are at "
        "least as strong as those carrying it out.",
        _always(
            "The force sent by {actor} against {subject} is repelled "
            "({attackers} against {defenders})."
        ),
        values=("attackers", "defenders"),
    ),
    EventKind(
        "held",
        "An absent target is held where he is by a unit there, instead of being summoned.",
        _always("{actor} is held at {subject}."),
        subject=Subject.PLACE,
    ),
    EventKind(
        "crushed",
        "At the strike the target's side detains the challengers' leaders present; their move "
        "is crushed.",
        _always("{actor}'s side detains {subject} and his allies in the {body}; the move fails."),
    ),
    EventKind(
        "counselled",
        "Between two rounds of a ballot for his office, the members of a body that counsels its "
        "holder, seen at its seat, tell him whether to go: how many said go and how many stay.",
        (
            (
                {"stay": 0},
                "All {go} members of the {body} seen tell {actor} to give up the contest for "
                "{subject}.",
            ),
            (
                {},
                "Of the {body}, {go} tell {actor} to give up the contest for {subject} and "
                "{stay} to fight on.",
            ),
        ),
        subject=Subject.OFFICE,
        values=("go", "stay"),
    ),
)

EVENTS: Mapping[str, EventKind] = MappingProxyType({k.name: k for k in _KINDS})
"""Every kind of event the engine records, by name."""

EVENT_KINDS: tuple[str, ...] = tuple(EVENTS)
"""Names of the kinds; an event's code in the log is its kind's position here."""

MOTION_PHRASES: Mapping[str, str] = MappingProxyType(
    {
        "": "on a motion",
        "chair": "to take the chair from {subject}",
        "remove": "to remove {subject}",
        "appoint": "to appoint {subject}",
        "convene": "to convene the higher body",
        "receive": "to receive the delegation",
        "expel": "to expel {subject}",
        "reprimand": "to reprimand {subject}",
        "resolve": "on a resolution",
        "demote": "to demote {subject}",
        "force": "to use force against {subject}",
        "slate": "to remove the associates of {subject} with him",
    }
)
"""How a vote on each motion reads; a motion's code in the log is its position here."""

MOTIONS: tuple[str, ...] = tuple(MOTION_PHRASES)
"""Motion codes; ``remove`` is also the motion of a demand to resign."""
