"""Dashboard accounts, their roles and their sessions (the cookie holds a token, the table its
hash). Signing in costs the same whether the name exists or not; a new password ends every
session of the account."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from desk.clock import Now
from desk.text import clean
from models import Commune, db
from models.hub import DashboardSession, DashboardUser
from server.dashboard.passwords import hash_password, verify_password
from server.errors import ApiError

SESSION_TTL = dt.timedelta(hours=12)
MIN_PASSWORD = 10
ROLES = {"province": "Cán bộ cấp tỉnh", "commune": "Lãnh đạo xã/phường", "admin": "Quản trị"}
# Checked against when the name is unknown, so that an unknown name takes as long as a known
# one (a hash of a random password, made once per process).
_DECOY = hash_password(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    display_name: str = ""
    role: str = "province"
    commune: str | None = None


def normalise(username: str) -> str:
    return clean(username).lower()


def save_user(account: Account, *, now: Now) -> DashboardUser:
    """Create an account, or change its name, role, commune and password (the administrator's
    way to reset one); sessions of a changed account end."""
    username = normalise(account.username)
    if not username or len(username) > 64:
        raise ApiError(400, "invalid_username", "user name: 1-64 characters")
    _check_password(account.password)
    commune = _check_role(account.role, account.commune)
    moment = now()
    row = {"password_hash": hash_password(account.password),
           "display_name": clean(account.display_name), "active": True, "role": account.role,
           "commune": commune, "password_changed_at": moment}
    with db.atomic():
        DashboardUser.insert(username=username, created_at=moment, **row).on_conflict(
            conflict_target=[DashboardUser.username], update=row).execute()
        user = DashboardUser.get(DashboardUser.username == username)
        end_sessions(user)
    return user


def set_password(user: DashboardUser, password: str, *, now: Now) -> None:
    _check_password(password)
    with db.atomic():
        DashboardUser.update(password_hash=hash_password(password),
                             password_changed_at=now()).where(
            DashboardUser.id == user.id).execute()
        end_sessions(user)


def set_active(user: DashboardUser, active: bool) -> None:
    with db.atomic():
        DashboardUser.update(active=active).where(DashboardUser.id == user.id).execute()
        end_sessions(user)


def end_sessions(user: DashboardUser) -> int:
    return DashboardSession.delete().where(DashboardSession.user == user.id).execute()


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ApiError(400, "weak_password", f"password: at least {MIN_PASSWORD} characters")


def _check_role(role: str, commune: str | None) -> str | None:
    if role not in ROLES:
        raise ApiError(400, "invalid_role", "role: " + ", ".join(ROLES))
    if role != "commune":
        return None
    if not commune or Commune.get_or_none(Commune.code == commune) is None:
        raise ApiError(400, "invalid_commune", "a commune leader's account names a registered "
                                               "commune")
    return commune


def check_password(username: str, password: str) -> DashboardUser | None:
    """The account if the name and password match an active account. The password is checked
    against a decoy hash when the name is unknown, so both answers take the same time."""
    user = DashboardUser.get_or_none(DashboardUser.username == normalise(username))
    stored = user.password_hash if user is not None else _DECOY
    matches = verify_password(password, stored)
    return user if matches and user is not None and user.active else None


def open_session(user: DashboardUser, *, now: Now) -> str:
    token = secrets.token_urlsafe(32)
    moment = now()
    DashboardSession.create(token_hash=_hash(token), user=user, created_at=moment,
                            expires_at=moment + SESSION_TTL)
    return token


def session_user(token: str | None, *, now: Now) -> DashboardUser | None:
    if not token:
        return None
    session = DashboardSession.get_or_none(DashboardSession.token_hash == _hash(token))
    if session is None or session.expires_at < now() or not session.user.active:
        return None
    return session.user


def sign_out(token: str | None) -> None:
    if token:
        DashboardSession.delete().where(DashboardSession.token_hash == _hash(token)).execute()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
