"""Accounts: roles, argon2 passwords, a growing wait after wrong ones, never a lock-out."""

import datetime as dt

import pytest

from desk import accounts, passwords, roles
from desk.errors import DomainError
from models import Account


def add(*args, **kwargs):
    return accounts.add(*args, by="admin", **kwargs)


def refused(code, call, *args, **kwargs):
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value.code
    return caught.value.message


def test_the_first_account_must_be_an_administrator(office, clock):
    assert not accounts.exist()
    message = refused("first_account_admin", add, "hong.tt", "Trần Thị Hồng",
                      "clerk", "mat-khau-1", now=clock)
    assert "quản trị" in message
    add("admin", "Lê Văn Quản", "admin", "mat-khau-1", now=clock)
    add("hong.tt", "Trần Thị Hồng", "clerk", "mat-khau-2", now=clock)
    assert [a.login for a in accounts.listing()] == ["admin", "hong.tt"]


def test_passwords_are_argon2id_hashes_never_the_text(office, clock):
    made = add("admin", "Lê Văn Quản", "admin", "mat-khau-1", now=clock)
    assert made.password_hash.startswith("$argon2id$")
    assert "mat-khau-1" not in made.password_hash
    assert accounts.authenticate("ADMIN ", "mat-khau-1", now=clock).role == "admin"


def test_bad_logins_names_roles_and_short_passwords_are_refused(office, clock):
    refused("invalid_login", add, "Trần Hồng", "X", "admin", "mat-khau-1", now=clock)
    refused("missing_account_name", add, "hong", " ", "admin", "mat-khau-1", now=clock)
    refused("invalid_role", add, "hong", "Hồng", "boss", "mat-khau-1", now=clock)
    assert "8 ký tự" in refused("weak_password", add, "hong", "Hồng", "admin", "ngan",
                                now=clock)
    add("hong", "Hồng", "admin", "mat-khau-1", now=clock)
    refused("login_taken", add, "HONG", "Hồng 2", "clerk", "mat-khau-1", now=clock)


def test_wrong_passwords_make_the_next_try_wait_longer_but_never_forever(office, clock):
    add("admin", "Lê Văn Quản", "admin", "dung-mat-khau", now=clock)
    for _ in range(accounts.FREE_TRIES):
        refused("wrong_password", accounts.authenticate, "admin", "sai", now=clock)
    # The fourth wrong password starts a wait; during it even the right one is not looked at.
    message = refused("login_delayed", accounts.authenticate, "admin", "dung-mat-khau",
                      now=clock)
    assert "5 giây" in message
    waits = []
    for _ in range(10):
        clock.set(clock() + dt.timedelta(seconds=accounts.MAX_WAIT))
        refused("wrong_password", accounts.authenticate, "admin", "sai", now=clock)
        account = Account.get(Account.login == "admin")
        waits.append(accounts.seconds_to_wait(account, clock()))
    assert waits == sorted(waits) and waits[0] < waits[-1] == accounts.MAX_WAIT
    # The only administrator waits five minutes at most, then gets in.
    clock.set(clock() + dt.timedelta(seconds=accounts.MAX_WAIT))
    assert accounts.authenticate("admin", "dung-mat-khau", now=clock).login == "admin"
    assert Account.get(Account.login == "admin").failed_logins == 0


def test_an_unknown_login_gets_the_same_answer_as_a_wrong_password(office, clock):
    add("admin", "Lê Văn Quản", "admin", "dung-mat-khau", now=clock)
    assert (refused("wrong_password", accounts.authenticate, "khong-co", "x", now=clock)
            == refused("wrong_password", accounts.authenticate, "admin", "x", now=clock))


def test_a_disabled_account_cannot_sign_in_and_the_last_admin_cannot_be_disabled(office, clock):
    add("admin", "Lê Văn Quản", "admin", "mat-khau-1", now=clock)
    add("hong", "Trần Thị Hồng", "clerk", "mat-khau-2", now=clock)
    refused("last_admin", accounts.disable, "admin", by="admin", now=clock)
    accounts.disable("hong", by="admin", now=clock)
    assert "đã bị khóa" in refused("account_disabled", accounts.authenticate, "hong",
                                   "mat-khau-2", now=clock)
    # A wrong password to a disabled account says "wrong", not whether it exists.
    refused("wrong_password", accounts.authenticate, "hong", "sai", now=clock)


def test_a_new_password_replaces_the_old_and_clears_the_wait(office, clock):
    add("admin", "Lê Văn Quản", "admin", "mat-khau-1", now=clock)
    for _ in range(5):
        with pytest.raises(DomainError):
            accounts.authenticate("admin", "sai", now=clock)
    accounts.set_password("admin", "mat-khau-moi", by="admin", now=clock)
    refused("wrong_password", accounts.authenticate, "admin", "mat-khau-1", now=clock)
    assert accounts.authenticate("admin", "mat-khau-moi", now=clock).name == "Lê Văn Quản"


def test_a_hash_made_under_other_parameters_is_upgraded_at_login(office, clock, monkeypatch):
    monkeypatch.setenv(passwords.ENV_PROFILE, "production")
    made = add("admin", "Lê Văn Quản", "admin", "mat-khau-1", now=clock)
    assert "m=65536" in made.password_hash  # RFC 9106 low-memory: 64 MiB
    monkeypatch.setenv(passwords.ENV_PROFILE, "fast")
    accounts.authenticate("admin", "mat-khau-1", now=clock)
    assert "m=1024" in Account.get_by_id(made.id).password_hash


@pytest.mark.parametrize(("role", "permission", "allowed"), [
    ("clerk", "dossiers", True), ("clerk", "statistics", False), ("clerk", "audit", False),
    ("leader", "statistics", True), ("leader", "audit", True), ("leader", "settings", False),
    ("admin", "settings", True), ("admin", "restore", True), ("leader", "backup", False),
])
def test_roles_grant_what_the_issue_says(role, permission, allowed):
    assert roles.allowed(role, permission) is allowed
    if not allowed:
        assert "không được" in refused("forbidden", roles.require, role, permission)
