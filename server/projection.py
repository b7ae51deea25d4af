"""A dossier's status columns on the server, folded from its events with the desk's workflow."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from desk import workflow
from desk.workflow import EventFacts, Projection
from models import DossierEvent
from models.replica import instant


def facts_from_records(records: Iterable[dict[str, Any]]) -> list[EventFacts]:
    return [
        EventFacts(id=r["id"], kind=r["kind"], at=instant(r["at"]), hlc=r["hlc"],
                   data=r.get("data", {}))
        for r in records
    ]


def facts_from_rows(rows: Iterable[DossierEvent]) -> list[EventFacts]:
    return [EventFacts(id=e.id, kind=e.kind, at=e.at, hlc=e.hlc, data=json.loads(e.data))
            for e in rows]


def fold(facts: list[EventFacts]) -> Projection | None:
    """The dossier's state, or None while the "received" event is missing.

    Events merge by union and order by (hlc, id); one ordered before "received" (a desk whose
    clock ran behind) cannot change the state yet and is left out, as the workflow skips any
    event its predecessors do not allow.
    """
    ordered = sorted(facts, key=lambda f: (f.hlc, f.id))
    first = next((i for i, f in enumerate(ordered) if f.kind == "received"), None)
    if first is None:
        return None
    return workflow.project(ordered[first:], strict=False)


def columns(facts: list[EventFacts]) -> dict[str, Any] | None:
    """The projection as dossier columns, or None while the "received" event is missing."""
    state = fold(facts)
    if state is None:
        return None
    return {
        "status": state.status, "due_at": state.due_at, "deadline_at": state.deadline_at,
        "clock_started_at": state.clock_started_at, "result_ready_at": state.result_ready_at,
        "returned_at": state.returned_at, "closed_at": state.closed_at,
        "outcome": state.outcome, "reschedule_count": state.reschedule_count,
        "rating": state.rating,
    }


def stamp_now(values: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    return {**values, "updated_at": now}
