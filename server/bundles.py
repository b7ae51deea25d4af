"""Importing a desk's USB bundle exactly as if it had been pushed, and writing the reply.

The reply is always of the current, sealed format. A bundle of the previous format (signed body,
editable header) still imports during the upgrade, but only its body is believed: the range the
reply names is read from the records, and the reply acknowledges only, carrying no pull data,
since its unsigned ``pull_cursor`` (edited to 0) would otherwise hand out every dossier of the
commune. The desk's next sync or export fetches what it lacks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desk.clock import Now
from models.bundle import MAGIC_PUSH, MAGIC_REPLY, BundleError, encode, open_bundle
from models.hub import Device
from server import pull
from server.errors import ApiError
from server.ingest.batch import ingest
from server.ingest.decode import MAX_RECORDS, parse_lines

REPLY_LIMIT = 200_000  # changes carried back in one reply bundle


@dataclass
class ImportResult:
    device_id: str
    acked_seq: int = 0
    applied: int = 0
    duplicates: int = 0
    refused: list[dict[str, object]] = field(default_factory=list)
    reply: bytes = b""


def import_bundle(blob: bytes, *, now: Now) -> ImportResult:
    header, body = open_bundle(blob, MAGIC_PUSH, _device_key)
    device = Device.get_by_id(str(header["device_id"]))
    result = ImportResult(device.id, acked_seq=device.acked_seq)
    lines = parse_lines(body, max_records=10**9) if body.strip() else []
    previous = header["v"] == 1  # only the body is signed
    answers = _range_of(lines) if previous else _answers(header, len(lines))
    for start in range(0, len(lines), MAX_RECORDS // 2):
        _ingest_chunk(device, lines[start:start + MAX_RECORDS // 2], result, now)
    since = None if previous else int(header["pull_cursor"])
    result.reply = _reply(device, answers, since, result)
    return result


def _range_of(lines: list[Any]) -> dict[str, Any]:
    """The range a format-1 bundle's signed records cover (its header's own is unsigned)."""
    seqs = [line.seq for line in lines]
    return {"bundle_id": "", "first": min(seqs, default=0), "last": max(seqs, default=0),
            "count": len(seqs), "created_at": ""}


def _answers(header: dict[str, Any], count: int) -> dict[str, Any]:
    """The range the reply names: what the sealed header says, checked against the lines."""
    try:
        answers = {"bundle_id": str(header["bundle_id"])[:64], "first": int(header["first"]),
                   "last": int(header["last"]), "count": int(header["count"]),
                   "created_at": str(header["created_at"])[:40]}
        cursor = int(header["pull_cursor"])
    except (KeyError, TypeError, ValueError) as exc:
        raise BundleError("invalid_bundle", "the bundle's header lacks its range") from exc
    if answers["count"] != count or cursor < 0 or not 0 <= answers["first"] <= answers["last"]:
        raise BundleError("invalid_bundle", "the bundle's header does not match its records")
    return answers


def _device_key(header: dict[str, object]) -> str:
    device = Device.get_or_none(Device.id == str(header.get("device_id", "")))
    if device is None:
        raise BundleError("unknown_device", "the bundle comes from a device this server "
                                            "does not know")
    if device.revoked_at is not None:
        raise BundleError("device_revoked", "the bundle's device was revoked")
    return str(device.bundle_key)


def _ingest_chunk(device: Device, chunk: list, result: ImportResult, now: Now) -> None:
    """As a desk would: refused records are set aside and the rest goes in."""
    while chunk:
        try:
            done = ingest(device, chunk, now=now)
        except ApiError as exc:
            refused = exc.extra.get("refused")
            if not refused:
                raise
            result.refused += refused
            dropped = {r["seq"] for r in refused}
            chunk = [line for line in chunk if line.seq not in dropped]
            continue
        result.acked_seq = done.acked_seq
        result.applied += done.applied
        result.duplicates += done.duplicates
        return


def _reply(device: Device, answers: dict[str, Any], since: int | None,
           result: ImportResult) -> bytes:
    """``since`` None: acknowledge only, an empty page that moves no desk's cursor."""
    page = (pull.changes(Device.get_by_id(device.id), since, limit=REPLY_LIMIT)
            if since is not None else pull.Page([], 0, False))
    since = since or 0
    header = {"answers": answers, "since": since, "acked_seq": result.acked_seq,
              "refused": result.refused, "cursor": page.cursor, "more": page.more}
    return encode(MAGIC_REPLY, device.id, header, page.lines, device.bundle_key)

