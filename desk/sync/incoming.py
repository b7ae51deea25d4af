"""Applying what came down from the server: reference data, and records written elsewhere.

Idempotent: a record already held is skipped, so a page applied twice (a reply bundle imported
again, a pull whose answer was lost) changes nothing. Records that arrive here never enter the
outbox: they already live upstream.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from desk import codes, events, reference, settings, workflow
from desk.clock import HybridClock, Now
from desk.search import index_dossier
from models import Commune, Desk, Dossier, DossierEvent, SyncState, db
from models.replica import apply_correction, insert_dossiers, insert_events, instant

log = logging.getLogger(__name__)


def parse(lines: list[bytes]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in lines if line.strip()]


def apply(changes: list[dict[str, Any]], cursor: int, *, now: Now) -> int:
    """Apply one page and store its cursor in the same transaction; returns records applied."""
    applied = 0
    touched: set[str] = set()
    with db.atomic():
        for change in changes:
            applied += _apply_one(change["kind"], change["record"], touched, now)
        for dossier in Dossier.select().where(Dossier.id.in_(list(touched))):
            if dossier.events.where(DossierEvent.kind == "received").exists():
                events.reproject(dossier, now=now)
        _observe_clock(changes, now)
        SyncState.update(pull_cursor=cursor).where(
            (SyncState.id == 1) & (SyncState.pull_cursor < cursor)).execute()
    return applied


def _apply_one(kind: str, record: dict[str, Any], touched: set[str], now: Now) -> int:
    if kind in reference.KINDS:  # an older one than held (a server not yet upgraded) is not
        return int(reference.apply_if_newer(kind, record, reference.DESK, "server"))
    if kind == "settings":
        return _settings(record)
    if kind == "dossier":
        return _dossier(record, touched, now)
    if kind == "event":
        return _event(record, touched)
    log.warning("ignored a change of unknown kind %r", kind)
    return 0


def _settings(record: dict[str, Any]) -> int:
    """Province settings: only those the server owns, and only as text (a newer server may
    send keys this desk does not know yet)."""
    for key, value in record.items():
        if key in settings.SERVER_OWNED and isinstance(value, str):
            settings.put(key, value)
    return 1


def _dossier(record: dict[str, Any], touched: set[str], now: Now) -> int:
    if Dossier.select().where(Dossier.id == record["id"]).exists():
        return 0
    if Dossier.select().where(Dossier.code == record["code"]).exists():
        # Two desks given the same number by mistake: the server refuses the second one's
        # dossier when it is pushed; keep ours and tell the log, never wedge the pull.
        log.warning("skipped a pulled dossier whose code this desk already uses")
        return 0
    interim = workflow.columns(workflow.interim(instant(record["received_at"])))
    insert_dossiers([record], {record["id"]: interim}, now())
    dossier = Dossier.get_by_id(record["id"])
    _resume_codes(dossier.code)
    index_dossier(dossier, dossier.applicant, new=True)
    touched.add(dossier.id)
    return 1


def _resume_codes(code: str) -> None:
    """This desk's own dossier, pulled back after a restore: never give its code again."""
    desk = Desk.select().order_by(Desk.created_at).first()
    if desk is not None:
        commune = Commune.get_by_id(desk.commune_code)
        codes.resume_past(code, commune.agency_code, desk.number)


def _event(record: dict[str, Any], touched: set[str]) -> int:
    if DossierEvent.select().where(DossierEvent.id == record["id"]).exists():
        return 0
    dossier = Dossier.get_or_none(Dossier.id == record["dossier_id"])
    if dossier is None:
        log.warning("skipped a pulled event for a dossier this desk does not hold")
        return 0
    insert_events([record])
    if record["kind"] == "corrected":
        apply_correction(record)
        index_dossier(dossier, dossier.applicant)
    touched.add(dossier.id)
    return 1


def _observe_clock(changes: list[dict[str, Any]], now: Now) -> None:
    """Events recorded here after a pulled one must order after it (hybrid logical clock)."""
    stamps = [c["record"]["hlc"] for c in changes if c["kind"] == "event"]
    if not stamps:
        return
    clock = HybridClock(settings.get("clock.hlc"), wall=now)
    clock.observe(max(stamps))
    settings.put("clock.hlc", clock.current)
