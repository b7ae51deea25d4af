"""A catalogue or calendar file, in the shipped JSON format, loaded from the admin page and
published to every desk's next pull (the desk's own loaders, server.reference.publish).

Issue #10 adds ``motcua-server reference load`` with version checks; when it lands this module
calls that function instead of the loaders directly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from desk import catalogue
from desk.clock import Now
from models import db
from server import reference


@dataclass(frozen=True)
class Loaded:
    kind: str  # "catalogue" | "calendar"
    count: int
    version: str


class ReferenceRefused(ValueError):
    """The file is not a catalogue or a calendar this server can load (Vietnamese message)."""


def load(blob: bytes, *, now: Now) -> Loaded:
    data = _json(blob)
    try:
        with db.atomic():
            if isinstance(data.get("procedures"), list):
                loaded = Loaded("catalogue", catalogue.load_procedures(data),
                                str(data.get("version", "")))
            elif isinstance(data.get("overrides"), list):
                loaded = Loaded("calendar", catalogue.load_calendar_overrides(data, "server"),
                                str(data.get("version", "")))
            else:
                raise ReferenceRefused("Tệp không phải danh mục thủ tục (khoá «procedures») "
                                       "hay lịch ngày nghỉ, ngày làm bù (khoá «overrides»).")
            reference.publish(now=now)
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, ReferenceRefused):
            raise
        raise ReferenceRefused(f"Tệp thiếu hoặc sai một mục ({exc}); không có gì được nạp.") \
            from exc
    return loaded


def _json(blob: bytes) -> dict[str, Any]:
    try:
        data = json.loads(blob.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReferenceRefused("Tệp không phải JSON UTF-8 hợp lệ.") from exc
    if not isinstance(data, dict):
        raise ReferenceRefused("Tệp JSON phải là một đối tượng.")
    return data
