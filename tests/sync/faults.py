"""A small HTTP/1.1 proxy that misbehaves on purpose between a desk and the server.

Faults apply to push requests, one per request, in the order planned:
``cut_request`` (half the body, then the line drops), ``drop_response`` (the server answers,
after committing, and the answer is lost), ``duplicate`` (the request reaches the server
twice), ``delay`` (the answer comes late). Other requests pass through untouched.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections import deque

PUSH = b"POST /api/v1/sync/push"


class FaultProxy:
    def __init__(self, upstream_port: int, delay: float = 1.0) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.delay = delay
        self.plan: deque[str] = deque()
        self.seen: list[str] = []
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
        with contextlib.closing(client):
            reader = client.makefile("rb")
            while (request := read_message(reader)) is not None:
                fault = self.plan.popleft() if request.startswith(PUSH) and self.plan else ""
                self.seen.append(fault)
                if not self._forward(client, request, fault):
                    return

    def _forward(self, client: socket.socket, request: bytes, fault: str) -> bool:
        if fault == "cut_request":
            with socket.create_connection(self.upstream) as upstream:
                upstream.sendall(request[: len(request) - max(1, _body_length(request) // 2)])
            return False
        if fault == "duplicate":
            exchange(self.upstream, request)
        response = exchange(self.upstream, request)
        if fault == "drop_response":
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


def _body_length(message: bytes) -> int:
    return len(message) - message.index(b"\r\n\r\n") - 4
