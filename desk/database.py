"""Opening the desk's SQLite file: WAL, foreign keys, a backup, then pending migrations."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import peewee

from desk import __version__, reference
from desk.clock import Now
from desk.errors import DomainError
from desk.paths import backups_dir
from models import db
from models.migrations import DESK_MIGRATIONS, SchemaTooNewError, migrate, pending

log = logging.getLogger(__name__)

# synchronous=FULL: a printed receipt whose dossier vanished in a power cut is worse than a few
# milliseconds per intake. busy_timeout lets the window and a CLI call share the file.
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "full",
    "busy_timeout": 10_000,
    "cache_size": -16_000,
}


def connect(path: Path) -> peewee.SqliteDatabase:
    """A peewee handle on ``path`` with the desk's pragmas (each thread gets its connection)."""
    # IMMEDIATE: a writer takes the lock at BEGIN, so two writers queue instead of one failing
    # with "database is locked" when it tries to upgrade a read lock mid-transaction.
    return peewee.SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=10, lock_type="IMMEDIATE")


def open_database(path: Path, *, now: Now) -> peewee.SqliteDatabase:
    """Bind the models to ``path``, migrating it first (after a backup, named by ``now``, if
    it had data)."""
    database = connect(path)
    database.connect(reuse_if_open=True)
    try:
        todo = pending(database, DESK_MIGRATIONS)
    except SchemaTooNewError as exc:
        database.close()
        raise DomainError(
            "schema_too_new",
            "Dữ liệu này do phiên bản mới hơn của phần mềm tạo ra. "
            "Hãy cài phiên bản mới nhất trước khi mở.",
        ) from exc
    if todo and todo[0] > 1:
        backup(database, path, now=now)
    db.initialize(database)
    applied = migrate(database, DESK_MIGRATIONS, app_version=__version__)
    if applied:
        log.info("migrated %s to schema version %s", path.name, applied[-1])
    with db.atomic():  # a new release's catalogue and calendar reach an existing desk
        for kind in reference.refresh_packaged(reference.DESK, "shipped"):
            log.info("applied this release's %s", kind)
    return database


def backup(database: peewee.SqliteDatabase, path: Path, folder: Path | None = None, *,
           now: Now) -> Path:
    """A consistent copy through SQLite's backup API (safe while the file is in use)."""
    stamp = now().strftime("%Y%m%dT%H%M%SZ")
    target = (folder or backups_dir(path.parent)) / f"{path.stem}-{stamp}.sqlite3"
    with sqlite3.connect(str(target)) as copy:
        database.connection().backup(copy)
    copy.close()
    log.info("backed up database to %s", target)
    return target
