import dataclasses

import pytest

from printing import ControlStep, render_slip
from tests.printing import samples
from tests.printing.conftest import (
    decoded_symbols,
    needs_poppler,
    needs_zbar,
    page_sizes,
    pdf_text,
    render_png,
    write,
)

A5 = (419.53, 595.28)


def rendered_text(tmp_path, slip, fonts):
    path = write(tmp_path, render_slip(slip, fonts=fonts))
    assert [(round(w, 2), round(h, 2)) for w, h in page_sizes(path)] == [A5]
    return pdf_text(path) + " | " + pdf_text(path, layout=True)


MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
# Decree 30/2020: the governing body over the issuer, two lines. The counter issues forms
# 02, 03 and the control slip; the People's Committee issues the late letters and the stop.
HEADER = ["UBND XÃ PHÚ LƯƠNG", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ PHÚ LƯƠNG", *MOTTO]
AUTHORITY_HEADER = ["UBND TỈNH THÁI NGUYÊN", "UBND XÃ PHÚ LƯƠNG", *MOTTO]


@needs_poppler
def test_supplement_slip_lists_the_papers_to_add_the_reason_and_whom_to_ask(tmp_path, fonts):
    text = rendered_text(tmp_path, samples.supplement(), fonts)
    for expected in HEADER + [
        "Số: 000.00.12.H12-261123-0001/HDHS",
        "Phú Lương, ngày 23 tháng 11 năm 2026",
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Mẫu số 02 - Thông tư 03/2025/TT-VPCP",
        "Hồ sơ của: Nguyễn Thị Thanh Hương",
        "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
        "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:",
        "1 Giấy chứng sinh Bản chính 01",
        "2 Văn bản ủy quyền có chứng thực Bản sao chứng 01",
        "Lý do: Hồ sơ thiếu giấy chứng sinh; người nộp không phải cha, mẹ của trẻ.",
        "liên hệ với ông Trần Văn Đức, công chức Tư pháp - Hộ tịch, số điện thoại 0208 3878 123",
        "NGƯỜI HƯỚNG DẪN (Ký và ghi rõ họ tên)",
    ]:
        assert expected in text, expected


@needs_poppler
def test_refusal_slip_gives_every_reason(tmp_path, fonts):
    text = rendered_text(tmp_path, samples.refusal(), fonts)
    for expected in HEADER + [
        "Số: 000.00.12.H12-261123-0001/TCGQ",
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "Trung tâm Phục vụ hành chính công xã Phú Lương tiếp nhận hồ sơ của: "
        "Nguyễn Thị Thanh Hương",
        "Mẫu số 03 - Thông tư 03/2025/TT-VPCP",
        "Nội dung yêu cầu giải quyết: Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
        "- Thủ tục không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã.",
        "- Đề nghị ông/bà nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh.",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ]:
        assert expected in text, expected


@needs_poppler
def test_apology_slip_names_the_original_and_the_new_appointment(tmp_path, fonts):
    text = rendered_text(tmp_path, samples.apology(), fonts)
    for expected in AUTHORITY_HEADER + [
        "Số: 000.00.12.H12-261123-0001/XLHS",
        "Phú Lương, ngày 26 tháng 11 năm 2026",
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "Mẫu số 04 - Thông tư 01/2018/TT-VPCP",
        "Kính gửi: ông/bà Nguyễn Thị Thanh Hương",
        "Vào 10 giờ 00 phút, ngày 23 tháng 11 năm 2026",
        "Đăng ký thay đổi, cải chính hộ tịch, mã hồ sơ 000.00.12.H12-261123-0001",
        "Thời gian hẹn trả kết quả giải quyết hồ sơ: 10 giờ 00 phút, ngày 27 tháng 11 năm 2026",
        "Lý do: Cần xác minh thông tin hộ tịch tại nơi đăng ký khai sinh trước đây.",
        "UBND xã Phú Lương xin lỗi ông/bà",
        "vào 10 giờ 00 phút, ngày 02 tháng 12 năm 2026",
        "CHỦ TỊCH (Ký, ghi rõ họ tên và đóng dấu)",
        "Lê Quang Hải",
    ]:
        assert expected in text, expected


@needs_poppler
def test_control_slip_has_a_row_per_handover(tmp_path, fonts):
    text = rendered_text(tmp_path, samples.control(), fonts)
    for expected in HEADER + [
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "Mẫu số 06 - Thông tư 03/2025/TT-VPCP",
        "Mã hồ sơ: 000.00.12.H12-261123-0001",
        "Hồ sơ của: Nguyễn Thị Thanh Hương",
        "Cơ quan (bộ phận) giải quyết hồ sơ: Công chức Tư pháp - Hộ tịch",
        "Cơ quan phối hợp giải quyết hồ sơ: ……",
        "TÊN CƠ QUAN",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
        "GHI CHÚ",
        "1. Giao: Bộ phận Tiếp nhận và Trả kết quả",
        "2. Nhận: Chủ tịch UBND xã",
        "10 giờ 30 phút, ngày 23 tháng 11 năm 2026",
        "Đúng hạn",
        "Trước hạn",
        "Trình ký",
        "Người giao",
        "Người nhận",
    ]:
        assert expected in text, expected


@needs_poppler
def test_extension_letter_of_2025_apologises_and_asks_for_one_extension(tmp_path, fonts):
    text = rendered_text(tmp_path, samples.extension(), fonts)
    for expected in AUTHORITY_HEADER + [
        "Số: 000.00.12.H12-261123-0001/XLGH",
        "Phú Lương, ngày 26 tháng 11 năm 2026",
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
        "Mẫu số 04 - Thông tư 03/2025/TT-VPCP",
        "Kính gửi: ông/bà Nguyễn Thị Thanh Hương",
        "Trung tâm Phục vụ hành chính công xã Phú Lương tiếp nhận giải quyết hồ sơ",
        "Thời gian hẹn trả kết quả giải quyết hồ sơ: 10 giờ 00 phút, ngày 27 tháng 11 năm 2026",
        "Lý do: Cần xác minh thông tin hộ tịch tại nơi đăng ký khai sinh trước đây.",
        "đề nghị ông/bà đồng ý gia hạn thời gian giải quyết hồ sơ đến 10 giờ 00 phút, ngày 02 "
        "tháng 12 năm 2026",
        "CHỦ TỊCH (Ký, ghi rõ họ tên và đóng dấu)",
        "Lê Quang Hải",
    ]:
        assert expected in text, expected


@needs_poppler
def test_stop_notice_of_2025_says_from_when_and_why(tmp_path, fonts):
    text = rendered_text(tmp_path, samples.stop(), fonts)
    for expected in AUTHORITY_HEADER + [
        "Số: 000.00.12.H12-261123-0001/TB-DGQ",
        "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        "Mẫu số 05 - Thông tư 03/2025/TT-VPCP",
        "UBND xã Phú Lương thông báo dừng giải quyết hồ sơ nêu trên kể từ 09 giờ 00 phút, "
        "ngày 24 tháng 11 năm 2026",
        "Lý do: Người nộp hồ sơ đề nghị dừng giải quyết để nộp lại tại nơi cư trú.",
        "CHỦ TỊCH",
    ]:
        assert expected in text, expected


@needs_poppler
def test_slips_of_a_2024_dossier_follow_the_2018_forms_and_name_the_old_counter(tmp_path, fonts):
    received = samples.RECEIVED.replace(year=2024)
    slip = dataclasses.replace(samples.refusal(), received_at=received, issued_at=received)
    text = rendered_text(tmp_path, slip, fonts)
    assert "Mẫu số 03 - Thông tư 01/2018/TT-VPCP" in text
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ" in text
    assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in text
    assert "Bộ phận Tiếp nhận và Trả kết quả, UBND xã Phú Lương" in text
    control = dataclasses.replace(samples.control(), received_at=received)
    assert "Mẫu số 05 - Thông tư 01/2018/TT-VPCP" in rendered_text(tmp_path, control, fonts)


@needs_zbar
def test_control_slip_barcode_scans_back_to_the_dossier_code(tmp_path, fonts):
    path = write(tmp_path, render_slip(samples.control(), fonts=fonts))
    assert ("CODE-128", samples.CODE) in decoded_symbols(render_png(path, tmp_path, 200))


@needs_poppler
def test_a_long_control_slip_repeats_its_heading_and_numbers_its_pages(tmp_path, fonts):
    step = ControlStep("Công chức Địa chính - Xây dựng", "Chủ tịch UBND xã", samples.RECEIVED)
    slip = dataclasses.replace(samples.control(), steps=(step,) * 12, blank_rows=2)
    path = write(tmp_path, render_slip(slip, fonts=fonts))
    pages = len(page_sizes(path))
    assert pages >= 2
    for page in range(1, pages + 1):
        text = pdf_text(path, page)
        assert "TÊN CƠ QUAN" in text
        assert f"Mã hồ sơ: {samples.CODE} - Trang {page}/{pages}" in text


@needs_poppler
@pytest.mark.parametrize(
    "make", [samples.supplement, samples.refusal, samples.apology, samples.extension, samples.stop]
)
def test_slips_with_empty_optional_fields_still_render(tmp_path, fonts, make):
    slip = make()
    empty = dataclasses.replace(
        slip,
        applicant=dataclasses.replace(
            slip.applicant, address=None, phone=None, email=None, id_number=None
        ),
    )
    text = pdf_text(write(tmp_path, render_slip(empty, fonts=fonts)))
    assert "Nguyễn Thị Thanh Hương" in text


def test_an_unknown_slip_type_is_a_programming_error(fonts):
    with pytest.raises(TypeError, match="not a slip"):
        render_slip(samples.receipt(), fonts=fonts)  # type: ignore[arg-type]
