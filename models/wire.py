"""The wire shapes of replicated records: what goes into the outbox, a push, a bundle.

A dossier travels with its applicant and documents (intake facts, written once); each event
travels on its own. Projections never travel: every side derives them from the events.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from models.dossier import Applicant, Dossier, DossierEvent, ReceivedDocument

WIRE_VERSION = 1


def _instant(value: dt.datetime | None) -> str | None:
    return None if value is None else value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def applicant_record(applicant: Applicant) -> dict[str, Any]:
    return {
        "id": applicant.id,
        "name": applicant.name,
        "id_number": applicant.id_number,
        "phone": applicant.phone,
        "address": applicant.address,
        "email": applicant.email,
        "birth_date": applicant.birth_date.isoformat() if applicant.birth_date else None,
        "sex": applicant.sex,
    }


def document_record(document: ReceivedDocument) -> dict[str, Any]:
    return {
        "id": document.id,
        "position": document.position,
        "name": document.name,
        "form": document.form,
        "quantity": document.quantity,
    }


def dossier_record(
    dossier: Dossier, applicant: Applicant, documents: list[ReceivedDocument]
) -> dict[str, Any]:
    return {
        "type": "dossier",
        "v": WIRE_VERSION,
        "id": dossier.id,
        "commune_code": dossier.commune_code,
        "desk_id": dossier.desk_id,
        "code": dossier.code,
        "procedure_code": dossier.procedure_code,
        "received_at": _instant(dossier.received_at),
        "received_by": dossier.received_by,
        "channel": dossier.channel,
        "return_method": dossier.return_method,
        "sets_count": dossier.sets_count,
        "fee_amount": dossier.fee_amount,
        "note": dossier.note,
        "ledger_book": dossier.ledger_book,
        "ledger_entry": dossier.ledger_entry,
        "applicant": applicant_record(applicant),
        "documents": [document_record(d) for d in documents],
    }


def event_record(event: DossierEvent) -> dict[str, Any]:
    return {
        "type": "event",
        "v": WIRE_VERSION,
        "id": event.id,
        "commune_code": event.commune_code,
        "dossier_id": event.dossier_id,
        "kind": event.kind,
        "at": _instant(event.at),
        "recorded_at": _instant(event.recorded_at),
        "hlc": event.hlc,
        "actor": event.actor,
        "origin": event.origin,
        "note": event.note,
        "data": json.loads(event.data),
    }
