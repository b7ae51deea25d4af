"""The upstream server's numbered migrations: frozen SQL per dialect, run by the desk's runner.

Each step ships one file per dialect (``sNNNN_name.sqlite.sql``, ``sNNNN_name.postgresql.sql``),
written once and never edited, so an old server database upgrades exactly as it did when the
step was released. A test compares the migrated schema with the peewee models on both
dialects, so a model change without a new step fails at once instead of drifting.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Callable, Sequence

import peewee

from models.migrations import Migration


def dialect_of(database: peewee.Database) -> str:
    return "postgresql" if isinstance(database, peewee.PostgresqlDatabase) else "sqlite"


def frozen_sql(stem: str) -> Callable[[peewee.Database], None]:
    """A step that runs ``<stem>.<dialect>.sql`` shipped beside this module."""

    def run(database: peewee.Database) -> None:
        name = f"{stem}.{dialect_of(database)}.sql"
        text = importlib.resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
        for statement in _statements(text):
            database.execute_sql(statement)

    return run


def _statements(script: str) -> list[str]:
    """One statement per line in these files: drop the comments, split on the semicolons."""
    lines = [line for line in script.splitlines() if line.strip() and not line.startswith("--")]
    return [line.rstrip().rstrip(";") for line in lines]


HUB_MIGRATIONS: Sequence[Migration] = (
    Migration(1, "initial server schema", frozen_sql("s0001_initial")),
    Migration(2, "the desk release each device last synced with",
              frozen_sql("s0002_device_app_version")),
    Migration(3, "dossier notify", frozen_sql("s0003_dossier_notify")),
    Migration(4, "settings and notices", frozen_sql("s0004_notices")),
    Migration(5, "dashboard: roles, throttling, figures per day, search, list indexes",
              frozen_sql("s0005_dashboard")),
)
