"""Reporting periods: a month, a quarter or a year, bounded in Vietnam time.

A period runs from 00:00 of its first day to 00:00 of the day after its last (exclusive), both
in Asia/Ho_Chi_Minh: a dossier received at 23:30 on 31 October belongs to October even though
it is already 1 November in UTC.

Two cut-offs: calendar months (``start_day=1``, for internal use), or the state reporting
regime's (``start_day=15``, Decree 09/2019/NĐ-CP art. 12 as Circular 01/2020/TT-VPCP applies it
to the procedure report): the month of November runs from 15 October to 14 November, the
fourth quarter from 15 September to 14 December, the year from 15 December to 14 December.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from desk.clock import VN_TZ
from desk.errors import DomainError

PeriodKind = Literal["month", "quarter", "year"]
CUTOFFS = {"calendar": 1, "state": 15}
ROMAN = ("I", "II", "III", "IV")
_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})-[Qq]([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})$"), "year"),
)


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period; ``number`` is the month (1-12), the quarter (1-4), or 1 for a year."""

    year: int
    kind: PeriodKind
    number: int = 1
    start_day: int = 1  # 1: calendar months; 15: the state regime's 15th-to-14th

    def __post_init__(self) -> None:
        top = {"month": 12, "quarter": 4, "year": 1}[self.kind]
        if not (1 <= self.number <= top and 2000 <= self.year <= 2100):
            raise DomainError("invalid_period", "Kỳ báo cáo không hợp lệ.")
        if self.start_day not in CUTOFFS.values():
            raise DomainError("invalid_period", "Ngày chốt kỳ báo cáo phải là 1 hoặc 15.")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(year, "month", month)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        return cls(year, "quarter", quarter)

    @classmethod
    def whole_year(cls, year: int) -> Period:
        return cls(year, "year", 1)

    @classmethod
    def parse(cls, text: str, start_day: int = 1) -> Period:
        """``2026-11``, ``2026-Q4`` or ``2026`` (the keys ``key`` gives back)."""
        for pattern, kind in _PATTERNS:
            found = pattern.match(text.strip())
            if found:
                number = int(found.group(2)) if kind != "year" else 1
                try:
                    return cls(int(found.group(1)), kind, number, start_day)
                except DomainError:
                    break
        raise DomainError(
            "invalid_period", f"Kỳ báo cáo «{text}» không hợp lệ (ví dụ: 2026-11, 2026-Q4, 2026)."
        )

    @classmethod
    def containing(
        cls, instant: dt.datetime, kind: PeriodKind = "month", start_day: int = 1
    ) -> Period:
        local = instant.astimezone(VN_TZ).date()
        if start_day > 1 and local.day >= start_day:  # from the 15th: next month's period
            local = (local.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        number = {"month": local.month, "quarter": (local.month - 1) // 3 + 1, "year": 1}[kind]
        return cls(local.year, kind, number, start_day)

    @property
    def key(self) -> str:
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        return str(self.year)

    @property
    def label(self) -> str:
        """How the report's title names the period: "Tháng 11/2026", "Quý IV/2026", "Năm 2026"."""
        if self.kind == "month":
            return f"Tháng {self.number:02d}/{self.year}"
        if self.kind == "quarter":
            return f"Quý {ROMAN[self.number - 1]}/{self.year}"
        return f"Năm {self.year}"

    @property
    def first_day(self) -> dt.date:
        return _shifted(dt.date(self.year, self._first_month, 1), self.start_day)

    @property
    def last_day(self) -> dt.date:
        return self._next_first_day - dt.timedelta(days=1)

    @property
    def start(self) -> dt.datetime:
        """00:00 of the first day, Vietnam time (inclusive)."""
        return dt.datetime.combine(self.first_day, dt.time(), VN_TZ)

    @property
    def end(self) -> dt.datetime:
        """00:00 of the day after the last day, Vietnam time (exclusive)."""
        return dt.datetime.combine(self._next_first_day, dt.time(), VN_TZ)

    def contains(self, instant: dt.datetime) -> bool:
        return self.start <= instant < self.end

    def months(self) -> list[Period]:
        """The months the period is made of, in order (for the charts)."""
        first = self._first_month
        count = {"month": 1, "quarter": 3, "year": 12}[self.kind]
        return [Period(self.year, "month", m, self.start_day) for m in range(first, first + count)]

    @property
    def _first_month(self) -> int:
        if self.kind == "month":
            return self.number
        if self.kind == "quarter":
            return 3 * (self.number - 1) + 1
        return 1

    @property
    def _next_first_day(self) -> dt.date:
        last_month = self._first_month + {"month": 0, "quarter": 2, "year": 11}[self.kind]
        if last_month == 12:
            return _shifted(dt.date(self.year + 1, 1, 1), self.start_day)
        return _shifted(dt.date(self.year, last_month + 1, 1), self.start_day)


def _shifted(first_of_month: dt.date, start_day: int) -> dt.date:
    """The period's boundary for the month starting `first_of_month`: that 1st, or the
    `start_day` of the month before (the state regime's 15th)."""
    if start_day == 1:
        return first_of_month
    return (first_of_month - dt.timedelta(days=1)).replace(day=start_day)


# -- Free ranges, and keys for every period --------------------------------------------------
# A free range is any run of whole days; it answers what desk.reports asks of a ``Period``
# (start, end, key, label, first_day, last_day, contains, months). A period's key names its
# cut-off too: the state regime's November is "BC-2026-11" where the calendar's is "2026-11".

STATE_PREFIX = "BC-"
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$")
MAX_RANGE_DAYS = 20 * 366


@dataclass(frozen=True, order=True)
class DayRange:
    """Whole days from ``first`` to ``last`` (both included), Vietnam time."""

    first: dt.date
    last: dt.date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise DomainError("invalid_period", "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")
        if (self.last - self.first).days > MAX_RANGE_DAYS or not (
                self.first.year >= 2000 and self.last.year <= 2100):
            raise DomainError("invalid_period", "Khoảng thời gian quá dài hoặc ngoài phạm vi.")

    @property
    def key(self) -> str:
        return f"{self.first.isoformat()}_{self.last.isoformat()}"

    @property
    def label(self) -> str:
        return "Khoảng thời gian tự chọn"

    @property
    def first_day(self) -> dt.date:
        return self.first

    @property
    def last_day(self) -> dt.date:
        return self.last

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.first, dt.time(), VN_TZ)

    @property
    def end(self) -> dt.datetime:
        return dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time(), VN_TZ)

    def contains(self, instant: dt.datetime) -> bool:
        return self.start <= instant < self.end

    def months(self) -> list[Period]:
        """The calendar months the range touches."""
        out, year, month = [], self.first.year, self.first.month
        while (year, month) <= (self.last.year, self.last.month):
            out.append(Period.month(year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out


Span = Period | DayRange


def span_key(span: Span) -> str:
    """``2026-11``, ``BC-2026-11`` (the state cut-off), ``2026-11-03_2026-11-20``."""
    if isinstance(span, Period) and span.start_day != 1:
        return STATE_PREFIX + span.key
    return span.key


def parse_span(text: str) -> Span:
    """A period from ``span_key``'s form: ``2026-11``, ``2026-Q4``, ``2026``; the state
    regime's ``BC-2026-11``, ``BC-2026-Q4``, ``BC-2026``; or whole days
    ``2026-11-03_2026-11-20``."""
    text = text.strip()
    if text.upper().startswith(STATE_PREFIX):
        return Period.parse(text[len(STATE_PREFIX):], start_day=CUTOFFS["state"])
    found = _RANGE.match(text)
    if found:
        try:
            first, last = (dt.date.fromisoformat(g) for g in found.groups())
        except ValueError as exc:
            raise DomainError("invalid_period", f"Ngày trong «{text}» không hợp lệ.") from exc
        return DayRange(first, last)
    return Period.parse(text)
