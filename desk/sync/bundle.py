"""USB bundles: the pending outbox, sealed, out to a file; the server's reply back in.

Exported records stay pending until an acknowledgement arrives (a reply bundle or a later
sync), so a lost USB stick loses nothing. Importing the same reply twice changes nothing. A
reply names the bundle it answers (its id, its records' range, the pull cursor it was written
at): it acknowledges no record outside that range, and moves the pull cursor only when it
carries every change since where this desk stands.

A reply of the previous format (signed body, editable header) still imports during the upgrade:
its changes from the server apply, but nothing else in it is believed, since an edited
``acked_seq`` would mark unsent records as sent and an edited ``cursor`` would stop the pulls.
It acknowledges nothing (its body holds only the server's changes) and leaves the cursor
where it is; the next sync or reply acknowledges the records and pulls from there.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from desk.clock import Now
from desk.errors import DomainError
from desk.ids import new_id
from desk.outbox import pending_count
from desk.sync import incoming
from desk.sync.batching import line
from desk.sync.push import mark_acked, park
from desk.sync.session import enrolment
from models import Outbox, SyncState, db
from models.bundle import (
    MAGIC_PUSH,
    MAGIC_REPLY,
    BundleError,
    bundle_key,
    encode,
    open_bundle,
    read_file,
)


def export(path: Path, *, now: Now) -> dict[str, Any]:
    who = enrolment()
    rows = list(Outbox.select().where(Outbox.state == "pending").order_by(Outbox.seq))
    header = {"bundle_id": new_id(), "first": rows[0].seq if rows else 0,
              "last": rows[-1].seq if rows else 0, "count": len(rows),
              "pull_cursor": SyncState.get_by_id(1).pull_cursor, "created_at": now().isoformat()}
    blob = encode(MAGIC_PUSH, who.device_id, header, [line(r) for r in rows],
                  bundle_key(who.secret))
    _write_atomically(path, blob)
    return {"file": str(path), "records": len(rows), "bytes": len(blob),
            "first": header["first"], "last": header["last"]}


def import_reply(path: Path, *, now: Now) -> dict[str, Any]:
    who = enrolment()

    def key_for(header: dict[str, Any]) -> str:
        if header.get("device_id") != who.device_id:
            raise BundleError("wrong_device", "reply for another device")
        return bundle_key(who.secret)

    try:
        header, body = open_bundle(read_file(path), MAGIC_REPLY, key_for)
    except (BundleError, OSError) as exc:
        raise DomainError("invalid_bundle", _REASONS.get(exc.code if isinstance(
            exc, BundleError) else "", _DAMAGED)) from exc
    if header["v"] == 1:
        return _import_previous(body, now=now)
    try:
        answers = header["answers"]
        first, last, since = int(answers["first"]), int(answers["last"]), int(header["since"])
        refused = {int(r["seq"]): (str(r["code"]), str(r.get("detail", "")))
                   for r in header["refused"] if first <= int(r["seq"]) <= last}
        acked_seq, cursor = int(header["acked_seq"]), int(header["cursor"])
    except (KeyError, TypeError, ValueError) as exc:
        raise DomainError("invalid_bundle", _DAMAGED) from exc
    with db.atomic():
        acked = mark_acked(min(acked_seq, last))
        parked = park(refused, now=now)
        held = SyncState.get_by_id(1).pull_cursor
        # A reply written from an older cursor than this desk's still applies (idempotent);
        # one from a newer cursor would leave a gap, so its changes apply and the cursor stays.
        pulled = incoming.apply(incoming.parse(body.split(b"\n")),
                                cursor if since <= held else held, now=now)
    return {"acked": acked, "parked": parked, "pulled": pulled, "pending": pending_count(),
            "acked_seq": SyncState.get_by_id(1).acked_seq,
            "answers": {"bundle_id": str(answers.get("bundle_id", "")), "first": first,
                        "last": last, "created_at": str(answers.get("created_at", ""))}}


def _import_previous(body: bytes, *, now: Now) -> dict[str, Any]:
    pulled = incoming.apply(incoming.parse(body.split(b"\n")),
                            SyncState.get_by_id(1).pull_cursor, now=now)
    return {"acked": 0, "parked": 0, "pulled": pulled, "pending": pending_count(),
            "acked_seq": SyncState.get_by_id(1).acked_seq, "format": 1,
            "answers": {"bundle_id": "", "first": 0, "last": 0, "created_at": ""},
            "notice": PREVIOUS_FORMAT}


PREVIOUS_FORMAT = ("Gói phản hồi theo định dạng cũ (chưa niêm phong): máy chỉ nhận các cập nhật "
                   "của cấp trên trong gói, chưa coi bản ghi nào là đã gửi. Các bản ghi vẫn chờ "
                   "đến lần đồng bộ hoặc gói phản hồi sau.")
_DAMAGED = "Tệp không phải gói phản hồi của máy chủ cấp trên, hoặc đã bị hỏng."
_REASONS = {
    "wrong_device": "Gói phản hồi này dành cho một máy khác, không phải máy này.",
    "bad_signature": "Gói phản hồi không mở được bằng khóa của máy này: tệp đã bị sửa, bị cắt "
                     "mất một phần, hoặc không dành cho máy này. Chưa có gì được áp dụng.",
}


def _write_atomically(path: Path, blob: bytes) -> None:
    """A stick pulled out mid-write leaves the old file or none, never half a bundle."""
    temporary = path.with_name(path.name + ".part")
    with open(temporary, "wb") as handle:
        handle.write(blob)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
