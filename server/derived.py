"""Tables derived from the dossiers (the day figures, the search index), built whole when a
migration has just made them or they were emptied; kept up to date by every write after that."""

from __future__ import annotations

import logging

from desk.clock import Now
from models import db
from models.hub import DerivedState
from server import search
from server.figures.rebuild import rebuild as rebuild_figures

log = logging.getLogger(__name__)
BUILDERS = {"figures": rebuild_figures, "search": search.rebuild}


def ensure_built(*, now: Now) -> list[str]:
    """Build what has not been built yet; returns the names built."""
    built = {name for (name,) in DerivedState.select(DerivedState.name).tuples()}
    done = []
    for name, build in BUILDERS.items():
        if name in built:
            continue
        with db.atomic():
            count = build()
            moment = now()
            DerivedState.insert(name=name, built_at=moment).on_conflict(
                conflict_target=[DerivedState.name],
                update={DerivedState.built_at: moment}).execute()
        log.info("built the %s of %d dossiers", name, count)
        done.append(name)
    return done
