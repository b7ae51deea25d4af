"""What the dashboard's dossier page shows: the dossier, its events in order, the steps to offer."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from desk import workflow
from desk.clock import to_local
from models import Dossier, DossierEvent
from models.hub import DashboardUser
from server import events
from server.dashboard import figures

ORIGIN_LABELS = {events.ORIGIN: "Máy chủ cấp trên"}
COMMUNE_ORIGIN = "Bộ phận một cửa xã"


def context(dossier: Dossier, now: dt.datetime, added: str = "") -> dict[str, Any]:
    """``added``: the id of an event just recorded here, to confirm it by name."""
    rows = list(dossier.events.order_by(DossierEvent.hlc, DossierEvent.id))
    confirmed = next((e for e in rows if e.id == added), None)
    return {
        "dossier": figures.row(dossier, now),
        "events": [_event(e) for e in rows],
        "offered": [{"kind": k, "label": workflow.EVENT_LABELS[k]}
                    for k in events.offered_kinds(dossier)],
        "added": workflow.EVENT_LABELS[confirmed.kind] if confirmed else "",
    }


def actor(user: DashboardUser) -> str:
    """The audit trail names the person and the account they signed in with."""
    return f"{user.display_name} ({user.username})" if user.display_name else user.username


def _event(event: DossierEvent) -> dict[str, Any]:
    data = json.loads(event.data)
    detail = ""
    if event.kind == "rescheduled" and data.get("due_at"):
        detail = "Hẹn mới: " + _local(workflow.parse(data["due_at"]))
    return {
        "at": _local(event.at), "label": workflow.EVENT_LABELS.get(event.kind, event.kind),
        "kind": event.kind, "actor": event.actor, "note": event.note, "detail": detail,
        "origin": ORIGIN_LABELS.get(event.origin, COMMUNE_ORIGIN),
    }


def _local(instant: dt.datetime) -> str:
    return to_local(instant).strftime("%H:%M %d/%m/%Y")
