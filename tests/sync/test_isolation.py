"""Refusals: each is a clear 4xx with a stable code, and nothing is written."""

from __future__ import annotations

import json

import httpx
import zstandard

from desk import intake
from desk.context import load_context
from desk.sync import enrolment, session
from desk.sync.batching import line
from models import Outbox
from models.hub import ChangeLog, IngestLedger
from tests.sync.conftest import AN_BINH, TAN_PHU
from tests.sync.harness import PERSON

PUSH = "/api/v1/sync/push"


def nothing_written(hub) -> bool:
    with hub.session():
        return (IngestLedger.select().count() == 0
                and ChangeLog.select().where(ChangeLog.commune_code.is_null(False)).count() == 0)


def prepared(hub, desk_factory, commune=TAN_PHU):
    """An enrolled desk with one dossier waiting; returns (token, ndjson lines)."""
    desk = desk_factory(commune)
    with desk.session():
        enrolment.enroll(hub.base, hub.enrolment_code(commune[0]), now=desk.now)
        intake.receive(load_context(now=desk.now), intake.IntakeRequest("1.001193", PERSON),
                       now=desk.now)
        token = session.enrolment().token
        lines = b"".join(line(r) for r in Outbox.select().order_by(Outbox.seq))
    return desk, token, lines


def post(hub, body: bytes, token: str | None, encoding: str = "zstd", **headers: str):
    sent = {"Content-Encoding": encoding, "Content-Type": "application/x-ndjson", **headers}
    if token is not None:
        sent["Authorization"] = f"Bearer {token}"
    return httpx.post(hub.base + PUSH, content=body, headers=sent)


def refusal(response) -> tuple[int, str]:
    return response.status_code, response.json()["error"]


def test_wrong_missing_and_revoked_tokens_are_refused(hub, desk_factory):
    desk, token, lines = prepared(hub, desk_factory)
    body = zstandard.ZstdCompressor().compress(lines)
    device_id = token.split(".")[0]
    assert refusal(post(hub, body, None)) == (401, "missing_token")
    assert refusal(post(hub, body, device_id + ".not-the-secret")) == (401, "invalid_token")
    assert refusal(post(hub, body, "garbage")) == (401, "invalid_token")
    hub.revoke(device_id)
    assert refusal(post(hub, body, token)) == (403, "device_revoked")
    pull = httpx.get(hub.base + "/api/v1/sync/pull", headers={"Authorization": f"Bearer {token}"})
    assert refusal(pull) == (403, "device_revoked")
    assert nothing_written(hub)


def test_another_communes_record_is_refused_and_nothing_of_the_batch_applies(
        hub, desk_factory):
    _, token, own = prepared(hub, desk_factory, TAN_PHU)
    _, _, foreign = prepared(hub, desk_factory, AN_BINH)
    shifted = [json.loads(x) for x in foreign.splitlines()]
    for item in shifted:
        item["seq"] += 100
    body = own + b"".join(json.dumps(x).encode() + b"\n" for x in shifted)
    answer = post(hub, zstandard.ZstdCompressor().compress(body), token)
    assert refusal(answer) == (422, "records_refused")
    assert {r["code"] for r in answer.json()["refused"]} == {"wrong_commune"}
    assert [r["seq"] for r in answer.json()["refused"]] == [101, 102]
    assert nothing_written(hub)


def test_malformed_oversized_and_badly_compressed_bodies_are_refused(hub, desk_factory):
    _, token, lines = prepared(hub, desk_factory)
    z = zstandard.ZstdCompressor().compress
    bomb = z(b" " * (3 << 20))  # a few KB on the wire, 3 MB inside
    cases = {
        "not json": (z(b"{nope\n"), (400, "malformed_body")),
        "no seq": (z(b'{"record": {}}\n'), (400, "malformed_body")),
        "empty": (z(b"\n"), (400, "empty_batch")),
        "not zstd": (lines, (400, "bad_compression")),
        "truncated": (z(lines)[:-6], (400, "bad_compression")),
        "bomb": (bomb, (413, "batch_too_large")),
        "too big on the wire": (b"x" * (2 << 20), (413, "batch_too_large")),
    }
    for name, (body, expected) in cases.items():
        assert refusal(post(hub, body, token)) == expected, name
    assert refusal(post(hub, z(lines), token, encoding="gzip")) == (415, "unsupported_encoding")
    assert refusal(post(hub, z(lines), token, **{"X-Motcua-Batch": "1-9"})) == (
        400, "batch_range_mismatch")
    assert nothing_written(hub)


def test_a_record_of_the_wrong_shape_is_named_and_the_rest_goes_through(hub, desk_factory):
    desk, token, _ = prepared(hub, desk_factory)
    with desk.session():
        bad = Outbox.select().order_by(Outbox.seq.desc()).get()  # the "received" event
        record = json.loads(bad.payload)
        record["data"] = {"due_at": "tomorrow"}
        bad.payload = json.dumps(record)
        bad.save()
        done = session.sync(now=desk.now)
        parked = Outbox.get(Outbox.state == "parked")
    assert (done["pushed"], done["parked"]) == (1, 1)
    assert parked.error.startswith("invalid_event_data")
    assert hub.counts(TAN_PHU[0]) == (1, 0)


def test_same_id_with_other_content_is_a_conflict(hub, desk_factory):
    desk, token, lines = prepared(hub, desk_factory)
    z = zstandard.ZstdCompressor().compress
    assert post(hub, z(lines), token).status_code == 200
    assert post(hub, z(lines), token).json()["duplicates"] == 2  # the same bytes: a safe retry
    changed = lines.replace("Đặng".encode(), "Đỗ".encode())
    answer = post(hub, z(changed), token)
    assert refusal(answer) == (409, "records_refused")
    assert answer.json()["refused"][0]["code"] == "record_conflict"


def _second_dossier(lines: bytes, seq: int, **changes: object) -> bytes:
    """The first dossier line of ``lines`` as a new dossier (new id and code) at ``seq``; its
    documents get new ids, its applicant keeps the one already held unless changed."""
    from desk.ids import new_id

    item = json.loads(lines.splitlines()[0])
    record = item["record"]
    documents = [{**d, "id": new_id()} for d in record["documents"]]
    record.update(id=new_id(), code=record["code"][:-4] + f"{seq:04d}", documents=documents)
    record.update(changes)
    return json.dumps({"seq": seq, "record": record}, ensure_ascii=False).encode() + b"\n"


def test_an_applicant_or_document_id_another_dossier_holds_is_refused(hub, desk_factory):
    """The server writes rows without a conflict check, so an id it already holds (or that
    an earlier dossier of the batch brings) must be refused by name, not overwrite or crash."""
    desk, token, lines = prepared(hub, desk_factory)
    z = zstandard.ZstdCompressor().compress
    assert post(hub, z(lines), token).status_code == 200
    answer = post(hub, z(_second_dossier(lines, 50)), token)
    assert refusal(answer) == (422, "records_refused")
    assert answer.json()["refused"] == [{"seq": 50, "code": "duplicate_id", "detail": (
        "the applicant or a document carries an id that another dossier already uses")}]
    record = json.loads(lines.splitlines()[0])["record"]
    fresh_applicant = {**record["applicant"], "id": "0190aaaa-0000-7000-8000-000000000001"}
    twins = (_second_dossier(lines, 60, applicant=fresh_applicant)
             + _second_dossier(lines, 61, applicant=fresh_applicant))
    answer = post(hub, z(twins), token)
    assert [(r["seq"], r["code"]) for r in answer.json()["refused"]] == [(61, "duplicate_id")]
    document = {"id": "0190aaaa-0000-7000-8000-000000000002", "position": 1,
                "name": "Tờ khai", "form": "original", "quantity": 1}
    other = {**fresh_applicant, "id": "0190aaaa-0000-7000-8000-000000000003"}
    shared_document = (_second_dossier(lines, 70, applicant=fresh_applicant,
                                       documents=[document])
                       + _second_dossier(lines, 71, applicant=other, documents=[document]))
    answer = post(hub, z(shared_document), token)
    assert [(r["seq"], r["code"]) for r in answer.json()["refused"]] == [(71, "duplicate_id")]
    assert hub.counts(TAN_PHU[0]) == (1, 1)


def test_json_that_is_not_strictly_json_is_refused_as_malformed(hub, desk_factory):
    _, token, lines = prepared(hub, desk_factory)
    z = zstandard.ZstdCompressor().compress
    first = lines.splitlines()[0]
    for bad in (first.replace(b'"note":""', b'"note":"\\ud800"'),  # a lone surrogate
                first.replace(b'"fee_amount":0', b'"fee_amount":NaN'),
                first.replace("Đặng".encode(), b"\xc4")):  # not UTF-8
        assert bad != first
        assert refusal(post(hub, z(bad + b"\n"), token)) == (400, "malformed_body")
    assert nothing_written(hub)


def test_values_no_database_column_takes_are_refused_by_name(hub, desk_factory):
    """A NUL character or a number beyond an INTEGER column would fail inside the insert (a
    500 the desk retries forever); the check names them and the desk parks the record."""
    _, token, lines = prepared(hub, desk_factory)
    z = zstandard.ZstdCompressor().compress
    for change in ({"note": "a\x00b"}, {"ledger_entry": 2**31}, {"fee_amount": 10**11}):
        item = json.loads(lines.splitlines()[0])
        item["record"].update(change)
        answer = post(hub, z(json.dumps(item).encode() + b"\n"), token)
        assert refusal(answer) == (422, "records_refused"), change
        assert answer.json()["refused"][0]["code"] == "invalid_record", change
    assert nothing_written(hub)
