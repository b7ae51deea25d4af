"""The district dashboard in a real headless Chromium: login, figures, search, overdue, upload."""

from __future__ import annotations

import datetime as dt
import shutil
import time

import httpx
import pytest

from desk import events, intake
from desk.context import load_context
from desk.sync import bundle, enrolment, session
from server.dashboard.users import create_user
from tests.server.webdriver import CHROMEDRIVER, headless_chromium
from tests.sync.conftest import TAN_PHU
from tests.sync.harness import PERSON

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not shutil.which(CHROMEDRIVER), reason="no chromedriver")]
PASSWORD = "mật-khẩu-đủ-dài"


def seeded(hub, desk_factory):
    """One desk: an overdue dossier and one resolved on time, synced; one more left in a
    bundle. Returns (overdue code, bundle path)."""
    desk = desk_factory()
    with hub.session():
        create_user("huyen", PASSWORD, "Phòng Tư pháp")
    with desk.session():
        enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]))
        ctx = load_context()
        now = dt.datetime.now(dt.UTC)
        late = intake.receive(ctx, intake.IntakeRequest(
            "1.001193", PERSON, received_at=now - dt.timedelta(days=10)))
        done = intake.receive(ctx, intake.IntakeRequest("1.001193", PERSON))
        events.record(ctx, done.code, "result_ready")
        session.sync()
        intake.receive(ctx, intake.IntakeRequest("1.001193", PERSON))
        path = desk.path.with_name("week.bundle")
        bundle.export(path)
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
