"""politburo.evidence: source texts, passages, mentions, gaps, claims and their grades.

The lowest layer: it takes plain data (a :class:`~politburo.evidence.gazetteer.Gazetteer`,
:class:`~politburo.evidence.records.ItineraryEntry` and
:class:`~politburo.evidence.records.ChronologyEvent` records) and never imports a higher
layer; :mod:`politburo.scenario.evidence_inputs` turns a scenario into these inputs. Modules,
each with one purpose:

``sources``      reading files safely (encodings, binary and empty files, PDFs, streaming)
``passages``     passages and their stable anchors
``store``        the on-disk store of ingested sources, written all or nothing
``annotations``  stand-off corrections of a stored source, checked against its raw text
``parallel``     ingesting a corpus on Dask
``ocr_distance`` a weighted edit distance that knows OCR confusions
``gazetteer``    names and aliases of actors and places
``mentions``     finding actors in damaged OCR
``lexicon``      the English word list that tells words from debris
``dates``        dates with their precision
``gaps``         lost text, Leiden marks, restorations the chronology supports
``records``      the plain inputs: itineraries, a chronology, source descriptions
``propositions`` what a sentence claims: who did what, where, when, with which stance
``claims``       claims, their passages, and Admiralty grades
``consistency``  whereabouts and date conflicts between accounts
``text``         whitespace folding and quote location

Public API
----------
The names in ``__all__`` can be imported from this package. Each is loaded from its module
on first use: nothing is imported with the package, so that the scenario layer, which needs
only :mod:`~politburo.evidence.text` to check its quotes, does not load the whole layer.
Constants, ``ocr_distance`` and ``lexicon`` stay in their modules.

Examples
--------
>>> from politburo.evidence import Gazetteer, find_mentions
>>> gazetteer = Gazetteer.from_mapping({"saburov": ["Maksim Saburov"]})
>>> [m.entity_id for m in find_mentions("Saburov was in Warsaw.", gazetteer)]
['saburov']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from politburo.evidence.annotations import (
        Correction,
        add_correction,
        apply_corrections,
        check_corrections,
        read_corrections,
    )
    from politburo.evidence.claims import (
        Claim,
        cite_anchor,
        extract_claims,
        find_hedges,
        grade_claims,
    )
    from politburo.evidence.consistency import Account, Conflict, check_consistency
    from politburo.evidence.dates import DateMention, extract_dates
    from politburo.evidence.gaps import Gap, GapFinder, Restoration, find_gaps, leiden
    from politburo.evidence.gazetteer import Entity, Gazetteer
    from politburo.evidence.mentions import Mention, MentionFinder, find_mentions
    from politburo.evidence.parallel import ingest_each, ingest_many, plan_ids
    from politburo.evidence.passages import (
        Anchor,
        Passage,
        passage_at,
        resolve_anchor,
        split_passages,
    )
    from politburo.evidence.propositions import Proposition, read_statement
    from politburo.evidence.records import ChronologyEvent, ItineraryEntry, SourceInfo
    from politburo.evidence.sources import SourceFile, iter_text, read_text, slug, sniff
    from politburo.evidence.store import StoredSource, ingest_file, list_sources, load_source
    from politburo.evidence.text import locate_quote

__all__ = [
    "Account",
    "Anchor",
    "ChronologyEvent",
    "Claim",
    "Conflict",
    "Correction",
    "DateMention",
    "Entity",
    "Gap",
    "GapFinder",
    "Gazetteer",
    "ItineraryEntry",
    "Mention",
    "MentionFinder",
    "Passage",
    "Proposition",
    "Restoration",
    "SourceFile",
    "SourceInfo",
    "StoredSource",
    "add_correction",
    "apply_corrections",
    "check_consistency",
    "check_corrections",
    "cite_anchor",
    "extract_claims",
    "extract_dates",
    "find_gaps",
    "find_hedges",
    "find_mentions",
    "grade_claims",
    "ingest_each",
    "ingest_file",
    "ingest_many",
    "iter_text",
    "leiden",
    "list_sources",
    "load_source",
    "locate_quote",
    "passage_at",
    "plan_ids",
    "read_corrections",
    "read_statement",
    "read_text",
    "resolve_anchor",
    "slug",
    "sniff",
    "split_passages",
]

_MODULE_OF = {
    "Correction": "annotations",
    "add_correction": "annotations",
    "apply_corrections": "annotations",
    "check_corrections": "annotations",
    "read_corrections": "annotations",
    "Claim": "claims",
    "cite_anchor": "claims",
    "extract_claims": "claims",
    "find_hedges": "claims",
    "grade_claims": "claims",
    "Account": "consistency",
    "Proposition": "propositions",
    "read_statement": "propositions",
    "Conflict": "consistency",
    "check_consistency": "consistency",
    "DateMention": "dates",
    "extract_dates": "dates",
    "Gap": "gaps",
    "GapFinder": "gaps",
    "Restoration": "gaps",
    "find_gaps": "gaps",
    "leiden": "gaps",
    "Entity": "gazetteer",
    "Gazetteer": "gazetteer",
    "Mention": "mentions",
    "MentionFinder": "mentions",
    "find_mentions": "mentions",
    "ingest_each": "parallel",
    "ingest_many": "parallel",
    "plan_ids": "parallel",
    "Anchor": "passages",
    "Passage": "passages",
    "passage_at": "passages",
    "resolve_anchor": "passages",
    "split_passages": "passages",
    "ChronologyEvent": "records",
    "ItineraryEntry": "records",
    "SourceInfo": "records",
    "SourceFile": "sources",
    "iter_text": "sources",
    "read_text": "sources",
    "slug": "sources",
    "sniff": "sources",
    "StoredSource": "store",
    "ingest_file": "store",
    "list_sources": "store",
    "load_source": "store",
    "locate_quote": "text",
}


def __getattr__(name: str) -> object:
    """Load a public name from its module on first use (:pep:`562`)."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The package's names, the public ones included before their first use."""
    return sorted({*globals(), *__all__})
