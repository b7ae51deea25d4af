"""The server's one clock: a callable kept on the app, handed to routes as a dependency.

Nothing else in the server reads the wall clock, so a test moves time for every route at once
by passing its own clock to ``create_app``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from desk.clock import Now


def app_clock(request: Request) -> Now:
    return request.app.state.clock


Clock = Annotated[Now, Depends(app_clock)]
