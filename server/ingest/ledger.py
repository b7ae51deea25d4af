"""Idempotency by record id and payload hash: retry, conflict, or new."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from models.hub import IngestLedger

CHUNK = 500


@dataclass(frozen=True)
class Incoming:
    seq: int
    record: dict[str, Any]
    canonical: str
    digest: str

    @property
    def id(self) -> str:
        return str(self.record["id"])

    @property
    def type(self) -> str:
        return str(self.record["type"])


def incoming(seq: int, record: dict[str, Any]) -> Incoming:
    """Hash the canonical JSON, so key order or spacing never turns a retry into a conflict."""
    canonical = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Incoming(seq, record, canonical, hashlib.sha256(canonical.encode()).hexdigest())


def known_hashes(ids: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for start in range(0, len(ids), CHUNK):
        query = IngestLedger.select(IngestLedger.record_id, IngestLedger.payload_hash).where(
            IngestLedger.record_id.in_(ids[start:start + CHUNK]))
        found.update(query.tuples())
    return found


def partition(items: list[Incoming]) -> tuple[list[Incoming], list[Incoming], list[Incoming]]:
    """(new, already applied with the same bytes, same id with other bytes)."""
    known = known_hashes([i.id for i in items])
    fresh: list[Incoming] = []
    seen: dict[str, str] = {}
    retries, conflicts = [], []
    for item in items:
        previous = known.get(item.id) or seen.get(item.id)
        if previous is None:
            fresh.append(item)
            seen[item.id] = item.digest
        elif previous == item.digest:
            retries.append(item)
        else:
            conflicts.append(item)
    return fresh, retries, conflicts
