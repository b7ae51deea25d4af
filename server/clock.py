"""The server's one clock: a callable kept on the app, handed to routes as a dependency.

Nothing else in the server reads the wall clock, so a test moves time for every route at once
by passing its own clock to ``create_app``. The ``Date`` header of every answer comes from the
same clock (``DateHeader``; uvicorn's own is switched off in server.serving), so a desk that
compares its time with the server's sees the clock the server stamps records with.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from desk.clock import Now


def app_clock(request: Request) -> Now:
    return request.app.state.clock


Clock = Annotated[Now, Depends(app_clock)]


class DateHeader:
    """ASGI middleware: the ``Date`` header (RFC 9110) of every HTTP answer, from ``clock``."""

    def __init__(self, app: ASGIApp, clock: Now) -> None:
        self.app, self.clock = app, clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def stamped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": self._headers(message)}
            await send(message)

        await self.app(scope, receive, stamped)

    def _headers(self, message: Message) -> list[Any]:
        headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"date"]
        stamp = email.utils.format_datetime(self.clock().astimezone(dt.UTC), usegmt=True)
        return [*headers, (b"date", stamp.encode())]
