"""Wire records back into rows: the inverse of ``models.wire``, used wherever records arrive.

The server writes what a desk pushed, a desk writes what it pulled; both insert the same rows
from the same shapes, and both skip a row that is already there (a record is immutable once
written, so "already there" means "already applied"). Projections are not computed here: the
caller folds the events with the workflow (desk.workflow.fold, .columns) and passes them in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import orjson

from models.bulk import bulk_insert
from models.dossier import Applicant, Dossier, DossierEvent, ReceivedDocument

# What a "corrected" event may change: every fact declared about the applicant at intake.
CORRECTABLE_FIELDS = ("name", "id_number", "birth_date", "sex", "phone", "address", "email")


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
    record: dict[str, Any], projection: dict[str, Any], now: dt.datetime | str
) -> dict[str, Any]:
    keys = ("id", "commune_code", "desk_id", "code", "received_by", "channel", "return_method",
            "sets_count", "fee_amount", "note", "ledger_book", "ledger_entry")
    row = {key: record[key] for key in keys}
    row.update(procedure=record["procedure_code"], applicant=record["applicant"]["id"],
               received_at=stored_instant(record["received_at"]), updated_at=now,
               notify=record.get("notify", False), **projection)
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
        "data": orjson.dumps(record.get("data", {})).decode(),
    }


def insert_dossiers(records: Iterable[dict[str, Any]], projections: dict[str, dict[str, Any]],
                    now: dt.datetime | str, fresh: bool = False) -> None:
    """Insert dossiers with their applicants and documents; ids already present are skipped.

    ``fresh``: the caller has made sure no id is stored yet (the server's ingest ledger and
    reference checks do), so the rows go in without a conflict check, which is faster.
    """
    records = list(records)
    skip = not fresh
    bulk_insert(Applicant, [applicant_row(r) for r in records], ignore_conflicts=skip)
    bulk_insert(Dossier, [dossier_row(r, projections[r["id"]], now) for r in records],
                ignore_conflicts=skip)
    bulk_insert(ReceivedDocument, [row for r in records for row in document_rows(r)],
                ignore_conflicts=skip)


def insert_events(records: Iterable[dict[str, Any]], fresh: bool = False) -> None:
    """Insert events; ids already present are skipped unless ``fresh`` (as above)."""
    bulk_insert(DossierEvent, [event_row(r) for r in records], ignore_conflicts=not fresh)


def apply_correction(record: dict[str, Any]) -> bool:
    """A "corrected" event changes the applicant as declared, on every side alike; True when
    it did (what the applicant is searched by may have changed)."""
    data = record.get("data", {})
    if record["kind"] != "corrected" or data.get("field") not in CORRECTABLE_FIELDS:
        return False
    applicant_id = Dossier.select(Dossier.applicant).where(Dossier.id == record["dossier_id"])
    value: str | dt.date | None = data.get("to", "")
    if data["field"] == "birth_date":  # ISO text on the wire, a DATE column in the tables
        value = dt.date.fromisoformat(value) if value else None
    Applicant.update({data["field"]: value}).where(
        Applicant.id.in_(applicant_id)
    ).execute()
    return True
