"""The server's app served in this process (a real uvicorn on 127.0.0.1, in a thread) over the
database the test has bound, with the test's clock: pages can be driven in Chromium while the
test reads and writes the same database directly."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import uvicorn

from desk.clock import Now
from server.app import create_app
from server.dashboard.throttle import Policy
from tests.sync.harness import free_port


@contextlib.contextmanager
def serving(clock: Now, policy: Policy | None = None, certificate: tuple[Path, Path] | None
            = None) -> Iterator[str]:
    app = create_app(clock=clock)
    if policy is not None:
        app.state.login_policy = policy
    port = free_port()
    tls = {"ssl_certfile": str(certificate[0]), "ssl_keyfile": str(certificate[1])} \
        if certificate else {}
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", **tls))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the dashboard did not start")
        time.sleep(0.02)
    try:
        yield f"{'https' if certificate else 'http'}://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
