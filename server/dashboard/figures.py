"""The dashboard's numbers, computed by the same code as the desk's reports (desk.reports),
so a commune leader and the district read the same figures for the same month."""

from __future__ import annotations

import datetime as dt
from typing import Any

import peewee

from desk import workflow
from desk.clock import to_local
from desk.periods import Period
from desk.reports import by_commune
from models import Applicant, Commune, Dossier, Procedure

EMPTY = {"received": 0, "on_time": 0, "late": 0, "overdue": 0, "waiting_supplement": 0,
         "on_time_rate": None, "satisfaction_rate": None}


def commune_figures(now: dt.datetime) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """This month's figures per commune and for the whole district: received, resolved early or
    on time, late, overdue now, waiting for supplements, on-time and satisfaction rates."""
    breakdown = by_commune(Period.containing(now), now=lambda: now)
    per_commune = {group.key: _figures(group.figures.as_dict()) for group in breakdown.communes}
    return per_commune, _figures(breakdown.overall.figures.as_dict())


def _figures(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "received": data["received"],
        "on_time": data["resolved_early"] + data["resolved_on_time"],
        "late": data["resolved_late"],
        "overdue": data["pending_overdue"],
        "waiting_supplement": data["waiting_supplement"],
        "on_time_rate": _percent(data["on_time_rate"]),
        "satisfaction_rate": _percent(data["satisfaction_rate"]),
    }


def _percent(rate: float | None) -> str | None:
    return None if rate is None else f"{rate * 100:.1f} %".replace(".", ",")


def _listing() -> peewee.ModelSelect:
    return (Dossier.select(Dossier, Applicant, Procedure, Commune)
            .join(Applicant, on=(Dossier.applicant == Applicant.id)).switch(Dossier)
            .join(Procedure, on=(Dossier.procedure == Procedure.code)).switch(Dossier)
            .join(Commune, on=(Dossier.commune_code == Commune.code)))


def overdue(now: dt.datetime, limit: int = 500) -> list[Dossier]:
    return list(_listing().where(Dossier.status.in_(workflow.RUNNING) & (Dossier.due_at < now))
                .order_by(Dossier.due_at).limit(limit))


def find_by_code(text: str, limit: int = 50) -> list[Dossier]:
    """Dossier codes start with the agency code; a clerk on the phone reads any part of it."""
    needle = text.strip().upper()
    if len(needle) < 4:
        return []
    return list(_listing().where(Dossier.code.contains(needle))
                .order_by(Dossier.received_at.desc()).limit(limit))


def by_code(code: str) -> Dossier | None:
    """One dossier by its full code, with what ``row`` shows of it."""
    return _listing().where(Dossier.code == code.strip().upper()).first()


def row(dossier: Dossier, now: dt.datetime) -> dict[str, Any]:
    late_by = now - dossier.due_at
    return {
        "code": dossier.code, "commune": dossier.commune.name,
        "procedure": dossier.procedure.name, "applicant": dossier.applicant.name,
        "status": workflow.STATUS_LABELS.get(dossier.status, dossier.status),
        "received_at": to_local(dossier.received_at).strftime("%H:%M %d/%m/%Y"),
        "due_at": to_local(dossier.due_at).strftime("%H:%M %d/%m/%Y"),
        "days_late": max(0, late_by.days) if dossier.status in workflow.RUNNING else 0,
    }
