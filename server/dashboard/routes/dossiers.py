"""Finding a dossier (code, name, ID number) and its page, where province staff record an
upstream step. A commune leader finds and opens her commune's dossiers only."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from models import db
from server import events as upstream
from server.clock import Clock
from server.dashboard import csrf, dossier_view, lists, web
from server.dashboard.texts import read_instant

router = APIRouter()
NOT_FOUND = "Không tìm thấy hồ sơ có mã «{code}»."


@router.get("/dossiers", response_model=None)
def search(request: Request, clock: Clock, q: str = "") -> Response:
    now = clock()
    with db.connection_context():
        who = web.viewer(request, clock)
        exact = lists.by_code(q) if q.strip() else None
        if exact is not None and who.sees(exact.commune_code):
            return RedirectResponse(f"/dossiers/{quote(exact.code)}", status_code=303)
        rows = lists.found(q, who.commune_code, now) if q.strip() else []
        return web.page(request, "search.html", who, q=q, rows=rows)


@router.get("/dossiers/{code}", response_model=None)
def dossier_page(request: Request, code: str, clock: Clock, event: str = "") -> Response:
    with db.connection_context():
        who = web.viewer(request, clock)
        return _dossier(request, who, code, clock(), added=event)


@router.post("/dossiers/{code}/events", response_model=None)
def add_event(request: Request, code: str, clock: Clock, kind: Annotated[str, Form()] = "",
              note: Annotated[str, Form()] = "", new_due: Annotated[str, Form()] = "",
              token: Annotated[str, Form(alias=csrf.FIELD)] = "") -> Response:
    """Record an upstream step, then show the page again (a reload must not post twice).
    After a refusal the form shows what was chosen and typed."""
    kept = {"kind": kind, "note": note, "new_due": new_due}
    with db.connection_context():
        who = web.viewer(request, clock)
        who.check(request, token)
        _visible(who, code)
        if who.commune_code is not None:
            raise web.Refused(403, "Tài khoản lãnh đạo xã/phường chỉ xem hồ sơ; các bước xử lý "
                                   "do bộ phận một cửa của xã ghi nhận.")
        try:
            due = read_instant(new_due) if new_due.strip() else None
        except ValueError:
            return _dossier(request, who, code, clock(), kept=kept, status=400,
                            error="Ngày hẹn mới không đúng định dạng giờ:phút ngày/tháng/năm "
                                  "(ví dụ 16:30 15/12/2026).")
        try:
            done = upstream.record(upstream.UpstreamEvent(
                code=code, kind=kind, actor=dossier_view.actor(who.user), note=note,
                new_due=due), now=clock)
        except upstream.EventRefused as exc:
            return _dossier(request, who, code, clock(), kept=kept, error=exc.message,
                            status=exc.status)
    target = f"/dossiers/{quote(done.dossier.code)}?event={quote(done.record['id'])}"
    return RedirectResponse(target, status_code=303)


def _visible(who: web.Viewer, code: str) -> None:
    """Another commune's dossier is "not found" for a leader: not even its existence shows."""
    dossier = lists.by_code(code)
    if dossier is None or not who.sees(dossier.commune_code):
        raise web.Refused(404, NOT_FOUND.format(code=code))


def _dossier(request: Request, who: web.Viewer, code: str, now: object, added: str = "",
             error: str = "", status: int = 200, kept: dict[str, str] | None = None
             ) -> HTMLResponse:
    dossier = lists.by_code(code)
    if dossier is None or not who.sees(dossier.commune_code):
        raise web.Refused(404, NOT_FOUND.format(code=code))
    data = dossier_view.context(dossier, now, added)  # type: ignore[arg-type]
    return web.page(request, "dossier.html", who, error=error, status_code=status,
                    kept=kept or {}, **data)
