"""Reference data the server owns and pull serves: the procedure catalogue and calendar.

The shipped catalogue is loaded at first start; each publication is one change-log entry for
every commune, serialised from the server's tables so an edit upstream reaches every desk.
"""

from __future__ import annotations

import json
from typing import Any

from desk import catalogue
from desk.clock import Now
from models import CalendarOverride, Procedure, ProcedureDocument, db
from server.ingest.apply import append_changes


def ensure_loaded(*, now: Now) -> bool:
    """Load the shipped catalogue and calendar into an empty server and publish them."""
    if Procedure.select().exists():
        return False
    with db.atomic():
        catalogue.load_procedures()
        catalogue.load_calendar_overrides(source="server")
        publish(now=now)
    return True


def publish(*, now: Now) -> None:
    moment = now()
    append_changes([
        {"commune_code": None, "kind": kind, "record_id": f"{kind}:{moment.isoformat()}",
         "origin_device": "", "payload": json.dumps(payload, ensure_ascii=False,
                                                    separators=(",", ":")),
         "created_at": moment}
        for kind, payload in (("catalogue", catalogue_payload()),
                              ("calendar", calendar_payload()))
    ])


def catalogue_payload() -> dict[str, Any]:
    """The active catalogue in the shape desk.catalogue.load_procedures reads."""
    procedures = Procedure.select().where(Procedure.active).order_by(Procedure.code)
    version = max((p.catalogue_version for p in procedures), default="")
    return {"version": version, "procedures": [_procedure(p) for p in procedures]}


def _procedure(p: Procedure) -> dict[str, Any]:
    item: dict[str, Any] = {
        "code": p.code, "name": p.name, "field": p.field,
        "processing": {"value": p.processing_value, "unit": p.processing_unit},
        "fee": {"amount": p.fee_amount, "note": p.fee_note},
        "legal_basis": p.legal_basis, "result": p.result_name,
        "documents": [
            {"name": d.name, "form": d.form, "quantity": d.quantity, "required": d.required}
            for d in p.documents.order_by(ProcedureDocument.position)
        ],
    }
    if p.verification_value is not None:
        item["processing_with_verification"] = {"value": p.verification_value,
                                                "unit": "working_days"}
    return item


def calendar_payload() -> dict[str, Any]:
    rows = CalendarOverride.select().order_by(CalendarOverride.date)
    return {"overrides": [{"date": r.date.isoformat(), "kind": r.kind, "note": r.note}
                          for r in rows]}
