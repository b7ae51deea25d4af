"""The seeded commune of scenario.py, written once per test into a real SQLite file."""

from __future__ import annotations

import pytest

from tests.conftest import FixedClock, vn
from tests.reports.scenario import Counter, december, october_and_november

# Reports are asked "as of" explicit instants; the clock only stamps the recording.
BEFORE_DECEMBER = vn(2026, 12, 1, 8)
MID_DECEMBER = vn(2026, 12, 10, 12)
AT_BEFORE_DECEMBER, AT_MID_DECEMBER = FixedClock(BEFORE_DECEMBER), FixedClock(MID_DECEMBER)


@pytest.fixture
def counter(office) -> Counter:
    counter = Counter(office, FixedClock(MID_DECEMBER))
    october_and_november(counter)
    return counter


@pytest.fixture
def full_counter(counter: Counter) -> Counter:
    december(counter)
    return counter
