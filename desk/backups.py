"""Backups: encrypted copies of the database, verified, rotated, and warned about when old.

A backup is ``VACUUM INTO`` a ``.partial`` file (consistent while the desk works, encrypted
with the database's own key, compact), fsync'd, opened again and ``integrity_check``ed, and
only then renamed to ``motcua-YYYYMMDD-HHMMSS.sqlite3``. A kill or a full disk mid-way leaves at
most a ``.partial`` that the next backup removes; earlier backups are never touched by a failed
one. Rotation keeps the newest backup of each of the last 7 days, 4 weeks and 12 months.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

import peewee
from sqlcipher3 import dbapi2 as sqlcipher

from desk import audit, dbkey, settings
from desk.clock import Now, to_local
from desk.errors import DomainError
from desk.paths import backups_dir

log = logging.getLogger(__name__)

PREFIX = "motcua-"
_NAME = re.compile(r"^motcua-(\d{8}-\d{6})\.sqlite3$")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
STALE_AFTER = dt.timedelta(days=2)


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime  # Vietnam wall time (naive), as its name gives it
    size: int


@dataclass(frozen=True)
class BackupStatus:
    folder: Path
    folder_ok: bool
    last_good_at: dt.datetime | None
    stale: bool

    @property
    def warning(self) -> str:
        """What the status bar says (short: it shares the bar), or "" when all is well."""
        if not self.folder_ok:
            return "Không thấy thư mục sao lưu (USB chưa cắm?)"
        if self.last_good_at is None:
            return "Chưa có bản sao lưu nào"
        if self.stale:
            return f"Sao lưu gần nhất đã cũ: {to_local(self.last_good_at):%d/%m/%Y}"
        return ""

    @property
    def explanation(self) -> str:
        """The longer text behind the warning (the status bar's tooltip)."""
        if not self.folder_ok:
            return (f"Không tìm thấy thư mục sao lưu «{self.folder}». Nếu sao lưu ra USB, hãy "
                    "cắm USB; hoặc chọn thư mục khác trong Cài đặt.")
        if self.warning:
            return ("Dữ liệu được sao lưu tự động khi mở máy đầu ngày và khi đóng cửa sổ; "
                    "người quản trị có thể sao lưu ngay trong menu Công cụ.")
        return ""


def folder(data_dir: Path) -> Path:
    """The chosen backup folder (a USB stick is welcome), or the data folder's backups/."""
    chosen = str(settings.get("backup.folder")).strip()
    return Path(chosen) if chosen else backups_dir(data_dir)


def status(data_dir: Path, *, now: Now) -> BackupStatus:
    where = folder(data_dir)
    last = settings.get("backup.last_good_at")
    last_at = dt.datetime.fromisoformat(last) if last else None
    return BackupStatus(where, where.is_dir(), last_at,
                        last_at is None or now() - last_at > STALE_AFTER)


def due(*, now: Now) -> bool:
    """No good backup yet today (Vietnam time): the first start of the day takes one."""
    last = settings.get("backup.last_good_at")
    return not last or to_local(dt.datetime.fromisoformat(last)).date() < to_local(now()).date()


def take(database: peewee.Database, data_dir: Path, *, by: str, now: Now,
         reason: str = "manual", out: Path | None = None) -> Backup:
    """One verified backup, into ``out`` or the backup folder (then rotated)."""
    key = dbkey.require(Path(database.database))
    target = out or folder(data_dir) / f"{PREFIX}{to_local(now()):%Y%m%d-%H%M%S}.sqlite3"
    try:
        _write(database, target, key)
    except DomainError as exc:
        audit.record("backup_failed", actor=by, target=target.name, now=now,
                     details={"reason": exc.code, "why": reason})
        raise
    made = Backup(target, to_local(now()).replace(tzinfo=None), target.stat().st_size)
    if out is None:
        rotate(target.parent, now=now)
    settings.put("backup.last_good_at", now().isoformat())
    audit.record("backup", actor=by, target=target.name, now=now,
                 details={"why": reason, "bytes": made.size})
    log.info("backup %s written and verified (%s)", target.name, reason)
    return made


def _write(database: peewee.Database, target: Path, key: bytes) -> None:
    if not target.parent.is_dir():
        raise DomainError("backup_folder_missing",
                          f"Không tìm thấy thư mục sao lưu «{target.parent}». Nếu sao lưu ra "
                          "USB, hãy cắm USB rồi thử lại, hoặc chọn thư mục khác trong Cài đặt.")
    partial = target.with_name(target.name + ".partial")
    for stale in target.parent.glob(f"{PREFIX}*.partial"):
        stale.unlink(missing_ok=True)
    try:
        database.execute_sql("VACUUM INTO ?", (str(partial),))
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        check(partial, key)
        os.replace(partial, target)
    except (OSError, peewee.OperationalError, peewee.DatabaseError) as exc:
        partial.unlink(missing_ok=True)
        raise _write_failed(target, exc) from exc
    except DomainError:
        partial.unlink(missing_ok=True)
        raise


def _write_failed(target: Path, exc: Exception) -> DomainError:
    text = str(exc).lower()
    if getattr(exc, "errno", None) == errno.ENOSPC or "full" in text:
        return DomainError("backup_folder_full",
                           f"Thư mục sao lưu «{target.parent}» đã đầy. Hãy xóa bớt tệp cũ hoặc "
                           "chọn nơi khác; các bản sao lưu trước vẫn còn nguyên.")
    return DomainError("backup_failed",
                       f"Không ghi được bản sao lưu vào «{target.parent}» (USB bị rút, hoặc "
                       "không có quyền ghi). Các bản sao lưu trước vẫn còn nguyên.")


def check(path: Path, key: bytes) -> dict[str, str]:
    """Open a backup with ``key`` and check it whole; returns its commune code and desk id."""
    connection = sqlcipher.connect(str(path), isolation_level=None)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f'PRAGMA key = "{dbkey.sqlcipher_key(key)}"')
        if [row[0] for row in connection.execute("PRAGMA integrity_check")] != ["ok"]:
            raise _damaged(path)
        desk = connection.execute('SELECT "commune_code", "id" FROM "desk" '
                                  'ORDER BY "created_at" LIMIT 1').fetchone()
    except sqlcipher.DatabaseError as exc:
        raise _damaged(path) from exc
    finally:
        connection.close()
    if desk is None:
        raise _damaged(path)
    return {"commune_code": desk[0], "desk_id": desk[1]}


def _damaged(path: Path) -> DomainError:
    return DomainError("backup_unreadable",
                       f"Tệp «{path.name}» không mở được bằng khóa của máy này: tệp đã hỏng, "
                       "không phải bản sao lưu của Một Cửa Desk, hoặc là bản sao lưu của máy "
                       "khác.")


def listing(where: Path) -> list[Backup]:
    """Backups in a folder, newest first (only files named as this module names them)."""
    found = []
    for path in where.glob(f"{PREFIX}*.sqlite3"):
        match = _NAME.match(path.name)
        if match:
            taken = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
            found.append(Backup(path, taken, path.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def to_keep(backups: list[Backup], today: dt.date) -> set[Path]:
    """Grandfather-father-son: the newest of each of the last 7 days, 4 weeks, 12 months."""
    keep: set[Path] = set()
    for count, bucket in ((KEEP_DAILY, _day), (KEEP_WEEKLY, _week), (KEEP_MONTHLY, _month)):
        seen: list[object] = []
        for backup in backups:  # newest first, so the first of a bucket is its newest
            key = bucket(backup.taken_at.date())
            if key not in seen and len(seen) < count and backup.taken_at.date() <= today:
                seen.append(key)
                keep.add(backup.path)
    return keep


def rotate(where: Path, *, now: Now) -> list[Path]:
    backups = listing(where)
    keep = to_keep(backups, to_local(now()).date())
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _day(day: dt.date) -> object:
    return day


def _week(day: dt.date) -> object:
    return day.isocalendar()[:2]


def _month(day: dt.date) -> object:
    return (day.year, day.month)
