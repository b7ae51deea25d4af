"""A report laid out as the national table sent upward, Biểu số 06/VPCP/KSTT of Circular
01/2020/TT-VPCP: "Tình hình, kết quả giải quyết thủ tục hành chính", one row per field and the
total. The same table feeds the PDF (printing.report) and the Excel file.
"""

from __future__ import annotations

import datetime as dt

from desk import settings
from desk.clock import to_local
from desk.context import DeskContext
from desk.reports import Figures, Group, Report
from printing.model import sentence_case_unit
from printing.report import ColumnGroup, ReportTable, TableLine, Value, format_value
from printing.vntext import day_month_year

FORM_CODE = "Biểu số 06/VPCP/KSTT"
TITLE = "Tình hình, kết quả giải quyết thủ tục hành chính"
COUNTING_UNIT = "Số hồ sơ thủ tục hành chính"
# Biểu số 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP): STT, lĩnh vực, then 11 figures, columns
# (3) to (13). Every row adds up: (3) = (4) + (5) + (6) = (7) + (11); (7) = (8) + (9) + (10);
# (11) = (12) + (13). Where the desk's other endings go (product decision, README "Reports"):
# refused after appraisal, stopped (Decree 118/2025) and withdrawn dossiers were settled, so
# they are in (7), early / on time / late by when that happened; dossiers waiting for the
# citizen's supplement run no clock, so they are in (11), within time (12). The notes under
# the table give each of these counts.
GROUPS = (
    ColumnGroup("Số hồ sơ nhận giải quyết", (
        "Tổng số", "Trong kỳ: tiếp nhận trực tuyến",
        "Trong kỳ: tiếp nhận trực tiếp, qua dịch vụ bưu chính", "Từ kỳ trước chuyển qua")),
    ColumnGroup("Số hồ sơ đã giải quyết", ("Tổng số", "Trả trước hạn", "Trả đúng thời hạn",
                                          "Trả quá hạn")),
    ColumnGroup("Số hồ sơ đang giải quyết", ("Tổng số", "Trong hạn", "Quá hạn")),
)


def values(f: Figures) -> tuple[Value, ...]:
    """One row's cells, columns (3) to (13)."""
    early = f.resolved_early + f.closed_early
    on_time = f.resolved_on_time + f.closed_on_time
    late = f.resolved_late + f.closed_late
    in_time = f.pending_on_time + f.waiting_supplement
    return (
        f.total, f.received_online, f.received_direct + f.received_post, f.carried_over,
        early + on_time + late, early, on_time, late,
        in_time + f.pending_overdue, in_time, f.pending_overdue,
    )


def report_table(
    report: Report, *, governing_body: str, unit_name: str, place: str = "",
    issued_on: dt.date | None = None, receiving_unit: str = "",
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
        label_heading="Lĩnh vực giải quyết",
        groups=GROUPS,
        lines=tuple(lines(report)),
        notes=notes(report),
        place_and_date=_place_and_date(place, issued_on) if issued_on else "",
        form_code=FORM_CODE,
        reporting_unit=unit_name,
        receiving_unit=receiving_unit,
        counting_unit=COUNTING_UNIT,
        signers=("NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"),
    )


def office_table(report: Report, ctx: DeskContext, issued_on: dt.date) -> ReportTable:
    """The table headed by this desk's commune (UBND xã …) under its governing body, which
    also receives it (the province: there is no district tier since 1/7/2025)."""
    governing = str(settings.get("office.governing_body") or "")
    if not governing and ctx.commune.province_name:
        governing = f"UBND tỉnh {ctx.commune.province_name}"
    return report_table(
        report, governing_body=governing,
        unit_name=f"UBND {sentence_case_unit(ctx.commune.name)}", place=ctx.commune.place_name,
        issued_on=issued_on, receiving_unit=_sentence(governing),
    )


def _sentence(body: str) -> str:
    """ "UBND TỈNH ĐỒNG NAI" → "UBND tỉnh Đồng Nai", as a sentence names it."""
    words = body.split()
    if len(words) < 2 or words[0].upper() != "UBND":
        return body
    return f"UBND {sentence_case_unit(' '.join(words[1:]))}"


def lines(report: Report) -> list[TableLine]:
    """The national table's rows: one per field, numbered 1, 2, …; the total last."""
    out = [_line(str(number), group, "item")
           for number, group in enumerate(report.fields, start=1)]
    out.append(_line("", report.total, "total"))
    return out


def _line(number: str, group: Group, level: str) -> TableLine:
    return TableLine(number, group.label, values(group.figures), level)


def notes(report: Report) -> tuple[str, ...]:
    moment = to_local(report.as_of)
    f = report.total.figures
    rated = f.count("rated")
    rate = format_value(f.on_time_rate)
    texts = [
        f"Số hồ sơ đang giải quyết tính đến {moment:%H:%M} ngày {moment:%d/%m/%Y}. Trước "
        "hạn, đúng hạn, quá hạn so với thời hạn theo quy định: hồ sơ đã xin lỗi và gia hạn "
        "vẫn tính quá hạn theo ngày hẹn ban đầu.",
        f"Trong cột (7) có {f.refused} hồ sơ từ chối giải quyết, {f.stopped} hồ sơ dừng giải "
        f"quyết và {f.withdrawn} hồ sơ công dân rút; trong cột (12) có {f.waiting_supplement} "
        "hồ sơ đang chờ công dân bổ sung, hoàn thiện (không tính thời gian giải quyết).",
        f"Trong kỳ có {f.supplement_requested} hồ sơ phải bổ sung, hoàn thiện. Tỷ lệ hồ sơ "
        f"có kết quả trước và đúng hạn: {rate}%.",
    ]
    if rated:
        share = f"{(f.satisfaction_rate or 0) * 100:.1f}".replace(".", ",")
        texts.append(f"Đánh giá của người dân trong kỳ: {rated} lượt, trong đó hài lòng và rất "
                     f"hài lòng {share}%.")
    return tuple(texts)


def _place_and_date(place: str, day: dt.date) -> str:
    where = f"{place}, " if place else ""
    return f"{where}{day_month_year(day)}"  # Decree 30: "tháng 4", but "tháng 01", "tháng 02"
