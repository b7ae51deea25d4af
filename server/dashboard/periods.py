"""The period a page shows: chosen from a list (calendar months, quarters, years, and the state
reporting periods cut from the 15th to the 14th) or as a range of days; this month by default."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desk.errors import DomainError
from desk.periods import CUTOFFS, DayRange, Period, PeriodKind, Span, parse_span, span_key
from server.dashboard.texts import day, read_day


@dataclass(frozen=True)
class Choice:
    span: Span
    error: str = ""  # the range typed could not be read: the default is shown instead

    @property
    def query(self) -> str:
        """The query string that chooses this period again (links, exports)."""
        if isinstance(self.span, DayRange):
            return f"tu={self.span.first.isoformat()}&den={self.span.last.isoformat()}"
        return f"ky={self.span_key}"

    @property
    def span_key(self) -> str:
        return span_key(self.span)

    @property
    def heading(self) -> str:
        """"Tháng 11/2026 (01/11/2026 – 30/11/2026)"."""
        span = self.span
        return f"{span.label} ({day(span.first_day)} – {day(span.last_day)})"


def choose(now: dt.datetime, ky: str = "", tu: str = "", den: str = "") -> Choice:
    default = Period.containing(now)
    try:
        if tu or den:
            return Choice(DayRange(_date(tu), _date(den)))
        return Choice(parse_span(ky) if ky else default)
    except DomainError as exc:
        return Choice(default, exc.message)


def _date(text: str) -> dt.date:
    try:
        return read_day(text)
    except ValueError as exc:
        raise DomainError("invalid_period", "Hãy nhập ngày bắt đầu và ngày kết thúc dạng "
                                            "ngày/tháng/năm, ví dụ 15/10/2026.") from exc


STATE = CUTOFFS["state"]


def options(now: dt.datetime) -> list[tuple[str, list[tuple[str, str]]]]:
    """The list to choose from, newest first: (group, [(key, label)])."""
    def back(kind: PeriodKind, count: int, start_day: int = 1) -> list[Period]:
        found = [Period.containing(now, kind, start_day)]
        while len(found) < count:
            found.append(Period.containing(found[-1].start - dt.timedelta(days=1), kind,
                                           start_day))
        return found

    state = [*back("month", 12, STATE), *back("quarter", 4, STATE), *back("year", 3, STATE)]
    return [
        ("Theo tháng", [(p.key, p.label) for p in back("month", 12)]),
        ("Theo quý", [(p.key, p.label) for p in back("quarter", 8)]),
        ("Theo năm", [(p.key, p.label) for p in back("year", 4)]),
        ("Kỳ báo cáo nhà nước (từ ngày 15 đến ngày 14)",
         [(span_key(p), f"{p.label}: {day(p.first_day)} – {day(p.last_day)}") for p in state]),
    ]
