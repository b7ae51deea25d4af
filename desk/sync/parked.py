"""Records the server refused ("bị giữ lại"): listing them for the clerk, queueing them again.

A record the server refuses with a 4xx is parked (desk.sync.push) so it never blocks the queue.
Once the cause is fixed upstream (the district adds a procedure, upgrades the server), the clerk
or the IT person puts it back in the queue. What must hold, and why it does:

- **Exactly once.** A refusal applies nothing of its batch, so a parked record was never
  stored upstream. Sending it again is an ordinary push; the server's ledger (record id and
  payload hash) turns any repeat into a counted duplicate, never a second copy.
- **Refused again: parked again.** Re-queued rows are plain pending rows; the push parks them
  again with the new reason and time, and the rest of the queue goes on.
- **Order.** Rows keep their sequence numbers and the push always sends the lowest pending
  numbers first. A dossier's record was written before its events, so a re-queued dossier
  travels before, or in the same batch as, every event of it that is pending. Giving rows new
  numbers instead would send the dossier after events written since, and those would be refused.
- **A dossier goes back whole.** When a dossier is refused, its events in the same or later
  batches are refused as ``unknown_dossier`` and park behind it. Re-queuing the dossier alone
  would leave them parked; re-queuing an event alone would be refused again. So a selection is
  widened to every parked record of the same dossiers. (An event parked by a push that was
  already in flight when its dossier was re-queued stays parked; the list says why, and one
  more "Gửi lại" sends it.)
- **Acknowledgement.** A re-queued row sits below the number the server has acknowledged. A
  push answer marks exactly the rows of its batch, and a reply bundle (which only gives a
  number) leaves re-queued rows pending; see ``push.mark_acked``. So a row re-queued while a
  batch is in flight, or after a bundle was exported, is never marked sent without travelling.

Re-queuing is one transaction: all the chosen rows go back, or none.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from desk.clock import iso_local
from desk.errors import DomainError
from desk.sync.refusals import ASK_IT, explain
from desk.workflow import EVENT_LABELS
from models import Dossier, Outbox, ParkedChange, db


@dataclass(frozen=True)
class ParkedRecord:
    seq: int
    record_type: str  # "dossier" | "event"
    record_id: str
    dossier_id: str
    dossier_code: str
    event_kind: str  # "" for a dossier
    label: str  # "Hồ sơ" or "Sự kiện: Trả kết quả"
    created_at: dt.datetime
    parked_at: dt.datetime | None  # None for rows parked before the time was recorded
    attempts: int
    code: str  # the server's refusal code
    reason: str  # in Vietnamese, for the clerk
    detail: str  # the server's English detail, for the IT person

    def json(self) -> dict[str, Any]:
        return {"seq": self.seq, "record_type": self.record_type, "record_id": self.record_id,
                "dossier_code": self.dossier_code, "event_kind": self.event_kind,
                "label": self.label, "created_at": iso_local(self.created_at),
                "parked_at": iso_local(self.parked_at), "attempts": self.attempts,
                "code": self.code, "reason": self.reason, "detail": self.detail}


@dataclass(frozen=True)
class ParkedChangeRecord:
    """A record pulled from the server that this desk could not apply (desk.sync.incoming)."""

    seq: int  # the server's change number
    kind: str
    label: str
    dossier_code: str
    parked_at: dt.datetime
    attempts: int
    reason: str  # in Vietnamese, for the clerk
    detail: str  # what failed, in English, for the IT person

    def json(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind, "label": self.label,
                "dossier_code": self.dossier_code, "parked_at": iso_local(self.parked_at),
                "attempts": self.attempts, "reason": self.reason, "detail": self.detail}


INCOMING_REASON = ("Máy không áp dụng được bản ghi này nhận từ máy chủ cấp trên (dữ liệu không "
                   "hợp lệ, hoặc hồ sơ liên quan chưa về đủ). Máy vẫn nhận các bản ghi khác và "
                   "thử lại bản ghi này ở mỗi lần đồng bộ. " + ASK_IT)
CHANGE_LABELS = {"catalogue": "Danh mục thủ tục", "calendar": "Lịch làm việc, ngày nghỉ"}


def parked_changes() -> list[ParkedChangeRecord]:
    """Every pulled record set aside, in the server's order."""
    rows = list(ParkedChange.select().order_by(ParkedChange.seq))
    records = {row.seq: _change_record(row) for row in rows}
    codes = _dossier_codes({str(r.get("dossier_id", "")) for r in records.values()})
    return [ParkedChangeRecord(
        seq=int(row.seq), kind=row.kind, label=_change_label(row.kind, records[row.seq]),
        dossier_code=str(records[row.seq].get("code", "")) if row.kind == "dossier"
        else codes.get(str(records[row.seq].get("dossier_id", "")), ""),
        parked_at=row.parked_at, attempts=int(row.attempts), reason=INCOMING_REASON,
        detail=row.error) for row in rows]


def _change_record(row: ParkedChange) -> dict[str, Any]:
    try:
        record = json.loads(row.payload).get("record")
    except (ValueError, AttributeError):
        return {}
    return record if isinstance(record, dict) else {}


def _change_label(kind: str, record: dict[str, Any]) -> str:
    if kind == "event" and not record.get("kind"):
        return "Sự kiện (không đọc được)"
    if kind in ("dossier", "event"):
        return _label(kind, str(record.get("kind", "")))
    return CHANGE_LABELS.get(kind, "Bản ghi không rõ loại")


def parked_records() -> list[ParkedRecord]:
    """Every parked record, oldest first (the order they will be sent again)."""
    rows = list(Outbox.select().where(Outbox.state == "parked").order_by(Outbox.seq))
    records = {row.seq: _payload(row) for row in rows}
    codes = _dossier_codes({_dossier_id(row, records[row.seq]) for row in rows})
    return [_describe(row, records[row.seq], codes) for row in rows]


def requeue(seqs: Iterable[int] | None = None) -> list[int]:
    """Put parked rows back in the queue (all of them when ``seqs`` is None), each with the
    other parked records of its dossier; returns the sequence numbers now pending, in order.

    Raises DomainError ``not_parked`` and changes nothing if a number is not a parked row."""
    with db.atomic():
        rows = list(Outbox.select().where(Outbox.state == "parked").order_by(Outbox.seq))
        chosen = rows if seqs is None else _with_their_dossiers(rows, set(seqs))
        numbers = [int(row.seq) for row in chosen]
        which = Outbox.state == "parked"
        if seqs is not None:  # "all" needs no list: thousands of numbers would not bind
            which &= Outbox.seq.in_(numbers)
        if numbers:
            Outbox.update(state="pending").where(which).execute()
    return numbers


def _with_their_dossiers(rows: list[Outbox], wanted: set[int]) -> list[Outbox]:
    missing = wanted - {row.seq for row in rows}
    if missing:
        listed = ", ".join(str(n) for n in sorted(missing))
        raise DomainError("not_parked", f"Không có bản ghi bị giữ lại nào mang số {listed}.")
    dossier_of = {row.seq: _dossier_id(row, _payload(row)) for row in rows}
    dossiers = {dossier_of[n] for n in wanted} - {""}
    return [row for row in rows if row.seq in wanted or dossier_of[row.seq] in dossiers]


def _describe(row: Outbox, record: dict[str, Any], codes: dict[str, str]) -> ParkedRecord:
    dossier_id = _dossier_id(row, record)
    kind = str(record.get("kind", "")) if row.record_type == "event" else ""
    refusal = explain(row.error, record)
    return ParkedRecord(
        seq=int(row.seq), record_type=row.record_type, record_id=row.record_id,
        dossier_id=dossier_id,
        dossier_code=str(record.get("code", "")) or codes.get(dossier_id, ""),
        event_kind=kind, label=_label(row.record_type, kind), created_at=row.created_at,
        parked_at=row.parked_at, attempts=int(row.attempts), code=refusal.code,
        reason=refusal.reason, detail=refusal.detail)


def _label(record_type: str, kind: str) -> str:
    if record_type == "dossier":
        return "Hồ sơ"
    if record_type == "event":
        return f"Sự kiện: {EVENT_LABELS.get(kind, kind)}"
    return record_type


def _payload(row: Outbox) -> dict[str, Any]:
    """The record as queued; a payload that is not a JSON object (the server refused it for
    that) still gets listed, with what the row itself says."""
    try:
        record = json.loads(row.payload)
    except ValueError:
        return {}
    return record if isinstance(record, dict) else {}


def _dossier_id(row: Outbox, record: dict[str, Any]) -> str:
    if row.record_type == "dossier":
        return str(row.record_id)
    return str(record.get("dossier_id", ""))


def _dossier_codes(ids: set[str]) -> dict[str, str]:
    ids.discard("")
    if not ids:
        return {}
    query = Dossier.select(Dossier.id, Dossier.code).where(Dossier.id.in_(list(ids)))
    return {dossier_id: code for dossier_id, code in query.tuples()}
