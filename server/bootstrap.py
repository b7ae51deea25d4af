"""Opening the server's database: bind, run pending numbered migrations, load reference data,
build the tables derived from the dossiers if a migration has just made them."""

from __future__ import annotations

import logging

import peewee

from desk.clock import Now
from models.hub_migrations import HUB_MIGRATIONS
from models.migrations import migrate
from server import __version__, derived, reference
from server.database import bind, connect

log = logging.getLogger(__name__)


def open_hub(url: str, *, now: Now) -> peewee.Database:
    database = bind(connect(url))
    with database.connection_context():
        applied = migrate(database, HUB_MIGRATIONS, app_version=__version__)
        if applied:
            log.info("server schema migrated to version %s", applied[-1])
        for kind in reference.ensure_loaded(now=now):
            log.info("loaded and published this release's %s", kind)
        derived.ensure_built(now=now)
    return database
