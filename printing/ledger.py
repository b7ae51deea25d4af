"""Sổ theo dõi hồ sơ (form 07 of 2025, 06 of 2018): the dossiers received over a period.

A4 landscape, as many pages as the period needs; the column headings repeat on every page and
every page is numbered. Entry numbers are the caller's (they run from 01 each year and carry on
across books), printed as given. A dossier whose appointment was moved shows the new one in
its column and the original one in Ghi chú.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from printing.document import Metadata, Overlay, PageInfo, build_pdf, form_footer
from printing.fonts import FontSet, default_fonts
from printing.forms import FormKind, FormTemplate, template_for
from printing.layout import (
    Geometry,
    Styles,
    geometry,
    grid_cells,
    office_block,
    plain_cells,
    styles,
)
from printing.model import Ledger, LedgerEntry
from printing.vntext import clean, markup, short_date, short_datetime, two_digits

# Column headings, widths in mm (the last column takes what is left), and which of them sit
# under the shared "Thời gian" heading.
COLUMNS = (
    ("TT", 8),
    ("Mã hồ sơ", 31),
    ("Tên thủ tục hành chính", 31),
    ("Số lượng hồ sơ (bộ)", 11),
    ("Tên cá nhân, tổ chức", 26),
    ("Địa chỉ, số điện thoại", 30),
    ("Cơ quan chủ trì giải quyết", 22),
    ("Nhận hồ sơ", 15),
    ("Hẹn trả kết quả", 15),
    ("Chuyển hồ sơ đến cơ quan giải quyết", 15),
    ("Nhận kết quả từ cơ quan giải quyết", 15),
    ("Trả kết quả cho cá nhân, tổ chức", 15),
    ("Ký nhận", 14),
    ("Ghi chú", 0),
)
TIMES = range(7, 12)
HEADING_ROWS = 3


def render_ledger(ledger: Ledger, *, fonts: FontSet | None = None) -> bytes:
    """The ledger as PDF bytes, A4 landscape, in the form in force at the period's end."""
    template = template_for(FormKind.LEDGER, ledger.date_to)
    geo = geometry(template.paper, template.orientation)
    st = styles(fonts or default_fonts(), geo.size)
    story = [*ledger_heading(ledger, template, st, geo), ledger_table(ledger, st, geo)]
    meta = Metadata(
        title=f"{template.title.capitalize()} {short_date(ledger.date_from)} - "
        f"{short_date(ledger.date_to)}",
        subject=template.caption,
        author=ledger.office.unit_name,
    )
    return build_pdf(story, geo, meta, page_numbers(ledger, template, st, geo))


def page_numbers(ledger: Ledger, template: FormTemplate, st: Styles, geo: Geometry) -> Overlay:
    """ "Mẫu số 07 - Thông tư 03/2025/TT-VPCP - Sổ theo dõi hồ sơ - Quyển số 01 - Trang 2/5"
    at the foot of every page."""
    book = f" - Quyển số {clean(ledger.book_number)}" if clean(ledger.book_number) else ""
    name = template.title.capitalize()

    def overlay(canvas: Canvas, page: PageInfo) -> None:
        pages = f"{name}{book} - Trang {page.number}/{page.total}"
        form_footer(canvas, template.caption, pages, st.fonts.italic, geo)

    return overlay


def ledger_heading(
    ledger: Ledger, template: FormTemplate, st: Styles, geo: Geometry
) -> list[Flowable]:
    """The unit at the top left, then the title, the book number and the period."""
    left_width = 80 * mm
    unit = Table(
        [[office_block(ledger.office, template, ledger.date_to, st, left_width), ""]],
        colWidths=[left_width, geo.width - left_width],
    )
    unit.setStyle(plain_cells())
    title = ParagraphStyle("ledger_title", st.title, fontSize=st.size + 5, leading=st.size * 2)
    lines: list[Flowable] = [unit, Paragraph(markup(template.title), title)]
    if clean(ledger.book_number):
        lines.append(Paragraph(f"Quyển số: {markup(ledger.book_number)}", st.center))
    period = f"Từ ngày {short_date(ledger.date_from)} đến ngày {short_date(ledger.date_to)}"
    return [*lines, Paragraph(period, st.note), Spacer(1, 3 * mm)]


def ledger_table(ledger: Ledger, st: Styles, geo: Geometry) -> Table:
    """Headings (repeated on each page), then one row per entry."""
    rows = heading_rows(st) + [entry_row(entry, st) for entry in ledger.entries]
    if not ledger.entries:
        rows.append([Paragraph("(Không có hồ sơ trong khoảng thời gian này)", st.cell_center)])
        rows[-1] += [""] * (len(COLUMNS) - 1)
    widths = [width * mm for _, width in COLUMNS[:-1]]
    widths.append(geo.width - sum(widths))
    table = Table(rows, colWidths=widths, repeatRows=HEADING_ROWS, splitInRow=1)
    table.setStyle(grid_cells(HEADING_ROWS))
    for command in heading_spans(empty=not ledger.entries):
        table.setStyle([command])
    return table


def heading_rows(st: Styles) -> list[list[object]]:
    """Column names (the times under one shared heading), then the column numbers."""
    names: list[object] = [Paragraph(name, st.head_cell) for name, _ in COLUMNS]
    top: list[object] = [name if index not in TIMES else "" for index, name in enumerate(names)]
    top[TIMES.start] = Paragraph("Thời gian (giờ, ngày, tháng, năm)", st.head_cell)
    below = [name if index in TIMES else "" for index, name in enumerate(names)]
    numbers = [Paragraph(f"({index})", st.cell_center) for index in range(1, len(COLUMNS) + 1)]
    return [top, below, numbers]


def heading_spans(empty: bool) -> list[tuple[object, ...]]:
    """Cells merged in the heading: the shared time heading, and the tall single headings."""
    spans: list[tuple[object, ...]] = [("SPAN", (TIMES.start, 0), (TIMES.stop - 1, 0))]
    spans += [("SPAN", (c, 0), (c, 1)) for c in range(len(COLUMNS)) if c not in TIMES]
    if empty:
        spans.append(("SPAN", (0, HEADING_ROWS), (-1, HEADING_ROWS)))
    return spans


def entry_row(entry: LedgerEntry, st: Styles) -> list[object]:
    """One dossier; times as "dd/mm/yyyy" over "hh:mm" so they fit narrow columns."""
    contact = ", ".join(
        p for p in (clean(entry.applicant_address), clean(entry.applicant_phone)) if p
    )
    cells = [
        Paragraph(two_digits(entry.number), st.cell_center),
        Paragraph(markup(entry.dossier_code), code_style(st)),
        Paragraph(markup(entry.procedure_name), st.cell),
        Paragraph(two_digits(entry.sets), st.cell_center),
        Paragraph(markup(entry.applicant_name), st.cell),
        Paragraph(markup(contact), st.cell),
        Paragraph(markup(entry.resolving_body), st.cell),
    ]
    times = (
        entry.received_at,
        entry.due_at,
        entry.transferred_at,
        entry.result_received_at,
        entry.returned_at,
    )
    cells += [Paragraph(stacked_time(at), st.cell_center) for at in times]
    signing_room = Spacer(1, 7 * mm)  # the citizen signs here when collecting the result
    return [*cells, signing_room, Paragraph(ledger_note(entry), st.cell)]


def ledger_note(entry: LedgerEntry) -> str:
    """Ghi chú: the original appointment when it was moved, then the entry's own note."""
    parts = []
    if entry.original_due_at is not None:
        parts.append(f"Hẹn ban đầu: {markup(short_datetime(entry.original_due_at))}; "
                     f"hẹn lại: {markup(short_datetime(entry.due_at))}")
    if clean(entry.note):
        parts.append(markup(entry.note))
    return ". ".join(parts)


def code_style(st: Styles) -> ParagraphStyle:
    """Dossier codes a point smaller, so a whole code fits on one line of its column."""
    return ParagraphStyle("code", st.cell, fontSize=st.cell.fontSize - 0.5)


def stacked_time(at: datetime | None) -> str:
    """ "23/11/2026<br/>10:00", or nothing when it has not happened yet."""
    text = short_datetime(at)
    if not text:
        return ""
    clock, day = text.split(" ")
    return f"{day}<br/>{clock}"
