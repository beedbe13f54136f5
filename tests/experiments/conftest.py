"""Fixtures for the experiment tests: the small example with contested facts and what-ifs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from politburo.scenario import Scenario, load_scenario
from tests.conftest import EXAMPLE

CONTESTED = """\
contested:
  - id: marr-loyalty
    about: Whether Marr owes his career to Vance
    versions:
      - id: client
        account: Marr is Vance's client
        cite: {source: chronicle, quote: "Dov Marr owes his career to Vance"}
      - id: independent
        account: Marr rose on his own and owes Vance nothing
        edits:
          - {op: remove, path: actors/marr/ties/to=vance}
        cite: {assumption: "A rival account says Marr rose on his own."}
  - id: vance-return
    about: When Vance was due back from the fair
    versions:
      - id: ninth
        account: Due back on 9 May
        cite: {source: chronicle, quote: "was due back on 9 May"}
      - id: sixth
        account: Back early, on 6 May
        probability: 0.25
        edits:
          - {op: set, path: actors/vance/itinerary/1/end, value: 1990-05-05}
          - {op: set, path: actors/vance/itinerary/2/start, value: 1990-05-06}
        cite: {assumption: "Travellers' gossip had her back early."}
"""

WHATIF = """\
id: vance-stays-home
description: Vance does not go to the fair.
edits:
  - move: {actor: vance, place: harbour, start: 1990-05-03, end: 1990-05-08}
"""


def add_contested(folder: Path) -> Path:
    """Give a copy of the example two contested facts and a shipped what-if."""
    (folder / "contested.yaml").write_text(CONTESTED)
    (folder / "whatifs").mkdir()
    (folder / "whatifs" / "vance-stays-home.yaml").write_text(WHATIF)
    return folder


@pytest.fixture
def contested_copy(tiny_copy: Path) -> Path:
    """The example with two contested facts and a shipped what-if."""
    return add_contested(tiny_copy)


@pytest.fixture
def contested(contested_copy: Path) -> Scenario:
    """The example with contested facts, loaded."""
    return load_scenario(contested_copy)


def write(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``folder/name`` and return the path."""
    path = folder / name
    path.write_text(text)
    return path


@pytest.fixture(scope="module")
def contested_module(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    """The example with contested facts, loaded once per test module."""
    folder = tmp_path_factory.mktemp("contested") / "tiny"
    shutil.copytree(EXAMPLE, folder)
    return load_scenario(add_contested(folder))
