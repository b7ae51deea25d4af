"""Bulk writes and batch lookups, on SQLite and on PostgreSQL (where they go by COPY and arrays):
every value comes back exactly as written, and skipped conflicts skip only what is there."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import peewee
import pytest

from models import Applicant, db
from models.bulk import bulk_insert
from models.hub import ChangeLog
from models.hub_migrations import HUB_MIGRATIONS
from models.migrations import migrate
from server.database import connect
from server.ingest.lookup import column_map
from tests.sync.harness import bound, choose_dialect, hub_url

DIALECTS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)]
AWKWARD = ["tab\there", "line\nbreak", "cr\rreturn", "back\\slash", "\\N", "\\", "",
           "Đặng Thị Ánh Tuyết", "quote \" and , comma", "{braces}", "tail space "]


@contextlib.contextmanager
def migrated(tmp_path: Path) -> Iterator[peewee.Database]:
    with hub_url(tmp_path) as url:
        database = connect(url)
        with bound(database), database.connection_context():
            migrate(database, HUB_MIGRATIONS, app_version="test")
            yield database
        database.close()


@pytest.fixture(params=DIALECTS)
def hub_db(request, tmp_path, monkeypatch):
    choose_dialect(request.param, monkeypatch)
    with migrated(tmp_path) as database:
        yield database


@pytest.fixture
def sqlite_db(tmp_path, monkeypatch):
    monkeypatch.delenv("MOTCUA_TEST_PG", raising=False)
    with migrated(tmp_path) as database:
        yield database


def applicant(n: int, name: str, birth: dt.date | None = None) -> dict:
    return {"id": f"a{n:03d}", "commune_code": "26734", "name": name, "id_number": "079203001234",
            "phone": "", "address": name, "email": "", "birth_date": birth, "sex": ""}


def stored_applicants() -> dict[str, tuple]:
    query = Applicant.select(Applicant.id, Applicant.name, Applicant.address,
                             Applicant.birth_date).tuples()
    return {row[0]: row[1:] for row in query}


def test_awkward_text_nulls_and_dates_come_back_exactly(hub_db):
    rows = [applicant(n, text, dt.date(1990, 1, n + 1) if n % 2 else None)
            for n, text in enumerate(AWKWARD)]
    with db.atomic():
        bulk_insert(Applicant, rows)
    assert stored_applicants() == {
        r["id"]: (r["name"], r["address"], r["birth_date"]) for r in rows}


def test_appends_take_instants_as_text_and_as_datetimes(hub_db):
    at = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)
    rows = [{"commune_code": "26734", "kind": "event", "record_id": f"r{n}",
             "origin_device": "d", "payload": text, "created_at": stamp}
            for n, (text, stamp) in enumerate([("{\"a\":\"\\\\N\"}", at),
                                               ("x\ty", "2026-11-23T08:30:00.000000+00:00")])]
    bulk_insert(ChangeLog, rows)
    stored = list(ChangeLog.select().where(ChangeLog.record_id.in_(["r0", "r1"]))
                  .order_by(ChangeLog.record_id))
    assert [c.payload for c in stored] == [r["payload"] for r in rows]
    assert [c.created_at for c in stored] == [at, at]


def test_skipping_conflicts_keeps_what_is_stored_in_and_out_of_a_transaction(hub_db):
    bulk_insert(Applicant, [applicant(1, "first")], ignore_conflicts=True)  # no transaction
    with db.atomic():
        bulk_insert(Applicant, [applicant(1, "changed"), applicant(2, "second")],
                    ignore_conflicts=True)
        bulk_insert(Applicant, [applicant(2, "again"), applicant(3, "third")],
                    ignore_conflicts=True)  # the same staging table, twice in one transaction
    assert {k: v[0] for k, v in stored_applicants().items()} == {
        "a001": "first", "a002": "second", "a003": "third"}


def test_without_skipping_a_stored_key_fails_and_the_transaction_writes_nothing(hub_db):
    bulk_insert(Applicant, [applicant(1, "first")])
    with pytest.raises(Exception), db.atomic():  # noqa: B017 - each driver has its own class
        bulk_insert(Applicant, [applicant(2, "second"), applicant(1, "again")])
    assert set(stored_applicants()) == {"a001"}


def test_lookups_find_exactly_the_keys_asked_for(hub_db):
    rows = [applicant(n, text) for n, text in enumerate(AWKWARD)]
    bulk_insert(Applicant, rows)
    wanted = [r["id"] for r in rows[::2]] + ["missing", 'a"quote', "a\\back"]
    found = column_map(Applicant.id, Applicant.name, wanted)
    assert found == {r["id"]: r["name"] for r in rows[::2]}
    by_name = column_map(Applicant.name, Applicant.id, AWKWARD)
    assert by_name == {r["name"]: r["id"] for r in rows}
    assert column_map(Applicant.id, Applicant.name, []) == {}


def test_sqlite_lookups_go_in_chunks_under_the_parameter_limit(sqlite_db):
    rows = [applicant(n, f"người {n}") for n in range(1200)]
    bulk_insert(Applicant, rows)
    found = column_map(Applicant.id, Applicant.name, [r["id"] for r in rows] * 30)
    assert len(found) == 1200
