"""The v2 column body: an exact re-encoding of v1 records, accepted next to v1 NDJSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from models.wire import decode_body_v2, encode_body_v2
from server.errors import ApiError
from server.ingest.decode import parse_lines
from server.ingest.ledger import incoming

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))


def _records() -> list[tuple[int, dict]]:
    from sync import synthetic_records  # bench/sync.py: dossiers with four events each

    pairs = synthetic_records("26734", "000.00.12.H12", 6, 10)
    pairs[3][1]["note"] = "ghi chú có dấu"
    pairs[4][1]["data"] = {"field": "phone", "to": "0912345678"}
    pairs[0][1]["received_at"] = "2026-11-16T11:00:40+07:00"  # not canonical: kept verbatim
    return pairs


def test_v2_round_trips_exactly() -> None:
    pairs = _records()
    body = encode_body_v2(pairs)
    assert body is not None and body.startswith(b'{"wire":2,')
    assert decode_body_v2(body) == pairs


def test_v1_and_v2_bodies_give_the_same_lines_and_hashes() -> None:
    pairs = _records()
    v1 = b"".join(json.dumps({"seq": s, "record": r}, ensure_ascii=False).encode() + b"\n"
                  for s, r in pairs)
    v2 = encode_body_v2(pairs)
    assert v2 is not None
    one, two = parse_lines(v1), parse_lines(v2)
    assert one == two
    assert [incoming(x.seq, x.record).digest for x in one] == \
        [incoming(x.seq, x.record).digest for x in two]


def test_records_that_cannot_be_encoded_exactly_fall_back() -> None:
    pairs = _records()
    pairs[2][1]["applicant"] = {}
    assert encode_body_v2(pairs) is None
    pairs = _records()
    pairs[1][1]["odd.key"] = 1
    assert encode_body_v2(pairs) is None


@pytest.mark.parametrize("body", [
    b'{"wire":2,"seq":[1],"table":["d",[0]],"tables":[{"keys":["a"],"columns":[["r",[1,9]]]}]}',
    b'{"wire":2,"seq":[1],"table":["d",[5]],"tables":[]}',
    b'{"wire":2,"seq":[1],"table":["d",[0]],"tables":[{"keys":["a"],"columns":[["t",[1e400]]]}]}',
    b'{"wire":2,"seq":[0],"table":["d",[0]],"tables":[{"keys":["a"],"columns":[["v",[1]]]}]}',
    b'{"wire":2,"seq":"x"}',
    b'{"wire":2,',
    *(b'{"wire":2,"seq":[1,1],"table":["d",[0]],"tables":[{"keys":["d"],"columns":[["n",'
      + nested + b"]]}]}" for nested in (
          b'["d",[1,0]],["id"],[["v",[1,2,3]]]',  # sizes say 1 and 1, the column holds 3
          b'["d",[-1,2]],["id"],[["v",[1]]]',  # a negative size
          b'["d",[101,0]],["id"],[["r",[1,202]]]',  # more objects than a list may hold
          b'["d",[1,0]],["id","id"],[["v",[1]],["v",[2]]]',  # a key twice
          b'["d",[1,0]],["id"],[]',  # a key without its column
          b'["d",[1]],["id"],[["v",[1]]]',  # fewer sizes than rows
          b'["d",[1,0]],["id"]',  # parts missing
      )),
])
def test_a_damaged_v2_body_is_refused(body: bytes) -> None:
    with pytest.raises(ApiError) as refused:
        parse_lines(body)
    assert refused.value.status == 400


def test_lists_of_documents_travel_as_a_nested_table_and_come_back_exactly() -> None:
    pairs = _records()
    dossiers = [record for _, record in pairs if record["type"] == "dossier"]
    for n, record in enumerate(dossiers):
        record["documents"] = [
            {"id": f"0190aaaa-0000-7000-8000-{n:06d}{k:06d}", "position": k + 1,
             "name": f"Giấy tờ số {k + 1}", "form": "original" if k % 2 else "copy",
             "quantity": 1 + k % 3}
            for k in range(n % 4)]  # 0, 1, 2 or 3 documents
    body = encode_body_v2(pairs)
    assert body is not None and b'"n",' in body
    assert decode_body_v2(body) == pairs
    dossiers[1]["documents"][0]["extra"] = True  # objects of unlike shape: plain values
    body = encode_body_v2(pairs)
    assert body is not None and b'"n",' not in body
    assert decode_body_v2(body) == pairs


def test_too_many_records_in_a_v2_body() -> None:
    pairs = _records()
    body = encode_body_v2(pairs)
    assert body is not None
    with pytest.raises(ApiError) as refused:
        parse_lines(body, max_records=len(pairs) - 1)
    assert refused.value.status == 413
