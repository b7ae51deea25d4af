"""The application factory: the API under /api/v1, the dashboard under /."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError

from desk.clock import Now, utcnow
from models import db
from server import __version__
from server.clock import DateHeader
from server.dashboard import web as dashboard
from server.dashboard.routes import router as dashboard_router
from server.database import request_threads
from server.deadlines import BodyDeadline, Deadlines
from server.errors import (
    API_PREFIX,
    ApiError,
    api_error_handler,
    document_errors,
    validation_error_handler,
)
from server.lookup import api as lookup_api
from server.lookup import page as lookup_page
from server.lookup.guard import LIMIT_PER_MINUTE
from server.lookup.ratelimit import RateLimiter
from server.notices import config
from server.notices import page as notice_page
from server.notices.sender import start_senders
from server.routers import bundles, enrol, health, sync


def create_app(clock: Now = utcnow, send_notices: bool = True) -> FastAPI:
    """The app over the already-bound database handle (see server.bootstrap.open_hub);
    ``clock`` is the only source of "now" for every route (server.clock). With
    ``send_notices`` the notice senders run beside it while it serves (server.notices)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        senders = []
        if send_notices:
            channels = [config.email_channel(os.environ), config.sms_channel(os.environ)]
            senders = start_senders(channels, clock, config.poll_seconds(os.environ))
        app.state.notice_senders = senders
        threads = request_threads(db.obj, others=len(senders))
        if threads is not None:
            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield
        for sender in senders:
            sender.stop()

    app = FastAPI(title="Một Cửa upstream server", version=__version__,
                  openapi_url=f"{API_PREFIX}/openapi.json", docs_url=f"{API_PREFIX}/docs",
                  redoc_url=None, lifespan=lifespan)
    app.state.clock = clock
    generated = app.openapi
    app.openapi = lambda: document_errors(generated())  # type: ignore[method-assign]
    app.add_middleware(DateHeader, clock=clock)
    app.add_middleware(BodyDeadline, deadlines=Deadlines.from_env())
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    for router in (health.router, enrol.router, sync.router, bundles.router, lookup_api.router):
        app.include_router(router, prefix=API_PREFIX)
    app.state.lookup_limiter = RateLimiter(LIMIT_PER_MINUTE)
    app.include_router(lookup_page.router)
    dashboard.install(app, dashboard_router)
    app.include_router(notice_page.router)
    return app


def create_worker_app() -> FastAPI:
    """The app in a worker process of ``serve --workers N``: it binds its own connection to
    the database named by ``MOTCUA_SERVER_DB`` (set by the parent, which migrated it)."""
    from server.bootstrap import open_hub
    from server.database import default_url

    open_hub(default_url(), now=utcnow)
    return create_app(clock=utcnow)
