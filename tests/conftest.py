"""Shared fixtures: a real SQLite file per test, an initialised office, a fixed clock.

``--clock-shift-weeks N`` moves the fixed clock (and the test server's, tests.sync.harness) N
weeks ahead of its usual instant, so a suite written against ``clock`` can be run years away
from the wall clock: whatever still reads the wall clock then disagrees with the test by years
(tests/test_one_clock.py runs the time-sensitive suites that way). Whole weeks keep weekdays.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import keyring
import peewee
import pytest

from desk import setup
from desk.clock import VN_TZ
from desk.context import DeskContext, load_context
from desk.database import open_database
from models import db

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Cheap argon2 parameters for the many accounts tests make (their subprocesses inherit it);
# the shipped app never sets this and hashes with RFC 9106's parameters.
os.environ["MOTCUA_PASSWORD_HASH"] = "fast"


def pytest_configure(config: pytest.Config) -> None:
    """Database keys (and device secrets) go to a keyring file of this test process, which the
    `motcua` subprocesses a test starts inherit; never to the keyring of whoever runs the tests.

    A hook, not an import-time statement: a child script that imports a test module (for its
    clock) imports this file too, and must keep the file it inherited, or it stores its keys
    where the test never looks. Each xdist worker runs the hook, so each has its own file."""
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.sync.keyrings.JsonFileKeyring"
    os.environ["MOTCUA_TEST_KEYRING_FILE"] = str(
        Path(tempfile.mkdtemp(prefix="motcua-test-keys-")) / "keys.json")


AGENCY = "000.00.12.H12"
SHIFT_OPTION = "--clock-shift-weeks"


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """An instant given in Vietnam time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


@pytest.fixture(autouse=True)
def test_keyring() -> Iterator[None]:
    from tests.sync.keyrings import JsonFileKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(JsonFileKeyring())
    yield
    keyring.set_keyring(previous)
# A Monday at the counter: the instant every test's clock starts from, unless shifted.
CLOCK_START = vn(2026, 11, 23, 10, 0)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(SHIFT_OPTION, type=int, default=0, metavar="N",
                     help="move the tests' fixed clock N weeks ahead (clock independence)")


@pytest.fixture(scope="session")
def clock_start(request: pytest.FixtureRequest) -> dt.datetime:
    """Where ``clock`` starts: CLOCK_START, moved by --clock-shift-weeks."""
    return CLOCK_START + dt.timedelta(weeks=request.config.getoption(SHIFT_OPTION))


@pytest.fixture
def clock(clock_start: dt.datetime) -> FixedClock:
    return FixedClock(clock_start)


@pytest.fixture
def database(tmp_path: Path, clock: FixedClock) -> Iterator[Path]:
    path = tmp_path / "motcua.sqlite3"
    handle = open_database(path, now=clock)
    yield path
    handle.close()
    db.initialize(None)


@pytest.fixture
def office(database: Path, clock: FixedClock) -> DeskContext:
    setup.initialize("26734", "Xã Tân Phú", AGENCY, province_name="Đồng Nai",
                     governing_body="UBND TỈNH ĐỒNG NAI", clerk_name="Trần Thị Hồng",
                     now=clock)
    return load_context(now=clock)


class FixedClock:
    """A settable clock passed as ``now=`` to services."""

    def __init__(self, start: dt.datetime) -> None:
        self.value = start.astimezone(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.value

    def set(self, instant: dt.datetime) -> None:
        self.value = instant.astimezone(dt.UTC)

    def advance(self, **delta: float) -> None:
        self.value += dt.timedelta(**delta)

@contextlib.contextmanager
def models_as_of(database: peewee.Database, models: Sequence[type[peewee.Model]]) -> Iterator[None]:
    """Write through today's models into a file an older release made: the fields its schema
    lacks are left out while the block runs, as that release's models had them."""
    hidden = []
    for model in models:
        present = {c.name for c in database.get_columns(model._meta.table_name)}
        for field in list(model._meta.sorted_fields):
            if field.column_name not in present:
                model._meta.remove_field(field.name)
                delattr(model, field.name)  # its accessor would still carry the value
                hidden.append((model, field))
    try:
        yield
    finally:
        for model, field in hidden:
            model._meta.add_field(field.name, field)
