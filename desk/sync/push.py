"""Pushing the outbox: batch after batch, acknowledged rows marked only on the server's answer.

One refused record never blocks the queue: the server names it, the desk parks it (state
"parked", with the server's code) and sends the rest again. A 413 halves the batch. A cut line
or a 5xx is retried with back-off; whatever happens, the next push resumes from what the server
acknowledged, so nothing is lost or doubled. Parked rows may be re-queued later
(desk.sync.parked); they keep their sequence numbers, so they sit below the acknowledged
number and only an answer to a batch that carried them may mark them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from desk.clock import Now
from desk.errors import DomainError
from desk.outbox import pending_count
from desk.sync.batching import Batch, BatchSizer, next_batch
from desk.sync.transport import Transport, error_code, not_the_server, refused_device
from models import Outbox, SyncState, db

Progress = Callable[[int, int], None]  # (sent so far, total when the push began)


@dataclass
class PushReport:
    pushed: int = 0
    parked: int = 0
    acked_seq: int = 0


def push(transport: Transport, sizer: BatchSizer | None = None,
         progress: Progress | None = None, *, now: Now) -> PushReport:
    sizer = sizer or BatchSizer()
    report = PushReport(acked_seq=_acked_seq())
    total = pending_count()
    while (batch := next_batch(sizer)) is not None:
        _send(transport, batch, sizer, report, now)
        if progress:
            progress(report.pushed + report.parked, total)
    return report


def _send(transport: Transport, batch: Batch, sizer: BatchSizer, report: PushReport,
          now: Now) -> None:
    Outbox.update(attempts=Outbox.attempts + 1).where(
        Outbox.seq.in_([r.seq for r in batch.rows])).execute()
    started = time.monotonic()
    response = transport.call("POST", "/sync/push", content=batch.body, headers={
        "Content-Type": batch.media_type, "Content-Encoding": "zstd",
        "X-Motcua-Batch": f"{batch.first}-{batch.last}",
        "X-Motcua-Pending": str(max(0, pending_count() - len(batch.rows))),
    })
    status = response.status_code
    if status == 200:
        sizer.observe(batch.raw_size, len(batch.body), time.monotonic() - started)
        acked = _whole(transport.answer(response, "acked_seq")["acked_seq"], transport, response)
        if acked < batch.last:  # the server must hold at least what it just took
            raise _unexpected(status)
        report.pushed += mark_acked(min(acked, batch.last), [r.seq for r in batch.rows])
        report.acked_seq = max(report.acked_seq, acked)
    elif status == 413:
        if len(batch.rows) == 1:
            report.parked += park({batch.first: ("batch_too_large", "bản ghi quá lớn")},
                                  now=now)
        sizer.halve()
    elif status in (409, 422) and error_code(response) == "records_refused":
        refused = _refused(transport, response)
        if not refused.keys() & {r.seq for r in batch.rows}:
            raise _unexpected(status)
        report.parked += park(refused, now=now)
    elif status in (401, 403):
        raise refused_device(response)
    else:
        raise _unexpected(status)


def _whole(value: object, transport: Transport, response: httpx.Response) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        transport.skew_seconds = None
        raise not_the_server(response)
    return value


def _refused(transport: Transport, response: httpx.Response) -> dict[int, tuple[str, str]]:
    listed = transport.answer(response, "refused")["refused"]
    try:
        return {int(r["seq"]): (str(r["code"]), str(r.get("detail", ""))) for r in listed}
    except (TypeError, KeyError, ValueError):
        transport.skew_seconds = None
        raise not_the_server(response) from None


def mark_acked(up_to: int, carried: list[int] | None = None) -> int:
    """Rows the server holds, in one transaction with the desk's copy of the acknowledged
    number.

    A push answer covers its batch (``carried``): exactly those rows are marked, not a row
    re-queued while the batch was in flight. A reply bundle gives only a number: it marks the
    pending rows up to it that were never refused. A re-queued row (pending, its last refusal
    still in ``error``) below that number may not have travelled in the bundle answered; it
    waits for a push that carries it, which the server's ledger makes a harmless repeat.
    """
    if carried is None:
        which = (Outbox.seq <= up_to) & (Outbox.error == "")
    else:
        which = Outbox.seq.in_(carried) & (Outbox.seq <= up_to)
    with db.atomic():
        done = Outbox.update(state="acked", error="").where(
            (Outbox.state == "pending") & which).execute()
        SyncState.update(acked_seq=up_to).where(
            (SyncState.id == 1) & (SyncState.acked_seq < up_to)).execute()
    return int(done)


def park(refused: dict[int, tuple[str, str]], *, now: Now) -> int:
    """Set refused rows aside with the server's reason; the rest of the queue goes on."""
    when = now()
    with db.atomic():
        count = 0
        for seq, (code, detail) in refused.items():
            count += Outbox.update(state="parked", error=f"{code}: {detail}"[:500],
                                   parked_at=when).where(
                (Outbox.seq == seq) & (Outbox.state == "pending")).execute()
    return count


def _acked_seq() -> int:
    state = SyncState.get_or_none(SyncState.id == 1)
    return int(state.acked_seq) if state else 0


def _unexpected(status: int) -> DomainError:
    return DomainError("sync_refused",
                       f"Máy chủ cấp trên từ chối dữ liệu (mã lỗi HTTP {status}). "
                       "Hãy báo cán bộ kỹ thuật; dữ liệu vẫn được giữ trên máy.")
