"""Sample documents for the printing tests (plain data, as the desk would fill it)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from printing.model import (
    ApologySlip,
    Applicant,
    ControlSlip,
    ControlStep,
    DocumentForm,
    DocumentLine,
    ExtensionSlip,
    Ledger,
    LedgerEntry,
    Office,
    ReceiptData,
    RefusalSlip,
    ReturnMethod,
    StopSlip,
    SupplementSlip,
    Verdict,
)

VN = timezone(timedelta(hours=7))
CODE = "000.00.12.H12-261123-0001"
RECEIVED = datetime(2026, 11, 23, 10, 0, tzinfo=VN)
DUE = datetime(2026, 11, 25, 10, 0, tzinfo=VN)

OFFICE = Office(
    governing_body="UBND tỉnh Thái Nguyên",
    unit_name="UBND xã Phú Lương",
    place_name="Phú Lương",
    agency_code="000.00.12.H12",
    address="Tổ dân phố Đồng Kết, xã Phú Lương",
    hotline="0208 3878 123",
)

APPLICANT = Applicant(
    name="Nguyễn Thị Thanh Hương",
    id_number="019186001234",
    address="Xóm Đồng Ẻn, xã Phú Lương, tỉnh Thái Nguyên",
    phone="0912 345 678",
    email="huong.nguyen@example.vn",
)

DOCUMENTS = (
    DocumentLine("Tờ khai đăng ký khai sinh", DocumentForm.ORIGINAL, 1),
    DocumentLine("Giấy chứng sinh", DocumentForm.ORIGINAL, 1),
    DocumentLine("Giấy chứng nhận kết hôn của cha, mẹ", DocumentForm.CERTIFIED_COPY, 1),
)


def receipt(**changes: object) -> ReceiptData:
    fields: dict[str, object] = dict(
        dossier_code=CODE,
        office=OFFICE,
        applicant=APPLICANT,
        procedure_name="Đăng ký khai sinh",
        procedure_code="1.001193",
        received_at=RECEIVED,
        due_at=DUE,
        processing_time="01 ngày làm việc",
        documents=DOCUMENTS,
        sets=1,
        return_method=ReturnMethod.COUNTER,
        ledger_book="01",
        ledger_entry=123,
        fee=50_000,
        lookup_text="https://dichvucong.thainguyen.gov.vn/tra-cuu?ma=" + CODE,
        clerk_name="Trần Văn Đức",
    )
    fields.update(changes)
    return ReceiptData(**fields)  # type: ignore[arg-type]


def supplement() -> SupplementSlip:
    return SupplementSlip(
        dossier_code=CODE,
        office=OFFICE,
        applicant=APPLICANT,
        procedure_name="Đăng ký khai sinh",
        issued_at=RECEIVED,
        documents=(
            DocumentLine("Giấy chứng sinh", DocumentForm.ORIGINAL, 1),
            DocumentLine("Văn bản ủy quyền có chứng thực", DocumentForm.CERTIFIED_COPY, 1),
        ),
        reason="Hồ sơ thiếu giấy chứng sinh; người nộp không phải cha, mẹ của trẻ.",
        contact="ông Trần Văn Đức, công chức Tư pháp - Hộ tịch, số điện thoại 0208 3878 123",
        clerk_name="Trần Văn Đức",
    )


def refusal() -> RefusalSlip:
    return RefusalSlip(
        dossier_code=CODE,
        office=OFFICE,
        applicant=APPLICANT,
        procedure_name="Cấp giấy phép xây dựng nhà ở riêng lẻ",
        issued_at=RECEIVED,
        reasons=(
            "Thủ tục không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã.",
            "Đề nghị ông/bà nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh.",
        ),
        clerk_name="Trần Văn Đức",
    )


def apology() -> ApologySlip:
    return ApologySlip(
        dossier_code=CODE,
        office=OFFICE,
        applicant=APPLICANT,
        procedure_name="Đăng ký thay đổi, cải chính hộ tịch",
        issued_at=datetime(2026, 11, 26, 8, 0, tzinfo=VN),
        received_at=RECEIVED,
        original_due_at=datetime(2026, 11, 27, 10, 0, tzinfo=VN),
        new_due_at=datetime(2026, 12, 2, 10, 0, tzinfo=VN),
        reason="Cần xác minh thông tin hộ tịch tại nơi đăng ký khai sinh trước đây.",
        signer_title="CHỦ TỊCH",
        signer_name="Lê Quang Hải",
    )


def extension() -> ExtensionSlip:
    return ExtensionSlip(
        dossier_code=CODE,
        office=OFFICE,
        applicant=APPLICANT,
        procedure_name="Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc",
        issued_at=datetime(2026, 11, 26, 8, 0, tzinfo=VN),
        received_at=RECEIVED,
        original_due_at=datetime(2026, 11, 27, 10, 0, tzinfo=VN),
        new_due_at=datetime(2026, 12, 2, 10, 0, tzinfo=VN),
        reason="Cần xác minh thông tin hộ tịch tại nơi đăng ký khai sinh trước đây.",
        signer_name="Lê Quang Hải",
    )


def stop() -> StopSlip:
    return StopSlip(
        dossier_code=CODE,
        office=OFFICE,
        applicant=APPLICANT,
        procedure_name="Đăng ký khai sinh",
        issued_at=datetime(2026, 11, 24, 9, 0, tzinfo=VN),
        received_at=RECEIVED,
        reason="Người nộp hồ sơ đề nghị dừng giải quyết để nộp lại tại nơi cư trú.",
        signer_name="Lê Quang Hải",
    )


def control() -> ControlSlip:
    return ControlSlip(
        dossier_code=CODE,
        office=OFFICE,
        applicant=APPLICANT,
        procedure_name="Đăng ký khai sinh",
        issued_at=RECEIVED,
        resolving_body="Công chức Tư pháp - Hộ tịch",
        coordinating_bodies=None,
        steps=(
            ControlStep(
                "Bộ phận Tiếp nhận và Trả kết quả",
                "Công chức Tư pháp - Hộ tịch",
                datetime(2026, 11, 23, 10, 30, tzinfo=VN),
                Verdict.ON_TIME,
            ),
            ControlStep(
                "Công chức Tư pháp - Hộ tịch",
                "Chủ tịch UBND xã",
                datetime(2026, 11, 24, 15, 0, tzinfo=VN),
                Verdict.EARLY,
                "Trình ký",
            ),
            ControlStep("Chủ tịch UBND xã", "Bộ phận Tiếp nhận và Trả kết quả"),
        ),
    )


def ledger(count: int = 60) -> Ledger:
    names = ("Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Đức", "Phạm Thị Ánh Tuyết")
    procedures = (
        "Đăng ký khai sinh",
        "Chứng thực bản sao từ bản chính",
        "Đăng ký thay đổi, cải chính hộ tịch",
        "Xác nhận tình trạng hôn nhân",
    )
    entries = []
    for i in range(count):
        at = RECEIVED + timedelta(hours=i * 5)
        entries.append(
            LedgerEntry(
                number=i + 1,
                dossier_code=f"000.00.12.H12-{at:%y%m%d}-{i + 1:04d}",
                procedure_name=procedures[i % 4],
                applicant_name=names[i % 4],
                received_at=at,
                due_at=at + timedelta(days=2),
                applicant_address="Xóm Đồng Ẻn, xã Phú Lương",
                applicant_phone="0912 345 678",
                resolving_body="Công chức Tư pháp - Hộ tịch",
                transferred_at=at + timedelta(hours=1) if i % 3 else None,
                returned_at=at + timedelta(days=1) if i % 2 else None,
                note="Trả qua bưu điện" if i % 7 == 0 else None,
            )
        )
    return Ledger(OFFICE, date(2026, 11, 1), date(2026, 11, 30), tuple(entries), "01")
