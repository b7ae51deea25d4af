"""Opening the server's database from ``--db``: a SQLite file, or a PostgreSQL DSN.

Routes are plain ``def`` run in a thread pool, and peewee keeps one connection per thread;
PostgreSQL connections come from a pool and go back to it when a request ends.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import peewee
import platformdirs
from playhouse.pool import PooledPostgresqlDatabase

from models import db
from server.files import private_database, private_folder

ENV_DB = "MOTCUA_SERVER_DB"
# Pull hands out change-log rows by sequence. On PostgreSQL two transactions could commit their
# sequences out of order and a pull between them would skip the lower one forever; taking this
# lock right before writing the log makes commit order equal sequence order. The figures of
# server.figures are written under the same lock.
CHANGE_LOG_LOCK = 0x6D6F7463
SQLITE_PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "synchronous": "full",
                  "busy_timeout": 30_000}


def default_url() -> str:
    """``MOTCUA_SERVER_DB``, else a SQLite file in the per-user data folder."""
    if os.environ.get(ENV_DB):
        return os.environ[ENV_DB]
    folder = private_folder(Path(platformdirs.user_data_dir("MotCuaServer", appauthor=False)))
    return str(folder / "hub.sqlite3")


def connect(url: str) -> peewee.Database:
    """A handle for ``url`` (``postgresql://…`` or a SQLite path / ``sqlite:///path``)."""
    if url.startswith(("postgresql://", "postgres://")):
        return _postgresql(url)
    path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url
    if path != ":memory:" and not path.startswith("file:"):
        private_database(Path(path))
    # IMMEDIATE: a push takes the write lock at BEGIN, so concurrent pushes queue instead of
    # failing on a lock upgrade halfway through their transaction.
    return peewee.SqliteDatabase(path, pragmas=SQLITE_PRAGMAS, timeout=30,
                                 lock_type="IMMEDIATE")


def _postgresql(url: str) -> peewee.Database:
    parts = urlsplit(url)
    params = dict(parse_qsl(parts.query))
    return PooledPostgresqlDatabase(
        unquote(parts.path.lstrip("/")),
        user=unquote(parts.username or "") or None,
        password=unquote(parts.password or "") or None,
        host=parts.hostname or None,
        port=parts.port or 5432,
        encoding="UTF8",  # bulk writes hand COPY raw UTF-8 bytes
        # The app runs no more route threads than this (request_threads), so a burst of
        # requests queues for a thread and never times out waiting for a connection.
        max_connections=int(params.pop("pool", "20")),
        timeout=30,
        stale_timeout=300,
        **params,
    )


def request_threads(database: peewee.Database, others: int) -> int | None:
    """How many threads may run routes at once, or None to keep anyio's default (40).

    On PostgreSQL every route thread holds a pooled connection while it works, and a thread
    that finds the pool empty fails after ``timeout`` seconds: 300 desks pushing at once got
    500s that way. With no more route threads than connections (less ``others``, the
    background threads that use the pool too) a burst waits in the thread queue instead,
    however long it is, and every push goes through.
    """
    if not isinstance(database, PooledPostgresqlDatabase):
        return None  # SQLite: one connection per thread, nothing to run out of
    return max(1, database._max_connections - others)


def bind(database: peewee.Database) -> peewee.Database:
    db.initialize(database)
    return database


def is_postgresql(database: peewee.Database) -> bool:
    return isinstance(database, peewee.PostgresqlDatabase)
