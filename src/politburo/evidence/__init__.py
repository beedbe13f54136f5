"""politburo.evidence: source texts, passages, mentions, gaps, claims and their grades.

The lowest layer: it takes plain data (a :class:`~politburo.evidence.gazetteer.Gazetteer`,
:class:`~politburo.evidence.records.ItineraryEntry` and
:class:`~politburo.evidence.records.ChronologyEvent` records) and never imports a higher
layer. Modules, each with one purpose:

``sources``      reading files safely (encodings, binary and empty files, PDFs, streaming)
``passages``     passages and their stable anchors
``store``        the on-disk store of ingested sources, written all or nothing
``parallel``     ingesting a corpus on Dask
``ocr_distance`` a weighted edit distance that knows OCR confusions
``gazetteer``    names and aliases of actors and places
``mentions``     finding actors in damaged OCR
``lexicon``      the English word list that tells words from debris
``dates``        dates with their precision
``gaps``         lost text, Leiden marks, restorations the chronology supports
``claims``       claims, their passages, and Admiralty grades
``consistency``  whereabouts and date conflicts between accounts
``report_html``  an HTML page of a source with all of the above marked
``text``         whitespace folding and quote location

Nothing is imported here, so that ``import politburo`` stays fast.
"""
