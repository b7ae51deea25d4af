"""The dashboard's plumbing: who is signed in and what they may see, pages from templates,
cookies, refusals shown as pages (never a traceback, never JSON)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from desk.clock import Now
from models import Commune, db
from models.hub import DashboardUser
from server.dashboard import csrf, province, texts, users
from server.errors import API_PREFIX

COOKIE = "motcua_session"
# Set when the server sits behind an HTTPS proxy that does not say so (X-Forwarded-Proto).
ENV_SECURE = "MOTCUA_SECURE_COOKIES"
HERE = Path(__file__).with_name("templates")


def templates_with(*folders: Path) -> Jinja2Templates:
    """The dashboard's templates, its filters and names, and another part's pages drawn in
    the same frame (``folders`` are searched first)."""
    made = Jinja2Templates(directory=[*map(str, folders), str(HERE)])
    made.env.filters.update(when=texts.when, number=texts.number, day=texts.day,
                            refusal=texts.refusal)
    made.env.globals.update(STATUS=texts.STATUS_LABELS, FIGURES=texts.FIGURES,
                            ROLES=users.ROLES, CSRF_FIELD=csrf.FIELD)
    return made


templates = templates_with()


class NotSignedIn(Exception):  # noqa: N818 (a redirect, not an error)
    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.target = target


class Refused(Exception):  # noqa: N818
    """A request the dashboard turns down, with what to tell the person."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


NOT_YOURS = "Tài khoản của bạn chỉ xem được số liệu của xã/phường mình phụ trách."
STALE_FORM = ("Biểu mẫu đã hết hạn hoặc không gửi từ trang quản lý này. "
              "Hãy tải lại trang rồi thử lại.")


@dataclass(frozen=True)
class Viewer:
    """A signed-in person: their account, and the token their forms carry."""

    user: DashboardUser
    csrf: str

    @property
    def role(self) -> str:
        return str(self.user.role)

    @property
    def commune_code(self) -> str | None:
        return self.user.commune_code if self.role == "commune" else None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def sees(self, commune_code: str) -> bool:
        return self.commune_code is None or self.commune_code == commune_code

    def require_commune(self, commune_code: str) -> None:
        if not self.sees(commune_code):
            raise Refused(403, NOT_YOURS)

    def require_admin(self) -> None:
        if not self.is_admin:
            raise Refused(403, "Chỉ tài khoản quản trị mới dùng được chức năng này.")

    def check(self, request: Request, sent: str) -> None:
        """Refuse a form this dashboard did not hand out in this session."""
        if not csrf.valid(request, request.cookies.get(COOKIE), "form", sent):
            raise Refused(403, STALE_FORM)

    @property
    def name(self) -> str:
        return self.user.display_name or self.user.username


def viewer(request: Request, now: Now) -> Viewer:
    """The signed-in person, or a redirect to the login page (back here after signing in)."""
    token = request.cookies.get(COOKIE)
    user = users.session_user(token, now=now)
    if user is None or token is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise NotSignedIn(target if request.method == "GET" else "/")
    return Viewer(user, csrf.token_for(token, "form"))


def page(request: Request, name: str, who: Viewer | None, status_code: int = 200,
         using: Jinja2Templates | None = None, **context: Any) -> HTMLResponse:
    communes = _commune_names(who)
    return (using or templates).TemplateResponse(request, name, {
        "viewer": who, "texts": province.load(), "own_commune": communes, **context},
        status_code=status_code)


def _commune_names(who: Viewer | None) -> str:
    if who is None or who.commune_code is None:
        return ""
    commune = Commune.get_or_none(Commune.code == who.commune_code)
    return commune.name if commune else who.commune_code


def secure(request: Request) -> bool:
    return request.url.scheme == "https" or os.environ.get(ENV_SECURE, "") not in ("", "0")


def set_cookie(response: Response, request: Request, name: str, value: str,
               max_age: int | None) -> None:
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="lax",
                        secure=secure(request), path="/")


def install(app: FastAPI, router: Any) -> None:
    app.include_router(router)
    app.add_exception_handler(NotSignedIn, _to_login)
    app.add_exception_handler(Refused, _refused)
    app.add_exception_handler(StarletteHTTPException, _http_error)


HTTP_ERRORS = {404: "Không có trang này.", 405: "Trang này không nhận yêu cầu kiểu này."}


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own 404/405 answer in English JSON; a page outside the API says it in
    Vietnamese, as the dashboard's refusals do."""
    assert isinstance(exc, StarletteHTTPException)
    if request.url.path.startswith(API_PREFIX + "/") or exc.status_code not in HTTP_ERRORS:
        return await http_exception_handler(request, exc)
    answer = await run_in_threadpool(_refused, request,
                                     Refused(exc.status_code, HTTP_ERRORS[exc.status_code]))
    answer.headers.update(exc.headers or {})
    return answer


async def _to_login(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NotSignedIn)
    target = "/login" if exc.target in ("", "/") else f"/login?next={quote(exc.target)}"
    return RedirectResponse(target, status_code=303)


def _refused(request: Request, exc: Exception) -> Response:
    """Plain ``def``: Starlette runs it in the thread pool, where the database may be read."""
    assert isinstance(exc, Refused)
    with db.connection_context():
        names = province.load()
    return templates.TemplateResponse(request, "refused.html", {
        "viewer": None, "texts": names, "message": exc.message, "own_commune": ""},
        status_code=exc.status)
