"""The server's migrations, on SQLite and on PostgreSQL: each applies and is recorded, and the
schema they leave is exactly what the peewee models describe (column types and lengths, nulls,
primary keys, indexes and foreign keys), so the models cannot drift from the migrations."""

from __future__ import annotations

import contextlib
import datetime as dt

import peewee
import pytest

from desk.reports import BASE_FIGURES
from models import DOSSIER_TABLES, REFERENCE_TABLES, SchemaVersion
from models.hub import FIGURE_COLUMNS, HUB_TABLES, SERVER_INDEXES, DashboardUser
from models.hub_migrations import HUB_MIGRATIONS
from models.migrations import SchemaTooNewError, current_version, migrate, pending
from server.database import connect, is_postgresql
from tests.server.schema import schema_of
from tests.sync.harness import bound, choose_dialect, hub_url

SERVER_TABLES = [SchemaVersion, *REFERENCE_TABLES, *DOSSIER_TABLES, *HUB_TABLES]
DIALECTS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)]
SEARCH = "dossier_search"  # server.search's index: no model describes it (tested below)


@contextlib.contextmanager
def fresh_database(tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    with hub_url(folder) as url:
        database = connect(url)
        with bound(database), database.connection_context():
            yield database
        database.close()


@pytest.fixture(params=DIALECTS)
def fresh(request, tmp_path, monkeypatch):
    choose_dialect(request.param, monkeypatch)
    with fresh_database(tmp_path, "migrated") as database:
        yield database


def reference_schema(tmp_path):
    """The schema the models describe, made by peewee itself on a second database."""
    with fresh_database(tmp_path, "reference") as database:
        database.create_tables(SERVER_TABLES)
        for table, columns, unique in SERVER_INDEXES:
            name = "_".join((table, *columns))
            quoted = ", ".join(f'"{c}"' for c in columns)
            database.execute_sql(f'CREATE {"UNIQUE " if unique else ""}INDEX "{name}" ON '
                                 f'"{table}" ({quoted})')
        return schema_of(database)


def test_every_step_leaves_the_schema_the_models_describe(fresh, tmp_path):
    assert pending(fresh, HUB_MIGRATIONS) == [m.version for m in HUB_MIGRATIONS]
    assert migrate(fresh, HUB_MIGRATIONS) == [m.version for m in HUB_MIGRATIONS]
    assert current_version(fresh) == HUB_MIGRATIONS[-1].version
    migrated = {name: table for name, table in schema_of(fresh).items()
                if not name.startswith(SEARCH)}
    reference = reference_schema(tmp_path)
    assert sorted(migrated) == sorted(reference)
    for name in reference:
        assert migrated[name].columns == reference[name].columns, name
        assert migrated[name].indexes == reference[name].indexes, name
        assert migrated[name].foreign_keys == reference[name].foreign_keys, name
    assert not fresh.table_exists("outbox")  # desk-only tables stay on the desk
    assert migrate(fresh, HUB_MIGRATIONS) == []


def test_the_search_index_is_a_word_prefix_index_on_either_dialect(fresh):
    migrate(fresh, HUB_MIGRATIONS)
    if is_postgresql(fresh):
        table = schema_of(fresh, [SEARCH])[SEARCH]
        assert table.columns["terms"] == ("TSVECTOR", False, False)
        assert (("terms",), False, "gin") in table.indexes
        assert (("commune_code", "received_at"), False, "btree") in table.indexes
        assert ("dossier_id", "dossier", "id", "CASCADE") in table.foreign_keys
    else:
        sql = fresh.execute_sql("SELECT sql FROM sqlite_master WHERE name = ?",
                                (SEARCH,)).fetchone()[0]
        assert "fts5" in sql and "remove_diacritics 2" in sql and "tokenchars '.-'" in sql


def test_the_missing_list_indexes_are_there(fresh):
    migrate(fresh, HUB_MIGRATIONS)
    tables = schema_of(fresh, ["dossier", "applicant"])
    assert (("status", "due_at"), False, "btree") in tables["dossier"].indexes
    assert (("name",), False, "btree") in tables["applicant"].indexes


def test_every_figure_of_the_reports_has_its_column():
    assert set(FIGURE_COLUMNS) == set(BASE_FIGURES) - {"carried_over"}


def test_step_2_keeps_devices_enrolled_under_version_1_with_no_release_yet(fresh):
    migrate(fresh, HUB_MIGRATIONS[:1])
    fresh.execute_sql(
        "INSERT INTO device (id, commune_code, name, secret_hash, bundle_key, created_at, "
        "acked_seq, pending_reported) VALUES ('d-1', '26734', '', 'h', 'k', "
        "'2026-11-23T03:00:00.000000+00:00', 7, 0)")
    assert migrate(fresh, HUB_MIGRATIONS[:2]) == [2]
    row = fresh.execute_sql("SELECT acked_seq, app_version FROM device WHERE id = 'd-1'")
    assert row.fetchone() == (7, "")


def test_accounts_of_earlier_versions_become_province_staff(fresh):
    migrate(fresh, HUB_MIGRATIONS[:4])
    marks = ", ".join([fresh.param] * 5)
    fresh.execute_sql(
        'INSERT INTO "dashboard_user" ("username", "password_hash", "display_name", "active", '
        f'"created_at") VALUES ({marks})',
        ("huyen", "scrypt$x", "", True, dt.datetime(2026, 1, 1, tzinfo=dt.UTC).isoformat()))
    assert migrate(fresh, HUB_MIGRATIONS) == [5]
    user = DashboardUser.get(DashboardUser.username == "huyen")
    assert (user.role, user.commune_code, user.password_changed_at) == ("province", None, None)


def test_a_database_from_a_newer_server_is_refused(fresh):
    migrate(fresh, HUB_MIGRATIONS)
    SchemaVersion.update(version=99).execute()
    with pytest.raises(SchemaTooNewError):
        migrate(fresh, HUB_MIGRATIONS)


def test_a_failed_step_leaves_the_previous_version_whole(fresh):
    migrate(fresh, HUB_MIGRATIONS[:4])
    broken = [*HUB_MIGRATIONS[:4], HUB_MIGRATIONS[4].__class__(
        5, "broken", lambda database: (HUB_MIGRATIONS[4].apply(database), 1 / 0))]
    with pytest.raises(ZeroDivisionError):
        migrate(fresh, broken)
    assert current_version(fresh) == 4
    assert "role" not in {c.name for c in fresh.get_columns("dashboard_user")}
    with pytest.raises(peewee.DatabaseError), fresh.atomic():
        fresh.execute_sql('SELECT * FROM "figure_commune"')
