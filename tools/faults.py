"""A small HTTP/1.1 proxy that misbehaves on purpose between a desk and the server.

Shared by the sync tests (tests/sync) and the crash-and-fault harness (bench/crash.py), which
is why it lives outside tests/. Faults apply to push requests, one per request, in the order
planned: ``cut_request`` (half the body, then the line drops), ``drop_response`` (the server
answers, after committing, and the answer is lost), ``cut_response`` (half the answer arrives,
then the line drops), ``duplicate`` (the request reaches the server twice), ``replay`` (an
earlier push reaches the server again before this one, as a stale retry from a dead line
would), ``delay`` (the answer comes late), ``too_large`` (the proxy answers 413 itself, as a
front proxy with a smaller body limit would). Other requests pass through untouched.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections import deque

PUSH = b"POST /api/v1/sync/push"
FAULTS = ("cut_request", "drop_response", "cut_response", "duplicate", "replay", "delay",
          "too_large")
TOO_LARGE_BODY = b'{"error":"too_large","detail":"request body over the proxy limit"}'
TOO_LARGE = (b"HTTP/1.1 413 Request Entity Too Large\r\nContent-Type: application/json\r\n"
             b"Content-Length: %d\r\nConnection: close\r\n\r\n%s"
             % (len(TOO_LARGE_BODY), TOO_LARGE_BODY))


class FaultProxy:
    def __init__(self, upstream_port: int, delay: float = 1.0) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.delay = delay
        self.plan: deque[str] = deque()
        self.seen: list[str] = []
        self.pushes: list[bytes] = []  # what ``replay`` sends again
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._stop = True
        self.listener.close()

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        # A server killed under the proxy is one of the faults: the desk sees its line drop.
        with contextlib.closing(client), contextlib.suppress(OSError):
            reader = client.makefile("rb")
            while (request := read_message(reader)) is not None:
                fault = self._fault_for(request)
                self.seen.append(fault)
                if request.startswith(PUSH):
                    self.pushes.append(request)
                if not self._forward(client, request, fault):
                    return

    def _fault_for(self, request: bytes) -> str:
        """The next planned fault, if this request is a push it can apply to.

        A 413 for a one-record batch would make the desk park that record as too large for
        good, which only a genuinely oversized record deserves: that fault waits for a batch of
        several records. A replay needs an earlier push to send again."""
        if not request.startswith(PUSH) or not self.plan:
            return ""
        fault = self.plan[0]
        if (fault == "too_large" and _batch_size(request) < 2) or (
                fault == "replay" and not self.pushes):
            return ""
        return self.plan.popleft()

    def _forward(self, client: socket.socket, request: bytes, fault: str) -> bool:
        if fault == "cut_request":
            with socket.create_connection(self.upstream) as upstream:
                upstream.sendall(request[: len(request) - max(1, _body_length(request) // 2)])
            return False
        if fault == "too_large":
            client.sendall(TOO_LARGE)
            return False
        if fault == "duplicate":
            exchange(self.upstream, request)
        if fault == "replay":
            exchange(self.upstream, self.pushes[-1])
        response = exchange(self.upstream, request)
        if fault == "drop_response":
            return False
        if fault == "cut_response":
            client.sendall(response[: len(response) // 2])
            return False
        if fault == "delay":
            time.sleep(self.delay)
        client.sendall(response)
        return True


def exchange(upstream: tuple[str, int], request: bytes) -> bytes:
    with socket.create_connection(upstream) as conn:
        conn.sendall(request)
        answer = read_message(conn.makefile("rb"))
    if answer is None:
        raise ConnectionError("server closed without answering")
    return answer


def read_message(reader) -> bytes | None:  # noqa: ANN001
    """One HTTP/1.1 message with a Content-Length body (what httpx and uvicorn send here)."""
    head = b""
    while not head.endswith(b"\r\n\r\n"):
        chunk = reader.readline()
        if not chunk:
            return None
        head += chunk
    length = _declared_length(head)
    return head + (reader.read(length) if length else b"")


def _declared_length(head: bytes) -> int:
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return 0


def _batch_size(request: bytes) -> int:
    """How many records a push carries, from the desk's ``X-Motcua-Batch: FIRST-LAST``."""
    for line in request.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"x-motcua-batch":
            first, _, last = value.strip().partition(b"-")
            with contextlib.suppress(ValueError):
                return int(last) - int(first) + 1
    return 0


def _body_length(message: bytes) -> int:
    return len(message) - message.index(b"\r\n\r\n") - 4
