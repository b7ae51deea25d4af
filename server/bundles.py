"""Importing a desk's USB bundle exactly as if it had been pushed, and writing the reply."""

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
    answers = _answers(header, len(lines))
    for start in range(0, len(lines), MAX_RECORDS // 2):
        _ingest_chunk(device, lines[start:start + MAX_RECORDS // 2], result, now)
    result.reply = _reply(device, answers, int(header["pull_cursor"]), result)
    return result


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


def _reply(device: Device, answers: dict[str, Any], since: int, result: ImportResult) -> bytes:
    page = pull.changes(Device.get_by_id(device.id), since, limit=REPLY_LIMIT)
    header = {"answers": answers, "since": since, "acked_seq": result.acked_seq,
              "refused": result.refused, "cursor": page.cursor, "more": page.more}
    return encode(MAGIC_REPLY, device.id, header, page.lines, device.bundle_key)

