"""Days, months and years as buckets: a day's counts go into its day, its month and its year,
and any run of days is read back as a few runs of whole buckets of each grain."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

FIRST = dt.date(1900, 1, 1)  # before any dossier: "everything before a day" starts here


@dataclass(frozen=True)
class Run:
    """Buckets of one grain whose first day is in [low, high)."""

    grain: str
    low: dt.date
    high: dt.date


def buckets_of(day: dt.date) -> tuple[tuple[str, dt.date], ...]:
    return (("d", day), ("m", day.replace(day=1)), ("y", dt.date(day.year, 1, 1)))


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + 1, 1, 1) if day.month == 12 else dt.date(day.year, day.month + 1, 1)


def runs(low: dt.date, high: dt.date) -> list[Run]:
    """Runs of whole buckets that together cover the days of [low, high) exactly once."""
    found: list[Run] = []
    day = low
    while day < high:
        grain, after = _largest(day, high)
        if found and found[-1].grain == grain and found[-1].high == day:
            found[-1] = Run(grain, found[-1].low, after)
        else:
            found.append(Run(grain, day, after))
        day = after
    return found


def _largest(day: dt.date, high: dt.date) -> tuple[str, dt.date]:
    """The largest bucket starting on ``day`` that ends by ``high``, and the day after it."""
    if day.month == 1 and day.day == 1 and dt.date(day.year + 1, 1, 1) <= high:
        return "y", dt.date(day.year + 1, 1, 1)
    if day.day == 1 and _next_month(day) <= high:
        return "m", _next_month(day)
    return "d", day + dt.timedelta(days=1)


def before(day: dt.date) -> list[Run]:
    """The runs covering every day before ``day``."""
    return runs(FIRST, day)
