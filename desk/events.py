"""Recording what happens to a dossier: event, projection and outbox row in one transaction."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from desk import audit, corrections, settings, workflow
from desk.clock import EARLIEST, LATEST, HybridClock, Now, in_range, to_local
from desk.context import DeskContext
from desk.errors import DomainError
from desk.ids import new_id
from desk.outbox import enqueue
from desk.search import index_dossier
from desk.text import clean
from desk.workflow import EventFacts, Projection
from models import Applicant, Dossier, DossierEvent, db
from models.replica import apply_correction
from models.wire import event_record


def next_hlc(*, now: Now) -> str:
    """Tick the desk's hybrid logical clock, persisted so it survives restarts and clock slips."""
    clock = HybridClock(settings.get("clock.hlc"), wall=now)
    value = clock.tick()
    settings.put("clock.hlc", value)
    return value


def current_state(dossier: Dossier) -> Projection:
    """The dossier's state from its events (workflow.fold); a dossier pulled before its
    "received" event stands as it was stored on arrival."""
    return (workflow.project(workflow.facts_from_rows(dossier.events))
            or workflow.interim(dossier.received_at))


def get_dossier(code: str) -> Dossier:
    dossier = Dossier.get_or_none(Dossier.code == code.strip().upper())
    if dossier is None:
        raise DomainError("unknown_dossier", f"Không tìm thấy hồ sơ có mã «{code}».")
    return dossier


def record(
    ctx: DeskContext,
    code: str,
    kind: str,
    *,
    at: dt.datetime | None = None,
    note: str = "",
    data: dict[str, Any] | None = None,
    actor: str = "",
    now: Now,
    by: str = "",
) -> DossierEvent:
    """Append ``kind`` to the dossier if workflow.accept allows it now; refuse with a reason
    otherwise, writing nothing.

    ``actor`` is the name the event carries (printed on slips); ``by`` the signed-in account's
    login, for the audit trail."""
    with db.atomic():
        dossier = get_dossier(code)
        state = current_state(dossier)
        when = at or now()
        payload = _event_data(ctx, dossier, state, kind, when, dict(data or {}), note)
        facts = EventFacts(id="", kind=kind, at=when, hlc="", data=payload)
        workflow.accept(state, facts, now=now)
        event = DossierEvent.create(
            id=new_id(),
            commune_code=dossier.commune_code,
            dossier=dossier,
            kind=kind,
            at=when,
            recorded_at=now(),
            hlc=next_hlc(now=now),
            actor=clean(actor),
            origin="desk",
            note=clean(note),
            data=json.dumps(payload, ensure_ascii=False),
        )
        if kind == "corrected":
            apply_correction({"kind": kind, "data": payload, "dossier_id": dossier.id})
            index_dossier(dossier, Applicant.get_by_id(dossier.applicant_id))
        save_projection(dossier, workflow.advance(state, facts), now=now)
        enqueue(event_record(event), now=now)
        audit.record(f"event.{kind}", actor=by, target=dossier.code, now=now,
                     details=_audit_details(kind, at, payload))
    return event


def _audit_details(kind: str, at: dt.datetime | None, payload: dict[str, Any]) -> dict[str, Any]:
    """What the audit keeps of an event: a back-dated time, which field a correction changed
    (never the values: they are the citizen's data)."""
    details: dict[str, Any] = {}
    if at is not None:
        details["at"] = workflow.stamp(at)
    if kind == "corrected" and "field" in payload:
        details["field"] = payload["field"]
    return details


def _event_data(
    ctx: DeskContext, dossier: Dossier, state: Projection, kind: str, when: dt.datetime,
    data: dict[str, Any], note: str,
) -> dict[str, Any]:
    """What the event must carry so that replaying it never needs today's calendar, and the
    reason of the steps whose reason is part of the decision (workflow.NEEDS_REASON)."""
    if kind == "supplemented":
        deadline = _deadline_after_supplement(ctx, dossier, state, when)
        return {"due_at": workflow.stamp(deadline), "deadline_at": workflow.stamp(deadline)}
    if kind == "rescheduled":
        reason = {"reason": clean(data.get("reason") or note)}
        if not data.get("due_at"):
            return reason  # workflow.accept says what is missing
        new_due = workflow.parse(data["due_at"])
        if not in_range(new_due):
            raise DomainError("invalid_new_due", f"Ngày hẹn mới phải trong khoảng năm "
                                                 f"{EARLIEST.year}–{LATEST.year - 1}.")
        return {"due_at": workflow.stamp(new_due), **reason}
    if kind == "stopped":
        return {"reason": clean(data.get("reason") or note)}
    if kind == "rated":
        return {"rating": _whole(data.get("rating"))}  # workflow.accept checks the range
    if kind == "supplement_requested" and data.get("documents"):
        return {"documents": [clean(name) for name in data["documents"] if clean(name)]}
    if kind == "corrected":
        return corrections.payload(dossier.applicant, data, note, to_local(when).date())
    return {}


def _whole(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _deadline_after_supplement(
    ctx: DeskContext, dossier: Dossier, state: Projection, when: dt.datetime
) -> dt.datetime:
    """Restart the clock from the completed dossier (art. 19.4), or pause it, per setting."""
    procedure = dossier.procedure
    if ctx.supplement_policy == "pause" and state.supplement_requested_at is not None:
        paused = ctx.calendar.working_time_between(state.supplement_requested_at, when)
        return ctx.calendar.add_working_time(state.deadline_at, paused)
    return ctx.calendar.due_at(when, procedure.processing_value, procedure.processing_unit)


def save_projection(dossier: Dossier, state: Projection, *, now: Now) -> None:
    Dossier.update(**workflow.columns(state), updated_at=now()).where(
        Dossier.id == dossier.id).execute()


def reproject(dossier: Dossier, *, now: Now) -> Projection:
    """Re-derive and store the projection after events arrived from elsewhere."""
    state = current_state(dossier)
    save_projection(dossier, state, now=now)
    return state
