"""Intervals that end before they start are refused, by one rule, wherever they appear."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from politburo.scenario.schema import CalendarEvent
from politburo.scenario.schema.common import Dated, check_order

DAY = dt.date(1957, 6, 18)
CITE = {"assumption": "for the test only"}


def test_check_order_allows_open_and_one_day_intervals() -> None:
    check_order(DAY, DAY)
    check_order(None, DAY)
    check_order(DAY, None)
    check_order(None, None)


def test_check_order_names_both_days() -> None:
    with pytest.raises(ValueError, match="end 1957-06-17 is before start 1957-06-18"):
        check_order(DAY, DAY - dt.timedelta(days=1))


def test_dated_facts_and_calendar_events_use_the_rule() -> None:
    earlier = DAY - dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="end 1957-06-17 is before start 1957-06-18"):
        Dated(start=DAY, end=earlier, cite=[CITE])
    with pytest.raises(ValidationError, match="end 1957-06-17 is before start 1957-06-18"):
        CalendarEvent(
            id="plenum", name="plenum", start=DAY, end=earlier, place="moscow", cite=[CITE]
        )
    assert Dated(start=DAY, cite=[CITE]).covers(DAY + dt.timedelta(days=100))
