"""Slow or half-sent requests are cut off, so a few idle sockets cannot hold the server's
connections (and, on SQLite, the one writer) forever.

uvicorn times out only an idle keep-alive connection. Two more limits close the rest:

- ``TimedH11Protocol``: a connection whose request line and headers are not complete within
  ``request_timeout`` seconds of its opening (or of the previous answer) is closed. Only the
  protocol sees headers arrive, so this lives at that layer.
- ``BodyDeadline`` (ASGI middleware): a body must keep arriving. After a grace of
  ``request_timeout`` seconds it must average ``min_rate`` bytes a second, and no gap between
  two pieces may exceed ``request_timeout``; otherwise the request is answered 408
  ``request_too_slow`` and the connection closed. A byte a second is cut off within seconds of
  the grace; a desk on 2G (a few KB a second, in small batches) never comes near it.

Both are set from the environment (``MOTCUA_SERVER_REQUEST_TIMEOUT``,
``MOTCUA_SERVER_MIN_BODY_RATE``), so the IT person behind a very poor line can loosen them.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import h11
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from server.errors import ApiError

ENV_TIMEOUT = "MOTCUA_SERVER_REQUEST_TIMEOUT"
ENV_RATE = "MOTCUA_SERVER_MIN_BODY_RATE"
KEEP_ALIVE = 5  # seconds an idle keep-alive connection is held between two requests


@dataclass(frozen=True)
class Deadlines:
    request_timeout: float = 30.0
    min_rate: float = 1024.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Deadlines:
        """The limits the environment sets; a value that is not a positive number is ignored
        (a typo must not switch the protection off)."""
        return cls(_positive(environ.get(ENV_TIMEOUT), cls.request_timeout),
                   _positive(environ.get(ENV_RATE), cls.min_rate))


def _positive(text: str | None, default: float) -> float:
    try:
        value = float(text) if text else default
    except ValueError:
        return default
    return value if 0 < value < float("inf") else default


class TimedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline on the request line and headers. A class at
    module level, limits read per connection: worker processes are spawned and re-import it."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.header_timeout = Deadlines.from_env().request_timeout
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()

    def _arm(self) -> None:
        self.loop.call_later(self.header_timeout, self._headers_due,
                             self.server_state.total_requests)

    def _headers_due(self, answered: int) -> None:
        # No complete request since this deadline was armed: a half-sent request line or
        # headers, or a connection opened and never used.
        if self.server_state.total_requests == answered and self.conn.their_state is h11.IDLE \
                and not self.transport.is_closing():
            self.transport.close()


class BodyDeadline:
    """The body-arrival limit described in the module's docstring."""

    def __init__(self, app: ASGIApp, deadlines: Deadlines) -> None:
        self.app = app
        self.deadlines = deadlines

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        limits, start = self.deadlines, loop.time()
        state: dict[str, Any] = {"received": 0, "last": start, "done": False, "cut": False}

        async def timed_receive() -> Message:
            if state["done"]:  # the body is whole: what follows is the wait for a disconnect
                return await receive()
            due = min(start + limits.request_timeout + state["received"] / limits.min_rate,
                      state["last"] + limits.request_timeout)
            try:
                message = await asyncio.wait_for(receive(), max(due - loop.time(), 0))
            except TimeoutError:
                state["cut"] = True
                raise ApiError(408, "request_too_slow", "the request body arrived too slowly "
                                                        "and was cut off") from None
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                state["last"] = loop.time()
                state["done"] = not message.get("more_body", False)
            return message

        async def closing_send(message: Message) -> None:
            # A client cut off mid-body would otherwise go on sending into a kept-alive socket.
            if message["type"] == "http.response.start" and state["cut"]:
                message = {**message, "headers": [*message.get("headers", []),
                                                  (b"connection", b"close")]}
            await send(message)

        await self.app(scope, timed_receive, closing_send)
