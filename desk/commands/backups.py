"""motcua backup [--out FILE] | restore FILE [--yes] | key restore (admin)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

import peewee

from desk import backups, dbkey, instance, paths, restore
from desk.cli import Output, acting, add_json_flag, login_of
from desk.clock import Now
from desk.database import open_database
from desk.errors import DomainError
from models import db

ENV_RECOVERY = "MOTCUA_RECOVERY_KEY"


def register(sub: Any) -> None:
    backup = sub.add_parser("backup", help="an encrypted, verified copy of the database")
    backup.add_argument("--out", type=Path, metavar="FILE",
                        help="write here (default: the backup folder, rotated)")
    add_json_flag(backup)
    backup.set_defaults(handler=run_backup, permission="backup")

    back = sub.add_parser("restore", help="put a backup in place of the current database")
    back.add_argument("file", type=Path)
    back.add_argument("--yes", action="store_true", help="do it without asking (scripts)")
    add_json_flag(back)
    # Restoring must work when the current file is damaged: the command opens it itself.
    back.set_defaults(handler=run_restore, permission="restore", opens_database=False)

    key = sub.add_parser("key", help="the database key: put it back from the recovery key")
    actions = key.add_subparsers(dest="action", required=True, metavar="ACTION")
    again = actions.add_parser("restore", help=f"read the recovery key (prompt, or {ENV_RECOVERY})"
                                               " and keep it in this PC's keyring")
    add_json_flag(again)
    again.set_defaults(handler=run_key_restore, permission=None, opens_database=False)


def run_backup(args: argparse.Namespace, out: Output) -> int:
    directory = paths.data_dir(args.data_dir)
    made = backups.take(db.obj, directory, by=login_of(args), now=args.now, out=args.out)
    out.emit({"file": str(made.path), "bytes": made.size, "verified": True},
             f"Đã sao lưu và kiểm tra: {made.path} ({made.size // 1024} KB).")
    return 0


def run_restore(args: argparse.Namespace, out: Output) -> int:
    directory = paths.data_dir(args.data_dir)
    if instance.window_running(directory):
        raise DomainError("window_open", "Cửa sổ Một Cửa Desk đang mở trên dữ liệu này. Hãy "
                                         "đóng cửa sổ rồi khôi phục.")
    current = _open_current(directory, now=args.now)
    by = ""
    if current is not None:
        actor = acting(args.login, "restore", now=args.now)
        by = actor.login if actor else ""
    found = restore.plan(args.file, directory, current)
    if not args.yes:
        _confirm(found, out)
    aside = restore.apply(found, directory, current, by=by, now=args.now)
    open_database(paths.database_path(directory), now=args.now)
    restore.resume(found, aside, by=by, now=args.now)
    out.emit({**found.json(), "kept_aside": str(aside)},
             f"{found.summary()}\nĐã khôi phục từ «{args.file.name}». Tệp dữ liệu trước đó được "
             f"cất tại {aside}.\nHãy đồng bộ (motcua sync) để lấy lại từ cấp trên những gì đã "
             "gửi lên sau lần sao lưu này.")
    return 0


def _open_current(directory: Path, *, now: Now) -> peewee.Database | None:
    path = paths.database_path(directory)
    if not path.exists():
        return None
    try:
        return open_database(path, now=now)
    except DomainError as exc:
        if exc.code != "cannot_open_database":
            raise
        return None  # damaged: what a restore is for


def _confirm(found: restore.RestorePlan, out: Output) -> None:
    if not sys.stdin.isatty():
        raise DomainError("confirm_restore", found.summary().replace("\n", " ")
                          + " Chạy lại với --yes để khôi phục.")
    print(found.summary(), file=sys.stderr)
    answer = input("Khôi phục bản sao lưu này? Gõ «co» để đồng ý: ")
    if answer.strip().lower() not in ("co", "có"):
        raise DomainError("restore_cancelled", "Đã hủy, không thay đổi gì.")


def run_key_restore(args: argparse.Namespace, out: Output) -> int:
    directory = paths.data_dir(args.data_dir)
    text = os.environ.get(ENV_RECOVERY)
    if text is None:
        if not sys.stdin.isatty():
            raise DomainError("recovery_key_required", f"Hãy nhập khóa khôi phục (hoặc đặt biến "
                                                       f"{ENV_RECOVERY}).")
        text = input("Khóa khôi phục (52 ký tự, theo bản in): ")
    key = dbkey.parse_recovery(text)
    dbkey.restore(paths.database_path(directory), key)
    out.emit({"restored": True}, "Đã cất khóa mở dữ liệu vào kho khóa của máy này.")
    return 0
