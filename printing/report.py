"""The periodic report of one-stop results as PDF bytes: A4 landscape, two-level headings.

Pure: it takes a ``ReportTable`` of plain values (built by desk.report_table from a report) and
knows nothing of dossiers. Counts print as whole numbers, rates (floats, fractions 0-1) as
percentages with a decimal comma, missing values as "-". Only printing.fonts and printing.vntext
are shared with the forms, so the layout of the forms can change without moving this report.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from printing.fonts import FontSet, default_fonts
from printing.vntext import no_orphan

PAGE = landscape(A4)
MARGIN = 12 * mm
NUMBER_WIDTH = 9 * mm
LABEL_WIDTH = 60 * mm
HEADING_ROWS = 3  # group names, column names, column numbers
Value = int | float | None


@dataclass(frozen=True)
class ColumnGroup:
    """A heading over some columns; no columns means one column as tall as both heading rows."""

    label: str
    columns: tuple[str, ...] = ()

    @property
    def width(self) -> int:
        return max(1, len(self.columns))


@dataclass(frozen=True)
class TableLine:
    number: str  # "I", "1", or "" for the total
    label: str
    values: tuple[Value, ...]
    level: str = "item"  # "group" (a field, bold), "item" (a procedure), "total" (bold)


@dataclass(frozen=True)
class ReportTable:
    governing_body: str  # "UBND TỈNH ĐỒNG NAI"
    unit_name: str  # "UBND XÃ TÂN PHÚ"
    title: str
    subtitle: str  # the period, "Tháng 11/2026 (từ ngày 01/11/2026 đến ngày 30/11/2026)"
    label_heading: str  # "Lĩnh vực, thủ tục hành chính"
    groups: tuple[ColumnGroup, ...]
    lines: tuple[TableLine, ...]
    notes: tuple[str, ...] = ()
    place_and_date: str = ""  # "Tân Phú, ngày 01 tháng 12 năm 2026"
    signers: tuple[str, ...] = ("NGƯỜI LẬP BIỂU", "LÃNH ĐẠO ĐƠN VỊ")
    form_code: str = ""  # "Biểu số 06/VPCP/KSTT"
    reporting_unit: str = ""  # "Đơn vị báo cáo: UBND xã Tân Phú"
    receiving_unit: str = ""  # "Đơn vị nhận báo cáo: UBND tỉnh Đồng Nai"
    counting_unit: str = ""  # "Đơn vị tính: Số hồ sơ thủ tục hành chính"

    def side_block(self) -> tuple[str, ...]:
        """The top-right lines of a national statistical form."""
        lines = [("Đơn vị báo cáo", self.reporting_unit),
                 ("Đơn vị nhận báo cáo", self.receiving_unit),
                 ("Đơn vị tính", self.counting_unit)]
        return tuple(f"{label}: {value}" for label, value in lines if value)

    @property
    def column_count(self) -> int:
        return sum(g.width for g in self.groups)


def format_value(value: Value) -> str:
    """12 → "12"; 0.6 → "60,0"; None → "-" (a rate with nothing to divide)."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value * 100:.1f}".replace(".", ",")
    return f"{value:,}".replace(",", ".")


def render_report(table: ReportTable, *, fonts: FontSet | None = None) -> bytes:
    """The report as PDF bytes; headings repeat on every page, pages are numbered."""
    fonts = fonts or default_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN, title=f"{table.title} - {table.subtitle}",
        author=table.unit_name, subject=table.title, creator="Một Cửa Desk",
    )
    story = [*_heading(table, fonts, doc.width), _grid(table, fonts, doc.width),
             *_footer(table, fonts, doc.width)]
    doc.build(story, onFirstPage=_page_number(fonts), onLaterPages=_page_number(fonts))
    return out.getvalue()


def _style(fonts: FontSet, size: float = 9, bold: bool = False, center: bool = True,
           italic: bool = False) -> ParagraphStyle:
    name = fonts.bold if bold else fonts.italic if italic else fonts.regular
    return ParagraphStyle(f"r{size}{bold}{center}{italic}", fontName=name, fontSize=size,
                          leading=size * 1.2, alignment=TA_CENTER if center else TA_LEFT)


def _heading(table: ReportTable, fonts: FontSet, width: float) -> list[Flowable]:
    """A statistical form's heading: the form's code and the sending unit on the left, the
    title and the period in the middle, who reports to whom and the counting unit on the
    right."""
    left = [Paragraph(f"<b>{escape(table.form_code)}</b>", _style(fonts, 10))] if (
        table.form_code) else []
    left += [Paragraph(escape(table.governing_body.upper()), _style(fonts, 10)),
             Paragraph(escape(table.unit_name.upper()), _style(fonts, 10, bold=True))]
    middle = [Paragraph(no_orphan(escape(table.title.upper())), _style(fonts, 13, bold=True)),
              Spacer(1, 1.5 * mm),
              Paragraph(escape(table.subtitle), _style(fonts, 10.5, italic=True))]
    right = [Paragraph(escape(line), _style(fonts, 9.5, center=False))
             for line in table.side_block()]
    top = Table([[left, middle, right]], colWidths=[width * 0.27, width * 0.46, width * 0.27])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [top, Spacer(1, 4 * mm)]


def _grid(table: ReportTable, fonts: FontSet, width: float) -> Table:
    head = _style(fonts, 7.5, bold=True)
    rows = _heading_rows(table, head, _style(fonts, 7.5, italic=True))
    cell = {level: _style(fonts, 8.5, bold=level != "item", center=False)
            for level in ("group", "item", "total")}
    for line in table.lines:
        values = [format_value(v) for v in line.values]
        rows.append([line.number, Paragraph(escape(line.label), cell[line.level]), *values])
    count = table.column_count
    value_width = (width - NUMBER_WIDTH - LABEL_WIDTH) / count
    grid = Table(rows, colWidths=[NUMBER_WIDTH, LABEL_WIDTH, *[value_width] * count],
                 repeatRows=HEADING_ROWS)
    grid.setStyle(_grid_style(table, fonts))
    return grid


def _heading_rows(
    table: ReportTable, head: ParagraphStyle, numbers: ParagraphStyle
) -> list[list[object]]:
    top: list[object] = [Paragraph("STT", head), Paragraph(escape(table.label_heading), head)]
    below: list[object] = ["", ""]
    for group in table.groups:
        top += [Paragraph(escape(group.label), head)] + [""] * (group.width - 1)
        below += [Paragraph(escape(c), head) for c in group.columns] or [""]
    count = 2 + table.column_count
    return [top, below, [Paragraph(f"({n})", numbers) for n in range(1, count + 1)]]


def _grid_style(table: ReportTable, fonts: FontSet) -> TableStyle:
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, HEADING_ROWS), (-1, -1), fonts.regular, 9),
        ("ALIGN", (0, HEADING_ROWS), (0, -1), "CENTER"),
        ("ALIGN", (2, HEADING_ROWS), (-1, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, HEADING_ROWS - 1), colors.HexColor("#EEF2F7")),
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (1, 0), (1, 1)),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    column = 2
    for group in table.groups:
        last = column + group.width - 1
        commands.append(("SPAN", (column, 0), (last, 0) if group.columns else (column, 1)))
        column = last + 1
    for index, line in enumerate(table.lines, start=HEADING_ROWS):
        if line.level != "item":
            commands.append(("FONT", (0, index), (-1, index), fonts.bold, 9))
        if line.level == "total":
            commands.append(("BACKGROUND", (0, index), (-1, index), colors.HexColor("#F4F4F4")))
    return TableStyle(commands)


def _footer(table: ReportTable, fonts: FontSet, width: float) -> list[Flowable]:
    notes = [Paragraph(escape(n), _style(fonts, 9, center=False, italic=True))
             for n in table.notes]
    signers = _signatures(table, fonts, width)
    return [Spacer(1, 3 * mm), *notes, Spacer(1, 4 * mm), signers]


def _signatures(table: ReportTable, fonts: FontSet, width: float) -> Table:
    """Who drew the table up and who signs it, with the place and date above the second."""
    count = len(table.signers)
    dated: Sequence[str] = [""] * (count - 1) + [table.place_and_date]
    cells = [
        [Paragraph(escape(d), _style(fonts, 10, italic=True)),
         Paragraph(escape(s), _style(fonts, 10, bold=True)),
         Paragraph("(Ký, ghi rõ họ tên)", _style(fonts, 9, italic=True))]
        for d, s in zip(dated, table.signers, strict=True)
    ]
    signatures = Table([cells], colWidths=[width / count] * count)
    signatures.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return signatures


def _page_number(fonts: FontSet) -> object:
    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(fonts.italic, 8)
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN / 2, f"Trang {doc.page}")
        canvas.restoreState()

    return draw
