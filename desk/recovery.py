"""The recovery key is shown once: at setup, to be printed and kept by the leader."""

from __future__ import annotations

from pathlib import Path

from desk import audit, dbkey, settings
from desk.clock import Now

SHOWN = "security.recovery_key_shown_at"
ADVICE = ("Hãy in hoặc chép khóa khôi phục này và giao lãnh đạo cất giữ nơi an toàn. Khi thay "
          "máy tính hoặc cài lại Windows, cần khóa này để mở dữ liệu và các bản sao lưu. "
          "Khóa chỉ hiện một lần.")


def reveal_once(database: Path, *, by: str, now: Now) -> str | None:
    """The recovery key if it has never been shown on this desk, else None; recorded."""
    if settings.get(SHOWN):
        return None
    text = dbkey.recovery_text(dbkey.require(database))
    settings.put(SHOWN, now().isoformat())
    audit.record("recovery_key_shown", actor=by, now=now)
    return text
