"""The district dashboard in a real headless Chromium: login, figures, search, overdue, upload."""

from __future__ import annotations

import datetime as dt
import shutil
import time

import httpx
import pytest

from desk import events, intake
from desk.clock import to_local, utcnow
from desk.context import load_context
from desk.sync import bundle, enrolment, session
from models import Dossier, DossierEvent
from server.dashboard.users import create_user
from tests.conftest import FixedClock
from tests.server.webdriver import CHROMEDRIVER, headless_chromium
from tests.sync.conftest import TAN_PHU
from tests.sync.harness import PERSON

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not shutil.which(CHROMEDRIVER), reason="no chromedriver")]
PASSWORD = "mật-khẩu-đủ-dài"


@pytest.fixture
def clock() -> FixedClock:
    """The dashboard's pages still read the wall clock (issue #15 moves them to the server's
    clock), so the desks and the server of these tests start from the wall's present."""
    return FixedClock(utcnow())


def seeded(hub, desk_factory):
    """One desk: an overdue dossier and one resolved on time, synced; one more left in a
    bundle. Returns (overdue code, bundle path)."""
    desk = desk_factory()
    with hub.session():
        create_user("huyen", PASSWORD, "Phòng Tư pháp")
    with desk.session():
        enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=desk.now)
        ctx = load_context(now=desk.now)
        late = intake.receive(ctx, intake.IntakeRequest(
            "1.001193", PERSON, received_at=ctx.now() - dt.timedelta(days=10)), now=ctx.now)
        done = intake.receive(ctx, intake.IntakeRequest("1.001193", PERSON), now=ctx.now)
        events.record(ctx, done.code, "result_ready", now=ctx.now)
        session.sync(now=ctx.now)
        intake.receive(ctx, intake.IntakeRequest("1.001193", PERSON), now=ctx.now)
        path = desk.path.with_name("week.bundle")
        bundle.export(path, now=ctx.now)
    return late.code, path


def test_district_officer_signs_in_reads_figures_finds_dossiers_and_uploads_a_bundle(
        hub, desk_factory, tmp_path):
    overdue_code, path = seeded(hub, desk_factory)
    assert httpx.get(hub.base + "/", follow_redirects=False).status_code == 303
    with headless_chromium(tmp_path / "profile", tmp_path / "downloads") as browser:
        browser.go(hub.base + "/")
        assert browser.current_url.endswith("/login")
        browser.type("#username", "huyen")
        browser.type("#password", "sai mật khẩu")
        browser.click("#submit")
        assert "Sai tên đăng nhập" in browser.text("#error")
        browser.type("#username", "huyen")
        browser.type("#password", PASSWORD)
        browser.click("#submit")
        row = f'tr[data-commune="{TAN_PHU[0]}"]'
        assert browser.text(f"{row} .overdue") == "1"
        assert browser.text(f"{row} .on-time") == "1"
        assert browser.text(f"{row} .received") in ("1", "2")  # the overdue one may be last month
        assert browser.text(f"{row} .rate") == "100,0 %"  # desk.reports: on time ÷ resolved
        assert browser.text("#district .overdue") == "1"

        browser.go(hub.base + "/overdue")
        assert browser.text("#dossiers .code") == overdue_code

        browser.go(hub.base + "/dossiers")
        browser.type("#code", overdue_code[-11:])
        browser.click("#find")
        assert overdue_code in browser.text("#dossiers")

        browser.go(hub.base + "/bundles")
        browser.type("#bundle", str(path))
        browser.click("#upload")
        _wait_for(lambda: hub.counts(TAN_PHU[0]) == (3, 4))
        _wait_for(lambda: any((tmp_path / "downloads").glob("motcua-reply*.bundle")))

        browser.go(hub.base + "/")
        browser.click("#logout")
        browser.go(hub.base + "/overdue")
        assert browser.current_url.endswith("/login")


def _wait_for(condition, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.2)


def test_district_officer_records_an_upstream_step_on_the_dossier_page(
        hub, desk_factory, tmp_path):
    code = _pushed_dossier(hub, desk_factory)
    with headless_chromium(tmp_path / "profile", tmp_path / "downloads") as browser:
        _sign_in(browser, hub.base)
        browser.go(hub.base + "/dossiers")
        browser.type("#code", code[-11:])
        browser.click("#find")
        browser.click("#dossiers .code a")
        assert browser.text("#code") == code
        assert browser.texts("#kind option") == [
            "Chuyển xử lý", "Yêu cầu bổ sung hồ sơ", "Có kết quả giải quyết",
            "Từ chối giải quyết", "Xin lỗi và gia hạn thời gian giải quyết",
            "Dừng giải quyết hồ sơ"]

        browser.click('#kind option[value="assigned"]')
        browser.type("#note", "Chuyển anh Bình thẩm định")
        browser.click("#record")
        assert browser.text("#result") == "Đã ghi nhận «Chuyển xử lý»."
        assert browser.text("#status") == "Đang giải quyết"
        assigned = '#events tr[data-kind="assigned"]'
        assert browser.text(f"{assigned} .origin") == "Máy chủ cấp trên"
        assert browser.text(f"{assigned} .actor") == "Phòng Tư pháp (huyen)"

        browser.click('#kind option[value="result_ready"]')
        browser.click("#record")
        assert browser.text("#status") == "Có kết quả, chờ trả"
        assert browser.texts("#events .label") == [
            "Tiếp nhận hồ sơ", "Chuyển xử lý", "Có kết quả giải quyết"]
        assert browser.texts("#kind option") == []  # handing back is the commune's step
        assert "bộ phận một cửa của xã" in browser.text("#nothing-to-add")
    with hub.session():
        stored = Dossier.get(Dossier.code == code)
        upstream = [(e.kind, e.origin, e.note) for e in stored.events.order_by(DossierEvent.hlc)
                    if e.origin == "server"]
    assert stored.status == "result_ready"
    assert upstream == [("assigned", "server", "Chuyển anh Bình thẩm định"),
                        ("result_ready", "server", "")]


def test_a_stale_or_anonymous_event_post_is_refused_and_writes_nothing(hub, desk_factory):
    code = _pushed_dossier(hub, desk_factory)
    target = f"{hub.base}/dossiers/{code}/events"
    anonymous = httpx.post(target, data={"kind": "assigned"}, follow_redirects=False)
    assert (anonymous.status_code, anonymous.headers["location"]) == (303, "/login")
    with hub.session():
        due = to_local(Dossier.get(Dossier.code == code).due_at)
    later = due + dt.timedelta(days=2)
    with httpx.Client(base_url=hub.base) as client:
        client.post("/login", data={"username": "huyen", "password": PASSWORD})
        garbled = client.post(target, data={"kind": "rescheduled", "new_due": "ngày mai"})
        unexplained = client.post(target, data={"kind": "rescheduled",
                                                "new_due": later.strftime("%Y-%m-%dT%H:%M")})
        moved = client.post(target, data={"kind": "rescheduled",  # as datetime-local sends it
                                          "new_due": later.strftime("%Y-%m-%dT%H:%M"),
                                          "note": "Cần xác minh thêm"})
        assert client.post(target, data={"kind": "result_ready"}).status_code == 303
        stale = client.post(target, data={"kind": "assigned"})
        counter = client.post(target, data={"kind": "returned"})
    assert garbled.status_code == 400 and "không đúng định dạng" in garbled.text
    assert unexplained.status_code == 400 and "ghi rõ lý do" in unexplained.text
    assert moved.status_code == 303
    assert stale.status_code == 409
    assert "Không thể «chuyển xử lý»" in stale.text
    assert counter.status_code == 400 and "do bộ phận một cửa của xã thực hiện" in counter.text
    assert hub.counts(TAN_PHU[0]) == (1, 3)
    with hub.session():
        assert Dossier.get(Dossier.code == code).due_at == later.replace(second=0, microsecond=0)


def _pushed_dossier(hub, desk_factory) -> str:
    desk = desk_factory()
    with hub.session():
        create_user("huyen", PASSWORD, "Phòng Tư pháp")
    with desk.session():
        enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=desk.now)
        dossier = intake.receive(load_context(now=desk.now), intake.IntakeRequest(
            "1.001193", PERSON, received_at=desk.now() - dt.timedelta(hours=1)), now=desk.now)
        session.sync(now=desk.now)
    return dossier.code


def _sign_in(browser, base: str) -> None:
    browser.go(base + "/login")
    browser.type("#username", "huyen")
    browser.type("#password", PASSWORD)
    browser.click("#submit")
