"""The figures of desk.reports against the hand-computed scenario (see scenario.py)."""

import dataclasses
import datetime as dt
import json

import pytest

from desk import reports
from desk.errors import DomainError
from desk.history import Timeline, state_at
from desk.periods import Period
from desk.workflow import EventFacts
from models import Commune, Dossier, DossierEvent
from tests.conftest import vn
from tests.reports.conftest import AT_BEFORE_DECEMBER, AT_MID_DECEMBER, MID_DECEMBER
from tests.reports.scenario import NOVEMBER, OCTOBER, A, B, C

NOV = Period.month(2026, 11)


def figures(report):
    return report.total.figures.as_dict()


def assert_matches(data, expected):
    assert {k: data[k] for k in expected} == expected


def test_november_figures_match_the_hand_count(full_counter):
    report = reports.build_report(NOV, now=AT_MID_DECEMBER)
    assert_matches(figures(report), NOVEMBER)
    assert report.as_of == NOV.end


def test_october_counts_the_month_boundary_dossiers_as_pending(full_counter):
    assert_matches(figures(reports.build_report(Period.month(2026, 10), now=AT_MID_DECEMBER)),
                   OCTOBER)


def test_the_dossiers_behind_each_figure(full_counter):
    total = reports.build_report(NOV, now=AT_MID_DECEMBER).total
    ids = full_counter.id
    assert set(total.ids("carried_over")) == {ids("d1"), ids("d2")}
    assert set(total.ids("resolved_late")) == {ids("d2"), ids("d5")}  # d5 despite re-appointment
    assert set(total.ids("pending_overdue")) == {ids("d8")}  # re-appointed, still overdue
    assert set(total.ids("waiting_supplement")) == {ids("d6")}  # past its deadline, no clock
    assert set(total.ids("resolved_on_time")) == {ids("d3"), ids("d4")}  # d4 restarted
    assert set(total.ids("received")) == {ids(n) for n in ("d3", "d4", "d5", "d6", "d7", "d8",
                                                          "d9", "d10")}
    assert set(total.ids("rated_1")) == {ids("d11")}


def test_every_dossier_in_the_period_ends_it_in_exactly_one_place(full_counter):
    total = reports.build_report(NOV, now=AT_MID_DECEMBER).total
    endings = ("resolved", "pending", "waiting_supplement", "refused", "withdrawn", "stopped")
    placed = [i for name in endings for i in total.ids(name)]
    assert sorted(placed) == sorted(total.ids("total"))


def test_a_past_month_does_not_change_when_dossiers_move_on(counter):
    before = reports.build_report(NOV, now=AT_BEFORE_DECEMBER)
    from tests.reports.scenario import december

    december(counter)
    after = reports.build_report(NOV, now=AT_MID_DECEMBER)
    assert figures(after) == figures(before)
    assert after.total.dossier_ids == before.total.dossier_ids
    assert Dossier.get_by_id(counter.id("d8")).status == "result_ready"  # it did move on


def test_the_current_month_takes_pending_figures_now(full_counter):
    report = reports.build_report(Period.month(2026, 12), now=AT_MID_DECEMBER)
    data = figures(report)
    assert report.as_of == MID_DECEMBER
    # carried over from November: d6 (waiting), d7, d8; d6 came back and is due 7/12 10:00.
    assert data["carried_over"] == 3 and data["received"] == 1
    assert (data["resolved_late"], data["resolved_on_time"]) == (2, 0)  # d7 due 1/12, d8 19/11
    assert data["pending_overdue"] == 2  # d6 (due 7/12) and d12 (same day, 1/12)
    assert data["rated_2"] == 1


def test_rows_per_field_and_procedure(full_counter):
    report = reports.build_report(NOV, now=AT_MID_DECEMBER)
    by_code = {g.key: g.figures for g in report.procedures}
    assert set(by_code) == {A, B, C}
    assert (by_code[A].carried_over, by_code[A].received, by_code[A].resolved) == (1, 4, 4)
    assert (by_code[B].refused, by_code[B].withdrawn, by_code[B].rated_1) == (1, 1, 1)
    assert [g.key for g in report.fields] == ["Chứng thực", "Hộ tịch",
                                             "Thành lập và hoạt động của hộ kinh doanh"]
    rows = report.rows()
    assert rows[0].kind == "field" and rows[1].kind == "procedure" and rows[1].key == B
    for counted in ("total", "resolved", "pending", "rated"):
        assert sum(g.figures.count(counted) for g in report.fields) == \
            report.total.figures.count(counted)


def test_a_commune_filter_and_the_breakdown_per_commune(full_counter):
    Commune.create(code="26735", name="Xã Bình An", agency_code="000.00.13.H12")
    moved = [full_counter.id(n) for n in ("d9", "d10")]
    Dossier.update(commune_code="26735").where(Dossier.id.in_(moved)).execute()
    assert figures(reports.build_report(NOV, "26735", now=AT_MID_DECEMBER))["received"] == 2
    assert figures(reports.build_report(NOV, "26734", now=AT_MID_DECEMBER))["received"] == 6
    breakdown = reports.by_commune(NOV, now=AT_MID_DECEMBER)
    assert [(g.key, g.label, g.figures.received) for g in breakdown.communes] == [
        ("26734", "Xã Tân Phú", 6), ("26735", "Xã Bình An", 2)]
    assert breakdown.overall.figures.as_dict() == figures(
        reports.build_report(NOV, now=AT_MID_DECEMBER))
    data = reports.breakdown_json(breakdown)
    assert data["period"] == "2026-11" and len(data["communes"]) == 2


def test_monthly_series_reuses_one_load_and_agrees_with_single_reports(full_counter):
    series = reports.monthly_series(Period.whole_year(2026), now=AT_MID_DECEMBER)
    assert [p.key for p, _ in series] == [f"2026-{m:02d}" for m in range(1, 13)]
    by_month = dict(series)
    assert by_month[NOV].as_dict() == figures(reports.build_report(NOV, now=AT_MID_DECEMBER))
    assert by_month[Period.month(2026, 1)].total == 0


def test_year_and_quarter_reports(full_counter):
    year = figures(reports.build_report(Period.whole_year(2026), now=AT_MID_DECEMBER))
    assert year["received"] == 12 and year["carried_over"] == 0
    quarter = figures(reports.build_report(Period.parse("2026-Q4"), now=AT_MID_DECEMBER))
    assert quarter == year  # nothing happened before October


def test_report_json_has_the_contract_keys(full_counter):
    data = reports.report_json(reports.build_report(NOV, now=AT_MID_DECEMBER))
    assert {"period", "received", "resolved_early", "resolved_on_time", "resolved_late",
            "pending_on_time", "pending_overdue", "waiting_supplement", "refused",
            "withdrawn", "on_time_rate"} <= set(data)
    assert data["period"] == "2026-11" and data["as_of"] == "2026-12-01T00:00:00+07:00"
    assert {r["code"] for r in data["procedures"]} == {A, B, C}


def test_dossier_list_names_the_dossiers_behind_a_figure(full_counter):
    total = reports.build_report(NOV, now=AT_MID_DECEMBER).total
    rows = reports.dossier_list(total.ids("carried_over"))
    assert [r["code"] for r in rows] == [full_counter.dossiers[n].code for n in ("d1", "d2")]
    assert rows[0]["applicant"] == "Đặng Văn Đức"


def test_empty_period_has_no_rate():
    report_figures = reports.Figures()
    assert report_figures.on_time_rate is None and report_figures.as_dict()["on_time_rate"] is None


# --- periods -------------------------------------------------------------------------------


@pytest.mark.parametrize("text,label,first,last", [
    ("2026-11", "Tháng 11/2026", dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
    ("2026-Q4", "Quý IV/2026", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    ("2028-02", "Tháng 02/2028", dt.date(2028, 2, 1), dt.date(2028, 2, 29)),
    ("2026", "Năm 2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
])
def test_periods_parse_and_bound_in_vietnam_time(text, label, first, last):
    period = Period.parse(text)
    assert (period.key, period.label, period.first_day, period.last_day) == \
        (text, label, first, last)
    assert period.start == vn(first.year, first.month, first.day)
    assert period.contains(vn(last.year, last.month, last.day, 23, 59))


def test_a_late_evening_belongs_to_the_vietnamese_day():
    instant = vn(2026, 10, 31, 23, 30).astimezone(dt.UTC)  # 16:30 UTC
    assert Period.containing(instant) == Period.month(2026, 10)
    assert Period.month(2026, 11).start.astimezone(dt.UTC) == dt.datetime(2026, 10, 31, 17,
                                                                          tzinfo=dt.UTC)


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "26-11", "tháng 11"])
def test_bad_periods_are_refused_in_vietnamese(text):
    with pytest.raises(DomainError, match="Kỳ báo cáo"):
        Period.parse(text)


# --- state at an instant -------------------------------------------------------------------


def facts(*items):
    out = []
    for n, (kind, at, data) in enumerate(items):
        out.append(EventFacts(f"e{n}", kind, at, f"{n:015d}-000000", data))
    return out


DUE = {"due_at": "2026-11-20T03:00:00+00:00", "deadline_at": "2026-11-20T03:00:00+00:00"}


def test_state_at_an_instant_folds_only_the_events_before_it():
    log = facts(("received", vn(2026, 11, 16, 10), DUE), ("assigned", vn(2026, 11, 17), {}),
                ("result_ready", vn(2026, 11, 21), {}))
    assert state_at(log, vn(2026, 11, 16, 9)) is None
    assert state_at(log, vn(2026, 11, 18)).status == "in_progress"
    assert state_at(log, vn(2026, 11, 22)).outcome == "late"


def test_a_paper_record_entered_late_still_counts_at_its_own_time():
    # Recorded (hlc) after the assignment of 20/11 but dated 18/11: the log is out of order.
    log = facts(("received", vn(2026, 11, 16, 10), DUE), ("assigned", vn(2026, 11, 20), {}),
                ("result_ready", vn(2026, 11, 18), {}))
    timeline = Timeline(log)
    assert timeline.state_before(vn(2026, 11, 19)).status == "result_ready"
    assert timeline.state_before(vn(2026, 11, 17)).status == "received"


def test_stored_projection_shortcut_agrees_with_folding(full_counter):
    """The report reads the stored row when nothing happened after the instant: same answer."""
    from desk.report_source import load_histories

    for history in load_histories(vn(2026, 10, 1), MID_DECEMBER):
        log = [EventFacts(e.id, e.kind, e.at, e.hlc, json.loads(e.data))
               for e in DossierEvent.select().where(DossierEvent.dossier == history.id)]
        final = state_at(log, MID_DECEMBER + dt.timedelta(days=1))
        assert (final.status, final.deadline_at, final.outcome,
                final.closed_at) == dataclasses.astuple(history.stored)
        assert history.standing_before(MID_DECEMBER + dt.timedelta(days=1)) == history.stored
