"""The late-bound database handle and the base of every table.

The handle is a proxy so that the desk, the server and the tests each bind it to their own
database (a SQLite file, a PostgreSQL DSN) after import, as Vorta's ``init_db`` does.
"""

from __future__ import annotations

import datetime as dt

import peewee

db = peewee.DatabaseProxy()


def utc_text(value: dt.datetime) -> str:
    """An aware instant as a UtcDateTimeField stores it; bulk writers format one once."""
    if value.tzinfo is None:
        raise ValueError("naive datetime refused; pass an aware instant")
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


class UtcDateTimeField(peewee.TextField):
    """An instant stored as ISO-8601 text in UTC, with its offset.

    Text sorts correctly in both SQLite and PostgreSQL, keeps the offset visible in the file,
    and avoids each driver's own idea of naive datetimes. Naive values are refused: a naive
    instant on a commune PC with a wrong zone setting is how appointments drift by seven hours.
    """

    def db_value(self, value: dt.datetime | None) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            return value
        return utc_text(value)

    def python_value(self, value: str | None) -> dt.datetime | None:
        if value is None:
            return None
        return dt.datetime.fromisoformat(value)


class BaseModel(peewee.Model):
    class Meta:
        database = db
        legacy_table_names = False
