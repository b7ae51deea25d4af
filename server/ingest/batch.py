"""One push, start to end: check every record, then apply all of them or none."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desk.clock import Now
from desk.codes import is_code_of
from models import Commune, db
from models.hub import Device
from server import refusal_log
from server.database import is_postgresql
from server.errors import ApiError
from server.ingest import apply, folding, ledger, references
from server.ingest.decode import Line
from server.ingest.references import Refused
from server.ingest.shapes import Refusal, check_shape
from server.notices import outbox


@dataclass(frozen=True)
class BatchResult:
    acked_seq: int
    applied: int
    duplicates: int


def ingest(device: Device, lines: list[Line], pending: int | None = None, *,
           now: Now) -> BatchResult:
    """Apply ``lines`` for ``device`` in one transaction, or raise ApiError and write nothing;
    no record may be stamped far beyond the server's clock ``now``."""
    moment = now()
    try:
        return _apply(device, lines, pending, moment)
    except ApiError as exc:
        if exc.code == "records_refused":
            refusal_log.record(device, exc.extra.get("refused", []), lines, moment)
        raise


def _apply(device: Device, lines: list[Line], pending: int | None,
           moment: dt.datetime) -> BatchResult:
    items, refused = _shape_checked(lines, device.commune_code, moment)
    with db.atomic():
        _lock(device)
        fresh, retries, conflicts = ledger.partition(items)
        refused += [Refused(i.seq, "record_conflict",
                            f"record {i.id} was already received with other content")
                    for i in conflicts]
        refused += references.check(fresh, device.commune_code)
        refused += folding.check(fresh, refused)
        if refused:
            raise _refusal(refused)
        apply.write(fresh, device.id, moment)
        outbox.create_for_events([i.record for i in fresh if i.type == "event"], now=moment)
        acked = _acknowledge(device, lines[-1].seq, moment, pending)
    return BatchResult(acked_seq=acked, applied=len(fresh), duplicates=len(retries))


def _shape_checked(
    lines: list[Line], commune_code: str, now: dt.datetime
) -> tuple[list[ledger.Incoming], list[Refused]]:
    agency = Commune.select(Commune.agency_code).where(Commune.code == commune_code).scalar()
    items, refused = [], []
    for line in lines:
        try:
            check_shape(line.record, now)
            if line.record["commune_code"] != commune_code:
                raise Refusal("wrong_commune",
                              f"record belongs to commune {line.record['commune_code']}")
            if line.record["type"] == "dossier" and not is_code_of(line.record["code"], agency):
                raise Refusal("wrong_agency_code",
                              f"a dossier code of this commune begins with {agency}-")
            items.append(ledger.incoming(line.seq, line.record))
        except Refusal as exc:
            refused.append(Refused(line.seq, exc.code, exc.detail))
        except ledger.NotCanonical as exc:
            refused.append(Refused(line.seq, "invalid_record", str(exc)))
    return items, refused


def _lock(device: Device) -> None:
    """Serialise pushes of one device (a duplicated request waits, then finds its retries)."""
    if is_postgresql(db.obj):
        list(Device.select(Device.id).where(Device.id == device.id).for_update())


def _acknowledge(device: Device, last_seq: int, now: dt.datetime, pending: int | None) -> int:
    current = Device.get_by_id(device.id)
    acked = max(current.acked_seq, last_seq)
    values = {Device.acked_seq: acked, Device.last_seen_at: now}
    if pending is not None:
        values[Device.pending_reported] = pending
    Device.update(values).where(Device.id == device.id).execute()
    return acked


def _refusal(refused: list[Refused]) -> ApiError:
    """409 when a record conflicts with one already held, else 422; nothing was applied."""
    ordered = sorted(refused, key=lambda r: r.seq)
    conflict = any(r.code == "record_conflict" for r in ordered)
    return ApiError(409 if conflict else 422, "records_refused",
                    f"{len(ordered)} record(s) refused; nothing from this batch was applied",
                    refused=[r.json() for r in ordered])
