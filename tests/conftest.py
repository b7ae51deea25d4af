"""Shared fixtures: a real SQLite file per test, an initialised office, a fixed clock."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import keyring
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
# Database keys (and device secrets) go to a keyring file of this test process, which the
# `motcua` subprocesses a test starts inherit; never to the keyring of whoever runs the tests.
os.environ["PYTHON_KEYRING_BACKEND"] = "tests.sync.keyrings.JsonFileKeyring"
os.environ["MOTCUA_TEST_KEYRING_FILE"] = str(
    Path(tempfile.mkdtemp(prefix="motcua-test-keys-")) / "keys.json")

AGENCY = "000.00.12.H12"


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


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "motcua.sqlite3"
    handle = open_database(path)
    yield path
    handle.close()
    db.initialize(None)


@pytest.fixture
def office(database: Path) -> DeskContext:
    setup.initialize("26734", "Xã Tân Phú", AGENCY, province_name="Đồng Nai",
                     governing_body="UBND TỈNH ĐỒNG NAI", clerk_name="Trần Thị Hồng")
    return load_context()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(vn(2026, 11, 23, 10, 0))


class FixedClock:
    """A settable clock passed as ``now=`` to services."""

    def __init__(self, start: dt.datetime) -> None:
        self.value = start.astimezone(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.value

    def set(self, instant: dt.datetime) -> None:
        self.value = instant.astimezone(dt.UTC)
