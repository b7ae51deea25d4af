"""Checks that need the database: the procedure exists, the code is free, the dossier of an
event is known and belongs to the pushing device's commune."""

from __future__ import annotations

from dataclasses import dataclass

from models import Dossier, Procedure
from server.ingest.ledger import CHUNK, Incoming


@dataclass(frozen=True)
class Refused:
    seq: int
    code: str
    detail: str

    def json(self) -> dict[str, object]:
        return {"seq": self.seq, "code": self.code, "detail": self.detail}


def check(items: list[Incoming], commune_code: str) -> list[Refused]:
    dossiers = [i for i in items if i.type == "dossier"]
    events = [i for i in items if i.type == "event"]
    refused = _check_dossiers(dossiers)
    refused_ids = {i.id for i in dossiers if i.seq in {r.seq for r in refused}}
    new_ids = {i.id for i in dossiers} - refused_ids
    refused += _check_events(events, new_ids, commune_code)
    return refused


def _check_dossiers(items: list[Incoming]) -> list[Refused]:
    procedures = set(Procedure.select(Procedure.code).tuples())
    codes = _taken_codes([i.record["code"] for i in items])
    refused: list[Refused] = []
    claimed: dict[str, str] = {}
    for item in items:
        code, owner = item.record["code"], claimed.get(item.record["code"])
        if (item.record["procedure_code"],) not in procedures:
            refused.append(Refused(item.seq, "unknown_procedure",
                                   f"procedure {item.record['procedure_code']} is not known"))
        elif codes.get(code, item.id) != item.id or (owner and owner != item.id):
            refused.append(Refused(item.seq, "duplicate_code",
                                   f"dossier code {code} is already used by another dossier"))
        else:
            claimed[code] = item.id
    return refused


def _taken_codes(codes: list[str]) -> dict[str, str]:
    taken: dict[str, str] = {}
    for start in range(0, len(codes), CHUNK):
        query = Dossier.select(Dossier.code, Dossier.id).where(
            Dossier.code.in_(codes[start:start + CHUNK]))
        taken.update(query.tuples())
    return taken


def _check_events(items: list[Incoming], new_ids: set[str], commune_code: str) -> list[Refused]:
    wanted = list({i.record["dossier_id"] for i in items} - new_ids)
    held: dict[str, str] = {}
    for start in range(0, len(wanted), CHUNK):
        query = Dossier.select(Dossier.id, Dossier.commune_code).where(
            Dossier.id.in_(wanted[start:start + CHUNK]))
        held.update(query.tuples())
    refused = []
    for item in items:
        dossier_id = item.record["dossier_id"]
        if dossier_id in new_ids:
            continue
        if dossier_id not in held:
            refused.append(Refused(item.seq, "unknown_dossier",
                                   f"event {item.id} refers to a dossier the server does not hold"))
        elif held[dossier_id] != commune_code:
            refused.append(Refused(item.seq, "wrong_commune",
                                   "event refers to a dossier of another commune"))
    return refused
