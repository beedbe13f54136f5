"""Draws of a scenario's judgments around the values written (judgment uncertainty)."""

from __future__ import annotations

import numpy as np
import pytest

from politburo.analysis.judgment_spread import POOLED, measured_spread
from politburo.scenario import load_scenario
from politburo.scenario.basis import judgments
from politburo.scenario.schema import ScenarioModel, Trait
from politburo.scenario.spread import SCALES, SPREAD, drawn_model, judgment_draw


@pytest.fixture(scope="module")
def june() -> ScenarioModel:
    return load_scenario("june-1957").model


def test_spread_is_the_relabelling_measure() -> None:
    """SPREAD holds what the relabelling measures, to two decimals (fears with grievances)."""
    measured = measured_spread()
    for kind, spread in SPREAD.items():
        assert spread == round(measured[POOLED.get(kind, kind)].spread, 2), kind
    assert set(SPREAD) == set(SCALES)


def test_a_draw_is_fixed_by_seed_and_index(june: ScenarioModel) -> None:
    first = judgment_draw(june, seed=3, index=5)
    assert first == judgment_draw(june, seed=3, index=5)
    assert first != judgment_draw(june, seed=3, index=6)
    assert first != judgment_draw(june, seed=4, index=5)


def test_every_numeric_judgment_is_drawn_within_its_scale(june: ScenarioModel) -> None:
    numeric = [j for j in judgments(june) if j.kind in SCALES]
    edits = judgment_draw(june, seed=0, index=0)
    shares = sum(j.kind == "disposition" for j in numeric)
    assert len(edits) == len(numeric) + 2 * shares
    for edit in edits:
        low = -1.0 if edit.path.endswith("/stance") else 0.0
        assert isinstance(edit.value, float)
        assert low <= edit.value <= 1.0, edit


def test_drawn_dispositions_sum_to_one_and_move(june: ScenarioModel) -> None:
    drawn = drawn_model(june, seed=0, index=1)
    moved = 0
    for written, group in zip(june.groups, drawn.groups, strict=True):
        d = group.disposition
        assert d is not None and written.disposition is not None
        assert d.loyal + d.wavering + d.hostile == pytest.approx(1.0, abs=1e-5)
        moved += d.loyal != written.disposition.loyal
    assert moved == len(june.groups)


def test_draws_spread_as_measured_about_the_written_value(june: ScenarioModel) -> None:
    """A mid-scale trait's draws centre on the written value with the trait's spread."""
    actor = next(a for a in june.actors if a.traits and 0.2 < a.traits[0].value < 0.8)
    path = f"actors/{actor.id}/traits/0/value"
    values = np.array(
        [
            next(e.value for e in judgment_draw(june, seed=0, index=k) if e.path == path)
            for k in range(400)
        ]
    )
    assert values.mean() == pytest.approx(actor.traits[0].value, abs=0.02)
    assert values.std() == pytest.approx(SPREAD["trait"], rel=0.15)


def test_a_judgment_keeps_its_draw_when_others_are_added_or_reordered(
    june: ScenarioModel,
) -> None:
    """Draws are keyed by what a judgment is about, not by its place in the file."""
    actor = june.actors[0]
    extra = Trait.model_construct(name="opportunism", value=0.5, cite=[], basis="before")
    reordered = june.model_copy(
        update={
            "actors": [
                actor.model_copy(update={"traits": [extra, *actor.traits]}),
                *reversed(june.actors[1:]),
            ]
        }
    )

    def by_about(model: ScenarioModel) -> dict[str, float]:
        data = model.model_dump(mode="python")
        out = {}
        for edit in judgment_draw(model, seed=0, index=2):
            section, holder, field, place = edit.path.split("/")[:4]
            item = next(i for i in data[section] if i["id"] == holder)[field]
            about = f"{section}/{holder}/{field}"
            if isinstance(item, list):
                entry = item[int(place)]
                key = entry.get("name") or entry.get("to") or entry.get("issue")
                about += f"/{entry.get('kind', '')}/{key}/{entry.get('against', entry.get('of'))}"
            out[f"{about}/{edit.path.rsplit('/', 1)[1]}"] = edit.value
        return out

    before, after = by_about(june), by_about(reordered)
    assert set(after) - set(before) == {f"actors/{actor.id}/traits//opportunism/None/value"}
    assert all(after[k] == v for k, v in before.items())


def test_a_dispositions_shares_each_move_by_the_spread(june: ScenarioModel) -> None:
    """Away from the ends of the scale, each share moves with the kind's spread and the
    shares still sum to one."""
    group = june.groups[0]
    assert group.disposition is not None
    even = group.disposition.model_copy(update={"loyal": 0.4, "wavering": 0.3, "hostile": 0.3})
    model = june.model_copy(
        update={"groups": [group.model_copy(update={"disposition": even}), *june.groups[1:]]}
    )
    shares = np.array(
        [
            [e.value for e in judgment_draw(model, seed=0, index=k) if "/disposition/" in e.path][
                :3
            ]
            for k in range(400)
        ]
    )
    assert np.allclose(shares.sum(axis=1), 1.0, atol=1e-5)
    assert shares.mean(axis=0) == pytest.approx([0.4, 0.3, 0.3], abs=0.02)
    assert shares.std(axis=0) == pytest.approx([SPREAD["disposition"]] * 3, rel=0.15)


def test_fixed_judgments_are_not_drawn(june: ScenarioModel) -> None:
    edits = judgment_draw(june, seed=0, index=0, fixed=[("actors", 0, "traits")])
    actor = june.actors[0].id
    assert not any(e.path.startswith(f"actors/{actor}/traits") for e in edits)
    assert any(e.path.startswith(f"actors/{actor}/ties") for e in edits)


def test_the_drawn_model_holds_the_draw(june: ScenarioModel) -> None:
    edits = {e.path: e.value for e in judgment_draw(june, seed=0, index=0)}
    drawn = drawn_model(june, seed=0, index=0)
    actor = drawn.actors[0]
    assert actor.traits[0].value == edits[f"actors/{actor.id}/traits/0/value"]
    assert actor.traits[0].value != june.actors[0].traits[0].value
