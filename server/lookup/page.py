"""GET /tra-cuu?ma=CODE: the lookup page a citizen opens from the receipt's QR, on a phone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from desk.clock import to_local
from models import db
from server.clock import Clock
from server.lookup import guard, service

templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
router = APIRouter(include_in_schema=False)
HEADERS = {
    "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                               "form-action 'self'; frame-ancestors 'none'",
}
TONES = {"result_ready": "ready", "returned": "done", "refused": "stop", "withdrawn": "stop"}


@router.get("/tra-cuu", response_class=HTMLResponse)
def lookup_page(request: Request, clock: Clock, ma: str = "") -> HTMLResponse:
    if not ma.strip():
        return _page(request, typed="")
    now = clock()
    checked = guard.checked_code(request, ma, now)
    if isinstance(checked, guard.Refusal):
        status = 400 if checked.status == 422 else checked.status
        return _page(request, typed=ma[:60], error=checked.message, status=status,
                     headers=checked.headers())
    with db.connection_context():
        found = service.find(checked, now=now)
    if found is None:
        return _page(request, typed=checked, error=guard.unknown(checked).message, status=404)
    return _page(request, typed=checked, dossier=found, tone=TONES.get(found.status, "work"))


def _page(request: Request, typed: str, status: int = 200,
          headers: dict[str, str] | None = None, **context: object) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "lookup.html", {"typed": typed, "local": _local, "day": _day,
                                 "error": "", "dossier": None, **context},
        status_code=status, headers={**HEADERS, **(headers or {})})


def _local(instant: dt.datetime | None) -> str:
    return to_local(instant).strftime("%H:%M, %d/%m/%Y") if instant else ""


def _day(instant: dt.datetime | None) -> str:
    return to_local(instant).strftime("%d/%m/%Y") if instant else ""
