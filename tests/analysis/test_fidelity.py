"""Fidelity checks: each kind of target, on runs whose events are known."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from politburo.analysis.fidelity import check_fidelity, evaluate
from politburo.engine import compile_scenario, simulate
from politburo.errors import PolitburoError
from politburo.scenario import load_scenario
from politburo.scenario.schema import (
    EventTarget,
    MeetingTarget,
    MembershipTarget,
    OfficeTarget,
    OrderTarget,
    VoteTarget,
)

CITE = [{"assumption": "a target written for the test"}]


@pytest.fixture(scope="module")
def batch():  # type: ignore[no-untyped-def]
    model = load_scenario("zhukov-1957").model
    return simulate(compile_scenario(model), seed=0, runs=4)


def test_office_target_follows_the_removal(batch) -> None:  # type: ignore[no-untyped-def]
    before = OfficeTarget(id="a", description="", kind="office", date=dt.date(1957, 10, 10),
                          actor="zhukov", office="defence-minister", cite=CITE)
    after = before.model_copy(update={"date": dt.date(1957, 10, 30)})
    assert evaluate(batch, before).all()
    assert not evaluate(batch, after).any()


def test_membership_target_reads_the_seat_events(batch) -> None:  # type: ignore[no-untyped-def]
    seated = MembershipTarget(id="m", description="", kind="membership",
                              date=dt.date(1957, 10, 10), actor="zhukov", body="presidium",
                              rank="full", cite=CITE)
    gone = seated.model_copy(update={"date": dt.date(1957, 11, 5), "rank": None})
    assert evaluate(batch, seated).all() and evaluate(batch, gone).all()


def test_meeting_vote_event_and_order_targets(batch) -> None:  # type: ignore[no-untyped-def]
    meeting = MeetingTarget(id="x", description="", kind="meeting", date=dt.date(1957, 10, 19),
                            body="presidium", absent=["zhukov"], present=["khrushchev"],
                            cite=CITE)
    assert evaluate(batch, meeting).all()
    wrong = meeting.model_copy(update={"absent": ["khrushchev"]})
    assert not evaluate(batch, wrong).any()
    vote = VoteTarget(id="v", description="", kind="vote", body="presidium", motion="remove",
                      subject="zhukov", start=dt.date(1957, 10, 19), end=dt.date(1957, 10, 19),
                      passed=True, no=0, cite=CITE)
    assert evaluate(batch, vote).all()
    assert not evaluate(batch, vote.model_copy(update={"passed": False})).any()
    event = EventTarget(id="e", description="", kind="event", event="appeal", cite=CITE,
                        happens=False)
    assert evaluate(batch, event).all()
    order = OrderTarget(id="o", description="", kind="order", event="removed",
                        groups=[["zhukov"]], never=["khrushchev"], cite=CITE)
    assert evaluate(batch, order).all()
    assert isinstance(evaluate(batch, order), np.ndarray)


def test_unknown_event_kind_is_a_user_error() -> None:
    model = load_scenario("zhukov-1957").model
    target = EventTarget(id="e", description="", kind="event", event="coronation", cite=CITE)
    broken = model.model_copy(update={"record": [target]})
    with pytest.raises(PolitburoError):
        check_fidelity(broken, runs=2)


def test_report_shares_and_json() -> None:
    report = check_fidelity(load_scenario("october-1964").model, runs=30, seed=1)
    data = report.to_json()
    assert data["runs"] == 30 and len(data["targets"]) == len(report.rows)
    assert all(0.0 <= r.share <= 1.0 for r in report.rows)
