"""Claims, Admiralty grades, and conflicts between accounts."""

from __future__ import annotations

import datetime as dt

from politburo.evidence.claims import Claim, extract_claims, find_hedges, grade_claims
from politburo.evidence.consistency import check_consistency
from politburo.evidence.gazetteer import Gazetteer
from politburo.evidence.mentions import MentionFinder
from politburo.evidence.passages import Anchor, split_passages
from politburo.evidence.propositions import read_statement
from politburo.evidence.records import ChronologyEvent, ItineraryEntry


def _claim(key: str, text: str, source: str, number: int = 1) -> Claim:
    statement = read_statement(text, ("zhukov",), ("moscow",))
    return Claim(
        key,
        text,
        ("zhukov",),
        ("moscow",),
        anchors=(Anchor(source, number, 0, 1, "h"),),
        source_ids=(source,),
        proposition=statement.proposition,
        stance=statement.stance,
    )


def test_hedges_lower_credibility() -> None:
    claims = [
        _claim("a", "Zhukov returned to Moscow.", "x", 1),
        _claim("b", "Zhukov reportedly returned to Moscow.", "y", 2),
    ]
    graded = grade_claims(claims, {"x": "B"})
    assert [c.grade for c in graded] == ["B1", "F2"]  # two independent sources agree
    alone = grade_claims([_claim("c", "Zhukov reportedly returned to Moscow.", "x")], {"x": "B"})
    assert alone[0].grade == "B3"
    rumour = grade_claims(
        [_claim("d", "according to one rumor, Zhukov returned to Moscow", "x")], {"x": "B"}
    )
    assert rumour[0].grade == "B4" and rumour[0].stance == "rumours"
    plain = grade_claims([_claim("e", "Zhukov returned to Moscow.", "x")], {"x": "B"})
    assert plain[0].grade == "B2"
    doubted = grade_claims([_claim("h", "It is doubtful that Zhukov returned.", "x")], {"x": "B"})
    assert doubted[0].grade == "B5" and doubted[0].stance == "disbelieves"
    contradicted = grade_claims([_claim("f", "Zhukov flew.", "x")], {"x": "A"}, ["f"])
    assert contradicted[0].grade == "A5"
    nothing = grade_claims([Claim("g", "Zhukov flew.")], {})
    assert nothing[0].grade == "F6"
    dependent = grade_claims(claims, {"x": "B", "y": "C"}, dependent={"y": ["x"]})
    assert [c.credibility for c in dependent] == [2, 3]  # a dependent source only repeats
    assert ("it is not clear", "strong") in find_hedges("but it is not clear which")
    assert ("may also have", "weak") in find_hedges("he may also have known")


def test_only_the_same_proposition_from_another_source_confirms() -> None:
    returned = _claim("a", "Zhukov returned to Moscow.", "x", 1)
    same_paper = _claim("b", "Zhukov returned to Moscow at once.", "x", 2)
    named = _claim("c", "Zhukov was the minister of defence.", "y", 1)  # the same person
    rumour = _claim("d", "According to one rumor, Zhukov returned to Moscow.", "y", 2)
    graded = grade_claims([returned, same_paper, named, rumour], {"x": "B", "y": "B"})
    assert [c.credibility for c in graded] == [2, 2, 2, 3]
    assert "confirmed by a" in graded[3].reasons[0]  # a rumour is confirmed, confirms nothing


def test_sentences_become_claims(gazetteer: Gazetteer) -> None:
    raw = "Suslov had been away on vacation. The plenum met.\n\nSaburov was reportedly in Warsaw."
    claims = extract_claims(split_passages(raw, "doc"), MentionFinder(gazetteer))
    assert [(c.actors, c.places, c.hedges) for c in claims] == [
        (("suslov",), (), ()),
        (("saburov",), ("warsaw",), ("reportedly",)),
    ]
    assert str(claims[1].anchors[0]).startswith("doc#p2[")


def test_paper_claims_are_graded(gazetteer: Gazetteer, caesar_text: str) -> None:
    claims = extract_claims(split_passages(caesar_text, "caesar-xv"), MentionFinder(gazetteer))
    graded = grade_claims(claims, {"caesar-xv": "B"})
    by_text = {c.text[:40]: c for c in graded}
    zhukov = next(c for c in graded if "special planes supplied by Zbukov" in c.text)
    assert zhukov.credibility == 4 and zhukov.reliability == "B"
    assert len(by_text) > 100


def test_voroshilov_and_saburov_conflicts() -> None:
    day = dt.date
    far = ItineraryEntry(
        "voroshilov", "far-east", day(1957, 4, 15), day(1957, 5, 31), "caesar", "caesar-xv"
    )
    plans = ChronologyEvent(
        "plans",
        "laying the plans",
        day(1957, 3, 1),
        day(1957, 6, 14),
        "moscow",
        ("malenkov", "voroshilov"),
        "22nd congress",
        "caesar-xv",
    )
    warsaw = ItineraryEntry(
        "saburov", "warsaw", day(1957, 6, 18), day(1957, 6, 22), "caesar", "caesar-xv"
    )
    present = ItineraryEntry(
        "saburov", "moscow", day(1957, 6, 1), day(1957, 6, 30), "wiki", "encyclopedia"
    )
    back1 = ChronologyEvent(
        "arrive-suslov", "Suslov back", day(1957, 6, 18), day(1957, 6, 21), source_id="caesar-xv"
    )
    back2 = ChronologyEvent(
        "arrive-suslov", "Suslov back", day(1957, 6, 18), day(1957, 6, 19), source_id="spitsyn"
    )
    late = ChronologyEvent("arrive-suslov", "Suslov back", day(1957, 6, 25), source_id="other")
    found = check_consistency([far, warsaw, present], [plans, back1, back2, late])
    summary = {(c.kind, c.subject, c.severity) for c in found}
    assert ("whereabouts", "voroshilov", "tension") in summary
    assert ("whereabouts", "saburov", "contradiction") in summary
    assert ("date", "arrive-suslov", "contradiction") in summary
    assert ("date", "arrive-suslov", "tension") not in summary  # by the 19th, by the 21st
    assert len(found) == len(summary) == 3  # one entry per disagreement
    saburov = next(c for c in found if c.subject == "saburov")
    assert saburov.between_sources and saburov.days == (day(1957, 6, 18), day(1957, 6, 22))
    suslov = next(c for c in found if c.subject == "arrive-suslov")
    assert [len(accounts) for _, accounts in suslov.sides] == [2, 1]  # both early dates
    assert check_consistency([far], []) == []


def test_one_entry_per_disagreement_with_every_account() -> None:
    day = dt.date
    warsaw = ItineraryEntry("saburov", "warsaw", day(1957, 6, 18), day(1957, 6, 22), "c", "caesar")
    present = ItineraryEntry("saburov", "moscow", day(1957, 6, 1), day(1957, 6, 30), "w", "wiki")
    meets = ChronologyEvent(
        "meets", "Presidium meets", day(1957, 6, 18), None, "moscow", ("saburov",), "r", "pikhoia"
    )
    cema = ChronologyEvent(
        "cema", "CEMA session", day(1957, 6, 18), day(1957, 6, 22), "warsaw", ("saburov",), "c2",
        "caesar",
    )  # fmt: skip
    (conflict,) = check_consistency([warsaw, present], [meets, cema])
    assert [(p, sorted(a.citation for a in accounts)) for p, accounts in conflict.sides] == [
        ("warsaw", ["c", "c2"]),
        ("moscow", ["r", "w"]),
    ]
    assert set(conflict.sources) == {"caesar", "wiki", "pikhoia"}
    assert conflict.to_dict()["sides"][0]["position"] == "warsaw"


def test_a_fact_is_confirmed_only_by_sources_stating_it() -> None:
    claim = Claim("f", "Saburov left for Warsaw", ("saburov",), source_ids=("caesar-xv", "pikhoia"))
    (listed,) = grade_claims([claim], {"caesar-xv": "B", "pikhoia": "B"})
    assert listed.grade == "B2"  # two sources cited, but not known to state the same thing
    agreed = Claim(
        "f", claim.text, ("saburov",), source_ids=claim.source_ids, confirmed_by=("pikhoia",)
    )
    (graded,) = grade_claims([agreed], {"caesar-xv": "B", "pikhoia": "B"})
    assert graded.grade == "B1"


def test_headings_and_fragments_are_not_claims(gazetteer: Gazetteer) -> None:
    raw = (
        '"RESIGNATION" OF MOLOTOV (page 3).\n\nMolotov\'s successor, D. T. Shepilov, editor of'
        " Pravda,\n\nVoroshilov, linked with Molotov, was one of the conspirators. This is"
        " difficult to believe. Kolotov alone held out."
    )
    claims = extract_claims(split_passages(raw, "doc"), MentionFinder(gazetteer))
    assert [(c.text[:10], c.stance) for c in claims] == [
        ("Voroshilov", "disbelieves"),
        ("Kolotov al", "asserts"),
    ]
