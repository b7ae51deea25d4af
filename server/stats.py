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
    """``{"code", "name", "dossiers", "events", "last_sync", "waiting", "devices", "versions"}``
    per commune; ``waiting`` is what the desks said was still queued at their last contact,
    ``versions`` the desk releases its devices last synced with (oldest first)."""
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
    versions = _versions_by_commune()
    rows = []
    for c in communes:
        last, waiting, count = devices.get(c.code, (None, 0, 0))
        rows.append({
            "code": c.code, "name": c.name, "dossiers": dossiers.get(c.code, 0),
            "events": events.get(c.code, 0),
            "last_sync": iso_local(_instant(last)),
            "waiting": int(waiting), "devices": count,
            "versions": versions.get(c.code, []),
        })
    return rows


def device_rows(commune: str | None = None) -> list[dict[str, Any]]:
    """Each enrolled device: ``{"id", "commune", "name", "app_version", "last_contact",
    "revoked"}``, by commune then last contact (the dashboard's commune page lists them)."""
    query = Device.select().order_by(Device.commune_code, Device.last_seen_at.desc(), Device.id)
    if commune:
        query = query.where(Device.commune_code == commune)
    return [{"id": d.id, "commune": d.commune_code, "name": d.name,
             "app_version": d.app_version, "last_contact": iso_local(d.last_seen_at),
             "revoked": d.revoked_at is not None} for d in query]


def release_key(version: str) -> tuple[int, ...]:
    """'0.10.2' after '0.9.1': releases compare by their numbers, not as text."""
    return tuple(int(part) if part.isdigit() else -1 for part in version.split("."))


def _versions_by_commune() -> dict[str, list[str]]:
    found: dict[str, set[str]] = {}
    query = Device.select(Device.commune_code, Device.app_version).where(
        Device.revoked_at.is_null(), Device.app_version != "").distinct()
    for code, version in query.tuples():
        found.setdefault(code, set()).add(version)
    return {code: sorted(v, key=release_key) for code, v in found.items()}


def _instant(value: str | dt.datetime | None) -> dt.datetime | None:
    """MAX() over the text column comes back converted on some drivers, raw on others."""
    return UtcDateTimeField().python_value(value) if isinstance(value, str) else value


def _count_by_commune(model: type[Dossier] | type[DossierEvent]) -> dict[str, int]:
    query = model.select(model.commune_code, peewee.fn.COUNT(model.id)).group_by(
        model.commune_code)
    return dict(query.tuples())
