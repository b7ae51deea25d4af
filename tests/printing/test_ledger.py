import dataclasses

from printing import render_ledger
from tests.printing import samples
from tests.printing.conftest import needs_poppler, page_sizes, pdf_text, write

A4_LANDSCAPE = (841.89, 595.28)


@needs_poppler
def test_ledger_is_a4_landscape_with_headings_and_numbers_on_every_page(tmp_path, fonts):
    path = write(tmp_path, render_ledger(samples.ledger(60), fonts=fonts))
    sizes = page_sizes(path)
    assert len(sizes) >= 3
    assert {(round(w, 2), round(h, 2)) for w, h in sizes} == {A4_LANDSCAPE}
    for page in range(1, len(sizes) + 1):
        text = pdf_text(path, page, layout=True)
        assert "TT Mã hồ sơ Tên thủ tục hành chính" in text
        assert "Thời gian (giờ, ngày, tháng, năm)" in text
        assert f"Sổ theo dõi hồ sơ - Quyển số 01 - Trang {page}/{len(sizes)}" in text


@needs_poppler
def test_ledger_prints_each_entry_with_its_number_code_and_times(tmp_path, fonts):
    path = write(tmp_path, render_ledger(samples.ledger(60), fonts=fonts))
    first = pdf_text(path, 1) + " | " + pdf_text(path, 1, layout=True)
    for expected in [
        "UBND XÃ PHÚ LƯƠNG",
        "SỔ THEO DÕI HỒ SƠ",
        "Quyển số: 01",
        "Từ ngày 01/11/2026 đến ngày 30/11/2026",
        "01 000.00.12.H12-261123-0001 Đăng ký khai sinh 01 Nguyễn Văn An",
        "Xóm Đồng Ẻn, xã Phú Lương, 0912 345 678",
        "Công chức Tư pháp - Hộ tịch",
        "23/11/2026 25/11/2026",
        "Trả qua bưu điện",
    ]:
        assert expected in first, expected
    whole = pdf_text(path, layout=True)
    for number in ("02", "09", "10", "60"):
        assert f" {number} 000.00.12.H12-" in whole


@needs_poppler
def test_entry_numbers_are_printed_as_given_across_books(tmp_path, fonts):
    ledger = samples.ledger(3)
    entries = tuple(dataclasses.replace(e, number=e.number + 1200) for e in ledger.entries)
    path = write(tmp_path, render_ledger(dataclasses.replace(ledger, entries=entries), fonts=fonts))
    assert "1201 000.00.12.H12-261123-0001" in pdf_text(path, 1, layout=True)


@needs_poppler
def test_an_empty_period_still_gives_one_page(tmp_path, fonts):
    ledger = dataclasses.replace(samples.ledger(0), book_number=None)
    path = write(tmp_path, render_ledger(ledger, fonts=fonts))
    text = pdf_text(path, 1)
    assert len(page_sizes(path)) == 1
    assert "(Không có hồ sơ trong khoảng thời gian này)" in text
    assert "Sổ theo dõi hồ sơ - Trang 1/1" in text
