"""Notices as the dashboard and ``motcua-server notices`` show them: no address, only the
channel, the state and the reason in Vietnamese."""

from __future__ import annotations

from typing import Any

from desk.clock import iso_local, to_local
from models.hub import Notice
from server.notices import kinds


def notice_json(item: tuple[Notice, str]) -> dict[str, Any]:
    notice, code = item
    return {
        "dossier_code": code, "kind": notice.kind, "channel": notice.channel,
        "state": notice.state, "attempts": notice.attempts, "last_error": notice.last_error,
        "created_at": iso_local(notice.created_at),
        "next_attempt_at": iso_local(notice.next_attempt_at)
        if notice.state == kinds.PENDING else None,
        "sent_at": iso_local(notice.sent_at),
    }


def notice_row(item: tuple[Notice, str]) -> dict[str, Any]:
    """The same, worded for people (labels, local times)."""
    notice, code = item
    return {
        "code": code, "kind": kinds.LABELS.get(notice.kind, notice.kind),
        "channel": kinds.CHANNEL_LABELS.get(notice.channel, notice.channel),
        "state": kinds.STATE_LABELS.get(notice.state, notice.state), "failed":
        notice.state == kinds.FAILED, "attempts": notice.attempts, "reason": notice.last_error,
        "created": _local(notice), "next": to_local(notice.next_attempt_at).strftime(
            "%H:%M %d/%m/%Y") if notice.state == kinds.PENDING else "",
    }


def _local(notice: Notice) -> str:
    return to_local(notice.created_at).strftime("%H:%M %d/%m/%Y")
