import dataclasses
from datetime import UTC, datetime

import pytest

from printing import (
    Applicant,
    DocumentForm,
    DocumentLine,
    Office,
    ReceiptData,
    ReturnMethod,
    render_receipt,
)
from tests.printing import samples
from tests.printing.conftest import (
    decoded_symbols,
    needs_poppler,
    needs_zbar,
    page_sizes,
    pdf_info,
    pdf_text,
    render_png,
    write,
)

A5 = (419.53, 595.28)
A4 = (595.28, 841.89)


def rounded(sizes):
    return [(round(w, 2), round(h, 2)) for w, h in sizes]


@needs_poppler
def test_receipt_prints_every_field_of_form_01_with_exact_diacritics(tmp_path, fonts):
    path = write(tmp_path, render_receipt(samples.receipt(), fonts=fonts))
    text = pdf_text(path, page=1)
    for expected in [
        "UBND XÃ PHÚ LƯƠNG",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ PHÚ LƯƠNG",
        "Mã hồ sơ: 000.00.12.H12-261123-0001",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Phú Lương, ngày 23 tháng 11 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "(Liên 1: Giao người nộp hồ sơ)",
        "Tiếp nhận hồ sơ của: Nguyễn Thị Thanh Hương",
        "Số định danh cá nhân: 019186001234",
        "Địa chỉ: Xóm Đồng Ẻn, xã Phú Lương, tỉnh Thái Nguyên",
        "Số điện thoại: 0912 345 678",
        "Email: huong.nguyen@example.vn",
        "Nội dung yêu cầu giải quyết: Đăng ký khai sinh (mã thủ tục: 1.001193)",
        "1. Thành phần hồ sơ nộp gồm:",
        "STT Tên giấy tờ Bản chính, bản sao Số lượng",
        "Tờ khai đăng ký khai sinh Bản chính 01",
        "Giấy chứng nhận kết hôn của cha, mẹ Bản sao chứng thực 01",
        "2. Số lượng hồ sơ: 01 bộ",
        "3. Thời gian giải quyết hồ sơ theo quy định là: 01 ngày làm việc",
        "4. Thời gian nhận hồ sơ: 10 giờ 00 phút, ngày 23 tháng 11 năm 2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 10 giờ 00 phút, ngày 25 tháng 11 năm 2026",
        "6. Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công xã Phú Lương "
        "(Tổ dân phố Đồng Kết, xã Phú Lương)",
        "Vào Sổ theo dõi hồ sơ, Quyển số: 01, Số thứ tự: 123",
        "Phí, lệ phí: 50.000 đồng",
        "Đường dây nóng: 0208 3878 123",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "(Ký và ghi rõ họ tên)",
        "Trần Văn Đức",
        "Ghi chú: - Giấy tiếp nhận hồ sơ và hẹn trả kết quả được lập thành 02 liên",
        "Mẫu số 01 - Thông tư 03/2025/TT-VPCP",
    ]:
        assert expected in text, expected
    assert "UBND TỈNH" not in text  # Decree 30: two header lines, the province is not one
    assert pdf_info(path)["Subject"] == "Mẫu số 01 - Thông tư 03/2025/TT-VPCP"


@needs_poppler
def test_receipt_has_two_a5_copies_for_the_citizen_and_the_file(tmp_path, fonts):
    path = write(tmp_path, render_receipt(samples.receipt(), fonts=fonts))
    assert rounded(page_sizes(path)) == [A5, A5]
    first, second = pdf_text(path, 1), pdf_text(path, 2)
    assert "Liên 1: Giao người nộp hồ sơ" in first and "Liên 2" not in first
    assert "Liên 2: Lưu hồ sơ" in second and "Liên 1" not in second
    assert first.replace("Liên 1: Giao người nộp hồ sơ", "") == second.replace(
        "Liên 2: Lưu hồ sơ", ""
    )


@needs_poppler
def test_receipt_on_a4_when_asked(tmp_path, fonts):
    path = write(tmp_path, render_receipt(samples.receipt(), "A4", fonts=fonts))
    assert rounded(page_sizes(path)) == [A4, A4]


def test_unknown_paper_is_refused(fonts):
    with pytest.raises(ValueError, match="paper"):
        render_receipt(samples.receipt(), "letter", fonts=fonts)


@needs_zbar
def test_barcode_scans_back_to_the_dossier_code_and_qr_to_the_lookup_text(tmp_path, fonts):
    data = samples.receipt()
    path = write(tmp_path, render_receipt(data, fonts=fonts))
    symbols = decoded_symbols(render_png(path, tmp_path, 200))
    assert ("CODE-128", "000.00.12.H12-261123-0001") in symbols
    assert ("QR-Code", data.lookup_text) in symbols


@needs_zbar
def test_qr_carries_the_dossier_code_when_no_lookup_text_is_configured(tmp_path, fonts):
    path = write(tmp_path, render_receipt(samples.receipt(lookup_text=None), fonts=fonts))
    symbols = decoded_symbols(render_png(path, tmp_path, 200))
    assert ("QR-Code", samples.CODE) in symbols


@needs_poppler
def test_times_are_printed_in_vietnam_time_whatever_zone_they_come_in(tmp_path, fonts):
    data = samples.receipt(
        received_at=datetime(2026, 11, 23, 3, 0, tzinfo=UTC),
        due_at=datetime(2026, 11, 25, 3, 0, tzinfo=UTC),
    )
    text = pdf_text(write(tmp_path, render_receipt(data, fonts=fonts)), 1)
    assert "4. Thời gian nhận hồ sơ: 10 giờ 00 phút, ngày 23 tháng 11 năm 2026" in text


@needs_poppler
def test_result_by_post_names_the_postal_address(tmp_path, fonts):
    data = samples.receipt(return_method=ReturnMethod.POST, return_address="Số 5, phố Hàng Bông")
    text = pdf_text(write(tmp_path, render_receipt(data, fonts=fonts)), 1)
    expected = "Đăng ký nhận kết quả tại: Qua dịch vụ bưu chính công ích, đến địa chỉ: Số 5"
    assert expected in text


@needs_poppler
def test_missing_optional_fields_leave_lines_to_write_on(tmp_path, fonts):
    data = ReceiptData(
        dossier_code="000.00.12.H12-261123-0002",
        office=Office("UBND TỈNH THÁI NGUYÊN", "UBND XÃ PHÚ LƯƠNG", "Phú Lương", "000.00.12.H12"),
        applicant=Applicant("Lò Văn Páo"),
        procedure_name="Chứng thực chữ ký",
        received_at=samples.RECEIVED,
        due_at=samples.DUE,
        processing_time="Trong ngày",
    )
    path = write(tmp_path, render_receipt(data, fonts=fonts))
    text = pdf_text(path, 1)
    assert "Tiếp nhận hồ sơ của: Lò Văn Páo" in text
    assert "Địa chỉ: ……" in text
    assert "Quyển số: ……" in text
    assert "(Không có giấy tờ kèm theo)" in text
    assert "Phí, lệ phí" not in text
    assert rounded(page_sizes(path)) == [A5, A5]


@needs_poppler
def test_long_name_long_address_and_thirty_documents_flow_onto_numbered_pages(tmp_path, fonts):
    name = "Tôn Nữ Hoàng Thị Ngọc Diễm Phương Thảo Nguyên Khánh Linh Bảo Châu Quỳnh Anh"
    address = "Số nhà 123, ngõ 45, ngách 67, đường Nguyễn Văn Cừ, tổ dân phố số 8, " * 6
    documents = tuple(
        DocumentLine(f"Giấy tờ số {i:02d} kèm xác nhận của cơ quan có thẩm quyền", form, i)
        for i, form in zip(range(1, 31), (list(DocumentForm) * 10)[:30], strict=True)
    )
    data = samples.receipt(
        applicant=dataclasses.replace(samples.APPLICANT, name=name, address=address),
        documents=documents,
    )
    path = write(tmp_path, render_receipt(data, fonts=fonts))
    sizes = page_sizes(path)
    assert len(sizes) % 2 == 0 and len(sizes) >= 4  # both copies run over, equally
    assert set(rounded(sizes)) == {A5}
    per_copy = len(sizes) // 2
    whole = " ".join(pdf_text(path, page) for page in range(1, per_copy + 1))
    assert f"Tiếp nhận hồ sơ của: {name}" in whole
    assert address.strip()[:60] in whole
    for i in (1, 15, 30):
        assert f"Giấy tờ số {i:02d} kèm xác nhận của cơ quan có thẩm quyền" in whole
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in whole
    assert f"Liên 1: Giao người nộp hồ sơ - Mã hồ sơ: {samples.CODE} - Trang 1/{per_copy}" in (
        pdf_text(path, 1)
    )
    assert "STT Tên giấy tờ" in pdf_text(path, 2)  # the table heading repeats


@needs_poppler
def test_markup_characters_in_data_are_printed_not_interpreted(tmp_path, fonts):
    data = samples.receipt(applicant=Applicant("Công ty <TNHH> A & B"))
    text = pdf_text(write(tmp_path, render_receipt(data, fonts=fonts)), 1)
    assert "Tiếp nhận hồ sơ của: Công ty <TNHH> A & B" in text


def test_same_data_gives_the_same_bytes(fonts):
    assert render_receipt(samples.receipt(), fonts=fonts) == render_receipt(
        samples.receipt(), fonts=fonts
    )
