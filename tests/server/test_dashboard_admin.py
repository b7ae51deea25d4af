"""Administration in Chromium: accounts by role (forms keep what was typed when refused),
communes, a one-time enrolment code, reference data published to the desks, the province's
name on the login page. Nobody else reaches it."""

from __future__ import annotations

import json
import shutil

import pytest

from models import Procedure
from models.hub import ChangeLog, DashboardUser, EnrolmentCode
from server.enrolment import code_hash
from tests.server.test_dashboard import PASSWORD, account, client_for, sign_in
from tests.server.webdriver import CHROMEDRIVER, headless_chromium

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not shutil.which(CHROMEDRIVER), reason="no chromedriver")]


def test_an_administrator_sets_up_a_leader_a_commune_a_code_and_reference_data(
        dashboard, server_clock, tmp_path):
    account(server_clock, "quantri", role="admin", name="Quản trị tỉnh")
    catalogue = tmp_path / "danh-muc.json"
    first = Procedure.select().order_by(Procedure.code).first()
    catalogue.write_text(json.dumps({"version": "2026.12", "procedures": [{
        "code": first.code, "name": first.name, "field": first.field,
        "processing": {"value": 3, "unit": "working_days"}}]}, ensure_ascii=False))
    broken = tmp_path / "hong.json"
    broken.write_text("{không phải json")
    with headless_chromium(tmp_path / "profile", tmp_path / "downloads") as browser:
        sign_in(browser, dashboard, "quantri")
        browser.click("#nav-admin")
        browser.type("#account-username", "lanhdao")
        browser.type("#account-name", "Chủ tịch UBND xã Tân Phú")
        browser.select("#account-role", "commune")
        browser.type("#account-password", "ngắn")
        browser.click("#save-account")
        assert browser.text("#account-error") == "Mật khẩu phải có ít nhất 10 ký tự."
        assert browser.value("#account-username") == "lanhdao"  # what was typed stays
        assert browser.value("#account-role") == "commune"
        browser.type("#account-password", PASSWORD)
        browser.click("#save-account")
        assert "phải chọn xã/phường" in browser.text("#account-error")
        browser.select("#account-commune", "26734")
        browser.type("#account-password", PASSWORD)
        browser.click("#save-account")
        assert "Đã lưu tài khoản «lanhdao»" in browser.text("#notice")

        browser.type("#commune-code", "26736")
        browser.type("#commune-name-input", "Phường Long Bình")
        browser.type("#commune-agency", "sai mã")
        browser.click("#save-commune")
        assert browser.text("#commune-error") == "Mã cơ quan có dạng 000.00.12.H12."
        assert browser.value("#commune-name-input") == "Phường Long Bình"
        browser.clear("#commune-agency")
        browser.type("#commune-agency", "000.00.14.H12")
        browser.click("#save-commune")
        assert "Phường Long Bình" in browser.text("#communes")

        browser.select("#enrolment-commune", "26736")
        browser.click("#make-code")
        shown = browser.text("#enrolment-code")
        code = shown.split(": ", 1)[1].split(" ", 1)[0]

        browser.type("#reference-file", str(broken))
        browser.click("#load-reference")
        assert "không phải JSON" in browser.text("#reference-error")
        browser.type("#reference-file", str(catalogue))
        browser.click("#load-reference")
        assert "Đã nạp 1 thủ tục (phiên bản 2026.12)" in browser.text("#notice")

        browser.clear("#province-name")
        browser.type("#province-name", "Đồng Nai")
        browser.clear("#agency-name")
        browser.type("#agency-name", "Văn phòng UBND tỉnh Đồng Nai")
        browser.click("#save-province")
        browser.click("#logout")
        assert browser.text("#agency") == "Văn phòng UBND tỉnh Đồng Nai"
        sign_in(browser, dashboard, "lanhdao")
        assert browser.current_url.endswith("/communes/26734")
        browser.go(dashboard + "/admin")
        assert "Chỉ tài khoản quản trị" in browser.text("#refused")

    leader = DashboardUser.get(DashboardUser.username == "lanhdao")
    assert (leader.role, leader.commune_code) == ("commune", "26734")
    assert EnrolmentCode.get(EnrolmentCode.code_hash == code_hash(code)).commune_code == "26736"
    assert ChangeLog.select().where(ChangeLog.kind == "catalogue").count() == 2  # shipped, new
    assert Procedure.get_by_id(first.code).processing_value == 3


def test_province_staff_cannot_administer(dashboard, server_clock):
    account(server_clock, "tinh")
    with client_for(dashboard, "tinh") as client:
        assert client.get("/admin").status_code == 403
        assert client.post("/admin/province", data={"province_name": "X"}).status_code == 403
