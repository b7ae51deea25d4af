"""GET /api/v1/health: is the server up, and what time does it think it is (no auth)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from models import db
from server import __version__
from server.clock import Clock

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    server_time: str
    version: str


@router.get("/health")
def health(clock: Clock) -> Health:
    with db.connection_context():
        db.execute_sql("SELECT 1")
    return Health(status="ok", server_time=clock().isoformat(), version=__version__)
