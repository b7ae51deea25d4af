"""Reading dossiers: the work queues the counter watches and the full view of one dossier."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import peewee

from desk import catalogue, workflow
from desk.calendar import WorkingCalendar
from desk.clock import VN_TZ, iso_local, to_local
from desk.events import current_state
from models import (
    Applicant,
    Clerk,
    Dossier,
    DossierEvent,
    Procedure,
    ProcedureDocument,
    ReceivedDocument,
)

QUEUES = {
    "today": "Hôm nay",
    "due_soon": "Sắp đến hạn",
    "overdue": "Quá hạn",
    "waiting_supplement": "Chờ bổ sung",
    "ready": "Chờ trả kết quả",
    "all": "Tất cả",
}


# Columns the lists may sort by; the dossier code breaks ties so that paging is stable.
SORT_FIELDS = {
    "code": Dossier.code,
    "applicant": Applicant.name,
    # By code, not name: the dossier's own indexed column groups a procedure's dossiers together
    # without sorting a million joined rows.
    "procedure": Dossier.procedure,
    "received": Dossier.received_at,
    "due": Dossier.due_at,
    "status": Dossier.status,
}


def queue(
    name: str, calendar: WorkingCalendar, now: dt.datetime,
    order_by: str | None = None, descending: bool = False,
) -> peewee.ModelSelect:
    """The dossiers of one work queue, joined with applicant and procedure for display.

    ``order_by`` (a key of SORT_FIELDS) replaces the queue's natural order, so that a list can
    sort a million rows in SQL and page through them.
    """
    condition, natural = _queue_filter(name, calendar, now)
    query = (
        Dossier.select(Dossier, Applicant, Procedure)
        .join(Applicant, on=(Dossier.applicant == Applicant.id))
        .switch(Dossier)
        .join(Procedure, on=(Dossier.procedure == Procedure.code))
    )
    if condition is not None:
        query = query.where(condition)
    if order_by is None:
        return query.order_by(natural)
    keys = [SORT_FIELDS[order_by], Dossier.code]
    if order_by == "status":
        keys.insert(1, Dossier.due_at)  # the (status, due_at) index serves both
    if condition is not None:
        # A queue's filter leaves few rows: sort those rather than let SQLite walk a sort index
        # over every dossier looking for them (unary + hides the index from the planner).
        keys = [peewee.NodeList((peewee.SQL("+"), key), glue="") for key in keys]
    return query.order_by(*[key.desc() if descending else key.asc() for key in keys])


def queue_count(name: str, calendar: WorkingCalendar, now: dt.datetime) -> int:
    """How many dossiers a queue holds (counted on the dossier table alone, without joins)."""
    condition, _ = _queue_filter(name, calendar, now)
    query = Dossier.select(Dossier.id)
    return (query if condition is None else query.where(condition)).count()


def queue_counts(calendar: WorkingCalendar, now: dt.datetime) -> dict[str, int]:
    """The count of every queue, for the labels of the list's tabs."""
    return {name: queue_count(name, calendar, now) for name in QUEUES}


def receiving_clerk() -> str:
    """The clerk whose name goes on intakes: the first active clerk of this desk, or ""."""
    clerk = Clerk.select().where(Clerk.active).order_by(Clerk.created_at).first()
    return clerk.name if clerk else ""


def _queue_filter(
    name: str, calendar: WorkingCalendar, now: dt.datetime
) -> tuple[peewee.Expression | None, peewee.Ordering | peewee.Field]:
    """A queue's WHERE condition (None: every dossier) and its natural order."""
    if name == "today":
        start = dt.datetime.combine(to_local(now).date(), dt.time(), VN_TZ)
        return Dossier.received_at >= start, Dossier.received_at.desc()
    if name == "overdue":
        return Dossier.status.in_(workflow.RUNNING) & (Dossier.due_at < now), Dossier.due_at
    if name == "due_soon":
        horizon = calendar.add_working_time(now, calendar.hours.day_length)
        return (
            Dossier.status.in_(workflow.RUNNING) & (Dossier.due_at >= now)
            & (Dossier.due_at <= horizon),
            Dossier.due_at,
        )
    if name == "waiting_supplement":
        return Dossier.status == workflow.WAITING_SUPPLEMENT, Dossier.due_at
    if name == "ready":
        return Dossier.status == workflow.RESULT_READY, Dossier.due_at
    if name == "all":
        return None, Dossier.received_at.desc()
    raise ValueError(f"unknown queue {name!r}")


def timeliness(dossier: Dossier, calendar: WorkingCalendar, now: dt.datetime) -> str:
    """'overdue', 'due_soon' or '' for a dossier whose clock runs; the list colours by it."""
    if dossier.status not in workflow.RUNNING:
        return ""
    if dossier.due_at < now:
        return "overdue"
    if calendar.working_time_between(now, dossier.due_at) <= calendar.hours.day_length:
        return "due_soon"
    return ""


def details(dossier: Dossier) -> dict[str, Any]:
    """Everything about one dossier, as ``motcua show --json`` prints it."""
    applicant, procedure = dossier.applicant, dossier.procedure
    state = current_state(dossier)
    return {
        "code": dossier.code,
        "id": dossier.id,
        "status": dossier.status,
        "status_label": workflow.STATUS_LABELS[dossier.status],
        "received_at": iso_local(dossier.received_at),
        "due_at": iso_local(dossier.due_at),
        "deadline_at": iso_local(dossier.deadline_at),
        "result_ready_at": iso_local(dossier.result_ready_at),
        "returned_at": iso_local(dossier.returned_at),
        "outcome": dossier.outcome,
        "rating": dossier.rating,
        "reschedule_count": dossier.reschedule_count,
        "channel": dossier.channel,
        "return_method": dossier.return_method,
        "fee": dossier.fee_amount,
        "received_by": dossier.received_by,
        "notify": dossier.notify,
        "ledger": {"book": dossier.ledger_book, "entry": dossier.ledger_entry},
        "applicant": {
            "name": applicant.name, "id_number": applicant.id_number, "phone": applicant.phone,
            "address": applicant.address, "email": applicant.email,
            "birth_date": applicant.birth_date.isoformat() if applicant.birth_date else None,
            "sex": applicant.sex,
        },
        "procedure": {
            "code": procedure.code, "name": procedure.name, "field": procedure.field,
            "processing_text": catalogue.processing_text(
                procedure.processing_value, procedure.processing_unit
            ),
            "checklist": [d.name for d in procedure.documents.order_by(ProcedureDocument.position)],
        },
        "documents": [
            {"name": d.name, "form": d.form, "quantity": d.quantity}
            for d in dossier.documents.order_by(ReceivedDocument.position)
        ],
        "events": [_event(e) for e in dossier.events.order_by(DossierEvent.hlc, DossierEvent.id)],
        "allowed": workflow.allowed_kinds(state),
    }


def _event(event: DossierEvent) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "label": workflow.EVENT_LABELS.get(event.kind, event.kind),
        "at": iso_local(event.at),
        "recorded_at": iso_local(event.recorded_at),
        "actor": event.actor,
        "origin": event.origin,
        "note": event.note,
        "data": json.loads(event.data),
    }
