"""Province settings: checked, kept in the server's database, and the lookup address handed to
every desk by pull, where the receipt's QR carries it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desk import documents
from desk import settings as desk_settings
from desk.sync import enrolment, session
from server import settings
from server.errors import ApiError
from tests.printing.conftest import decoded_symbols, needs_zbar, render_png
from tests.sync.conftest import TAN_PHU
from tests.sync.harness import PERSON

SERVER = Path(sys.executable).with_name("motcua-server")
LOOKUP = "https://motcua.dongnai.example.gov.vn/tra-cuu?ma={code}"


@pytest.mark.parametrize(("key", "value"), [
    ("lookup_url", "https://motcua.example.gov.vn/tra-cuu"),  # no {code}
    ("lookup_url", "javascript:alert(1)//{code}"),
    ("lookup_url", "https://motcua.example.gov.vn/{code} x"),
    ("notify_received", "yes"),
    ("hotline", "gọi ông Ba"),
    ("hotline.26734;drop", "0251"),
    ("smtp_password", "x"),
])
def test_a_bad_setting_is_refused_by_name(province, clock, key, value):
    with province.session(), pytest.raises(ApiError) as caught:
        settings.put(key, value, now=clock())
    assert caught.value.code in ("invalid_setting", "unknown_setting")


def test_a_communes_own_hotline_comes_before_the_provinces(province, clock):
    with province.session():
        settings.put("hotline", "0251 3822 123", now=clock())
        assert settings.hotline("26734") == "0251 3822 123"
        settings.put("hotline.26734", "0251 3999 000", now=clock())
        assert settings.hotline("26734") == "0251 3999 000"
        assert settings.hotline("26735") == "0251 3822 123"


def test_the_cli_sets_shows_and_lists_settings(tmp_path):
    db = str(tmp_path / "hub.sqlite3")

    def run(*args):
        return subprocess.run([str(SERVER), "--db", db, *args, "--json"], capture_output=True,
                              text=True, timeout=60)

    assert json.loads(run("setting", "lookup_url", LOOKUP).stdout) == {"lookup_url": LOOKUP}
    listed = json.loads(run("setting").stdout)
    assert listed["lookup_url"] == LOOKUP and listed["notify_received"] == "off"
    refused = run("setting", "notify_received", "perhaps")
    assert refused.returncode == 2 and json.loads(refused.stderr)["error"] == "invalid_setting"


@needs_zbar
def test_the_lookup_address_reaches_the_desk_and_its_receipts_qr(hub, desk_factory, tmp_path):
    from desk import intake
    from desk.context import load_context

    subprocess.run([str(SERVER), "--db", hub.url, "setting", "lookup_url", LOOKUP], check=True,
                   capture_output=True, timeout=60)
    desk = desk_factory()
    with desk.session():
        enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=desk.now)
        session.sync(now=desk.now)
        assert desk_settings.get("office.lookup_url") == LOOKUP
        request = intake.IntakeRequest("1.001193", PERSON)
        code = intake.receive(load_context(now=desk.now), request, now=desk.now).code
        pdf = tmp_path / "receipt.pdf"
        pdf.write_bytes(documents.receipt_pdf(code, "a5"))
    found = decoded_symbols(render_png(pdf, tmp_path, dpi=200))
    assert ("QR-Code", LOOKUP.replace("{code}", code)) in found
    assert ("CODE-128", code) in found
