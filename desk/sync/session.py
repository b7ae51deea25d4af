"""One sync: push then pull, with the outcome written to SyncState for the status bar."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from desk import credentials
from desk.clock import Now
from desk.errors import DomainError
from desk.outbox import pending_count
from desk.sync import pull, push
from desk.sync.batching import BatchSizer
from desk.sync.transport import UNREACHABLE, Transient, Transport, record_skew
from models import SyncState

NOT_ENROLLED = ("Máy này chưa đăng ký với máy chủ cấp trên. "
                "Hãy xin mã đăng ký và chạy: motcua enroll --server URL --code MÃ.")


@dataclass(frozen=True)
class Enrolment:
    server_url: str
    device_id: str
    secret: str

    @property
    def token(self) -> str:
        return f"{self.device_id}.{self.secret}"


def enrolment() -> Enrolment:
    state = SyncState.get_or_none(SyncState.id == 1)
    if state is None or not state.server_url or not state.device_id:
        raise DomainError("not_enrolled", NOT_ENROLLED)
    return Enrolment(state.server_url, state.device_id, credentials.load_secret(state.device_id))


def transport(client: httpx.Client | None = None, *, now: Now) -> Transport:
    who = enrolment()
    return Transport(who.server_url, who.token, client=client, now=now)


def sync(client: httpx.Client | None = None, sizer: BatchSizer | None = None,
         on_push: push.Progress | None = None, on_pull: pull.Progress | None = None, *,
         now: Now) -> dict[str, Any]:
    """``{"pushed", "pulled", "pending", "acked_seq", "parked"}``; raises DomainError after
    recording why, so the status bar shows it."""
    link = transport(client, now=now)
    SyncState.update(last_attempt_at=now()).where(SyncState.id == 1).execute()
    try:
        pushed = push.push(link, sizer, on_push, now=now)
        pulled = pull.pull(link, on_pull, now=now)
    except DomainError as exc:
        _finish(link, now, error=exc.message)
        raise
    finally:
        if client is None:
            link.close()
    _finish(link, now, error="")
    return {"pushed": pushed.pushed, "pulled": pulled, "pending": pending_count(),
            "acked_seq": SyncState.get_by_id(1).acked_seq, "parked": pushed.parked}


def _finish(link: Transport, now: Now, error: str) -> None:
    values: dict[Any, Any] = {SyncState.last_error: error}
    if not error:
        values[SyncState.last_success_at] = now()
    SyncState.update(values).where(SyncState.id == 1).execute()
    record_skew(link)


def probe(client: httpx.Client | None = None, *, now: Now) -> bool:
    """Does the server answer its health check (no auth, one quick request) as the API does:
    its JSON, status "ok"? A cut line or another page (a captive portal) is counted as an
    attempt with its reason, so the status bar turns to "offline" and says why."""
    link = Transport(enrolment().server_url, client=client, now=now)
    try:
        answered = link.request("GET", "/health")
        healthy = (answered.status_code == 200
                   and link.answer(answered, "status", "server_time")["status"] == "ok")
    except Transient:
        _offline(now, UNREACHABLE)
        return False
    except DomainError as exc:  # not the API's answer: its clock figure is not taken either
        _offline(now, exc.message)
        return False
    finally:
        if client is None:
            link.close()
    record_skew(link)
    return healthy


def _offline(now: Now, reason: str) -> None:
    SyncState.update(last_attempt_at=now(), last_error=reason).where(
        SyncState.id == 1).execute()
