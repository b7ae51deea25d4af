"""Wire records of dossiers as desks push them, built directly (no desk database), for tests
that need many dossiers with chosen histories on the server."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from dataclasses import dataclass, field
from typing import Any

from desk.clock import Now, encode_hlc
from models import Commune
from models.hub import Device
from server.ingest.batch import ingest
from server.ingest.decode import Line

DESK_ID = "0190c000-0000-7000-8000-00000000d35c"


def uid() -> str:
    return str(uuid.uuid4())


def iso(instant: dt.datetime) -> str:
    return instant.astimezone(dt.UTC).isoformat(timespec="microseconds")


def hlc(instant: dt.datetime, counter: int = 0) -> str:
    return encode_hlc(int(instant.timestamp() * 1000), counter)


@dataclass
class Step:
    kind: str
    at: dt.datetime
    data: dict[str, Any] = field(default_factory=dict)
    recorded: dt.datetime | None = None  # entered later (a paper record): its hlc is this
    note: str = ""


_numbers = itertools.count(1)


def dossier(commune: Commune, procedure: str, received: dt.datetime, due: dt.datetime,
            name: str = "Nguyễn Văn An", id_number: str = "079203001234",
            channel: str = "direct", phone: str = "0912345678",
            deadline: dt.datetime | None = None) -> dict[str, Any]:
    """A dossier record and its "received" event, as a desk writes them at intake."""
    number = next(_numbers)
    code = f"{commune.agency_code}-{received:%y%m%d}-{number:04d}"
    return {
        "type": "dossier", "v": 1, "id": uid(), "commune_code": commune.code,
        "desk_id": DESK_ID, "code": code, "procedure_code": procedure,
        "received_at": iso(received), "received_by": "Trần Thị Hồng", "channel": channel,
        "return_method": "counter", "sets_count": 1, "fee_amount": 0, "note": "",
        "ledger_book": "", "ledger_entry": number,
        "applicant": {"id": uid(), "name": name, "id_number": id_number, "phone": phone,
                      "address": "Thôn Đông", "email": "", "birth_date": None, "sex": ""},
        "documents": [{"id": uid(), "position": 1, "name": "Tờ khai", "form": "original",
                       "quantity": 1}],
        "_due": due, "_deadline": deadline or due,
    }


def events(record: dict[str, Any], steps: list[Step]) -> list[dict[str, Any]]:
    """The "received" event and one event per step, each stamped by a hybrid clock at its
    ``recorded`` time (default: when it happened)."""
    received = dt.datetime.fromisoformat(record["received_at"])
    out = [_event(record, Step("received", received, {
        "due_at": iso(record["_due"]), "deadline_at": iso(record["_deadline"])}), 0)]
    for counter, step in enumerate(steps, start=1):
        out.append(_event(record, step, counter))
    return out


def _event(record: dict[str, Any], step: Step, counter: int) -> dict[str, Any]:
    stamped = step.recorded or step.at
    return {
        "type": "event", "v": 1, "id": uid(), "commune_code": record["commune_code"],
        "dossier_id": record["id"], "kind": step.kind, "at": iso(step.at),
        "recorded_at": iso(stamped), "hlc": hlc(stamped, counter), "actor": "Trần Thị Hồng",
        "origin": "desk", "note": step.note, "data": step.data,
    }


def wire(record: dict[str, Any]) -> dict[str, Any]:
    """The record without the factory's own keys."""
    return {k: v for k, v in record.items() if not k.startswith("_")}


class Pusher:
    """Pushes records for a device through the server's real ingest, in order."""

    def __init__(self, device: Device, clock: Now | None = None) -> None:
        self.device = device
        # the moment the server stamps (contact, ledger); figures read the events' own times
        self.clock = clock or (lambda: device.created_at)
        self.seq = device.acked_seq

    def push(self, records: list[dict[str, Any]]) -> None:
        lines = []
        for record in records:
            self.seq += 1
            lines.append(Line(self.seq, wire(record)))
        if lines:
            ingest(Device.get_by_id(self.device.id), lines, now=self.clock)


def seed_province(procedure: str, now: dt.datetime) -> dict[str, dict[str, Any]]:
    """Dossiers of the two test communes in the month before ``now``: Tân Phú has one
    overdue, one due within the hour, one resolved early and rated; An Bình has one resolved
    late. Returns the dossier records by role."""
    from models import Commune as CommuneRow
    from tests.sync.conftest import AN_BINH, TAN_PHU

    tan_phu, an_binh = CommuneRow.get_by_id(TAN_PHU[0]), CommuneRow.get_by_id(AN_BINH[0])
    day = dt.timedelta(days=1)
    late = dossier(tan_phu, procedure, now - 12 * day, now - 2 * day, name="Đặng Văn Đức",
                   id_number="079203001234")
    soon = dossier(tan_phu, procedure, now - 3 * day, now + dt.timedelta(hours=1),
                   name="Nguyễn Thị Hoà", id_number="079303004321")
    early = dossier(tan_phu, procedure, now - 10 * day, now - 3 * day, name="Lê Văn Tám",
                    id_number="079203007777", channel="online")
    slow = dossier(an_binh, procedure, now - 9 * day, now - 6 * day, name="Trần Thị Đào",
                   id_number="079303009999")
    for place, records in (
        (tan_phu, [late, *events(late, []), soon, *events(soon, []), early,
                   *events(early, [Step("result_ready", now - 8 * day),
                                   Step("returned", now - 7 * day),
                                   Step("rated", now - 7 * day, {"rating": 3})])]),
        (an_binh, [slow, *events(slow, [Step("assigned", now - 8 * day),
                                        Step("result_ready", now - 4 * day),
                                        Step("returned", now - 4 * day)])])):
        device = Device.get_or_none(Device.commune_code == place.code) or Device.create(
            id=uid(), commune_code=place.code, name=f"Máy 1 — {place.name}",
            secret_hash="0" * 64, bundle_key="0" * 64, created_at=now - 30 * day,
            last_seen_at=now - dt.timedelta(hours=2))
        Pusher(device, lambda: now).push(records)
        # the last contact the table shows: a sync two hours ago
        Device.update(last_seen_at=now - dt.timedelta(hours=2)).where(
            Device.id == device.id).execute()
    return {"late": late, "soon": soon, "early": early, "slow": slow}
