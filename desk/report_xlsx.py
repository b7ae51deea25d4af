"""The report table as an Excel workbook (openpyxl): the same table the PDF prints.

Counts are written as numbers and the rate as a fraction formatted as a percentage, so the
district can add communes' sheets up without retyping; headings are merged over two rows.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from printing.report import ReportTable

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="EEF2F7")
TOTAL_FILL = PatternFill("solid", fgColor="F4F4F4")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
FIRST_TABLE_ROW = 6  # title block above: unit, motto, title, period


def render_xlsx(table: ReportTable) -> bytes:
    """The workbook as bytes (one sheet, "Báo cáo")."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"
    _title(sheet, table)
    body_row = _headings(sheet, table)
    last_row = _body(sheet, table, body_row)
    notes = (*table.side_block()[2:], *table.notes)  # the counting unit, then the notes
    for offset, note in enumerate(notes, start=2):
        sheet.cell(last_row + offset, 1, note).font = Font(italic=True)
    _layout(sheet, table)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _title(sheet: Worksheet, table: ReportTable) -> None:
    width = 2 + table.column_count
    half = width // 2
    side = (*table.side_block(), "", "")[:2]
    cells = [
        (1, 1, half, f"{table.form_code} - {table.governing_body.upper()}".strip(" -"), False),
        (2, 1, half, table.unit_name.upper(), True),
        (1, half + 1, width, side[0], False),
        (2, half + 1, width, side[1], False),
        (3, 1, width, table.title.upper(), True),
        (4, 1, width, table.subtitle, False),
    ]
    for row, first, last, text, bold in cells:
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        cell = sheet.cell(row, first, text)
        cell.font = Font(bold=bold, size=14 if row == 3 else 11, italic=row == 4)
        cell.alignment = CENTER


def _headings(sheet: Worksheet, table: ReportTable) -> int:
    """Group names over column names (merged), then the column numbers; returns the next row."""
    top, below = FIRST_TABLE_ROW, FIRST_TABLE_ROW + 1
    for column, text in ((1, "STT"), (2, table.label_heading)):
        sheet.cell(top, column, text)
        sheet.merge_cells(start_row=top, start_column=column, end_row=below, end_column=column)
    column = 3
    for group in table.groups:
        sheet.cell(top, column, group.label)
        if group.columns:
            last = column + group.width - 1
            sheet.merge_cells(start_row=top, start_column=column, end_row=top, end_column=last)
            for offset, name in enumerate(group.columns):
                sheet.cell(below, column + offset, name)
        else:
            sheet.merge_cells(start_row=top, start_column=column, end_row=below, end_column=column)
        column += group.width
    for column in range(1, 3 + table.column_count):
        sheet.cell(below + 1, column, f"({column})").font = Font(italic=True, size=9)
        for row in (top, below, below + 1):
            cell = sheet.cell(row, column)
            cell.alignment, cell.border, cell.fill = CENTER, BOX, HEAD_FILL
            if row != below + 1:
                cell.font = Font(bold=True)
    return below + 2


def _body(sheet: Worksheet, table: ReportTable, first_row: int) -> int:
    """One row per line; returns the last row written."""
    row = first_row
    for row, line in enumerate(table.lines, start=first_row):
        sheet.cell(row, 1, line.number).alignment = CENTER
        sheet.cell(row, 2, line.label).alignment = Alignment(wrap_text=True, vertical="center")
        for offset, value in enumerate(line.values, start=3):
            cell = sheet.cell(row, offset, value if value is not None else "-")
            if isinstance(value, float):
                cell.number_format = "0.0%"
            cell.alignment = Alignment(horizontal="right", vertical="center")
        for column in range(1, 3 + table.column_count):
            cell = sheet.cell(row, column)
            cell.border = BOX
            if line.level != "item":
                cell.font = Font(bold=True)
            if line.level == "total":
                cell.fill = TOTAL_FILL
    return row


def _layout(sheet: Worksheet, table: ReportTable) -> None:
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 48
    for column in range(3, 3 + table.column_count):
        sheet.column_dimensions[get_column_letter(column)].width = 12
    sheet.row_dimensions[FIRST_TABLE_ROW + 1].height = 45
    sheet.freeze_panes = sheet.cell(FIRST_TABLE_ROW + 3, 3)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages as the rows need, one page wide
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{FIRST_TABLE_ROW}:{FIRST_TABLE_ROW + 2}"
