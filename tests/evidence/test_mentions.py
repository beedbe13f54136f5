"""Mentions of actors in damaged OCR."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from politburo.evidence.gazetteer import Entity, Gazetteer
from politburo.evidence.mentions import MentionFinder
from politburo.evidence.ocr_distance import ocr_distance, skeleton


@pytest.fixture(scope="module")
def finder(gazetteer: Gazetteer) -> MentionFinder:
    return MentionFinder(gazetteer)


@pytest.mark.parametrize(
    ("text", "surface", "actor", "flag"),
    [
        ("led by Halenkov, Molotov", "Halenkov", "malenkov", "ocr"),
        ("caused Kolotov nuch uneasiness", "Kolotov", "molotov", "ocr"),
        ("Uolotov, Ualenkov, and", "Uolotov", "molotov", "ocr"),
        ("Malenkov, and Shepllov may", "Shepllov", "shepilov", "ocr"),
        ("special planes supplied by Zbukov.", "Zbukov", "zhukov", "ocr"),
        ("as revealed, Molotovhort note", "Molotov", "molotov", "glued"),
        ("ervukhin presented the plan", "ervukhin", "pervukhin", "lost-initial"),
        ("was not. Andalenkov, who", "alenkov", "malenkov", "glued"),
        ('sided with "hrushchev on', "hrushchev", "khrushchev", "lost-initial"),
        ("Althoughalenkove had", "alenkov", "malenkov", "glued"),
        ("Khrushchev's energetic", "Khrushchev", "khrushchev", "possessive"),
        ("the Khrushchev-Bulganin trip", "Bulganin", "bulganin", "hyphenated"),
        ("the JuneValen-kov, Kaganovich", "Valen-kov", "malenkov", "hyphenated"),
        ("the first secretary's lntranslgeance: shchev's", "shchev", "khrushchev", "lost-initial"),
        ("opposed by Khrushchovlfforont matter", "Khrushchov", "khrushchev", "glued"),
        ("to regard Titoeretic and", "Tito", "tito", "glued"),
        ("shared some of t'olotov'sin adapting", "olotov", "molotov", "glued"),
    ],
)
def test_damaged_names(
    finder: MentionFinder, text: str, surface: str, actor: str, flag: str
) -> None:
    found = {m.text: m for m in finder.find(text)}
    assert surface in found, [m.text for m in finder.find(text)]
    mention = found[surface]
    assert mention.entity_id == actor
    assert flag in mention.flags
    assert text[mention.start : mention.end] == surface
    assert 0 < mention.score <= 1 and mention.margin > 0


@pytest.mark.parametrize(
    "text",
    [
        "the Stalinist mentality",
        "the deStallnlzation campaign",
        "Khru-shchevites in the committee",
        "the post-rtalin line",
        "celebrations in Leningrad",  # a place, not Lenin
        "the plenum and the presidium met",
        "Marxist-Leninistsomewhat discordant",
        "the Titoists of Belgrade",
    ],
)
def test_not_mentions_of_actors(finder: MentionFinder, text: str) -> None:
    assert [m for m in finder.find(text) if m.kind == "actor"] == []


def test_close_calls_are_flagged_not_guessed() -> None:
    g = Gazetteer(
        (Entity("frol-kozlov", ("Frol Kozlov",)), Entity("vasily-kozlov", ("Vasily Kozlov",)))
    )
    (mention,) = MentionFinder(g).find("then Kozlov spoke")
    assert mention.entity_id is None and "ambiguous" in mention.flags
    assert {c[0] for c in mention.candidates} == {"frol-kozlov", "vasily-kozlov"}
    full = MentionFinder(g).find("then Frol Kozlov spoke")
    assert [(m.text, m.entity_id) for m in full] == [("Frol Kozlov", "frol-kozlov")]


def test_raw_text_is_never_changed(finder: MentionFinder, caesar_text: str) -> None:
    before = caesar_text[:]
    mentions = finder.find(caesar_text, 0, "caesar-xv")
    assert caesar_text == before
    assert all(caesar_text[m.start : m.end] == m.text for m in mentions)
    assert len(mentions) > 400


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_spans_always_match_text(finder: MentionFinder, text: str) -> None:
    for mention in finder.find(text, 10, "x"):
        assert text[mention.start - 10 : mention.end - 10] == mention.text


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet="abcdehilmnortuvHKMU", min_size=0, max_size=9),
    st.text(alphabet="abcdehilmnortuvHKMU", min_size=0, max_size=9),
)
def test_distance_properties(a: str, b: str) -> None:
    assert ocr_distance(a, a) == 0
    assert ocr_distance(a, b) == pytest.approx(ocr_distance(b, a))
    assert ocr_distance(a, b) <= max(len(a), len(b)) + 1e-9


def test_confusions_are_cheap() -> None:
    assert ocr_distance("Malenkov", "Halenkov") < ocr_distance("Malenkov", "Talenkov")
    assert ocr_distance("Mikoyan", "Mlkoyan") < 0.5
    assert ocr_distance("Khrushchev", "Khrushchov") < 0.5
    assert ocr_distance("Kremlin", "Krernlin") < 0.5  # rn for m
    assert skeleton("Halenkov") == skeleton("Malenkov")
