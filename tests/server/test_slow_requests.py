"""Slow or half-sent requests are cut off by the real server on 127.0.0.1 (server.deadlines),
with its limits shortened through the environment so each case takes a few seconds."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from server.deadlines import ENV_RATE, ENV_TIMEOUT, Deadlines
from tests.sync.harness import Hub, running_hub

TIMEOUT = 1.0  # seconds: headers, the body's grace and its longest gap
BOUND = 8.0  # a cut-off comes well before this, or the case fails


@pytest.fixture
def hub(tmp_path, clock, monkeypatch) -> Iterator[Hub]:
    monkeypatch.setenv(ENV_TIMEOUT, str(TIMEOUT))
    monkeypatch.setenv(ENV_RATE, "1024")
    with running_hub(tmp_path, [], start=clock()) as server:
        yield server


def trickle(hub: Hub, head: bytes, drip: bytes) -> tuple[bytes, float]:
    """Send ``head`` then ``drip`` a byte each 0.2 s; what the server answered before it
    closed the connection, and after how many seconds."""
    with socket.create_connection(("127.0.0.1", hub.port), timeout=BOUND) as sock:
        sock.settimeout(0.2)
        sock.sendall(head)
        started, answer = time.monotonic(), b""
        for byte in drip:
            if time.monotonic() - started > BOUND:
                break
            try:
                sock.sendall(bytes([byte]))
                chunk = sock.recv(4096)
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                break
            if not chunk:
                break
            answer += chunk
        return answer, time.monotonic() - started


def test_a_body_sent_a_byte_at_a_time_is_answered_408_and_cut_off(hub):
    body = b'{"seq":1,"record":{}}\n' * 20
    head = (b"POST /api/v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-ndjson\r\nAuthorization: Bearer x\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
    answer, seconds = trickle(hub, head, body)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert b"request_too_slow" in answer and b"connection: close" in answer.lower()
    assert seconds < BOUND


def test_half_sent_headers_are_cut_off(hub):
    answer, seconds = trickle(hub, b"GET /api/v1/health HTTP/1.1\r\n",
                              b"X-Slow: " + b"a" * 200)
    assert answer == b"" and seconds < BOUND


def test_a_connection_never_used_is_closed(hub):
    with socket.create_connection(("127.0.0.1", hub.port), timeout=BOUND) as sock:
        started = time.monotonic()
        assert sock.recv(10) == b""
    assert time.monotonic() - started < BOUND


def test_a_request_at_a_normal_pace_is_answered(hub):
    assert httpx.get(hub.base + "/api/v1/health").status_code == 200


def test_limits_from_the_environment_ignore_nonsense():
    assert Deadlines.from_env({ENV_TIMEOUT: "abc", ENV_RATE: "-1"}) == Deadlines()
    assert Deadlines.from_env({ENV_TIMEOUT: "2.5"}).request_timeout == 2.5
