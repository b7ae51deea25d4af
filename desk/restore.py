"""Restoring a backup: say what would be lost, keep the current file aside, swap, resume.

After the swap the desk must not hand out a dossier code or a ledger entry twice, nor lose what
the server already holds. So the restored file takes, from the file set aside, every daily and
yearly counter that ran further, and the outbox's numbering; its pull cursor goes back to zero
with ``sync.pull_own`` set, so the next sync fetches this desk's own records from the server
(those pushed after the backup was taken) and pushes whatever the server lacks.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee
from sqlcipher3 import dbapi2 as sqlcipher

from desk import audit, backups, dbkey, settings
from desk.clock import Now, to_local
from desk.errors import DomainError
from desk.paths import backups_dir, database_path
from models import Desk, SyncState, db


@dataclass
class RestorePlan:
    backup: Path
    commune_code: str
    dossiers_in_backup: int
    lost_dossiers: list[str] = field(default_factory=list)  # codes not in the backup
    lost_events: int = 0
    unsent_dossiers: list[str] = field(default_factory=list)  # of those, not on the server
    unsent_events: int = 0
    current_readable: bool = True

    def json(self) -> dict[str, Any]:
        return {"backup": str(self.backup), "commune_code": self.commune_code,
                "dossiers_in_backup": self.dossiers_in_backup,
                "lost_dossiers": self.lost_dossiers, "lost_events": self.lost_events,
                "unsent_dossiers": self.unsent_dossiers, "unsent_events": self.unsent_events,
                "current_readable": self.current_readable}

    def summary(self) -> str:
        lines = [f"Bản sao lưu «{self.backup.name}» có {self.dossiers_in_backup} hồ sơ."]
        if not self.current_readable:
            lines.append("Tệp dữ liệu hiện tại không đọc được; nó sẽ được cất riêng.")
            return "\n".join(lines)
        if not self.lost_dossiers and not self.lost_events:
            lines.append("Mọi hồ sơ và bước xử lý trên máy đều có trong bản sao lưu.")
            return "\n".join(lines)
        lines.append(f"Trên máy có {len(self.lost_dossiers)} hồ sơ và {self.lost_events} bước "
                     "xử lý không có trong bản sao lưu.")
        synced = len(self.lost_dossiers) - len(self.unsent_dossiers)
        if synced or self.lost_events - self.unsent_events:
            lines.append(f"Máy chủ cấp trên đã giữ {synced} hồ sơ và "
                         f"{self.lost_events - self.unsent_events} bước trong số đó: lần đồng bộ "
                         "sau khi khôi phục sẽ lấy lại.")
        if self.unsent_dossiers or self.unsent_events:
            codes = ", ".join(self.unsent_dossiers[:10])
            more = " …" if len(self.unsent_dossiers) > 10 else ""
            lines.append(f"SẼ MẤT HẲN {len(self.unsent_dossiers)} hồ sơ và {self.unsent_events} "
                         f"bước chưa gửi lên cấp trên{': ' + codes + more if codes else ''}.")
        return "\n".join(lines)


def plan(backup: Path, data_dir: Path, current: peewee.Database | None) -> RestorePlan:
    """What restoring ``backup`` would do, checked against the desk's current file."""
    key = dbkey.require(database_path(data_dir))
    found = backups.check(backup, key)
    if current is None:
        return RestorePlan(backup, found["commune_code"], _count_in(backup, key),
                           current_readable=False)
    desk = Desk.select().order_by(Desk.created_at).first()
    if desk is not None and found["commune_code"] != desk.commune_code:
        raise DomainError("backup_other_commune",
                          f"Tệp «{backup.name}» là bản sao lưu của xã/phường khác (mã "
                          f"{found['commune_code']}), không phải của máy này.")
    with _attached(current, backup, key):
        return RestorePlan(backup, found["commune_code"], _scalar("SELECT count(*) FROM b.dossier"),
                           lost_dossiers=_column(
                               "SELECT code FROM dossier WHERE id NOT IN (SELECT id FROM "
                               "b.dossier) ORDER BY received_at"),
                           lost_events=_scalar(
                               "SELECT count(*) FROM dossier_event WHERE id NOT IN "
                               "(SELECT id FROM b.dossier_event)"),
                           unsent_dossiers=_column(
                               "SELECT d.code FROM dossier d JOIN outbox o ON o.record_id = d.id "
                               "AND o.record_type = 'dossier' WHERE o.state != 'acked' AND "
                               "d.id NOT IN (SELECT id FROM b.dossier) ORDER BY d.received_at"),
                           unsent_events=_scalar(
                               "SELECT count(*) FROM outbox WHERE record_type = 'event' AND "
                               "state != 'acked' AND record_id NOT IN "
                               "(SELECT id FROM b.dossier_event)"))


def apply(restore: RestorePlan, data_dir: Path, current: peewee.Database | None, *,
          by: str, now: Now) -> Path:
    """Swap the backup in; returns where the previous file was kept. The caller reopens."""
    path = database_path(data_dir)
    aside = backups_dir(data_dir) / f"motcua-before-restore-{to_local(now()):%Y%m%d-%H%M%S}.sqlite3"
    if current is not None:
        backups.take(current, data_dir, by=by, now=now, reason="before_restore", out=aside)
        current.close()
    elif path.exists():
        os.replace(path, aside)  # unreadable: kept as it is, for whoever can look at it
    incoming = path.with_name(path.name + ".restoring")
    shutil.copyfile(restore.backup, incoming)
    with open(incoming, "rb+") as handle:
        os.fsync(handle.fileno())
    for journal in ("-wal", "-shm"):
        path.with_name(path.name + journal).unlink(missing_ok=True)
    os.replace(incoming, path)
    return aside


def resume(restore: RestorePlan, aside: Path, *, by: str, now: Now) -> None:
    """On the reopened, restored file: counters past the file set aside, a full pull next."""
    key = dbkey.require(Path(db.obj.database))
    if restore.current_readable:
        # ATTACH and DETACH cannot happen inside a transaction: around it, not in it.
        with _attached(db.obj, aside, key, name="aside"), db.atomic():
            _merge_counters()
    with db.atomic():
        SyncState.update(pull_cursor=0).where(SyncState.id == 1).execute()
        settings.put("sync.pull_own", True)
        audit.record("restore", actor=by, target=restore.backup.name, now=now,
                     details={"lost_dossiers": len(restore.lost_dossiers),
                              "unsent_dossiers": len(restore.unsent_dossiers),
                              "kept_aside": aside.name})


def _merge_counters() -> None:
    db.execute_sql(
        'INSERT INTO "daily_sequence" SELECT * FROM aside."daily_sequence" WHERE 1 '
        'ON CONFLICT DO UPDATE SET "last" = max("last", excluded."last")')
    db.execute_sql(
        'INSERT INTO "ledger_sequence" SELECT * FROM aside."ledger_sequence" WHERE 1 '
        'ON CONFLICT DO UPDATE SET "last" = max("last", excluded."last")')
    # Outbox numbers keep rising, as the server has seen them rise.
    db.execute_sql(
        "UPDATE sqlite_sequence SET seq = max(seq, (SELECT coalesce(max(seq), 0) FROM "
        "aside.sqlite_sequence WHERE name = 'outbox')) WHERE name = 'outbox'")


class _attached:
    def __init__(self, database: peewee.Database, path: Path, key: bytes,
                 name: str = "b") -> None:
        self.database, self.path, self.key, self.name = database, path, key, name

    def __enter__(self) -> None:
        self.database.execute_sql(f"ATTACH DATABASE ? AS {self.name} KEY ?",
                                  (str(self.path), dbkey.sqlcipher_key(self.key)))

    def __exit__(self, *exc: object) -> None:
        self.database.execute_sql(f"DETACH DATABASE {self.name}")


def _scalar(sql: str) -> int:
    return int(db.execute_sql(sql).fetchone()[0])


def _column(sql: str) -> list[str]:
    return [row[0] for row in db.execute_sql(sql).fetchall()]


def _count_in(path: Path, key: bytes) -> int:
    connection = sqlcipher.connect(str(path))
    try:
        connection.execute(f'PRAGMA key = "{dbkey.sqlcipher_key(key)}"')
        return int(connection.execute("SELECT count(*) FROM dossier").fetchone()[0])
    finally:
        connection.close()

