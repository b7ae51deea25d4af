"""The national report as the desk prints it (desk.report_table → printing.report for PDF,
desk.report_xlsx for Excel), for one commune or the whole province, from the kept figures."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from desk.clock import to_local
from desk.periods import Span, span_key
from desk.report_table import report_table
from desk.report_xlsx import render_xlsx
from models import Commune
from printing.model import sentence_case_unit
from printing.report import ReportTable, render_report
from server.dashboard.province import ProvinceTexts
from server.figures import read

TYPES = {"pdf": "application/pdf",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@functools.lru_cache(maxsize=64)
def rendered(table: ReportTable, kind: str) -> bytes:
    """The file of a table. Drawing a PDF or a workbook costs a few hundred milliseconds while
    the figures behind it take a few; a table is plain frozen values, so the same table asked
    again (most downloads are of the last closed period) is drawn once per process."""
    return render_report(table) if kind == "pdf" else render_xlsx(table)


@dataclass(frozen=True)
class Export:
    content: bytes
    filename: str
    media_type: str


def export(span: Span, now: dt.datetime, kind: str, names: ProvinceTexts,
           commune: Commune | None = None) -> Export:
    report = read.report(span, now, commune.code if commune else None)
    unit = f"UBND {sentence_case_unit(commune.name)}" if commune else names.agency
    place = commune.place_name if commune else names.province
    # A commune reports to its province; the province to the Government Office (Cục Kiểm
    # soát thủ tục hành chính), which collects Biểu số 06 nationwide.
    receiving = names.governing_body if commune else "Văn phòng Chính phủ"
    table = report_table(report, governing_body=names.governing_body, unit_name=unit,
                         place=place, issued_on=to_local(now).date(), receiving_unit=receiving)
    content = rendered(table, kind)
    who = commune.code if commune else "toan-tinh"
    return Export(content, f"bao-cao-{who}-{span_key(span)}.{kind}", TYPES[kind])
