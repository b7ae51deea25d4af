"""Reference data the server owns and pull serves: the procedure catalogue and calendar.

The versions rule is desk.reference's, shared: the shipped data is loaded into an empty server,
a newer release's data is applied at start, and ``motcua-server reference load FILE`` loads a
newer catalogue or calendar (the shipped JSON format, with its ``version``). Each publication
is one change-log entry for every commune, serialised from the server's tables, so every desk
gets it at its next pull (or in its next reply bundle).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desk import catalogue, reference
from desk.clock import Now
from desk.errors import DomainError
from models import CalendarOverride, Procedure, ProcedureDocument, db
from models.hub import ServerSetting
from server.ingest.apply import append_changes

PREFIX = "reference."  # the versions, kept among the server's settings rows


def _get(kind: str) -> str:
    row = ServerSetting.get_or_none(ServerSetting.key == PREFIX + kind)
    return row.value if row else ""


def ensure_loaded(*, now: Now) -> list[str]:
    """The shipped catalogue and calendar into an empty server, or this release's newer ones
    into a server that holds older; what changed is published. Returns the kinds applied."""
    store = _store(now)
    with db.atomic():
        if Procedure.select().exists():
            kinds = reference.refresh_packaged(store, "server")
        else:
            kinds = list(reference.KINDS)
            for kind in kinds:
                reference.apply(kind, catalogue.shipped(reference.SHIPPED[kind]), store,
                                "server")
        publish(kinds, now=now)
    return kinds


def load_file(path: Path, *, now: Now) -> dict[str, str]:
    """Load a catalogue and/or calendar file newer than what the server holds, and publish it;
    ``{kind: version}`` loaded. An older or equal version, or a malformed file, is refused
    and changes nothing."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DomainError("unreadable_file", f"Không đọc được tệp {path}.",
                          f"cannot read {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise DomainError("invalid_reference", "Tệp dữ liệu danh mục không phải JSON.",
                          f"{path.name} is not JSON: {exc}") from None
    found = reference.parts(data)
    store = _store(now)
    for kind, part in found.items():
        if not reference.is_newer(part["version"], store.get(kind)):
            raise DomainError(
                "reference_not_newer",
                f"Máy chủ đã có {reference.LABELS[kind]} phiên bản {store.get(kind)}.",
                f"the server holds {kind} version {store.get(kind)}; {path.name} has "
                f"{part['version']}, which is not newer")
    with db.atomic():
        for kind, part in found.items():
            reference.apply(kind, part, store, "server")
        publish(list(found), now=now)
    return {kind: part["version"] for kind, part in found.items()}


def versions() -> dict[str, str]:
    """``{"catalogue": version, "calendar": version}`` the server holds and publishes."""
    return {kind: _get(kind) for kind in reference.KINDS}


def _store(now: Now) -> reference.VersionStore:
    def put(kind: str, version: str) -> None:
        stamp = now()
        ServerSetting.insert(key=PREFIX + kind, value=version, updated_at=stamp).on_conflict(
            conflict_target=[ServerSetting.key],
            update={ServerSetting.value: version, ServerSetting.updated_at: stamp}).execute()
    return reference.VersionStore(_get, put)


def publish(kinds: list[str] | tuple[str, ...] = reference.KINDS, *, now: Now) -> None:
    moment = now()
    payloads = {"catalogue": catalogue_payload, "calendar": calendar_payload}
    rows = []
    for kind in kinds:
        payload = payloads[kind]()
        rows.append({
            "commune_code": None, "kind": kind,
            "record_id": f"{kind}:{payload['version']}:{moment.isoformat()}"[:64],
            "origin_device": "", "created_at": moment,
            "payload": json.dumps(payload, ensure_ascii=False, separators=(",", ":"))})
    append_changes(rows)


def catalogue_payload() -> dict[str, Any]:
    """The active catalogue in the shape desk.catalogue.load_procedures reads."""
    procedures = Procedure.select().where(Procedure.active).order_by(Procedure.code)
    version = _get("catalogue") or max((p.catalogue_version for p in procedures), default="")
    return {"version": version, "procedures": [_procedure(p) for p in procedures]}


def _procedure(p: Procedure) -> dict[str, Any]:
    item: dict[str, Any] = {
        "code": p.code, "name": p.name, "field": p.field,
        "processing": {"value": p.processing_value, "unit": p.processing_unit},
        "fee": {"amount": p.fee_amount, "note": p.fee_note},
        "legal_basis": p.legal_basis, "result": p.result_name,
        "documents": [
            {"name": d.name, "form": d.form, "quantity": d.quantity, "required": d.required}
            for d in p.documents.order_by(ProcedureDocument.position)
        ],
    }
    if p.verification_value is not None:
        item["processing_with_verification"] = {"value": p.verification_value,
                                                "unit": "working_days"}
    return item


def calendar_payload() -> dict[str, Any]:
    rows = CalendarOverride.select().order_by(CalendarOverride.date)
    return {"version": _get("calendar"),
            "overrides": [{"date": r.date.isoformat(), "kind": r.kind, "note": r.note}
                          for r in rows]}
