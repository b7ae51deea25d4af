"""A real HTTP gateway on 127.0.0.1 (stdlib http.server in a thread): it records every request
and answers what the test tells it to, slowly if asked."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.sync.harness import free_port


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Gateway:
    url: str
    requests: list[Seen] = field(default_factory=list)
    status: int = 200
    answer: bytes = b'{"ok": true}'
    content_type: str = "application/json"
    delay: float = 0.0

    def answers(self, status: int, answer: bytes | dict[str, Any] | str,
                content_type: str = "application/json", delay: float = 0.0) -> None:
        if isinstance(answer, dict):
            answer = json.dumps(answer).encode()
        self.status, self.answer, self.delay = status, (
            answer.encode() if isinstance(answer, str) else answer), delay
        self.content_type = content_type


@contextlib.contextmanager
def http_gateway(path: str = "/sms") -> Iterator[Gateway]:
    port = free_port()
    gateway = Gateway(f"http://127.0.0.1:{port}{path}")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length)
            gateway.requests.append(Seen(self.path, dict(self.headers.items()), body))
            if gateway.delay:
                time.sleep(gateway.delay)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.send_response(gateway.status)
                self.send_header("Content-Type", gateway.content_type)
                self.send_header("Content-Length", str(len(gateway.answer)))
                self.end_headers()
                self.wfile.write(gateway.answer)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield gateway
    finally:
        server.shutdown()
        server.server_close()
