"""USB bundles: the pending outbox, signed, out to a file; the server's reply back in.

Exported records stay pending until an acknowledgement arrives (a reply bundle or a later
sync), so a lost USB stick loses nothing. Importing the same reply twice changes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from desk.clock import Now
from desk.errors import DomainError
from desk.outbox import pending_count
from desk.sync import incoming
from desk.sync.batching import line
from desk.sync.push import mark_acked, park
from desk.sync.session import enrolment
from models import Outbox, SyncState
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
    header = {"bundle": MAGIC_PUSH, "v": 1, "device_id": who.device_id,
              "first": rows[0].seq if rows else 0, "last": rows[-1].seq if rows else 0,
              "count": len(rows), "pull_cursor": SyncState.get_by_id(1).pull_cursor,
              "created_at": now().isoformat()}
    blob = encode(header, [line(r) for r in rows], bundle_key(who.secret))
    _write_atomically(path, blob)
    return {"file": str(path), "records": len(rows), "bytes": len(blob)}


def import_reply(path: Path, *, now: Now) -> dict[str, Any]:
    who = enrolment()

    def key_for(header: dict[str, Any]) -> str:
        if header.get("device_id") != who.device_id:
            raise BundleError("wrong_device", "reply for another device")
        return bundle_key(who.secret)

    try:
        header, body = open_bundle(read_file(path), MAGIC_REPLY, key_for)
    except (BundleError, OSError) as exc:
        raise DomainError("invalid_bundle", _REASONS.get(getattr(exc, "code", ""), _DAMAGED)) \
            from exc
    acked = mark_acked(int(header["acked_seq"]))
    parked = park({int(r["seq"]): (r["code"], r.get("detail", "")) for r in header["refused"]},
                  now=now)
    pulled = incoming.apply(incoming.parse(body.split(b"\n")), int(header["cursor"]), now=now)
    return {"acked": acked, "parked": parked, "pulled": pulled, "pending": pending_count(),
            "acked_seq": SyncState.get_by_id(1).acked_seq}


_DAMAGED = "Tệp không phải gói phản hồi của máy chủ cấp trên, hoặc đã bị hỏng."
_REASONS = {
    "wrong_device": "Gói phản hồi này dành cho một máy khác, không phải máy này.",
    "bad_signature": "Gói phản hồi không mở được bằng khóa của máy này: tệp đã bị sửa, hỏng, "
                     "hoặc không dành cho máy này.",
}


def _write_atomically(path: Path, blob: bytes) -> None:
    """A stick pulled out mid-write leaves the old file or none, never half a bundle."""
    temporary = path.with_name(path.name + ".part")
    with open(temporary, "wb") as handle:
        handle.write(blob)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
