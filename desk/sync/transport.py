"""Talking to the server: base URL, bearer token, retries with back-off, the clock skew.

Every answer's ``Date`` header says what time the server thinks it is; the desk keeps the
difference so the status bar can warn the clerk when the PC clock is off by minutes.

Only the API's own answers count: a captive portal, a proxy's page or a 3G dongle's page may
answer 200 with HTML and its own ``Date``. The API answers JSON (NDJSON for pull) at every
status; anything else is refused as "not the server", and its clock is never taken.
"""

from __future__ import annotations

import email.utils
import logging
import random
import time
from collections.abc import Callable
from typing import Any

import httpx

from desk import __version__
from desk.clock import Now
from desk.errors import DomainError
from models import SyncState

log = logging.getLogger(__name__)
API = "/api/v1"
# Connect quickly (a dead line should fail fast); read slowly (2G uploads take seconds).
TIMEOUT = httpx.Timeout(connect=15.0, read=90.0, write=90.0, pool=15.0)
# Every byte counts on 2G: httpx's default headers say little a server log needs.
HEADERS = {"User-Agent": f"motcua-desk/{__version__}", "Accept": "*/*",
           "Accept-Encoding": "zstd"}
UNREACHABLE = (
    "Không kết nối được máy chủ cấp trên. Dữ liệu vẫn được giữ an toàn trên máy này và sẽ "
    "được gửi lại khi có mạng (hoặc dùng gói dữ liệu USB)."
)

NOT_THE_SERVER = (
    "Địa chỉ máy chủ trả về một trang khác, không phải máy chủ Một Cửa. Mạng có thể đang đòi "
    "đăng nhập, hoặc địa chỉ máy chủ bị sai. Dữ liệu vẫn được giữ an toàn trên máy này và sẽ "
    "được gửi khi kết nối đúng máy chủ."
)
API_MEDIA_TYPES = ("application/json", "application/x-ndjson")


class Transient(Exception):
    """A cut line, a timeout or a 5xx: worth trying again later."""


class Transport:
    def __init__(self, server_url: str, token: str = "", client: httpx.Client | None = None,
                 sleep: Callable[[float], None] = time.sleep, *, now: Now) -> None:
        self.base = server_url.rstrip("/") + API
        self.token = token
        self.now = now
        self.client = client or httpx.Client(timeout=TIMEOUT, headers=HEADERS)
        self.sleep = sleep
        self.skew_seconds: float | None = None

    def close(self) -> None:
        self.client.close()

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One attempt; raises Transient for what a retry may cure."""
        headers = dict(kwargs.pop("headers", {}))
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        sent = self.now()
        try:
            response = self.client.request(method, self.base + path, headers=headers, **kwargs)
        except httpx.TransportError as exc:
            raise Transient(type(exc).__name__) from exc
        status, api = response.status_code, is_api_answer(response)
        if api:
            self._observe_clock(response, sent)
        if status >= 500:  # the app's, or a proxy's while the app restarts: try again later
            raise Transient(f"HTTP {status}")
        if not api and status != 413:  # a proxy's size limit still means "smaller batches"
            raise not_the_server(response)
        return response

    def answer(self, response: httpx.Response, *keys: str) -> dict[str, Any]:
        """The API's JSON object holding ``keys``; else "not the server", and the clock figure
        of that answer is dropped."""
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or any(key not in body for key in keys):
            self.skew_seconds = None
            raise not_the_server(response)
        return body

    def call(self, method: str, path: str, attempts: int = 4, **kwargs: Any) -> httpx.Response:
        """``request`` with exponential back-off and jitter; the last failure is the clerk's."""
        for attempt in range(attempts):
            try:
                return self.request(method, path, **kwargs)
            except Transient as exc:
                log.info("sync attempt %d failed: %s", attempt + 1, exc)
                if attempt + 1 == attempts:
                    raise DomainError("server_unreachable", UNREACHABLE) from exc
                self.sleep(min(30.0, 0.5 * 2**attempt) * random.uniform(0.8, 1.2))
        raise AssertionError("unreachable")

    def _observe_clock(self, response: httpx.Response, sent: Any) -> None:
        date = response.headers.get("date")
        if not date:
            return
        try:
            server = email.utils.parsedate_to_datetime(date)
        except (TypeError, ValueError):
            return
        if server.tzinfo is None:  # "-0000", or two headers folded into one: no figure
            return
        received = self.now()
        midpoint = sent + (received - sent) / 2
        self.skew_seconds = (server - midpoint).total_seconds()


def is_api_answer(response: httpx.Response) -> bool:
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    return media in API_MEDIA_TYPES


def not_the_server(response: httpx.Response) -> DomainError:
    kind = response.headers.get("content-type", "") or "no content type"
    return DomainError("not_the_server", NOT_THE_SERVER,
                       f"the server address answered HTTP {response.status_code} ({kind}), "
                       "not the API's JSON")


def refused_device(response: httpx.Response) -> DomainError:
    code = error_code(response)
    if code == "device_revoked":
        return DomainError("device_revoked", "Máy này đã bị cấp trên thu hồi quyền đồng bộ. "
                                             "Hãy xin mã đăng ký mới và đăng ký lại.")
    return DomainError("device_not_recognised", "Máy chủ cấp trên không nhận ra máy này. "
                                                "Hãy xin mã đăng ký mới và đăng ký lại.")


def error_code(response: httpx.Response) -> str:
    try:
        return str(response.json().get("error", ""))
    except (ValueError, AttributeError):
        return ""


def record_skew(transport: Transport) -> None:
    if transport.skew_seconds is not None:
        SyncState.update(clock_skew_seconds=transport.skew_seconds).where(
            SyncState.id == 1).execute()
