"""GET /api/v1/lookup/{code}: the public view of one dossier as JSON (no authentication)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from models import db
from server.clock import Clock
from server.lookup import guard, service

router = APIRouter(tags=["lookup"])
HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


@router.get("/lookup/{code}", responses={
    404: {"description": "unknown_dossier"}, 422: {"description": "malformed_code"},
    429: {"description": "too_many_lookups (Retry-After says when)"}})
def lookup(code: str, request: Request, clock: Clock) -> JSONResponse:
    """Status, procedure, received and due dates, the commune and when it last synced, and the
    applicant's name masked; never the ID number, phone, address or e-mail."""
    now = clock()
    checked = guard.checked_code(request, code, now)
    if isinstance(checked, guard.Refusal):
        return _refused(checked)
    with db.connection_context():
        found = service.find(checked, now=now)
    if found is None:
        return _refused(guard.unknown(checked))
    return JSONResponse(found.as_json(), headers=HEADERS)


def _refused(refusal: guard.Refusal) -> JSONResponse:
    return JSONResponse({"error": refusal.code, "detail": refusal.detail,
                         "message": refusal.message}, status_code=refusal.status,
                        headers={**HEADERS, **refusal.headers()})
