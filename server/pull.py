"""What a desk pulls: reference data, and its commune's records that came from elsewhere.

Records a device pushed itself are not sent back to it, unless it asks (after a restore).
Another desk of the same commune (or a replacement PC enrolled later) receives them, so every
desk of a commune converges on the commune's dossiers and events.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from desk.clock import Now
from models.hub import ChangeLog, Device

PAGE = 2000


@dataclass(frozen=True)
class Page:
    lines: list[bytes]  # NDJSON: {"seq", "kind", "record"}
    cursor: int
    more: bool


def changes(device: Device, since: int, limit: int = PAGE, own: bool = False) -> Page:
    """``own``: the device's own records too, for a desk that restored a backup and must get
    back what it pushed after that backup was taken."""
    mine = ChangeLog.commune_code == device.commune_code
    if not own:
        mine &= ChangeLog.origin_device != device.id
    query = (
        ChangeLog.select(ChangeLog.seq, ChangeLog.kind, ChangeLog.payload)
        .where((ChangeLog.seq > since) & (ChangeLog.commune_code.is_null() | mine))
        .order_by(ChangeLog.seq)
        .limit(limit + 1)
        .tuples()
    )
    rows = list(query)
    more = len(rows) > limit
    rows = rows[:limit]
    # The payload is stored as canonical JSON text: splice it in rather than parse it again.
    lines = [f'{{"seq":{seq},"kind":{json.dumps(kind)},"record":{payload}}}'.encode()
             for seq, kind, payload in rows]
    return Page(lines, rows[-1][0] if rows else since, more)


def header(page: Page, *, now: Now) -> bytes:
    return json.dumps({"cursor": page.cursor, "more": page.more,
                       "server_time": now().isoformat()}).encode()


def touch(device: Device, pending: int | None, *, now: Now) -> None:
    values = {Device.last_seen_at: now()}
    if pending is not None:
        values[Device.pending_reported] = pending
    Device.update(values).where(Device.id == device.id).execute()
