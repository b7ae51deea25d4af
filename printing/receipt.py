"""Form 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả, in two copies (liên) in one PDF.

The first copy goes to the citizen, the second stays with the dossier; each starts on a new
page and, if long content pushes it over a page, numbers its own pages.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from printing.barcodes import Code128, QrCode
from printing.document import Metadata, Overlay, PageInfo, SlotMark, build_pdf, centred_footer
from printing.fonts import FontSet, default_fonts
from printing.forms import FormKind, FormTemplate, template_for
from printing.layout import Geometry as Geo
from printing.layout import (
    Signature,
    Styles,
    documents_table,
    geometry,
    national_header,
    plain_cells,
    signatures,
    styles,
)
from printing.model import ReceiptData, ReturnMethod
from printing.vntext import (
    BLANK,
    clean,
    clock_and_date,
    local,
    markup,
    markup_or_blank,
    money,
    two_digits,
)

COPIES = ("Liên 1: Giao người nộp hồ sơ", "Liên 2: Lưu hồ sơ")


def render_receipt(data: ReceiptData, paper: str = "a5", *, fonts: FontSet | None = None) -> bytes:
    """Form 01 as PDF bytes: two copies, A5 portrait unless `paper` is "a4"."""
    fonts = fonts or default_fonts()
    template = template_for(FormKind.RECEIPT, local(data.received_at).date())
    geo = geometry(paper, template.orientation)
    st = styles(fonts, geo.size)
    meta = Metadata(
        title=f"{template.title.capitalize()} {data.dossier_code}",
        subject=template.caption,
        author=data.office.unit_name,
    )
    story = receipt_story(data, template, st, geo)
    overlay = copy_overlay(clean(data.dossier_code), st, geo)
    return build_pdf(story, geo, meta, overlay, COPIES)


def copy_overlay(code: str, st: Styles, geo: Geo) -> Overlay:
    """Write the copy's name under the title, and page numbers when a copy runs over."""

    def overlay(canvas: Canvas, page: PageInfo) -> None:
        for slot in page.slots:
            canvas.setFont(st.fonts.italic, st.size)
            canvas.drawCentredString(
                slot.x + slot.width / 2, slot.y + 0.3 * st.size, f"({page.copy})"
            )
        if page.copy_total > 1:
            text = f"{page.copy} - Mã hồ sơ: {code} - Trang {page.copy_number}/{page.copy_total}"
            centred_footer(canvas, text, st.fonts.italic, geo)

    return overlay


def receipt_story(
    data: ReceiptData, template: FormTemplate, st: Styles, geo: Geo
) -> list[Flowable]:
    """One copy: header, code strip, title, the numbered items, signatures."""
    return [
        national_header(data.office, data.received_at, st, geo.width),
        code_strip(data, st, geo),
        Spacer(1, 1.5 * mm),
        Paragraph(markup(template.title), st.title),
        SlotMark(st.size * 1.25),  # "(Liên 1: …)" is written here, once per copy
        Spacer(1, 1.5 * mm),
        *applicant_lines(data, st),
        *numbered_items(data, st, geo),
        *local_additions(data, st),
        signatures(
            [
                Signature("NGƯỜI NỘP HỒ SƠ", data.applicant.name),
                Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", data.clerk_name),
            ],
            st,
            geo,
        ),
    ]


def code_strip(data: ReceiptData, st: Styles, geo: Geo) -> Table:
    """ "Mã hồ sơ" with its barcode on the left, the lookup QR on the right."""
    qr_size = 19 * mm if geo.size < 12 else 24 * mm
    left_width = geo.width - qr_size - 4 * mm
    label = Paragraph(f"Mã hồ sơ: <b>{markup(data.dossier_code)}</b>", st.body)
    barcode = Code128(clean(data.dossier_code), st.fonts.regular, font_size=st.size - 2.5)
    small = ParagraphStyle("qr_caption", st.note, fontSize=st.size - 3, leading=st.size - 2)
    lookup = clean(data.lookup_text) or clean(data.dossier_code)
    qr = [QrCode(lookup, qr_size), Paragraph("Quét mã để tra cứu hồ sơ", small)]
    table = Table([[[label, Spacer(1, 1 * mm), barcode], qr]], colWidths=[left_width, None])
    table.setStyle(plain_cells())
    table.hAlign = "LEFT"
    return table


def applicant_lines(data: ReceiptData, st: Styles) -> list[Flowable]:
    """Whose dossier it is and what they ask for."""
    person = data.applicant
    lines = [f"Tiếp nhận hồ sơ của: <b>{markup(person.name)}</b>"]
    if clean(person.id_number):
        lines.append(f"Số định danh cá nhân: {markup(person.id_number)}")
    lines.append(f"Địa chỉ: {markup_or_blank(person.address)}")
    lines.append(
        f"Số điện thoại: {markup_or_blank(person.phone)}&nbsp;&nbsp;&nbsp; "
        f"Email: {markup_or_blank(person.email)}"
    )
    procedure = f"<b>{markup(data.procedure_name)}</b>"
    if clean(data.procedure_code):
        procedure += f" (mã thủ tục: {markup(data.procedure_code)})"
    lines.append(f"Nội dung yêu cầu giải quyết: {procedure}")
    return [Paragraph(line, st.body) for line in lines]


def numbered_items(data: ReceiptData, st: Styles, geo: Geo) -> list[Flowable]:
    """Items 1-6 of the form and the ledger reference."""
    book = markup(data.ledger_book) or BLANK
    entry = two_digits(data.ledger_entry) if data.ledger_entry is not None else BLANK
    return [
        Paragraph("1. Thành phần hồ sơ nộp gồm:", st.body),
        documents_table(data.documents, st, geo),
        Paragraph(f"2. Số lượng hồ sơ: {two_digits(data.sets)} bộ", st.body),
        Paragraph(
            f"3. Thời gian giải quyết hồ sơ theo quy định: {markup_or_blank(data.processing_time)}",
            st.body,
        ),
        Paragraph(f"4. Thời gian nhận hồ sơ: {clock_and_date(data.received_at)}", st.body),
        Paragraph(
            f"5. Thời gian trả kết quả giải quyết hồ sơ: <b>{clock_and_date(data.due_at)}</b>",
            st.body,
        ),
        Paragraph(f"6. Đăng ký nhận kết quả tại: {return_place(data)}", st.body),
        Paragraph(f"Vào Sổ theo dõi hồ sơ, Quyển số: {book}, Số thứ tự: {entry}", st.body),
    ]


def return_place(data: ReceiptData) -> str:
    """The counter (with its address) or the postal address the result goes to."""
    if data.return_method == ReturnMethod.POST:
        address = data.return_address or data.applicant.address
        return f"Qua dịch vụ bưu chính công ích, đến địa chỉ: {markup_or_blank(address)}"
    office = data.office
    place = markup(f"{office.counter_name}, {office.unit_name}".strip(", "))
    if clean(office.address):
        place += f" ({markup(office.address)})"
    return place


def local_additions(data: ReceiptData, st: Styles) -> list[Flowable]:
    """Fee and hotline, which many provinces add to the form, on one line."""
    parts = []
    if data.fee is not None:
        parts.append(f"Phí, lệ phí: {money(data.fee)}")
    if clean(data.office.hotline):
        parts.append(f"Đường dây nóng: {markup(data.office.hotline)}")
    return [Paragraph(". ".join(parts), st.body)] if parts else []
