"""The whole way, with a real server process: a desk syncs a result, the server's background
senders tell the citizen by e-mail (real SMTP with STARTTLS) and by text (a real HTTP gateway);
a bundle imported twice tells nobody twice; what cannot be sent is listed on the dashboard."""

import json
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from desk import events, intake
from desk.context import load_context
from desk.sync import bundle, enrolment, session
from server.dashboard.users import Account, save_user
from tests.notices.gateway import http_gateway
from tests.notices.mailbox import mail_server
from tests.notices.province import BOTH, LANDLINE
from tests.sync.conftest import AN_BINH, TAN_PHU
from tests.sync.harness import running_hub

pytestmark = pytest.mark.slow
PASSWORD = "mật-khẩu-đủ-dài"
SERVER = Path(sys.executable).with_name("motcua-server")


def wait_for(condition, seconds=20.0):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.1)


@pytest.fixture
def province(tmp_path, monkeypatch, clock):
    """A started server whose senders reach a real mail server and a real gateway."""
    with mail_server(tmp_path) as box, http_gateway() as gateway:
        monkeypatch.setenv("MOTCUA_SMTP_URL", box.url())
        monkeypatch.setenv("MOTCUA_SMTP_CAFILE", str(box.cafile))
        monkeypatch.setenv("MOTCUA_MAIL_FROM", "Một Cửa <motcua@tinh.example.vn>")
        monkeypatch.setenv("MOTCUA_SMS_URL", gateway.url)
        monkeypatch.setenv("MOTCUA_SMS_TOKEN", "gateway-token")
        monkeypatch.setenv("MOTCUA_NOTICE_POLL", "0.1")
        with running_hub(tmp_path, [TAN_PHU, AN_BINH], start=clock()) as hub:
            yield hub, box, gateway


def sign_in(client: httpx.Client, username: str) -> None:
    """Through the login form, with the token it hands out (the dashboard refuses forms
    without one)."""
    form = client.get("/login").text
    token = form.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    answer = client.post("/login", data={"username": username, "password": PASSWORD,
                                         "csrf": token})
    assert answer.status_code == 303, answer.text


def consenting_dossier(hub, desk, person=BOTH):
    """Enrol the desk whose session is open and receive one dossier with consent."""
    enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=desk.now)
    request = intake.IntakeRequest("1.001193", person, notify=True)
    return intake.receive(load_context(now=desk.now), request, now=desk.now).code


def test_a_synced_result_reaches_the_citizen_by_mail_and_text_once(province, desk_factory):
    hub, box, gateway = province
    desk = desk_factory()
    with desk.session():
        code = consenting_dossier(hub, desk)
        ctx = load_context(now=desk.now)
        intake.receive(ctx, intake.IntakeRequest("1.001193", BOTH), now=desk.now)  # no consent
        events.record(ctx, code, "result_ready", now=desk.now)
        session.sync(now=desk.now)
    wait_for(lambda: box.messages and gateway.requests)
    time.sleep(1.0)  # a second send would have happened by now
    assert [m["Subject"] for m in box.messages] == [
        f"[UBND xã Tân Phú] Hồ sơ {code} đã có kết quả"]
    assert [r.json()["to"] for r in gateway.requests] == ["+84912345678"]
    assert code in gateway.requests[0].json()["text"]


def test_a_bundle_imported_twice_tells_the_citizen_once(province, desk_factory, tmp_path):
    hub, box, gateway = province
    desk = desk_factory()
    with desk.session():
        code = consenting_dossier(hub, desk)
        events.record(load_context(now=desk.now), code, "refused",
                      note="Hồ sơ không thuộc thẩm quyền của xã.", now=desk.now)
        path = tmp_path / "week.bundle"
        bundle.export(path, now=desk.now)
    for _ in range(2):
        answer = httpx.post(f"{hub.base}/api/v1/bundles", content=path.read_bytes(), timeout=60)
        assert answer.status_code == 200
    wait_for(lambda: box.messages and gateway.requests)
    time.sleep(1.0)
    assert len(box.messages) == 1 and len(gateway.requests) == 1
    plain = box.messages[0].get_body(("plain",)).get_content()
    assert "Lý do: Hồ sơ không thuộc thẩm quyền của xã." in plain


def test_what_cannot_be_sent_is_listed_on_the_dashboard_with_its_reason(province, desk_factory):
    hub, box, gateway = province
    gateway.answers(503, "maintenance")
    with hub.session():
        save_user(Account("tinh", PASSWORD, "Sở Nội vụ"), now=hub.now)
        save_user(Account("anbinh", PASSWORD, "UBND xã An Bình", "commune", AN_BINH[0]),
                  now=hub.now)
    desk = desk_factory()
    with desk.session():
        code = consenting_dossier(hub, desk, LANDLINE)
        events.record(load_context(now=desk.now), code, "result_ready", now=desk.now)
        session.sync(now=desk.now)
    wait_for(lambda: box.messages)
    with httpx.Client(base_url=hub.base, timeout=30) as client:
        assert client.get("/notices").status_code == 303  # staff only
        sign_in(client, "tinh")
        page = client.get("/notices")
        both = client.get("/notices", params={"commune": TAN_PHU[0]})
        other = client.get("/notices", params={"commune": AN_BINH[0]})
    with httpx.Client(base_url=hub.base, timeout=30) as client:
        sign_in(client, "anbinh")
        own = client.get("/notices")
        not_hers = client.get("/notices", params={"commune": TAN_PHU[0]})
    assert page.status_code == 200
    assert code in page.text and "không phải số di động Việt Nam" in page.text
    assert "Không gửi được" in page.text and "hong@example.vn" not in page.text
    assert code in both.text and code not in other.text
    assert "Mọi thông báo đều đã gửi được." in other.text
    assert own.status_code == 200 and code not in own.text  # a commune sees its own only
    assert not_hers.status_code == 403 and code not in not_hers.text
    listed = subprocess.run([str(SERVER), "--db", hub.url, "notices", "--json"],
                            capture_output=True, text=True, timeout=60, check=True)
    [failed] = json.loads(listed.stdout)["notices"]
    assert (failed["dossier_code"], failed["channel"], failed["state"]) == (code, "sms", "failed")
