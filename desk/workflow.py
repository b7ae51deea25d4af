"""The life of a dossier: which event may follow which, and the projection of its events.

Events carry what was decided when they happened (the appointment computed at intake, the new
deadline after a supplement, the new date of an apology), so replaying them never depends on
today's calendar: a holiday announced next month must not move an appointment already printed.

One rule in one place, for the desk and the server alike: ``accept`` says whether a step may be
recorded now (desk.events, server.events), ``fold`` is the one fold of a dossier's events
(the stored projection, desk.history's past states, the server's columns), and ``COLUMNS`` the
dossier columns a projection is stored in.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from desk.clock import VN_TZ, Now, iso_local
from desk.errors import DomainError
from printing.forms import FormKind, has_form

RECEIVED = "received"
IN_PROGRESS = "in_progress"
WAITING_SUPPLEMENT = "waiting_supplement"
RESULT_READY = "result_ready"
RETURNED = "returned"
REFUSED = "refused"
WITHDRAWN = "withdrawn"
STOPPED = "stopped"

STATUS_LABELS = {
    RECEIVED: "Mới tiếp nhận",
    IN_PROGRESS: "Đang giải quyết",
    WAITING_SUPPLEMENT: "Chờ bổ sung",
    RESULT_READY: "Có kết quả, chờ trả",
    RETURNED: "Đã trả kết quả",
    REFUSED: "Từ chối giải quyết",
    WITHDRAWN: "Công dân rút hồ sơ",
    STOPPED: "Đã dừng giải quyết",
}
PENDING = (RECEIVED, IN_PROGRESS, WAITING_SUPPLEMENT)
OPEN = (*PENDING, RESULT_READY)
# Statuses whose clock runs (a dossier waiting for the citizen's papers has none): what can be
# overdue or due soon.
RUNNING = (RECEIVED, IN_PROGRESS)

EVENT_LABELS = {
    "received": "Tiếp nhận hồ sơ",
    "assigned": "Chuyển xử lý",
    "supplement_requested": "Yêu cầu bổ sung hồ sơ",
    "supplemented": "Nhận hồ sơ bổ sung",
    "result_ready": "Có kết quả giải quyết",
    "returned": "Trả kết quả",
    "refused": "Từ chối giải quyết",
    "withdrawn": "Công dân rút hồ sơ",
    "rescheduled": "Xin lỗi và gia hạn thời gian giải quyết",
    "stopped": "Dừng giải quyết hồ sơ",
    "rated": "Đánh giá mức độ hài lòng",
    "corrected": "Đính chính thông tin",
}
RATING_LABELS = {3: "Rất hài lòng", 2: "Hài lòng", 1: "Không hài lòng"}

ANY = frozenset(STATUS_LABELS)
# kind -> (statuses it may follow, status it leads to; None keeps the status)
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "assigned": (frozenset({RECEIVED, IN_PROGRESS}), IN_PROGRESS),
    "supplement_requested": (frozenset({RECEIVED, IN_PROGRESS}), WAITING_SUPPLEMENT),
    "supplemented": (frozenset({WAITING_SUPPLEMENT}), IN_PROGRESS),
    "result_ready": (frozenset({RECEIVED, IN_PROGRESS}), RESULT_READY),
    "returned": (frozenset({RESULT_READY}), RETURNED),
    "refused": (frozenset(PENDING), REFUSED),
    "withdrawn": (frozenset(PENDING), WITHDRAWN),
    "rescheduled": (frozenset(PENDING), None),
    "stopped": (frozenset(PENDING), STOPPED),
    "rated": (frozenset({RETURNED}), None),
    "corrected": (ANY, None),
}
EVENT_KINDS = ("received", *TRANSITIONS)
# Steps whose reason is part of what they decide: form 03, 04 and 05 print it.
NEEDS_REASON = {"stopped": "Dừng giải quyết hồ sơ cần ghi rõ lý do.",
                "rescheduled": "Xin lỗi và gia hạn cần ghi rõ lý do chậm trễ."}
# The words the CLIs (desk and server, DESIGN.md §4) name the steps by.
VERBS = {"assign": "assigned", "request-supplement": "supplement_requested",
         "supplemented": "supplemented", "result-ready": "result_ready", "return": "returned",
         "refuse": "refused", "withdraw": "withdrawn", "reschedule": "rescheduled",
         "stop": "stopped", "rate": "rated", "correct": "corrected"}
# A paper record may be entered after the fact, but not from the future: a PC clock or a typo
# that far ahead would make the dossier look resolved before it was.
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
# The dossier columns a projection is stored in, on the desk and the server (models.Dossier).
COLUMNS = ("status", "due_at", "deadline_at", "clock_started_at", "result_ready_at",
           "returned_at", "closed_at", "outcome", "reschedule_count", "rating")
# The instants each kind carries in its data, which the fold reads (``start``, ``_changes``):
# whoever takes an event in (the server's ingest, a desk's pull) checks them first.
DATA_INSTANTS: dict[str, tuple[str, ...]] = {
    "received": ("due_at", "deadline_at"), "supplemented": ("due_at", "deadline_at"),
    "rescheduled": ("due_at",)}


@dataclass(frozen=True)
class EventFacts:
    id: str
    kind: str
    at: dt.datetime
    hlc: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Projection:
    status: str
    due_at: dt.datetime
    deadline_at: dt.datetime
    clock_started_at: dt.datetime
    result_ready_at: dt.datetime | None = None
    returned_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    supplement_requested_at: dt.datetime | None = None
    reschedule_count: int = 0
    rating: int | None = None
    outcome: str = ""
    received_at: dt.datetime | None = None
    assigned_at: dt.datetime | None = None


def kind_named(name: str) -> str:
    """The kind an operator typed: ``result_ready``, ``result-ready`` or a verb (VERBS)."""
    name = name.strip().lower()
    return VERBS.get(name, name.replace("-", "_"))


def accept(state: Projection, event: EventFacts, *, now: Now) -> None:
    """Whether ``event`` may be recorded now on a dossier in ``state``: the rules of the step
    (``check_new``) and its time, neither before the receipt nor in the future. The desk and
    the server both record through this; DomainError says why not."""
    current = now()
    if event.at > current + FUTURE_TOLERANCE:
        raise DomainError("event_in_future", "Thời điểm ghi nhận không được ở tương lai.",
                          "the event cannot happen in the future")
    received = state.received_at or state.clock_started_at
    if event.at < received:
        raise DomainError(
            "event_before_receipt", "Thời điểm ghi nhận không được trước lúc tiếp nhận hồ sơ.",
            f"the event cannot precede the receipt ({iso_local(received)})")
    check_new(state, event)


def check(state: Projection, event: EventFacts) -> None:
    """Refuse an event the dossier's state does not allow, saying why in Vietnamese."""
    allowed_from, _ = TRANSITIONS.get(event.kind, (frozenset(), None))
    if event.kind == "received" or event.kind not in TRANSITIONS:
        raise DomainError("unknown_event", f"Không có thao tác «{event.kind}».",
                          f"no event kind {event.kind!r}")
    if state.status not in allowed_from:
        raise DomainError(
            "transition_not_allowed",
            f"Không thể «{EVENT_LABELS[event.kind].lower()}» khi hồ sơ đang ở trạng thái "
            f"«{STATUS_LABELS[state.status]}».",
            f"{event.kind} is not allowed while the dossier is {state.status}",
        )
    if event.kind == "rescheduled":
        _check_reschedule(state, event)
    if event.kind == "rated" and state.rating is not None:
        raise DomainError("already_rated", "Công dân đã đánh giá hồ sơ này rồi.",
                          "the citizen already rated this dossier")
    if event.kind == "assigned" and state.assigned_at is not None:
        raise DomainError(
            "already_assigned", "Hồ sơ đã được chuyển xử lý rồi; không chuyển lần thứ hai.",
            "the dossier was already assigned; a second assign is refused",
        )


def check_new(state: Projection, event: EventFacts) -> None:
    """``check``, plus what a step recorded now must carry (old records keep folding as they
    were written, so these rules apply at recording only, on the desk and the server alike):
    the new date of an extension, a rating from 1 to 3, the reason of a stop or an extension,
    and a stop only where the rules have one (the 2025 forms, for dossiers received from
    15/9/2025)."""
    if event.kind == "rescheduled" and not event.data.get("due_at"):
        raise DomainError("missing_new_due", "Chưa nhập ngày hẹn trả kết quả mới.",
                          "rescheduled needs the new due date")
    if event.kind == "rated" and event.data.get("rating") not in RATING_LABELS:
        raise DomainError(
            "invalid_rating", "Mức đánh giá phải là 1 (không hài lòng), 2 hoặc 3 (rất hài lòng).",
            "rated: the rating must be 1, 2 or 3")
    check(state, event)
    if event.kind in NEEDS_REASON and not str(event.data.get("reason", "")).strip():
        raise DomainError("missing_reason", NEEDS_REASON[event.kind],
                          f"{event.kind}: give the reason")
    if event.kind == "stopped" and not _stop_allowed(state):
        raise DomainError(
            "stop_not_in_rules",
            "Hồ sơ tiếp nhận trước ngày 15/9/2025 theo mẫu của Thông tư 01/2018/TT-VPCP, "
            "không có thủ tục dừng giải quyết; hãy dùng «từ chối giải quyết» hoặc «công dân "
            "rút hồ sơ».",
            "stopping exists in the 2025 rules only (dossiers received from 2025-09-15)",
        )


def _stop_allowed(state: Projection) -> bool:
    received = state.received_at or state.clock_started_at
    return has_form(FormKind.STOP, received.astimezone(VN_TZ).date())


def _check_reschedule(state: Projection, event: EventFacts) -> None:
    if state.reschedule_count >= 1:
        raise DomainError(
            "reschedule_limit",
            "Hồ sơ đã được hẹn lại một lần; quy định chỉ cho phép hẹn lại một lần.",
            "the dossier was already rescheduled once; only one re-appointment is allowed",
        )
    if parse(event.data["due_at"]) <= state.due_at:
        raise DomainError(
            "reschedule_not_later", "Ngày hẹn mới phải sau ngày hẹn trả kết quả hiện tại.",
            f"the new due date must be later than the current one ({iso_local(state.due_at)})",
        )


def start(received_at: dt.datetime, data: dict[str, Any]) -> Projection:
    """The state right after intake, from the received event's data."""
    return Projection(
        status=RECEIVED,
        due_at=parse(data["due_at"]),
        deadline_at=parse(data["deadline_at"]),
        clock_started_at=received_at,
        received_at=received_at,
    )


def advance(state: Projection, event: EventFacts) -> Projection:
    """The state after ``event``; ``check`` must have passed."""
    _, target = TRANSITIONS[event.kind]
    return replace(state, status=target or state.status, **_changes(state, event))


def _changes(state: Projection, event: EventFacts) -> dict[str, Any]:
    """The fields ``event`` sets besides the status (one ``replace`` per event, not two)."""
    kind, at, data = event.kind, event.at, event.data
    if kind == "supplement_requested":
        return {"supplement_requested_at": at}
    if kind == "supplemented":
        return {"clock_started_at": at, "due_at": parse(data["due_at"]),
                "deadline_at": parse(data["deadline_at"]), "supplement_requested_at": None}
    if kind == "result_ready":
        return {"result_ready_at": at, "outcome": outcome(at, state.deadline_at)}
    if kind == "returned":
        return {"returned_at": at, "closed_at": at}
    if kind in ("refused", "withdrawn", "stopped"):
        return {"closed_at": at}
    if kind == "assigned":
        return {"assigned_at": at}
    if kind == "rescheduled":
        return {"due_at": parse(data["due_at"]), "reschedule_count": state.reschedule_count + 1}
    if kind == "rated":
        return {"rating": int(data["rating"])}
    return {}


@dataclass(frozen=True)
class Step:
    """An event the fold applied, with the state right after it."""

    event: EventFacts
    state: Projection


def fold(events: Iterable[EventFacts]) -> list[Step]:
    """The one fold of a dossier's events: in (hlc, id) order from its "received" event, each
    event its predecessors allow applied, with the state after it.

    Events merge by union from several places, so an event the state does not allow when its
    turn comes is skipped rather than failing the whole dossier (it stays in the log for people
    to see), and so is one ordered before "received" (a desk whose clock ran behind). No
    "received" event (it has not arrived yet): no steps.
    """
    ordered = sorted(events, key=lambda e: (e.hlc, e.id))
    first = next((i for i, e in enumerate(ordered) if e.kind == RECEIVED), None)
    if first is None:
        return []
    state = start(ordered[first].at, ordered[first].data)
    steps = [Step(ordered[first], state)]
    for event in ordered[first + 1:]:
        try:
            check(state, event)
        except DomainError:
            continue
        state = advance(state, event)
        steps.append(Step(event, state))
    return steps


def project(events: Iterable[EventFacts]) -> Projection | None:
    """The dossier's state after its events; None while its "received" event is missing."""
    steps = fold(events)
    return steps[-1].state if steps else None


def interim(received_at: dt.datetime) -> Projection:
    """The state stored for a dossier whose "received" event has not arrived yet (a batch may
    be cut between the two); the first fold after the event replaces it."""
    return Projection(status=RECEIVED, due_at=received_at, deadline_at=received_at,
                      clock_started_at=received_at, received_at=received_at)


def columns(state: Projection) -> dict[str, Any]:
    """The projection as the dossier's columns (COLUMNS), as both sides store it."""
    return {name: getattr(state, name) for name in COLUMNS}


class EventRow(Protocol):
    """A stored event (models.DossierEvent): what the fold reads from it."""

    id: str
    kind: str
    at: dt.datetime
    hlc: str
    data: str


def facts_from_rows(rows: Iterable[EventRow]) -> list[EventFacts]:
    """The facts of stored events (their ``data`` is JSON text)."""
    return [EventFacts(id=e.id, kind=e.kind, at=e.at, hlc=e.hlc, data=json.loads(e.data))
            for e in rows]


def facts_from_records(records: Sequence[dict[str, Any]]) -> list[EventFacts]:
    """The facts of wire event records (models.wire), before they are stored."""
    return [EventFacts(id=r["id"], kind=r["kind"], at=parse(r["at"]), hlc=r["hlc"],
                       data=r.get("data", {})) for r in records]


def allowed_kinds(state: Projection) -> list[str]:
    """The actions to offer now (a forbidden one is never offered)."""
    kinds = []
    for kind, (allowed_from, _) in TRANSITIONS.items():
        if state.status not in allowed_from:
            continue
        if kind == "rescheduled" and state.reschedule_count >= 1:
            continue
        if kind == "rated" and state.rating is not None:
            continue
        if kind == "assigned" and state.assigned_at is not None:
            continue
        if kind == "stopped" and not _stop_allowed(state):
            continue
        kinds.append(kind)
    return kinds


def outcome(ready_at: dt.datetime, deadline_at: dt.datetime) -> str:
    """early / on_time / late, as DOMAIN.md defines the classes of resolved dossiers."""
    if ready_at > deadline_at:
        return "late"
    if ready_at.astimezone(VN_TZ).date() < deadline_at.astimezone(VN_TZ).date():
        return "early"
    return "on_time"


def parse(value: str | dt.datetime) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


def stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="seconds")
