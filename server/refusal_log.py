"""Records the server refused, kept per device and sequence for the commune's page.

A refused push applies nothing, so this is written in its own transaction after the refusal;
the same record refused again only counts once more. A record later accepted (the desk sent
it again once the cause was fixed) drops off the page by itself: the ledger then holds its id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from models import db
from models.hub import Device, IngestRefusal
from server.ingest.decode import Line


def record(device: Device, refused: Iterable[dict[str, Any]], lines: list[Line],
           now: dt.datetime) -> None:
    by_seq = {line.seq: line.record for line in lines}
    with db.atomic():
        for item in refused:
            seq = int(item["seq"])
            body = by_seq.get(seq) or {}
            row = {"commune_code": device.commune_code,
                   "record_id": _text(body.get("id", ""), 64),
                   "record_type": _text(body.get("type", ""), 24),
                   "code": _text(item.get("code", ""), 64),
                   "detail": _text(item.get("detail", ""), 2000), "last_at": now}
            IngestRefusal.insert(device_id=device.id, seq=seq, first_at=now, times=1,
                                 **row).on_conflict(
                conflict_target=[IngestRefusal.device_id, IngestRefusal.seq],
                update={**{getattr(IngestRefusal, k): v for k, v in row.items()},
                        IngestRefusal.times: IngestRefusal.times + 1}).execute()


def _text(value: object, limit: int) -> str:
    """What a refused record said, as a column takes it: the record was refused for holding
    what no column takes (a NUL: PostgreSQL's text refuses it), so its log must not fail on it
    and turn the refusal into a 500."""
    return str(value).replace("\x00", "\N{REPLACEMENT CHARACTER}")[:limit]

