"""The outbox: every replicated write leaves a row here, in the same transaction."""

from __future__ import annotations

import json
from typing import Any

from desk.clock import Now
from models import Outbox


def enqueue(record: dict[str, Any], *, now: Now) -> int:
    """Queue ``record`` (a wire shape from models.wire); returns its sequence number.

    ``created_at`` comes from the caller's clock, the one that stamped the record, so that
    "waiting since" figures compare like with like."""
    row = Outbox.create(
        record_type=record["type"],
        record_id=record["id"],
        payload=json.dumps(record, ensure_ascii=False, separators=(",", ":")),
        created_at=now(),
    )
    return int(row.seq)


def pending_count() -> int:
    return Outbox.select().where(Outbox.state == "pending").count()
