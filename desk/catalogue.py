"""The procedure catalogue and calendar overrides: shipped as data, refreshed from upstream."""

from __future__ import annotations

import datetime as dt
import importlib.resources
import json
from typing import Any

from desk.errors import DomainError
from desk.text import clean, fold
from models import CalendarOverride, Procedure, ProcedureDocument, db

UNIT_LABELS = {"working_days": "ngày làm việc", "working_hours": "giờ làm việc",
               "calendar_days": "ngày"}
FORM_LABELS = {
    "original": "Bản chính",
    "copy": "Bản sao",
    "certified_copy": "Bản sao chứng thực",
    "original_or_copy": "Bản chính hoặc bản sao",
}


def shipped(name: str) -> dict[str, Any]:
    text = importlib.resources.files("desk").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(text)


def load_procedures(catalogue: dict[str, Any] | None = None) -> int:
    """Upsert the catalogue; procedures no longer listed are deactivated, never deleted
    (dossiers keep pointing at them)."""
    catalogue = catalogue or shipped("procedures.json")
    version = str(catalogue.get("version", ""))
    codes = []
    with db.atomic():
        for item in catalogue["procedures"]:
            codes.append(_upsert_procedure(item, version))
        Procedure.update(active=False).where(Procedure.code.not_in(codes)).execute()
    return len(codes)


def _upsert_procedure(item: dict[str, Any], version: str) -> str:
    processing = item["processing"]
    verification = item.get("processing_with_verification") or {}
    fee = item.get("fee") or {}
    row = {
        Procedure.name: clean(item["name"]),
        Procedure.name_folded: fold(item["name"]),
        Procedure.field: clean(item["field"]),
        Procedure.processing_value: int(processing["value"]),
        Procedure.processing_unit: processing["unit"],
        Procedure.verification_value: verification.get("value"),
        Procedure.fee_amount: int(fee.get("amount", 0)),
        Procedure.fee_note: clean(fee.get("note", "")),
        Procedure.legal_basis: clean(item.get("legal_basis", "")),
        Procedure.result_name: clean(item.get("result", "")),
        Procedure.active: True,
        Procedure.catalogue_version: version,
    }
    code = clean(item["code"])
    Procedure.insert({Procedure.code: code, **row}).on_conflict(
        conflict_target=[Procedure.code], update=row
    ).execute()
    ProcedureDocument.delete().where(ProcedureDocument.procedure == code).execute()
    for position, doc in enumerate(item.get("documents", []), start=1):
        ProcedureDocument.create(
            procedure=code,
            position=position,
            name=clean(doc["name"]),
            form=doc.get("form", "original"),
            quantity=int(doc.get("quantity", 1)),
            required=bool(doc.get("required", True)),
        )
    return code


def load_calendar_overrides(data: dict[str, Any] | None = None, source: str = "shipped") -> int:
    """The whole calendar: its days upserted, days it no longer lists dropped."""
    data = data or shipped("calendar_overrides.json")
    days = [dt.date.fromisoformat(item["date"]) for item in data["overrides"]]
    with db.atomic():
        CalendarOverride.delete().where(CalendarOverride.date.not_in(days)).execute()
        for item in data["overrides"]:
            row = {"kind": item["kind"], "note": clean(item.get("note", "")), "source": source}
            day = dt.date.fromisoformat(item["date"])
            CalendarOverride.insert(date=day, **row).on_conflict(
                conflict_target=[CalendarOverride.date], update=row
            ).execute()
    return len(data["overrides"])


def active_procedures(query: str = "") -> list[Procedure]:
    """Procedures by field then name; ``query`` matches code or name, ignoring tones. Names
    that begin with the query come first ("đăng ký khai sinh" before "Liên thông … đăng ký
    khai sinh …"), so typing a procedure's name and Enter picks that procedure."""
    select = Procedure.select().where(Procedure.active).order_by(Procedure.field, Procedure.name)
    words = fold(query).split()
    for word in words:
        select = select.where(
            Procedure.name_folded.contains(word) | Procedure.code.startswith(word)
        )
    found = list(select)
    if words:
        prefix = " ".join(words)
        found.sort(key=lambda p: not p.name_folded.startswith(prefix))
    return found


def get_procedure(code: str) -> Procedure:
    procedure = Procedure.get_or_none(Procedure.code == clean(code))
    if procedure is None or not procedure.active:
        raise DomainError(
            "unknown_procedure",
            f"Không tìm thấy thủ tục có mã «{code}». Hãy chọn thủ tục trong danh mục.",
        )
    return procedure


def processing_text(value: int, unit: str) -> str:
    """How the receipt states the statutory time: "03 ngày làm việc", "Trong ngày"."""
    if unit == "same_day":
        return "Trong ngày"
    return f"{value:02d} {UNIT_LABELS[unit]}"


def procedure_json(procedure: Procedure) -> dict[str, Any]:
    return {
        "code": procedure.code,
        "name": procedure.name,
        "field": procedure.field,
        "processing": {"value": procedure.processing_value, "unit": procedure.processing_unit},
        "processing_text": processing_text(procedure.processing_value, procedure.processing_unit),
        "fee": procedure.fee_amount,
        "documents": [
            {"position": d.position, "name": d.name, "form": d.form, "quantity": d.quantity,
             "required": d.required}
            for d in procedure.documents.order_by(ProcedureDocument.position)
        ],
    }
