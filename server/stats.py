"""What the server holds, per commune: ``motcua-server stats`` and the dashboard's first table."""

from __future__ import annotations

import datetime as dt
from typing import Any

import peewee

from desk.clock import iso_local
from models import Commune, Dossier, DossierEvent
from models.base import UtcDateTimeField
from models.hub import Device


def commune_stats(commune: str | None = None) -> list[dict[str, Any]]:
    """``{"code", "name", "dossiers", "events", "last_sync", "waiting", "devices"}`` per commune;
    ``waiting`` is what the desks said was still queued at their last contact."""
    communes = Commune.select().order_by(Commune.code)
    if commune:
        communes = communes.where(Commune.code == commune)
    dossiers = _count_by_commune(Dossier)
    events = _count_by_commune(DossierEvent)
    devices = {
        code: (last, waiting or 0, count)
        for code, last, waiting, count in Device.select(
            Device.commune_code, peewee.fn.MAX(Device.last_seen_at),
            peewee.fn.SUM(Device.pending_reported), peewee.fn.COUNT(Device.id),
        ).where(Device.revoked_at.is_null()).group_by(Device.commune_code).tuples()
    }
    rows = []
    for c in communes:
        last, waiting, count = devices.get(c.code, (None, 0, 0))
        rows.append({
            "code": c.code, "name": c.name, "dossiers": dossiers.get(c.code, 0),
            "events": events.get(c.code, 0),
            "last_sync": iso_local(_instant(last)),
            "waiting": int(waiting), "devices": count,
        })
    return rows


def _instant(value: str | dt.datetime | None) -> dt.datetime | None:
    """MAX() over the text column comes back converted on some drivers, raw on others."""
    return UtcDateTimeField().python_value(value) if isinstance(value, str) else value


def _count_by_commune(model: type[Dossier] | type[DossierEvent]) -> dict[str, int]:
    query = model.select(model.commune_code, peewee.fn.COUNT(model.id)).group_by(
        model.commune_code)
    return dict(query.tuples())
