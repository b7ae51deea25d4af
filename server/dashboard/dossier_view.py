"""What the dashboard's dossier page shows: the dossier, its events in order, the steps to offer."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from desk import workflow
from models import Commune, Dossier, DossierEvent
from models.hub import DashboardUser
from server import events
from server.dashboard import lists
from server.dashboard.texts import EVENT_LABELS, when

ORIGIN_LABELS = {events.ORIGIN: "Máy chủ cấp tỉnh"}
COMMUNE_ORIGIN = "Bộ phận một cửa xã"


def context(dossier: Dossier, now: dt.datetime, added: str = "") -> dict[str, Any]:
    """``added``: the id of an event just recorded here, to confirm it by name."""
    rows = list(dossier.events.order_by(DossierEvent.hlc, DossierEvent.id))
    confirmed = next((e for e in rows if e.id == added), None)
    names = dict(Commune.select(Commune.code, Commune.name).tuples())
    return {
        "dossier": lists.row(dossier, now, names),
        "events": [_event(e) for e in rows],
        "offered": [{"kind": k, "label": EVENT_LABELS[k]} for k in events.offered_kinds(dossier)],
        "added": EVENT_LABELS[confirmed.kind] if confirmed else "",
    }


def actor(user: DashboardUser) -> str:
    """The audit trail names the person and the account they signed in with."""
    return f"{user.display_name} ({user.username})" if user.display_name else user.username


def _event(event: DossierEvent) -> dict[str, Any]:
    data = json.loads(event.data)
    detail = ""
    if event.kind == "rescheduled" and data.get("due_at"):
        detail = "Hẹn mới: " + when(workflow.parse(data["due_at"]))
    return {
        "at": when(event.at), "label": EVENT_LABELS.get(event.kind, event.kind),
        "kind": event.kind, "actor": event.actor, "note": event.note, "detail": detail,
        "origin": ORIGIN_LABELS.get(event.origin, COMMUNE_ORIGIN),
    }
