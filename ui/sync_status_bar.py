"""The status bar's account of sync: online or not, what waits, when it last worked."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from desk.sync.status import SyncStatus
from ui import formats


def online(status: SyncStatus) -> bool:
    """Online means the last contact with the server succeeded (the worker's own verdict)."""
    return bool(status.last_success_at and status.last_attempt_at
                and status.last_success_at >= status.last_attempt_at)


def describe(status: SyncStatus) -> tuple[str, str]:
    """The text, and a level ("ok" | "warn"), the status bar shows for a sync status."""
    waiting = f"Chờ gửi: {status.pending:,} bản ghi".replace(",", ".")
    if status.parked:
        waiting += f" ({status.parked} bản ghi bị giữ lại, cần kiểm tra)"
    if not status.configured:
        return f"Chưa cấu hình đồng bộ với máy chủ cấp trên · {waiting}", "warn"
    state = "● Trực tuyến" if online(status) else "○ Ngoại tuyến"
    if not online(status) and status.last_error:
        state += f" ({headline(status.last_error)})"
    parts = [state, waiting,
             "Đồng bộ lần cuối: " + (formats.instant(status.last_success_at)
                                     if status.last_success_at else "chưa lần nào")]
    level = "ok" if online(status) and not status.parked else "warn"
    if status.stale:
        parts.append("Đã hơn 7 ngày chưa đồng bộ: hãy xuất gói dữ liệu ra USB")
        level = "warn"
    if status.clock_is_off:
        minutes = round(abs(status.clock_skew_seconds) / 60)
        parts.append(f"Đồng hồ máy lệch {minutes} phút so với máy chủ")
        level = "warn"
    return " · ".join(parts), level


def headline(message: str) -> str:
    """The first clause of the last error, which the status bar has room for (the tooltip
    holds all of it): "Không kết nối được máy chủ cấp trên"."""
    first = message.split(". ")[0].split(", ")[0].strip()  # 1024 px leave room for a clause
    return first.rstrip(".")


class SyncStatusLabel(QLabel):
    def show_status(self, status: SyncStatus) -> None:
        text, level = describe(status)
        self.setText(text)
        self.setToolTip(status.last_error or "")
        self.setStyleSheet("" if level == "ok" else "color:#8a4b00;")
        self.setProperty("level", level)
