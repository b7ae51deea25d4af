"""The server refuses, never fails: every value a column, a clock or a desk's fold cannot take
is refused by name (a 4xx the desk parks), never a 500 the desk would retry forever."""

from __future__ import annotations

import datetime as dt
import json

import httpx
import zstandard

from desk import intake
from desk.clock import encode_hlc
from desk.context import load_context
from desk.ids import new_id
from desk.sync import enrolment, session
from desk.sync.batching import line
from models import Outbox
from tests.sync.conftest import AN_BINH, TAN_PHU
from tests.sync.harness import PERSON
from tests.sync.test_isolation import nothing_written, post, prepared, refusal

z = zstandard.ZstdCompressor().compress


def records(lines: bytes) -> list[dict]:
    return [json.loads(x) for x in lines.splitlines()]


def body(items: list[dict]) -> bytes:
    return z(b"".join(json.dumps(i, ensure_ascii=False).encode() + b"\n" for i in items))


def refused_codes(answer: httpx.Response) -> list[tuple[int, str]]:
    assert answer.status_code in (409, 422), answer.text
    return [(r["seq"], r["code"]) for r in answer.json()["refused"]]


def first_refusal(answer: httpx.Response) -> str:
    """The code of the first record refused (the events of a refused dossier follow it as
    unknown_dossier)."""
    codes = [code for _, code in refused_codes(answer)]
    assert set(codes[1:]) <= {codes[0], "unknown_dossier"}, codes
    return codes[0]


def changed(items: list[dict], index: int, **values: object) -> list[dict]:
    copy = json.loads(json.dumps(items))
    copy[index]["record"].update(values)
    return copy


def test_a_sequence_number_beyond_bigint_is_refused_as_malformed(hub, desk_factory):
    _, token, lines = prepared(hub, desk_factory)
    items = records(lines)
    items[0]["seq"], items[1]["seq"] = 2**63 - 2, 2**63
    assert refusal(post(hub, body(items), token)) == (400, "malformed_body")
    assert nothing_written(hub)


def test_a_pending_count_no_column_holds_is_refused_by_name(hub, desk_factory):
    _, token, lines = prepared(hub, desk_factory)
    answer = post(hub, z(lines), token, **{"X-Motcua-Pending": str(2**63)})
    assert refusal(answer) == (422, "invalid_request")
    assert "x-motcua-pending" in answer.json()["detail"]
    pulled = httpx.get(hub.base + "/api/v1/sync/pull", params={"since": 2**63},
                       headers={"Authorization": f"Bearer {token}", "X-Motcua-Pending": "-1"})
    assert refusal(pulled) == (422, "invalid_request")
    assert nothing_written(hub)


def test_instants_at_the_ends_of_the_calendar_are_refused_by_name(hub, desk_factory):
    _, token, lines = prepared(hub, desk_factory)
    items = records(lines)
    received = items[1]["record"]
    cases = [
        (changed(items, 0, received_at="0001-01-01T00:00:00+05:00"), "invalid_record"),
        (changed(items, 0, received_at="9999-12-31T23:59:59-05:00"), "invalid_record"),
        (changed(items, 0, received_at=1767225600), "invalid_record"),
        (changed(items, 1, data={**received["data"], "due_at": "9999-12-31T23:00:00-05:00"}),
         "invalid_event_data"),
        (changed(items, 1, data={**received["data"], "deadline_at": "0001-01-01T00:00+05:00"}),
         "invalid_event_data"),
        (changed(items, 1, at="0001-01-01T00:00:00+01:00"), "invalid_record"),
    ]
    for sent, code in cases:
        assert first_refusal(post(hub, body(sent), token)) == code, sent
    assert nothing_written(hub)


def test_moments_further_ahead_than_the_servers_clock_allows_are_refused(hub, desk_factory):
    _, token, lines = prepared(hub, desk_factory)
    items = records(lines)
    ahead = (hub.now() + dt.timedelta(days=2)).isoformat()
    far_clock = encode_hlc(253402300799000, 0)  # 9999-12-31
    for sent, code in ((changed(items, 0, received_at=ahead), "stamped_in_future"),
                       (changed(items, 1, at=ahead), "stamped_in_future"),
                       (changed(items, 1, recorded_at="9999-12-31T00:00:00+00:00"),
                        "invalid_record"),
                       (changed(items, 1, hlc=far_clock), "stamped_in_future")):
        assert first_refusal(post(hub, body(sent), token)) == code, sent
    assert nothing_written(hub)
    soon = (hub.now() + dt.timedelta(hours=2)).isoformat()
    assert post(hub, body(changed(items, 1, at=soon)), token).status_code == 200


def test_values_typed_otherwise_than_a_desk_writes_them_are_refused(hub, desk_factory):
    """"12" for 12, 1.0 or true for 1: each would reach a column (or a desk) as it came."""
    _, token, lines = prepared(hub, desk_factory)
    items = records(lines)
    for sent in (changed(items, 0, fee_amount="12"), changed(items, 0, sets_count=1.0),
                 changed(items, 0, sets_count=True), changed(items, 0, v=True),
                 changed(items, 0, applicant={**items[0]["record"]["applicant"],
                                              "birth_date": 20000101}),
                 changed(items, 1, data={**items[1]["record"]["data"], "due_at": 5})):
        answer = post(hub, body(sent), token)
        assert answer.status_code == 422, (sent, answer.text)
    assert nothing_written(hub)


def test_a_desk_cannot_pass_its_events_off_as_written_upstream(hub, desk_factory):
    _, token, lines = prepared(hub, desk_factory)
    answer = post(hub, body(changed(records(lines), 1, origin="server")), token)
    assert refused_codes(answer) == [(2, "invalid_record")]
    assert "origin" in answer.json()["refused"][0]["detail"]
    assert nothing_written(hub)


def test_a_correction_must_fit_the_applicants_column(hub, desk_factory):
    _, token, lines = prepared(hub, desk_factory)
    items = records(lines)
    event = {**items[1]["record"], "id": new_id(), "kind": "corrected",
             "hlc": items[1]["record"]["hlc"][:-1] + "9",
             "data": {"field": "phone", "from": "", "to": "0" * 21}}
    answer = post(hub, body([*items, {"seq": 3, "record": event}]), token)
    assert refused_codes(answer) == [(3, "invalid_event_data")]
    assert nothing_written(hub)


def test_a_dossier_code_must_carry_the_pushing_communes_agency_code(hub, desk_factory):
    _, token, lines = prepared(hub, desk_factory, TAN_PHU)
    other_desk, other_token, theirs = prepared(hub, desk_factory, AN_BINH)
    their_code = records(theirs)[0]["record"]["code"]
    assert their_code.startswith(AN_BINH[2] + "-")
    items = changed(records(lines), 0, code=their_code)
    answer = post(hub, body(items), token)
    assert refused_codes(answer) == [(1, "wrong_agency_code"), (2, "unknown_dossier")]
    assert AN_BINH[0] not in answer.text and AN_BINH[1] not in answer.text
    assert post(hub, z(theirs), other_token).status_code == 200  # B's own code is still free
    assert hub.counts(TAN_PHU[0]) == (0, 0) and hub.counts(AN_BINH[0]) == (1, 1)


def test_a_refusal_tells_nothing_of_another_communes_dossiers(hub, desk_factory):
    _, token, lines = prepared(hub, desk_factory, TAN_PHU)
    _, other_token, theirs = prepared(hub, desk_factory, AN_BINH)
    assert post(hub, z(theirs), other_token).status_code == 200
    items = records(lines)
    theirs_event = {**items[1]["record"], "id": new_id(),
                    "dossier_id": records(theirs)[0]["record"]["id"]}
    nowhere_event = {**items[1]["record"], "id": new_id(), "dossier_id": new_id()}
    answer = post(hub, body([*items, {"seq": 3, "record": theirs_event},
                             {"seq": 4, "record": nowhere_event}]), token)
    refused = answer.json()["refused"]
    assert [r["code"] for r in refused] == ["unknown_dossier", "unknown_dossier"]
    assert [r["detail"].replace(r["detail"].split()[1], "ID") for r in refused] == \
        [refused[1]["detail"].replace(refused[1]["detail"].split()[1], "ID")] * 2


def test_a_push_that_is_not_an_ndjson_or_column_body_is_refused(hub, desk_factory):
    _, token, lines = prepared(hub, desk_factory)
    for kind in ("text/html", "text/plain", "application/x-www-form-urlencoded", ""):
        answer = post(hub, z(lines), token, **{"Content-Type": kind})
        assert refusal(answer) == (415, "unsupported_media_type"), kind
    assert nothing_written(hub)
    assert post(hub, z(lines), token, **{"Content-Type": "application/x-ndjson; charset=utf-8"}
                ).status_code == 200


def test_an_event_a_desk_could_not_fold_is_refused(hub, desk_factory):
    """The desk folds a dossier's events in clock order from its receipt; an event stamped
    before the receipt, or one whose receipt never came, would stop every desk's pull."""
    _, token, lines = prepared(hub, desk_factory)
    items = records(lines)
    received = items[1]["record"]
    early = {**received, "id": new_id(), "kind": "assigned", "data": {},
             "hlc": encode_hlc(int(received["hlc"][:15]) - 1000, 0)}
    answer = post(hub, body([*items, {"seq": 3, "record": early}]), token)
    assert refused_codes(answer) == [(3, "unfoldable_event")]
    orphan = {**received, "id": new_id(), "kind": "assigned", "data": {},
              "hlc": encode_hlc(int(received["hlc"][:15]) + 1000, 0)}
    answer = post(hub, body([items[0], {"seq": 3, "record": orphan}]), token)
    assert refused_codes(answer) == [(3, "unfoldable_event")]
    assert nothing_written(hub)
    assert post(hub, z(lines), token).status_code == 200
    late = post(hub, body([{"seq": 3, "record": {**early, "id": new_id()}},
                           {"seq": 4, "record": {**orphan, "id": new_id()}}]), token)
    assert refused_codes(late) == [(3, "unfoldable_event")]
    assert hub.counts(TAN_PHU[0]) == (1, 1)


def test_a_desk_parks_what_the_server_refuses_and_the_rest_goes_through(hub, desk_factory):
    desk = desk_factory()
    with desk.session():
        enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=desk.now)
        for _ in range(2):
            intake.receive(load_context(now=desk.now), intake.IntakeRequest("1.001193", PERSON),
                           now=desk.now)
        row = Outbox.get(Outbox.seq == 2)
        record = json.loads(row.payload)
        record["at"] = "2099-01-01T00:00:00+00:00"
        row.payload = json.dumps(record)
        row.save()
        done = session.sync(now=desk.now)
        parked = Outbox.get(Outbox.state == "parked")
        assert line(parked)
    assert (done["pushed"], done["parked"]) == (3, 1)
    assert parked.error.startswith("stamped_in_future")


def test_two_communes_cannot_share_an_agency_code(hub):
    import pytest

    from server.errors import ApiError

    with pytest.raises(ApiError) as taken:
        hub.add_commune("26799", "Xã Khác", TAN_PHU[2])
    assert taken.value.code == "agency_code_taken"
    hub.add_commune(TAN_PHU[0], "Xã Tân Phú mới", TAN_PHU[2])  # renaming keeps its own code
