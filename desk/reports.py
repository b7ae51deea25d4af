"""On-time figures for a month, quarter or year: per procedure, per field, per commune.

Pure core shared by the desk (window, CLI) and the upstream server's dashboard: peewee queries
only (desk.report_source), then Python. ``commune_code=None`` means every commune the database
holds, which is how the server gets the district/province figures.

What each figure counts, for a period [start, end) and ``as_of`` = its end, or now for the
current period (state folded from the events before that instant, desk.history):

- ``carried_over``: received before ``start`` and still pending (received, in progress or
  waiting for supplements) at ``start``;
- ``received_direct|online|post``: received in the period, by channel;
- ``resolved_early|on_time|late``: result ready in the period, classed against the statutory
  ``deadline_at`` (a re-appointment never excuses lateness; a supplement restart moved it);
- ``pending_on_time|overdue``: clock running at ``as_of``, before or past ``deadline_at``;
- ``waiting_supplement``: waiting for the citizen's papers at ``as_of`` (no clock runs);
- ``refused``, ``withdrawn``, ``stopped``: closed so in the period (stopped: processing ended
  under Decree 118/2025 with a stop notice, counted apart from refusals);
- ``closed_early|on_time|late``: of those refused, withdrawn or stopped, when that happened
  against the deadline (the national table counts them as settled, see desk.report_table);
- ``supplement_requested``: dossiers asked for supplements during the period;
- ``rated_3|2|1``: ratings given in the period (rất hài lòng, hài lòng, không hài lòng).

Every dossier carried over or received ends the period in exactly one of resolved, refused,
withdrawn, stopped, pending or waiting, so ``total`` balances (a test holds it to that).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from desk import workflow
from desk.clock import Now, iso_local
from desk.periods import Span
from desk.report_source import (
    DossierHistory,
    ProcedureInfo,
    Standing,
    commune_names,
    load_histories,
    procedures,
)
from models import Applicant, Dossier, Procedure

CHANNELS = ("direct", "online", "post")
OTHER_FIELD, TOTAL_LABEL = "Khác", "Tổng cộng"
CLOSED_OTHERWISE = (workflow.REFUSED, workflow.WITHDRAWN, workflow.STOPPED)
# Figures made of others; the dossiers behind them are the union of their parts'.
DERIVED = {
    "received": ("received_direct", "received_online", "received_post"),
    "total": ("carried_over", "received_direct", "received_online", "received_post"),
    "resolved": ("resolved_early", "resolved_on_time", "resolved_late"),
    "pending": ("pending_on_time", "pending_overdue"),
    "rated": ("rated_3", "rated_2", "rated_1"),
}
FIGURE_LABELS = {
    "total": "Tổng số hồ sơ",
    "carried_over": "Kỳ trước chuyển qua",
    "received": "Mới tiếp nhận",
    "received_online": "Tiếp nhận trực tuyến",
    "received_direct": "Tiếp nhận trực tiếp",
    "received_post": "Tiếp nhận qua bưu chính",
    "resolved": "Đã giải quyết",
    "resolved_early": "Giải quyết trước hạn",
    "resolved_on_time": "Giải quyết đúng hạn",
    "resolved_late": "Giải quyết quá hạn",
    "pending": "Đang giải quyết",
    "pending_on_time": "Đang giải quyết trong hạn",
    "pending_overdue": "Đang giải quyết quá hạn",
    "waiting_supplement": "Chờ bổ sung hồ sơ",
    "supplement_requested": "Yêu cầu bổ sung trong kỳ",
    "refused": "Từ chối giải quyết",
    "withdrawn": "Công dân rút hồ sơ",
    "stopped": "Dừng giải quyết",
    "closed_early": "Từ chối, dừng, rút trước hạn",
    "closed_on_time": "Từ chối, dừng, rút đúng hạn",
    "closed_late": "Từ chối, dừng, rút quá hạn",
    "rated": "Lượt đánh giá",
    "rated_3": "Rất hài lòng",
    "rated_2": "Hài lòng",
    "rated_1": "Không hài lòng",
}


@dataclass(frozen=True)
class Figures:
    """The counts of one row of a report; derived totals and rates are properties."""

    carried_over: int = 0
    received_direct: int = 0
    received_online: int = 0
    received_post: int = 0
    resolved_early: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    pending_on_time: int = 0
    pending_overdue: int = 0
    waiting_supplement: int = 0
    supplement_requested: int = 0
    refused: int = 0
    withdrawn: int = 0
    stopped: int = 0
    closed_early: int = 0
    closed_on_time: int = 0
    closed_late: int = 0
    rated_3: int = 0
    rated_2: int = 0
    rated_1: int = 0

    def count(self, name: str) -> int:
        if name in DERIVED:
            return sum(getattr(self, part) for part in DERIVED[name])
        return int(getattr(self, name))

    @property
    def received(self) -> int:
        return self.count("received")

    @property
    def total(self) -> int:
        return self.count("total")

    @property
    def resolved(self) -> int:
        return self.count("resolved")

    @property
    def pending(self) -> int:
        return self.count("pending")

    @property
    def on_time_rate(self) -> float | None:
        """(early + on time) / resolved; None when nothing was resolved."""
        resolved = self.resolved
        return (self.resolved_early + self.resolved_on_time) / resolved if resolved else None

    @property
    def satisfaction_rate(self) -> float | None:
        """(very satisfied + satisfied) / ratings given; None without ratings."""
        rated = self.count("rated")
        return (self.rated_3 + self.rated_2) / rated if rated else None

    def __add__(self, other: Figures) -> Figures:
        return Figures(**{name: getattr(self, name) + getattr(other, name)
                          for name in BASE_FIGURES})

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in BASE_FIGURES)

    def as_dict(self) -> dict[str, int | float | None]:
        data: dict[str, int | float | None] = {f.name: getattr(self, f.name) for f in fields(self)}
        data.update({name: self.count(name) for name in DERIVED})
        data["on_time_rate"] = _rounded(self.on_time_rate)
        data["satisfaction_rate"] = _rounded(self.satisfaction_rate)
        return data


BASE_FIGURES = tuple(f.name for f in fields(Figures))


@dataclass(frozen=True)
class Group:
    """One row of a report: the whole, a field, a procedure or a commune, with its dossiers."""

    kind: str  # "total" | "field" | "procedure" | "commune"
    key: str
    label: str
    figures: Figures
    dossier_ids: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    field: str = ""

    def ids(self, figure: str) -> tuple[str, ...]:
        """The dossiers behind a figure (derived figures: the union of their parts)."""
        parts = DERIVED.get(figure, (figure,))
        seen: dict[str, None] = {}
        for part in parts:
            seen.update(dict.fromkeys(self.dossier_ids.get(part, ())))
        return tuple(seen)


@dataclass(frozen=True)
class Report:
    period: Span
    as_of: dt.datetime
    commune_code: str | None
    total: Group
    fields: tuple[Group, ...]
    procedures: tuple[Group, ...]

    def rows(self) -> list[Group]:
        """Fields in name order, each followed by its procedures; the total is separate."""
        ordered: list[Group] = []
        for group in self.fields:
            ordered.append(group)
            ordered += [p for p in self.procedures if p.field == group.key]
        return ordered


@dataclass(frozen=True)
class CommuneBreakdown:
    """The same figures per commune and for all of them together (the server's dashboard)."""

    period: Span
    as_of: dt.datetime
    communes: tuple[Group, ...]
    overall: Group


def as_of(period: Span, now: dt.datetime) -> dt.datetime:
    """Pending figures are taken at the period's end, or now for the current period (in UTC:
    comparing instants of one zone is several times faster than across zones)."""
    return max(period.start, min(period.end, now)).astimezone(dt.UTC)


def _utc_start(period: Span) -> dt.datetime:
    return period.start.astimezone(dt.UTC)


def classify(history: DossierHistory, start: dt.datetime, until: dt.datetime) -> list[str]:
    """The figures one dossier counts in, for the window [start, until)."""
    end_state = history.standing_before(until)
    if end_state is None:
        return []
    names = _during(history, start, until)
    if history.received_at >= start:
        channel = history.channel if history.channel in CHANNELS else "direct"
        names.append(f"received_{channel}")
    else:
        before = history.standing_before(start)
        if before is None or before.status not in workflow.PENDING:
            return names  # settled before the period: only its rating can count now
        names.append("carried_over")
    names += endings(end_state, until)
    return names


def endings(state: Standing, until: dt.datetime) -> list[str]:
    """The figures a dossier open in the window ends in: where it stands, and for one refused,
    withdrawn or stopped, when that happened against its deadline."""
    names = [_ending(state, until)]
    if state.status in CLOSED_OTHERWISE and state.closed_at is not None:
        names.append(f"closed_{workflow.outcome(state.closed_at, state.deadline_at)}")
    return names


def _during(history: DossierHistory, start: dt.datetime, until: dt.datetime) -> list[str]:
    """What events inside the window add by themselves: a request for papers, a rating.

    Only a dossier's first rating counts (the workflow refuses a second one), and its value is
    the stored one, which is that first rating.
    """
    names: list[str] = []
    rated = False
    for mark in history.marks:
        inside = start <= mark.at < until
        if mark.kind == "supplement_requested" and inside:
            names.append("supplement_requested")
        elif mark.kind == "rated" and not rated:
            rated = True
            if inside and history.rating in workflow.RATING_LABELS:
                names.append(f"rated_{history.rating}")
    return names


def _ending(state: Standing, until: dt.datetime) -> str:
    """Where a dossier that was open in the window stands at its end."""
    if state.status in workflow.RUNNING:
        return "pending_overdue" if state.deadline_at < until else "pending_on_time"
    if state.status == workflow.WAITING_SUPPLEMENT:
        return "waiting_supplement"
    if state.status in CLOSED_OTHERWISE:
        return state.status
    return f"resolved_{state.outcome}"  # result ready (then maybe returned) inside the window


def _rounded(rate: float | None) -> float | None:
    return None if rate is None else round(rate, 4)


class _Tally:
    """Dossier ids per figure, per group key, filled in one pass over the dossiers."""

    def __init__(self) -> None:
        self.ids: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))

    def add(self, keys: Iterable[str], dossier_id: str, names: Sequence[str]) -> None:
        for key in keys:
            bucket = self.ids[key]
            for name in names:
                bucket[name].append(dossier_id)

    def group(self, kind: str, key: str, label: str, field_name: str = "") -> Group:
        prefix = {"field": "f:", "procedure": "p:", "commune": "c:"}.get(kind, "")
        bucket = self.ids.get(prefix + key, {})
        frozen = {name: tuple(dict.fromkeys(ids)) for name, ids in bucket.items()}
        counts = Figures(**{name: len(frozen.get(name, ())) for name in BASE_FIGURES})
        return Group(kind, key, label, counts, frozen, field_name)


def compute(
    histories: Iterable[DossierHistory],
    period: Span,
    now: dt.datetime,
    catalogue: Mapping[str, ProcedureInfo],
    commune_code: str | None = None,
) -> Report:
    """A report from rows already loaded (several periods can share one load)."""
    start, until = _utc_start(period), as_of(period, now)
    tally = _Tally()
    for history in histories:
        names = classify(history, start, until)
        if not names:
            continue
        info = catalogue.get(history.procedure_code)
        field_name = info.field if info else ""
        keys = ("*", f"f:{field_name}", f"p:{history.procedure_code}")
        tally.add(keys, history.id, names)
    return _assemble(tally, period, until, catalogue, commune_code)


def _assemble(
    tally: _Tally, period: Span, until: dt.datetime, catalogue: Mapping[str, ProcedureInfo],
    commune_code: str | None,
) -> Report:
    field_names = sorted(k[2:] for k in tally.ids if k.startswith("f:"))
    fields_ = tuple(tally.group("field", name, name or OTHER_FIELD, name) for name in field_names)
    procs = []
    for key in sorted(k for k in tally.ids if k.startswith("p:")):
        code = key[2:]
        info = catalogue.get(code, ProcedureInfo(code, code, ""))
        procs.append(tally.group("procedure", code, info.name, info.field))
    procs.sort(key=lambda g: (g.field, g.label))
    total = tally.group("total", "*", TOTAL_LABEL)
    return Report(period, until, commune_code, total, fields_, tuple(procs))


def report_from_figures(
    period: Span, until: dt.datetime, by_procedure: Mapping[str, Figures],
    catalogue: Mapping[str, ProcedureInfo], commune_code: str | None = None,
) -> Report:
    """A report from figures already counted per procedure (the server keeps them per day):
    the rows, labels and order ``compute`` gives, without the dossiers behind each figure."""
    by_field: dict[str, Figures] = {}
    procs = []
    for code, figures in by_procedure.items():
        if not figures:
            continue
        info = catalogue.get(code, ProcedureInfo(code, code, ""))
        procs.append(Group("procedure", code, info.name, figures, field=info.field))
        by_field[info.field] = by_field.get(info.field, Figures()) + figures
    procs.sort(key=lambda g: (g.field, g.label))
    fields_ = tuple(Group("field", name, name or OTHER_FIELD, by_field[name], field=name)
                    for name in sorted(by_field))
    total = Group("total", "*", TOTAL_LABEL, sum(by_field.values(), Figures()))
    return Report(period, until, commune_code, total, fields_, tuple(procs))


def build_reports(
    periods: Sequence[Span], commune_code: str | None = None, *, now: Now
) -> list[Report]:
    """Reports for several periods from one load of the rows covering all of them; the
    current period counts what is pending as of ``now()``."""
    moment = now()
    start = min(_utc_start(p) for p in periods)
    end = max(as_of(p, moment) for p in periods)
    instants = {_utc_start(p) for p in periods} | {as_of(p, moment) for p in periods}
    histories = load_histories(start, end, commune_code, instants)
    catalogue = procedures()
    return [compute(histories, p, moment, catalogue, commune_code) for p in periods]


def build_report(period: Span, commune_code: str | None = None, *, now: Now) -> Report:
    """The report of one period, for one commune or (None) every commune in the database."""
    return build_reports([period], commune_code, now=now)[0]


def monthly_series(
    period: Span, commune_code: str | None = None, *, now: Now
) -> list[tuple[Span, Figures]]:
    """The totals of each month of ``period`` up to now (the charts' bars and trend)."""
    moment = now()
    months = [m for m in period.months() if m.start <= moment]
    if not months:
        return []
    reports = build_reports(months, commune_code, now=lambda: moment)
    return [(r.period, r.total.figures) for r in reports]


def by_commune(period: Span, *, now: Now) -> CommuneBreakdown:
    """Each commune's totals and the overall totals for one period, from one load."""
    moment = now()
    start, until = _utc_start(period), as_of(period, moment)
    tally = _Tally()
    for history in load_histories(start, until):
        names = classify(history, start, until)
        if names:
            tally.add(("*", f"c:{history.commune_code}"), history.id, names)
    names_by_code = commune_names()
    communes = tuple(
        tally.group("commune", key[2:], names_by_code.get(key[2:], key[2:]))
        for key in sorted(k for k in tally.ids if k.startswith("c:"))
    )
    return CommuneBreakdown(period, until, communes, tally.group("total", "*", TOTAL_LABEL))


def report_json(report: Report) -> dict[str, Any]:
    """The ``motcua report --json`` document (DESIGN.md §4); rates are fractions 0-1 or null."""
    return {
        **_period_json(report.period, report.as_of),
        "commune_code": report.commune_code,
        **report.total.figures.as_dict(),
        "fields": [{"field": g.key, **g.figures.as_dict()} for g in report.fields],
        "procedures": [
            {"code": g.key, "name": g.label, "field": g.field, **g.figures.as_dict()}
            for g in report.procedures
        ],
    }


def breakdown_json(breakdown: CommuneBreakdown) -> dict[str, Any]:
    """Per-commune figures and the overall ones, as the dashboard's JSON."""
    return {
        **_period_json(breakdown.period, breakdown.as_of),
        **breakdown.overall.figures.as_dict(),
        "communes": [
            {"code": g.key, "name": g.label, **g.figures.as_dict()} for g in breakdown.communes
        ],
    }


def _period_json(period: Span, until: dt.datetime) -> dict[str, Any]:
    return {
        "period": period.key,
        "period_label": period.label,
        "from": period.first_day.isoformat(),
        "to": period.last_day.isoformat(),
        "as_of": iso_local(until),
    }


def dossier_list(ids: Sequence[str]) -> list[dict[str, Any]]:
    """The dossiers behind a figure, for the list one click away (received order)."""
    rows: list[dict[str, Any]] = []
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        query = (
            Dossier.select(Dossier.id, Dossier.code, Dossier.status, Dossier.received_at,
                           Dossier.deadline_at, Applicant.name, Procedure.name)
            .join(Applicant, on=(Dossier.applicant == Applicant.id))
            .switch(Dossier)
            .join(Procedure, on=(Dossier.procedure == Procedure.code))
            .where(Dossier.id.in_(list(chunk)))
            .tuples()
        )
        rows += [
            {"id": did, "code": code, "status": workflow.STATUS_LABELS.get(status, status),
             "received_at": received, "deadline_at": deadline, "applicant": applicant,
             "procedure": procedure}
            for did, code, status, received, deadline, applicant, procedure in query
        ]
    return sorted(rows, key=lambda r: (r["received_at"], r["code"]))
