"""The ``sources`` commands: ingest documents, find mentions and gaps, grade and check claims.

``politburo sources ingest | mentions | gaps | claims | conflicts | report | correct |
corrections``. The evidence layer takes plain data; :mod:`politburo.scenario.evidence_inputs`
turns a scenario into it (gazetteer, itineraries, chronology, source grades, and the
alternative accounts of its contested facts) and :mod:`politburo.scenario.evidence_claims`
grades its cited facts. These commands parse options, call those and the evidence layer, and
print.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from politburo.cli.common import TextFormat as Format
from politburo.cli.common import user_errors
from politburo.errors import PolitburoError, Problem
from politburo.scenario.bundled import DEFAULT_SCENARIO

if TYPE_CHECKING:
    from politburo.evidence.passages import Passage
    from politburo.scenario import Scenario
    from politburo.scenario.evidence_inputs import EvidenceInputs

__all__ = ["register"]

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


# -- the scenario as evidence inputs ---------------------------------------------------


def _inputs(scenario: str, gazetteer: Path | None) -> tuple[EvidenceInputs, Scenario]:
    """Load ``--scenario``; its evidence inputs, with the ``--gazetteer`` file's names if given."""
    from politburo.scenario import load_scenario
    from politburo.scenario.evidence_inputs import load_gazetteer, scenario_inputs

    loaded = load_scenario(scenario)
    inputs = scenario_inputs(loaded)
    if gazetteer is not None:
        inputs.gazetteer = load_gazetteer(gazetteer)
    return inputs, loaded


# -- opening a source ---------------------------------------------------------------------


@dataclass
class _Opened:
    source_id: str
    passages: Iterator[Passage]
    title: str
    read: Callable[[], str]
    folder: Path | None = None  # its folder in the store, if it was opened from there


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
        return _Opened(stored.id, stored.iter_passages(), stored.file, stored.text, stored.folder)
    if scenario is not None:
        for item in scenario.model.sources:
            if item.id == source and item.text:
                text_path = scenario.source_path(item.id)
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


def _inputs_and_source(
    scenario: str, gazetteer: Path | None, source: str, store: Path
) -> tuple[EvidenceInputs, _Opened]:
    """The evidence inputs of ``--scenario`` (see :func:`_inputs`) and ``source`` opened."""
    inputs, loaded = _inputs(scenario, gazetteer)
    return inputs, _open(source, store, loaded)


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
    from politburo.evidence.parallel import ingest_each, plan_ids

    with user_errors():
        if source_id is not None and len(files) != 1:
            raise PolitburoError(
                Problem("--id names one source: give exactly one file", field="--id")
            )
        if workers is None and len(files) < 8:
            workers = 1  # starting a Dask cluster costs more than a few files
        ids = [source_id] if source_id else plan_ids(files)
        before = {ident: _stored_from(into, ident) for ident in ids}
        done, problems = ingest_each(files, into, encoding, workers, ids=ids)
        _report_ingest(done, format)
        for record in done:
            was = before.get(record.id)
            if was is not None and was[0] != record.sha256:
                typer.echo(
                    f"warning: {record.id}: replaced a source of other text, read from "
                    f"{was[1]}; its corrections are kept and checked against the new text "
                    "(`politburo sources corrections` lists any that no longer fit)",
                    err=True,
                )
        if problems:
            raise PolitburoError(problems)


def _stored_from(store: Path, ident: str) -> tuple[str, str] | None:
    """The checksum and original file of the source ``ident`` in ``store``, if there is one."""
    import json

    try:
        data = json.loads((store / ident / "source.json").read_text(encoding="utf-8"))
        return str(data["sha256"]), str(data["file"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


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
    scenario: ScenarioOpt = DEFAULT_SCENARIO,
    gazetteer: GazetteerOpt = None,
    store: StoreOpt = Path(DEFAULT_STORE),
    format: FormatOpt = Format.text,
) -> None:
    """Every mention of the scenario's actors and places, with score and margin."""
    from politburo.evidence.mentions import MentionFinder

    with user_errors():
        inputs, opened = _inputs_and_source(scenario, gazetteer, source, store)
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
    scenario: ScenarioOpt = DEFAULT_SCENARIO,
    gazetteer: GazetteerOpt = None,
    store: StoreOpt = Path(DEFAULT_STORE),
    format: FormatOpt = Format.text,
) -> None:
    """Lost text, marked in the Leiden manner, with restorations the chronology supports."""
    from politburo.evidence.gaps import GapFinder
    from politburo.evidence.mentions import MentionFinder

    with user_errors():
        inputs, opened = _inputs_and_source(scenario, gazetteer, source, store)
        found = GapFinder(inputs.chronology).find_in_passages(
            opened.passages, MentionFinder(inputs.gazetteer)
        )
        _emit(
            (gap.to_dict() for _, lost in found for gap in lost),
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
    scenario: ScenarioOpt = DEFAULT_SCENARIO,
    gazetteer: GazetteerOpt = None,
    store: StoreOpt = Path(DEFAULT_STORE),
    format: FormatOpt = Format.text,
) -> None:
    """Graded claims: the scenario's cited facts (default) or the sentences of a source."""
    from politburo.scenario.evidence_claims import scenario_claims, text_claims

    with user_errors():
        inputs, loaded = _inputs(scenario, gazetteer)
        if source is None:
            graded = scenario_claims(loaded, inputs)
        else:
            graded = text_claims(_open(source, store, loaded).passages, inputs)
        _emit(
            (c.to_dict() for c in graded),
            format,
            lambda r: (
                f"{r['grade']}  {r['stance']:<11}  {r['id']}  "
                f"{', '.join(r['anchors']) or '(no passage)'}\n"
                f"    {r['text'][:150]}\n    {'; '.join(r['reasons'])}"
            ),
        )


@sources_app.command("conflicts")
def conflicts(
    scenario: ScenarioOpt = DEFAULT_SCENARIO,
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
                f"{r['kind']:<11} {r['severity']:<13} {r['message']}"
                + "".join(
                    f"\n    {side['position']}: {account['says']} [{account['citation'][:140]}]"
                    for side in r["sides"]
                    for account in side["accounts"]
                )
            ),
        )
        if format is Format.text:
            typer.echo(f"{count} conflicts.")


@sources_app.command("report")
def report(
    source: SourceArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")],
    scenario: ScenarioOpt = DEFAULT_SCENARIO,
    gazetteer: GazetteerOpt = None,
    store: StoreOpt = Path(DEFAULT_STORE),
) -> None:
    """Write an HTML page of the document with mentions, gaps, graded claims and corrections
    marked."""
    from politburo.evidence.annotations import Correction, fitting, read_corrections
    from politburo.evidence.reading import read_text
    from politburo.web.report import render_report, write_report

    with user_errors():
        if out.suffix.lower() not in (".html", ".htm"):
            raise PolitburoError(
                Problem(f"the report is an HTML page: name it .html, not {out.name}", field="--out")
            )
        inputs, opened = _inputs_and_source(scenario, gazetteer, source, store)
        text = opened.read()
        if len(text) > 50_000_000:
            raise PolitburoError(
                Problem("too large for one HTML page (over 50 million characters)")
            )
        read = read_text(
            text, opened.source_id, inputs.gazetteer, inputs.chronology, inputs.reliability
        )
        passages, names, lost, graded = read.passages, read.mentions, read.gaps, read.claims
        fixes: list[Correction] = []
        if opened.folder is not None:
            annotations = opened.folder / "annotations.jsonl"
            fixes, stale = fitting(read_corrections(annotations), text, str(annotations))
            for problem in stale:
                typer.echo(f"left out: {problem}", err=True)
        page = render_report(
            opened.title, text, names, lost, graded, corrections=fixes, passages=passages
        )
        try:
            written = write_report(out, page)
        except OSError as error:
            raise PolitburoError(
                Problem(f"cannot write: {error.strerror or error}", file=str(out))
            ) from None
        typer.echo(
            f"{written}: {len(names)} mentions, {len(lost)} gaps, {len(graded)} claims, "
            f"{len(fixes)} corrections"
        )


@sources_app.command("correct")
def correct(
    source: Annotated[str, typer.Argument(help="The id of a source in the store.")],
    start: Annotated[int, typer.Argument(help="First character of the span (0-based).")],
    end: Annotated[int, typer.Argument(help="Character after the span.")],
    reading: Annotated[
        str | None, typer.Argument(help="How the span should read: 'In [195]7'.")
    ] = None,
    note: Annotated[str, typer.Option("--note", help="Whose reading, and why.")] = "",
    remove: Annotated[
        bool, typer.Option("--remove", help="Remove the correction of this span instead.")
    ] = False,
    store: StoreOpt = Path(DEFAULT_STORE),
    format: FormatOpt = Format.text,
) -> None:
    """Add (or remove) a stand-off correction of a span of a stored source; the raw text is
    never edited."""
    from politburo.evidence.annotations import Correction, add_correction, remove_correction
    from politburo.evidence.store import load_source

    with user_errors():
        stored = load_source(store, source)
        path = stored.folder / "annotations.jsonl"
        if remove:
            if reading is not None:
                raise PolitburoError(Problem("--remove takes no reading", field="reading"))
            left = remove_correction(path, start, end)
            typer.echo(f"removed the correction of {start}-{end}; {len(left)} left")
            return
        if reading is None:
            raise PolitburoError(Problem("give the reading of the span", field="reading"))
        text = stored.text()
        found = text[start:end] if 0 <= start < end <= len(text) else ""
        added = Correction(start, end, found, reading, note)
        add_correction(path, text, added)
        _emit_corrections([added], [], format)


@sources_app.command("corrections")
def corrections(
    source: Annotated[str, typer.Argument(help="The id of a source in the store.")],
    store: StoreOpt = Path(DEFAULT_STORE),
    format: FormatOpt = Format.text,
) -> None:
    """The stand-off corrections of a stored source, each checked against its raw text (one
    that no longer fits is listed with why)."""
    from politburo.evidence.annotations import fitting, read_corrections
    from politburo.evidence.store import load_source

    with user_errors():
        stored = load_source(store, source)
        path = stored.folder / "annotations.jsonl"
        found = read_corrections(path)
        kept, _ = fitting(found, stored.text())
        stale = [fix for fix in found if fix not in kept]
        _emit_corrections(kept, stale, format)


def _emit_corrections(kept: Sequence[Any], stale: Sequence[Any], format: Format) -> None:
    """Print corrections in text order; those in ``stale`` no longer fit the source."""
    records = [{**fix.to_dict(), "fits": fix not in stale} for fix in [*kept, *stale]]
    records.sort(key=lambda r: (r["start"], r["end"]))
    _emit(
        records,
        format,
        lambda r: (
            f"{r['start']:>7}-{r['end']:<7} {r['found']!r} -> {r['reading']!r}  {r['note']}"
            + ("" if r["fits"] else "  (no longer fits the source: remove it)")
        ),
    )
