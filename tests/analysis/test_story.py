"""The told replay: documented and simulated steps, resolved sources, corrected readings."""

from __future__ import annotations

import dataclasses

import pytest

from politburo.analysis.story import render_text, steps, story_json
from politburo.engine import replay
from politburo.scenario import Scenario, load_scenario


@pytest.fixture(scope="module")
def june() -> Scenario:
    return load_scenario("june-1957")


def test_steps_are_documented_by_the_record_or_simulated(june: Scenario) -> None:
    told = steps(june, replay(june.model, seed=0))
    documented = [s for s in told if s.documented]
    assert documented and len(documented) < len(told)
    targets = {t.id for t in june.model.record}
    for step in told:
        assert set(step.record) <= targets
    votes = [s for s in told if s.event.kind == "vote" and s.record]
    assert votes, "no vote of the replay is documented"


def test_without_a_record_only_cited_itineraries_are_documented(june: Scenario) -> None:
    bare = dataclasses.replace(june, model=june.model.model_copy(update={"record": []}))
    for step in steps(bare, replay(june.model, seed=0)):
        assert not step.record
        if step.documented:
            assert step.event.kind in ("arrive", "depart")


def test_quotes_show_the_corrected_reading_beside_the_raw_ocr(june: Scenario) -> None:
    text = render_text(june, replay(june.model, seed=0))
    assert '"probably in the spring [1957] that Molotov," (OCR: "probably in tho spring7' in text
    assert "[morning, documented]" in text and "[morning, simulated]" in text


def test_json_steps_carry_resolved_citations(june: Scenario) -> None:
    data = story_json(june, replay(june.model, seed=0))
    cited = [c for e in data["events"] for f in e["sources"] for c in f["citations"]]
    assert any("quote" in c and c["source"] == "caesar-xv" for c in cited)
    assert any("corrected" in c for c in cited)
    assert all(isinstance(e["documented"], bool) for e in data["events"])
    assert all(e["text"] for e in data["events"])
