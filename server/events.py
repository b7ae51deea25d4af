"""Events written upstream: a step the province records on a commune's dossier (since 1/7/2025
local government has two tiers, province and commune: there is no district).

DESIGN.md §3: a dossier belongs to the commune that received it; the server never edits it but
may add events. An upstream event is made exactly as a desk makes one (the same wire record, a
hybrid-clock stamp that orders after the dossier's events), is accepted by the same rule
(desk.workflow.accept), is written with its projection, ledger row and change-log row in one
transaction, and reaches the commune's desks by pull.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from desk import workflow
from desk.clock import HybridClock, Now
from desk.errors import DomainError
from desk.ids import new_id
from desk.text import clean
from desk.workflow import EventFacts, Projection
from models import Dossier, DossierEvent, db
from models.base import utc_text
from models.hub import IngestLedger
from models.wire import event_record
from server.database import is_postgresql
from server.errors import ApiError
from server.figures import maintain as figures
from server.ingest import apply, ledger
from server.ingest.shapes import check_shape
from server.notices import outbox as notices

ORIGIN = "server"
# The ledger's device column for records born here: no enrolled desk has this id (theirs are
# UUIDs), so pull hands these records to every desk of the commune.
SERVER_DEVICE = "server"
# Which steps may be written upstream (DOMAIN.md, "The life of a dossier"). The province takes
# part in processing: it assigns the dossier to an officer, asks for a supplement, has the
# result ready, refuses after appraisal, apologises and extends the time as the agency that ran
# late, or stops processing (Decree 118/2025) with its reason. What needs the citizen at the
# counter stays with the commune: receiving, taking the supplement in ("supplemented" also
# restarts the clock with the commune's calendar), handing the result back, the citizen's
# rating and withdrawal.
# "corrected" rewrites the applicant's declared facts, which the commune owns, so it is not
# written upstream either; the workflow has no pure note event.
UPSTREAM_KINDS = ("assigned", "supplement_requested", "result_ready", "refused", "rescheduled",
                  "stopped")
# From the event's wire shape (server.ingest.shapes): longer text would be refused from a desk.
NOTE_LIMIT, ACTOR_LIMIT = 4000, 200
# Refusals of the workflow that say the request is incomplete or wrong (400); the others say the
# dossier's state does not allow the step (409).
INPUT_REFUSALS = frozenset({"unknown_event", "missing_reason", "missing_new_due",
                            "invalid_rating", "event_in_future", "event_before_receipt"})


class EventRefused(ApiError):
    """An event the server will not write: stable code, English detail, Vietnamese message."""

    def __init__(self, status: int, code: str, detail: str, message: str) -> None:
        super().__init__(status, code, detail)
        self.message = message


@dataclass(frozen=True)
class UpstreamEvent:
    code: str
    kind: str
    actor: str
    note: str = ""
    at: dt.datetime | None = None
    new_due: dt.datetime | None = None  # rescheduled only


@dataclass(frozen=True)
class Recorded:
    record: dict[str, Any]  # the wire record, as the desks will pull it
    dossier: Dossier  # re-read after the projection


def record(request: UpstreamEvent, *, now: Now) -> Recorded:
    """Write ``request`` on the dossier if its state allows it; refuse, writing nothing, if not."""
    _check_kind(request.kind)
    actor = _actor(request.actor)
    note = _text(request.note, NOTE_LIMIT, "note")
    data = _event_data(request, note)
    current = now()
    with db.atomic():
        dossier = _held_dossier(request.code)
        tracked = figures.track({dossier.id})
        rows = list(dossier.events)
        state = _state(dossier, rows)
        when = request.at or current
        _accept(state, EventFacts(id="", kind=request.kind, at=when, hlc="", data=data), current)
        event = DossierEvent.create(
            id=new_id(), commune_code=dossier.commune_code, dossier=dossier, kind=request.kind,
            at=when, recorded_at=current, hlc=_next_hlc(rows, current), actor=actor,
            origin=ORIGIN, note=note, data=json.dumps(data, ensure_ascii=False))
        wire = event_record(event)
        # Never hand desks a record the server would refuse from one.
        check_shape(wire, current, origin=ORIGIN)
        _publish(wire, dossier.id, current)
        notices.create_for_events([wire], now=current)
        tracked.commit({dossier.id})
    return Recorded(wire, Dossier.get_by_id(dossier.id))


def offered_kinds(dossier: Dossier) -> list[str]:
    """The upstream events the dossier's state allows now, in the workflow's order."""
    state = workflow.project(workflow.facts_from_rows(dossier.events))
    if state is None:
        return []
    return [k for k in workflow.allowed_kinds(state) if k in UPSTREAM_KINDS]


def _state(dossier: Dossier, rows: list[DossierEvent]) -> Projection:
    state = workflow.project(workflow.facts_from_rows(rows))
    if state is None:
        raise EventRefused(409, "dossier_not_received",
                           f"the received event of {dossier.code} has not arrived yet",
                           "Máy chủ chưa nhận đủ dữ liệu tiếp nhận của hồ sơ này; "
                           "hãy chờ xã đồng bộ.")
    return state


def _check_kind(kind: str) -> None:
    if kind not in workflow.EVENT_KINDS:
        raise EventRefused(400, "unknown_event", f"no event kind {kind!r}; upstream kinds: "
                           + ", ".join(UPSTREAM_KINDS), f"Không có thao tác «{kind}».")
    if kind not in UPSTREAM_KINDS:
        raise EventRefused(400, "not_an_upstream_event",
                           f"{kind} happens at the commune's counter, not upstream; upstream "
                           "kinds: " + ", ".join(UPSTREAM_KINDS),
                           f"Thao tác «{workflow.EVENT_LABELS[kind]}» do bộ phận một cửa "
                           "của xã thực hiện, máy chủ cấp trên không ghi nhận.")


def _actor(value: str) -> str:
    actor = _text(value, ACTOR_LIMIT, "actor")
    if not actor:
        raise EventRefused(400, "missing_actor", "say who recorded the event (actor)",
                           "Chưa rõ người ghi nhận.")
    return actor


def _text(value: str, limit: int, name: str) -> str:
    text = clean(value)
    if len(text) > limit:
        raise EventRefused(400, "text_too_long", f"{name}: at most {limit} characters",
                           f"Nội dung quá dài (tối đa {limit} ký tự).")
    return text


def _event_data(request: UpstreamEvent, note: str) -> dict[str, Any]:
    """What the event carries, as the desk would put it (desk.events._event_data)."""
    if request.kind == "refused" and not note:
        # Form 03 prints the reasons from the note; the clerk who hands it over did not decide.
        raise EventRefused(400, "missing_reason", "refused: give the reasons in the note",
                           "Từ chối giải quyết cần ghi rõ lý do.")
    if request.kind == "stopped":
        return {"reason": note}  # workflow.check_new refuses an empty one
    if request.kind != "rescheduled":
        if request.new_due is not None:
            raise EventRefused(400, "unexpected_new_due",
                               f"a new due date only goes with rescheduled, not {request.kind}",
                               "Chỉ nhập ngày hẹn mới khi hẹn lại ngày trả kết quả.")
        return {}
    if request.new_due is None:
        return {"reason": note}  # workflow.accept refuses it: missing_new_due
    return {"due_at": workflow.stamp(request.new_due), "reason": note}


def _held_dossier(code: str) -> Dossier:
    """The dossier, locked on PostgreSQL so two upstream events cannot both pass the check
    (SQLite transactions here take the write lock at BEGIN already)."""
    query = Dossier.select().where(Dossier.code == clean(code).upper())
    if is_postgresql(db.obj):
        query = query.for_update()
    dossier = query.first()
    if dossier is None:
        raise EventRefused(404, "unknown_dossier", f"no dossier {code!r} is held here",
                           f"Không tìm thấy hồ sơ có mã «{code}».")
    return dossier


def _accept(state: Projection, facts: EventFacts, now: dt.datetime) -> None:
    """The desk's rule (workflow.accept), answered as the API answers."""
    try:
        workflow.accept(state, facts, now=lambda: now)
    except DomainError as exc:
        status = 400 if exc.code in INPUT_REFUSALS else 409
        raise EventRefused(status, exc.code, exc.detail, exc.message) from exc


def _next_hlc(rows: list[DossierEvent], now: dt.datetime) -> str:
    """After every event the dossier holds, even one stamped by a desk whose clock ran ahead:
    events order by (hlc, id), and an upstream step must follow what it was decided on."""
    last = max((e.hlc for e in rows), default="")
    return HybridClock(last, wall=lambda: now).tick()


def _publish(wire: dict[str, Any], dossier_id: str, now: dt.datetime) -> None:
    """Re-project the dossier, tell the ledger the id, and append the change desks pull."""
    item = ledger.incoming(0, wire)
    apply.reproject({dossier_id}, now)
    IngestLedger.create(record_id=item.id, record_type=item.type,
                        commune_code=wire["commune_code"], device_id=SERVER_DEVICE,
                        device_seq=0, payload_hash=item.digest, received_at=now)
    apply.append_changes([{"commune_code": wire["commune_code"], "kind": item.type,
                           "record_id": item.id, "origin_device": SERVER_DEVICE,
                           "payload": item.canonical, "created_at": utc_text(now)}])
