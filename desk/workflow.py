"""The life of a dossier: which event may follow which, and the projection of its events.

Events carry what was decided when they happened (the appointment computed at intake, the new
deadline after a supplement, the new date of an apology), so replaying them never depends on
today's calendar: a holiday announced next month must not move an appointment already printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from desk.clock import VN_TZ
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


def check(state: Projection, event: EventFacts) -> None:
    """Refuse an event the dossier's state does not allow, saying why in Vietnamese."""
    allowed_from, _ = TRANSITIONS.get(event.kind, (frozenset(), None))
    if event.kind == "received" or event.kind not in TRANSITIONS:
        raise DomainError("unknown_event", f"Không có thao tác «{event.kind}».")
    if state.status not in allowed_from:
        raise DomainError(
            "transition_not_allowed",
            f"Không thể «{EVENT_LABELS[event.kind].lower()}» khi hồ sơ đang ở trạng thái "
            f"«{STATUS_LABELS[state.status]}».",
        )
    if event.kind == "rescheduled":
        _check_reschedule(state, event)
    if event.kind == "rated" and state.rating is not None:
        raise DomainError("already_rated", "Công dân đã đánh giá hồ sơ này rồi.")
    if event.kind == "assigned" and state.assigned_at is not None:
        raise DomainError(
            "already_assigned", "Hồ sơ đã được chuyển xử lý rồi; không chuyển lần thứ hai."
        )


def check_new(state: Projection, event: EventFacts) -> None:
    """``check``, plus what a step recorded now must carry (old records keep folding as they
    were written, so these rules apply at recording only, on the desk and the server alike):
    the reason of a stop or an extension, and a stop only where the rules have one (the 2025
    forms, for dossiers received from 15/9/2025)."""
    check(state, event)
    if event.kind in NEEDS_REASON and not str(event.data.get("reason", "")).strip():
        raise DomainError("missing_reason", NEEDS_REASON[event.kind])
    if event.kind == "stopped" and not _stop_allowed(state):
        raise DomainError(
            "stop_not_in_rules",
            "Hồ sơ tiếp nhận trước ngày 15/9/2025 theo mẫu của Thông tư 01/2018/TT-VPCP, "
            "không có thủ tục dừng giải quyết; hãy dùng «từ chối giải quyết» hoặc «công dân "
            "rút hồ sơ».",
        )


def _stop_allowed(state: Projection) -> bool:
    received = state.received_at or state.clock_started_at
    return has_form(FormKind.STOP, received.astimezone(VN_TZ).date())


def _check_reschedule(state: Projection, event: EventFacts) -> None:
    if state.reschedule_count >= 1:
        raise DomainError(
            "reschedule_limit",
            "Hồ sơ đã được hẹn lại một lần; quy định chỉ cho phép hẹn lại một lần.",
        )
    if parse(event.data["due_at"]) <= state.due_at:
        raise DomainError(
            "reschedule_not_later", "Ngày hẹn mới phải sau ngày hẹn trả kết quả hiện tại."
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


def project(events: Iterable[EventFacts], strict: bool = True) -> Projection:
    """Fold the events, in (hlc, id) order, into the dossier's state.

    Not strict (merging events written elsewhere): an event its predecessors do not allow is
    skipped rather than failing the whole dossier, and stays in the log for people to see.
    """
    ordered = sorted(events, key=lambda e: (e.hlc, e.id))
    if not ordered or ordered[0].kind != "received":
        raise ValueError("a dossier's first event must be 'received'")
    state = start(ordered[0].at, ordered[0].data)
    for event in ordered[1:]:
        try:
            check(state, event)
        except DomainError:
            if strict:
                raise
            continue
        state = advance(state, event)
    return state


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
