"""The batch's outcome columns: names built from the scenario's ids, one row per run."""

from __future__ import annotations

import numpy as np

from politburo.engine import CompiledScenario, simulate


def test_columns_are_named_from_ids_and_aligned(june_compiled: CompiledScenario) -> None:
    batch = simulate(june_compiled, seed=2, runs=7)
    cols = batch.columns
    for name in (
        "challenge.anti-party-group.succeeded",
        "challenge.anti-party-group.strike_day",
        "office.first-secretary.holder_at_end",
        "actor.molotov.side_at_end",
        "actor.saburov.deserted_day",
        "actor.malenkov.recanted_day",
        "actor.shepilov.sanction",
        "body.central-committee.convened_day",
    ):
        assert name in cols, name
        assert len(cols[name]) == 7
    assert cols["challenge.anti-party-group.succeeded"].dtype == bool
    assert np.issubdtype(cols["office.first-secretary.holder_at_end"].dtype, np.integer)
    assert (cols["challenge.anti-party-group.strike_day"] >= -1).all()
    assert batch.run_ids.tolist() == list(range(7)) and batch.seed == 2
    assert batch.traces is None


def test_days_are_offsets_and_never_is_minus_one(june_compiled: CompiledScenario) -> None:
    batch = simulate(june_compiled, seed=0, runs=3)
    strike = batch.columns["challenge.anti-party-group.strike_day"]
    assert (strike == june_compiled.offset(june_compiled.day(int(strike[0])))).all()
    assert (batch.columns["actor.khrushchev.deserted_day"] == -1).all()
