"""The figure tables built whole from the dossiers: after the migration that made them, and
whenever ``derived`` finds them unbuilt. Commune by commune, so memory stays small at
millions of dossiers.

On PostgreSQL the communes are counted by worker processes, one per core: counting is Python
work (folding each dossier's events), so one process would leave the other cores idle while a
province of millions of dossiers takes an hour. Every worker reads through the snapshot this
transaction exports (``SET TRANSACTION SNAPSHOT``, as ``pg_dump --jobs`` does), so all of them
count the very dossiers this transaction sees; only this process writes, in this transaction.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import peewee

from desk.report_source import histories_where
from models import Dossier, db
from models.hub import FIGURE_TABLES
from server.database import bind, is_postgresql
from server.figures import store
from server.figures.contribution import contribution

log = logging.getLogger(__name__)
MAX_WORKERS = 4  # past a few processes the one writer and the database's disk are the limit

Counted = tuple[str, store.Rows, int]


def rebuild(workers: int | None = None) -> int:
    """Empty the figure tables and add every dossier again; returns the dossiers counted.
    ``workers``: counting processes (default: one per core, one on SQLite)."""
    counted = 0
    with db.atomic():
        for table in FIGURE_TABLES:
            table.delete().execute()
        communes = sorted(c for (c,) in Dossier.select(Dossier.commune_code).distinct().tuples())
        province: dict = defaultdict(Counter)
        for commune, rows, count in _counted(communes, _workers(workers, len(communes))):
            store.write_rows(rows, province=False)
            for key, counts in rows.province.items():
                province[key].update(counts)
            counted += count
            log.info("figures of commune %s: %d dossiers", commune, count)
        store.write_province(province)
    return counted


def _workers(asked: int | None, communes: int) -> int:
    if not is_postgresql(db.obj):
        return 1  # SQLite: one small commune's server, and a snapshot cannot be shared
    wanted = asked if asked is not None else min(os.cpu_count() or 1, MAX_WORKERS)
    return max(1, min(wanted, communes))


def _counted(communes: list[str], workers: int) -> Iterator[Counted]:
    if workers == 1:
        yield from map(count_commune, communes)
        return
    snapshot = db.execute_sql("SELECT pg_export_snapshot()").fetchone()[0]
    database = db.obj
    # spawn, not fork: a forked child would share this process's database connections.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_attach,
                             initargs=(database.database, database.connect_params,
                                       snapshot)) as pool:
        yield from pool.map(count_commune, communes)


def _attach(name: str, params: dict[str, Any], snapshot: str) -> None:
    """In a worker: one read-only transaction on the parent's snapshot, kept for its life."""
    database = bind(peewee.PostgresqlDatabase(name, **params))
    database.connect()
    database.execute_sql("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    database.execute_sql("SET TRANSACTION SNAPSHOT %s", (snapshot,))


def count_commune(commune: str) -> Counted:
    """What one commune's dossiers add to each figure table, and how many they are."""
    delta = store.Delta()
    histories = histories_where(Dossier.commune_code == commune)
    for history in histories:
        made = contribution(history)
        delta.add(made, +1)
        if made.irregular:
            delta.irregular[made.dossier_id] = made.commune_code
    return commune, store.rows_of(delta), len(histories)
