"""The dashboard pages: login, communes at a glance, search by code, a dossier with its
events (where staff add an upstream step), overdue list, bundles.

The session cookie is HttpOnly and SameSite=Lax, so another site cannot make a signed-in
browser post a form here (Lax cookies are not sent on cross-site POSTs).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Cookie, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from desk.clock import parse_instant, to_local, utcnow
from models import db
from models.bundle import BundleError
from server import events as upstream
from server import stats
from server.bundles import import_bundle
from server.dashboard import dossier_view, figures, users
from server.errors import ApiError

COOKIE = "motcua_session"
templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
router = APIRouter(include_in_schema=False)
Session = Annotated[str | None, Cookie(alias=COOKIE)]


def _page(request: Request, name: str, user: Any, status_code: int = 200,
          **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"user": user, **context},
                                      status_code=status_code)


def _to_login() -> RedirectResponse:
    return RedirectResponse("/login", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return _page(request, "login.html", None, error="")


@router.post("/login", response_model=None)
def login(request: Request, username: Annotated[str, Form()],
          password: Annotated[str, Form()]) -> Response:
    with db.connection_context():
        token = users.sign_in(username, password)
    if token is None:
        return _page(request, "login.html", None,
                     error="Sai tên đăng nhập hoặc mật khẩu.")
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="lax",
                        max_age=int(users.SESSION_TTL.total_seconds()))
    return response


@router.post("/logout")
def logout(session: Session = None) -> RedirectResponse:
    with db.connection_context():
        users.sign_out(session)
    response = _to_login()
    response.delete_cookie(COOKIE)
    return response


@router.get("/", response_model=None)
def home(request: Request, session: Session = None) -> Response:
    now = utcnow()
    with db.connection_context():
        user = users.session_user(session)
        if user is None:
            return _to_login()
        communes = stats.commune_stats()
        counts, district = figures.commune_figures(now)
    rows = [{**c, **counts.get(c["code"], figures.EMPTY)} for c in communes]
    return _page(request, "home.html", user, communes=rows, district=district,
                 month=to_local(now).strftime("%m/%Y"))


@router.get("/dossiers", response_model=None)
def search(request: Request, code: str = "", session: Session = None) -> Response:
    now = utcnow()
    with db.connection_context():
        user = users.session_user(session)
        if user is None:
            return _to_login()
        found = [figures.row(d, now) for d in figures.find_by_code(code)] if code else []
    return _page(request, "search.html", user, code=code, rows=found)


@router.get("/dossiers/{code}", response_model=None)
def dossier_page(request: Request, code: str, event: str = "",
                 session: Session = None) -> Response:
    with db.connection_context():
        user = users.session_user(session)
        if user is None:
            return _to_login()
        return _dossier(request, user, code, added=event)


@router.post("/dossiers/{code}/events", response_model=None)
def add_event(request: Request, code: str, kind: Annotated[str, Form()],
              note: Annotated[str, Form()] = "", new_due: Annotated[str, Form()] = "",
              session: Session = None) -> Response:
    """Record an upstream step, then show the page again (a reload must not post twice)."""
    with db.connection_context():
        user = users.session_user(session)
        if user is None:
            return _to_login()
        try:
            due = parse_instant(new_due) if new_due.strip() else None
        except ValueError:
            return _dossier(request, user, code, error="Ngày hẹn mới không đúng định dạng.",
                            status=400)
        try:
            done = upstream.record(upstream.UpstreamEvent(
                code=code, kind=kind, actor=dossier_view.actor(user), note=note, new_due=due),
                now=utcnow)
        except upstream.EventRefused as exc:
            return _dossier(request, user, code, error=exc.message, status=exc.status)
    target = f"/dossiers/{quote(done.dossier.code)}?event={quote(done.record['id'])}"
    return RedirectResponse(target, status_code=303)


def _dossier(request: Request, user: Any, code: str, added: str = "", error: str = "",
             status: int = 200) -> HTMLResponse:
    dossier = figures.by_code(code)
    if dossier is None:
        return _page(request, "dossier.html", user, dossier=None, code=code, status_code=404)
    data = dossier_view.context(dossier, utcnow(), added)
    return _page(request, "dossier.html", user, error=error, status_code=status, **data)


@router.get("/overdue", response_model=None)
def overdue(request: Request, session: Session = None) -> Response:
    now = utcnow()
    with db.connection_context():
        user = users.session_user(session)
        if user is None:
            return _to_login()
        rows = [figures.row(d, now) for d in figures.overdue(now)]
    return _page(request, "overdue.html", user, rows=rows)


@router.get("/bundles", response_model=None)
def upload_form(request: Request, session: Session = None) -> Response:
    with db.connection_context():
        user = users.session_user(session)
    if user is None:
        return _to_login()
    return _page(request, "upload.html", user, error="", result=None)


@router.post("/bundles", response_model=None)
def upload(request: Request, bundle: UploadFile, session: Session = None) -> Response:
    """Import the file as if pushed, then hand the reply bundle back as a download."""
    with db.connection_context():
        user = users.session_user(session)
        if user is None:
            return _to_login()
        try:
            result = import_bundle(bundle.file.read(), now=utcnow)
        except (BundleError, ApiError) as exc:
            return _page(request, "upload.html", user, result=None,
                         error=f"Không nhận được tệp: {_reason(exc)}")
    return Response(result.reply, media_type="application/octet-stream", headers={
        "Content-Disposition": 'attachment; filename="motcua-reply.bundle"',
        "X-Motcua-Applied": str(result.applied),
        "X-Motcua-Refused": str(len(result.refused))})


def _reason(exc: BundleError | ApiError) -> str:
    reasons = {
        "bad_signature": "chữ ký không khớp với máy đã đăng ký (tệp bị sửa hoặc sai máy).",
        "unknown_device": "tệp đến từ một máy chưa đăng ký với máy chủ này.",
        "device_revoked": "máy gửi tệp đã bị thu hồi quyền đồng bộ.",
    }
    return reasons.get(exc.code, "tệp không phải gói dữ liệu Một Cửa hoặc đã hỏng.")
