"""Accounts: the people who sign in at this desk, their roles and passwords.

Right after ``init`` there is no account and the desk works as before; the first account made
must be an administrator. Wrong passwords slow the next try down (a growing wait, capped), so a
guesser gets nowhere while the only administrator is never locked out for good.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from desk import audit, passwords, roles
from desk.clock import Now
from desk.errors import DomainError
from desk.ids import new_id
from desk.text import clean
from models import Account, db

MIN_PASSWORD = 8
FREE_TRIES = 3           # wrong passwords before any wait
FIRST_WAIT = 5           # seconds after the fourth wrong password, doubling from there
MAX_WAIT = 300           # the wait never grows past five minutes
_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")

WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."


@dataclass(frozen=True)
class Actor:
    """The signed-in person, as services and the audit trail need them."""

    login: str
    name: str
    role: str

    @property
    def role_label(self) -> str:
        return roles.ROLE_LABELS[self.role]


def actor_of(account: Account) -> Actor:
    return Actor(account.login, account.name, account.role)


def exist() -> bool:
    return Account.select().exists()


def listing() -> list[Account]:
    return list(Account.select().order_by(Account.created_at, Account.login))


def get(login: str) -> Account:
    account = Account.get_or_none(Account.login == normal_login(login))
    if account is None:
        raise DomainError("unknown_account", f"Không có tài khoản «{clean(login)}».")
    return account


def normal_login(text: str) -> str:
    return clean(text).lower()


def add(login: str, name: str, role: str, password: str, *, by: str, now: Now,
        check_password: bool = True) -> Account:
    """A new account. ``check_password=False`` only for the demo desk's demo/demo."""
    login = normal_login(login)
    if not _LOGIN.match(login):
        raise DomainError("invalid_login", "Tên đăng nhập gồm 2–32 chữ thường không dấu, số, "
                                           "dấu chấm, gạch ngang hoặc gạch dưới (ví dụ hong.tt).")
    if not clean(name):
        raise DomainError("missing_account_name", "Chưa nhập họ tên người dùng.")
    if role not in roles.ROLES:
        raise DomainError("invalid_role", "Vai trò phải là clerk (cán bộ tiếp nhận), leader "
                                          "(lãnh đạo) hoặc admin (quản trị).")
    if check_password:
        check_new_password(password)
    with db.atomic():
        if not exist() and role != roles.ADMIN:
            raise DomainError("first_account_admin", "Tài khoản đầu tiên của máy phải là tài "
                                                     "khoản quản trị (--role admin).")
        if Account.select().where(Account.login == login).exists():
            raise DomainError("login_taken", f"Đã có tài khoản «{login}».")
        made = Account.create(id=new_id(), login=login, name=clean(name), role=role,
                              password_hash=passwords.hash_password(password),
                              created_at=now())
        audit.record("account_added", actor=by, target=login, details={"role": role},
                     now=now)
    return made


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise DomainError("weak_password",
                          f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.")


def disable(login: str, *, by: str, now: Now) -> Account:
    with db.atomic():
        account = get(login)
        if account.role == roles.ADMIN and account.active and _active_admins() == 1:
            raise DomainError("last_admin", "Không thể khóa tài khoản quản trị cuối cùng của "
                                            "máy. Hãy tạo tài khoản quản trị khác trước.")
        account.active = False
        account.save()
        audit.record("account_disabled", actor=by, target=account.login, now=now)
    return account


def set_password(login: str, password: str, *, by: str, now: Now) -> Account:
    check_new_password(password)
    with db.atomic():
        account = get(login)
        account.password_hash = passwords.hash_password(password)
        account.failed_logins = 0
        account.save()
        audit.record("password_changed", actor=by, target=account.login, now=now)
    return account


def _active_admins() -> int:
    return Account.select().where((Account.role == roles.ADMIN) & Account.active).count()


def wait_after(failures: int) -> int:
    """Seconds a login must wait after ``failures`` wrong passwords in a row."""
    if failures < FREE_TRIES:
        return 0
    return min(FIRST_WAIT * 2 ** (failures - FREE_TRIES), MAX_WAIT)


def seconds_to_wait(account: Account, now: dt.datetime) -> int:
    if account.last_failed_at is None:
        return 0
    ready = account.last_failed_at + dt.timedelta(seconds=wait_after(account.failed_logins))
    return max(0, int((ready - now).total_seconds() + 0.999))


def authenticate(login: str, password: str, *, now: Now) -> Actor:
    """The account's actor if the password is right; a Vietnamese refusal otherwise.

    Raises ``login_delayed`` (without looking at the password) while a wait runs, so waiting
    out the delay is the only way to try again."""
    account = Account.get_or_none(Account.login == normal_login(login))
    if account is None:
        passwords.burn(password)
        # What was typed is not written down: it may be a password typed in the wrong box.
        _failed("", "unknown_account", now)
        raise DomainError("wrong_password", WRONG)
    wait = seconds_to_wait(account, now())
    if wait:
        raise DomainError("login_delayed", f"Đã nhập sai mật khẩu nhiều lần. Hãy đợi {wait} "
                                           "giây rồi thử lại.")
    if not passwords.verify(account.password_hash, password):
        with db.atomic():
            Account.update(failed_logins=Account.failed_logins + 1, last_failed_at=now()).where(
                Account.id == account.id).execute()
            _failed(account.login, "wrong_password", now)
        raise DomainError("wrong_password", WRONG)
    if not account.active:
        _failed(account.login, "account_disabled", now)
        raise DomainError("account_disabled", "Tài khoản này đã bị khóa. Hãy liên hệ người "
                                              "quản trị của xã/phường.")
    values = {Account.failed_logins: 0, Account.last_login_at: now()}
    if passwords.needs_rehash(account.password_hash):
        values[Account.password_hash] = passwords.hash_password(password)
    with db.atomic():
        Account.update(values).where(Account.id == account.id).execute()
        audit.record("login", actor=account.login, target=account.login, now=now)
    return actor_of(account)


def _failed(login: str, reason: str, now: Now) -> None:
    audit.record("login_failed", actor="", target=login, details={"reason": reason}, now=now)
