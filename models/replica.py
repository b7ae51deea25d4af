"""Wire records back into rows: the inverse of ``models.wire``, used wherever records arrive.

The server writes what a desk pushed, a desk writes what it pulled; both insert the same rows
from the same shapes, and both skip a row that is already there (a record is immutable once
written, so "already there" means "already applied"). Projections are not computed here: the
caller folds the events with the workflow and passes the columns in.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from typing import Any

import peewee

from models.base import UtcDateTimeField, db
from models.dossier import Applicant, Dossier, DossierEvent, ReceivedDocument

CHUNK = 500  # rows per INSERT: well under SQLite's 32,766 bound parameters
CORRECTABLE_FIELDS = ("name", "phone", "address", "email")


def instant(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError("naive instant on the wire")
    return value


_STORED = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00")


def stored_instant(text: str) -> dt.datetime | str:
    """What a UtcDateTimeField stores for ``text``: the text itself when it already is in the
    stored form (UTC, microseconds), which spares parsing and formatting it again."""
    return text if _STORED.fullmatch(text) else instant(text)


def interim_projection(received_at: dt.datetime) -> dict[str, Any]:
    """Columns for a dossier whose "received" event has not arrived yet (a batch may be cut
    between the two). The first projection after the event replaces them."""
    return {
        "status": "received", "due_at": received_at, "deadline_at": received_at,
        "clock_started_at": received_at, "result_ready_at": None, "returned_at": None,
        "closed_at": None, "outcome": "", "reschedule_count": 0, "rating": None,
    }


def applicant_row(record: dict[str, Any]) -> dict[str, Any]:
    person = record["applicant"]
    birth = person.get("birth_date")
    return {
        "id": person["id"], "commune_code": record["commune_code"], "name": person["name"],
        "id_number": person["id_number"], "phone": person.get("phone", ""),
        "address": person.get("address", ""), "email": person.get("email", ""),
        "birth_date": dt.date.fromisoformat(birth) if birth else None,
        "sex": person.get("sex", ""),
    }


def dossier_row(
    record: dict[str, Any], projection: dict[str, Any], now: dt.datetime
) -> dict[str, Any]:
    keys = ("id", "commune_code", "desk_id", "code", "received_by", "channel", "return_method",
            "sets_count", "fee_amount", "note", "ledger_book", "ledger_entry")
    row = {key: record[key] for key in keys}
    row.update(procedure=record["procedure_code"], applicant=record["applicant"]["id"],
               received_at=stored_instant(record["received_at"]), updated_at=now, **projection)
    return row


def document_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"id": d["id"], "dossier": record["id"], "position": d["position"], "name": d["name"],
         "form": d["form"], "quantity": d["quantity"]}
        for d in record["documents"]
    ]


def event_row(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": record["id"], "commune_code": record["commune_code"],
        "dossier": record["dossier_id"], "kind": record["kind"], "at": stored_instant(record["at"]),
        "recorded_at": stored_instant(record["recorded_at"]), "hlc": record["hlc"],
        "actor": record.get("actor", ""), "origin": record.get("origin", "desk"),
        "note": record.get("note", ""),
        "data": json.dumps(record.get("data", {}), ensure_ascii=False),
    }


def insert_dossiers(
    records: Iterable[dict[str, Any]], projections: dict[str, dict[str, Any]], now: dt.datetime
) -> None:
    """Insert dossiers with their applicants and documents; ids already present are skipped."""
    records = list(records)
    _insert(Applicant, [applicant_row(r) for r in records])
    _insert(Dossier, [dossier_row(r, projections[r["id"]], now) for r in records])
    _insert(ReceivedDocument, [row for r in records for row in document_rows(r)])


def insert_events(records: Iterable[dict[str, Any]]) -> None:
    _insert(DossierEvent, [event_row(r) for r in records])


def apply_correction(record: dict[str, Any]) -> None:
    """A "corrected" event changes the applicant as declared, on every side alike."""
    data = record.get("data", {})
    if record["kind"] != "corrected" or data.get("field") not in CORRECTABLE_FIELDS:
        return
    applicant_id = Dossier.select(Dossier.applicant).where(Dossier.id == record["dossier_id"])
    Applicant.update({data["field"]: data.get("to", "")}).where(
        Applicant.id.in_(applicant_id)
    ).execute()


def _insert(model: type[peewee.Model], rows: list[dict[str, Any]]) -> None:
    bulk_insert(model, rows, ignore_conflicts=True)


def bulk_insert(model: type[peewee.Model], rows: list[dict[str, Any]],
                ignore_conflicts: bool = False) -> None:
    """Many rows in few statements, converted by the fields themselves.

    peewee's query builder spends more time composing a 500-row INSERT than the database
    spends running it, so the statement is built once from plain tuples. On PostgreSQL plain
    appends go by COPY and the rest as one ``INSERT ... SELECT * FROM unnest(arrays)``.
    """
    if not rows:
        return
    fields = [model._meta.fields[name] for name in rows[0]]
    convert = [_converter(f) for f in fields]
    names_ = [f.name for f in fields]
    values = [tuple([c(row[n]) for c, n in zip(convert, names_, strict=True)]) for row in rows]
    names = ", ".join(f'"{f.column_name}"' for f in fields)
    table = f'"{model._meta.table_name}"'
    cursor = db.cursor()
    if isinstance(db.obj, peewee.PostgresqlDatabase) and not ignore_conflicts and all(
            type(v) in (str, int) or v is None for row in values for v in row):
        # Plain appends (ledger, change log): COPY, the cheapest way into PostgreSQL.
        text = "".join("\t".join([_copy_text(v) for v in row]) + "\n" for row in values)
        cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN", io.StringIO(text))
    elif isinstance(db.obj, peewee.PostgresqlDatabase):
        # One array per column, unnested by the server: a few parameters instead of a
        # statement of thousands of literals, which PostgreSQL parses and plans far faster.
        types = _column_types(cursor, model._meta.table_name)
        casts = ", ".join(f"%s::{types[f.column_name]}[]" for f in fields)
        tail = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
        sql = f"INSERT INTO {table} ({names}) SELECT * FROM unnest({casts}){tail}"
        for start in range(0, len(values), CHUNK * 4):
            chunk = values[start:start + CHUNK * 4]
            cursor.execute(sql, [list(column) for column in zip(*chunk, strict=True)])
    else:
        verb = "INSERT OR IGNORE" if ignore_conflicts else "INSERT"
        marks = ", ".join("?" for _ in fields)
        cursor.executemany(f"{verb} INTO {table} ({names}) VALUES ({marks})", values)


def _copy_text(value: str | int | None) -> str:
    """A value in COPY's text format: backslash escapes, \\N for NULL."""
    if value is None:
        return "\\N"
    if type(value) is int:
        return str(value)
    return (value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


# Fields whose db_value gives back a value of this exact type unchanged (or None for None).
_PLAIN: tuple[tuple[type[peewee.Field], type], ...] = (
    (UtcDateTimeField, str), (peewee.CharField, str), (peewee.TextField, str),
    (peewee.IntegerField, int),
)


def _converter(field: peewee.Field) -> Any:
    """``field.db_value``, skipped for values that already are what it would return."""
    target = field.rel_field if isinstance(field, peewee.ForeignKeyField) else field
    plain = next((kind for cls, kind in _PLAIN if type(target) is cls), None)
    if plain is None:
        return field.db_value
    convert = field.db_value

    def fast(value: Any) -> Any:
        return value if value is None or type(value) is plain else convert(value)

    return fast


_TYPES: dict[tuple[int, str], dict[str, str]] = {}


def _column_types(cursor: Any, table: str) -> dict[str, str]:
    """The SQL type of each column of ``table`` (as ``format_type`` spells it), asked once."""
    key = (id(db.obj), table)
    if key not in _TYPES:
        cursor.execute(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
            "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped",
            (f'"{table}"',))
        _TYPES[key] = dict(cursor.fetchall())
    return _TYPES[key]
