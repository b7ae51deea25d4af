"""Idempotency by record id and payload hash: retry, conflict, or new."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

import orjson

from models.hub import IngestLedger
from server.ingest.lookup import column_map


@dataclass(frozen=True, slots=True)
class Incoming:
    seq: int
    record: dict[str, Any]
    canonical: str
    digest: str
    id: str
    type: str


class NotCanonical(ValueError):
    """The record holds a value JSON cannot carry exactly (an integer beyond 64 bits), or text
    no database column takes (a NUL character)."""


# A NUL in any string, written by the JSON encoder as \u0000 (and not a literal backslash
# followed by "u0000", which it writes with the backslash doubled).
_NUL = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")


def incoming(seq: int, record: dict[str, Any]) -> Incoming:
    """Hash the canonical JSON, so key order or spacing never turns a retry into a conflict.

    Canonical: sorted keys, no spaces, UTF-8 unescaped; orjson writes exactly what
    ``json.dumps(sort_keys=True, ensure_ascii=False, separators=(",", ":"))`` wrote before,
    except for some floats, which ``legacy_digest`` still recognises.
    """
    try:
        canonical = orjson.dumps(record, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError as exc:
        raise NotCanonical(str(exc)) from exc
    if b"\\u0000" in canonical and _NUL.search(canonical.decode()):
        raise NotCanonical("text holds a NUL character")
    return Incoming(seq, record, canonical.decode(), hashlib.sha256(canonical).hexdigest(),
                    str(record["id"]), str(record["type"]))


def legacy_digest(record: dict[str, Any]) -> str:
    """The hash earlier releases stored (``json`` formats small floats as 1e-07, orjson 1e-7)."""
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def known_hashes(ids: list[str]) -> dict[str, str]:
    return column_map(IngestLedger.record_id, IngestLedger.payload_hash, ids)


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
        elif previous == item.digest or previous == legacy_digest(item.record):
            retries.append(item)
        else:
            conflicts.append(item)
    return fresh, retries, conflicts
