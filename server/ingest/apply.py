"""Writing an accepted batch: rows, projections, the ledger and the change log, in bulk.

Bulk statements matter: a weekly batch of thousands of records must land in well under a
second, so nothing here issues one statement per record except the projection of dossiers
that already existed before this batch. The day figures (server.figures) and the search index
(server.search) change in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from desk import workflow
from models import Dossier, DossierEvent, db
from models.base import utc_text
from models.bulk import bulk_insert
from models.hub import ChangeLog, IngestLedger
from models.replica import apply_correction, insert_dossiers, insert_events, instant
from server import search
from server.database import CHANGE_LOG_LOCK, is_postgresql
from server.figures import maintain as figures
from server.ingest.ledger import Incoming


def write(items: list[Incoming], device_id: str, now: dt.datetime) -> None:
    stamp = utc_text(now)  # as stored; formatted once, not once per row
    dossiers = [i.record for i in items if i.type == "dossier"]
    events = [i.record for i in items if i.type == "event"]
    by_dossier: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        by_dossier[event["dossier_id"]].append(event)
    projections = {
        d["id"]: workflow.columns(workflow.project(workflow.facts_from_records(by_dossier[d["id"]]))
                                  or workflow.interim(instant(d["received_at"])))
        for d in dossiers
    }
    held = set(by_dossier) - set(projections)
    tracked = figures.track(held)
    insert_dossiers(dossiers, projections, stamp, fresh=True)
    insert_events(events, fresh=True)
    corrected = {e["dossier_id"] for e in events if apply_correction(e)}
    reproject(held, now)
    search.index(dossiers)
    search.reindex(corrected)
    _ledger(items, device_id, stamp)
    append_changes(
        [{"commune_code": i.record["commune_code"], "kind": i.type, "record_id": i.id,
          "origin_device": device_id, "payload": i.canonical, "created_at": stamp}
         for i in items])
    tracked.commit(held, figures.new_histories(dossiers, projections, by_dossier))


def reproject(dossier_ids: set[str], now: dt.datetime) -> None:
    """Refold dossiers that were already held and just received events."""
    if not dossier_ids:
        return
    rows: dict[str, list[DossierEvent]] = defaultdict(list)
    for event in DossierEvent.select().where(DossierEvent.dossier.in_(list(dossier_ids))):
        rows[event.dossier_id].append(event)
    for dossier_id, events in rows.items():
        state = workflow.project(workflow.facts_from_rows(events))
        if state is not None:
            Dossier.update(**workflow.columns(state), updated_at=now).where(
                Dossier.id == dossier_id).execute()


def _ledger(items: list[Incoming], device_id: str, now: str) -> None:
    rows = [{"record_id": i.id, "record_type": i.type, "commune_code": i.record["commune_code"],
             "device_id": device_id, "device_seq": i.seq, "payload_hash": i.digest,
             "received_at": now} for i in items]
    bulk_insert(IngestLedger, rows)


def append_changes(rows: list[dict[str, Any]]) -> None:
    """Append to the change log; call inside the transaction that wrote the data."""
    if not rows:
        return
    if is_postgresql(db.obj):
        db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (CHANGE_LOG_LOCK,))
    bulk_insert(ChangeLog, rows)
