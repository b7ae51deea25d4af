"""The figures of a period read from the daily tables, as desk.reports would count them.

For a window with first day S and end E (the day after its last, or after today while the
period runs): flows are the sums of the buckets of [S, E); what is pending at the start is the
sum of everything before S; what is pending at the end is that plus the window's own changes,
or, while the period runs, the dossiers pending right now (their rows hold the state now).
Irregular dossiers are folded here, one by one, by the desk's own ``classify``.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

import peewee

from desk import reports, workflow
from desk.periods import Span
from desk.report_source import histories_where, procedures
from desk.reports import Figures, Report
from models import Dossier
from models.hub import (
    FIGURE_COLUMNS,
    FigureCommune,
    FigureIrregular,
    FigureProcedure,
    FigureProvince,
    FigureRepeat,
)
from server.figures import buckets
from server.figures.contribution import PENDING_FIGURES, day_of, standing_now

ZERO = (0,) * len(FIGURE_COLUMNS)


@dataclass(frozen=True)
class Window:
    span: Span
    start: dt.datetime  # UTC, as desk.reports takes it
    until: dt.datetime  # the period's end, or now while it runs (desk.reports.as_of)
    first: dt.date
    stop: dt.date  # the day after the last day counted
    live: bool  # pending figures are those of now


def window(span: Span, now: dt.datetime) -> Window:
    until = reports.as_of(span, now)
    start = span.start.astimezone(dt.UTC)
    live = span.start <= now < span.end
    if live:
        stop = day_of(now) + dt.timedelta(days=1)
    elif now < span.start:
        stop = span.first_day  # a period still to come: nothing has happened in it yet
    else:
        stop = span.last_day + dt.timedelta(days=1)
    return Window(span, start, until, span.first_day, stop, live)


@dataclass(frozen=True)
class _Source:
    """Where one breakdown reads: its table, the key it groups by, the scope's condition."""

    table: type[peewee.Model]
    key: str  # "commune_code" or "procedure_code"
    commune: str | None = None  # figure_procedure is read for one commune
    communes: Collection[str] | None = None


def by_commune(span: Span, now: dt.datetime,
               communes: Collection[str] | None = None) -> tuple[Window, dict[str, Figures]]:
    """Every commune's totals (or those of ``communes``), keyed by commune code."""
    frame = window(span, now)
    return frame, _figures(frame, now, _Source(FigureCommune, "commune_code",
                                                communes=communes))


def by_procedure(span: Span, now: dt.datetime,
                 commune: str | None = None) -> tuple[Window, dict[str, Figures]]:
    """Per procedure, for one commune or (None) the whole province."""
    frame = window(span, now)
    table = FigureProvince if commune is None else FigureProcedure
    return frame, _figures(frame, now, _Source(table, "procedure_code", commune=commune))


def report(span: Span, now: dt.datetime, commune: str | None = None) -> Report:
    """The national report of ``span`` for one commune or the province, as desk.reports
    would build it from the dossiers (fields, procedures, the total)."""
    frame, per_procedure = by_procedure(span, now, commune)
    return reports.report_from_figures(span, frame.until, per_procedure, procedures(), commune)


def total(per_key: dict[str, Figures]) -> Figures:
    return sum(per_key.values(), Figures())


def _figures(frame: Window, now: dt.datetime, source: _Source) -> dict[str, Figures]:
    before = _sums(source, buckets.before(frame.first))
    inside = _sums(source, buckets.runs(frame.first, frame.stop))
    repeats = _repeats(frame, source)
    live = _live(now, source) if frame.live else None
    extra = _irregular(frame, now, source)
    result: dict[str, Figures] = {}
    for key in {*before, *inside, *(live or ()), *extra}:
        figures = _combine(before.get(key, ZERO), inside.get(key, ZERO),
                           None if live is None else live.get(key, Counter()),
                           repeats.get(key, 0), extra.get(key, Counter()))
        if figures:
            result[key] = figures
    return result


def _combine(before: tuple[int, ...], inside: tuple[int, ...], live: Counter[str] | None,
             repeats: int, extra: Counter[str]) -> Figures:
    start = dict(zip(FIGURE_COLUMNS, before, strict=True))
    change = dict(zip(FIGURE_COLUMNS, inside, strict=True))
    values: dict[str, int] = {name: change[name] for name in FIGURE_COLUMNS}
    for name in PENDING_FIGURES:
        values[name] = live[name] if live is not None else start[name] + change[name]
    values["supplement_requested"] -= repeats
    values["carried_over"] = sum(start[name] for name in PENDING_FIGURES)
    for name, count in extra.items():
        values[name] = values.get(name, 0) + count
    return Figures(**values)


def _scope(source: _Source, table: type[peewee.Model]) -> peewee.Expression | None:
    fields = table._meta.fields
    if source.commune is not None and "commune_code" in fields:
        return fields["commune_code"] == source.commune
    if source.communes is not None and "commune_code" in fields:
        return fields["commune_code"].in_(list(source.communes))
    return None


def _where(*conditions: peewee.Expression | None) -> peewee.Expression:
    present = [c for c in conditions if c is not None]
    return functools.reduce(operator.and_, present) if present else peewee.SQL("1 = 1")


def _sums(source: _Source, runs: list[buckets.Run]) -> dict[str, tuple[int, ...]]:
    table = source.table
    if not runs:
        return {}
    fields = table._meta.fields
    inside = functools.reduce(operator.or_, [
        (fields["grain"] == run.grain) & (fields["bucket"] >= run.low)
        & (fields["bucket"] < run.high) for run in runs])
    key = fields[source.key]
    query = (table.select(key, *[peewee.fn.SUM(fields[n]) for n in FIGURE_COLUMNS])
             .where(_where(inside, _scope(source, table))).group_by(key).tuples())
    return {row[0]: tuple(int(v or 0) for v in row[1:]) for row in query}


def _repeats(frame: Window, source: _Source) -> dict[str, int]:
    if frame.stop <= frame.first:
        return {}
    key = FigureRepeat._meta.fields[source.key]
    query = (FigureRepeat.select(key, peewee.fn.SUM(FigureRepeat.count))
             .where(_where((FigureRepeat.first_day >= frame.first)
                           & (FigureRepeat.last_day < frame.stop),
                           _scope(source, FigureRepeat)))
             .group_by(key).tuples())
    return {k: int(n or 0) for k, n in query}


def _live(now: dt.datetime, source: _Source) -> dict[str, Counter[str]]:
    """The pending figures of now, counted on the dossiers' rows (an index holds them all)."""
    key = Dossier._meta.fields["procedure" if source.key == "procedure_code" else source.key]
    late = Dossier.deadline_at < now
    # COUNT(*), not COUNT(id): the (status, commune, procedure, deadline) index then answers
    # alone (an index-only scan), without reading the pending dossiers' rows.
    query = (Dossier.select(key, Dossier.status, late, peewee.fn.COUNT(peewee.SQL("*")))
             .where(_where(Dossier.status.in_(workflow.PENDING), _scope(source, Dossier)))
             .group_by(key, Dossier.status, late).tuples())
    counts: dict[str, Counter[str]] = {}
    for value, status, is_late, count in query:
        figure = _pending_figure(status, bool(is_late))
        counts.setdefault(value, Counter())[figure] += count
    return counts


def _pending_figure(status: str, late: bool) -> str:
    if status == workflow.WAITING_SUPPLEMENT:
        return "waiting_supplement"
    return "pending_overdue" if late else "pending_on_time"


def _irregular(frame: Window, now: dt.datetime, source: _Source) -> dict[str, Counter[str]]:
    """Irregular dossiers of the scope, classified by the desk; while the period runs, what
    ``_live`` counted of them from their rows is taken back."""
    ids = [i for (i,) in FigureIrregular.select(FigureIrregular.dossier_id)
           .where(_where(_scope(source, FigureIrregular))).tuples()]
    extra: dict[str, Counter[str]] = {}
    for first in range(0, len(ids), 500):
        for history in histories_where(Dossier.id.in_(ids[first:first + 500])):
            key = history.commune_code if source.key == "commune_code" else \
                history.procedure_code
            counts = extra.setdefault(key, Counter())
            counts.update(set(reports.classify(history, frame.start, frame.until)))
            if frame.live:
                naive = standing_now(history.stored.status, history.stored.deadline_at, now)
                if naive is not None:
                    counts[naive] -= 1
    return extra
