"""Keeping the figures true in the transaction that changes dossiers: what the dossiers added
before the change is taken back, what they add after it is added."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from desk import workflow
from desk.history import Timeline
from desk.report_source import COUNTED_KINDS, DossierHistory, Mark, Standing, histories_where
from models import Dossier, db
from models.replica import instant
from server.database import is_postgresql
from server.figures import store
from server.figures.contribution import Contribution, contribution

CHUNK = 500


class Tracked:
    """The dossiers a transaction is about to change, with what they add now."""

    def __init__(self, before: list[Contribution]) -> None:
        self.before = before

    def commit(self, dossier_ids: Collection[str], fresh: Iterable[DossierHistory] = ()) -> None:
        """Add the change: call after writing, in the same transaction, with the dossiers
        already held that changed, and the histories of new ones (``new_histories``)."""
        after = contributions(dossier_ids) + [contribution(h) for h in fresh]
        store.write(store.difference(self.before, after))


def track(dossier_ids: Collection[str]) -> Tracked:
    """Before changing dossiers already held. On PostgreSQL their rows are locked first (in id
    order): two pushes adding events to one dossier at once must not both start from the same
    "before", or the second would take back what the first never added."""
    if dossier_ids and is_postgresql(db.obj):
        ordered = sorted(dossier_ids)
        for first in range(0, len(ordered), CHUNK):
            list(Dossier.select(Dossier.id).where(Dossier.id.in_(ordered[first:first + CHUNK]))
                 .order_by(Dossier.id).for_update())
    return Tracked(contributions(dossier_ids))


def new_histories(records: Iterable[dict[str, Any]], columns: dict[str, dict[str, Any]],
                  events: dict[str, list[dict[str, Any]]]) -> list[DossierHistory]:
    """New dossiers as the report would read them back, from the records just written (the
    rows hold the same values; reading them again would cost a third of a push)."""
    made = []
    for record in records:
        state = columns[record["id"]]
        facts = workflow.facts_from_records(events.get(record["id"], []))
        marks = sorted((Mark(f.kind, f.at, f.hlc, f.id) for f in facts
                        if f.kind in COUNTED_KINDS), key=lambda m: (m.hlc, m.id))
        made.append(DossierHistory(
            record["id"], record["code"], record["commune_code"], record["procedure_code"],
            record["channel"], instant(record["received_at"]),
            Standing(state["status"], state["deadline_at"], state["outcome"], state["closed_at"]),
            state["rating"], max((f.at for f in facts), default=None), marks,
            Timeline(facts)))
    return made


def contributions(dossier_ids: Iterable[str]) -> list[Contribution]:
    ordered = sorted(dossier_ids)
    made: list[Contribution] = []
    for first in range(0, len(ordered), CHUNK):
        chunk = ordered[first:first + CHUNK]
        made += [contribution(h) for h in histories_where(Dossier.id.in_(chunk))]
    return made
