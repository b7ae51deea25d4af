"""Page furniture shared by every form: paper and margins, type styles, the national header,
the documents table and signature blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, A5, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from printing.fonts import FontSet
from printing.forms import FormTemplate, Issuer, counter_name
from printing.model import DocumentLine, Office
from printing.vntext import clean, markup, place_and_date, two_digits

MOTTO_1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"
SIGN_NOTE = "(Ký và ghi rõ họ tên)"


@dataclass(frozen=True)
class Geometry:
    """Paper and type sizes of one kind of page, in points."""

    pagesize: tuple[float, float]
    top: float
    bottom: float
    left: float
    right: float
    size: float  # body text
    signature_space: float

    @property
    def width(self) -> float:
        """Width of the text frame."""
        return self.pagesize[0] - self.left - self.right

    def scaled(self, factor: float) -> Geometry:
        """The same page with type and signing room `factor` times as large."""
        return replace(self, size=self.size * factor,
                       signature_space=self.signature_space * factor)


# A5 keeps a 15 mm binding margin; A4 follows Decree 30's margins for official documents.
A5_PORTRAIT = Geometry(portrait(A5), 9 * mm, 10 * mm, 14 * mm, 10 * mm, 10.5, 12 * mm)
A4_PORTRAIT = Geometry(portrait(A4), 20 * mm, 20 * mm, 30 * mm, 15 * mm, 13, 22 * mm)
A4_LANDSCAPE = Geometry(landscape(A4), 15 * mm, 15 * mm, 20 * mm, 12 * mm, 9, 15 * mm)


def geometry(paper: str, orientation: str = "portrait") -> Geometry:
    """The geometry for "a5"/"a4" (any case) in "portrait"/"landscape"."""
    key = (paper.strip().lower(), orientation.strip().lower())
    table = {
        ("a5", "portrait"): A5_PORTRAIT,
        ("a4", "portrait"): A4_PORTRAIT,
        ("a4", "landscape"): A4_LANDSCAPE,
    }
    if key not in table:
        raise ValueError(f"unsupported paper {paper!r} {orientation!r}: use a5 or a4")
    return table[key]


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one document, all in one family at one base size."""

    fonts: FontSet
    size: float
    body: ParagraphStyle
    center: ParagraphStyle
    title: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    head_cell: ParagraphStyle


def styles(fonts: FontSet, size: float) -> Styles:
    """Styles for body text of `size` points, set a little tighter than Word's single spacing."""
    body = ParagraphStyle(
        "body", fontName=fonts.regular, fontSize=size, leading=size * 1.22, alignment=TA_LEFT
    )
    center = ParagraphStyle("center", body, alignment=TA_CENTER)
    title = ParagraphStyle(
        "title", center, fontName=fonts.bold, fontSize=size + 2, leading=(size + 2) * 1.25
    )
    note = ParagraphStyle("note", center, fontName=fonts.italic)
    small = size - 1
    cell = ParagraphStyle("cell", body, fontSize=small, leading=small * 1.2)
    cell_center = ParagraphStyle("cell_center", cell, alignment=TA_CENTER)
    head_cell = ParagraphStyle("head_cell", cell_center, fontName=fonts.bold)
    return Styles(fonts, size, body, center, title, note, cell, cell_center, head_cell)


def fitted_size(text: str, font: str, size: float, width: float) -> float:
    """`size`, or smaller so that `text` fits on one line of `width`."""
    natural = stringWidth(text, font, size)
    return size if natural <= width else size * width / natural


class RuleBelow(Flowable):
    """A thin rule of `length`, centred, drawn clear of the line of `style` text above it.

    A paragraph's box ends `leading - fontSize` below its last baseline, less than the font's
    descent: a rule drawn at the box's edge touches the dot under ạ or ậ. This one starts below
    the font's descent, then leaves `clearance` points of paper.
    """

    def __init__(self, length: float, style: ParagraphStyle, clearance: float = 1.2) -> None:
        super().__init__()
        self.length = length
        descent = -pdfmetrics.getDescent(style.fontName, style.fontSize)
        overshoot = max(0.0, descent - (style.leading - style.fontSize))
        self.drop = overshoot + clearance
        self.line_width = 0.6

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.drop + self.line_width

    def draw(self) -> None:
        left = (self.width - self.length) / 2
        y = self.line_width / 2
        self.canv.setLineWidth(self.line_width)
        self.canv.line(left, y, left + self.length, y)


def header_line(text: str, style: ParagraphStyle, width: float) -> Paragraph:
    """A header line shrunk up to 15 % to stay on one line; longer text wraps instead."""
    size = max(style.fontSize * 0.85, fitted_size(text, style.fontName, style.fontSize, width))
    fitted = ParagraphStyle(style.name, style, fontSize=size, leading=size * 1.15)
    return Paragraph(markup(text), fitted)


def header_names(office: Office, template: FormTemplate, day: date) -> tuple[str, str]:
    """(governing body, issuer) of the header, Decree 30/2020 art. 8: the body directly above
    the issuer, then the issuer. A counter's form: UBND xã over its counter; the People's
    Committee's own letter (apology, extension, stop): the province over UBND xã."""
    if template.issuer == Issuer.AUTHORITY:
        return clean(office.governing_body), clean(office.unit_name)
    return clean(office.unit_name), counter_of(office, day)


def counter_of(office: Office, day: date) -> str:
    """The counter's name: the office's own, or the one in force on `day` (forms.json)."""
    return clean(office.counter_name) or counter_name(day, office.commune)


def counter_in_sentence(office: Office, day: date) -> str:
    """The counter as the forms' sentences name it: "Trung tâm Phục vụ hành chính công xã …"
    already says the commune; the 2018 "Bộ phận …" needs "UBND xã …" after it."""
    counter = counter_of(office, day)
    if office.commune and office.commune.lower() in counter.lower():
        return counter
    return ", ".join(p for p in (counter, clean(office.unit_name)) if p)


def office_block(
    office: Office, template: FormTemplate, day: date, st: Styles, width: float
) -> list[Flowable]:
    """Left header: the governing body upright, the issuer bold, a short rule under it."""
    regular = ParagraphStyle("office", st.center, fontSize=st.size - 0.5, leading=st.size * 1.15)
    bold = ParagraphStyle("office_bold", regular, fontName=st.fonts.bold)
    width -= 3  # the cell padding, and a hair for rounding
    governing, issuer = header_names(office, template, day)
    lines: list[Flowable] = []
    if governing:
        lines.append(header_line(governing.upper(), regular, width))
    last = header_line(issuer.upper(), bold, width)
    rule = min(width * 0.4, 30 * mm)
    return [*lines, last, RuleBelow(rule, last.style)]


def motto_block(place: str, issued_at: datetime, st: Styles, width: float) -> list[Flowable]:
    """Right header: the national name, the motto with its rule, then place and date."""
    size = fitted_size(MOTTO_1, st.fonts.bold, st.size - 0.5, width - 2)
    first = ParagraphStyle("motto1", st.center, fontName=st.fonts.bold, fontSize=size,
                           leading=size * 1.2)
    second = ParagraphStyle("motto2", first, fontSize=min(st.size, size + 1),
                            leading=min(st.size, size + 1) * 1.2)
    motto_width = stringWidth(MOTTO_2, st.fonts.bold, second.fontSize)
    return [
        Paragraph(MOTTO_1, first),
        Paragraph(MOTTO_2, second),
        RuleBelow(motto_width, second),
        Spacer(1, 2),
        Paragraph(markup(place_and_date(place, issued_at)), st.note),
    ]


def national_header(
    office: Office,
    template: FormTemplate,
    dates: tuple[date, datetime],
    st: Styles,
    width: float,
    left_extra: Sequence[Flowable] = (),
) -> Table:
    """The two-column header every form opens with; `dates` are the day whose names apply
    (the receipt date) and the instant the document is dated."""
    day, issued_at = dates
    left_width, right_width = width * 0.46, width * 0.54
    left = office_block(office, template, day, st, left_width) + list(left_extra)
    right = motto_block(office.place_name, issued_at, st, right_width)
    table = Table([[left, right]], colWidths=[left_width, right_width])
    table.setStyle(plain_cells())
    return table


def plain_cells(padding: float = 1) -> TableStyle:
    """A borderless table whose cells start at the top."""
    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), padding),
            ("RIGHTPADDING", (0, 0), (-1, -1), padding),
            ("TOPPADDING", (0, 0), (-1, -1), padding),
            ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ]
    )


def grid_cells(header_rows: int = 1) -> TableStyle:
    """A ruled table with its heading rows in the middle."""
    return TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
            ("VALIGN", (0, header_rows), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
    )


def documents_table(documents: Sequence[DocumentLine], st: Styles, geo: Geometry) -> Table:
    """STT, name, original or copy, quantity; a long list splits across pages, heading and all."""
    head = ["STT", "Tên giấy tờ", "Bản chính, bản sao", "Số lượng"]
    rows: list[list[object]] = [[Paragraph(h, st.head_cell) for h in head]]
    for number, line in enumerate(documents, start=1):
        rows.append(
            [
                Paragraph(str(number), st.cell_center),
                Paragraph(markup(line.name), st.cell),
                Paragraph(line.form.label, st.cell_center),
                Paragraph(two_digits(line.quantity), st.cell_center),
            ]
        )
    if not documents:
        rows.append(["", Paragraph("(Không có giấy tờ kèm theo)", st.cell), "", ""])
    # On A5 the name column gets the room: "Bản sao chứng thực" may wrap, a paper's name
    # running to a third line costs more.
    fixed = [8 * mm, 21 * mm, 12.5 * mm] if geo.size < 12 else [12 * mm, 38 * mm, 20 * mm]
    widths = [fixed[0], geo.width - sum(fixed), fixed[1], fixed[2]]
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1, spaceBefore=1, spaceAfter=2)
    table.setStyle(grid_cells())
    return table


@dataclass(frozen=True)
class Signature:
    """A signature block: who signs, the instruction under it, and the printed name."""

    title: str
    name: str | None = None
    note: str = SIGN_NOTE


def signatures(
    blocks: Sequence[Signature],
    st: Styles,
    geo: Geometry,
    right: bool = False,
    lead: Sequence[Flowable] = (),
) -> Flowable:
    """Signature blocks side by side, with room to sign, kept on one page together with the
    `lead` flowables before them, so a block never stands alone on a page.

    `right` puts a lone block in the right half, where the forms have the issuer sign.
    """
    bold = ParagraphStyle("sign", st.center, fontName=st.fonts.bold)
    cells: list[object] = [
        [
            Paragraph(markup(block.title), bold),
            Paragraph(markup(block.note), st.note),
            Spacer(1, geo.signature_space),
            Paragraph(markup(block.name), bold),
        ]
        for block in blocks
    ]
    if right:
        cells.insert(0, "")
    width = geo.width / len(cells)
    table = Table([cells], colWidths=[width] * len(cells))
    table.setStyle(plain_cells())
    return KeepTogether([*lead, Spacer(1, 2 * mm), table])
