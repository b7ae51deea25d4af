"""Reporting periods beyond desk.periods.Period's own tests: keys that name the cut-off
(calendar or the state regime's 15th-to-14th) and free ranges of days, all read back."""

from __future__ import annotations

import datetime as dt

import pytest

from desk.errors import DomainError
from desk.periods import DayRange, Period, parse_span, span_key
from tests.conftest import vn


@pytest.mark.parametrize(("key", "first", "last"), [
    ("BC-2026-11", dt.date(2026, 10, 15), dt.date(2026, 11, 14)),
    ("BC-2026-01", dt.date(2025, 12, 15), dt.date(2026, 1, 14)),
    ("BC-2026-Q1", dt.date(2025, 12, 15), dt.date(2026, 3, 14)),
    ("BC-2026", dt.date(2025, 12, 15), dt.date(2026, 12, 14)),
    ("2026-11", dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
    ("2026-11-03_2026-11-20", dt.date(2026, 11, 3), dt.date(2026, 11, 20)),
    ("2026-Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
])
def test_every_kind_of_period_reads_back_from_its_key(key, first, last):
    span = parse_span(key)
    assert (span_key(span), span.first_day, span.last_day) == (key, first, last)
    assert span.start == dt.datetime.combine(first, dt.time(), span.start.tzinfo)
    assert span.contains(vn(last.year, last.month, last.day, 23, 59))
    assert not span.contains(span.end)


def test_the_state_key_of_a_day_moves_on_at_the_15th():
    assert span_key(Period.containing(vn(2026, 11, 14, 23, 59), "month", 15)) == "BC-2026-11"
    assert span_key(Period.containing(vn(2026, 11, 15, 0, 0), "month", 15)) == "BC-2026-12"
    assert span_key(Period.containing(vn(2026, 12, 15), "year", 15)) == "BC-2027"


@pytest.mark.parametrize("key", ["BC-2026-13", "BC-2026-Q5", "2026-11-20_2026-11-03",
                                 "2026-02-30_2026-03-01", "BC-26", "tháng 11"])
def test_a_bad_key_is_refused_in_vietnamese(key):
    with pytest.raises(DomainError) as caught:
        parse_span(key)
    assert caught.value.code == "invalid_period"


def test_a_range_names_the_months_it_touches():
    assert DayRange(dt.date(2026, 11, 20), dt.date(2027, 1, 3)).months() == [
        Period.month(2026, 11), Period.month(2026, 12), Period.month(2027, 1)]
