"""The wire shapes of replicated records: what goes into the outbox, a push, a bundle.

A dossier travels with its applicant and documents (intake facts, written once); each event
travels on its own. Projections never travel: every side derives them from the events.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import orjson

from models.dossier import Applicant, Dossier, DossierEvent, ReceivedDocument

WIRE_VERSION = 1
# The Content-Type of a push body: NDJSON (version 1), or the column body of version 2.
MEDIA_V1 = "application/x-ndjson"
MEDIA_V2 = "application/vnd.motcua.columns+json"
PUSH_TYPES = (MEDIA_V1, MEDIA_V2)


def media_type(content_type: str | None) -> str:
    """``application/x-ndjson; charset=utf-8`` -> ``application/x-ndjson``."""
    return (content_type or "").split(";")[0].strip().lower()


def _instant(value: dt.datetime | None) -> str | None:
    return None if value is None else value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def applicant_record(applicant: Applicant) -> dict[str, Any]:
    return {
        "id": applicant.id,
        "name": applicant.name,
        "id_number": applicant.id_number,
        "phone": applicant.phone,
        "address": applicant.address,
        "email": applicant.email,
        "birth_date": applicant.birth_date.isoformat() if applicant.birth_date else None,
        "sex": applicant.sex,
    }


def document_record(document: ReceivedDocument) -> dict[str, Any]:
    return {
        "id": document.id,
        "position": document.position,
        "name": document.name,
        "form": document.form,
        "quantity": document.quantity,
    }


def dossier_record(
    dossier: Dossier, applicant: Applicant, documents: list[ReceivedDocument]
) -> dict[str, Any]:
    return {
        "type": "dossier",
        "v": WIRE_VERSION,
        "id": dossier.id,
        "commune_code": dossier.commune_code,
        "desk_id": dossier.desk_id,
        "code": dossier.code,
        "procedure_code": dossier.procedure_code,
        "received_at": _instant(dossier.received_at),
        "received_by": dossier.received_by,
        "channel": dossier.channel,
        "return_method": dossier.return_method,
        "sets_count": dossier.sets_count,
        "fee_amount": dossier.fee_amount,
        "note": dossier.note,
        "ledger_book": dossier.ledger_book,
        "ledger_entry": dossier.ledger_entry,
        "notify": bool(dossier.notify),
        "applicant": applicant_record(applicant),
        "documents": [document_record(d) for d in documents],
    }


def event_record(event: DossierEvent) -> dict[str, Any]:
    return {
        "type": "event",
        "v": WIRE_VERSION,
        "id": event.id,
        "commune_code": event.commune_code,
        "dossier_id": event.dossier_id,
        "kind": event.kind,
        "at": _instant(event.at),
        "recorded_at": _instant(event.recorded_at),
        "hlc": event.hlc,
        "actor": event.actor,
        "origin": event.origin,
        "note": event.note,
        "data": json.loads(event.data),
    }


# ------------------------------------------------------------------ push body, version 2
#
# Version 1 of a push body is NDJSON, one ``{"seq": n, "record": {...}}`` per line. Version 2
# carries the same records column by column in one JSON document (first byte ``{"wire":2``):
# records of one type and key set form a table, each field a column, and columns of instants,
# clocks, ids and counters are delta-coded, so zstd sees like next to like; a column of lists of
# like objects (documents) becomes a nested table ("n": sizes, keys, columns). It is an encoding
# of the body only: decoding gives back the very same v1 records (same canonical JSON, so the
# same content hash in the server's ledger); a desk that cannot encode a batch exactly falls
# back to version 1, and the server accepts both.

BODY_V2 = b'{"wire":2,'
_INSTANT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$")
_HLC = re.compile(r"^\d{15}-\d{6}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICRO = dt.timedelta(microseconds=1)
_NESTED = ("applicant",)  # objects flattened into columns ("data" stays a value)
MAX_NESTED = 100  # objects in one nested list (a dossier's documents; shapes allow 100)


def _flatten(record: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key in _NESTED and isinstance(value, dict):
            if not value:
                return {}  # an empty object cannot be flattened back: no columns, refuse
            out.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            out[key] = value
    return out


def _records(keys: list[str], columns: list[list[Any]]) -> list[dict[str, Any]]:
    """The rows of a table as records, ``applicant.name`` columns folded back into objects.

    The split of the keys is worked out once per table, so each row costs a few C-level
    ``dict(zip())`` calls instead of a Python step per field.
    """
    if len(set(keys)) != len(keys):
        raise ValueError("a table repeats a key")
    groups: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        head, dot, _ = key.partition(".")
        groups.setdefault(head if dot else "", []).append(index)
    plain = groups.pop("", [])
    if set(groups) & {keys[i] for i in plain}:
        raise ValueError("a key is both a value and an object")
    nested = [(head, [keys[i].partition(".")[2] for i in idx], idx) for head, idx in groups.items()]
    plain_keys = [keys[i] for i in plain]
    records = []
    for row in zip(*columns, strict=True):
        record = dict(zip(plain_keys, [row[i] for i in plain], strict=True))
        for head, tails, idx in nested:
            record[head] = dict(zip(tails, [row[i] for i in idx], strict=True))
        records.append(record)
    return records


def _deltas(numbers: list[int]) -> list[int]:
    return [numbers[0]] + [b - a for a, b in zip(numbers, numbers[1:], strict=False)]


def _sums(deltas: list[int]) -> list[int]:
    total, out = 0, []
    for delta in deltas:
        total += delta
        out.append(total)
    return out


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _encode_column(values: list[Any]) -> list[Any]:
    if all(isinstance(v, str) for v in values):
        if all(_INSTANT.match(v) for v in values):
            micros = [(dt.datetime.fromisoformat(v) - _EPOCH) // _MICRO for v in values]
            return ["t", _deltas(micros)]
        if all(_HLC.match(v) for v in values):
            return ["h", _deltas([int(v[:15]) * 1_000_000 + int(v[16:]) for v in values])]
        if all(_UUID.match(v) for v in values):
            hexes = [v.replace("-", "") for v in values]
            return ["u", _deltas([int(h[:12], 16) for h in hexes]), "".join(h[12:] for h in hexes)]
    if all(_is_int(v) for v in values):
        return ["d", _deltas(values)]
    nested = _encode_nested(values)
    if nested is not None:
        return nested
    runs: list[list[Any]] = []
    for value in values:
        if runs and runs[-1][0] == value and type(runs[-1][0]) is type(value):
            runs[-1][1] += 1
        else:
            runs.append([value, 1])
    if len(runs) * 2 < len(values):
        return ["r", [x for run in runs for x in run]]
    return ["v", values]


def _encode_nested(values: list[Any]) -> list[Any] | None:
    """Lists of objects with one key set (a dossier's documents) as a table of their own,
    so their ids and numbers are delta-coded like any column."""
    if not all(isinstance(v, list) for v in values):
        return None
    items = [item for value in values for item in value]
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    keys = list(items[0])
    if any(list(item) != keys for item in items):
        return None
    return ["n", _encode_column([len(v) for v in values]), keys,
            [_encode_column([item[k] for item in items]) for k in keys]]


def _decode_nested(column: list[Any], count: int) -> list[Any]:
    _, sizes, keys, columns = column
    counts = _decode_column(sizes, count)
    if len(counts) != count or any(not _is_int(n) or not 0 <= n <= MAX_NESTED for n in counts):
        raise ValueError("nested table sizes are damaged")
    if not isinstance(keys, list) or len(set(map(str, keys))) != len(keys) \
            or not all(isinstance(k, str) for k in keys) or len(keys) != len(columns):
        raise ValueError("nested table keys are damaged")
    total = sum(counts)
    values = [_decode_column(c, total) for c in columns]
    if any(len(v) != total for v in values):
        raise ValueError("a nested column does not match its table")
    items = [dict(zip(keys, row, strict=True)) for row in zip(*values, strict=True)]
    items = items if keys else [{} for _ in range(total)]
    out, start = [], 0
    for n in counts:
        out.append(items[start:start + n])
        start += n
    return out


def _decode_column(column: list[Any], count: int) -> list[Any]:
    kind = column[0]
    if kind == "n":
        return _decode_nested(column, count)
    if kind == "t":
        return [(_EPOCH + _MICRO * m).isoformat(timespec="microseconds") for m in _sums(column[1])]
    if kind == "h":
        return [f"{n // 1_000_000:015d}-{n % 1_000_000:06d}" for n in _sums(column[1])]
    if kind == "u":
        rest = column[2]
        if not isinstance(rest, str) or len(rest) != 20 * len(column[1]):
            raise ValueError("id column is damaged")
        out = []
        for i, head in enumerate(_sums(column[1])):
            h = f"{head:012x}" + rest[i * 20:(i + 1) * 20]
            out.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
        return out
    if kind == "d":
        return _sums(column[1])
    if kind == "r":
        pairs = column[1]
        if sum(pairs[1::2]) != count or any(not _is_int(n) or n < 1 for n in pairs[1::2]):
            raise ValueError("run lengths do not add up to the table")
        return [pairs[i] for i in range(0, len(pairs), 2) for _ in range(pairs[i + 1])]
    if kind == "v":
        return list(column[1])
    raise ValueError(f"unknown column kind {kind!r}")


def encode_body_v2(lines: list[tuple[int, dict[str, Any]]]) -> bytes | None:
    """The v2 body for ``(seq, record)`` pairs, or None when it would not decode exactly."""
    tables: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    order: list[int] = []
    for _, record in lines:
        flat = _flatten(record)
        if not flat:
            return None
        keys = tuple(flat)
        if keys not in tables:
            tables[keys] = []
        order.append(list(tables).index(keys))
        tables[keys].append(flat)
    doc = {
        "wire": 2,
        "seq": _deltas([seq for seq, _ in lines]),
        "table": ["d", _deltas(order)] if len(tables) > 1 else ["d", [0]],
        "tables": [{"keys": list(keys), "columns": [_encode_column([r[k] for r in rows])
                                                    for k in keys]}
                   for keys, rows in tables.items()],
    }
    body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    try:
        if decode_body_v2(body) != lines:
            return None
    except (ValueError, KeyError, IndexError, TypeError, ArithmeticError, StopIteration):
        return None
    return body


class BodyTooLarge(ValueError):
    """A v2 body holds more records than the reader takes."""


def decode_body_v2(body: bytes, limit: int | None = None) -> list[tuple[int, dict[str, Any]]]:
    """The ``(seq, record)`` pairs of a v2 body; ValueError (or a lookup error) when damaged."""
    doc = orjson.loads(body)  # strict: no NaN, no lone surrogates
    if limit is not None and len(doc["seq"]) > limit:
        raise BodyTooLarge(f"more than {limit} records")
    seqs = _sums(doc["seq"])
    order = _sums(doc["table"][1])
    if len(order) == 1 and len(seqs) > 1:
        order = order * len(seqs)
    if len(order) != len(seqs):
        raise ValueError("table index and sequence numbers differ in length")
    tables = []
    for table in doc["tables"]:
        keys = table["keys"]
        count = order.count(len(tables))
        columns = [_decode_column(c, count) for c in table["columns"]]
        if len(keys) != len(columns) or any(len(c) != count for c in columns):
            raise ValueError("a column does not match its table")
        tables.append(iter(_records(keys, columns)))
    return [(seq, next(tables[index])) for seq, index in zip(seqs, order, strict=True)]
