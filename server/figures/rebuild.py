"""The figure tables built whole from the dossiers: after the migration that made them, and
whenever ``derived`` finds them unbuilt. Commune by commune, so memory stays small at
millions of dossiers."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict

from desk.report_source import histories_where
from models import Dossier, db
from models.hub import FIGURE_TABLES
from server.figures import store
from server.figures.contribution import contribution

log = logging.getLogger(__name__)


def rebuild() -> int:
    """Empty the figure tables and add every dossier again; returns the dossiers counted."""
    counted = 0
    with db.atomic():
        for table in FIGURE_TABLES:
            table.delete().execute()
        communes = [c for (c,) in Dossier.select(Dossier.commune_code).distinct().tuples()]
        province: dict = defaultdict(Counter)
        for commune in sorted(communes):
            delta = store.Delta()
            histories = histories_where(Dossier.commune_code == commune)
            for history in histories:
                made = contribution(history)
                delta.add(made, +1)
                if made.irregular:
                    delta.irregular[made.dossier_id] = made.commune_code
            store.write(delta, province=False)
            for key, counts in store.province_rows(delta).items():
                province[key].update(counts)
            counted += len(histories)
            log.info("figures of commune %s: %d dossiers", commune, len(histories))
        store.write_province(province)
    return counted
