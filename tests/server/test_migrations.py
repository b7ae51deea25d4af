"""One test per server migration, on SQLite and on PostgreSQL: it applies, it is recorded, and
the schema it leaves is exactly what the peewee models describe (so the models cannot drift)."""

from __future__ import annotations

import peewee
import pytest

from models import DOSSIER_TABLES, REFERENCE_TABLES, SchemaVersion
from models.hub import HUB_TABLES
from models.hub_migrations import HUB_MIGRATIONS
from models.migrations import SchemaTooNewError, current_version, migrate, pending
from server.database import connect
from tests.sync.harness import bound, choose_dialect, hub_url

SERVER_TABLES = [SchemaVersion, *REFERENCE_TABLES, *DOSSIER_TABLES, *HUB_TABLES]
DIALECTS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)]


@pytest.fixture(params=DIALECTS)
def fresh(request, tmp_path, monkeypatch):
    choose_dialect(request.param, monkeypatch)
    with hub_url(tmp_path) as url:
        database = connect(url)
        with bound(database), database.connection_context():
            yield database
        database.close()


def columns_of(database: peewee.Database, table: str) -> set[str]:
    return {c.name for c in database.get_columns(table)}


def test_every_step_leaves_every_server_table_as_the_models_describe_it(fresh):
    steps = [m.version for m in HUB_MIGRATIONS]
    assert pending(fresh, HUB_MIGRATIONS) == steps
    assert migrate(fresh, HUB_MIGRATIONS) == steps
    assert current_version(fresh) == steps[-1]
    for model in SERVER_TABLES:
        table = model._meta.table_name
        assert columns_of(fresh, table) == {f.column_name for f in model._meta.sorted_fields}, table
    assert not fresh.table_exists("outbox")  # desk-only tables stay on the desk
    assert migrate(fresh, HUB_MIGRATIONS) == []


def test_a_database_from_a_newer_server_is_refused(fresh):
    migrate(fresh, HUB_MIGRATIONS)
    SchemaVersion.update(version=99).execute()
    with pytest.raises(SchemaTooNewError):
        migrate(fresh, HUB_MIGRATIONS)


def test_step_2_keeps_devices_enrolled_under_version_1_with_no_release_yet(fresh):
    migrate(fresh, HUB_MIGRATIONS[:1])
    fresh.execute_sql(
        "INSERT INTO device (id, commune_code, name, secret_hash, bundle_key, created_at, "
        "acked_seq, pending_reported) VALUES ('d-1', '26734', '', 'h', 'k', "
        "'2026-11-23T03:00:00.000000+00:00', 7, 0)")
    assert migrate(fresh, HUB_MIGRATIONS[:2]) == [2]
    row = fresh.execute_sql("SELECT acked_seq, app_version FROM device WHERE id = 'd-1'")
    assert row.fetchone() == (7, "")
