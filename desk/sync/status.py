"""What the status bar says about sync: configured or not, what waits, when it last worked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desk.clock import Now
from models import Outbox, ParkedChange, SyncState

STALE_AFTER = dt.timedelta(days=7)  # DESIGN.md §3: then the desk offers the USB bundle
SKEW_WARNING = dt.timedelta(minutes=2)


@dataclass(frozen=True)
class SyncStatus:
    configured: bool
    pending: int
    parked: int
    last_success_at: dt.datetime | None
    last_attempt_at: dt.datetime | None
    last_error: str
    clock_skew_seconds: float
    stale: bool

    @property
    def clock_is_off(self) -> bool:
        return abs(self.clock_skew_seconds) >= SKEW_WARNING.total_seconds()


def sync_status(*, now: Now) -> SyncStatus:
    state = SyncState.get_or_none(SyncState.id == 1)
    configured = bool(state and state.server_url and state.device_id)
    last_success = state.last_success_at if state else None
    pending = Outbox.select().where(Outbox.state == "pending").count()
    return SyncStatus(
        configured=configured,
        pending=pending,
        parked=Outbox.select().where(Outbox.state == "parked").count()
        + ParkedChange.select().count(),
        last_success_at=last_success,
        last_attempt_at=state.last_attempt_at if state else None,
        last_error=state.last_error if state else "",
        clock_skew_seconds=state.clock_skew_seconds if state else 0.0,
        stale=configured and bool(pending)
        and _waiting_since(last_success, now) < now() - STALE_AFTER,
    )


def _waiting_since(last_success: dt.datetime | None, now: Now) -> dt.datetime:
    """Since when the desk has had no sync: its last success, or else its oldest waiting record
    (a desk enrolled yesterday is not "seven days without sync")."""
    if last_success is not None:
        return last_success
    oldest = Outbox.select(Outbox.created_at).where(Outbox.state == "pending").order_by(
        Outbox.seq).first()
    return oldest.created_at if oldest else now()
