"""Pulling from the server page by page; each page and its cursor commit together."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from desk import settings
from desk.clock import Now
from desk.errors import DomainError
from desk.outbox import pending_count
from desk.sync import incoming
from desk.sync.transport import Transport, not_the_server, refused_device
from models import SyncState

Progress = Callable[[int], None]  # records applied so far


def pull(transport: Transport, progress: Progress | None = None, *, now: Now) -> int:
    """Every page since the cursor; then the changes set aside earlier are tried again."""
    applied, started_at = 0, SyncState.get_by_id(1).pull_cursor
    # After a restore this desk asks for its own records too: those pushed after the backup.
    own = bool(settings.get("sync.pull_own"))
    while True:
        cursor = SyncState.get_by_id(1).pull_cursor
        params = {"since": cursor, **({"own": "true"} if own else {})}
        response = transport.call("GET", "/sync/pull", params=params,
                                  headers={"X-Motcua-Pending": str(pending_count())})
        if response.status_code in (401, 403):
            raise refused_device(response)
        if response.status_code != 200:
            raise DomainError("sync_refused", "Máy chủ cấp trên không trả dữ liệu cập nhật "
                                              f"(mã lỗi HTTP {response.status_code}).")
        header, lines = _page(transport, response)
        applied += incoming.apply(incoming.parse(lines), header["cursor"], now=now)
        if progress:
            progress(applied)
        if not header["more"]:
            if own:
                settings.put("sync.pull_own", False)
            return applied + incoming.retry_parked(started_at, now=now)


def _page(transport: Transport, response: httpx.Response) -> tuple[dict[str, Any], list[bytes]]:
    """The page's header line ({"cursor", "more"}) and its record lines."""
    head, *lines = response.content.split(b"\n")
    try:
        header = json.loads(head)
    except ValueError:
        header = None
    if not (isinstance(header, dict) and isinstance(header.get("cursor"), int)
            and isinstance(header.get("more"), bool)):
        transport.skew_seconds = None
        raise not_the_server(response)
    return header, lines
