"""Receiving a dossier: validate, then write everything in one transaction.

Dossier, applicant, documents, the "received" event, the search entry, the outbox rows and the
code counter all commit together or not at all: a failure leaves no dossier, no event, no
outbox row and no used-up code behind.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from desk import audit, catalogue, citizen_id, codes, validation, workflow
from desk.clock import EARLIEST, Now, in_range, to_local
from desk.context import DeskContext
from desk.errors import DomainError, ValidationError
from desk.events import next_hlc
from desk.ids import new_id
from desk.outbox import enqueue
from desk.search import index_dossier
from desk.text import clean
from models import (
    Applicant,
    Dossier,
    DossierEvent,
    Procedure,
    ProcedureDocument,
    ReceivedDocument,
    db,
)
from models.wire import dossier_record, event_record

CHANNELS = ("direct", "online", "post")
RETURN_METHODS = ("counter", "post")


@dataclass(frozen=True)
class ApplicantInput:
    name: str
    id_number: str
    phone: str = ""
    address: str = ""
    email: str = ""
    birth_date: dt.date | None = None
    sex: str = ""


@dataclass(frozen=True)
class DocumentInput:
    name: str
    form: str = "original"
    quantity: int = 1


@dataclass(frozen=True)
class IntakeRequest:
    procedure_code: str
    applicant: ApplicantInput
    # None means "every document the catalogue requires was received" (a complete dossier).
    documents: tuple[DocumentInput, ...] | None = None
    received_at: dt.datetime | None = None
    channel: str = "direct"
    return_method: str = "counter"
    sets_count: int = 1
    fee_amount: int | None = None
    note: str = ""
    clerk: str = ""
    verification: bool = False
    notify: bool = False  # the citizen agreed to be told by SMS/e-mail (Đồng ý nhận thông báo)


def appointment(
    ctx: DeskContext, procedure: Procedure, received_at: dt.datetime, verification: bool = False
) -> dt.datetime:
    """The due time a procedure gets when received at an instant (shown live in the form)."""
    if verification and procedure.verification_value:
        return ctx.calendar.due_at(received_at, procedure.verification_value, "working_days")
    return ctx.calendar.due_at(received_at, procedure.processing_value, procedure.processing_unit)


def estimate_notice(ctx: DeskContext, received_at: dt.datetime, due: dt.datetime) -> str:
    """ "" or why the appointment is an estimate: it is counted across a year whose days off
    the government has not announced yet (the calendar file marks them "estimated_off")."""
    years = ctx.calendar.estimated_years_between(received_at, due)
    if not years:
        return ""
    listed = ", ".join(str(y) for y in years)
    return f"dự kiến: lịch nghỉ năm {listed} chưa có thông báo của Chính phủ"


def receive(ctx: DeskContext, request: IntakeRequest, *, now: Now, by: str = "") -> Dossier:
    """Receive the dossier; ``by`` is the signed-in account's login, for the audit trail."""
    procedure = catalogue.get_procedure(request.procedure_code)
    person = _checked_applicant(request.applicant)
    _check_consent(request, person)
    documents = _checked_documents(procedure, request.documents)
    received_at = _received_at(request, now)
    _check_choices(request)
    due = appointment(ctx, procedure, received_at, request.verification)
    with db.atomic():
        dossier = _write(ctx, request, procedure, person, received_at, due, now)
        applicant = dossier.applicant
        rows = [
            ReceivedDocument(id=new_id(), dossier=dossier, position=i, **doc)
            for i, doc in enumerate(documents, start=1)
        ]
        ReceivedDocument.bulk_create(rows)
        event = DossierEvent.create(
            id=new_id(), commune_code=ctx.commune_code, dossier=dossier, kind="received",
            at=received_at, recorded_at=now(), hlc=next_hlc(now=now), actor=clean(request.clerk),
            origin="desk", note="",
            data=json.dumps({"due_at": workflow.stamp(due), "deadline_at": workflow.stamp(due)}),
        )
        index_dossier(dossier, applicant, new=True)
        enqueue(dossier_record(dossier, applicant, rows), now=now)
        enqueue(event_record(event), now=now)
        audit.record("event.received", actor=by, target=dossier.code, now=now,
                     details={"at": workflow.stamp(received_at)} if request.received_at else None)
    return dossier


def _write(
    ctx: DeskContext, request: IntakeRequest, procedure: Procedure, person: dict[str, object],
    received_at: dt.datetime, due: dt.datetime, now: Now,
) -> Dossier:
    local = to_local(received_at)
    code = codes.next_dossier_code(ctx.commune.agency_code, ctx.desk.number, local.date())
    entry = codes.next_ledger_entry(ctx.desk.number, local.year)
    per_book = ctx.entries_per_book
    applicant = Applicant.create(id=new_id(), commune_code=ctx.commune_code, **person)
    fee = procedure.fee_amount if request.fee_amount is None else request.fee_amount
    return Dossier.create(
        id=new_id(), commune_code=ctx.commune_code, desk_id=ctx.desk.id, code=code,
        procedure=procedure, applicant=applicant, received_at=received_at,
        received_by=clean(request.clerk), channel=request.channel,
        return_method=request.return_method, sets_count=request.sets_count, fee_amount=fee,
        note=clean(request.note), ledger_entry=entry, notify=request.notify,
        ledger_book=codes.ledger_book(entry, per_book, ctx.desk.number, local.year),
        status=workflow.RECEIVED, due_at=due, deadline_at=due, clock_started_at=received_at,
        updated_at=now(),
    )


def _checked_applicant(person: ApplicantInput) -> dict[str, object]:
    values = validation.collect({
        "name": (validation.name, person.name),
        "id_number": (validation.id_number, person.id_number),
        "phone": (validation.phone, person.phone),
        "email": (validation.email, person.email),
    })
    return {
        **values,
        "address": clean(person.address),
        "birth_date": person.birth_date,
        "sex": citizen_id.sex_named(person.sex),
    }


def _check_consent(request: IntakeRequest, person: dict[str, object]) -> None:
    """Consent with nowhere to send is a slip the clerk should see before the receipt prints."""
    if request.notify and not (person["phone"] or person["email"]):
        raise ValidationError({"notify": DomainError(
            "notify_without_contact",
            "Công dân đồng ý nhận thông báo nhưng chưa có số điện thoại hoặc email: "
            "hãy nhập một trong hai, hoặc bỏ đánh dấu.")})


def _checked_documents(
    procedure: Procedure, given: tuple[DocumentInput, ...] | None
) -> list[dict[str, object]]:
    listed = list(procedure.documents.order_by(ProcedureDocument.position))
    if given is None:
        given = tuple(DocumentInput(d.name, d.form, d.quantity) for d in listed if d.required)
    received = {clean(d.name) for d in given}
    missing = [d.name for d in listed if d.required and d.name not in received]
    if missing:
        raise DomainError(
            "missing_documents",
            "Hồ sơ chưa đủ giấy tờ bắt buộc: " + "; ".join(missing)
            + ". Hãy hướng dẫn công dân bổ sung (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ).",
        )
    for doc in given:
        if doc.quantity < 1 or not clean(doc.name):
            raise DomainError(
                "invalid_document", "Mỗi giấy tờ phải có tên và số lượng từ 1 trở lên."
            )
    return [{"name": clean(d.name), "form": d.form, "quantity": d.quantity} for d in given]


def _received_at(request: IntakeRequest, now: Now) -> dt.datetime:
    current = now()
    when = request.received_at or current
    if when > current + workflow.FUTURE_TOLERANCE:
        raise DomainError("received_in_future", "Thời điểm tiếp nhận không được ở tương lai.")
    if not in_range(when):
        raise DomainError("received_too_early", f"Thời điểm tiếp nhận phải từ năm "
                                                f"{EARLIEST.year} trở đi.")
    return when


def _check_choices(request: IntakeRequest) -> None:
    if request.channel not in CHANNELS:
        raise DomainError("invalid_channel", "Hình thức nộp hồ sơ không hợp lệ.")
    if request.return_method not in RETURN_METHODS:
        raise DomainError("invalid_return_method", "Hình thức nhận kết quả không hợp lệ.")
    if not 1 <= request.sets_count <= 99:
        raise DomainError("invalid_sets", "Số bộ hồ sơ phải từ 1 đến 99.")
    if request.fee_amount is not None and request.fee_amount < 0:
        raise DomainError("invalid_fee", "Lệ phí không được âm.")
