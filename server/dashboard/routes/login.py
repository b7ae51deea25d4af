"""Signing in and out. A wrong name and a wrong password read the same and take the same time;
too many failures for a name or from one address make the next attempt wait."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from models import db
from server.clock import Clock
from server.dashboard import csrf, throttle, users, web

router = APIRouter()
WRONG = "Sai tên đăng nhập hoặc mật khẩu."


def policy(request: Request) -> throttle.Policy:
    return getattr(request.app.state, "login_policy", throttle.Policy())


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, clock: Clock, next: str = "/") -> Response:  # noqa: A002
    with db.connection_context():
        if users.session_user(request.cookies.get(web.COOKIE), now=clock) is not None:
            return RedirectResponse(_safe(next), status_code=303)
        return _form(request, next=next)


def _form(request: Request, username: str = "", next: str = "/",  # noqa: A002
          error: str = "", status_code: int = 200) -> Response:
    secret = csrf.new_login_secret()
    response = web.page(request, "login.html", None, status_code=status_code, error=error,
                        username=username, next=_safe(next),
                        csrf_token=csrf.token_for(secret, "login"))
    web.set_cookie(response, request, csrf.LOGIN_COOKIE, secret, max_age=3600)
    return response


@router.post("/login", response_model=None)
def login(request: Request, clock: Clock, username: Annotated[str, Form()] = "",
          password: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/",  # noqa: A002
          token: Annotated[str, Form(alias=csrf.FIELD)] = "") -> Response:
    if not csrf.valid(request, request.cookies.get(csrf.LOGIN_COOKIE), "login", token):
        return _form(request, username, next, web.STALE_FORM, status_code=403)
    now = clock()
    rules = policy(request)
    name_key, client_key = throttle.keys(users.normalise(username), _client(request))
    with db.connection_context():
        wait = throttle.wait(rules, name_key, client_key, now)
        if wait:
            return _form(request, username, next, status_code=429,
                         error=f"Đăng nhập sai nhiều lần. Hãy thử lại sau {_duration(wait)}.")
        user = users.check_password(username, password)
        if user is None:
            with db.atomic():
                throttle.failed(rules, (name_key, client_key), now)
            return _form(request, username, next, WRONG, status_code=401)
        with db.atomic():
            throttle.succeeded(name_key)
            token_value = users.open_session(user, now=clock)
    response = RedirectResponse(_safe(next), status_code=303)
    web.set_cookie(response, request, web.COOKIE, token_value,
                   max_age=int(users.SESSION_TTL.total_seconds()))
    response.delete_cookie(csrf.LOGIN_COOKIE, path="/")
    return response


@router.post("/logout", response_model=None)
def logout(request: Request, clock: Clock,
           token: Annotated[str, Form(alias=csrf.FIELD)] = "") -> Response:
    with db.connection_context():
        who = web.viewer(request, clock)
        who.check(request, token)
        users.sign_out(request.cookies.get(web.COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(web.COOKIE, path="/")
    return response


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _safe(target: str) -> str:
    """Only a path of this dashboard: never another site after signing in."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


def _duration(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} giây"
    minutes = (seconds + 59) // 60
    return f"{minutes} phút"
