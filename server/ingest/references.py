"""Checks that need the database: the procedure exists, the code and the applicant's and
documents' ids are free, the dossier of an event is known and belongs to the pushing device's
commune. What passes can be written without any conflict check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models import Applicant, Dossier, Procedure, ReceivedDocument
from server.ingest.ledger import Incoming
from server.ingest.lookup import column_map


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
    refused_seqs = {r.seq for r in refused}
    refused_ids = {i.id for i in dossiers if i.seq in refused_seqs}
    new_ids = {i.id for i in dossiers} - refused_ids
    refused += _check_events(events, new_ids, commune_code)
    return refused


def _check_dossiers(items: list[Incoming]) -> list[Refused]:
    procedures = {code for (code,) in Procedure.select(Procedure.code).tuples()}
    codes = _Claims(column_map(Dossier.code, Dossier.id, [i.record["code"] for i in items]))
    parts = _Claims(_held_parts(items))
    refused: list[Refused] = []
    for item in items:
        record = item.record
        if record["procedure_code"] not in procedures:
            refused.append(Refused(item.seq, "unknown_procedure",
                                   f"procedure {record['procedure_code']} is not known"))
        elif not codes.free(record["code"], item.id):
            refused.append(Refused(item.seq, "duplicate_code",
                                   f"dossier code {record['code']} is already taken"))
        elif not all(parts.free(part, item.id) for part in _part_ids(record)):
            refused.append(Refused(item.seq, "duplicate_id",
                                   "the applicant or a document carries an id that another "
                                   "dossier already uses"))
        else:
            codes.claim(record["code"], item.id)
            for part in _part_ids(record):
                parts.claim(part, item.id)
    return refused


class _Claims:
    """Keys (codes, ids) already owned, in the database or earlier in this batch."""

    def __init__(self, held: dict[str, str]) -> None:
        self.owners = dict(held)

    def free(self, key: str, owner: str) -> bool:
        return self.owners.get(key, owner) == owner

    def claim(self, key: str, owner: str) -> None:
        self.owners[key] = owner


def _part_ids(record: dict[str, Any]) -> list[str]:
    """Ids of the rows a dossier record brings besides its own: applicant, documents."""
    return [record["applicant"]["id"], *(d["id"] for d in record["documents"])]


def _held_parts(items: list[Incoming]) -> dict[str, str]:
    """The applicant and document ids of ``items`` already stored. Only new dossiers are
    checked, so any of them held at all belongs to another dossier (owner "")."""
    applicants = [i.record["applicant"]["id"] for i in items]
    documents = [d["id"] for i in items for d in i.record["documents"]]
    held = [*column_map(Applicant.id, Applicant.id, applicants),
            *column_map(ReceivedDocument.id, ReceivedDocument.id, documents)]
    return dict.fromkeys(held, "")


def _check_events(items: list[Incoming], new_ids: set[str], commune_code: str) -> list[Refused]:
    wanted = list({i.record["dossier_id"] for i in items} - new_ids)
    held = column_map(Dossier.id, Dossier.commune_code, wanted)
    refused = []
    for item in items:
        dossier_id = item.record["dossier_id"]
        if dossier_id in new_ids:
            continue
        # Another commune's dossier is refused in the very words of a missing one: a refusal
        # must not tell one commune what another holds.
        if held.get(dossier_id) != commune_code:
            refused.append(Refused(item.seq, "unknown_dossier",
                                   f"event {item.id} refers to a dossier the server does not hold"))
    return refused
