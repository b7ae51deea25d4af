"""What the waiting-room board shows: results ready for pickup (code and masked name), today's
received and returned counts, this month's on-time rate. Nothing personal beyond masked names
(desk.masking) is read for it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import printing
from desk import documents, reports, workflow
from desk.clock import VN_TZ, Now, to_local
from desk.context import DeskContext
from desk.masking import mask_name
from desk.periods import Period
from models import Applicant, Dossier

MOST_READY = 300  # more than a board can page through in a few minutes


@dataclass(frozen=True)
class ReadyLine:
    code: str
    name: str  # masked


@dataclass(frozen=True)
class BoardData:
    unit: str
    ready: tuple[ReadyLine, ...]
    received_today: int
    returned_today: int
    month: str  # "12/2026"
    on_time_rate: float | None
    as_of: dt.datetime


def _unit(ctx: DeskContext, day: dt.date) -> str:
    """The counter as the receipts name it on ``day``, with the commune if the name lacks it."""
    name = printing.counter_of(documents.office(ctx.commune), day)
    return name if ctx.commune.name.lower() in name.lower() else f"{name} — {ctx.commune.name}"


def snapshot(ctx: DeskContext, *, now: Now) -> BoardData:
    moment = now()
    day_start = dt.datetime.combine(to_local(moment).date(), dt.time(), VN_TZ)
    ready = (Dossier.select(Dossier.code, Applicant.name)
             .join(Applicant, on=(Dossier.applicant == Applicant.id))
             .where(Dossier.status == workflow.RESULT_READY)
             .order_by(Dossier.result_ready_at, Dossier.code).limit(MOST_READY).tuples())
    month = Period.containing(moment)
    figures = reports.build_report(month, ctx.commune_code, now=now).total.figures
    return BoardData(
        unit=_unit(ctx, to_local(moment).date()),
        ready=tuple(ReadyLine(code, mask_name(name)) for code, name in ready),
        received_today=Dossier.select().where(Dossier.received_at >= day_start).count(),
        returned_today=Dossier.select().where(Dossier.returned_at >= day_start).count(),
        month=f"{month.number:02d}/{month.year}", on_time_rate=figures.on_time_rate, as_of=moment)
