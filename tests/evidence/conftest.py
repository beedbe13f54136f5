"""Shared fixtures: the CAESAR XV text and a gazetteer of the June 1957 actors."""

from __future__ import annotations

from pathlib import Path

import pytest

from politburo.evidence.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "src/politburo/scenario/bundled/june-1957/sources/caesar-xv.txt"
GOLD = ROOT / "tests/data/gold/caesar-xv-part.marked.txt"

ACTORS = {
    "khrushchev": ["Nikita Khrushchev", "Khrushchev"],
    "malenkov": ["Georgy Malenkov"],
    "molotov": ["Vyacheslav Molotov"],
    "kaganovich": ["Lazar Kaganovich"],
    "bulganin": ["Nikolai Bulganin"],
    "voroshilov": ["Kliment Voroshilov"],
    "mikoyan": ["Anastas Mikoyan"],
    "pervukhin": ["Mikhail Pervukhin"],
    "saburov": ["Maksim Saburov"],
    "suslov": ["Mikhail Suslov"],
    "kirichenko": ["Aleksei Kirichenko"],
    "zhukov": ["Georgy Zhukov"],
    "shepilov": ["Dmitri Shepilov"],
    "furtseva": ["Yekaterina Furtseva"],
    "brezhnev": ["Leonid Brezhnev"],
    "kozlov": ["Frol Kozlov"],
    "shvernik": ["Nikolai Shvernik"],
    "mukhitdinov": ["Nuritdin Mukhitdinov"],
    "aristov": ["Averky Aristov"],
    "belyaev": ["Nikolai Belyaev"],
    "pospelov": ["Pyotr Pospelov"],
    "polyansky": ["Dmitry Polyansky"],
    "ignatov": ["Nikolai Ignatov"],
    "ponomarev": ["Boris Ponomarev"],
    "tito": ["Josip Broz Tito", "Tito"],
    "stalin": ["Joseph Stalin", "Stalin"],
    "lenin": ["Vladimir Lenin", "Lenin"],
    "gomulka": ["Wladyslaw Gomulka"],
    "kadar": ["Janos Kadar"],
    "serov": ["Ivan Serov"],
}
PLACES = {
    "moscow": ["Moscow"],
    "leningrad": ["Leningrad"],
    "warsaw": ["Warsaw"],
    "ufa": ["Ufa"],
    "far-east": ["Far East"],
    "finland": ["Finland"],
    "uzbekistan": ["Uzbekistan"],
    "budapest": ["Budapest"],
    "belgrade": ["Belgrade"],
    "geneva": ["Geneva"],
}


@pytest.fixture(scope="session")
def caesar_path() -> Path:
    """The bundled OCR text of CAESAR XV."""
    if not BUNDLED.is_file():
        pytest.skip("the bundled CAESAR XV text is missing")
    return BUNDLED


@pytest.fixture(scope="session")
def caesar_text(caesar_path: Path) -> str:
    return caesar_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_mapping(ACTORS, PLACES)
