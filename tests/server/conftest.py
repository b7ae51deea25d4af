"""Server tests: the sync harness (real server, keyring in memory), and a server database
opened in this process with a fixed clock, for tests that read and write it directly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import peewee
import pytest

from models import Commune, Procedure, db
from models.hub import Device
from server.bootstrap import open_hub
from server.communes import add_commune
from tests.conftest import FixedClock, vn
from tests.server.live import serving
from tests.server.records import uid
from tests.sync.conftest import AN_BINH, TAN_PHU, desk_factory, hub, memory_keyring  # noqa: F401
from tests.sync.harness import hub_url

NOW = vn(2026, 12, 1, 9, 0)


@pytest.fixture
def server_clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def server_db(tmp_path: Path, server_clock: FixedClock) -> Iterator[peewee.Database]:
    """A migrated server database bound to ``models.db`` in this process, with the two
    communes of the sync tests registered."""
    previous = db.obj
    with hub_url(tmp_path) as url:
        database = open_hub(url, now=server_clock)
        try:
            with database.connection_context():
                for commune in (TAN_PHU, AN_BINH):
                    add_commune(*commune, province_name="Đồng Nai")
                yield database
        finally:
            database.close()
            db.initialize(previous)


@pytest.fixture
def dashboard(server_db, server_clock) -> Iterator[str]:
    """The dashboard served over ``server_db`` with the fixed clock; yields its base URL."""
    with serving(server_clock) as base:
        yield base


def device_of(commune: str, when: dt.datetime = NOW) -> Device:
    return Device.create(id=uid(), commune_code=commune, name=f"Máy tiếp nhận {commune}",
                         secret_hash="0" * 64, bundle_key="0" * 64, created_at=when)


def two_procedures() -> tuple[str, str]:
    """Two procedures of different fields from the catalogue the server loaded."""
    first = Procedure.select().order_by(Procedure.code).first()
    other = (Procedure.select().where(Procedure.field != first.field)
             .order_by(Procedure.code).first())
    return first.code, other.code


def commune(code: str) -> Commune:
    return Commune.get_by_id(code)
