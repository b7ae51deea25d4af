"""The application factory: the API under /api/v1, the dashboard under /."""

from __future__ import annotations

from fastapi import FastAPI

from desk.clock import Now, utcnow
from server import __version__
from server.clock import DateHeader
from server.dashboard import routes as dashboard
from server.errors import ApiError, api_error_handler
from server.routers import bundles, enrol, health, sync

API_PREFIX = "/api/v1"


def create_app(clock: Now = utcnow) -> FastAPI:
    """The app over the already-bound database handle (see server.bootstrap.open_hub);
    ``clock`` is the only source of "now" for every route (server.clock)."""
    app = FastAPI(title="Một Cửa upstream server", version=__version__,
                  openapi_url=f"{API_PREFIX}/openapi.json", docs_url=f"{API_PREFIX}/docs",
                  redoc_url=None)
    app.state.clock = clock
    app.add_middleware(DateHeader, clock=clock)
    app.add_exception_handler(ApiError, api_error_handler)
    for router in (health.router, enrol.router, sync.router, bundles.router):
        app.include_router(router, prefix=API_PREFIX)
    app.include_router(dashboard.router)
    return app


def create_worker_app() -> FastAPI:
    """The app in a worker process of ``serve --workers N``: it binds its own connection to
    the database named by ``MOTCUA_SERVER_DB`` (set by the parent, which migrated it)."""
    from server.bootstrap import open_hub
    from server.database import default_url

    open_hub(default_url(), now=utcnow)
    return create_app(clock=utcnow)
