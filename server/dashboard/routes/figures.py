"""The figures: the province's table of communes, a commune's page, the national report as
PDF or Excel for a commune or the province, the overdue list. A commune leader sees her own
commune only; asking for another is refused."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from models import Commune, db
from server.clock import Clock
from server.dashboard import commune_view, exports, lists, overview, periods, province, web

router = APIRouter()


@router.get("/", response_model=None)
def home(request: Request, clock: Clock, ky: str = "", tu: str = "", den: str = "") -> Response:
    now = clock()
    with db.connection_context():
        who = web.viewer(request, clock)
        if who.commune_code is not None:
            target = f"/communes/{who.commune_code}"
            return RedirectResponse(target + (f"?{request.url.query}" if request.url.query
                                              else ""), status_code=303)
        choice = periods.choose(now, ky, tu, den)
        table = overview.communes(choice.span, now)
        return web.page(request, "home.html", who, choice=choice,
                        options=periods.options(now), table=table,
                        cells=overview.CELLS)


@router.get("/communes/{code}", response_model=None)
def commune_page(request: Request, code: str, clock: Clock, ky: str = "", tu: str = "",
                 den: str = "") -> Response:
    now = clock()
    with db.connection_context():
        who = web.viewer(request, clock)
        commune = _commune(who, code)
        choice = periods.choose(now, ky, tu, den)
        return web.page(request, "commune.html", who, choice=choice,
                        options=periods.options(now),
                        **commune_view.context(commune, choice.span, now))


@router.get("/communes/{code}/report.{kind}", response_model=None)
def commune_report(request: Request, code: str, kind: str, clock: Clock, ky: str = "",
                   tu: str = "", den: str = "") -> Response:
    now = clock()
    with db.connection_context():
        who = web.viewer(request, clock)
        commune = _commune(who, code)
        return _file(kind, periods.choose(now, ky, tu, den), now, commune)


@router.get("/report.{kind}", response_model=None)
def province_report(request: Request, kind: str, clock: Clock, ky: str = "", tu: str = "",
                    den: str = "") -> Response:
    now = clock()
    with db.connection_context():
        who = web.viewer(request, clock)
        if who.commune_code is not None:
            raise web.Refused(403, web.NOT_YOURS)
        return _file(kind, periods.choose(now, ky, tu, den), now, None)


@router.get("/overdue", response_model=None)
def overdue(request: Request, clock: Clock) -> Response:
    now = clock()
    with db.connection_context():
        who = web.viewer(request, clock)
        rows = lists.queue("overdue", now, who.commune_code, limit=200)
        return web.page(request, "overdue.html", who, rows=rows)


def _commune(who: web.Viewer, code: str) -> Commune:
    who.require_commune(code)
    commune = Commune.get_or_none(Commune.code == code)
    if commune is None:
        raise web.Refused(404, f"Không có xã/phường mã «{code}».")
    return commune


def _file(kind: str, choice: periods.Choice, now: object, commune: Commune | None) -> Response:
    if kind not in exports.TYPES:
        raise web.Refused(404, "Chỉ xuất được báo cáo dạng PDF hoặc Excel.")
    made = exports.export(choice.span, now, kind, province.load(), commune)  # type: ignore[arg-type]
    return Response(made.content, media_type=made.media_type, headers={
        "Content-Disposition": f'attachment; filename="{made.filename}"'})
