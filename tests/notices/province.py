"""An in-process province server database and a desk of Tân Phú feeding it through the very
ingest a push or a bundle goes through: what the notice tests stand on."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desk import events, intake
from desk.context import load_context
from desk.ids import new_id
from models import Outbox, db
from models.hub import Device
from models.hub_migrations import HUB_MIGRATIONS
from models.migrations import migrate
from server import reference
from server.communes import add_commune
from server.database import connect
from server.ingest.batch import ingest
from server.ingest.decode import Line
from tests.sync.conftest import TAN_PHU
from tests.sync.harness import PERSON, DeskHarness, bound

LANDLINE = intake.ApplicantInput(name="Trần Thị Hồng", id_number="079203001234",
                                 phone="0251 3822 123", email="hong@example.vn")
EMAIL_ONLY = intake.ApplicantInput(name="Lê Văn An", id_number="079203001234",
                                   email="an@example.vn")
BOTH = intake.ApplicantInput(name=PERSON.name, id_number=PERSON.id_number, phone=PERSON.phone,
                             address=PERSON.address, email="duc@example.vn")


class Province:
    def __init__(self, tmp_path: Path, desk: DeskHarness) -> None:
        self.database = connect(str(tmp_path / "hub.sqlite3"))
        self.desk = desk
        with self.session():
            migrate(db.obj, HUB_MIGRATIONS)
            reference.ensure_loaded(now=lambda: dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
            add_commune(*TAN_PHU)
            self.device = Device.create(
                id=new_id(), commune_code=TAN_PHU[0], name="máy 1", secret_hash="-",
                bundle_key="-", created_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
        self.sent_seq = 0

    @contextlib.contextmanager
    def session(self) -> Iterator[None]:
        with bound(self.database), self.database.connection_context():
            yield

    def receive(self, clock: Any, person: intake.ApplicantInput = BOTH, notify: bool = True,
                steps: tuple[str, ...] = (), **data: Any) -> str:
        with self.desk.session():
            ctx = load_context(now=clock)
            code = intake.receive(ctx, intake.IntakeRequest("1.001193", person, notify=notify),
                                  now=clock).code
            for kind in steps:
                events.record(ctx, code, kind, now=clock, note=data.get("note", ""),
                              data=data.get(kind, {}))
        return code

    def step(self, clock: Any, code: str, kind: str, note: str = "", **data: Any) -> None:
        with self.desk.session():
            events.record(load_context(now=clock), code, kind, now=clock, note=note, data=data)

    def pending_lines(self) -> list[Line]:
        with self.desk.session():
            rows = Outbox.select().where(Outbox.seq > self.sent_seq).order_by(Outbox.seq)
            return [Line(r.seq, json.loads(r.payload)) for r in rows]

    def push(self, clock: Any, lines: list[Line] | None = None) -> list[Line]:
        """Ingest what the desk has not sent yet (or ``lines`` again, as a retried batch)."""
        lines = self.pending_lines() if lines is None else lines
        with self.session():
            ingest(Device.get_by_id(self.device.id), lines, now=clock)
        if lines:
            self.sent_seq = max(self.sent_seq, lines[-1].seq)
        return lines
