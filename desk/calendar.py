"""Working days and appointments (DOMAIN.md "Working time and the appointment").

Working days are Monday to Friday minus Vietnam's public holidays as python-holidays knows them
(lunar dates, observed and swapped days), corrected by overrides kept as data: make-up working
days and extra days off that the government announces each year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import holidays

from desk.clock import VN_TZ

WORKING_DAY = "working_day"
DAY_OFF = "day_off"
# A day off of a year with no government notice yet (the library's estimate, kept in the
# overrides file so that it shows): a day off all the same, and its year is "dự kiến".
ESTIMATED_OFF = "estimated_off"
UNITS = ("working_days", "working_hours", "same_day", "calendar_days")
_SEARCH_LIMIT_DAYS = 3 * 366

Session = tuple[dt.time, dt.time]


@dataclass(frozen=True)
class WorkingHours:
    """Office hours: product defaults per office (DOMAIN.md), stored as settings."""

    sessions: tuple[Session, ...] = (
        (dt.time(7, 30), dt.time(11, 30)),
        (dt.time(13, 30), dt.time(17, 0)),
    )
    saturday_sessions: tuple[Session, ...] = ()
    same_day_cutoff: dt.time = dt.time(15, 0)

    @property
    def day_length(self) -> dt.timedelta:
        return sum((_span(s) for s in self.sessions), dt.timedelta())


def _span(session: Session) -> dt.timedelta:
    day = dt.date(2000, 1, 3)
    return dt.datetime.combine(day, session[1]) - dt.datetime.combine(day, session[0])


@dataclass
class WorkingCalendar:
    hours: WorkingHours = field(default_factory=WorkingHours)
    overrides: Mapping[dt.date, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._holidays = holidays.country_holidays("VN")
        self.estimated_years = frozenset(
            day.year for day, kind in self.overrides.items() if kind == ESTIMATED_OFF)

    # -- days ---------------------------------------------------------------------------------
    def sessions_of(self, day: dt.date) -> tuple[Session, ...]:
        """The sessions worked on ``day``; empty on a day off."""
        kind = self.overrides.get(day)
        if kind == WORKING_DAY:
            return self.hours.sessions
        if kind in (DAY_OFF, ESTIMATED_OFF) or day in self._holidays:
            return ()
        if day in self._holidays.weekend_workdays:
            return self.hours.sessions
        if day.weekday() < 5:
            return self.hours.sessions
        if day.weekday() == 5:
            return self.hours.saturday_sessions
        return ()

    def is_working_day(self, day: dt.date) -> bool:
        return bool(self.sessions_of(day))

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        for offset in range(1, _SEARCH_LIMIT_DAYS):
            candidate = day + dt.timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError(f"no working day within {_SEARCH_LIMIT_DAYS} days of {day}")

    def holiday_name(self, day: dt.date) -> str | None:
        return self._holidays.get(day)

    def estimated_years_between(self, start: dt.datetime, end: dt.datetime) -> list[int]:
        """The estimated years an appointment from `start` to `end` is counted across."""
        first, last = (t.astimezone(VN_TZ).year for t in (start, end))
        return [y for y in range(first, last + 1) if y in self.estimated_years]

    # -- working time -------------------------------------------------------------------------
    def _intervals_from(self, start: dt.datetime) -> Iterator[tuple[dt.datetime, dt.datetime]]:
        """Working intervals (local, aware) from ``start`` onwards, the first one clipped."""
        local = start.astimezone(VN_TZ)
        day = local.date()
        for _ in range(_SEARCH_LIMIT_DAYS):
            for begin_t, end_t in self.sessions_of(day):
                begin = dt.datetime.combine(day, begin_t, VN_TZ)
                end = dt.datetime.combine(day, end_t, VN_TZ)
                if end > local:
                    yield max(begin, local), end
            day += dt.timedelta(days=1)
        raise ValueError(f"calendar has no working time within {_SEARCH_LIMIT_DAYS} days")

    def add_working_time(self, start: dt.datetime, amount: dt.timedelta) -> dt.datetime:
        """The earliest instant at which ``amount`` of working time has passed since ``start``."""
        remaining = amount
        for begin, end in self._intervals_from(start):
            if remaining <= end - begin:
                return (begin + remaining).astimezone(dt.UTC)
            remaining -= end - begin
        raise AssertionError("unreachable: _intervals_from raises first")

    def working_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Working time in [start, end); zero when end is not after start."""
        total = dt.timedelta()
        if end <= start:
            return total
        for begin, stop in self._intervals_from(start):
            if begin >= end:
                break
            total += min(stop, end) - begin
        return total

    # -- appointments -------------------------------------------------------------------------
    def due_at(self, received_at: dt.datetime, value: int, unit: str) -> dt.datetime:
        """The appointment for a procedure taking ``value`` ``unit`` received at an instant."""
        if unit == "working_days":
            return self.add_working_time(received_at, self.hours.day_length * value)
        if unit == "working_hours":
            return self.add_working_time(received_at, dt.timedelta(hours=value))
        if unit == "same_day":
            return self._same_day_due(received_at)
        if unit == "calendar_days":
            return self._calendar_days_due(received_at, value)
        raise ValueError(f"unknown processing unit {unit!r}")

    def _calendar_days_due(self, received_at: dt.datetime, days: int) -> dt.datetime:
        """n calendar days later at the same clock time (e.g. land-dispute conciliation, 30
        days); a period ending on a day off ends at the same time on the next working day
        (Civil Code 2015, art. 148), and a time outside the sessions at that day's closing."""
        local = received_at.astimezone(VN_TZ)
        day = local.date() + dt.timedelta(days=days)
        if not self.is_working_day(day):
            day = self.next_working_day(day)
        sessions = self.sessions_of(day)
        clock = local.time().replace(tzinfo=None)
        inside = any(begin <= clock <= end for begin, end in sessions)
        at = clock if inside else sessions[-1][1]
        return dt.datetime.combine(day, at, VN_TZ).astimezone(dt.UTC)

    def _same_day_due(self, received_at: dt.datetime) -> dt.datetime:
        local = received_at.astimezone(VN_TZ)
        day = local.date()
        if not (self.is_working_day(day) and local.time() < self.hours.same_day_cutoff):
            day = self.next_working_day(day)
        closing = self.sessions_of(day)[-1][1]
        return dt.datetime.combine(day, closing, VN_TZ).astimezone(dt.UTC)
