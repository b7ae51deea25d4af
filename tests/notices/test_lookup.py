"""The public lookup, JSON and HTML, on a real server: what it shows, what it never shows, and
clear answers (never a 5xx) to unknown, malformed and too many lookups."""

import base64
import datetime as dt
import shutil

import pytest

from models.hub import Device
from server.lookup.guard import LIMIT_PER_MINUTE
from server.lookup.ratelimit import RateLimiter
from tests.conftest import vn
from tests.notices.province import BOTH
from tests.notices.serving import get, serving
from tests.server.webdriver import CHROMEDRIVER, headless_chromium
from tests.sync.harness import bound

SECRETS = (BOTH.id_number, BOTH.phone, "0912 345 678", BOTH.address, BOTH.email, "Văn Đức")


@pytest.fixture
def held(province, clock):
    """A dossier of Tân Phú with its result ready, as the server holds it after a sync."""
    code = province.receive(clock, steps=("result_ready",))
    province.push(clock)
    with province.session():
        Device.update(last_seen_at=vn(2026, 11, 23, 10, 5)).execute()
    return code


@pytest.fixture
def base(province, clock):
    with bound(province.database), serving(clock) as url:
        yield url


def test_the_json_says_where_the_dossier_stands_and_nothing_personal(held, base):
    answer = get(f"{base}/api/v1/lookup/{held}")
    assert answer.status_code == 200
    data = answer.json()
    assert data["code"] == held and data["status"] == "result_ready"
    assert data["status_label"] == "Có kết quả, chờ trả"
    assert data["procedure"] == {"code": "1.001193", "name": "Đăng ký khai sinh"}
    assert data["applicant"] == {"masked_name": "Đặng V** Đ**"}
    assert data["commune"] == {"code": "26734", "name": "Xã Tân Phú"}
    assert data["received_at"] == "2026-11-23T10:00:00+07:00"
    assert data["due_at"] == "2026-11-23T17:00:00+07:00"
    assert data["result_ready_at"] == "2026-11-23T10:00:00+07:00"
    assert data["last_synced_at"] == "2026-11-23T10:05:00+07:00"
    assert answer.headers["cache-control"] == "no-store"
    for secret in SECRETS:
        assert secret not in answer.text


def test_a_code_typed_in_small_letters_with_spaces_is_found(held, base):
    assert get(f"{base}/api/v1/lookup/%20{held.lower()}%20").json()["code"] == held


def test_an_unknown_code_is_404_in_both_languages(held, base):
    answer = get(f"{base}/api/v1/lookup/000.00.12.H12-261123-0999")
    assert answer.status_code == 404
    assert answer.json()["error"] == "unknown_dossier"
    assert "Không tìm thấy hồ sơ" in answer.json()["message"]


@pytest.mark.parametrize("code", [
    "x", "000.00.12.H12-261123-01", "' OR '1'='1", "%00", "..%2F..%2Fetc%2Fpasswd",
    "A" * 5000, "Đặng", "000.00.12.H12-261123-0001;drop", "<script>alert(1)</script>",
])
def test_a_malformed_code_is_a_clear_422_never_a_5xx(held, base, code):
    answer = get(f"{base}/api/v1/lookup/{code}")
    assert answer.status_code in (404, 422), answer.text  # a slash in the path: no such route
    if answer.status_code == 422:
        assert answer.json()["error"] == "malformed_code"
        assert "Mã hồ sơ không đúng dạng" in answer.json()["message"]


def test_a_flood_of_lookups_from_one_client_is_told_to_wait(held, base, clock):
    for _ in range(LIMIT_PER_MINUTE):
        assert get(f"{base}/api/v1/lookup/{held}").status_code == 200
    refused = get(f"{base}/api/v1/lookup/{held}")
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "60"
    assert refused.json()["error"] == "too_many_lookups"
    page = get(f"{base}/tra-cuu", ma=held)
    assert page.status_code == 429 and "quá nhiều lần" in page.text
    clock.set(clock() + dt.timedelta(seconds=61))
    assert get(f"{base}/api/v1/lookup/{held}").status_code == 200


def test_the_limiter_forgets_the_oldest_clients_first_so_its_memory_is_bounded():
    limiter = RateLimiter(limit=1, max_clients=3)
    now = vn(2026, 11, 23, 10)
    for client in ("a", "b", "c", "d"):
        assert limiter.wait_for(client, now) == 0
    assert limiter.wait_for("a", now) == 0  # forgotten, so counted afresh
    assert limiter.wait_for("d", now) == 60


def test_the_page_answers_unknown_and_malformed_codes_in_vietnamese(held, base):
    unknown = get(f"{base}/tra-cuu", ma="000.00.12.H12-261123-0999")
    assert unknown.status_code == 404 and "Không tìm thấy hồ sơ có mã" in unknown.text
    malformed = get(f"{base}/tra-cuu", ma="<b>mã</b>")
    assert malformed.status_code == 400 and "Mã hồ sơ không đúng dạng" in malformed.text
    assert "<b>mã</b>" not in malformed.text  # what was typed comes back escaped
    empty = get(f"{base}/tra-cuu")
    assert empty.status_code == 200 and 'id="ma"' in empty.text
    assert "default-src 'none'" in empty.headers["content-security-policy"]


def test_a_dossier_past_its_appointment_says_so(province, clock, base):
    code = province.receive(clock, steps=("assigned",))
    province.push(clock)
    clock.set(vn(2026, 11, 24, 9))
    data = get(f"{base}/api/v1/lookup/{code}").json()
    assert data["overdue"] is True and data["last_synced_at"] == "2026-11-23T10:00:00+07:00"
    assert "Đã quá thời gian hẹn trả kết quả" in get(f"{base}/tra-cuu", ma=code).text


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which(CHROMEDRIVER), reason="no chromedriver")
def test_a_citizen_looks_the_dossier_up_on_a_phone(held, base, tmp_path):
    with headless_chromium(tmp_path / "profile", tmp_path / "downloads") as browser:
        browser._call("POST", "/window/rect", {"width": 390, "height": 844})
        browser.go(f"{base}/tra-cuu")
        browser.type("#ma", held.lower())
        browser.click("#tra-cuu")
        assert browser.text("#status") == "Có kết quả, chờ trả"
        assert browser.text("#applicant") == "Đặng V** Đ**"
        assert browser.text("#procedure") == "Đăng ký khai sinh"
        assert browser.text("#due") == "17:00, 23/11/2026"
        assert "cập nhật lần cuối lúc 10:05, 23/11/2026" in browser.text("#synced")
        width = browser._call("POST", "/execute/sync", {
            "script": "return document.documentElement.scrollWidth", "args": []})
        assert width <= 390  # nothing sticks out sideways on a phone
        shot = tmp_path / "lookup-phone.png"
        shot.write_bytes(base64.b64decode(browser._call("GET", "/screenshot")))
        browser.go(f"{base}/tra-cuu?ma=abc")
        assert "Mã hồ sơ không đúng dạng" in browser.text("#error")
    assert shot.stat().st_size > 5000


