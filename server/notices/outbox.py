"""The notice outbox: owed once per dossier, kind and channel; claimed, sent, retried, given up.

Notices are owed in the transaction that stores the event that causes them (a push, a bundle,
a step recorded upstream), under a unique key, so a replayed batch or a bundle imported twice
owes nothing more. Sending happens later, outside any transaction, in server.notices.sender:
a sender claims a notice by moving its next attempt past a lease, so two server processes
never send the same one, and one that died mid-send is tried again once the lease runs out.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import phonenumbers

from desk import workflow
from desk.text import clean
from models import Applicant, Commune, Dossier, DossierEvent, Procedure
from models.hub import Notice
from server import settings
from server.notices import kinds
from server.notices.texts import NoticeFacts, unit_name

FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_WAIT = dt.timedelta(hours=1)
GIVE_UP_AFTER = dt.timedelta(days=3)  # a notice older than this no longer helps anyone
LEASE = dt.timedelta(minutes=10)  # longer than any one attempt may take (timeouts)
REASON_LIMIT = 500


@dataclass(frozen=True)
class Delivery:
    """One claimed notice with what it says and where it goes."""

    notice: Notice
    facts: NoticeFacts
    address: str  # e-mail address, or the phone in national form (0912345678)


# ------------------------------------------------------------------ owing

def create_for_events(records: Iterable[dict[str, Any]], *, now: dt.datetime) -> int:
    """Owe the notices that ``records`` (event wire records just stored) cause; call inside the
    transaction that stored them, after the dossiers' projections. Returns how many rows were
    offered (already owed ones are ignored by the unique key)."""
    wanted = [(r, kinds.BY_EVENT[r["kind"]]) for r in records if r["kind"] in kinds.BY_EVENT]
    if any(kind == kinds.RECEIVED for _, kind in wanted) and not settings.notify_received():
        wanted = [(r, kind) for r, kind in wanted if kind != kinds.RECEIVED]
    if not wanted:
        return 0
    held = _consenting({r["dossier_id"] for r, _ in wanted})
    rows = []
    for record, kind in wanted:
        dossier = held.get(record["dossier_id"])
        if dossier is None or not _still_news(kind, dossier):
            continue
        for channel, problem in _channels(dossier.applicant):
            rows.append({
                "key": f"{dossier.id}:{kind}:{channel}", "dossier_id": dossier.id,
                "event_id": record["id"], "commune_code": dossier.commune_code, "kind": kind,
                "channel": channel, "state": kinds.FAILED if problem else kinds.PENDING,
                "attempts": 0, "next_attempt_at": now, "created_at": now,
                "last_error": problem})
    if rows:
        Notice.insert_many(rows).on_conflict_ignore().execute()
    return len(rows)


def _consenting(ids: set[str]) -> dict[str, Dossier]:
    found: dict[str, Dossier] = {}
    chosen = list(ids)
    for start in range(0, len(chosen), 500):
        query = (Dossier.select(Dossier, Applicant).join(Applicant)
                 .where(Dossier.id.in_(chosen[start:start + 500]) & Dossier.notify))
        found.update({d.id: d for d in query})
    return found


def _still_news(kind: str, dossier: Dossier) -> bool:
    """A result the citizen already collected (result ready and returned in one batch, or an
    event the fold set aside) is no news."""
    return kind != kinds.RESULT_READY or dossier.status == workflow.RESULT_READY


def _channels(applicant: Applicant) -> list[tuple[str, str]]:
    """(channel, why it cannot work or "") for each contact the citizen gave."""
    found = []
    if applicant.email:
        found.append((kinds.EMAIL, ""))
    if applicant.phone:
        found.append((kinds.SMS, sms_problem(applicant.phone)))
    return found


def sms_problem(phone: str) -> str:
    """Why a text message cannot reach ``phone`` (a Vietnamese mobile), or ""."""
    try:
        parsed = phonenumbers.parse(phone, "VN")
    except phonenumbers.NumberParseException:
        parsed = None
    mobile = (phonenumbers.PhoneNumberType.MOBILE,
              phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    if (parsed is None or not phonenumbers.is_valid_number_for_region(parsed, "VN")
            or phonenumbers.number_type(parsed) not in mobile):
        return "Số điện thoại không phải số di động Việt Nam: không gửi được tin nhắn."
    return ""


def international(phone: str) -> str:
    """0912345678 → 84912345678 (what most gateways want, without the plus)."""
    parsed = phonenumbers.parse(phone, "VN")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)[1:]


# ------------------------------------------------------------------ sending

def due(channel: str, *, now: dt.datetime, limit: int = 20) -> list[Notice]:
    return list(Notice.select().where(
        (Notice.state == kinds.PENDING) & (Notice.channel == channel)
        & (Notice.next_attempt_at <= now)).order_by(Notice.next_attempt_at, Notice.id)
        .limit(limit))


def claim(notice: Notice, *, now: dt.datetime) -> Delivery | None:
    """Take ``notice`` for one attempt, or None when another sender took it first or it no
    longer needs sending (it is then marked so)."""
    taken = Notice.update(next_attempt_at=now + LEASE, attempts=Notice.attempts + 1).where(
        (Notice.id == notice.id) & (Notice.state == kinds.PENDING)
        & (Notice.next_attempt_at == notice.next_attempt_at)).execute()
    if not taken:
        return None
    notice = Notice.get_by_id(notice.id)
    dossier = Dossier.get_or_none(Dossier.id == notice.dossier_id)
    if dossier is None or not dossier.notify:
        _finish(notice, kinds.SKIPPED, "Công dân không còn đồng ý nhận thông báo.", now)
        return None
    if notice.kind == kinds.RESULT_READY and dossier.status == workflow.RETURNED:
        _finish(notice, kinds.SKIPPED, "Công dân đã nhận kết quả trước khi thông báo được gửi.",
                now)
        return None
    applicant = Applicant.get_by_id(dossier.applicant_id)
    address = applicant.email if notice.channel == kinds.EMAIL else applicant.phone
    return Delivery(notice, facts(notice, dossier, applicant), address)


def facts(notice: Notice, dossier: Dossier, applicant: Applicant) -> NoticeFacts:
    event = DossierEvent.get_by_id(notice.event_id)
    data = json.loads(event.data)
    when = event.at
    if notice.kind == kinds.NEW_DUE and data.get("due_at"):
        when = workflow.parse(data["due_at"])
    due_at = workflow.parse(data["due_at"]) if notice.kind == kinds.RECEIVED else None
    commune = Commune.get_or_none(Commune.code == dossier.commune_code)
    template = settings.get("lookup_url")
    return NoticeFacts(
        kind=notice.kind, code=dossier.code,
        procedure=Procedure.get_by_id(dossier.procedure_code).name,
        unit=unit_name(commune.name if commune else ""), applicant=applicant.name, when=when,
        hotline=settings.hotline(dossier.commune_code),
        lookup_url=template.replace("{code}", dossier.code) if template else "",
        reason=clean(data.get("reason") or event.note)[:300]
        if notice.kind in (kinds.REFUSED, kinds.STOPPED, kinds.NEW_DUE) else "",
        due=due_at)


def sent(notice: Notice, *, now: dt.datetime) -> None:
    _finish(notice, kinds.SENT, "", now, sent_at=now)


def failed(notice: Notice, reason: str, *, now: dt.datetime) -> None:
    """The channel said this message can never go (a refused address): stop trying."""
    _finish(notice, kinds.FAILED, reason, now)


def retry_later(notice: Notice, reason: str, *, now: dt.datetime) -> None:
    """A fault that may pass (down, slow, refusing, garbage): wait longer after each attempt,
    and give up once the notice is too old to help."""
    if now - notice.created_at >= GIVE_UP_AFTER:
        _finish(notice, kinds.FAILED, f"Đã thử {notice.attempts} lần trong "
                f"{GIVE_UP_AFTER.days} ngày; lần cuối: {reason}", now)
        return
    wait = min(FIRST_RETRY * 2 ** min(max(notice.attempts - 1, 0), 12), LONGEST_WAIT)
    Notice.update(next_attempt_at=now + wait, last_error=reason[:REASON_LIMIT]).where(
        Notice.id == notice.id).execute()


def postpone(notice: Notice, reason: str, *, now: dt.datetime) -> None:
    """The channel is not configured: no attempt is made or counted, the reason shows."""
    if now - notice.created_at >= GIVE_UP_AFTER:
        _finish(notice, kinds.FAILED, reason, now)
        return
    Notice.update(next_attempt_at=now + LONGEST_WAIT, last_error=reason[:REASON_LIMIT]).where(
        (Notice.id == notice.id) & (Notice.state == kinds.PENDING)).execute()


def _finish(notice: Notice, state: str, reason: str, now: dt.datetime,
            sent_at: dt.datetime | None = None) -> None:
    Notice.update(state=state, last_error=reason[:REASON_LIMIT], sent_at=sent_at,
                  next_attempt_at=now).where(Notice.id == notice.id).execute()


# ------------------------------------------------------------------ reading

def listed(include_sent: bool = False, commune: str = "",
           limit: int = 500) -> list[tuple[Notice, str]]:
    """Notices that failed or wait after a failed attempt (all of them with ``include_sent``),
    of one commune or all, newest first, each with its dossier's code."""
    query = (Notice.select(Notice, Dossier.code)
             .join(Dossier, on=(Notice.dossier_id == Dossier.id), attr="held")
             .order_by(Notice.created_at.desc(), Notice.id.desc()).limit(limit))
    if not include_sent:
        query = query.where((Notice.state == kinds.FAILED)
                            | ((Notice.state == kinds.PENDING) & (Notice.last_error != "")))
    if commune:
        query = query.where(Notice.commune_code == commune)
    return [(n, n.held.code) for n in query]
