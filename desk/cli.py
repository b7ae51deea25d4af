"""``motcua``: the scripting face of the desk (DESIGN.md §4).

``--json`` prints one JSON document on stdout. Errors exit non-zero with one line on stderr:
the clerk's Vietnamese message, or ``{"error": code, "detail": ...}`` with ``--json``: 2 for a
refusal (DomainError), 1 for anything unexpected, whose traceback goes to the log only. A
reader that stops early (``motcua search … | head``) ends the output quietly.
The window is started through a callable the launcher passes in, so this module needs no Qt.

``main`` is an entry point: it chooses the clock (the wall clock unless a caller passes one)
and hands it to every command as ``args.now``; commands hand it on to the services.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desk import __version__, accounts, paths, roles
from desk.accounts import Actor
from desk.clock import Now, utcnow
from desk.database import open_database
from desk.errors import DomainError, ValidationError
from desk.logs import setup as setup_logging

log = logging.getLogger(__name__)
ENV_PASSWORD = "MOTCUA_PASSWORD"


@dataclass(frozen=True)
class GuiStart:
    """How the window was asked to start: ``login`` is ``--as`` (a scripted start)."""

    data_dir: Path
    demo: bool
    login: str | None


GuiRunner = Callable[[GuiStart], int]
BoardRunner = Callable[[Path], int]
# Each module adds its own sub-commands with ``register(subparsers)``.
COMMAND_MODULES = (
    "desk.commands.office",
    "desk.commands.dossiers",
    "desk.commands.reports",
    "desk.commands.documents",
    "desk.commands.sync",
    "desk.commands.board",
    "desk.commands.users",
    "desk.commands.audit",
    "desk.commands.backups",
    "desk.commands.status",
)
# A command that sets no permission of its own reads or writes citizens' data.
DEFAULT_PERMISSION = "dossiers"


class Output:
    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def emit(self, data: Any, text: str) -> None:
        if self.as_json:
            print(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            print(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="motcua", description="Một Cửa Desk")
    parser.add_argument("--data-dir", help="data directory (default: per-user app data)")
    parser.add_argument("--as", dest="login", metavar="LOGIN",
                        help=f"act as this account (password from {ENV_PASSWORD} or a prompt)")
    parser.add_argument("--version", action="version", version=f"motcua {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="open the window")
    gui.add_argument("--demo", action="store_true", help="seed a demo commune on first start")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON document")


def main(argv: Sequence[str] | None = None, gui: GuiRunner | None = None,
         board: BoardRunner | None = None, clock: Now = utcnow) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.now = clock
    directory = paths.data_dir(args.data_dir)
    setup_logging(directory)
    if args.command in (None, "gui"):
        if gui is None:
            parser.error("the window is not available from this entry point")
        return gui(GuiStart(directory, bool(getattr(args, "demo", False)), args.login))
    if getattr(args, "window", None) == "board":
        # The waiting-room board shows masked names only and runs unattended: no sign-in.
        if board is None:
            parser.error("the display board is not available from this entry point")
        return board(directory)
    out = Output(bool(getattr(args, "json", False)))
    try:
        args.actor = None
        if getattr(args, "opens_database", True):
            open_database(paths.database_path(directory), now=clock)
            args.actor = acting(args.login, getattr(args, "permission", DEFAULT_PERMISSION),
                                now=clock)
        return int(args.handler(args, out) or 0)
    except DomainError as exc:
        return _fail(out, exc)
    except BrokenPipeError:
        return _reader_gone()
    except Exception as exc:  # the last resort: one line for the clerk, the rest in the log
        log.exception("motcua %s failed", args.command)
        return _crash(out, exc, paths.logs_dir(directory))


def _reader_gone() -> int:
    """The reader of stdout went away: end quietly, and keep Python's own flush at exit from
    failing on the closed pipe again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 1


def _crash(out: Output, exc: Exception, logs: Path) -> int:
    kind = type(exc).__name__
    try:
        if out.as_json:
            print(json.dumps({"error": "internal_error", "detail": f"{kind}: {exc}"[:500],
                              "log": str(logs)}), file=sys.stderr)
        else:
            print(f"Lỗi ngoài dự kiến ({kind}); dữ liệu đã lưu vẫn an toàn. Chi tiết đã ghi vào "
                  f"nhật ký trong thư mục {logs}.", file=sys.stderr)
    except BrokenPipeError:
        pass
    return 1


def login_of(args: argparse.Namespace) -> str:
    """The signed-in account's login for the audit trail ("" before any account exists)."""
    actor = getattr(args, "actor", None)
    return actor.login if actor is not None else ""


def acting(login: str | None, permission: str | None, *, now: Now) -> Actor | None:
    """The account a command runs as, checked against the command's permission.

    Before any account exists (right after ``init``) commands run as before, as nobody. Once
    one exists, every command with a permission needs ``--as`` and the right password."""
    if not accounts.exist():
        return None
    if permission is None and login is None:
        return None
    if login is None:
        raise DomainError("login_required",
                          "Máy này đã có tài khoản người dùng: hãy chạy lệnh với --as TÊN_ĐĂNG_"
                          f"NHẬP (mật khẩu trong biến {ENV_PASSWORD} hoặc nhập khi được hỏi).")
    actor = accounts.authenticate(login, read_password(), now=now)
    if permission is not None:
        roles.require(actor.role, permission)
    return actor


def read_password(prompt: str = "Mật khẩu: ") -> str:
    given = os.environ.get(ENV_PASSWORD)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise DomainError("password_required",
                          f"Chưa có mật khẩu: đặt biến {ENV_PASSWORD} hoặc chạy lệnh trong cửa "
                          "sổ dòng lệnh để nhập.")
    return getpass.getpass(prompt)


def _fail(out: Output, exc: DomainError) -> int:
    log.info("refused: %s", exc.code)
    if out.as_json:
        error: dict[str, Any] = {"error": exc.code, "detail": exc.detail,
                                 "message": exc.message}
        if isinstance(exc, ValidationError):
            error["fields"] = {k: v.code for k, v in exc.fields.items()}
        print(json.dumps(error, ensure_ascii=False), file=sys.stderr)
    else:
        print("Lỗi: " + exc.message.replace("\n", " "), file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
