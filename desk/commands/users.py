"""motcua users add | list | disable | passwd: the desk's accounts (admin)."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from desk import accounts, roles
from desk.cli import Output, add_json_flag
from desk.clock import iso_local
from desk.errors import DomainError


def register(sub: Any) -> None:
    users = sub.add_parser("users", help="the accounts that sign in at this desk")
    actions = users.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="create an account")
    add.add_argument("account_login", metavar="LOGIN")
    add.add_argument("--name", required=True, help="full name, as printed on receipts")
    add.add_argument("--role", required=True, choices=roles.ROLES)
    add.add_argument("--password-stdin", action="store_true",
                     help="read the new password from the first line of standard input")
    add_json_flag(add)
    add.set_defaults(handler=run_add, permission="accounts")

    listing = actions.add_parser("list", help="every account, with its role and state")
    add_json_flag(listing)
    listing.set_defaults(handler=run_list, permission="accounts")

    disable = actions.add_parser("disable", help="stop an account from signing in")
    disable.add_argument("account_login", metavar="LOGIN")
    add_json_flag(disable)
    disable.set_defaults(handler=run_disable, permission="accounts")

    passwd = actions.add_parser("passwd", help="set a new password (your own, or as admin)")
    passwd.add_argument("account_login", metavar="LOGIN")
    passwd.add_argument("--password-stdin", action="store_true",
                        help="read the new password from the first line of standard input")
    add_json_flag(passwd)
    passwd.set_defaults(handler=run_passwd, permission="own_password")


def account_json(account: Any) -> dict[str, Any]:
    return {"login": account.login, "name": account.name, "role": account.role,
            "active": bool(account.active), "created_at": iso_local(account.created_at),
            "last_login_at": iso_local(account.last_login_at)}


def new_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise DomainError("password_required", "Hãy nhập mật khẩu mới trong cửa sổ dòng lệnh, "
                                               "hoặc dùng --password-stdin.")
    first = getpass.getpass("Mật khẩu mới: ")
    if getpass.getpass("Nhập lại mật khẩu mới: ") != first:
        raise DomainError("password_mismatch", "Hai lần nhập mật khẩu không giống nhau.")
    return first


def _by(args: argparse.Namespace) -> str:
    return args.actor.login if args.actor is not None else ""


def run_add(args: argparse.Namespace, out: Output) -> int:
    password = new_password(args.password_stdin)
    made = accounts.add(args.account_login, args.name, args.role, password, by=_by(args),
                        now=args.now)
    out.emit(account_json(made), f"Đã tạo tài khoản «{made.login}» ({made.name}, "
                                 f"{roles.ROLE_LABELS[made.role].lower()}).")
    return 0


def run_list(args: argparse.Namespace, out: Output) -> int:
    rows = [account_json(a) for a in accounts.listing()]
    lines = [f"{r['login']:<16} {roles.ROLE_LABELS[r['role']]:<18} "
             f"{'đang dùng' if r['active'] else 'đã khóa':<10} {r['name']}" for r in rows]
    out.emit(rows, "\n".join(lines) or "Chưa có tài khoản nào.")
    return 0


def run_disable(args: argparse.Namespace, out: Output) -> int:
    done = accounts.disable(args.account_login, by=_by(args), now=args.now)
    out.emit(account_json(done), f"Đã khóa tài khoản «{done.login}».")
    return 0


def run_passwd(args: argparse.Namespace, out: Output) -> int:
    target = accounts.get(args.account_login)
    actor = args.actor
    if actor is not None and actor.login != target.login:
        roles.require(actor.role, "accounts")
    done = accounts.set_password(target.login, new_password(args.password_stdin), by=_by(args),
                                 now=args.now)
    out.emit(account_json(done), f"Đã đổi mật khẩu của tài khoản «{done.login}».")
    return 0
