"""Something answers at the server's address without being the API (a captive portal, a proxy's
page, a 3G dongle's page): the desk says so in Vietnamese, loses nothing and takes no clock
figure from it."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import keyring
import pytest

from desk import intake, paths
from desk.context import load_context
from desk.database import open_database
from desk.errors import DomainError
from desk.sync import enrolment, session
from desk.sync.status import sync_status
from desk.sync.transport import NOT_THE_SERVER
from models import Outbox, SyncState
from tests.sync.conftest import TAN_PHU
from tests.sync.harness import PERSON, bound
from tests.sync.keyrings import JsonFileKeyring
from tests.sync.test_credentials_and_cli import run
from ui.sync_status_bar import describe

# Far from every test clock: a skew taken from this page would be years.
PORTAL_DATE = "Sat, 01 Jan 2033 00:00:00 GMT"
PAGES = {
    "portal": ("text/html; charset=utf-8", b"<html><body>Dang nhap Wi-Fi</body></html>"),
    "json": ("application/json", b'{"welcome": "router"}'),
    "broken": ("application/json", b"<html>"),
}


class Portal(ThreadingHTTPServer):
    page = "portal"


class PortalHandler(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        kind, body = PAGES[self.server.page]  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer  # noqa: N815 - http.server's names

    def log_message(self, *args: object) -> None:
        pass

    def date_time_string(self, timestamp: float | None = None) -> str:
        return PORTAL_DATE


@pytest.fixture
def portal() -> Iterator[Portal]:
    server = Portal(("127.0.0.1", 0), PortalHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def behind(portal: Portal) -> Iterator[None]:
    """The desk's line now lands on the portal (same address, another answer)."""
    SyncState.update(server_url=portal.url, clock_skew_seconds=0.0).where(
        SyncState.id == 1).execute()
    yield


@pytest.mark.parametrize("page", list(PAGES))
def test_probe_and_sync_refuse_a_page_that_is_not_the_api(hub, desk_factory, portal, page):
    portal.page = page
    desk = desk_factory()
    with desk.session():
        enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=desk.now)
        intake.receive(load_context(now=desk.now), intake.IntakeRequest("1.001193", PERSON),
                       now=desk.now)
        with behind(portal):
            assert session.probe(now=desk.now) is False
            assert SyncState.get_by_id(1).last_error == NOT_THE_SERVER
            with pytest.raises(DomainError) as refused:
                session.sync(now=desk.now)
            assert refused.value.code == "not_the_server"
            state = SyncState.get_by_id(1)
            assert state.last_error == NOT_THE_SERVER
            assert state.clock_skew_seconds == 0.0  # the portal's Date is not the server's
            assert state.last_success_at is None
            assert Outbox.select().where(Outbox.state == "pending").count() == 2
            text, level = describe(sync_status(now=desk.now))
    assert "○ Ngoại tuyến (Địa chỉ máy chủ trả về một trang khác" in text and level == "warn"


def test_the_next_sync_through_the_real_server_sends_everything(hub, desk_factory, portal):
    desk = desk_factory()
    with desk.session():
        enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=desk.now)
        intake.receive(load_context(now=desk.now), intake.IntakeRequest("1.001193", PERSON),
                       now=desk.now)
        with behind(portal), pytest.raises(DomainError):
            session.sync(now=desk.now)
        SyncState.update(server_url=hub.base).where(SyncState.id == 1).execute()
        assert session.probe(now=desk.now) is True
        done = session.sync(now=desk.now)
        assert (done["pushed"], done["pending"]) == (2, 0)
        assert SyncState.get_by_id(1).last_error == ""


def test_the_cli_says_it_in_one_line_and_in_json(hub, portal, tmp_path, monkeypatch):
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.sync.keyrings.JsonFileKeyring",
           "MOTCUA_TEST_KEYRING_FILE": str(tmp_path / "keys.json"),
           "PYTHONPATH": str(Path(__file__).parents[2])}
    # This process opens the same encrypted file between commands: the same keyring file.
    monkeypatch.setenv("MOTCUA_TEST_KEYRING_FILE", env["MOTCUA_TEST_KEYRING_FILE"])
    keyring.set_keyring(JsonFileKeyring())
    data = tmp_path / "desk"
    run(data, "init", "--commune-code", TAN_PHU[0], "--commune-name", TAN_PHU[1],
        "--agency-code", TAN_PHU[2], env=env, at=hub.now())
    enrolled = run(data, "enroll", "--server", hub.base, "--code",
                   hub.enrolment_code(TAN_PHU[0]), "--json", env=env, at=hub.now())
    assert enrolled.returncode == 0, enrolled.stderr
    assert "warning" not in json.loads(enrolled.stdout)  # http to this PC itself is fine
    database = open_database(paths.database_path(data), now=hub.now)
    with bound(database), behind(portal):
        pass
    database.close()
    said = run(data, "sync", env=env, at=hub.now())
    assert said.returncode == 2 and "Traceback" not in said.stderr
    assert said.stderr.strip() == "Lỗi: " + NOT_THE_SERVER
    shown = run(data, "sync", "--json", env=env, at=hub.now())
    assert json.loads(shown.stderr)["error"] == "not_the_server"


@pytest.mark.parametrize(("url", "warned"), [
    ("http://motcua.dongnai.gov.vn", True),
    ("HTTP://10.0.0.5:8000/", True),
    ("https://motcua.dongnai.gov.vn", False),
    ("http://127.0.0.1:8000", False),
    ("http://localhost:8000", False),
])
def test_enrolling_over_plain_http_is_warned_about(url, warned):
    warning = enrolment.plain_http_warning(url)
    assert bool(warning) is warned
    if warned:
        assert "http://" in warning and "https://" in warning
