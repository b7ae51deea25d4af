"""The rows a report reads: the dossiers that matter to a window of time, and what it needs of
their events.

Plain peewee expressions only, so the same code runs on the desk's SQLite and the server's
PostgreSQL; rows come through the raw cursor and instants are parsed here, because peewee's
per-row machinery cost ten times the query itself on a year of dossiers. Three kinds of query:

1. the dossiers with their stored projection and the instant of their latest event (one query);
2. their supplement requests and ratings (one query: the only events counted by themselves);
3. the whole event log, only of the dossiers whose state must be folded at some instant because
   something happened to them after it (a few queries of 500 ids).

A caller that needs every dossier's whole log (the server's figure rebuild) gets it in two
queries instead: the dossiers, then all their events once, from which the latest instant and
the marks are taken too.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import peewee

from desk import workflow
from desk.history import Timeline
from desk.workflow import EventFacts
from models import Commune, Dossier, DossierEvent, Procedure, db

COUNTED_KINDS = ("supplement_requested", "rated")
CHUNK = 500


@dataclass(frozen=True, slots=True)
class Standing:
    """What a report needs of a dossier's state: its status, its deadline, its outcome."""

    status: str
    deadline_at: dt.datetime
    outcome: str
    closed_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Mark:
    """An event counted by itself (a supplement request, a rating)."""

    kind: str
    at: dt.datetime
    hlc: str
    id: str


@dataclass
class DossierHistory:
    """One dossier as a report sees it.

    ``standing_before`` folds the event log (desk.history) only when an event happened at or
    after the instant; otherwise the stored projection *is* the state then, since it is the fold
    of all the events, written in the same transaction (a workflow test rebuilds and compares).
    """

    id: str
    code: str
    commune_code: str
    procedure_code: str
    channel: str
    received_at: dt.datetime
    stored: Standing
    rating: int | None
    last_at: dt.datetime | None
    marks: list[Mark] = field(default_factory=list)
    timeline: Timeline | None = None

    def needs_fold(self, instant: dt.datetime) -> bool:
        return self.received_at < instant and self.last_at is not None and self.last_at >= instant

    def standing_before(self, instant: dt.datetime) -> Standing | None:
        """The dossier's standing just before ``instant``; None if not received by then."""
        if self.received_at >= instant:
            return None
        if not self.needs_fold(instant):
            return self.stored
        if self.timeline is None:
            raise RuntimeError(f"event log of {self.code} not loaded for {instant}")
        state = self.timeline.state_before(instant)
        if state is None:
            return None
        return Standing(state.status, state.deadline_at, state.outcome, state.closed_at)


@dataclass(frozen=True)
class ProcedureInfo:
    code: str
    name: str
    field: str


def relevant(start: dt.datetime, end: dt.datetime, commune_code: str | None) -> peewee.Expression:
    """Dossiers that can count in [start, end): received before its end, and not closed before
    its start unless something was recorded on them since (a rating given after the return)."""
    condition = (Dossier.received_at < end) & (
        Dossier.closed_at.is_null() | (Dossier.closed_at >= start) | (Dossier.updated_at >= start)
    )
    if commune_code is not None:
        condition &= Dossier.commune_code == commune_code
    return condition


def load_histories(
    start: dt.datetime, end: dt.datetime, commune_code: str | None = None,
    instants: Iterable[dt.datetime] = (),
) -> list[DossierHistory]:
    """Every dossier that can count in [start, end), ready to answer ``standing_before`` for
    each of ``instants`` (default: ``start`` and ``end``)."""
    return histories_where(relevant(start, end, commune_code), sorted({*instants} or {start, end}))


def histories_where(
    where: peewee.Expression, moments: Sequence[dt.datetime] | None = None
) -> list[DossierHistory]:
    """The dossiers matching ``where`` with their marks; the event log is loaded for those a
    moment of ``moments`` (sorted) falls within, or for every one when ``moments`` is None."""
    if moments is None:
        return _whole_histories(where)
    histories = {row[0]: _history(row) for row in db.execute(_dossier_query(where))}
    marks = (
        DossierEvent.select(DossierEvent.dossier, DossierEvent.kind, DossierEvent.at,
                            DossierEvent.hlc, DossierEvent.id)
        .join(Dossier, on=(DossierEvent.dossier == Dossier.id))
        .where(where & DossierEvent.kind.in_(COUNTED_KINDS))
    )
    for dossier_id, kind, at, hlc, event_id in db.execute(marks):
        histories[dossier_id].marks.append(Mark(kind, workflow.parse(at), hlc, event_id))
    for history in histories.values():
        history.marks.sort(key=lambda m: (m.hlc, m.id))
    _load_timelines([h for h in histories.values() if moments is None or _spans(h, moments)])
    return list(histories.values())


def _dossier_query(where: peewee.Expression) -> peewee.ModelSelect:
    # Grouping by the primary key lets PostgreSQL accept the other dossier columns too.
    return (
        Dossier.select(Dossier.id, Dossier.code, Dossier.commune_code, Dossier.procedure,
                       Dossier.channel, Dossier.received_at, Dossier.status, Dossier.deadline_at,
                       Dossier.outcome, Dossier.rating, peewee.fn.MAX(DossierEvent.at),
                       Dossier.closed_at)
        .join(DossierEvent, peewee.JOIN.LEFT_OUTER, on=(DossierEvent.dossier == Dossier.id))
        .where(where)
        .group_by(Dossier.id)
    )


def _whole_histories(where: peewee.Expression) -> list[DossierHistory]:
    """Every matching dossier with its whole event log, the events read once."""
    query = Dossier.select(Dossier.id, Dossier.code, Dossier.commune_code, Dossier.procedure,
                           Dossier.channel, Dossier.received_at, Dossier.status,
                           Dossier.deadline_at, Dossier.outcome, Dossier.rating,
                           peewee.SQL("NULL"), Dossier.closed_at).where(where)
    histories = {row[0]: _history(row) for row in db.execute(query)}
    events = (
        DossierEvent.select(DossierEvent.dossier, DossierEvent.id, DossierEvent.kind,
                            DossierEvent.at, DossierEvent.hlc, DossierEvent.data)
        .join(Dossier, on=(DossierEvent.dossier == Dossier.id))
        .where(where)
    )
    logs: dict[str, list[EventFacts]] = defaultdict(list)
    for dossier_id, event_id, kind, at, hlc, data in db.execute(events):
        logs[dossier_id].append(_facts(event_id, kind, at, hlc, data))
    for dossier_id, history in histories.items():
        log = logs.get(dossier_id, [])
        history.last_at = max((e.at for e in log), default=None)
        history.marks = sorted((Mark(e.kind, e.at, e.hlc, e.id) for e in log
                                if e.kind in COUNTED_KINDS), key=lambda m: (m.hlc, m.id))
        history.timeline = Timeline(log)
    return list(histories.values())


def _facts(event_id: str, kind: str, at: Any, hlc: str, data: str) -> EventFacts:
    payload = json.loads(data) if data != "{}" else {}
    return EventFacts(event_id, kind, workflow.parse(at), hlc, payload)


def _history(row: tuple[Any, ...]) -> DossierHistory:
    (did, code, commune, procedure, channel, received, status, deadline, outcome, rating, last,
     closed) = row
    closed_at = None if closed is None else workflow.parse(closed)
    stored = Standing(status, workflow.parse(deadline), outcome, closed_at)
    last_at = None if last is None else workflow.parse(last)
    return DossierHistory(did, code, commune, procedure, channel, workflow.parse(received),
                          stored, rating, last_at)


def _spans(history: DossierHistory, moments: Sequence[dt.datetime]) -> bool:
    """Whether some instant falls after the reception and not after the latest event."""
    if history.last_at is None:
        return False
    index = bisect.bisect_right(moments, history.received_at)
    return index < len(moments) and moments[index] <= history.last_at


def _load_timelines(histories: list[DossierHistory]) -> None:
    by_id = {h.id: h for h in histories}
    logs: dict[str, list[EventFacts]] = defaultdict(list)
    ids = list(by_id)
    for first in range(0, len(ids), CHUNK):
        query = DossierEvent.select(
            DossierEvent.dossier, DossierEvent.id, DossierEvent.kind, DossierEvent.at,
            DossierEvent.hlc, DossierEvent.data,
        ).where(DossierEvent.dossier.in_(ids[first : first + CHUNK]))
        for dossier_id, event_id, kind, at, hlc, data in db.execute(query):
            logs[dossier_id].append(_facts(event_id, kind, at, hlc, data))
    for dossier_id, history in by_id.items():
        history.timeline = Timeline(logs[dossier_id])


def procedures() -> dict[str, ProcedureInfo]:
    """The catalogue by code (retired procedures too: old dossiers still name them)."""
    query = Procedure.select(Procedure.code, Procedure.name, Procedure.field).tuples()
    return {code: ProcedureInfo(code, name, field) for code, name, field in query}


def commune_names() -> dict[str, str]:
    return dict(Commune.select(Commune.code, Commune.name).tuples())
