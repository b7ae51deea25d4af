"""The province dashboard in a real headless Chromium: figures by period, a commune's page,
exports, search, a dossier's upstream steps, the USB upload; each role seeing what it may."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
import subprocess
import time

import httpx
import openpyxl
import pytest

from models import Dossier, DossierEvent
from models.bundle import MAGIC_PUSH, encode
from models.hub import Device
from server.dashboard.users import Account, save_user
from tests.server.conftest import AN_BINH, NOW, TAN_PHU, two_procedures
from tests.server.records import dossier, events, seed_province, uid, wire
from tests.server.webdriver import CHROMEDRIVER, headless_chromium

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not shutil.which(CHROMEDRIVER), reason="no chromedriver")]
PASSWORD = "mật-khẩu-đủ-dài"


def account(clock, username, role="province", commune=None, name="Văn phòng UBND tỉnh"):
    return save_user(Account(username, PASSWORD, name, role, commune), now=clock)


def sign_in(browser, base, username):
    browser.go(base + "/login")
    browser.type("#username", username)
    browser.type("#password", PASSWORD)
    browser.click("#submit")


@contextlib.contextmanager
def client_for(base, username, password=PASSWORD):
    """An HTTP client signed in through the login form, as a browser would be."""
    with httpx.Client(base_url=base, follow_redirects=False) as client:
        answer = login(client, username, password)
        assert answer.status_code == 303, answer.text
        yield client


def login(client: httpx.Client, username: str, password: str) -> httpx.Response:
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf": form_token(client.get("/login").text)})


def form_token(page: str) -> str:
    return page.split('name="csrf" value="', 1)[1].split('"', 1)[0]


def test_province_staff_read_each_commune_by_period_and_export_the_national_report(
        dashboard, server_clock, tmp_path):
    seeded = seed_province(two_procedures()[0], server_clock())
    account(server_clock, "tinh")
    with headless_chromium(tmp_path / "profile", tmp_path / "downloads") as browser:
        browser.go(dashboard + "/")
        assert browser.current_url.endswith("/login")
        assert "Trung tâm Phục vụ hành chính công tỉnh" in browser.text("#agency")
        browser.type("#username", "tinh")
        browser.type("#password", "sai mật khẩu")
        browser.click("#submit")
        assert browser.text("#error") == "Sai tên đăng nhập hoặc mật khẩu."
        assert browser.value("#username") == "tinh"  # kept after the error
        browser.type("#password", PASSWORD)
        browser.click("#submit")

        tan_phu, an_binh = (f'tr[data-commune="{c[0]}"]' for c in (TAN_PHU, AN_BINH))
        # November 2026 has not been chosen: this month (December) shows what is pending now
        assert browser.text(f"{tan_phu} .pending-overdue") == "1"
        assert browser.text(f"{tan_phu} .pending-on-time") == "1"
        assert browser.text(f"{tan_phu} .last-sync") == "07:00 01/12/2026"
        browser.select("#ky", "2026-11")
        assert "Tháng 11/2026 (01/11/2026 – 30/11/2026)" in browser.text("h1")
        assert browser.text(f"{tan_phu} .received") == "3"
        assert browser.text(f"{tan_phu} .resolved-early") == "1"
        assert browser.text(f"{tan_phu} .rate") == "100,0 %"
        assert browser.text(f"{tan_phu} .satisfaction") == "100,0 %"
        assert browser.text(f"{an_binh} .resolved-late") == "1"
        assert browser.text("#province .received") == "4"
        assert browser.text("#province .rate") == "50,0 %"
        browser.select("#ky", "BC-2026-11")  # the state period: 15/10–14/11
        assert "15/10/2026 – 14/11/2026" in browser.text("h1")
        assert browser.text("#province .received") == "0"

        browser.go(dashboard + "/?ky=2026-11")
        browser.click(f"{tan_phu} a.commune")
        assert browser.text("#commune-name").startswith("Xã Tân Phú")
        assert browser.texts("#overdue .code") == [seeded["late"]["code"]]
        assert browser.texts("#due-soon .code") == [seeded["soon"]["code"]]
        assert "Máy 1 — Xã Tân Phú" in browser.text("#devices")
        assert browser.texts("#report tr.total td")[2] == "3"  # the national table's total
        pdf_link = browser.attribute("#export-pdf", "href")
        assert pdf_link.endswith("/communes/26734/report.pdf?ky=2026-11")

    with client_for(dashboard, "tinh") as client:
        pdf = client.get("/communes/26734/report.pdf?ky=2026-11")
        assert pdf.headers["content-type"] == "application/pdf"
        assert 'filename="bao-cao-26734-2026-11.pdf"' in pdf.headers["content-disposition"]
        text = pdf_text(pdf.content, tmp_path)
        assert "UBND XÃ TÂN PHÚ" in text and "Tháng 11/2026" in text
        sheet = openpyxl.load_workbook(io.BytesIO(client.get(
            "/report.xlsx?ky=2026-11").content)).active
        total = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "Tổng cộng")
        # columns (3) total and (6) carried over: the four dossiers of November, all new
        assert (total[2], total[5]) == (4, 0)
        ranged = client.get("/report.pdf?tu=2026-11-20&den=2026-11-30")
        assert "từ ngày 20/11/2026 đến ngày 30/11/2026" in pdf_text(ranged.content, tmp_path)


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_search_by_name_without_tones_by_id_number_and_by_code(dashboard, server_clock,
                                                                tmp_path):
    seeded = seed_province(two_procedures()[0], server_clock())
    account(server_clock, "tinh")
    with headless_chromium(tmp_path / "profile", tmp_path / "downloads") as browser:
        sign_in(browser, dashboard, "tinh")
        browser.go(dashboard + "/dossiers")
        browser.type("#q", "dang van duc")
        browser.click("#find")
        assert browser.texts("#dossiers .code") == [seeded["late"]["code"]]
        browser.go(dashboard + "/dossiers?q=079303009999")
        assert browser.texts("#dossiers .code") == [seeded["slow"]["code"]]
        browser.go(dashboard + "/dossiers?q=" + seeded["soon"]["code"])  # a barcode scan
        assert browser.text("#code") == seeded["soon"]["code"]
        browser.go(dashboard + "/dossiers?q=khong+co+ai")
        assert browser.text("#dossiers .none") == "Không tìm thấy hồ sơ nào."


def test_an_upstream_step_is_recorded_and_a_refused_one_keeps_what_was_chosen(
        dashboard, server_clock, tmp_path):
    seeded = seed_province(two_procedures()[0], server_clock())
    account(server_clock, "tinh", name="Phòng Tư pháp")
    code = seeded["soon"]["code"]
    with headless_chromium(tmp_path / "profile", tmp_path / "downloads") as browser:
        sign_in(browser, dashboard, "tinh")
        browser.go(f"{dashboard}/dossiers/{code}")
        browser.select("#kind", "rescheduled")
        browser.type("#new_due", "09:00 01/01/2020")  # before the current appointment
        browser.type("#note", "Chờ ý kiến Sở Tư pháp")
        browser.click("#record")
        assert "Ngày hẹn mới phải sau" in browser.text("#error")
        assert browser.value("#kind") == "rescheduled"
        assert browser.value("#note") == "Chờ ý kiến Sở Tư pháp"
        browser.select("#kind", "assigned")
        browser.clear("#new_due")
        browser.click("#record")
        assert browser.text("#result") == "Đã ghi nhận «Chuyển xử lý»."
        assert browser.text("#status") == "Đang giải quyết"
        assigned = '#events tr[data-kind="assigned"]'
        assert browser.text(f"{assigned} .origin") == "Máy chủ cấp tỉnh"
        assert browser.text(f"{assigned} .actor") == "Phòng Tư pháp (tinh)"
        assert browser.text(f"{assigned} td").startswith("09:00 01/12/2026")
    stored = Dossier.get(Dossier.code == code)
    assert [e.kind for e in stored.events.order_by(DossierEvent.hlc)] == ["received",
                                                                         "assigned"]


def test_a_commune_leader_reaches_only_her_commune(dashboard, server_clock, tmp_path):
    seeded = seed_province(two_procedures()[0], server_clock())
    account(server_clock, "lanhdao", role="commune", commune=TAN_PHU[0], name="Chủ tịch xã")
    other = seeded["slow"]
    with headless_chromium(tmp_path / "profile", tmp_path / "downloads") as browser:
        sign_in(browser, dashboard, "lanhdao")
        assert browser.current_url.endswith(f"/communes/{TAN_PHU[0]}")
        assert browser.text("#nav-commune") == "Xã Tân Phú"
        for path in (f"/communes/{AN_BINH[0]}", f"/communes/{AN_BINH[0]}/report.pdf",
                     "/report.xlsx"):
            browser.go(dashboard + path)
            assert "chỉ xem được số liệu của xã/phường mình" in browser.text("#refused")
        browser.go(f"{dashboard}/dossiers/{other['code']}")
        assert "Không tìm thấy hồ sơ" in browser.text("#refused")
        browser.go(dashboard + "/dossiers?q=" + other["code"])
        assert browser.text("#dossiers .none") == "Không tìm thấy hồ sơ nào."
        browser.go(dashboard + "/dossiers?q=dao")
        assert browser.text("#dossiers .none") == "Không tìm thấy hồ sơ nào."
        browser.go(dashboard + "/overdue")
        assert browser.texts("#dossiers .code") == [seeded["late"]["code"]]
        browser.go(f"{dashboard}/dossiers/{seeded['late']['code']}")
        assert browser.texts("#add-event") == []  # leaders read; the counter records steps
        browser.go(dashboard + "/admin")
        assert "Chỉ tài khoản quản trị" in browser.text("#refused")
    with client_for(dashboard, "lanhdao") as client:
        for path in (f"/communes/{AN_BINH[0]}/report.xlsx", "/report.pdf?ky=2026-11"):
            assert client.get(path).status_code == 403
        assert client.get(f"/dossiers/{other['code']}").status_code == 404
        assert client.get(f"/communes/{TAN_PHU[0]}/report.pdf").status_code == 200


def test_an_uploaded_bundle_shows_what_was_applied_and_refused_and_offers_the_reply(
        dashboard, server_clock, tmp_path):
    account(server_clock, "tinh")
    key = "11" * 32
    device = Device.create(id=uid(), commune_code=TAN_PHU[0], name="Máy 2", secret_hash="0" * 64,
                           bundle_key=key, created_at=NOW - dt.timedelta(days=30))
    from models import Commune

    procedure = two_procedures()[0]
    good = dossier(Commune.get_by_id(TAN_PHU[0]), procedure, NOW - dt.timedelta(days=1),
                   NOW + dt.timedelta(days=2))
    bad = dossier(Commune.get_by_id(TAN_PHU[0]), "9.999999", NOW - dt.timedelta(days=1),
                  NOW + dt.timedelta(days=2))
    records = [good, *events(good, []), bad]
    lines = [orjson_line(seq, wire(r)) for seq, r in enumerate(records, start=1)]
    path = tmp_path / "tuan.bundle"
    path.write_bytes(encode(MAGIC_PUSH, device.id, {
        "bundle_id": uid(), "first": 1, "last": len(lines), "count": len(lines),
        "pull_cursor": 0, "created_at": NOW.isoformat()}, lines, key))
    with headless_chromium(tmp_path / "profile", tmp_path / "downloads") as browser:
        sign_in(browser, dashboard, "tinh")
        browser.go(dashboard + "/bundles")
        browser.type("#bundle", str(path))
        browser.click("#upload")
        assert browser.text("#applied") == "2"
        assert browser.text("#refused-count") == "1"
        assert browser.texts("#refused .reason") == [
            "Thủ tục chưa có trong danh mục của máy chủ"]
        browser.click("#reply")
        wait_for(lambda: any((tmp_path / "downloads").glob("motcua-reply*.bundle")))
        browser.type("#bundle", str(tmp_path / "profile" / "Local State"))
        browser.click("#upload")
        assert "không phải gói dữ liệu Một Cửa" in browser.text("#error")
    assert Dossier.select().where(Dossier.code == good["code"]).exists()


def orjson_line(seq, record) -> bytes:
    import orjson

    return orjson.dumps({"seq": seq, "record": record})


def wait_for(condition, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.2)


def test_records_a_commune_could_not_send_show_on_its_page_until_they_come_through(
        dashboard, server_clock):
    from models import Commune, Procedure
    from server.errors import ApiError
    from tests.server.records import Pusher

    account(server_clock, "tinh")
    tan_phu = Commune.get_by_id(TAN_PHU[0])
    record = dossier(tan_phu, "9.999999", NOW - dt.timedelta(days=1), NOW + dt.timedelta(days=2))
    pusher = Pusher(Device.create(id=uid(), commune_code=TAN_PHU[0], name="Máy 1",
                                  secret_hash="0" * 64, bundle_key="0" * 64, created_at=NOW))
    for _ in range(2):  # the desk tries twice before it parks the record
        with pytest.raises(ApiError):
            pusher.push([record])
        pusher.seq -= 1
    with client_for(dashboard, "tinh") as client:
        page = client.get(f"/communes/{TAN_PHU[0]}").text
        assert "Thủ tục chưa có trong danh mục của máy chủ" in page
        assert 'class="num">2</td>' in page  # refused twice, listed once
        template = Procedure.select().first()
        Procedure.create(**{**template.__data__, "code": "9.999999"})
        pusher.push([record])
        assert "Không có bản ghi nào bị từ chối." in client.get(f"/communes/{TAN_PHU[0]}").text


def test_a_range_is_typed_as_day_month_year_and_a_wrong_one_says_so(dashboard, server_clock):
    account(server_clock, "tinh")
    with client_for(dashboard, "tinh") as client:
        page = client.get("/?tu=20/11/2026&den=30/11/2026").text
        assert "Khoảng thời gian tự chọn (20/11/2026 – 30/11/2026)" in page
        wrong = client.get("/?tu=30/11/2026&den=20/11/2026").text
        assert "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu." in wrong
        assert "Tháng 12/2026 (01/12/2026 – 31/12/2026)" in wrong  # the default instead
        assert "ngày/tháng/năm" in client.get("/?tu=hôm+qua&den=").text


def test_notices_that_failed_and_the_citizens_lookup_are_linked_within_each_ones_scope(
        dashboard, server_clock):
    from models.hub import Notice
    from server.notices import kinds

    seeded = seed_province(two_procedures()[0], server_clock())
    late = seeded["late"]
    Notice.create(key=f"{late['id']}:result_ready:sms", dossier_id=late["id"], event_id=uid(),
                  commune_code=TAN_PHU[0], kind=kinds.RESULT_READY, channel=kinds.SMS,
                  state=kinds.FAILED, attempts=3, next_attempt_at=NOW, created_at=NOW,
                  last_error="Số điện thoại không phải số di động Việt Nam")
    account(server_clock, "tinh")
    account(server_clock, "lanhdao", role="commune", commune=AN_BINH[0], name="Chủ tịch xã")
    with client_for(dashboard, "tinh") as client:
        tan_phu = client.get(f"/communes/{TAN_PHU[0]}").text
        an_binh = client.get(f"/communes/{AN_BINH[0]}").text
        notices = client.get("/notices", params={"commune": TAN_PHU[0]}).text
        dossier_page = client.get(f"/dossiers/{late['code']}").text
        search = client.get("/dossiers").text
    assert "1 thông báo chưa gửi được" in tan_phu
    assert f'href="/notices?commune={TAN_PHU[0]}" id="notices-link"' in tan_phu
    assert "đều đã gửi được" in an_binh and "chưa gửi được</span>" not in an_binh
    assert late["code"] in notices and "Số điện thoại không phải số di động" in notices
    assert 'id="nav-notices" class="here"' in notices  # the page one is on is marked
    assert f'href="/tra-cuu?ma={late["code"]}"' in dossier_page
    assert 'href="/tra-cuu"' in search
    with client_for(dashboard, "lanhdao") as client:
        own = client.get("/notices")
        other = client.get("/notices", params={"commune": TAN_PHU[0]})
        home = client.get(f"/communes/{AN_BINH[0]}").text
    assert own.status_code == 200 and late["code"] not in own.text
    assert "Mọi thông báo đều đã gửi được." in own.text
    assert other.status_code == 403 and late["code"] not in other.text
    assert "Hệ thống một cửa — Xã An Bình" in home  # her frame names her commune
