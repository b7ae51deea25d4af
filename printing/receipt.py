"""Form 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả, in two copies (liên) in one PDF.

The first copy goes to the citizen, the second stays with the dossier; each starts on a new
page. On A5 each copy is made to fit one page: up to six documents and the longest procedure
names of the catalogue fit at the normal size, and longer content is set a little smaller,
down to a floor below which it flows onto a second page (numbered) rather than shrink further.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from printing.barcodes import Code128, QrCode
from printing.document import Metadata, Overlay, PageInfo, SlotMark, build_counted, form_footer
from printing.fonts import FontSet, default_fonts
from printing.forms import FormKind, FormTemplate, template_for
from printing.layout import Geometry as Geo
from printing.layout import (
    Signature,
    Styles,
    counter_in_sentence,
    counter_of,
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
    no_orphan,
    two_digits,
)

COPIES = ("Liên 1: Giao người nộp hồ sơ", "Liên 2: Lưu hồ sơ")
# Type scales tried in turn until one copy fits its page; the last is the floor.
SCALES = (1.0, 0.95, 0.9, 0.85, 0.8)


def render_receipt(data: ReceiptData, paper: str = "a5", *, fonts: FontSet | None = None) -> bytes:
    """Form 01 as PDF bytes: two copies, A5 portrait unless `paper` is "a4"."""
    fonts = fonts or default_fonts()
    template = template_for(FormKind.RECEIPT, local(data.received_at).date())
    base = geometry(paper, template.orientation)
    meta = Metadata(
        title=f"{template.title.capitalize()} {data.dossier_code}",
        subject=template.caption,
        author=data.office.unit_name,
    )
    pdf = b""
    for scale in SCALES:
        geo = base.scaled(scale)
        st = styles(fonts, geo.size)
        story = receipt_story(data, template, st, geo)
        overlay = copy_overlay(clean(data.dossier_code), template, st, geo)
        pdf, pages = build_counted(story, geo, meta, overlay, COPIES)
        if pages == 1:
            break
    return pdf


def copy_overlay(code: str, template: FormTemplate, st: Styles, geo: Geo) -> Overlay:
    """Write the copy's name under the title; the form and circular (and page numbers when a
    copy runs over) at the foot of each page."""

    def overlay(canvas: Canvas, page: PageInfo) -> None:
        for slot in page.slots:
            canvas.setFont(st.fonts.italic, st.size)
            canvas.drawCentredString(
                slot.x + slot.width / 2, slot.y + 0.3 * st.size, f"({page.copy})"
            )
        pages = ""
        if page.copy_total > 1:
            pages = f"{page.copy} - Mã hồ sơ: {code} - Trang {page.copy_number}/{page.copy_total}"
        form_footer(canvas, template.caption, pages, st.fonts.italic, geo)

    return overlay


def receipt_story(
    data: ReceiptData, template: FormTemplate, st: Styles, geo: Geo
) -> list[Flowable]:
    """One copy: header, code strip, title, the numbered items, signatures, Ghi chú."""
    day = local(data.received_at).date()
    items = numbered_items(data, st, geo)
    return [
        national_header(data.office, template, (day, data.received_at), st, geo.width),
        code_strip(data, st, geo),
        Paragraph(markup(template.title), st.title),
        SlotMark(st.size * 1.25),  # "(Liên 1: …)" is written here, once per copy
        Spacer(1, 1 * mm),
        *applicant_lines(data, st),
        *items[:-1],
        signatures(
            [
                Signature("NGƯỜI NỘP HỒ SƠ", data.applicant.name),
                Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", data.clerk_name),
            ],
            st,
            geo,
            lead=[*local_additions(data, st), items[-1]],
        ),
        *form_notes(data, template, st),
    ]


def code_strip(data: ReceiptData, st: Styles, geo: Geo) -> Table:
    """ "Mã hồ sơ" with its barcode on the left, the lookup QR and its caption on the right."""
    qr_size = 17 * mm if geo.size < 12 else 24 * mm
    caption_width = qr_size + 6 * mm
    left_width = geo.width - caption_width
    label = Paragraph(f"Mã hồ sơ: <b>{markup(data.dossier_code)}</b>", st.body)
    barcode = Code128(clean(data.dossier_code), st.fonts.regular, 8 * mm, st.size - 2.5)
    small = ParagraphStyle("qr_caption", st.note, fontSize=st.size - 3, leading=st.size - 2)
    lookup = clean(data.lookup_text) or clean(data.dossier_code)
    qr = QrCode(lookup, qr_size)
    qr.hAlign = "CENTER"
    caption = Paragraph(no_orphan("Quét mã để tra cứu hồ sơ"), small)
    table = Table([[[label, Spacer(1, 1 * mm), barcode], [qr, caption]]],
                  colWidths=[left_width, caption_width])
    table.setStyle(plain_cells(0.5))
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
    """Items 1-6 of the form and the ledger reference (last, kept with the signatures)."""
    book = markup(data.ledger_book) or BLANK
    entry = two_digits(data.ledger_entry) if data.ledger_entry is not None else BLANK
    return [
        Paragraph("1. Thành phần hồ sơ nộp gồm:", st.body),
        documents_table(data.documents, st, geo),
        Paragraph(f"2. Số lượng hồ sơ: {two_digits(data.sets)} bộ", st.body),
        Paragraph(
            "3. Thời gian giải quyết hồ sơ theo quy định là: "
            f"{markup_or_blank(data.processing_time)}",
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
    place = markup(counter_in_sentence(office, local(data.received_at).date()))
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


def form_notes(data: ReceiptData, template: FormTemplate, st: Styles) -> list[Flowable]:
    """The form's own "Ghi chú" in small type under the signatures."""
    if not template.notes:
        return []
    counter = counter_of(data.office, local(data.received_at).date())
    size = st.size - 2.5
    small = ParagraphStyle("notes", st.body, fontName=st.fonts.italic, fontSize=size,
                           leading=size * 1.18)
    notes = " ".join(f"- {markup(n.replace('{counter}', counter))}" for n in template.notes)
    return [Spacer(1, 0.5 * mm), Paragraph(f"<b>Ghi chú:</b> {notes}", small)]
