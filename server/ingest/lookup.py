"""Key-to-value lookups over a batch's worth of keys in one or a few plain statements.

peewee composes a 500-element ``IN`` list parameter by parameter, which costs more than the
query itself; PostgreSQL takes the whole list as one array literal (``= ANY``; psycopg2 adapts
a Python list element by element, a string at once), SQLite in chunks.
"""

from __future__ import annotations

from typing import Any

import peewee

from models import db

SQLITE_CHUNK = 500  # well under SQLite's bound-parameter limit


def column_map(key: peewee.Field, value: peewee.Field, keys: list[str]) -> dict[str, Any]:
    """``{key: value}`` for the rows of ``key.model`` whose ``key`` is among ``keys``.

    Both fields must store what Python gets back (text or integers): no conversion is done.
    """
    if not keys:
        return {}
    table = key.model._meta.table_name
    head = f'SELECT "{key.column_name}", "{value.column_name}" FROM "{table}" WHERE '
    if isinstance(db.obj, peewee.PostgresqlDatabase):
        cursor = db.execute_sql(head + f'"{key.column_name}" = ANY(%s::text[])',
                                (_array_literal(keys),))
        return dict(cursor.fetchall())
    found: dict[str, Any] = {}
    for start in range(0, len(keys), SQLITE_CHUNK):
        chunk = keys[start:start + SQLITE_CHUNK]
        marks = ", ".join("?" for _ in chunk)
        found.update(db.execute_sql(head + f'"{key.column_name}" IN ({marks})', chunk).fetchall())
    return found


def _array_literal(keys: list[str]) -> str:
    """``{"a","b"}``: a PostgreSQL text array, every element quoted and escaped."""
    quoted = (k.replace("\\", "\\\\").replace('"', '\\"') for k in keys)
    return "{" + ",".join(f'"{k}"' for k in quoted) + "}"
