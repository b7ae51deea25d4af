"""Every desk says its release with each push and pull (User-Agent ``motcua-desk/<version>``);
the server keeps it per device beside the last contact, for the IT person to see which
communes still run an old one."""

from __future__ import annotations

import json

import httpx

import desk
from desk import intake
from desk.context import load_context
from desk.sync import enrolment, session
from server.stats import release_key
from tests.server.test_server_cli import admin
from tests.sync.conftest import AN_BINH, TAN_PHU
from tests.sync.harness import PERSON


def test_a_sync_stores_the_desk_release_with_the_device(hub, desk_factory):
    desk_one = desk_factory()
    with desk_one.session():
        device_id = enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]),
                                     now=desk_one.now)["device_id"]
        assert hub.device(device_id).app_version == ""  # enrolment is no sync
        intake.receive(load_context(now=desk_one.now), intake.IntakeRequest("1.001193", PERSON),
                       now=desk_one.now)
        session.sync(now=desk_one.now)
    device = hub.device(device_id)
    assert device.app_version == desk.__version__
    assert device.last_seen_at is not None
    shown = json.loads(admin(hub, "stats", "--devices", "--json").stdout)
    rows = {row["code"]: row for row in shown["communes"]}
    assert rows[TAN_PHU[0]]["versions"] == [desk.__version__]
    assert rows[AN_BINH[0]]["versions"] == []
    [listed] = [d for d in shown["devices"] if d["id"] == device_id]
    assert (listed["commune"], listed["app_version"]) == (TAN_PHU[0], desk.__version__)
    assert listed["last_contact"] is not None and listed["revoked"] is False


def test_an_older_desk_on_a_second_pc_shows_beside_the_newer_one(hub, desk_factory):
    tokens = []
    for number in (0, 1):
        pc = desk_factory(number=number)
        with pc.session():
            enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=pc.now)
            tokens.append(session.enrolment().token)
    for token, agent in ((tokens[0], f"motcua-desk/{desk.__version__}"),
                         (tokens[1], "motcua-desk/0.0.9")):
        pulled = httpx.get(hub.base + "/api/v1/sync/pull", headers={
            "Authorization": f"Bearer {token}", "User-Agent": agent})
        assert pulled.status_code == 200
    # a caller that is not a desk (curl, a monitoring probe) changes nothing
    httpx.get(hub.base + "/api/v1/sync/pull", headers={
        "Authorization": f"Bearer {tokens[1]}", "User-Agent": "curl/8.5.0"})
    shown = json.loads(admin(hub, "stats", "--commune", TAN_PHU[0], "--json").stdout)
    assert shown["communes"][0]["versions"] == ["0.0.9", desk.__version__]
    text = admin(hub, "stats", "--commune", TAN_PHU[0], "--devices").stdout
    assert f"desk release 0.0.9, {desk.__version__}" in text


def test_the_health_answer_names_the_one_version(hub):
    assert httpx.get(hub.base + "/api/v1/health").json()["version"] == desk.__version__


def test_releases_compare_by_their_numbers():
    assert sorted(["0.10.0", "0.9.1", "0.2.0", "1.0"], key=release_key) == [
        "0.2.0", "0.9.1", "0.10.0", "1.0"]
