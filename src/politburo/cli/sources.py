"""The ``sources`` commands: ingest documents, find mentions and gaps, grade and check claims.

``politburo sources ingest | mentions | gaps | claims | conflicts | report``. The evidence
layer takes plain data; this module turns a scenario into it (gazetteer, itineraries,
chronology, source grades, and the alternative accounts of its contested facts).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import regex
import typer

from politburo.cli.common import Format, user_errors
from politburo.errors import PolitburoError, Problem

if TYPE_CHECKING:
    from politburo.evidence.claims import Claim
    from politburo.evidence.gazetteer import Gazetteer
    from politburo.evidence.passages import Passage
    from politburo.evidence.records import ChronologyEvent, ItineraryEntry
    from politburo.scenario import Scenario

__all__ = ["EvidenceInputs", "register", "scenario_inputs"]

DEFAULT_STORE = ".politburo/sources"

sources_app = typer.Typer(
    name="sources",
    help="Ingest source documents; find actor mentions, lost text, graded claims and conflicts.",
    no_args_is_help=True,
)

ScenarioOpt = Annotated[
    str, typer.Option("--scenario", help="Scenario whose actors, places and chronology to use.")
]
StoreOpt = Annotated[Path, typer.Option("--store", help="The source store folder.")]
FormatOpt = Annotated[Format, typer.Option("--format", help="text or json.")]
SourceArg = Annotated[
    str,
    typer.Argument(help="A text or PDF file, an id in the store, or a source id of the scenario."),
]
GazetteerOpt = Annotated[
    Path | None,
    typer.Option("--gazetteer", help="JSON or YAML file: {actors: {id: [names]}, places: {...}}."),
]


def register(app: typer.Typer) -> None:
    """Add the ``sources`` command group to ``app``."""
    app.add_typer(sources_app, name="sources")


# -- the scenario as plain evidence inputs ---------------------------------------------


@dataclass
class EvidenceInputs:
    """What the evidence layer needs from a scenario."""

    gazetteer: Gazetteer
    itineraries: list[ItineraryEntry] = field(default_factory=list)
    chronology: list[ChronologyEvent] = field(default_factory=list)
    reliability: dict[str, str] = field(default_factory=dict)
    year: int | None = None


_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_PAREN = regex.compile(r"\s*\([^)]*\)")


def _citation_text(cites: Sequence[Any]) -> tuple[str, str]:
    """A readable citation and the ``+``-joined ids of its sources."""
    parts, ids = [], []
    for cite in cites:
        if cite.assumption:
            parts.append(f"assumption: {cite.assumption}")
        elif cite.quote:
            parts.append(f'{cite.source}: "{cite.quote}"')
            ids.append(cite.source)
        else:
            parts.append(f"{cite.source}: {cite.page}")
            ids.append(cite.source)
    return "; ".join(parts), "+".join(dict.fromkeys(ids))


def _place_names(name: str) -> list[str]:
    bare = _PAREN.sub("", name).strip()
    bare = regex.sub(r"^(?:The|the)\s+", "", bare)
    return [n for n in dict.fromkeys([bare, name]) if n]


def _records(model: Any) -> tuple[list[ItineraryEntry], list[ChronologyEvent]]:
    from politburo.evidence.records import ChronologyEvent, ItineraryEntry

    start, end = model.start, model.end
    seats = {body.id: body.seat for body in model.bodies}
    stays = []
    for actor in model.actors:
        for number, stay in enumerate(actor.itinerary):
            text, ids = _citation_text(stay.cite)
            stays.append(
                ItineraryEntry(
                    actor.id,
                    stay.place,
                    stay.start or start,
                    stay.end or end,
                    f"actors/{actor.id}/itinerary/{number}: {text}",
                    ids,
                )
            )
    events = []
    for item in model.calendar:
        text, ids = _citation_text(item.cite)
        events.append(
            ChronologyEvent(
                item.id,
                item.name,
                item.start,
                item.end,
                item.place,
                tuple(item.participants),
                f"calendar/{item.id}: {text}",
                ids,
            )
        )
    for target in model.record:
        text, ids = _citation_text(target.cite)
        place = seats.get(getattr(target, "body", None) or "", "")
        if target.kind == "meeting":
            events.append(
                ChronologyEvent(
                    target.id,
                    target.description,
                    target.date,
                    target.date,
                    place,
                    tuple(target.present),
                    f"record/{target.id}: {text}",
                    ids,
                )
            )
        elif target.kind in ("vote", "event") and target.start is not None:
            actor = getattr(target, "actor", None)
            acts = (actor,) if actor and getattr(target, "event", "") != "arrive" else ()
            events.append(
                ChronologyEvent(
                    target.id,
                    target.description,
                    target.start,
                    target.end or target.start,
                    place,
                    acts,
                    f"record/{target.id}: {text}",
                    ids,
                )
            )
    for challenge in model.challenges:
        text, ids = _citation_text(challenge.cite)
        first = challenge.window_start
        for cite in challenge.cite:
            for word, (low, _) in _SEASONS.items():
                if cite.quote and word in cite.quote.lower():
                    first = min(first, dt.date(challenge.window_start.year, low, 1))
        last = challenge.window_start - dt.timedelta(days=1)
        if first <= last:
            events.append(
                ChronologyEvent(
                    f"{challenge.id}-plans",
                    f"the {challenge.id} leaders lay their plans",
                    first,
                    last,
                    seats.get(challenge.arena, ""),
                    tuple(challenge.leaders),
                    f"challenges/{challenge.id}: {text}",
                    ids,
                )
            )
    return _returns(stays, events, seats), events


def _returns(
    stays: list[ItineraryEntry], events: list[ChronologyEvent], seats: dict[str, str]
) -> list[ItineraryEntry]:
    """Cut a planned stay away at the recorded return (an ``arrive`` event)."""
    home = set(seats.values())
    back: dict[str, dt.date] = {}
    for event in events:
        if event.id.startswith("arrive-") and not event.actors:
            actor = event.id.removeprefix("arrive-")
            back[actor] = min(back.get(actor, event.last), event.last)
    cut = []
    for stay in stays:
        day = back.get(stay.actor_id)
        if day is not None and stay.place not in home and stay.start <= day < stay.end:
            stay = replace(stay, end=day)
        cut.append(stay)
    return cut


def scenario_inputs(scenario: Scenario) -> EvidenceInputs:
    """Gazetteer, itineraries, chronology and grades of a scenario and its contested versions.

    For every contested version that edits the data, the records that differ from the
    scenario's own are added, cited to the version's sources, so that the consistency
    checker sees the disagreement between sources.
    """
    from politburo.evidence.gazetteer import Entity, Gazetteer
    from politburo.scenario.editing import LocatedEdit, edit_scenario

    model = scenario.model
    entities = [Entity(a.id, (a.name, *a.aliases), "actor") for a in model.actors]
    entities += [Entity(p.id, tuple(_place_names(p.name)), "place") for p in model.places]
    stays, events = _records(model)
    seen_stays, seen_events = set(stays), set(events)
    for contested in model.contested:
        for version in contested.versions:
            if not version.edits:
                continue
            try:
                variant = edit_scenario(
                    scenario, [LocatedEdit(e, origin=version.id) for e in version.edits]
                )
            except PolitburoError:
                continue
            text, ids = _citation_text(version.cite)
            tag = f"contested/{contested.id}/{version.id}: {text}"
            more_stays, more_events = _records(variant.model)
            stays += [
                replace(s, citation=tag, source_id=ids) for s in more_stays if s not in seen_stays
            ]
            events += [
                replace(e, citation=tag, source_id=ids) for e in more_events if e not in seen_events
            ]
    return EvidenceInputs(
        Gazetteer(tuple(entities)),
        stays,
        events,
        {s.id: s.reliability for s in model.sources},
        model.start.year,
    )


def _load_gazetteer(path: Path) -> Gazetteer:
    from politburo.evidence.gazetteer import Gazetteer

    try:
        raw = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".json":
            data = json.loads(raw)
        else:
            import yaml

            data = yaml.safe_load(raw)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise PolitburoError(
            Problem(f"cannot read the gazetteer: {error}", file=str(path))
        ) from None
    except Exception as error:  # yaml.YAMLError
        raise PolitburoError(Problem(f"not valid YAML: {error}", file=str(path))) from None
    if not isinstance(data, dict):
        raise PolitburoError(Problem("a gazetteer is a mapping of ids to names", file=str(path)))
    actors = data.get("actors", data if "places" not in data else {})
    places = data.get("places", {})
    problems = [
        Problem("names must be a list of strings", file=str(path), field=str(key))
        for key, names in {**actors, **places}.items()
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names)
    ]
    if problems:
        raise PolitburoError(problems)
    return Gazetteer.from_mapping(actors, places)


def _inputs(scenario: str, gazetteer: Path | None) -> tuple[EvidenceInputs, Scenario]:
    from politburo.scenario import load_scenario

    loaded = load_scenario(scenario)
    inputs = scenario_inputs(loaded)
    if gazetteer is not None:
        inputs.gazetteer = _load_gazetteer(gazetteer)
    return inputs, loaded


# -- opening a source ---------------------------------------------------------------------


@dataclass
class _Opened:
    source_id: str
    passages: Iterator[Passage]
    title: str
    read: Callable[[], str]


def _open(source: str, store: Path, scenario: Scenario | None) -> _Opened:
    from politburo.evidence.passages import split_passages
    from politburo.evidence.sources import iter_text, slug
    from politburo.evidence.store import load_source

    path = Path(source)
    if path.exists():
        ident = slug(path.stem)
        return _Opened(
            ident,
            split_passages(iter_text(path), ident),
            str(path),
            lambda: "".join(iter_text(path)),
        )
    if (store / source / "source.json").is_file():
        stored = load_source(store, source)
        return _Opened(stored.id, stored.iter_passages(), stored.file, stored.text)
    if scenario is not None:
        for item in scenario.model.sources:
            if item.id == source and item.text:
                text_path = scenario.folder / item.text
                return _Opened(
                    item.id,
                    split_passages(iter_text(text_path), item.id),
                    item.title,
                    lambda path=text_path: "".join(iter_text(path)),  # type: ignore[misc]
                )
    raise PolitburoError(
        Problem(
            f"{source!r} is neither a file, nor a source in the store {store}, nor a source "
            "with a text in the scenario"
        )
    )


def _emit(items: Iterable[dict[str, Any]], format: Format, line: Any) -> int:
    """Print records as JSON (a streamed array) or one text line each; return the count."""
    count = 0
    if format is Format.json:
        sys.stdout.write("[")
        for item in items:
            sys.stdout.write(
                ("," if count else "") + "\n  " + json.dumps(item, ensure_ascii=False, default=str)
            )
            count += 1
        sys.stdout.write("\n]\n" if count else "]\n")
        return count
    for item in items:
        typer.echo(line(item))
        count += 1
    return count


# -- commands -------------------------------------------------------------------------------


@sources_app.command("ingest")
def ingest(
    files: Annotated[list[Path], typer.Argument(help="Text or PDF files.")],
    into: Annotated[Path, typer.Option("--into", help="Store folder.")] = Path(DEFAULT_STORE),
    source_id: Annotated[
        str | None, typer.Option("--id", help="Source id (one file only).")
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Codec of the files (default: detect).")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Dask worker processes (default: Dask for 8 files or more).")
    ] = None,
    format: FormatOpt = Format.text,
) -> None:
    """Read files into the store: raw bytes kept, passages anchored, all or nothing per file."""
    from politburo.evidence.store import ingest_file

    with user_errors():
        if source_id is not None and len(files) != 1:
            raise PolitburoError(
                Problem("--id names one source: give exactly one file", field="--id")
            )
        if len(files) == 1 or (workers is None and len(files) < 8) or workers in (0, 1):
            from politburo.evidence.parallel import plan_ids

            ids = [source_id] if source_id else plan_ids(files)
            done: list[Any] = []
            problems: list[Problem] = []
            for path, ident in zip(files, ids, strict=True):
                try:
                    done.append(ingest_file(path, into, ident, encoding))
                except PolitburoError as error:
                    problems.extend(error.problems)
            _report_ingest(done, format)
            if problems:
                raise PolitburoError(problems)
        else:
            from politburo.evidence.parallel import ingest_many

            _report_ingest(ingest_many(files, into, encoding, workers), format)


def _report_ingest(done: Sequence[Any], format: Format) -> None:
    _emit(
        ({**s.to_dict(), "folder": str(s.folder)} for s in done),
        format,
        lambda r: (
            f"{r['id']}: {r['passages']} passages, {r['chars']} characters "
            f"({r['encoding']}, sha256 {r['sha256'][:12]}) -> {r['folder']}"
        ),
    )


@sources_app.command("mentions")
def mentions(
    source: SourceArg,
    scenario: ScenarioOpt = "june-1957",
    gazetteer: GazetteerOpt = None,
    store: StoreOpt = Path(DEFAULT_STORE),
    format: FormatOpt = Format.text,
) -> None:
    """Every mention of the scenario's actors and places, with score and margin."""
    from politburo.evidence.mentions import MentionFinder

    with user_errors():
        inputs, loaded = _inputs(scenario, gazetteer)
        opened = _open(source, store, loaded)
        finder = MentionFinder(inputs.gazetteer)
        found = (m.to_dict() for m in finder.find_in_passages(opened.passages))
        _emit(
            found,
            format,
            lambda r: (
                f"{r['start']:>7}-{r['end']:<7} {r['text']:<18} -> "
                f"{r['entity'] or 'CLOSE CALL: ' + ' / '.join(c[0] for c in r['candidates'])} "
                f"(score {r['score']:.2f}, margin {r['margin']:.2f}; {', '.join(r['flags'])})"
            ),
        )


@sources_app.command("gaps")
def gaps(
    source: SourceArg,
    scenario: ScenarioOpt = "june-1957",
    gazetteer: GazetteerOpt = None,
    store: StoreOpt = Path(DEFAULT_STORE),
    format: FormatOpt = Format.text,
) -> None:
    """Lost text, marked in the Leiden manner, with restorations the chronology supports."""
    from politburo.evidence.gaps import GapFinder
    from politburo.evidence.mentions import MentionFinder

    with user_errors():
        inputs, loaded = _inputs(scenario, gazetteer)
        opened = _open(source, store, loaded)
        finder = MentionFinder(inputs.gazetteer)
        gap_finder = GapFinder(inputs.chronology)

        def found() -> Iterator[dict[str, Any]]:
            for passage in opened.passages:
                names = finder.find(passage.text, passage.start, passage.source_id)
                for gap in gap_finder.find(passage.text, passage.start, passage.source_id, names):
                    yield gap.to_dict()

        _emit(
            found(),
            format,
            lambda r: (
                f"{r['at']:>7} {r['kind']:<10} {r['leiden']:<28} {r['reason']}"
                + "".join(
                    f"\n{'':>19}{c['reading']}  ({c['score']:.2f}; {'; '.join(c['support'])})"
                    for c in r["candidates"]
                )
            ),
        )


@sources_app.command("claims")
def claims(
    source: Annotated[
        str | None, typer.Argument(help="Grade the sentences of this source instead.")
    ] = None,
    scenario: ScenarioOpt = "june-1957",
    gazetteer: GazetteerOpt = None,
    store: StoreOpt = Path(DEFAULT_STORE),
    format: FormatOpt = Format.text,
) -> None:
    """Graded claims: the scenario's cited facts (default) or the sentences of a source."""
    with user_errors():
        inputs, loaded = _inputs(scenario, gazetteer)
        if source is None:
            graded = _scenario_claims(loaded, inputs)
        else:
            graded = _text_claims(_open(source, store, loaded), inputs)
        _emit(
            (c.to_dict() for c in graded),
            format,
            lambda r: (
                f"{r['grade']}  {r['id']}  {', '.join(r['anchors']) or '(no passage)'}\n"
                f"    {r['text'][:150]}\n    {'; '.join(r['reasons'])}"
            ),
        )


def _text_claims(opened: _Opened, inputs: EvidenceInputs) -> list[Claim]:
    from politburo.evidence.claims import extract_claims, grade_claims
    from politburo.evidence.mentions import MentionFinder

    found = extract_claims(opened.passages, MentionFinder(inputs.gazetteer))
    return grade_claims(found, inputs.reliability)


def _scenario_claims(loaded: Scenario, inputs: EvidenceInputs) -> list[Claim]:
    from politburo.evidence.claims import Claim, cite_anchor, find_hedges, grade_claims
    from politburo.evidence.consistency import check_consistency
    from politburo.evidence.mentions import MentionFinder
    from politburo.evidence.passages import split_passages
    from politburo.scenario.checks import walk_citations

    texts = loaded.source_texts
    passages = {key: list(split_passages(text, key)) for key, text in texts.items()}
    finder = MentionFinder(inputs.gazetteer)
    facts: dict[str, list[Any]] = {}
    for path, cite in walk_citations(loaded.model):
        key = (
            "/".join(str(p) for p in path[: path.index("cite")])
            if "cite" in path
            else "/".join(map(str, path))
        )
        facts.setdefault(key, []).append(cite)
    conflicts = check_consistency(inputs.itineraries, inputs.chronology)
    cited = " ".join(f"{c.first_citation} {c.second_citation}" for c in conflicts)
    contradicted = [key for key in facts if regex.search(rf"(?:^|\s){regex.escape(key)}:", cited)]
    found = []
    for key, cites in facts.items():
        anchors, ids, words = [], [], []
        for cite in cites:
            if cite.assumption:
                continue
            ids.append(cite.source)
            if cite.quote:
                words.append(cite.quote)
                if cite.source in texts:
                    anchor = cite_anchor(texts[cite.source], passages[cite.source], cite.quote)
                    if anchor is not None:
                        anchors.append(anchor)
            else:
                words.append(f"[{cite.source}: {cite.page}]")
        text = " / ".join(words) or "; ".join(c.assumption or "" for c in cites)
        names = finder.find(text)
        actors = tuple(
            dict.fromkeys(m.entity_id for m in names if m.kind == "actor" and m.entity_id)
        )
        path_actor = regex.match(r"actors/([^/]+)", key)
        if path_actor:
            actors = tuple(dict.fromkeys((path_actor.group(1), *actors)))
        found.append(
            Claim(
                key,
                text,
                actors,
                tuple(
                    dict.fromkeys(m.entity_id for m in names if m.kind == "place" and m.entity_id)
                ),
                anchors=tuple(anchors),
                source_ids=tuple(dict.fromkeys(ids)),
                hedges=tuple(h for h, _ in find_hedges(text)),
            )
        )
    return grade_claims(found, inputs.reliability, contradicted, _drawn_on(loaded))


def _drawn_on(loaded: Scenario) -> dict[str, list[str]]:
    """Sources that relay another (the encyclopedia relays Kramer): not independent."""
    relays: dict[str, list[str]] = {}
    for item in loaded.model.sources:
        text = f"{item.title} {item.note}".lower()
        relays[item.id] = [
            other.id
            for other in loaded.model.sources
            if other.id != item.id
            and other.author.split()[-1].lower().strip(".,") in text
            and "relays" in text
        ]
    return relays


@sources_app.command("conflicts")
def conflicts(
    scenario: ScenarioOpt = "june-1957",
    travel_days: Annotated[int, typer.Option(help="Overlap tolerated for a day of travel.")] = 0,
    format: FormatOpt = Format.text,
) -> None:
    """Whereabouts and dates on which the scenario's accounts (and sources) disagree."""
    from politburo.evidence.consistency import check_consistency

    with user_errors():
        inputs, _ = _inputs(scenario, None)
        found = check_consistency(inputs.itineraries, inputs.chronology, travel_days)
        count = _emit(
            (c.to_dict() for c in found),
            format,
            lambda r: (
                f"{r['kind']:<11} {r['severity']:<13} {r['message']}\n"
                f"    1: {r['first']} [{r['first_citation'][:160]}]\n"
                f"    2: {r['second']} [{r['second_citation'][:160]}]"
            ),
        )
        if format is Format.text:
            typer.echo(f"{count} conflicts.")


@sources_app.command("report")
def report(
    source: SourceArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")],
    scenario: ScenarioOpt = "june-1957",
    gazetteer: GazetteerOpt = None,
    store: StoreOpt = Path(DEFAULT_STORE),
) -> None:
    """Write an HTML page of the document with mentions, gaps and graded claims marked."""
    from politburo.evidence.claims import extract_claims, grade_claims
    from politburo.evidence.gaps import GapFinder
    from politburo.evidence.mentions import MentionFinder
    from politburo.evidence.passages import split_passages
    from politburo.evidence.report_html import render_report, write_report

    with user_errors():
        inputs, loaded = _inputs(scenario, gazetteer)
        opened = _open(source, store, loaded)
        text = opened.read()
        if len(text) > 50_000_000:
            raise PolitburoError(
                Problem("too large for one HTML page (over 50 million characters)")
            )
        passages = list(split_passages(text, opened.source_id))
        finder = MentionFinder(inputs.gazetteer)
        gap_finder = GapFinder(inputs.chronology)
        names, lost = [], []
        for passage in passages:
            found = finder.find(passage.text, passage.start, passage.source_id)
            names.extend(found)
            lost.extend(gap_finder.find(passage.text, passage.start, passage.source_id, found))
        graded = grade_claims(extract_claims(passages, finder), inputs.reliability)
        page = render_report(opened.title, text, names, lost, graded)
        try:
            written = write_report(out, page)
        except OSError as error:
            raise PolitburoError(
                Problem(f"cannot write: {error.strerror or error}", file=str(out))
            ) from None
        typer.echo(f"{written}: {len(names)} mentions, {len(lost)} gaps, {len(graded)} claims")
