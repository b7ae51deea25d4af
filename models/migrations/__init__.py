"""Numbered schema migrations, applied in order at start, each in its own transaction.

A step and its version bump share one transaction, so a power cut mid-migration leaves the
database at the previous version, never between two.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import peewee

from models.local import SchemaVersion


class SchemaTooNewError(Exception):
    """The database was written by a newer release of the app."""

    def __init__(self, found: int, known: int) -> None:
        super().__init__(f"database schema version {found} is newer than this release ({known})")
        self.found = found
        self.known = known


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[peewee.Database], None]


def sql_file(name: str) -> Callable[[peewee.Database], None]:
    """A step that runs a frozen SQL file shipped beside this module, statement by statement."""

    def run(database: peewee.Database) -> None:
        text = importlib.resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
        for statement in _statements(text):
            database.execute_sql(statement)

    return run


def _statements(script: str) -> list[str]:
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";\n") if s.strip().rstrip(";")]


DESK_MIGRATIONS: Sequence[Migration] = (
    Migration(1, "initial schema", sql_file("m0001_initial.sql")),
    Migration(2, "work-queue indexes", sql_file("m0002_queue_indexes.sql")),
    Migration(3, "outbox parked_at", sql_file("m0003_outbox_parked_at.sql")),
    Migration(4, "dossier notify", sql_file("m0004_dossier_notify.sql")),
    Migration(5, "parked pulled changes", sql_file("m0005_parked_change.sql")),
    Migration(6, "accounts", sql_file("m0006_accounts.sql")),
    Migration(7, "audit trail", sql_file("m0007_audit.sql")),
)


def current_version(database: peewee.Database) -> int:
    if not database.table_exists("schema_version"):
        return 0
    row = database.execute_sql("SELECT version FROM schema_version WHERE id = 1").fetchone()
    return int(row[0]) if row else 0


def pending(database: peewee.Database, steps: Sequence[Migration] = DESK_MIGRATIONS) -> list[int]:
    """Versions still to apply; raises if the file is newer than the steps we know."""
    found = current_version(database)
    known = steps[-1].version
    if found > known:
        raise SchemaTooNewError(found, known)
    return [m.version for m in steps if m.version > found]


def migrate(
    database: peewee.Database,
    steps: Sequence[Migration] = DESK_MIGRATIONS,
    app_version: str = "",
) -> list[int]:
    """Apply every pending step; return the versions applied."""
    todo = set(pending(database, steps))
    applied: list[int] = []
    for step in steps:
        if step.version not in todo:
            continue
        with database.atomic():
            step.apply(database)
            SchemaVersion.insert(id=1, version=step.version, app_version=app_version).on_conflict(
                conflict_target=[SchemaVersion.id],
                update={
                    SchemaVersion.version: step.version,
                    SchemaVersion.app_version: app_version,
                },
            ).execute()
        applied.append(step.version)
    return applied
