"""Dashboard accounts and their sessions (the cookie holds a token; the table its hash)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from desk.clock import utcnow
from desk.text import clean
from models.hub import DashboardSession, DashboardUser
from server.dashboard.passwords import hash_password, verify_password
from server.errors import ApiError

SESSION_TTL = dt.timedelta(hours=12)
MIN_PASSWORD = 10


def create_user(username: str, password: str, display_name: str = "") -> DashboardUser:
    """Create or reset an account (the administrator's way to change a password)."""
    username = clean(username).lower()
    if not username or len(username) > 64:
        raise ApiError(400, "invalid_username", "user name: 1-64 characters")
    if len(password) < MIN_PASSWORD:
        raise ApiError(400, "weak_password", f"password: at least {MIN_PASSWORD} characters")
    row = {"password_hash": hash_password(password), "display_name": clean(display_name),
           "active": True}
    DashboardUser.insert(username=username, created_at=utcnow(), **row).on_conflict(
        conflict_target=[DashboardUser.username], update=row).execute()
    return DashboardUser.get(DashboardUser.username == username)


def sign_in(username: str, password: str) -> str | None:
    """A new session token, or None when the name or password is wrong."""
    user = DashboardUser.get_or_none(DashboardUser.username == clean(username).lower())
    if user is None or not user.active or not verify_password(password, user.password_hash):
        return None
    token = secrets.token_urlsafe(32)
    now = utcnow()
    DashboardSession.create(token_hash=_hash(token), user=user, created_at=now,
                            expires_at=now + SESSION_TTL)
    return token


def session_user(token: str | None) -> DashboardUser | None:
    if not token:
        return None
    session = DashboardSession.get_or_none(DashboardSession.token_hash == _hash(token))
    if session is None or session.expires_at < utcnow() or not session.user.active:
        return None
    return session.user


def sign_out(token: str | None) -> None:
    if token:
        DashboardSession.delete().where(DashboardSession.token_hash == _hash(token)).execute()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
