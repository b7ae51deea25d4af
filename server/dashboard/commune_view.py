"""A commune's page: its national report for the period on screen, its overdue and due-soon
dossiers, its desks (last contact, what waits, version when desks send it) and the records the
server refused from them, and how many notices to its citizens could not be sent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import peewee

from desk import report_table
from desk.periods import Span
from models import Commune
from models.hub import Device, IngestLedger, IngestRefusal
from server.dashboard import lists
from server.figures import read
from server.notices import outbox

REFUSALS_SHOWN = 100
# Notices counted on the page; the notices page lists them (up to its own limit).
NOTICES_COUNTED = 100


def context(commune: Commune, span: Span, now: dt.datetime) -> dict[str, Any]:
    report = read.report(span, now, commune.code)
    return {
        "commune": commune,
        "groups": report_table.GROUPS,
        "lines": report_table.lines(report),
        "total": report.total.figures,
        "until": report.as_of,
        "overdue": lists.queue("overdue", now, commune.code),
        "due_soon": lists.queue("due_soon", now, commune.code),
        "devices": devices(commune.code),
        "refused": refused(commune.code),
        "notices_unsent": len(outbox.listed(commune=commune.code, limit=NOTICES_COUNTED)),
    }


def devices(commune_code: str) -> list[dict[str, Any]]:
    rows = Device.select().where(Device.commune_code == commune_code).order_by(
        Device.revoked_at.is_null(False), Device.created_at)
    return [{"id": d.id, "name": d.name or "(chưa đặt tên)", "created_at": d.created_at,
             "last_seen_at": d.last_seen_at, "pending": d.pending_reported,
             "acked_seq": d.acked_seq, "revoked_at": d.revoked_at,
             "version": d.app_version}
            for d in rows]


def refused(commune_code: str) -> list[IngestRefusal]:
    """Refusals not made good since (no later push of the same record was accepted)."""
    accepted = IngestLedger.select(IngestLedger.record_id).where(
        IngestLedger.record_id == IngestRefusal.record_id)
    return list(IngestRefusal.select()
                .where((IngestRefusal.commune_code == commune_code)
                       & ~peewee.fn.EXISTS(accepted))
                .order_by(IngestRefusal.last_at.desc()).limit(REFUSALS_SHOWN))

