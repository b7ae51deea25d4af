"""Bundles of format 1, written as the previous release wrote them (models/bundle.py before
bundles were sealed): one zstd frame, a JSON header line with an HMAC-SHA256 of the body, then
the lines. Only the body is signed: a test edits the header freely, as anyone could."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import zstandard

from desk.sync.batching import line
from desk.sync.session import enrolment
from models import Outbox, SyncState
from models.bundle import bundle_key


def format_1(header: dict[str, Any], lines: list[bytes], key: str) -> bytes:
    body = b"".join(item.rstrip(b"\n") + b"\n" for item in lines)
    signed = {**header, "signature": hmac.new(bytes.fromhex(key), body,
                                              hashlib.sha256).hexdigest()}
    head = json.dumps(signed, ensure_ascii=False, separators=(",", ":")).encode()
    return zstandard.ZstdCompressor(level=10).compress(head + b"\n" + body)


def push_bundle(**edits: Any) -> bytes:
    """The desk's pending outbox as the previous export wrote it, header fields ``edits``."""
    who = enrolment()
    rows = list(Outbox.select().where(Outbox.state == "pending").order_by(Outbox.seq))
    header = {"bundle": "motcua-push", "v": 1, "device_id": who.device_id,
              "first": rows[0].seq if rows else 0, "last": rows[-1].seq if rows else 0,
              "count": len(rows), "pull_cursor": SyncState.get_by_id(1).pull_cursor,
              "created_at": "2026-11-30T08:00:00+00:00", **edits}
    return format_1(header, [line(r) for r in rows], bundle_key(who.secret))


def reply_bundle(device_id: str, secret: str, lines: list[bytes], **header: Any) -> bytes:
    """A reply as the previous server wrote it: acknowledgement and cursor unsigned."""
    return format_1({"bundle": "motcua-reply", "v": 1, "device_id": device_id, **header},
                    lines, bundle_key(secret))
