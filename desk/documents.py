"""The one-stop documents of a dossier as PDF bytes: gathers plain data for ``printing``.

``printing`` knows nothing of the database; this module reads the dossier, its events and the
office settings and hands it frozen values. Which forms a dossier has depends on the set in
force on its receipt date (printing/forms.json): the 2018 set has the apology (04) and no stop
notice; the 2025 set has the extension letter (04) and the stop notice (05).
"""

from __future__ import annotations

import datetime as dt
import json

import printing
from desk import catalogue, settings, workflow
from desk.clock import EARLIEST, LATEST, VN_TZ, Now, to_local
from desk.context import load_context, this_desk
from desk.control_steps import control_steps
from desk.errors import DomainError
from desk.events import get_dossier
from models import Commune, Dossier, DossierEvent, ProcedureDocument, ReceivedDocument

# What `motcua form KIND` prints; which of them a dossier has depends on its form set.
SLIP_KINDS = ("supplement", "refusal", "extension", "stop", "control", "apology")
LEGACY_COUNTER = "Bộ phận Tiếp nhận và Trả kết quả"
REGULATION_2025 = "Thông tư 03/2025/TT-VPCP"
# The test receipt's made-up names say plainly that the sheet is worth nothing.
TEST_APPLICANT = "IN THỬ - KHÔNG CÓ GIÁ TRỊ"
TEST_ADDRESS = "Bản in thử để kiểm tra máy in, khổ giấy và tên cơ quan"


def office(commune: Commune) -> printing.Office:
    """The office as the documents name it, in sentence case ("UBND xã Tân Phú").

    The counter's name is the clerk's own if set; empty (or the 2018 name an older desk
    stored as its default) means the name in force on each document's date.
    """
    governing = settings.get("office.governing_body") or (
        f"UBND tỉnh {commune.province_name}" if commune.province_name else ""
    )
    counter = settings.get("office.counter_name") or ""
    return printing.Office(
        governing_body=governing,
        unit_name=f"UBND {printing.sentence_case_unit(commune.name)}",
        place_name=commune.place_name or commune.name,
        agency_code=commune.agency_code,
        counter_name=None if counter in ("", LEGACY_COUNTER) else counter,
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


def test_receipt_pdf(*, now: Now) -> bytes:
    """A receipt of this office for a made-up dossier, on the paper of the settings: the IT
    person checks printer, paper and header before the first citizen comes. The procedure is
    the catalogue's longest name with its documents, the hardest fit of the form."""
    ctx = load_context(now=now)
    procedure = max(catalogue.active_procedures(), key=lambda p: len(p.name))
    received = now()
    lines = tuple(printing.DocumentLine(d.name, printing.DocumentForm(d.form), d.quantity)
                  for d in procedure.documents.order_by(ProcedureDocument.position))
    data = printing.ReceiptData(
        dossier_code=f"{ctx.commune.agency_code}-{to_local(received):%y%m%d}-0000",
        office=office(ctx.commune),
        applicant=printing.Applicant(name=TEST_APPLICANT, address=TEST_ADDRESS),
        procedure_name=procedure.name, procedure_code=procedure.code, received_at=received,
        due_at=ctx.calendar.due_at(received, procedure.processing_value,
                                   procedure.processing_unit),
        processing_time=catalogue.processing_text(procedure.processing_value,
                                                  procedure.processing_unit),
        documents=lines, fee=procedure.fee_amount, clerk_name=TEST_APPLICANT,
    )
    return printing.render_receipt(data, paper=settings.get("printing.paper"))


def slip_pdf(kind: str, code: str) -> bytes:
    """A slip of the dossier; refused when its form set has no such form, or the dossier no
    such step to print."""
    builders = {"supplement": _supplement, "refusal": _refusal, "apology": _apology,
                "extension": _extension, "stop": _stop, "control": _control}
    if kind not in builders:
        raise DomainError("unknown_form", f"Không có mẫu phiếu «{kind}».")
    dossier = get_dossier(code)
    _check_form_exists(kind, dossier)
    return printing.render_slip(builders[kind](dossier))


def late_letter_kind(code: str) -> str:
    """ "extension" for a dossier on the 2025 forms, "apology" for one on the 2018 forms."""
    day = _received_day(get_dossier(code))
    return "extension" if printing.has_form("extension", day) else "apology"


def _received_day(dossier: Dossier) -> dt.date:
    return dossier.received_at.astimezone(VN_TZ).date()


def _check_form_exists(kind: str, dossier: Dossier) -> None:
    day = _received_day(dossier)
    if printing.has_form(kind, day):
        return
    regulation = printing.set_in_force(day)
    hint = {"apology": " Hồ sơ theo Thông tư 03/2025/TT-VPCP dùng mẫu «extension».",
            "extension": " Hồ sơ theo Thông tư 01/2018/TT-VPCP dùng mẫu «apology».",
            }.get(kind, "")
    raise DomainError(
        "form_not_in_set",
        f"Hồ sơ tiếp nhận ngày {day:%d/%m/%Y} dùng mẫu của {regulation}, không có mẫu "
        f"«{kind}».{hint}",
    )


def _last(dossier: Dossier, kind: str, message: str) -> DossierEvent:
    event = (dossier.events.where(DossierEvent.kind == kind)
             .order_by(DossierEvent.hlc.desc()).first())
    if event is None:
        raise DomainError("no_such_step", message)
    return event


def _common(dossier: Dossier, event: DossierEvent) -> dict[str, object]:
    return {"dossier_code": dossier.code, "office": office(Commune.get_by_id(dossier.commune_code)),
            "applicant": _applicant(dossier), "procedure_name": dossier.procedure.name,
            "issued_at": event.at, "received_at": dossier.received_at}


def _reason(event: DossierEvent, fallback: str) -> str:
    return json.loads(event.data).get("reason") or event.note or fallback


def _signer() -> dict[str, str | None]:
    return {"signer_title": settings.get("office.head_title") or "CHỦ TỊCH",
            "signer_name": settings.get("office.head_name") or None}


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


def _late(dossier: Dossier) -> tuple[DossierEvent, dict[str, object]]:
    event = _last(dossier, "rescheduled", "Hồ sơ này chưa có văn bản xin lỗi, hẹn lại.")
    return event, {**_common(dossier, event), "original_due_at": dossier.deadline_at,
                   "new_due_at": dossier.due_at,
                   "reason": _reason(event, "Hồ sơ cần thêm thời gian thẩm định.")}


def _apology(dossier: Dossier) -> printing.ApologySlip:
    _, fields = _late(dossier)
    return printing.ApologySlip(**fields, **_signer())


def _extension(dossier: Dossier) -> printing.ExtensionSlip:
    _, fields = _late(dossier)
    return printing.ExtensionSlip(**fields, **_signer())


def _stop(dossier: Dossier) -> printing.StopSlip:
    event = _last(dossier, "stopped", "Hồ sơ này chưa dừng giải quyết.")
    return printing.StopSlip(**_common(dossier, event), reason=_reason(event, ""),
                             **_signer())


def _control(dossier: Dossier) -> printing.ControlSlip:
    first = dossier.events.order_by(DossierEvent.hlc).first()
    commune_office = office(Commune.get_by_id(dossier.commune_code))
    counter = printing.counter_of(commune_office, _received_day(dossier))
    steps, resolver = control_steps(dossier, counter)
    return printing.ControlSlip(**_common(dossier, first), steps=tuple(steps),
                                resolving_body=resolver, blank_rows=2)


def ledger_pdf(date_from: dt.date, date_to: dt.date) -> bytes:
    """The ledger over the dossiers received between two dates (inclusive), by entry number."""
    if date_to < date_from:
        raise DomainError("invalid_range", "Ngày kết thúc phải sau ngày bắt đầu.")
    if date_from.year < EARLIEST.year or date_to.year >= LATEST.year:
        raise DomainError("invalid_range", f"Chỉ in được sổ cho các ngày trong khoảng năm "
                                           f"{EARLIEST.year}–{LATEST.year - 1}.")
    commune = Commune.get_by_id(this_desk().commune_code)
    start = dt.datetime.combine(date_from, dt.time(), VN_TZ)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), VN_TZ)
    rows = (Dossier.select().where((Dossier.received_at >= start) & (Dossier.received_at < end))
            .order_by(Dossier.received_at))
    entries = tuple(_ledger_entry(d) for d in rows)
    books = sorted({d.ledger_book for d in rows if d.ledger_book})
    return printing.render_ledger(printing.Ledger(
        office=office(commune), date_from=date_from, date_to=date_to, entries=entries,
        book_number=", ".join(books) or None,
    ))


CLOSED_NOTES = (workflow.REFUSED, workflow.WITHDRAWN, workflow.STOPPED)


def _ledger_entry(dossier: Dossier) -> printing.LedgerEntry:
    assigned = (dossier.events.where(DossierEvent.kind == "assigned")
                .order_by(DossierEvent.hlc).first())
    moved = dossier.reschedule_count > 0 and dossier.due_at != dossier.deadline_at
    return printing.LedgerEntry(
        number=dossier.ledger_entry, dossier_code=dossier.code,
        procedure_name=dossier.procedure.name, applicant_name=dossier.applicant.name,
        received_at=dossier.received_at, due_at=dossier.due_at, sets=dossier.sets_count,
        applicant_address=dossier.applicant.address or None,
        applicant_phone=dossier.applicant.phone or None,
        resolving_body=(assigned.note or None) if assigned else None,
        transferred_at=assigned.at if assigned else None,
        result_received_at=dossier.result_ready_at, returned_at=dossier.returned_at,
        note=workflow.STATUS_LABELS[dossier.status] if dossier.status in CLOSED_NOTES else None,
        original_due_at=dossier.deadline_at if moved else None,
    )


__all__ = ["SLIP_KINDS", "late_letter_kind", "ledger_pdf", "office", "receipt_data",
           "receipt_pdf", "slip_pdf", "test_receipt_pdf"]
