"""Sources a scenario cites, with their kind and reliability grade."""

from __future__ import annotations

from typing import Literal

from politburo.scenario.schema.common import Id, Model

__all__ = ["Reliability", "Source", "SourceKind"]

SourceKind = Literal["official", "unofficial-report", "rumour", "secondary", "memoir", "press"]
Reliability = Literal["A", "B", "C", "D", "E", "F"]
"""Admiralty grade of a source: A completely reliable ... E unreliable, F cannot be judged."""


class Source(Model):
    """A document or publication. ``text`` is the path, relative to the scenario folder, of
    its bundled text; quotes from a source with a text are checked against it verbatim."""

    id: Id
    title: str
    author: str
    date: str
    kind: SourceKind
    reliability: Reliability
    text: str | None = None
    note: str = ""
