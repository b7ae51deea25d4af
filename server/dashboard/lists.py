"""Dossier lists: overdue and due soon (the desk's own work queues, one commune or all), search
results, one dossier by code; each row as the tables show it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import peewee

from desk import dossiers, workflow
from desk.calendar import WorkingCalendar
from models import Applicant, CalendarOverride, Commune, Dossier, Procedure
from server import search
from server.dashboard.texts import STATUS_LABELS, when

LIMIT = 50
RUNNING = workflow.RUNNING


def calendar() -> WorkingCalendar:
    """The province's working days (the server's calendar), for what "due soon" means."""
    return WorkingCalendar(overrides={r.date: r.kind for r in CalendarOverride.select()})


def queue(name: str, now: dt.datetime, commune: str | None = None,
          limit: int = LIMIT) -> list[dict[str, Any]]:
    """``overdue`` or ``due_soon`` as the counter's queues define them, soonest due first."""
    query = dossiers.queue(name, calendar(), now)
    if commune is not None:
        query = query.where(Dossier.commune_code == commune)
    return rows(query.limit(limit), now)


def found(text: str, commune: str | None, now: dt.datetime,
          limit: int = LIMIT) -> list[dict[str, Any]]:
    ids = search.find(text, commune, limit)
    if not ids:
        return []
    by_id = {d.id: d for d in _joined().where(Dossier.id.in_(ids))}
    return rows([by_id[i] for i in ids if i in by_id], now)


def by_code(code: str) -> Dossier | None:
    return _joined().where(Dossier.code == code.strip().upper()).first()


def _joined() -> peewee.ModelSelect:
    return (Dossier.select(Dossier, Applicant, Procedure)
            .join(Applicant, on=(Dossier.applicant == Applicant.id)).switch(Dossier)
            .join(Procedure, on=(Dossier.procedure == Procedure.code)))


def rows(found_dossiers: Any, now: dt.datetime) -> list[dict[str, Any]]:
    names = dict(Commune.select(Commune.code, Commune.name).tuples())
    return [row(d, now, names) for d in found_dossiers]


def row(d: Dossier, now: dt.datetime, names: dict[str, str]) -> dict[str, Any]:
    running = d.status in RUNNING
    return {
        "code": d.code, "commune": names.get(d.commune_code, d.commune_code),
        "commune_code": d.commune_code, "procedure": d.procedure.name,
        "applicant": d.applicant.name, "id_number": d.applicant.id_number,
        "status": STATUS_LABELS.get(d.status, d.status), "received_at": when(d.received_at),
        "due_at": when(d.due_at), "overdue": running and d.due_at < now,
        "days_late": (now - d.due_at).days if running and d.due_at < now else 0,
    }
