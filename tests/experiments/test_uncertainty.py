"""Uncertain evidence: probabilities from grades, per-run draws, grouping, ranges."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from politburo.errors import PolitburoError
from politburo.experiments.uncertainty import (
    ASSUMPTION_WEIGHT,
    GRADE_WEIGHTS,
    STANCE_WEIGHTS,
    Evidence,
    evidence_of,
    uniforms,
    version_probabilities,
)
from politburo.scenario import Scenario, load_scenario
from politburo.scenario.editing import edit_scenario
from politburo.scenario.schema import Contested, Source
from tests.experiments.conftest import write


def source(ident: str, grade: str) -> Source:
    return Source(
        id=ident, title=ident, author="x", date="1957", kind="secondary", reliability=grade
    )  # type: ignore[arg-type]


def contested(*versions: dict[str, object]) -> Contested:
    return Contested.model_validate(
        {
            "id": "c",
            "about": "x",
            "versions": [{"id": f"v{i}", "account": "x", **v} for i, v in enumerate(versions)],
        }
    )


SOURCES = [source("a", "A"), source("c", "C"), source("c2", "C"), source("e", "E")]


def test_grades_rank_versions() -> None:
    p = version_probabilities(
        contested({"cite": {"source": "c", "page": "1"}}, {"cite": {"source": "e", "page": "1"}}),
        SOURCES,
    )
    assert p == pytest.approx([0.75, 0.25])
    assert GRADE_WEIGHTS["C"] == pytest.approx(3 * GRADE_WEIGHTS["E"])


def test_independent_sources_corroborate_and_repeats_do_not() -> None:
    two = {"cite": [{"source": "c", "page": "1"}, {"source": "c2", "page": "2"}]}
    same_twice = {"cite": [{"source": "c", "page": "1"}, {"source": "c", "page": "2"}]}
    one = {"cite": {"source": "c", "page": "1"}}
    p = version_probabilities(contested(two, one), SOURCES)
    assert p[0] > p[1]
    assert version_probabilities(contested(same_twice, one), SOURCES) == pytest.approx([0.5, 0.5])


def test_given_probabilities_kept_and_rest_shared() -> None:
    p = version_probabilities(
        contested(
            {"cite": {"assumption": "a guess of the modeller"}, "probability": 0.4},
            {"cite": {"source": "a", "page": "1"}},
            {"cite": {"assumption": "another guess of his"}},
        ),
        SOURCES,
    )
    weight_a = GRADE_WEIGHTS["A"]
    assert p == pytest.approx(
        [
            0.4,
            0.6 * weight_a / (weight_a + ASSUMPTION_WEIGHT),
            0.6 * ASSUMPTION_WEIGHT / (weight_a + ASSUMPTION_WEIGHT),
        ]
    )


def test_a_disbelieved_version_weighs_less_than_an_asserted_one() -> None:
    """The claim's grade counts, not only the citing source's: the same source asserting one
    version and relaying another it finds hard to believe gives them 10 to 1."""
    cite = {"source": "a", "page": "1"}
    p = version_probabilities(
        contested({"cite": cite, "stance": "asserts"}, {"cite": cite, "stance": "disbelieves"}),
        SOURCES,
    )
    assert p[0] > p[1]
    weight = GRADE_WEIGHTS["A"]
    asserted, disbelieved = weight, weight * STANCE_WEIGHTS["disbelieves"]
    assert p == pytest.approx(
        [asserted / (asserted + disbelieved), disbelieved / (asserted + disbelieved)]
    )
    # a disbelieved claim of a reliable source weighs less than an asserted one of a poor source
    p = version_probabilities(
        contested(
            {"cite": {"source": "a", "page": "1"}, "stance": "disbelieves"},
            {"cite": {"source": "e", "page": "1"}, "stance": "asserts"},
        ),
        SOURCES,
    )
    assert p[0] < p[1]


def test_stances_rank_claims_and_unstated_keeps_the_grades_alone() -> None:
    cite = {"cite": {"source": "c", "page": "1"}}
    order = ["asserts", "reports", "rumour", "disbelieves"]
    p = version_probabilities(contested(*({**cite, "stance": s} for s in order)), SOURCES)
    assert p == sorted(p, reverse=True) and len(set(p)) == 4
    unstated = version_probabilities(
        contested(cite, {"cite": {"source": "e", "page": "1"}}), SOURCES
    )
    assert unstated == pytest.approx([0.75, 0.25])  # as before stances were stated


def test_june_1957_weighs_the_party_line_the_paper_doubts_below_its_own_reading() -> None:
    june = load_scenario("june-1957").model
    fact = next(c for c in june.contested if c.id == "voroshilov-foreknowledge")
    did_not_know, conspirator = version_probabilities(fact, june.sources)
    assert [v.stance for v in fact.versions] == ["asserts", "disbelieves"]
    assert conspirator < 0.15 < 0.85 < did_not_know
    chair = next(c for c in june.contested if c.id == "who-took-the-chair")
    bulganin, malenkov = version_probabilities(chair, june.sources)
    assert [v.stance for v in chair.versions] == ["reports", "rumour"]
    assert malenkov < bulganin


def test_a_bad_stance_is_an_error_at_its_place(contested_copy: Path) -> None:
    path = contested_copy / "contested.yaml"
    text = path.read_text()
    path.write_text(
        text.replace(
            "      - id: independent\n", "      - id: independent\n        stance: hearsay\n"
        )
    )
    with pytest.raises(PolitburoError) as caught:
        load_scenario(contested_copy)
    [problem] = caught.value.problems
    assert problem.field == "contested[marr-loyalty].versions[independent].stance"
    assert problem.file is not None and problem.file.endswith("contested.yaml")
    assert problem.line == 9


@pytest.mark.parametrize(("given", "message"), [((0.7, 0.6), "more than 1"), ((0.2, 0.3), "not 1")])
def test_probabilities_must_add_up(given: tuple[float, float], message: str) -> None:
    cite = {"source": "a", "page": "1"}
    with pytest.raises(ValueError, match=message):
        version_probabilities(
            contested(*({"cite": cite, "probability": p} for p in given)), SOURCES
        )


def test_evidence_of_scenario(contested: Scenario) -> None:
    evidence = evidence_of(contested)
    assert [f.id for f in evidence.facts] == ["marr-loyalty", "vance-return"]
    marr, vance = evidence.facts
    assert marr.labels == ["client", "independent"]
    assert marr.probabilities == pytest.approx([2 / 3, 1 / 3])  # C (0.6) against an assumption
    assert vance.probabilities == pytest.approx([0.75, 0.25])
    assert marr.file is not None and marr.file.endswith("contested.yaml") and marr.line == 2


def test_bad_probabilities_reported_with_place(contested_copy: Path) -> None:
    text = (contested_copy / "contested.yaml").read_text()
    write(contested_copy, "contested.yaml", text.replace("probability: 0.25", "probability: 1.5"))
    with pytest.raises(PolitburoError) as caught:
        load_scenario(contested_copy)
    assert "probability" in str(caught.value)
    cite = '        cite: {source: chronicle, quote: "was due back on 9 May"}'
    write(contested_copy, "contested.yaml", text.replace(cite, "        probability: 0.9\n" + cite))
    with pytest.raises(PolitburoError) as caught:
        evidence_of(load_scenario(contested_copy))
    [problem] = caught.value.problems
    assert problem.field == "contested[vance-return].versions"
    assert problem.file is not None and problem.file.endswith("contested.yaml")
    assert "sum to 1.15, more than 1" in problem.message


def test_draws_depend_only_on_seed_run_and_fact(contested: Scenario) -> None:
    evidence = evidence_of(contested)
    whole = evidence.draw(5, np.arange(1000))
    pieces = np.vstack(
        [evidence.draw(5, np.arange(a, min(a + 37, 1000))) for a in range(0, 1000, 37)]
    )
    assert np.array_equal(whole, pieces)
    assert not np.array_equal(whole, evidence.draw(6, np.arange(1000)))
    alone = Evidence(evidence.facts[1:])
    assert np.array_equal(alone.draw(5, np.arange(1000))[:, 0], whole[:, 1])


def test_draw_frequencies_follow_probabilities(contested: Scenario) -> None:
    evidence = evidence_of(contested)
    choices = evidence.draw(1, np.arange(200_000))
    for j, fact in enumerate(evidence.facts):
        shares = np.bincount(choices[:, j], minlength=2) / len(choices)
        assert shares == pytest.approx(fact.probabilities, abs=0.005)
    assert abs(np.corrcoef(choices[:, 0], choices[:, 1])[0, 1]) < 0.01


def test_uniforms_look_uniform() -> None:
    u = uniforms(3, np.arange(100_000), "x")
    assert ((u >= 0) & (u < 1)).all()
    counts = np.histogram(u, bins=10, range=(0, 1))[0]
    assert counts.min() > 9_600 and counts.max() < 10_400
    assert abs(np.corrcoef(u[:-1], u[1:])[0, 1]) < 0.01


def test_group_partitions_runs_by_combination() -> None:
    choices = np.array([[0, 1], [1, 1], [0, 1], [1, 0]], dtype=np.int16)
    groups = Evidence.group(choices)
    assert {k: v.tolist() for k, v in groups.items()} == {(0, 1): [0, 2], (1, 0): [3], (1, 1): [1]}
    assert {k: v.tolist() for k, v in Evidence.group(choices[:, :0]).items()} == {(): [0, 1, 2, 3]}


def test_each_combination_edits_the_scenario(contested: Scenario) -> None:
    evidence = evidence_of(contested)
    edited = edit_scenario(contested, evidence.edits((1, 1)))
    actors = {a.id: a for a in edited.model.actors}
    assert actors["marr"].ties == []
    assert actors["vance"].itinerary[1].end.day == 5
    assert evidence.edits((0, 0)) == []


def test_parameter_ranges_are_cut_into_levels(contested_copy: Path) -> None:
    write(
        contested_copy,
        "model.yaml",
        (
            "model:\n  parameters:\n    nerve:\n      value: 0.5\n      low: 0.2\n      high: 0.6\n"
            '      cite: {assumption: "No source gives a figure for this."}\n'
            "    fixed:\n      value: 1.0\n"
            '      cite: {assumption: "No source gives this either."}\n'
        ),
    )
    evidence = evidence_of(load_scenario(contested_copy), levels=4)
    fact = evidence.facts[-1]
    assert (fact.id, fact.kind, fact.path) == (
        "parameter.nerve",
        "range",
        "model/parameters/nerve/value",
    )
    assert [a.value for a in fact.alternatives] == pytest.approx([0.25, 0.35, 0.45, 0.55])
    assert fact.probabilities == pytest.approx([0.25] * 4)
    assert len(evidence.facts) == 3
    assert len(evidence.without(["model/parameters/nerve"]).facts) == 2
    assert len(evidence.without(["model/parameters/other"]).facts) == 3
