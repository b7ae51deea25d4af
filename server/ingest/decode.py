"""A push body: zstd-compressed NDJSON lines ``{"seq": n, "record": {...}}``, size-bounded.

Everything here happens before the database is touched, so a cut, a bomb or garbage is refused
with a 4xx and nothing written.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import orjson
import zstandard

from models.wire import BODY_V2, BodyTooLarge, decode_body_v2
from server.errors import ApiError

MAX_COMPRESSED = 1 << 20  # a desk sends a few tens of KB; this only stops abuse
MAX_UNCOMPRESSED = 2 << 20  # desks stay under 256 KB
MAX_RECORDS = 2000  # desks send a few hundred
MAX_SEQ = 2**63 - 1  # BIGINT: the outbox sequence and the server's acknowledgement


@dataclass(frozen=True)
class Line:
    seq: int
    record: dict[str, Any]


def decompress(body: bytes, limit: int = MAX_UNCOMPRESSED) -> bytes:
    """The bytes inside one complete zstd frame, refusing truncation and decompression bombs."""
    try:
        # Bounded first read: a tiny body that expands to gigabytes stops at the limit.
        head = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(body)).read(limit + 1)
        if len(head) > limit:
            raise ApiError(413, "batch_too_large",
                           f"decompressed batch exceeds {limit} bytes; send smaller batches")
        whole = zstandard.ZstdDecompressor().decompressobj()
        data = whole.decompress(body)
    except zstandard.ZstdError as exc:
        raise ApiError(400, "bad_compression", "body is not a zstd frame") from exc
    if not whole.eof or whole.unused_data:
        raise ApiError(400, "bad_compression", "zstd frame is truncated or followed by junk")
    return data


def parse_lines(data: bytes, max_records: int = MAX_RECORDS) -> list[Line]:
    """NDJSON (or a v2 column body) into lines, in order, with strictly increasing sequence
    numbers."""
    if data.startswith(BODY_V2):
        lines = _v2_lines(data, max_records)
    else:
        lines = _v1_lines(data, max_records)
    for before, after in zip(lines, lines[1:], strict=False):
        if after.seq <= before.seq:
            raise ApiError(400, "malformed_body", "sequence numbers must increase line by line")
    return lines


def _v2_lines(data: bytes, max_records: int) -> list[Line]:
    try:
        pairs = decode_body_v2(data, max_records)
    except BodyTooLarge as exc:
        raise ApiError(413, "batch_too_large",
                       f"more than {max_records} records in one batch") from exc
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, ArithmeticError,
            StopIteration, RecursionError) as exc:
        raise ApiError(400, "malformed_body", "the column body is damaged") from exc
    if not pairs:
        raise ApiError(400, "empty_batch", "the batch holds no record")
    lines = []
    for number, (seq, record) in enumerate(pairs, start=1):
        if not _is_seq(seq):
            raise ApiError(400, "malformed_body",
                           f"record {number} has no integer seq between 1 and 2^63-1")
        if not isinstance(record, dict):
            raise ApiError(400, "malformed_body", f"record {number} is not an object")
        lines.append(Line(seq=seq, record=record))
    return lines


def _v1_lines(data: bytes, max_records: int) -> list[Line]:
    raw = [line for line in data.split(b"\n") if line.strip()]
    if not raw:
        raise ApiError(400, "empty_batch", "the batch holds no record")
    if len(raw) > max_records:
        raise ApiError(413, "batch_too_large", f"more than {max_records} records in one batch")
    return [_line(number, text) for number, text in enumerate(raw, start=1)]


def _line(number: int, text: bytes) -> Line:
    try:
        item = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise ApiError(400, "malformed_body", f"line {number} is not JSON") from exc
    if not isinstance(item, dict) or not isinstance(item.get("record"), dict):
        raise ApiError(400, "malformed_body", f"line {number} has no record object")
    seq = item.get("seq")
    if not _is_seq(seq):
        raise ApiError(400, "malformed_body",
                       f"line {number} has no integer seq between 1 and 2^63-1")
    return Line(seq=seq, record=item["record"])


def _is_seq(value: Any) -> bool:
    return type(value) is int and 1 <= value <= MAX_SEQ


def check_range(lines: list[Line], declared: str | None) -> None:
    """The ``X-Motcua-Batch: first-last`` header must name the batch it travels with."""
    if declared is None:
        return
    actual = f"{lines[0].seq}-{lines[-1].seq}"
    if declared.strip() != actual:
        raise ApiError(400, "batch_range_mismatch",
                       f"header says batch {declared}, body holds {actual}")
