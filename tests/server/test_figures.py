"""The figures kept per day equal what desk.reports counts from the dossiers, for any period
and any moment, however the dossiers' events arrive (in one push or several, late paper
records, steps the workflow skips), and a rebuild from scratch gives the same tables."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import peewee
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk import reports, workflow
from desk.periods import DayRange, Period
from models import Applicant, Dossier, DossierEvent, ReceivedDocument, db
from models.hub import (
    FIGURE_COLUMNS,
    FIGURE_TABLES,
    ChangeLog,
    FigureCommune,
    FigureIrregular,
    FigureProcedure,
    FigureProvince,
    FigureRepeat,
    IngestLedger,
)
from server.figures import read
from server.figures.rebuild import _workers, rebuild
from tests.conftest import vn
from tests.server.conftest import AN_BINH, TAN_PHU, commune, device_of, two_procedures
from tests.server.records import Pusher, Step, dossier, events, iso

BASE = vn(2026, 6, 1, 8, 0)
KINDS = ("assigned", "supplement_requested", "supplemented", "result_ready", "returned",
         "refused", "withdrawn", "rescheduled", "rated", "stopped")
SPANS = [Period.month(2026, 6), Period.month(2026, 8), Period.month(2026, 11),
         Period.month(2026, 12), Period.quarter(2026, 3), Period.quarter(2026, 4),
         Period.whole_year(2026), Period(2026, "month", 9, 15), Period(2026, "quarter", 4, 15),
         Period(2027, "year", 1, 15), DayRange(dt.date(2026, 6, 20), dt.date(2026, 10, 3)),
         DayRange(dt.date(2026, 11, 30), dt.date(2026, 12, 1)), Period.month(2027, 1)]


@st.composite
def histories(draw):
    """One dossier: when, how and where it came in, and what happened after (in any order the
    desks might write it, including steps its state does not allow)."""
    received = BASE + dt.timedelta(minutes=draw(st.integers(0, 150 * 24 * 60)))
    deadline = received + dt.timedelta(hours=draw(st.integers(0, 30 * 24)))
    steps, moment = [], received
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(KINDS))
        moment += dt.timedelta(minutes=draw(st.integers(0, 25 * 24 * 60)))
        at, recorded = moment, None
        if draw(st.integers(0, 9)) == 0:  # a paper record entered days after the fact
            at = moment - dt.timedelta(minutes=draw(st.integers(1, 20 * 24 * 60)))
            recorded = moment
        later = at + dt.timedelta(hours=draw(st.integers(0, 20 * 24)))
        data = {"supplemented": {"due_at": iso(later), "deadline_at": iso(later)},
                "rescheduled": {"due_at": iso(later + dt.timedelta(days=3))},
                "rated": {"rating": draw(st.integers(1, 3))}}.get(kind, {})
        reason = "Lý do ghi trên phiếu" if kind in workflow.NEEDS_REASON else ""
        steps.append(Step(kind, at, data, recorded, note=reason))
    return {"received": received, "deadline": deadline, "steps": steps,
            "channel": draw(st.sampled_from(["direct", "online", "post", "kiosk"])),
            "commune": draw(st.sampled_from([TAN_PHU[0], AN_BINH[0]])),
            "procedure": draw(st.integers(0, 1)), "split": draw(st.integers(0, 7))}


def clear() -> None:
    for model in (*FIGURE_TABLES, ChangeLog, IngestLedger, DossierEvent, ReceivedDocument,
                  Dossier, Applicant):
        model.delete().execute()
    db.execute_sql('DELETE FROM "dossier_search"')


def push_all(drawn: list[dict]) -> None:
    """Each dossier with its first events, then (a second push) the rest of its events."""
    procedures = two_procedures()
    pushers = {code: Pusher(device_of(code)) for code in (TAN_PHU[0], AN_BINH[0])}
    later: dict[str, list] = {code: [] for code in pushers}
    for item in drawn:
        record = dossier(commune(item["commune"]), procedures[item["procedure"]],
                         item["received"], item["deadline"], channel=item["channel"])
        made = events(record, item["steps"])
        cut = 1 + item["split"]
        pushers[item["commune"]].push([record, *made[:cut]])
        later[item["commune"]] += made[cut:]
    for code, pusher in pushers.items():
        pusher.push(later[code])


def expected_by_commune(span, now) -> dict[str, reports.Figures]:
    breakdown = reports.by_commune(span, now=lambda: now)
    return {g.key: g.figures for g in breakdown.communes if g.figures}


def rows(report: reports.Report) -> dict[str, reports.Figures]:
    return {"*": report.total.figures,
            **{f"f:{g.key}": g.figures for g in report.fields},
            **{f"p:{g.key}": g.figures for g in report.procedures}}


def latest(drawn: list[dict]) -> dt.datetime:
    return max(max([item["received"], *(s.at for s in item["steps"]),
                    *(s.recorded for s in item["steps"] if s.recorded)]) for item in drawn)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(drawn=st.lists(histories(), min_size=1, max_size=12),
       later=st.integers(1, 60 * 24 * 60))
def test_kept_figures_equal_the_desk_reports_for_every_period(server_db, drawn, later):
    """At a moment after everything recorded (a server refuses events from the future), for
    past periods, the running ones and periods still to come."""
    clear()
    push_all(drawn)
    now = latest(drawn) + dt.timedelta(minutes=later)
    running = [Period.containing(now), Period.containing(now, "quarter"),
               Period.containing(now, "month", 15), Period.containing(now, "year", 15),
               DayRange(now.date() - dt.timedelta(days=40), now.date() + dt.timedelta(days=2))]
    for span in [*SPANS, *running]:
        assert read.by_commune(span, now)[1] == expected_by_commune(span, now), (span, now)
    for span in [*SPANS[::4], *running[:2]]:
        for code in (TAN_PHU[0], AN_BINH[0], None):
            got = rows(read.report(span, now, code))
            assert got == rows(reports.build_report(span, code, now=lambda: now)), (span, now, code)
    incremental = snapshot()
    rebuild()
    assert snapshot() == incremental


def snapshot() -> dict[str, Counter]:
    """The figure tables' content, zero rows left out (a change and its undoing leave one)."""
    out = {}
    for model in (FigureCommune, FigureProcedure, FigureProvince):
        keys = [f for f in model._meta.sorted_field_names if f not in FIGURE_COLUMNS]
        out[model.__name__] = Counter({
            (tuple(getattr(r, k) for k in keys), name): getattr(r, name)
            for r in model.select() for name in FIGURE_COLUMNS if getattr(r, name)})
    out["repeat"] = Counter({(r.commune_code, r.procedure_code, r.first_day, r.last_day): r.count
                             for r in FigureRepeat.select() if r.count})
    return out


def test_a_late_paper_record_that_reorders_the_past_is_folded_at_read_time(server_db):
    """Received Monday; papers asked for on Wednesday; on Thursday a clerk enters that the
    result was ready on Tuesday. Folded by time, the dossier was resolved on Tuesday and then
    waiting again: it is counted by the desk's own fold, not by spells."""
    clear()
    monday = vn(2026, 11, 2, 9, 0)
    record = dossier(commune(TAN_PHU[0]), two_procedures()[0], monday,
                     monday + dt.timedelta(days=5))
    made = events(record, [
        Step("supplement_requested", monday + dt.timedelta(days=2)),
        Step("result_ready", monday + dt.timedelta(days=1),
             recorded=monday + dt.timedelta(days=3))])
    Pusher(device_of(TAN_PHU[0])).push([record, *made])
    assert [r.dossier_id for r in FigureIrregular.select()] == [record["id"]]
    now = monday + dt.timedelta(days=10)
    for span in (Period.month(2026, 11), DayRange(dt.date(2026, 11, 3), dt.date(2026, 11, 4)),
                 DayRange(dt.date(2026, 11, 5), dt.date(2026, 11, 30))):
        assert read.by_commune(span, now)[1] == expected_by_commune(span, now), span
        expected = reports.build_report(span, None, now=lambda: now)
        assert rows(read.report(span, now)) == rows(expected)


def test_a_rebuild_counted_by_worker_processes_equals_one_counted_in_process(server_db):
    """On PostgreSQL the communes are counted by processes reading this transaction's exported
    snapshot; the tables they give must be the ones the in-process count gives, and the ones
    the pushes kept."""
    if not isinstance(db.obj, peewee.PostgresqlDatabase):
        pytest.skip("worker processes share a snapshot on PostgreSQL only")
    clear()
    day = dt.timedelta(days=1)
    drawn = [{"received": BASE + n * 3 * day, "deadline": BASE + (n * 3 + 5) * day,
              "steps": steps, "channel": "direct", "commune": code, "procedure": n % 2,
              "split": n % 3}
             for n, (code, steps) in enumerate([
                 (TAN_PHU[0], [Step("assigned", BASE + day),
                               Step("result_ready", BASE + 2 * day),
                               Step("returned", BASE + 3 * day),
                               Step("rated", BASE + 3 * day, {"rating": 3})]),
                 (AN_BINH[0], [Step("supplement_requested", BASE + 4 * day),
                               Step("supplemented", BASE + 6 * day,
                                    {"due_at": iso(BASE + 9 * day),
                                     "deadline_at": iso(BASE + 9 * day)})]),
                 (TAN_PHU[0], [Step("refused", BASE + 7 * day, note="Lý do ghi trên phiếu")]),
                 (AN_BINH[0], [])])]
    push_all(drawn)
    kept = snapshot()
    assert _workers(2, 2) == 2  # the pool is used, not the in-process count
    assert rebuild(workers=2) == len(drawn)
    assert snapshot() == kept
    assert rebuild(workers=1) == len(drawn)
    assert snapshot() == kept
