"""A database's schema as plain data, the same shape on SQLite and PostgreSQL: per table its
columns (type with length, nullable, part of the primary key), its indexes (columns in order,
unique, method) and its foreign keys (column, target, on delete). Names of indexes and
constraints are left out: two schemas are the same when they hold the same things."""

from __future__ import annotations

import re
from dataclasses import dataclass

import peewee

from server.database import is_postgresql


@dataclass(frozen=True)
class Table:
    columns: dict[str, tuple[str, bool, bool]]
    indexes: frozenset[tuple[tuple[str, ...], bool, str]]
    foreign_keys: frozenset[tuple[str, str, str, str]]


def schema_of(database: peewee.Database, tables: list[str] | None = None) -> dict[str, Table]:
    read = _postgresql if is_postgresql(database) else _sqlite
    names = tables if tables is not None else _tables(database)
    return {name: read(database, name) for name in names}


def _tables(database: peewee.Database) -> list[str]:
    if is_postgresql(database):
        rows = database.execute_sql(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'").fetchall()
        return sorted(r[0] for r in rows)
    rows = database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return sorted(r[0] for r in rows)


def _sqlite(database: peewee.Database, table: str) -> Table:
    info = database.execute_sql(f'PRAGMA table_info("{table}")').fetchall()
    columns = {name: (_sqlite_type(kind), not notnull, pk > 0)
               for _, name, kind, notnull, _, pk in info}
    indexes = set()
    for _, name, unique, _origin, _partial in database.execute_sql(
            f'PRAGMA index_list("{table}")').fetchall():
        cols = tuple(r[2] for r in database.execute_sql(f'PRAGMA index_info("{name}")'))
        indexes.add((cols, bool(unique), "btree"))
    keys = {(row[3], row[2], row[4], row[6].upper()) for row in database.execute_sql(
        f'PRAGMA foreign_key_list("{table}")').fetchall()}
    return Table(columns, frozenset(indexes), frozenset(keys))


def _sqlite_type(declared: str) -> str:
    """SQLite keeps the declared type; the models' types read the same on both sides."""
    return re.sub(r"\s+", " ", declared.upper()).strip()


_PG_TYPES = {"character varying": "VARCHAR", "integer": "INTEGER", "bigint": "BIGINT",
             "text": "TEXT", "boolean": "BOOLEAN", "date": "DATE", "real": "REAL",
             "double precision": "DOUBLE", "tsvector": "TSVECTOR"}
_PG_DELETE = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL",
              "d": "SET DEFAULT"}


def _postgresql(database: peewee.Database, table: str) -> Table:
    rows = database.execute_sql(
        "SELECT c.column_name, c.data_type, c.character_maximum_length, c.is_nullable, "
        "EXISTS (SELECT 1 FROM information_schema.table_constraints t "
        "JOIN information_schema.key_column_usage k ON k.constraint_name = t.constraint_name "
        "AND k.table_schema = t.table_schema WHERE t.constraint_type = 'PRIMARY KEY' "
        "AND t.table_schema = c.table_schema AND t.table_name = c.table_name "
        "AND k.column_name = c.column_name) "
        "FROM information_schema.columns c "
        "WHERE c.table_schema = current_schema() AND c.table_name = %s", (table,)).fetchall()
    columns = {}
    for name, kind, length, nullable, primary in rows:
        text = _PG_TYPES.get(kind, kind.upper())
        columns[name] = (f"{text}({length})" if length else text, nullable == "YES", primary)
    indexes = {
        (tuple(cols), unique, method) for unique, method, cols in database.execute_sql(
            "SELECT ix.indisunique, am.amname, ARRAY(SELECT a.attname FROM "
            "unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) JOIN pg_attribute a "
            "ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord) "
            "FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid "
            "JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_am am ON am.oid = i.relam "
            "JOIN pg_namespace n ON n.oid = t.relnamespace "
            "WHERE n.nspname = current_schema() AND t.relname = %s", (table,)).fetchall()}
    keys = {
        (column, target, target_column, _PG_DELETE[action])
        for column, target, target_column, action in database.execute_sql(
            "SELECT a.attname, tf.relname, af.attname, c.confdeltype FROM pg_constraint c "
            "JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class tf ON tf.oid = c.confrelid "
            "JOIN pg_namespace n ON n.oid = t.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
            "JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1] "
            "WHERE c.contype = 'f' AND n.nspname = current_schema() AND t.relname = %s",
            (table,)).fetchall()}
    return Table(columns, frozenset(indexes), frozenset(keys))
