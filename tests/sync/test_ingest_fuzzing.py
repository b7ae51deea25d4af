"""A record-level fuzzer for the ingest: one field of a desk's genuine records replaced by a
generated value, pushed to the real server. Every answer is a 2xx or a refusal by name (4xx
with an ``error`` code), never a 5xx, and a refused push leaves the server's data as it was."""

from __future__ import annotations

import json
from typing import Any

import httpx
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.sync.session import enrolment
from models import Outbox
from models.wire import MEDIA_V1
from tests.sync.conftest import TAN_PHU
from tests.sync.test_sync_roundtrip import enrolled, receive

EXAMPLES = 80
KEEP = object()  # now and then the genuine value, so accepted pushes are among the cases
SCALARS = (st.none() | st.booleans() | st.integers() | st.integers(min_value=2**62)
           | st.floats() | st.text(max_size=40) | st.just("") | st.just("\x00")
           | st.sampled_from(["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00",
                              "2026-13-45", "000.00.13.H12-261130-0001", "received",
                              "dossier", "event"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=6)


def push(hub, token: str, lines: list[dict[str, Any]]) -> httpx.Response:
    body = b"".join(json.dumps(line, ensure_ascii=False).encode() + b"\n" for line in lines)
    return httpx.post(hub.base + "/api/v1/sync/push", timeout=60,
                      content=zstandard.ZstdCompressor().compress(body),
                      headers={"Authorization": f"Bearer {token}", "Content-Type": MEDIA_V1,
                               "Content-Encoding": "zstd"})


def test_one_field_replaced_is_taken_or_refused_by_name_never_a_server_error(hub,
                                                                            desk_factory):
    desk = enrolled(hub, desk_factory)
    with desk.session():
        who = enrolment()
    token = f"{who.device_id}.{who.secret}"
    answered: set[str] = set()

    @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(which=st.integers(0, 1), field=st.integers(0, 40),
           value=st.one_of(st.just(KEEP), VALUES))
    def case(which: int, field: int, value: object) -> None:
        with desk.session():
            receive(desk, 1)  # a fresh dossier and its receipt each time: new code, new ids
            rows = list(Outbox.select().order_by(Outbox.seq.desc()).limit(2))[::-1]
        lines = [{"seq": row.seq, "record": json.loads(row.payload)} for row in rows]
        record = lines[which]["record"]
        key = sorted(_paths(record))[field % len(_paths(record))]
        if value is not KEEP:
            _replace(record, key, value)
        before = hub.content_hash(TAN_PHU[0])
        answer = push(hub, token, lines)
        assert answer.status_code < 500, (key, value, answer.text[:300])
        if answer.status_code >= 400:
            assert isinstance(answer.json().get("error"), str), answer.text[:300]
            assert hub.content_hash(TAN_PHU[0]) == before, (key, value)
        answered.add(str(answer.status_code))

    case()
    assert "200" in answered and {"409", "422"} & answered  # both sides were reached


def _paths(record: dict[str, Any], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every field of a record, nested ones (the applicant, the data) included."""
    found = []
    for key, value in record.items():
        found.append((*prefix, key))
        if isinstance(value, dict):
            found += _paths(value, (*prefix, key))
    return found


def _replace(record: dict[str, Any], path: tuple[str, ...], value: object) -> None:
    for key in path[:-1]:
        record = record[key]
    record[path[-1]] = value


def test_a_refused_record_whose_id_holds_a_nul_is_refused_not_a_server_error(hub,
                                                                           desk_factory):
    """Found by the fuzzer above on PostgreSQL: the refusal's log stored the id as it came."""
    desk = enrolled(hub, desk_factory)
    with desk.session():
        who = enrolment()
        receive(desk, 1)
        rows = list(Outbox.select().order_by(Outbox.seq))
    lines = [{"seq": row.seq, "record": json.loads(row.payload)} for row in rows]
    lines[0]["record"]["id"] = "\x00"
    answer = push(hub, f"{who.device_id}.{who.secret}", lines)
    assert (answer.status_code, answer.json()["error"]) == (422, "records_refused")
    assert hub.counts(TAN_PHU[0]) == (0, 0)
