"""Opening the desk's database: SQLCipher with the key from the keyring, WAL, foreign keys, a
backup, then pending migrations. A plain file from before encryption is encrypted first."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import peewee
from playhouse.sqlcipher_ext import SqlCipherDatabase
from sqlcipher3 import dbapi2 as sqlcipher

from desk import __version__, audit, dbkey, encryption, reference
from desk.clock import Now
from desk.errors import DomainError
from desk.paths import backups_dir
from models import db
from models.migrations import DESK_MIGRATIONS, SchemaTooNewError, migrate, pending

log = logging.getLogger(__name__)

# synchronous=FULL: a printed receipt whose dossier vanished in a power cut is worse than a few
# milliseconds per intake. busy_timeout lets the window and a CLI call share the file. The page
# cache holds decrypted pages: SQLCipher pays AES and HMAC on every miss, so 64 MB per connection
# (a few connections at most) keeps a search from decrypting the same FTS pages again and again
# (bench/encryption.py: a name search over 50,000 dossiers went from 25 ms to 4.5 ms p50).
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "full",
    "busy_timeout": 10_000,
    "cache_size": -64_000,
}

WRONG_KEY = ("Không mở được dữ liệu bằng khóa đang lưu trong kho khóa của máy (khóa sai, hoặc "
             "tệp dữ liệu đã hỏng). Nếu có bản in khóa khôi phục, hãy chạy «motcua key "
             "restore»; nếu tệp hỏng, hãy khôi phục bản sao lưu (motcua restore).")


class EncryptedDatabase(SqlCipherDatabase):
    """SQLCipher 4 with a raw 256-bit key: opening a connection runs no key derivation."""

    def _connect(self) -> Any:
        params = dict(self.connect_params)
        key = params.pop("passphrase")
        conn = sqlcipher.connect(self.database, isolation_level=None, **params)
        try:
            # A wrong key is our own Vietnamese message, not SQLCipher's lines on stderr.
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(f'PRAGMA key = "{key}"')
            self._add_conn_hooks(conn)
        except Exception:
            conn.close()
            raise
        return conn


def connect(path: Path, key: bytes | None) -> peewee.SqliteDatabase:
    """A peewee handle on ``path`` with the desk's pragmas (each thread gets its connection);
    ``key=None`` is a plain SQLite file, for the benchmark that compares the two."""
    # IMMEDIATE: a writer takes the lock at BEGIN, so two writers queue instead of one failing
    # with "database is locked" when it tries to upgrade a read lock mid-transaction.
    if key is None:
        return peewee.SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=10,
                                     lock_type="IMMEDIATE")
    return EncryptedDatabase(str(path), passphrase=dbkey.sqlcipher_key(key), pragmas=PRAGMAS,
                             timeout=10, lock_type="IMMEDIATE")


def key_for(path: Path) -> bytes:
    """This file's key: made for a new database, required for an existing one. A plain file
    from before encryption gets a key and is encrypted in place (backed up, checked)."""
    fresh = not path.exists() or path.stat().st_size == 0
    key = dbkey.load(path)
    if key is None and (fresh or encryption.is_plain(path)):
        key = dbkey.create(path)
    if key is None:
        raise DomainError("missing_database_key", dbkey.MISSING_KEY)
    if not fresh and encryption.is_plain(path):
        encryption.convert_in_place(path, key, backups_dir(path.parent))
    return key


def open_database(path: Path, *, now: Now) -> peewee.SqliteDatabase:
    """Bind the models to ``path``, migrating it first (after a backup, named by ``now``, if
    it had data)."""
    converting = encryption.is_plain(path)
    database = connect(path, key_for(path))
    try:
        database.connect(reuse_if_open=True)
        todo = pending(database, DESK_MIGRATIONS)
    except SchemaTooNewError as exc:
        database.close()
        raise DomainError(
            "schema_too_new",
            "Dữ liệu này do phiên bản mới hơn của phần mềm tạo ra. "
            "Hãy cài phiên bản mới nhất trước khi mở.",
        ) from exc
    except peewee.DatabaseError as exc:
        database.close()
        raise DomainError("cannot_open_database", WRONG_KEY) from exc
    if todo and todo[0] > 1:
        backup(database, path, now=now)
    db.initialize(database)
    applied = migrate(database, DESK_MIGRATIONS, app_version=__version__)
    if applied:
        log.info("migrated %s to schema version %s", path.name, applied[-1])
    if converting:
        audit.record("encrypted", actor="", target=path.name, now=now)
    with db.atomic():  # a new release's catalogue and calendar reach an existing desk
        for kind in reference.refresh_packaged(reference.DESK, "shipped"):
            log.info("applied this release's %s", kind)
    return database


def backup(database: peewee.SqliteDatabase, path: Path, folder: Path | None = None, *,
           now: Now) -> Path:
    """A consistent, encrypted copy before a schema upgrade (VACUUM INTO keeps the key),
    named by ``now``."""
    stamp = now().strftime("%Y%m%dT%H%M%SZ")
    target = (folder or backups_dir(path.parent)) / f"{path.stem}-{stamp}.sqlite3"
    target.unlink(missing_ok=True)
    database.execute_sql("VACUUM INTO ?", (str(target),))
    log.info("backed up database to %s", target)
    return target
