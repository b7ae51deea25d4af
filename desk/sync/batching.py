"""Cutting the outbox into push batches sized for the line, in the push wire format.

A batch stays under ~256 KB of NDJSON and 500 records (10–20 KB on the wire:
the body goes in the v2 column encoding of ``models.wire`` at a high zstd level, or as plain
NDJSON when a batch cannot be encoded exactly); on a slow line it shrinks so
one request takes no more than ~20 s of airtime (requests of 30 s or less survive a flaky 2G
line), and a 413 from a proxy halves it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import zstandard

from models import Outbox
from models.wire import MEDIA_V1, MEDIA_V2, encode_body_v2

MAX_BYTES = 256 * 1024
MAX_RECORDS = 500
LEVEL = 19  # ~0.2 s for a full batch; an old PC has the CPU to spare, the line has not
MIN_BYTES = 4 * 1024
TARGET_SECONDS = 20.0


@dataclass
class BatchSizer:
    max_bytes: int = MAX_BYTES
    max_records: int = MAX_RECORDS

    def halve(self) -> None:
        self.max_bytes = max(MIN_BYTES, self.max_bytes // 2)
        self.max_records = max(1, self.max_records // 2)

    def observe(self, raw_bytes: int, wire_bytes: int, seconds: float) -> None:
        """Fit the next batch to the measured line: ~TARGET_SECONDS of upload at most."""
        if seconds <= 0 or wire_bytes <= 0:
            return
        ratio = raw_bytes / wire_bytes
        fitting = int(wire_bytes / seconds * TARGET_SECONDS * ratio)
        self.max_bytes = max(MIN_BYTES, min(MAX_BYTES, fitting))
        if self.max_bytes == MAX_BYTES:
            self.max_records = MAX_RECORDS


@dataclass(frozen=True)
class Batch:
    rows: list[Outbox]
    body: bytes  # zstd frame
    raw_size: int
    media_type: str = MEDIA_V1

    @property
    def first(self) -> int:
        return int(self.rows[0].seq)

    @property
    def last(self) -> int:
        return int(self.rows[-1].seq)


def line(row: Outbox) -> bytes:
    # The payload is already compact JSON: splice it instead of parsing and dumping again.
    return b'{"seq":%d,"record":%s}\n' % (row.seq, row.payload.encode())


def pending_rows(limit: int, after: int = 0) -> list[Outbox]:
    return list(Outbox.select().where((Outbox.state == "pending") & (Outbox.seq > after))
                .order_by(Outbox.seq).limit(limit))


def next_batch(sizer: BatchSizer, after: int = 0) -> Batch | None:
    rows, lines, size = [], [], 0
    for row in pending_rows(sizer.max_records, after):
        text = line(row)
        if rows and size + len(text) > sizer.max_bytes:
            break
        rows.append(row)
        lines.append(text)
        size += len(text)
    if not rows:
        return None
    raw = b"".join(lines)
    columns = body(rows)
    return Batch(rows, zstandard.ZstdCompressor(level=LEVEL).compress(columns or raw),
                 len(raw), MEDIA_V2 if columns else MEDIA_V1)


def body(rows: list[Outbox]) -> bytes | None:
    """The v2 column body of ``rows``, or None to send them as NDJSON."""
    try:
        return encode_body_v2([(int(r.seq), json.loads(r.payload)) for r in rows])
    except (ValueError, AttributeError, TypeError):  # not JSON: sent as it is, the server names it
        return None
