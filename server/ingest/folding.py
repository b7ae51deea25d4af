"""The server takes no event that a desk could not fold into its dossier.

Every desk of a commune pulls the events the server accepted and folds each dossier's events
with the workflow (``desk.workflow.project``), which needs the dossier's "received" event to
come first in (hybrid clock, id) order. An event ordered before it, or one for a dossier whose
receipt never arrived, would stop that fold on every desk. The rule is the desk's own fold, not
a copy of it: the batch's new events are added to what the server holds, in order, and an event
whose addition the fold refuses is refused by name.
"""

from __future__ import annotations

from collections import defaultdict

from desk import workflow
from desk.workflow import EventFacts
from models import DossierEvent
from server.ingest.ledger import Incoming
from server.ingest.lookup import SQLITE_CHUNK
from server.ingest.references import Refused


def check(items: list[Incoming], refused: list[Refused]) -> list[Refused]:
    """Refusals for the events of ``items`` (not already ``refused``) a desk cannot fold."""
    skipped = {r.seq for r in refused}
    arriving: dict[str, list[Incoming]] = defaultdict(list)
    for item in items:
        if item.type == "event" and item.seq not in skipped:
            arriving[item.record["dossier_id"]].append(item)
    new_dossiers = {i.id for i in items if i.type == "dossier"}
    held = _held_facts([d for d in arriving if d not in new_dossiers])
    found: list[Refused] = []
    for dossier_id, events in arriving.items():
        found += _check_dossier(held.get(dossier_id, []), events)
    return found


def _check_dossier(held: list[EventFacts], arriving: list[Incoming]) -> list[Refused]:
    new = {item.id: item for item in arriving}
    facts = {f.id: f for f in workflow.facts_from_records([i.record for i in arriving])}
    if _folds([*held, *facts.values()]):
        return []  # the usual case: one fold, nothing to single out
    accepted, refused = list(held), []
    for fact in sorted(facts.values(), key=lambda f: (f.hlc, f.id)):
        if _folds([*accepted, fact]):
            accepted.append(fact)
        else:
            item = new[fact.id]
            refused.append(Refused(item.seq, "unfoldable_event",
                                   f"event {item.id} ({item.record['kind']}) would come before "
                                   "its dossier's receipt in clock order, or its dossier's "
                                   "receipt is missing: a desk could not fold it"))
    return refused


def _folds(facts: list[EventFacts]) -> bool:
    """Every event placed after the dossier's receipt in (hlc, id) order: the fold skips one
    ordered before it, so the step would silently never count on any desk."""
    received = [(f.hlc, f.id) for f in facts if f.kind == workflow.RECEIVED]
    return bool(received) and all((f.hlc, f.id) >= min(received) for f in facts)


def _held_facts(dossier_ids: list[str]) -> dict[str, list[EventFacts]]:
    held: dict[str, list[EventFacts]] = defaultdict(list)
    for start in range(0, len(dossier_ids), SQLITE_CHUNK):
        chunk = dossier_ids[start:start + SQLITE_CHUNK]
        rows = DossierEvent.select().where(DossierEvent.dossier.in_(chunk))
        for row in rows:
            held[row.dossier_id] += workflow.facts_from_rows([row])
    return held
