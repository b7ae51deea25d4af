"""The audit trail: append an entry, read entries, and check the hash chain.

An entry is ``{"at", "actor", "action", "target", "details"}``. The actor is an account's login
(empty before any account exists); the target a dossier code, a login, a setting key or a file
name. Nothing personal goes into an entry beyond the dossier code: no names, ID numbers,
phones or free-text notes (an event's note may hold any of those, so it stays with the event).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desk.clock import Now, iso_local, to_local
from desk.errors import DomainError
from desk.workflow import EVENT_LABELS
from models import AuditEntry, db
from models.base import utc_text

GENESIS = "0" * 64

ACTION_LABELS = {
    "login": "Đăng nhập",
    "login_failed": "Đăng nhập sai",
    "logout": "Đăng xuất",
    "lock": "Khóa màn hình",
    "desk_initialized": "Khởi tạo máy",
    "account_added": "Tạo tài khoản",
    "account_disabled": "Khóa tài khoản",
    "password_changed": "Đổi mật khẩu",
    "setting_changed": "Thay đổi cài đặt",
    "export": "Xuất dữ liệu",
    "bundle_imported": "Nhập gói dữ liệu",
    "enrolled": "Đăng ký máy với cấp trên",
    "backup": "Sao lưu",
    "backup_failed": "Sao lưu không thành công",
    "restore": "Khôi phục dữ liệu",
    "encrypted": "Mã hóa dữ liệu",
    "recovery_key_shown": "Hiển thị khóa khôi phục",
    **{f"event.{kind}": label for kind, label in EVENT_LABELS.items()},
}


DETAIL_LABELS = {
    "at": "thời điểm ghi", "field": "trường đính chính", "role": "vai trò", "why": "lý do",
    "file": "tệp", "what": "nội dung", "bytes": "dung lượng (byte)", "reason": "lý do",
    "desk_number": "máy số", "acked": "bản ghi được xác nhận",
    "lost_dossiers": "hồ sơ không có trong bản sao lưu",
    "unsent_dossiers": "hồ sơ mất hẳn", "kept_aside": "tệp cũ cất tại",
}
VALUE_LABELS = {
    "wrong_password": "sai mật khẩu", "unknown_account": "không có tài khoản này",
    "account_disabled": "tài khoản đã khóa", "manual": "làm bằng tay", "daily": "đầu ngày",
    "close": "khi đóng cửa sổ", "before_restore": "trước khi khôi phục",
    "receipt": "giấy tiếp nhận", "report": "báo cáo", "ledger": "sổ theo dõi",
    "bundle": "gói dữ liệu USB", "clerk": "cán bộ tiếp nhận", "leader": "lãnh đạo",
    "admin": "quản trị", "backup_folder_missing": "không thấy thư mục",
    "backup_folder_full": "thư mục đầy", "backup_failed": "không ghi được",
}


NO_ACTOR = "—"  # before any account existed, or a failed login (whoever typed is unknown)


def details_text(details: dict[str, Any]) -> str:
    """An entry's details as the audit screen and ``motcua audit`` show them."""
    return "; ".join(f"{DETAIL_LABELS.get(key, key)}: {_value(key, v)}"
                     for key, v in details.items())


def _value(key: str, value: Any) -> str:
    if key == "at" and isinstance(value, str):
        return to_local(dt.datetime.fromisoformat(value)).strftime("%H:%M %d/%m/%Y")
    return str(VALUE_LABELS.get(str(value), value))


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    entries: int
    broken_at: int | None = None  # the first entry that does not fit the chain
    reason: str = ""

    @property
    def message(self) -> str:
        if self.ok:
            return f"Nhật ký nguyên vẹn ({self.entries} mục)."
        return (f"Nhật ký đã bị sửa hoặc xóa từ mục số {self.broken_at}: {self.reason}. "
                "Hãy báo ngay cho lãnh đạo và cán bộ kỹ thuật.")


def exported(what: str, path: Path, *, actor: str, now: Now, target: str = "") -> None:
    """A file with citizens' data left the database: say what, where (its name only), who."""
    record("export", actor=actor, target=target, now=now,
           details={"what": what, "file": path.name})


def record(action: str, *, actor: str, now: Now, target: str = "",
           details: dict[str, Any] | None = None) -> AuditEntry:
    """Append one entry (inside the caller's transaction when there is one)."""
    if action not in ACTION_LABELS:
        raise ValueError(f"unknown audit action {action!r}")
    with db.atomic():
        last = AuditEntry.select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).first()
        seq = _next_seq()
        entry = {"seq": seq, "at": now(), "actor": actor, "action": action, "target": target,
                 "details": json.dumps(details or {}, ensure_ascii=False, sort_keys=True,
                                       separators=(",", ":"))}
        digest = chain_hash(last.hash if last else GENESIS, entry)
        return AuditEntry.create(**entry, hash=digest)


def _next_seq() -> int:
    """The number AUTOINCREMENT will give, so the hash can cover it (the write lock is held)."""
    row = db.execute_sql(
        "SELECT seq FROM sqlite_sequence WHERE name = 'audit_entry'").fetchone()
    return int(row[0]) + 1 if row else 1


def chain_hash(previous: str, entry: dict[str, Any]) -> str:
    at = entry["at"]
    body = {**entry, "at": at if isinstance(at, str) else utc_text(at)}
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((previous + canonical).encode()).hexdigest()


def verify() -> ChainCheck:
    """Walk the chain from the first entry; a gap, an edit or a cut-off tail is reported."""
    previous, expected_seq, count = GENESIS, 1, 0
    for row in AuditEntry.select().order_by(AuditEntry.seq).iterator():
        entry = {"seq": row.seq, "at": utc_text(row.at), "actor": row.actor,
                 "action": row.action, "target": row.target, "details": row.details}
        if row.seq != expected_seq:
            return ChainCheck(False, count, expected_seq, "thiếu mục")
        if chain_hash(previous, entry) != row.hash:
            return ChainCheck(False, count, row.seq, "nội dung không khớp")
        previous, expected_seq, count = row.hash, row.seq + 1, count + 1
    if _next_seq() != expected_seq:
        return ChainCheck(False, count, expected_seq, "các mục cuối đã bị xóa")
    return ChainCheck(True, count)


def entries(since: dt.datetime | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Entries oldest first (``limit``: the newest that many), as ``motcua audit --json``."""
    query = AuditEntry.select().order_by(AuditEntry.seq.desc())
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if limit is not None:
        query = query.limit(limit)
    return [entry_json(row) for row in reversed(list(query))]


def entry_json(row: AuditEntry) -> dict[str, Any]:
    return {"seq": row.seq, "at": iso_local(row.at), "actor": row.actor, "action": row.action,
            "label": ACTION_LABELS.get(row.action, row.action), "target": row.target,
            "details": json.loads(row.details)}


def require_intact() -> ChainCheck:
    check = verify()
    if not check.ok:
        raise DomainError("audit_chain_broken", check.message)
    return check
