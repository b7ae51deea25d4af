"""The slips of a dossier besides the receipt: to supplement, refused, late (apology of 2018 or
extension of 2025), stopped (2025), and the control slip of its handovers.

Each follows its form's layout: the national header, the title, the form's fixed wording around
the dossier's facts, and the signature of whoever issues it. The form (number, title, circular)
is the one in force on the dossier's receipt date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from printing.barcodes import Code128
from printing.document import Metadata, Overlay, PageInfo, build_pdf, form_footer
from printing.fonts import FontSet, default_fonts
from printing.forms import FormKind, FormTemplate, template_for
from printing.layout import (
    Geometry,
    Signature,
    Styles,
    counter_in_sentence,
    documents_table,
    geometry,
    grid_cells,
    national_header,
    plain_cells,
    signatures,
    styles,
)
from printing.model import (
    ApologySlip,
    Applicant,
    ControlSlip,
    ControlStep,
    ExtensionSlip,
    RefusalSlip,
    Slip,
    StopSlip,
    SupplementSlip,
)
from printing.vntext import (
    BLANK,
    clean,
    clock_and_date,
    local,
    markup,
    markup_or_blank,
    no_orphan,
)

HANDWRITTEN_TIME = "…… giờ …… phút, ngày …… tháng …… năm ……"
SEAL_NOTE = "(Ký, ghi rõ họ tên và đóng dấu)"


@dataclass(frozen=True)
class Page:
    """What a slip's body needs to know about the form and the page it is set on."""

    template: FormTemplate
    st: Styles
    geo: Geometry
    day: date  # the receipt date: which names and forms apply


def render_slip(slip: Slip, paper: str = "a5", *, fonts: FontSet | None = None) -> bytes:
    """The slip (its form chosen by the slip's type and the dossier's receipt date) as PDF
    bytes, A5 unless "a4"."""
    if type(slip) not in _BODIES:
        raise TypeError(f"not a slip: {type(slip).__name__}")
    kind, body = _BODIES[type(slip)]
    day = local(received_at(slip)).date()
    template = template_for(kind, day)
    geo = geometry(paper, template.orientation)
    page = Page(template, styles(fonts or default_fonts(), geo.size), geo, day)
    story = [*slip_heading(slip, page), *body(slip, page)]
    meta = Metadata(
        title=f"{template.title.capitalize()} {slip.dossier_code}",
        subject=template.caption,
        author=slip.office.unit_name,
    )
    return build_pdf(story, geo, meta, numbered_pages(clean(slip.dossier_code), page))


def received_at(slip: Slip) -> datetime:
    """When the dossier was received; a slip that does not say was issued that day."""
    return slip.received_at or slip.issued_at


def numbered_pages(code: str, page: Page) -> Overlay:
    """The form and circular in the footer; page numbers too when the slip runs over."""

    def overlay(canvas: Canvas, info: PageInfo) -> None:
        pages = f"Mã hồ sơ: {code} - Trang {info.number}/{info.total}" if info.total > 1 else ""
        form_footer(canvas, page.template.caption, pages, page.st.fonts.italic, page.geo)

    return overlay


def slip_heading(slip: Slip, page: Page) -> list[Flowable]:
    """National header (with "Số: …/HDHS" where the form has one), then the title."""
    st = page.st
    extra: list[Flowable] = []
    if page.template.reference_suffix:
        number = f"Số: {markup(slip.dossier_code)}/{markup(page.template.reference_suffix)}"
        extra.append(Paragraph(number, ParagraphStyle("number", st.center, fontSize=st.size - 1)))
    dates = (page.day, slip.issued_at)
    return [
        national_header(slip.office, page.template, dates, st, page.geo.width, extra),
        Spacer(1, 4 * mm),
        Paragraph(no_orphan(markup(page.template.title)), st.title),
        Spacer(1, 3 * mm),
    ]


def lines(texts: list[str], st: Styles) -> list[Flowable]:
    """Body paragraphs (already in Paragraph markup), justified with a little air between."""
    prose = ParagraphStyle("prose", st.body, alignment=TA_JUSTIFY, spaceAfter=st.size * 0.25)
    return [Paragraph(text, prose) for text in texts]


def applicant_facts(applicant: Applicant, procedure: str, lead: str) -> list[str]:
    """Whose dossier and what it asks for, as the forms list them."""
    return [
        f"{lead} <b>{markup(applicant.name)}</b>",
        f"Địa chỉ: {markup_or_blank(applicant.address)}",
        f"Số điện thoại: {markup_or_blank(applicant.phone)}&nbsp;&nbsp;&nbsp; "
        f"Email: {markup_or_blank(applicant.email)}",
        f"Nội dung yêu cầu giải quyết: <b>{markup(procedure)}</b>",
    ]


def counter_phrase(slip: Slip, page: Page) -> str:
    return markup(counter_in_sentence(slip.office, page.day))


def supplement_body(slip: SupplementSlip, page: Page) -> list[Flowable]:
    """Form 02: the papers to add, why, and whom to ask."""
    st = page.st
    contact = markup(slip.contact) or counter_phrase(slip, page)
    if not slip.contact and clean(slip.office.hotline):
        contact += f", số điện thoại {markup(slip.office.hotline)}"
    facts = applicant_facts(slip.applicant, slip.procedure_name, "Hồ sơ của:")
    facts.append(f"Mã hồ sơ: {markup(slip.dossier_code)}")
    return [
        *lines(facts + ["Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:"], st),
        documents_table(slip.documents, st, page.geo),
        *lines([f"Lý do: {markup_or_blank(slip.reason)}"], st),
        signatures([Signature("NGƯỜI HƯỚNG DẪN", slip.clerk_name)], st, page.geo, right=True,
                   lead=lines(["Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà "
                               f"liên hệ với {contact} để được hướng dẫn./."], st)),
    ]


def refusal_body(slip: RefusalSlip, page: Page) -> list[Flowable]:
    """Form 03: the reasons the dossier is not received or resolved."""
    st = page.st
    counter = counter_phrase(slip, page)
    facts = applicant_facts(slip.applicant, slip.procedure_name, f"{counter} tiếp nhận hồ sơ của:")
    reasons = [f"- {markup(reason)}" for reason in slip.reasons if clean(reason)] or [BLANK]
    return [
        *lines(facts + [f"Mã hồ sơ: {markup(slip.dossier_code)}"], st),
        *lines(
            [
                f"Qua xem xét, {counter} thông báo không tiếp nhận, giải quyết hồ sơ này "
                "với lý do cụ thể như sau:"
            ],
            st,
        ),
        *lines(reasons, st),
        signatures([Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", slip.clerk_name)], st, page.geo,
                   right=True, lead=lines(["Xin thông báo để ông/bà được biết và thực hiện./."],
                                          st)),
    ]


def late_opening(slip: ApologySlip | ExtensionSlip, page: Page) -> list[str]:
    """What both late letters open with: whom, what was received when, and when it was due."""
    return [
        f"Kính gửi: ông/bà <b>{markup(slip.applicant.name)}</b>",
        f"Vào {clock_and_date(slip.received_at)}, {counter_phrase(slip, page)} tiếp nhận "
        f"giải quyết hồ sơ của ông/bà về <b>{markup(slip.procedure_name)}</b>, "
        f"mã hồ sơ {markup(slip.dossier_code)}.",
        f"Thời gian hẹn trả kết quả giải quyết hồ sơ: {clock_and_date(slip.original_due_at)}.",
    ]


def apology_body(slip: ApologySlip, page: Page) -> list[Flowable]:
    """2018 form 04: the apology and the new appointment, signed by the head of the unit."""
    st = page.st
    unit = markup(slip.office.unit_name)
    texts = [
        *late_opening(slip, page),
        f"Tuy nhiên đến nay, {unit} chưa trả kết quả giải quyết hồ sơ của ông/bà đúng hẹn "
        "ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.",
        f"Lý do: {markup_or_blank(slip.reason)}",
        f"Sự chậm trễ này đã gây phiền hà cho ông/bà. {unit} xin lỗi ông/bà và sẽ trả kết quả "
        f"giải quyết hồ sơ cho ông/bà vào <b>{clock_and_date(slip.new_due_at)}</b>.",
    ]
    signer = Signature(slip.signer_title, slip.signer_name, SEAL_NOTE)
    return [*lines(texts, st), signatures([signer], st, page.geo, right=True,
                                          lead=lines(["Xin trân trọng cảm ơn./."], st))]


def extension_body(slip: ExtensionSlip, page: Page) -> list[Flowable]:
    """2025 form 04: the apology and the request to extend the time to a new date."""
    st = page.st
    unit = markup(slip.office.unit_name)
    texts = [
        *late_opening(slip, page),
        f"Đến thời hạn nêu trên, {unit} chưa giải quyết xong hồ sơ của ông/bà.",
        f"Lý do: {markup_or_blank(slip.reason)}",
        f"{unit} xin lỗi ông/bà vì sự chậm trễ này và đề nghị ông/bà đồng ý gia hạn thời gian "
        f"giải quyết hồ sơ đến <b>{clock_and_date(slip.new_due_at)}</b>. Việc gia hạn chỉ "
        "thực hiện một lần.",
    ]
    signer = Signature(slip.signer_title, slip.signer_name, SEAL_NOTE)
    return [*lines(texts, st), signatures([signer], st, page.geo, right=True,
                                          lead=lines(["Xin trân trọng cảm ơn./."], st))]


def stop_body(slip: StopSlip, page: Page) -> list[Flowable]:
    """2025 form 05: processing of the dossier has stopped, and why."""
    st = page.st
    unit = markup(slip.office.unit_name)
    texts = [
        f"Kính gửi: ông/bà <b>{markup(slip.applicant.name)}</b>",
        f"Vào {clock_and_date(slip.received_at)}, {counter_phrase(slip, page)} tiếp nhận hồ sơ "
        f"của ông/bà về <b>{markup(slip.procedure_name)}</b>, "
        f"mã hồ sơ {markup(slip.dossier_code)}.",
        f"{unit} thông báo dừng giải quyết hồ sơ nêu trên kể từ "
        f"{clock_and_date(slip.issued_at)}.",
        f"Lý do: {markup_or_blank(slip.reason)}",
        "Ông/bà liên hệ với "
        f"{counter_phrase(slip, page)} để nhận lại hồ sơ và được hướng dẫn.",
    ]
    signer = Signature(slip.signer_title, slip.signer_name, SEAL_NOTE)
    return [*lines(texts, st), signatures([signer], st, page.geo, right=True,
                                          lead=lines(["Xin thông báo để ông/bà được biết./."],
                                                     st))]


def control_body(slip: ControlSlip, page: Page) -> list[Flowable]:
    """The control slip: who resolves the dossier and the table of handovers."""
    st = page.st
    facts = [
        f"Mã hồ sơ: <b>{markup(slip.dossier_code)}</b>",
        f"Hồ sơ của: <b>{markup(slip.applicant.name)}</b>",
        f"Nội dung yêu cầu giải quyết: {markup(slip.procedure_name)}",
        f"Cơ quan (bộ phận) giải quyết hồ sơ: {markup_or_blank(slip.resolving_body)}",
        f"Cơ quan phối hợp giải quyết hồ sơ: {markup_or_blank(slip.coordinating_bodies)}",
    ]
    barcode = Code128(clean(slip.dossier_code), st.fonts.regular, 8 * mm, st.size - 2.5)
    return [
        *lines(facts[:1], st),
        barcode,
        *lines(facts[1:], st),
        Spacer(1, 2 * mm),
        control_table(slip, page),
    ]


def control_table(slip: ControlSlip, page: Page) -> Table:
    """The handover table; its heading repeats on every page it runs to."""
    st = page.st
    head = [
        "TÊN CƠ QUAN",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "KẾT QUẢ GIẢI QUYẾT HỒ SƠ <font size=-1><i>(Trước hạn/ đúng hạn/ quá hạn)</i></font>",
        "GHI CHÚ",
    ]
    widths = [w * page.geo.width for w in (0.27, 0.37, 0.19, 0.17)]
    rows: list[list[object]] = [[Paragraph(h, st.head_cell) for h in head]]
    steps = list(slip.steps) + [ControlStep("", "")] * max(0, slip.blank_rows)
    rows += [control_row(step, st, widths[1]) for step in steps]
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(grid_cells())
    return table


def control_row(step: ControlStep, st: Styles, time_width: float) -> list[object]:
    """One handover: giver and taker, the time with room for both signatures, the verdict
    (blank for the officer to write), the note."""
    parties = [
        Paragraph(f"1. Giao: {markup_or_blank(step.handed_by)}", st.cell),
        Paragraph(f"2. Nhận: {markup_or_blank(step.received_by)}", st.cell),
    ]
    when = clock_and_date(step.at) if step.at is not None else HANDWRITTEN_TIME
    signing = Table(
        [[Paragraph("Người giao", st.cell_center), Paragraph("Người nhận", st.cell_center)]],
        colWidths=[time_width / 2 - 3] * 2,
        rowHeights=[st.size * 3.2],
    )
    signing.setStyle(plain_cells(0))
    verdict = step.verdict.label if step.verdict is not None else ""
    return [
        parties,
        [Paragraph(when, st.cell_center), signing],
        Paragraph(verdict, st.cell_center),
        Paragraph(markup(step.note), st.cell),
    ]


_BODIES: dict[type, tuple[FormKind, Callable[..., list[Flowable]]]] = {
    SupplementSlip: (FormKind.SUPPLEMENT, supplement_body),
    RefusalSlip: (FormKind.REFUSAL, refusal_body),
    ApologySlip: (FormKind.APOLOGY, apology_body),
    ExtensionSlip: (FormKind.EXTENSION, extension_body),
    StopSlip: (FormKind.STOP, stop_body),
    ControlSlip: (FormKind.CONTROL, control_body),
}
