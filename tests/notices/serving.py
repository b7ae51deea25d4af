"""The server app on 127.0.0.1 in a thread of the test, over a database the test bound, with
the test's clock: for pages whose answers depend on the time."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

import httpx
import uvicorn

from desk.clock import Now
from server.app import create_app
from tests.sync.harness import free_port


@contextlib.contextmanager
def serving(clock: Now, send_notices: bool = False) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(create_app(clock=clock, send_notices=send_notices),
                            host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.02)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(10)


def get(url: str, **params: str) -> httpx.Response:
    return httpx.get(url, params=params or None, timeout=30)
