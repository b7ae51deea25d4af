"""The one-stop documents of a dossier as PDF bytes: gathers plain data for ``printing``.

``printing`` knows nothing of the database; this module reads the dossier, its events and the
office settings and hands it frozen values.
"""

from __future__ import annotations

import datetime as dt
import json

import printing
from desk import catalogue, settings, workflow
from desk.clock import VN_TZ
from desk.context import load_context
from desk.errors import DomainError
from desk.events import get_dossier
from models import Commune, Dossier, DossierEvent, ReceivedDocument

SLIP_KINDS = ("supplement", "refusal", "apology", "control")
COUNTER = "Bộ phận Tiếp nhận và Trả kết quả"


def office(commune: Commune) -> printing.Office:
    governing = settings.get("office.governing_body") or (
        f"UBND TỈNH {commune.province_name.upper()}" if commune.province_name else ""
    )
    return printing.Office(
        governing_body=governing,
        unit_name=f"UBND {commune.name.upper()}",
        place_name=commune.place_name or commune.name,
        agency_code=commune.agency_code,
        counter_name=settings.get("office.counter_name") or COUNTER,
        hotline=settings.get("office.hotline") or None,
    )


def _applicant(dossier: Dossier) -> printing.Applicant:
    a = dossier.applicant
    return printing.Applicant(name=a.name, id_number=a.id_number or None,
                              address=a.address or None, phone=a.phone or None,
                              email=a.email or None)


def _lookup_text(code: str) -> str:
    template = settings.get("office.lookup_url")
    return template.replace("{code}", code) if template else code


def receipt_data(dossier: Dossier) -> printing.ReceiptData:
    procedure = dossier.procedure
    documents = tuple(
        printing.DocumentLine(d.name, printing.DocumentForm(d.form), d.quantity)
        for d in dossier.documents.order_by(ReceivedDocument.position)
    )
    return printing.ReceiptData(
        dossier_code=dossier.code, office=office(Commune.get_by_id(dossier.commune_code)),
        applicant=_applicant(dossier), procedure_name=procedure.name,
        procedure_code=procedure.code, received_at=dossier.received_at, due_at=dossier.due_at,
        processing_time=catalogue.processing_text(procedure.processing_value,
                                                  procedure.processing_unit),
        documents=documents, sets=dossier.sets_count,
        return_method=printing.ReturnMethod(dossier.return_method),
        ledger_book=dossier.ledger_book or None, ledger_entry=dossier.ledger_entry or None,
        fee=dossier.fee_amount, lookup_text=_lookup_text(dossier.code),
        clerk_name=dossier.received_by or None,
    )


def receipt_pdf(code: str, paper: str | None = None) -> bytes:
    """Form 01 for the dossier, two copies, on the paper of the settings unless given."""
    chosen = paper or settings.get("printing.paper")
    if chosen not in ("a4", "a5"):
        raise DomainError("invalid_paper", "Khổ giấy phải là A4 hoặc A5.")
    return printing.render_receipt(receipt_data(get_dossier(code)), paper=chosen)


def slip_pdf(kind: str, code: str) -> bytes:
    """Forms 02–05 for the dossier; refused when the dossier has no such step to print."""
    builders = {"supplement": _supplement, "refusal": _refusal, "apology": _apology,
                "control": _control}
    if kind not in builders:
        raise DomainError("unknown_form", f"Không có mẫu phiếu «{kind}».")
    return printing.render_slip(builders[kind](get_dossier(code)))


def _last(dossier: Dossier, kind: str, message: str) -> DossierEvent:
    event = (dossier.events.where(DossierEvent.kind == kind)
             .order_by(DossierEvent.hlc.desc()).first())
    if event is None:
        raise DomainError("no_such_step", message)
    return event


def _common(dossier: Dossier, event: DossierEvent) -> dict[str, object]:
    return {"dossier_code": dossier.code, "office": office(Commune.get_by_id(dossier.commune_code)),
            "applicant": _applicant(dossier), "procedure_name": dossier.procedure.name,
            "issued_at": event.at}


def _supplement(dossier: Dossier) -> printing.SupplementSlip:
    event = _last(dossier, "supplement_requested", "Hồ sơ này chưa có yêu cầu bổ sung nào.")
    names = json.loads(event.data).get("documents", [])
    return printing.SupplementSlip(
        **_common(dossier, event), documents=tuple(printing.DocumentLine(n) for n in names),
        reason=event.note or "Hồ sơ chưa đầy đủ, cần bổ sung theo quy định.",
        clerk_name=event.actor or None,
    )


def _refusal(dossier: Dossier) -> printing.RefusalSlip:
    event = _last(dossier, "refused", "Hồ sơ này chưa bị từ chối.")
    reasons = tuple(line for line in event.note.splitlines() if line.strip())
    return printing.RefusalSlip(**_common(dossier, event),
                                reasons=reasons or ("Không đủ điều kiện giải quyết.",),
                                clerk_name=event.actor or None)


def _apology(dossier: Dossier) -> printing.ApologySlip:
    event = _last(dossier, "rescheduled", "Hồ sơ này chưa được hẹn lại ngày trả kết quả.")
    return printing.ApologySlip(
        **_common(dossier, event), received_at=dossier.received_at,
        original_due_at=dossier.deadline_at, new_due_at=dossier.due_at,
        reason=event.note or "Hồ sơ cần thêm thời gian thẩm định.",
    )


def _control(dossier: Dossier) -> printing.ControlSlip:
    steps = []
    for event in dossier.events.order_by(DossierEvent.hlc, DossierEvent.id):
        handed, received = _handover(dossier, event)
        steps.append(printing.ControlStep(
            handed_by=handed, received_by=received, at=event.at,
            result=workflow.EVENT_LABELS.get(event.kind, event.kind), note=event.note or None,
        ))
    first = dossier.events.order_by(DossierEvent.hlc).first()
    return printing.ControlSlip(**_common(dossier, first), steps=tuple(steps), blank_rows=3)


def _handover(dossier: Dossier, event: DossierEvent) -> tuple[str, str]:
    """Who handed the dossier to whom at each step of form 05."""
    counter, officer = "Bộ phận TN&TKQ", "Công chức chuyên môn"
    clerk = event.actor or counter
    return {
        "received": (dossier.applicant.name, clerk),
        "assigned": (clerk, event.note or officer),
        "result_ready": (officer, counter),
        "returned": (counter, dossier.applicant.name),
        "supplement_requested": (officer, dossier.applicant.name),
        "supplemented": (dossier.applicant.name, clerk),
    }.get(event.kind, (clerk, clerk))


def ledger_pdf(date_from: dt.date, date_to: dt.date) -> bytes:
    """Form 06 over the dossiers received between two dates (inclusive), by entry number."""
    if date_to < date_from:
        raise DomainError("invalid_range", "Ngày kết thúc phải sau ngày bắt đầu.")
    ctx = load_context()
    start = dt.datetime.combine(date_from, dt.time(), VN_TZ)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), VN_TZ)
    rows = (Dossier.select().where((Dossier.received_at >= start) & (Dossier.received_at < end))
            .order_by(Dossier.received_at))
    entries = tuple(_ledger_entry(d) for d in rows)
    books = sorted({d.ledger_book for d in rows if d.ledger_book})
    return printing.render_ledger(printing.Ledger(
        office=office(ctx.commune), date_from=date_from, date_to=date_to, entries=entries,
        book_number=", ".join(books) or None,
    ))


def _ledger_entry(dossier: Dossier) -> printing.LedgerEntry:
    assigned = (dossier.events.where(DossierEvent.kind == "assigned")
                .order_by(DossierEvent.hlc).first())
    return printing.LedgerEntry(
        number=dossier.ledger_entry, dossier_code=dossier.code,
        procedure_name=dossier.procedure.name, applicant_name=dossier.applicant.name,
        received_at=dossier.received_at, due_at=dossier.due_at, sets=dossier.sets_count,
        applicant_address=dossier.applicant.address or None,
        applicant_phone=dossier.applicant.phone or None,
        transferred_at=assigned.at if assigned else None,
        result_received_at=dossier.result_ready_at, returned_at=dossier.returned_at,
        note=workflow.STATUS_LABELS[dossier.status] if dossier.status in (
            workflow.REFUSED, workflow.WITHDRAWN) else None,
    )


__all__ = ["SLIP_KINDS", "ledger_pdf", "office", "receipt_data", "receipt_pdf", "slip_pdf"]
