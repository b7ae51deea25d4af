"""Plain data the desk fills in to print the one-stop documents (forms 01-07 of Circular
03/2025, 01-06 of Circular 01/2018).

Everything here is frozen and free of database or Qt types, so a service can build it, a test
can write it by hand, and the renderers can trust it not to change while they draw. Text is
printed as given (after NFC normalisation); the renderers add the form's fixed wording.
Instants are timezone-aware datetimes; they are printed in Vietnam time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class DocumentForm(StrEnum):
    """How a submitted paper is presented (bản chính / bản sao / bản sao chứng thực)."""

    ORIGINAL = "original"
    COPY = "copy"
    CERTIFIED_COPY = "certified_copy"
    ORIGINAL_OR_COPY = "original_or_copy"

    @property
    def label(self) -> str:
        """The Vietnamese label printed in the documents table."""
        return _FORM_LABELS[self]


_FORM_LABELS = {
    DocumentForm.ORIGINAL: "Bản chính",
    DocumentForm.COPY: "Bản sao",
    DocumentForm.CERTIFIED_COPY: "Bản sao chứng thực",
    DocumentForm.ORIGINAL_OR_COPY: "Bản chính hoặc bản sao",
}


class ReturnMethod(StrEnum):
    """Where the citizen collects the result."""

    COUNTER = "counter"
    POST = "post"


@dataclass(frozen=True)
class Office:
    """The receiving unit, named in sentence case as running text names it.

    `governing_body` is the level above the commune ("UBND tỉnh Thái Nguyên"), `unit_name` the
    commune's People's Committee ("UBND xã Phú Lương"), `counter_name` its one-stop counter;
    None means the name in force on the document's date (forms.json: "Bộ phận Tiếp nhận và
    Trả kết quả" before 1/7/2025, "Trung tâm Phục vụ hành chính công xã …" since). Headers
    print them in capitals. `place_name` is the place in "<place>, ngày … tháng … năm …";
    `agency_code` the national identifier (000.00.12.H12).
    """

    governing_body: str
    unit_name: str
    place_name: str
    agency_code: str
    counter_name: str | None = None
    address: str | None = None
    hotline: str | None = None

    @property
    def commune(self) -> str:
        """ "xã Phú Lương" from "UBND xã Phú Lương" (the unit name without its "UBND")."""
        name = " ".join(self.unit_name.split())
        for prefix in ("UBND ", "Ủy ban nhân dân ", "ỦY BAN NHÂN DÂN "):
            if name.upper().startswith(prefix.upper()):
                name = name[len(prefix):]
                break
        return sentence_case_unit(name)


def sentence_case_unit(name: str) -> str:
    """ "Xã Tân Phú" or "XÃ TÂN PHÚ" → "xã Tân Phú" (also phường, thị trấn, đặc khu, tỉnh,
    thành phố): the tier lower-case, the name as written, or title-cased when it came in
    capitals."""
    words = name.split()
    if not words:
        return ""
    tiers = {"xã", "phường", "thị", "đặc", "tỉnh", "thành"}
    if words[0].lower() not in tiers:
        return name
    head = [words[0].lower()]
    rest = words[1:]
    if words[0].lower() == "thị" and rest and rest[0].lower() == "trấn":
        head, rest = ["thị", "trấn"], rest[1:]
    elif words[0].lower() == "đặc" and rest and rest[0].lower() == "khu":
        head, rest = ["đặc", "khu"], rest[1:]
    elif words[0].lower() == "thành" and rest and rest[0].lower() == "phố":
        head, rest = ["thành", "phố"], rest[1:]
    if rest and all(w.isupper() for w in rest):
        rest = [w.capitalize() for w in rest]
    return " ".join(head + rest)


@dataclass(frozen=True)
class Applicant:
    """The citizen who submits the dossier (người nộp hồ sơ); only the name is required."""

    name: str
    id_number: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class DocumentLine:
    """One paper in the dossier: its name, original or copy, and how many."""

    name: str
    form: DocumentForm = DocumentForm.ORIGINAL
    quantity: int = 1


@dataclass(frozen=True)
class ReceiptData:
    """Everything form 01 (Giấy tiếp nhận hồ sơ và hẹn trả kết quả) prints.

    `processing_time` is the statutory time as text ("03 ngày làm việc", "Trong ngày").
    `fee` is whole đồng; None leaves the fee line out, 0 prints "Miễn phí".
    `lookup_text` is what the QR carries; None means the dossier code itself.
    `return_address` is where the post delivers when `return_method` is POST (None: the
    applicant's address).
    """

    dossier_code: str
    office: Office
    applicant: Applicant
    procedure_name: str
    received_at: datetime
    due_at: datetime
    processing_time: str
    documents: tuple[DocumentLine, ...] = ()
    procedure_code: str | None = None
    sets: int = 1
    return_method: ReturnMethod = ReturnMethod.COUNTER
    return_address: str | None = None
    ledger_book: str | None = None
    ledger_entry: int | None = None
    fee: int | None = None
    lookup_text: str | None = None
    clerk_name: str | None = None


@dataclass(frozen=True)
class SupplementSlip:
    """Form 02, Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: what to add and why.

    `contact` is who to ask while completing the dossier (name and phone, as one text).
    """

    dossier_code: str
    office: Office
    applicant: Applicant
    procedure_name: str
    issued_at: datetime
    documents: tuple[DocumentLine, ...]
    reason: str
    contact: str | None = None
    clerk_name: str | None = None
    received_at: datetime | None = None  # None: issued on the day of receipt


@dataclass(frozen=True)
class RefusalSlip:
    """Form 03, Phiếu từ chối tiếp nhận, giải quyết hồ sơ: one line per reason."""

    dossier_code: str
    office: Office
    applicant: Applicant
    procedure_name: str
    issued_at: datetime
    reasons: tuple[str, ...]
    clerk_name: str | None = None
    received_at: datetime | None = None  # None: issued on the day of receipt


@dataclass(frozen=True)
class ApologySlip:
    """Form 04, Phiếu xin lỗi và hẹn lại ngày trả kết quả.

    Signed by the head of the unit: `signer_title` ("CHỦ TỊCH", "GIÁM ĐỐC", …) and name.
    """

    dossier_code: str
    office: Office
    applicant: Applicant
    procedure_name: str
    issued_at: datetime
    received_at: datetime
    original_due_at: datetime
    new_due_at: datetime
    reason: str
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN"
    signer_name: str | None = None


@dataclass(frozen=True)
class ExtensionSlip:
    """2025 form 04, Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết.

    The resolving body apologises that the dossier cannot be resolved by `original_due_at`,
    gives the reason and asks the citizen to accept `new_due_at`; signed by its head.
    """

    dossier_code: str
    office: Office
    applicant: Applicant
    procedure_name: str
    issued_at: datetime
    received_at: datetime
    original_due_at: datetime
    new_due_at: datetime
    reason: str
    signer_title: str = "CHỦ TỊCH"
    signer_name: str | None = None


@dataclass(frozen=True)
class StopSlip:
    """2025 form 05, Thông báo dừng giải quyết hồ sơ: the dossier is no longer processed."""

    dossier_code: str
    office: Office
    applicant: Applicant
    procedure_name: str
    issued_at: datetime
    received_at: datetime
    reason: str
    signer_title: str = "CHỦ TỊCH"
    signer_name: str | None = None


class Verdict(StrEnum):
    """How a step of form 05/06 went against the time allotted to it."""

    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"

    @property
    def label(self) -> str:
        return {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}[self.value]


@dataclass(frozen=True)
class ControlStep:
    """One handover of the control slip: who gave the dossier to whom, when, and how the step
    went against its deadline (`verdict`; None leaves the cell for the officer to fill)."""

    handed_by: str
    received_by: str
    at: datetime | None = None
    verdict: Verdict | None = None
    note: str | None = None


@dataclass(frozen=True)
class ControlSlip:
    """Phiếu kiểm soát quá trình giải quyết hồ sơ (form 06 of 2025, 05 of 2018).

    `resolving_body` is the body (or officer) that resolves the dossier; `coordinating_bodies`
    those that help. Steps are printed in the order given, followed by `blank_rows` empty rows
    for handovers still to be written in by hand.
    """

    dossier_code: str
    office: Office
    applicant: Applicant
    procedure_name: str
    issued_at: datetime
    steps: tuple[ControlStep, ...]
    resolving_body: str | None = None
    coordinating_bodies: str | None = None
    blank_rows: int = 0
    received_at: datetime | None = None  # None: issued on the day of receipt


@dataclass(frozen=True)
class LedgerEntry:
    """One line of the ledger (form 07 of 2025, 06 of 2018). `number` is the yearly entry
    number (printed 01, 02, …). `original_due_at` is set when the appointment was moved
    (an apology or extension): `due_at` is then the new one, and Ghi chú says so."""

    number: int
    dossier_code: str
    procedure_name: str
    applicant_name: str
    received_at: datetime
    due_at: datetime
    sets: int = 1
    applicant_address: str | None = None
    applicant_phone: str | None = None
    resolving_body: str | None = None
    transferred_at: datetime | None = None
    result_received_at: datetime | None = None
    returned_at: datetime | None = None
    note: str | None = None
    original_due_at: datetime | None = None


@dataclass(frozen=True)
class Ledger:
    """Sổ theo dõi hồ sơ over the dates `date_from`..`date_to` (inclusive)."""

    office: Office
    date_from: date
    date_to: date
    entries: tuple[LedgerEntry, ...] = field(default_factory=tuple)
    book_number: str | None = None


Slip = SupplementSlip | RefusalSlip | ApologySlip | ExtensionSlip | StopSlip | ControlSlip
