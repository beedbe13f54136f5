"""Lost text, Leiden marks, restorations only with the chronology's support; dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from politburo.evidence.dates import extract_dates
from politburo.evidence.gaps import GapFinder, leiden
from politburo.evidence.gazetteer import Gazetteer
from politburo.evidence.mentions import MentionFinder
from politburo.evidence.passages import split_passages
from politburo.evidence.records import ChronologyEvent

CHRONOLOGY = [
    ChronologyEvent("c20", "20th Party Congress", dt.date(1956, 2, 14), dt.date(1956, 2, 25)),
    ChronologyEvent("c22", "22nd Party Congress", dt.date(1961, 10, 17), dt.date(1961, 10, 31)),
    ChronologyEvent("presidium", "the presidium met and voted", dt.date(1957, 6, 18)),
    ChronologyEvent("plenum", "the central committee plenum opened", dt.date(1957, 6, 22)),
    ChronologyEvent("resolution", "resolution of the plenum", dt.date(1957, 6, 29)),
    ChronologyEvent("finland", "state visit to Finland", dt.date(1957, 6, 6), dt.date(1957, 6, 14)),
]


def kinds(text: str, chronology: list[ChronologyEvent] = CHRONOLOGY) -> list[tuple[str, str]]:
    return [(g.kind, g.leiden) for g in GapFinder(chronology).find(text)]


def test_year_candidates_come_only_from_the_chronology() -> None:
    (gap,) = GapFinder(CHRONOLOGY).find("The attempted coup In7 had its antecedents")
    assert gap.kind == "year"
    assert [c.reading for c in gap.candidates] == ["[195]7"]
    assert gap.candidates[0].support  # each candidate names its events
    (bare,) = GapFinder([]).find("The attempted coup In7 had its antecedents")
    assert bare.candidates == ()  # no chronology, no digits


def test_date_candidates_rank_by_context() -> None:
    (gap,) = GapFinder(CHRONOLOGY).find("The plenum of the central committee opened onune.")
    assert gap.kind == "date" and gap.leiden.startswith("on[")
    readings = [c.reading for c in gap.candidates]
    assert readings[0] == "on [22 J]une"
    assert set(readings) <= {
        "on [14 J]une",
        "on [18 J]une",
        "on [22 J]une",
        "on [29 J]une",
        "on [6 J]une",
    }


def test_ordinals_days_and_digits() -> None:
    gaps = GapFinder(CHRONOLOGY).find("speech atd Party Congress; back ath Party Congress")
    assert [g.kind for g in gaps] == ["ordinal", "ordinal"]
    assert gaps[0].candidates[0].reading.endswith("[22n]d Party Congress")
    assert gaps[1].candidates[0].reading.endswith("[20]th Party Congress")
    (day,) = GapFinder(CHRONOLOGY).find("in June, he returned onh and left")
    assert day.kind == "day" and {c.reading for c in day.candidates} <= {
        "on [6t]h",
        "on [14t]h",
        "on [18t]h",
        "on [29t]h",
    }
    (visit,) = GapFinder(CHRONOLOGY).find("were in Finland visit4 June, during")
    assert visit.kind == "day-digits" and visit.candidates[0].reading == "[1]4 June"


@pytest.mark.parametrize(
    "text",
    [
        "Tho information provided by tho official sources",  # misreads, not losses
        "Official sources have boon supplemented by rumors",
        "it is now possible to give an account",
        "until tho ond. Because of his",
        "the 2lst Party Congress",
        "cut from 8 percent",
    ],
)
def test_misreadings_are_not_gaps(text: str) -> None:
    assert GapFinder(CHRONOLOGY).find(text) == []


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("it is now possible toetailed account", "to|etailed"),
        ("summoning the central committeelenum. Much", "committee|lenum"),
        ("the presidiumat which point", "presidium|at"),
        ("censured by the committee in With the possible", "in |With"),
        ("as a result. has accused them", ". |has"),
        ("the opposition would toEMA meeting", "to|EMA"),
    ],
)
def test_losses_are_found_at_the_right_point(text: str, point: str) -> None:
    left, right = point.split("|")
    at = text.index(left + right) + len(left)
    assert any(abs(g.at - at) <= 1 for g in GapFinder().find(text)), kinds(text)


def test_leiden_marks() -> None:
    assert leiden((4, 4)) == "[.4]"
    assert leiden((2, None)) == "[- - -]"
    assert leiden((3, 5)) == "[ca.4]"
    (gap,) = GapFinder().find("He was censuredlenum then.")
    assert gap.leiden == "censured[- - -]lenum"


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200))
def test_never_invents_digits(text: str) -> None:
    allowed = {str(e.start.year) for e in CHRONOLOGY} | {str(e.start.day) for e in CHRONOLOGY}
    allowed |= {str(e.last.day) for e in CHRONOLOGY} | {"20", "22"}
    for gap in GapFinder(CHRONOLOGY).find(text):
        assert 0 <= gap.start <= gap.at <= gap.end <= len(text)
        for candidate in gap.candidates:
            digits = "".join(c for c in candidate.text if c.isdigit())
            assert not digits or any(digits in a or a.startswith(digits) for a in allowed)


def test_dates_with_precision() -> None:
    found = {
        d.text: (d.year, d.month, d.day, d.precision, d.lost)
        for d in extract_dates(
            "on 22 June 1957 and June 1957; in 1956; Created: 4/27/1962; onune; In7; mid-November"
        )
    }
    assert found["22 June 1957"] == (1957, 6, 22, "day", "")
    assert found["June 1957"] == (1957, 6, None, "month", "")
    assert found["1956"] == (1956, None, None, "year", "")
    assert found["4/27/1962"] == (1962, 4, 27, "day", "")
    assert found["une"] == (None, 6, None, "month", "day")
    assert found["7"] == (None, None, None, "unknown", "year-digits")
    assert found["mid-November"][3] == "month"
    assert [d.text for d in extract_dates("they may have agreed")] == []
    (june,) = extract_dates("in June 1957")
    assert june.bounds() == (dt.date(1957, 6, 1), dt.date(1957, 6, 30))


@pytest.mark.parametrize(
    "text",
    [
        "Official sources have boon supplorentod by the many ruir.ors",  # misread words
        "as an advocate of rapid inciustrial growth",
        "after the de.ith of Stalin",
        "so nuch the better",
        "Such corrobor.ition is available",
    ],
)
def test_misread_words_are_not_taken_apart(text: str) -> None:
    assert GapFinder(CHRONOLOGY).find(text) == [], kinds(text)


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("the consent;ramatic change", "consent;|ramatic"),  # a tail after punctuation
        ("permission to speak,ere allowed", "speak,|ere"),
        ("and the One reason for it", "the |One"),  # a sentence opener after "the"
        ("the rest submitted written All allegedly", "written |All"),
        ("Clearly,June was", "Clearly,|June"),
        ("the first secretary'sal strength", "secretary's|al"),  # glued to a possessive
        ("At thisew development occurred", "this|ew"),  # a short tail: [n]ew
        ("the defeat of the group innough became known", "in|nough"),  # not in|no|ugh
        ("per so. Atd PartyKhrushchov used", "At|d"),  # an ordinal, Congress lost too
        ("as he toldd Party Congross, then", "told|d"),
        ("had found himself in abut had managed", "a|but"),  # a rare word: a [...] but
        ("and sovoralVinogradov, Ponomarenko", "sovoral|Vinogradov"),
    ],
)
def test_losses_that_leave_a_space_or_punctuation(text: str, point: str) -> None:
    left, right = point.split("|")
    at = text.index(left + right) + len(left)
    assert any(abs(g.at - at) <= 1 for g in GapFinder().find(text)), kinds(text)


def test_gaps_are_placed_where_both_halves_are_likeliest() -> None:
    (gap,) = GapFinder().find("the defeat of the group innough became known")
    assert gap.leiden == "in[- - -]nough"
    gaps = GapFinder().find("Thisorkingeconstruction of the challenge")
    assert [g.at for g in gaps] == [4, 10]  # This [w]orking [r]econstruction


def test_a_page_that_ends_inside_a_sentence() -> None:
    body = "no action was taken against them either then or later, despite calls for tho"
    text = f"{body} {body}\n\nSECRET\n\nThis is suggested in the confessions of four men."
    (gap,) = GapFinder().find(text)
    assert gap.kind == "page" and gap.at == text.index("\n")
    ended = text.replace("for tho\n", "for them.\n")
    assert GapFinder().find(ended) == []


def test_gaps_of_passages_are_found_with_their_mentions(gazetteer: Gazetteer) -> None:
    passages = list(split_passages("Molotovhort spoke.\n\nThe plenum opened onune.", "doc"))
    names = MentionFinder(gazetteer)
    found = list(GapFinder(CHRONOLOGY).find_in_passages(passages, names))
    assert [[m.entity_id for m in mentions] for mentions, _ in found] == [["molotov"], []]
    assert [[g.kind for g in gaps] for _, gaps in found] == [["glued"], ["date"]]
    assert found[0][1][0].reason == "a name glued to a word"
    # without the mention, the name is taken for words run together
    (alone,) = GapFinder(CHRONOLOGY).find(passages[0].text)
    assert alone.reason == "words run together"
    (date,) = found[1][1]
    assert date.start == passages[1].start + passages[1].text.index("onune")
    assert date.candidates[0].reading == "on [22 J]une"


def test_date_mentions_that_lost_their_day_or_year() -> None:
    found = extract_dates("visit4 June; it was In7; the plenum opened onune", 100, "doc")
    assert [(d.text, d.month, d.precision, d.lost) for d in found] == [
        ("4 June", 6, "month", "day-digits"),
        ("7", None, "unknown", "year-digits"),
        ("une", 6, "month", "day"),
    ]
    assert all(d.source_id == "doc" and d.year is None and d.day is None for d in found)
    assert found[0].start == 105
