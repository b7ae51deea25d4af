"""Many rows into one table in few statements, on SQLite and PostgreSQL alike.

peewee's query builder spends more time composing a 500-row INSERT than the database spends
running it, so rows are converted once by the fields themselves and sent as plain tuples. On
PostgreSQL everything goes by COPY, several times faster than any INSERT (psycopg2 adapts
parameter lists slowly and the server parses literals slowly). COPY cannot skip conflicting
rows, so rows that may already be there go through a per-connection temporary staging table
first and then into the table with ``INSERT ... SELECT ... ON CONFLICT DO NOTHING``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import operator
from typing import Any

import peewee

from models.base import UtcDateTimeField, db

# COPY's NULL, told apart from a text "\\N" by identity: writers return this very object.
NULL = "\\N"
COPY_CHUNK = 1 << 20  # bytes handed to libpq per call; psycopg2's 8 KB means a call per row


def bulk_insert(model: type[peewee.Model], rows: list[dict[str, Any]],
                ignore_conflicts: bool = False) -> None:
    """Insert ``rows`` (dicts keyed by field name, all with the same keys) into ``model``.

    With ``ignore_conflicts`` a row whose key is already present is skipped silently.
    """
    if not rows:
        return
    fields = [model._meta.fields[name] for name in rows[0]]
    table, columns = model._meta.table_name, [f.column_name for f in fields]
    if isinstance(db.obj, peewee.PostgresqlDatabase):
        _copy(table, columns, _copy_lines(fields, rows), ignore_conflicts)
        return
    convert = [(f.name, _converter(f)) for f in fields]
    values = [tuple([c(row[n]) for n, c in convert]) for row in rows]
    verb = "INSERT OR IGNORE" if ignore_conflicts else "INSERT"
    marks = ", ".join("?" for _ in fields)
    db.cursor().executemany(
        f'{verb} INTO "{table}" ({_quoted(columns)}) VALUES ({marks})', values)


def _copy_lines(fields: list[peewee.Field], rows: list[dict[str, Any]]) -> str:
    """The rows in COPY's text format, each value through its field's own conversion."""
    names = [f.name for f in fields]
    take = operator.itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
    # Required plain-text columns (most of them) are taken as they are, in C; only the others
    # (numbers, instants, nullable columns) go through a Python conversion.
    special = [(i, _text_writer(f)) for i, f in enumerate(fields)
               if _plain_type(f) is not str or f.null]
    writers = [_text_writer(f) for f in fields]
    tabs = len(fields) - 1
    lines = []
    for row in rows:
        values = list(take(row))
        for i, write in special:
            values[i] = write(values[i])
        try:
            line = "\t".join(values)
        except TypeError:  # a text column given something else: convert every value
            values = [w(v) for w, v in zip(writers, take(row), strict=True)]
            line = "\t".join(values)
        # Text rarely holds a tab, newline or backslash: check the whole line once and
        # escape value by value only when one is there (the NULLs bring one backslash each).
        if (line.count("\t") != tabs or "\n" in line or "\r" in line
                or ("\\" in line and line.count("\\") != sum(v is NULL for v in values))):
            line = "\t".join([v if v is NULL else _escaped(v) for v in values])
        lines.append(line)
    return "\n".join(lines) + "\n"


def _copy(table: str, columns: list[str], text: str, ignore_conflicts: bool) -> None:
    names = _quoted(columns)
    if not ignore_conflicts:
        db.cursor().copy_expert(f'COPY "{table}" ({names}) FROM STDIN', _stream(text),
                                size=COPY_CHUNK)
        return
    # ON COMMIT DELETE ROWS empties the staging table at commit, so the COPY and the INSERT
    # must share one transaction even when the caller has none open.
    with db.atomic():
        cursor = db.cursor()
        stage = _staging_table(cursor, table, columns)
        cursor.copy_expert(f'COPY "{stage}" ({names}) FROM STDIN', _stream(text),
                           size=COPY_CHUNK)
        cursor.execute(f'INSERT INTO "{table}" ({names}) SELECT {names} FROM "{stage}" '
                       "ON CONFLICT DO NOTHING")
        cursor.execute(f'DELETE FROM "{stage}"')  # a second call in this transaction


def _stream(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode())


def _staging_table(cursor: Any, table: str, columns: list[str]) -> str:
    """A temporary table with just ``columns`` of ``table`` (no keys, no constraints), made
    once per connection; the name carries the column list, so each shape gets its own."""
    digest = hashlib.blake2s("\0".join(columns).encode(), digest_size=4).hexdigest()
    stage = f"stage_{table}_{digest}"
    cursor.execute(
        f'CREATE TEMPORARY TABLE IF NOT EXISTS "{stage}" ON COMMIT DELETE ROWS AS '
        f'SELECT {_quoted(columns)} FROM "{table}" WITH NO DATA')
    return stage


def _quoted(columns: list[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def _escaped(text: str) -> str:
    return (text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


def _copy_text(value: Any) -> str:
    """A converted value as COPY text, before escaping; \\N for NULL."""
    if value is None:
        return NULL
    kind = type(value)
    if kind is str:
        return value
    if kind is bool:
        return "t" if value else "f"
    if kind in (int, float):
        return repr(value)
    if kind in (dt.date, dt.datetime):
        return value.isoformat()
    raise TypeError(f"no COPY text form for {kind.__name__}")


def _text_writer(field: peewee.Field) -> Any:
    """Value to unescaped COPY text (\\N for NULL) in one call; plain text and integers
    (nearly every value) skip the field conversion and the type dispatch."""
    convert = _converter(field)

    def general(value: Any) -> str:
        return _copy_text(convert(value))

    plain = _plain_type(field)
    if plain is int:
        def whole(value: Any) -> str:
            return str(value) if type(value) is int else general(value)
        return whole
    if plain is str:
        def text(value: Any) -> str:
            return value if type(value) is str else general(value)
        return text
    return general


# Fields whose db_value gives back a value of this exact type unchanged (or None for None).
_PLAIN: tuple[tuple[type[peewee.Field], type], ...] = (
    (UtcDateTimeField, str), (peewee.CharField, str), (peewee.TextField, str),
    (peewee.IntegerField, int), (peewee.BigIntegerField, int),
)


def _plain_type(field: peewee.Field) -> type | None:
    target = field.rel_field if isinstance(field, peewee.ForeignKeyField) else field
    return next((kind for cls, kind in _PLAIN if type(target) is cls), None)


def _converter(field: peewee.Field) -> Any:
    """``field.db_value``, skipped for values that already are what it would return."""
    plain = _plain_type(field)
    if plain is None:
        return field.db_value
    convert = field.db_value

    def fast(value: Any) -> Any:
        return value if value is None or type(value) is plain else convert(value)

    return fast


def bulk_add(model: type[peewee.Model], keys: tuple[str, ...], rows: list[dict[str, Any]],
             counts: tuple[str, ...]) -> None:
    """Insert ``rows``, or add their ``counts`` to the row with the same ``keys`` already there.

    Rows must not repeat a key (sum them first). On PostgreSQL the rows go by COPY into the
    staging table, then into the table in one statement, in the order given: callers that may
    race sort them, so that two transactions lock shared rows in the same order.
    """
    if not rows:
        return
    fields = [model._meta.fields[name] for name in rows[0]]
    table, columns = model._meta.table_name, [f.column_name for f in fields]
    target = _quoted([model._meta.fields[k].column_name for k in keys])
    added = ", ".join(f'"{model._meta.fields[c].column_name}" = "{table}"."'
                      f'{model._meta.fields[c].column_name}" + EXCLUDED."'
                      f'{model._meta.fields[c].column_name}"' for c in counts)
    names = _quoted(columns)
    if isinstance(db.obj, peewee.PostgresqlDatabase):
        with db.atomic():
            cursor = db.cursor()
            stage = _staging_table(cursor, table, columns)
            cursor.copy_expert(f'COPY "{stage}" ({names}) FROM STDIN',
                               _stream(_copy_lines(fields, rows)), size=COPY_CHUNK)
            cursor.execute(f'INSERT INTO "{table}" ({names}) SELECT {names} FROM "{stage}" '
                           f"ON CONFLICT ({target}) DO UPDATE SET {added}")
            cursor.execute(f'DELETE FROM "{stage}"')
        return
    convert = [(f.name, _converter(f)) for f in fields]
    values = [tuple([c(row[n]) for n, c in convert]) for row in rows]
    marks = ", ".join("?" for _ in fields)
    db.cursor().executemany(
        f'INSERT INTO "{table}" ({names}) VALUES ({marks}) '
        f"ON CONFLICT ({target}) DO UPDATE SET {added}", values)
