"""A report laid out as the table sent upward: "Tình hình, kết quả giải quyết thủ tục hành chính".

Columns follow the national template (total, carried over, newly received online / in person or
by post; resolved early / on time / late; pending within time / overdue), with the dossiers that
run no clock (waiting for supplements) and those closed otherwise (refused, withdrawn) in their
own columns so that every row balances, and the on-time rate last. Rows: each field, then its
procedures, then the total. The same table feeds the PDF (printing.report) and the Excel file.
"""

from __future__ import annotations

import datetime as dt

from desk import settings
from desk.clock import to_local
from desk.context import DeskContext
from desk.reports import Figures, Group, Report
from printing.report import ColumnGroup, ReportTable, TableLine, Value

TITLE = "Tình hình, kết quả giải quyết thủ tục hành chính"
GROUPS = (
    ColumnGroup("Tổng số hồ sơ", ("Tổng số", "Kỳ trước chuyển qua", "Mới tiếp nhận trực tuyến",
                                  "Mới tiếp nhận trực tiếp, bưu chính")),
    ColumnGroup("Số hồ sơ đã giải quyết", ("Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn")),
    ColumnGroup("Số hồ sơ đang giải quyết", ("Tổng số", "Trong hạn", "Quá hạn")),
    ColumnGroup("Hồ sơ khác", ("Chờ bổ sung, hoàn thiện", "Từ chối giải quyết",
                               "Công dân rút hồ sơ")),
    ColumnGroup("Tỷ lệ giải quyết đúng hạn (%)"),
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX")


def values(f: Figures) -> tuple[Value, ...]:
    """One row's cells, in the order of GROUPS."""
    return (
        f.total, f.carried_over, f.received_online, f.received_direct + f.received_post,
        f.resolved, f.resolved_early, f.resolved_on_time, f.resolved_late,
        f.pending, f.pending_on_time, f.pending_overdue,
        f.waiting_supplement, f.refused, f.withdrawn,
        f.on_time_rate,
    )


def report_table(
    report: Report, *, governing_body: str, unit_name: str, place: str = "",
    issued_on: dt.date | None = None,
) -> ReportTable:
    """The report as the national table, headed by the unit that sends it."""
    period = report.period
    subtitle = (f"Kỳ báo cáo: {period.label} (từ ngày {period.first_day:%d/%m/%Y} "
                f"đến ngày {period.last_day:%d/%m/%Y})")
    return ReportTable(
        governing_body=governing_body,
        unit_name=unit_name,
        title=TITLE,
        subtitle=subtitle,
        label_heading="Lĩnh vực, thủ tục hành chính",
        groups=GROUPS,
        lines=tuple(lines(report)),
        notes=notes(report),
        place_and_date=_place_and_date(place, issued_on) if issued_on else "",
    )


def office_table(report: Report, ctx: DeskContext, issued_on: dt.date) -> ReportTable:
    """The table headed by this desk's commune (UBND XÃ …) under its governing body."""
    return report_table(
        report, governing_body=str(settings.get("office.governing_body") or ""),
        unit_name=f"UBND {ctx.commune.name}", place=ctx.commune.place_name, issued_on=issued_on,
    )


def lines(report: Report) -> list[TableLine]:
    """Fields numbered I, II, … with their procedures 1, 2, … under them; the total last."""
    out: list[TableLine] = []
    field_number, item_number = 0, 0
    for group in report.rows():
        if group.kind == "field":
            field_number += 1
            out.append(_line(_roman(field_number), group, "group"))
        else:
            item_number += 1
            out.append(_line(str(item_number), group, "item"))
    out.append(_line("", report.total, "total"))
    return out


def _line(number: str, group: Group, level: str) -> TableLine:
    return TableLine(number, group.label, values(group.figures), level)


def notes(report: Report) -> tuple[str, ...]:
    moment = to_local(report.as_of)
    f = report.total.figures
    rated = f.count("rated")
    texts = [
        f"Số hồ sơ đang giải quyết và chờ bổ sung tính đến {moment:%H:%M} ngày "
        f"{moment:%d/%m/%Y}. Trước hạn, đúng hạn, quá hạn so với thời hạn theo quy định: "
        "hồ sơ đã xin lỗi và hẹn lại vẫn tính quá hạn theo ngày hẹn ban đầu.",
        f"Trong kỳ có {f.supplement_requested} hồ sơ phải bổ sung, hoàn thiện.",
    ]
    if rated:
        share = f"{(f.satisfaction_rate or 0) * 100:.1f}".replace(".", ",")
        texts.append(f"Đánh giá của người dân trong kỳ: {rated} lượt, trong đó hài lòng và rất "
                     f"hài lòng {share}%.")
    return tuple(texts)


def _roman(number: int) -> str:
    return ROMAN[number - 1] if number <= len(ROMAN) else str(number)


def _place_and_date(place: str, day: dt.date) -> str:
    where = f"{place}, " if place else ""
    return f"{where}ngày {day:%d} tháng {day:%m} năm {day:%Y}"
