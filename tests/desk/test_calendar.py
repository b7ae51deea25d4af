import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.calendar import DAY_OFF, WORKING_DAY, WorkingCalendar, WorkingHours
from desk.clock import VN_TZ
from tests.conftest import vn

CAL = WorkingCalendar()


@pytest.mark.parametrize(
    ("received", "value", "unit", "due"),
    [
        (vn(2026, 11, 23, 10), 1, "working_days", vn(2026, 11, 25, 10)),  # 24/11 holiday
        (vn(2026, 2, 13, 10), 1, "working_days", vn(2026, 2, 23, 10)),  # Tết 14–22/02
        (vn(2026, 8, 21, 14), 1, "working_days", vn(2026, 8, 22, 14)),  # make-up Saturday
        (vn(2026, 3, 5, 16, 30), 0, "same_day", vn(2026, 3, 6, 17)),  # after the cut-off
    ],
)
def test_domain_examples_of_appointments(received, value, unit, due):
    assert CAL.due_at(received, value, unit) == due


def test_received_during_lunch_ends_at_morning_session_end():
    assert CAL.due_at(vn(2026, 11, 19, 12, 0), 1, "working_days") == vn(2026, 11, 20, 11, 30)


def test_received_after_hours_counts_from_next_session():
    assert CAL.due_at(vn(2026, 11, 19, 18, 0), 1, "working_days") == vn(2026, 11, 20, 17, 0)


def test_received_on_sunday_counts_from_monday_morning():
    assert CAL.due_at(vn(2026, 11, 29, 9, 0), 3, "working_days") == vn(2026, 12, 2, 17, 0)


def test_working_hours_skip_lunch_break():
    assert CAL.due_at(vn(2026, 11, 19, 10, 0), 4, "working_hours") == vn(2026, 11, 19, 16, 0)


def test_same_day_before_cutoff_is_due_at_closing_time():
    assert CAL.due_at(vn(2026, 3, 5, 14, 59), 0, "same_day") == vn(2026, 3, 5, 17, 0)


def test_same_day_received_on_holiday_is_due_next_working_day():
    assert CAL.due_at(vn(2026, 9, 2, 9, 0), 0, "same_day") == vn(2026, 9, 3, 17, 0)


def test_swapped_monday_31_august_2026_is_a_day_off():
    assert not CAL.is_working_day(dt.date(2026, 8, 31))
    assert CAL.is_working_day(dt.date(2026, 8, 22))


def test_overrides_from_data_win_over_the_library():
    cal = WorkingCalendar(overrides={dt.date(2027, 3, 6): WORKING_DAY,
                                     dt.date(2027, 3, 8): DAY_OFF})
    assert cal.is_working_day(dt.date(2027, 3, 6))
    assert not cal.is_working_day(dt.date(2027, 3, 8))


def test_saturday_morning_office_counts_saturday_sessions():
    hours = WorkingHours(saturday_sessions=((dt.time(7, 30), dt.time(11, 30)),))
    cal = WorkingCalendar(hours=hours)
    assert cal.due_at(vn(2026, 11, 20, 16, 0), 2, "working_hours") == vn(2026, 11, 21, 8, 30)


def test_working_time_between_counts_only_sessions():
    spent = CAL.working_time_between(vn(2026, 11, 19, 11, 0), vn(2026, 11, 19, 14, 0))
    assert spent == dt.timedelta(minutes=60)


instants = st.datetimes(
    min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 12, 31),
).map(lambda d: d.replace(tzinfo=VN_TZ))
units = st.sampled_from([("working_days", 1), ("working_days", 3), ("working_days", 5),
                         ("working_hours", 4), ("same_day", 0)])


@settings(max_examples=300, deadline=None)
@given(instants, units)
def test_appointment_never_falls_on_a_day_off(received, unit):
    name, value = unit
    due = CAL.due_at(received, value, name).astimezone(VN_TZ)
    assert CAL.is_working_day(due.date())
    assert dt.time(7, 30) <= due.time() <= dt.time(17, 0)
    assert due > received


@settings(max_examples=300, deadline=None)
@given(instants, instants, units)
def test_appointment_is_monotonic_in_reception_time(a, b, unit):
    name, value = unit
    early, late = sorted((a, b))
    assert CAL.due_at(early, value, name) <= CAL.due_at(late, value, name)


@settings(max_examples=200, deadline=None)
@given(instants, st.integers(min_value=0, max_value=40 * 450))
def test_adding_working_time_then_measuring_it_gives_it_back(start, minutes):
    amount = dt.timedelta(minutes=minutes)
    end = CAL.add_working_time(start, amount)
    assert CAL.working_time_between(start, end) == amount


@settings(max_examples=200, deadline=None)
@given(instants, st.integers(min_value=1, max_value=30), st.integers(min_value=1, max_value=30))
def test_more_working_days_never_give_an_earlier_appointment(received, n, m):
    fewer, more = sorted((n, m))
    assert CAL.due_at(received, fewer, "working_days") <= CAL.due_at(received, more, "working_days")
    if fewer < more:
        assert CAL.due_at(received, fewer, "working_days") < CAL.due_at(received, more,
                                                                         "working_days")


def test_calendar_days_count_every_day_and_move_off_a_day_off():
    from desk.calendar import WorkingCalendar

    calendar = WorkingCalendar()
    # Received Mon 02/11/2026 10:00; 30 days later is Wed 02/12/2026 10:00, a working day.
    assert calendar.due_at(vn(2026, 11, 2, 10), 30, "calendar_days") == vn(2026, 12, 2, 10)
    # Received Thu 29/10/2026 10:00; 30 days later is Sat 28/11: the next working day, Mon.
    assert calendar.due_at(vn(2026, 10, 29, 10), 30, "calendar_days") == vn(2026, 11, 30, 10)
    # Received after hours: the period ends at that day's closing time.
    assert calendar.due_at(vn(2026, 11, 2, 19), 30, "calendar_days") == vn(2026, 12, 2, 17)


def test_24_november_2026_is_a_day_off_from_the_shipped_file_itself():
    import json
    from importlib import resources

    text = resources.files("desk").joinpath("data", "calendar_overrides.json").read_text("utf-8")
    data = json.loads(text)
    rows = {o["date"]: o for o in data["overrides"]}
    assert rows["2026-11-24"]["kind"] == "day_off"
    assert "80-NQ/TW" in rows["2026-11-24"]["note"]
    assert data["years"]["2027"]["status"] == "estimated"
    estimated = [d for d, o in rows.items() if o["kind"] == "estimated_off"]
    assert estimated and all(d.startswith("2027") for d in estimated)
    assert all("dự kiến" in rows[d]["note"] for d in estimated)
    # Without python-holidays' own 24/11 the file still makes it a day off.
    calendar = WorkingCalendar(overrides={dt.date.fromisoformat(d): o["kind"]
                                          for d, o in rows.items()})
    calendar._holidays.pop(dt.date(2026, 11, 24), None)
    assert not calendar.is_working_day(dt.date(2026, 11, 24))
    assert calendar.estimated_years == frozenset({2027})
    assert calendar.estimated_years_between(vn(2026, 12, 28, 9), vn(2027, 1, 5, 9)) == [2027]
    assert calendar.estimated_years_between(vn(2026, 12, 1, 9), vn(2026, 12, 3, 9)) == []
    assert not calendar.is_working_day(dt.date(2027, 2, 8))  # Tết 2027, estimated
