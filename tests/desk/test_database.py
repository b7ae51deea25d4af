import sqlite3

import peewee
import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from desk import dbkey
from desk.database import open_database
from desk.errors import DomainError
from models import DESK_TABLES, db
from models.migrations import DESK_MIGRATIONS, Migration, current_version, migrate
from tests.conftest import CLOCK_START, FixedClock, models_as_of

CLOCK = FixedClock(CLOCK_START)


def keyed(path, key_of=None):
    """A raw SQLCipher connection on a desk file, as a maintenance tool with the key would."""
    conn = sqlcipher.connect(str(path))
    conn.execute(f'PRAGMA key = "{dbkey.sqlcipher_key(dbkey.require(key_of or path))}"')
    return conn


def columns(handle, table):
    return {row[1] for row in handle.execute_sql(f'PRAGMA table_info("{table}")').fetchall()}


def test_migrated_schema_matches_the_models(database):
    handle = db.obj
    for model in DESK_TABLES:
        declared = {f.column_name for f in model._meta.sorted_fields}
        assert columns(handle, model._meta.table_name) == declared, model.__name__


def test_database_runs_in_wal_mode_with_foreign_keys(database):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopening_applies_nothing(database):
    assert current_version(db.obj) == DESK_MIGRATIONS[-1].version
    assert migrate(db.obj) == []


def test_a_newer_database_is_refused_untouched(tmp_path):
    path = tmp_path / "future.sqlite3"
    open_database(path, now=CLOCK).close()
    with keyed(path) as conn:
        conn.execute("UPDATE schema_version SET version = 999")
    conn.close()
    with pytest.raises(DomainError) as caught:
        open_database(path, now=CLOCK)
    assert caught.value.code == "schema_too_new"
    with keyed(path) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == 999
    conn.close()


def test_failed_migration_step_rolls_back_with_its_version_bump(database):
    def broken(handle: peewee.Database) -> None:
        handle.execute_sql('CREATE TABLE "half_done" ("x" INTEGER)')
        raise RuntimeError("power cut")

    latest = DESK_MIGRATIONS[-1].version
    steps = [*DESK_MIGRATIONS, Migration(latest + 1, "broken", broken)]
    with pytest.raises(RuntimeError):
        migrate(db.obj, steps)
    assert current_version(db.obj) == latest
    assert not db.obj.table_exists("half_done")


def test_database_is_backed_up_before_an_upgrade(tmp_path, monkeypatch):
    from desk import database as module

    path = tmp_path / "motcua.sqlite3"
    open_database(path, now=CLOCK).close()
    extra = Migration(DESK_MIGRATIONS[-1].version + 1, "add column", lambda h: h.execute_sql(
        'ALTER TABLE "setting" ADD COLUMN "note" TEXT'))
    monkeypatch.setattr(module, "DESK_MIGRATIONS", (*DESK_MIGRATIONS, extra))
    open_database(path, now=CLOCK).close()
    backups = list((tmp_path / "backups").glob("*.sqlite3"))
    assert [b.name for b in backups] == ["motcua-20261123T030000Z.sqlite3"]  # named by the clock
    with pytest.raises(sqlite3.DatabaseError):  # encrypted like the database itself
        sqlite3.connect(backups[0]).execute("SELECT 1 FROM schema_version").fetchall()
    with keyed(backups[0], key_of=path) as conn:
        version = conn.execute("SELECT version FROM schema_version").fetchone()[0]
    conn.close()
    assert version == DESK_MIGRATIONS[-1].version


def test_a_version_1_file_with_dossiers_upgrades_to_the_queue_indexes(tmp_path, monkeypatch):
    """A desk installed with release 1 keeps its dossiers through the upgrade."""
    from desk import audit, intake, setup
    from desk.context import load_context
    from desk.database import connect
    from tests.conftest import AGENCY
    from tests.desk.test_intake import PERSON

    path = tmp_path / "motcua.sqlite3"
    old = connect(path, None)  # release 1 wrote plain SQLite files
    db.initialize(old)
    migrate(old, DESK_MIGRATIONS[:1])
    with monkeypatch.context() as release_1, models_as_of(old, DESK_TABLES):
        release_1.setattr(audit, "record", lambda *args, **kwargs: None)  # no audit trail yet
        setup.initialize("26734", "Xã Tân Phú", AGENCY, now=CLOCK)
        made = intake.receive(load_context(now=CLOCK), intake.IntakeRequest("1.001193", PERSON),
                              now=CLOCK)
    old.close()

    upgraded = open_database(path, now=CLOCK)
    assert current_version(upgraded) == DESK_MIGRATIONS[-1].version
    indexes = {row[1] for row in upgraded.execute_sql('PRAGMA index_list("dossier")')}
    assert "dossier_status_due_at" in indexes
    assert list((tmp_path / "backups").glob("*.sqlite3"))
    from models import Dossier

    assert Dossier.get(Dossier.code == made.code).applicant.name == "Đặng Văn Đức"


def test_a_version_2_file_keeps_its_parked_records_and_learns_when_records_are_parked(
        tmp_path, monkeypatch):
    """Rows parked before version 3 keep their refusal; their time stays unknown (NULL)."""
    from desk import audit, intake, setup
    from desk.context import load_context
    from desk.database import connect
    from desk.sync import parked
    from tests.desk.test_intake import PERSON

    path = tmp_path / "motcua.sqlite3"
    old = connect(path, None)
    db.initialize(old)
    migrate(old, DESK_MIGRATIONS[:2])
    with monkeypatch.context() as release_2, models_as_of(old, DESK_TABLES):
        release_2.setattr(audit, "record", lambda *args, **kwargs: None)  # no audit trail yet
        setup.initialize("26734", "Xã Tân Phú", "000.00.12.H12", now=CLOCK)
        intake.receive(load_context(now=CLOCK), intake.IntakeRequest("1.001193", PERSON), now=CLOCK)
    old.execute_sql("UPDATE outbox SET state = 'parked', error = 'unknown_procedure: x'")
    old.close()

    upgraded = open_database(path, now=CLOCK)
    assert current_version(upgraded) == DESK_MIGRATIONS[-1].version
    listed = parked.parked_records()
    assert [(r.code, r.parked_at) for r in listed] == [("unknown_procedure", None)] * 2
    assert parked.requeue() == [1, 2]
