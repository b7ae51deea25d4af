"""Applying what came down from the server: reference data, and records written elsewhere.

Idempotent: a record already held is skipped, so a page applied twice (a reply bundle imported
again, a pull whose answer was lost) changes nothing. Records that arrive here never enter the
outbox: they already live upstream. A record this desk cannot apply is set aside with the reason
(``ParkedChange``), listed with the parked records, tried again at every pull, and never stops
the pull: the pull side parks a poison record as the push side does.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

import peewee

from desk import codes, events, reference, settings, workflow
from desk.clock import HybridClock, Now, wire_instant
from desk.errors import DomainError
from desk.search import index_dossier
from desk.workflow import DATA_INSTANTS
from models import Commune, Desk, Dossier, DossierEvent, ParkedChange, SyncState, db
from models.replica import apply_correction, insert_dossiers, insert_events, instant

log = logging.getLogger(__name__)


# What a record that cannot be applied raises (a missing key, a wrong type, a date no column
# holds, a fold that cannot start). A database that fails (disk full, locked) is not among them:
# that stops the pull, to be tried again, and parks nothing.
POISON = (KeyError, TypeError, ValueError, AttributeError, OverflowError, IndexError,
          DomainError, peewee.IntegrityError)


def parse(lines: list[bytes]) -> list[dict[str, Any]]:
    """The page's changes; a line that is not a JSON object becomes a change no kind matches,
    so it is set aside like any other record this desk cannot apply."""
    changes = []
    for line in lines:
        if not line.strip():
            continue
        try:
            change = json.loads(line)
        except ValueError:
            change = None
        changes.append(change if isinstance(change, dict) else _unreadable(line))
    return changes


def _unreadable(line: bytes) -> dict[str, Any]:
    """What can still be told of a line that is not a JSON object: the server writes its
    number and kind first (server.pull), which is enough to list and order it."""
    head = _HEAD.match(line)
    change: dict[str, Any] = {"raw": line.decode("utf-8", "replace")[:2000]}
    if head:
        change.update(seq=int(head["seq"]), kind=head["kind"].decode())
    return change


_HEAD = re.compile(rb'^\{"seq":(?P<seq>\d{1,18}),"kind":"(?P<kind>[a-z_]{1,16})"')


def apply(changes: list[dict[str, Any]], cursor: int, *, now: Now) -> int:
    """Apply one page and store its cursor in the same transaction; returns records applied.

    A change that cannot be applied is set aside (``ParkedChange``) and the page goes on: one
    poison record upstream must never wedge every pull of this desk."""
    with db.atomic():
        try:
            with db.atomic():  # the usual case: the whole page at once
                applied = _apply_all(changes, now)
        except POISON:
            applied = sum(_apply_or_park(change, now) for change in changes)
        SyncState.update(pull_cursor=cursor).where(
            (SyncState.id == 1) & (SyncState.pull_cursor < cursor)).execute()
    return applied


def retry_parked(up_to: int, *, now: Now) -> int:
    """Try again the changes set aside by earlier pulls (numbered ``up_to`` or below: those of
    this pull were just tried); the cause may be gone (the dossier has arrived, the desk was
    upgraded). Each that applies leaves the list. Returns how many did."""
    applied = 0
    query = ParkedChange.select().where(ParkedChange.seq <= up_to).order_by(ParkedChange.seq)
    for row in list(query):
        change = json.loads(row.payload)
        try:
            with db.atomic():
                applied += _apply_all([change], now)
                row.delete_instance()
        except POISON as exc:
            ParkedChange.update(attempts=ParkedChange.attempts + 1, error=_reason(exc)).where(
                ParkedChange.seq == row.seq).execute()
    return applied


def _apply_all(changes: list[dict[str, Any]], now: Now) -> int:
    applied = 0
    touched: set[str] = set()
    for change in changes:
        applied += _apply_one(change["kind"], change["record"], touched, now)
    for dossier in Dossier.select().where(Dossier.id.in_(list(touched))):
        # A dossier with events must fold (its receipt first): what does not is poison here,
        # never a screen that cannot open the dossier later. One with none waits for them.
        if dossier.events.exists():
            events.reproject(dossier, now=now)
    _observe_clock(changes, now)
    return applied


def _apply_or_park(change: dict[str, Any], now: Now) -> int:
    try:
        with db.atomic():
            return _apply_all([change], now)
    except POISON as exc:
        _park(change, exc, now)
        log.warning("set aside a pulled change this desk cannot apply: %s", _reason(exc))
        return 0


def _park(change: dict[str, Any], exc: Exception, now: Now) -> None:
    seq = change.get("seq")
    if type(seq) is not int:  # not even a sequence number: keyed below every real one
        seq = -1 - ParkedChange.select().where(ParkedChange.seq < 0).count()
    record = change.get("record")
    row = {"kind": str(change.get("kind", ""))[:16],
           "record_id": str(record.get("id", "") if isinstance(record, dict) else "")[:64],
           "payload": json.dumps(change, ensure_ascii=False), "error": _reason(exc),
           "parked_at": now()}
    ParkedChange.insert(seq=seq, **row).on_conflict(
        conflict_target=[ParkedChange.seq],
        update={**row, ParkedChange.attempts: ParkedChange.attempts + 1}).execute()


def _reason(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


def _check_instants(record: dict[str, Any], keys: tuple[str, ...]) -> None:
    """The record's instants, and those its event data carries, within what every screen and
    document of this desk can show (the server refuses the same: desk.clock.wire_instant)."""
    for key in keys:
        wire_instant(record[key])
    if record.get("type") == "event":
        for key in DATA_INSTANTS.get(record["kind"], ()):
            wire_instant(record["data"][key])


def _apply_one(kind: str, record: dict[str, Any], touched: set[str], now: Now) -> int:
    if kind in reference.KINDS:  # an older one than held (a server not yet upgraded) is not
        return int(reference.apply_if_newer(kind, record, reference.DESK, "server"))
    if kind == "settings":
        return _settings(record)
    if kind == "dossier":
        return _dossier(record, touched, now)
    if kind == "event":
        return _event(record, touched)
    raise ValueError(f"a change of unknown kind {str(kind)[:40]!r}")


def _settings(record: dict[str, Any]) -> int:
    """Province settings: only those the server owns, and only as text (a newer server may
    send keys this desk does not know yet)."""
    for key, value in record.items():
        if key in settings.SERVER_OWNED and isinstance(value, str):
            settings.put(key, value)
    return 1


def _dossier(record: dict[str, Any], touched: set[str], now: Now) -> int:
    _check_instants(record, ("received_at",))
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
    _check_instants(record, ("at", "recorded_at"))
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
