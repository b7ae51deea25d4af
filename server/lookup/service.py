"""What anyone holding a dossier code may learn: status, procedure, dates, the commune and
when it last synced, and the applicant's name masked (desk.masking). Never the ID number,
phone, address or e-mail: they are not even read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import peewee

from desk import workflow
from desk.clock import iso_local
from desk.masking import mask_name
from models import Applicant, Commune, Dossier, Procedure
from models.base import UtcDateTimeField
from models.hub import Device


@dataclass(frozen=True)
class PublicDossier:
    code: str
    status: str
    procedure_code: str
    procedure: str
    commune_code: str
    commune: str
    applicant: str  # masked
    received_at: dt.datetime
    due_at: dt.datetime
    rescheduled: bool
    result_ready_at: dt.datetime | None
    returned_at: dt.datetime | None
    closed_at: dt.datetime | None
    last_synced_at: dt.datetime | None
    overdue: bool

    @property
    def status_label(self) -> str:
        return workflow.STATUS_LABELS.get(self.status, self.status)

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code, "status": self.status, "status_label": self.status_label,
            "overdue": self.overdue,
            "procedure": {"code": self.procedure_code, "name": self.procedure},
            "commune": {"code": self.commune_code, "name": self.commune},
            "applicant": {"masked_name": self.applicant},
            "received_at": iso_local(self.received_at), "due_at": iso_local(self.due_at),
            "rescheduled": self.rescheduled,
            "result_ready_at": iso_local(self.result_ready_at),
            "returned_at": iso_local(self.returned_at), "closed_at": iso_local(self.closed_at),
            "last_synced_at": iso_local(self.last_synced_at),
        }


def find(code: str, *, now: dt.datetime) -> PublicDossier | None:
    row = (Dossier.select(Dossier.code, Dossier.status, Dossier.commune_code, Dossier.received_at,
                          Dossier.due_at, Dossier.reschedule_count, Dossier.result_ready_at,
                          Dossier.returned_at, Dossier.closed_at, Procedure.code, Procedure.name,
                          Applicant.name)
           .join(Procedure, on=(Dossier.procedure == Procedure.code))
           .switch(Dossier).join(Applicant, on=(Dossier.applicant == Applicant.id))
           .where(Dossier.code == code).tuples().first())
    if row is None:
        return None
    (code, status, commune_code, received, due, reschedules, ready, returned, closed,
     procedure_code, procedure, name) = row
    commune = Commune.get_or_none(Commune.code == commune_code)
    field = UtcDateTimeField()
    received, due, ready, returned, closed = (
        field.python_value(v) if isinstance(v, str) else v
        for v in (received, due, ready, returned, closed))
    return PublicDossier(
        code=code, status=status, procedure_code=procedure_code, procedure=procedure,
        commune_code=commune_code, commune=commune.name if commune else commune_code,
        applicant=mask_name(name), received_at=received, due_at=due,
        rescheduled=reschedules > 0, result_ready_at=ready, returned_at=returned,
        closed_at=closed, last_synced_at=last_synced(commune_code),
        overdue=status in workflow.RUNNING and due < now)


def last_synced(commune_code: str) -> dt.datetime | None:
    """When a desk of the commune last reached the server: what the page knows is that old."""
    value = (Device.select(peewee.fn.MAX(Device.last_seen_at))
             .where(Device.commune_code == commune_code).scalar())
    return UtcDateTimeField().python_value(value) if isinstance(value, str) else value
