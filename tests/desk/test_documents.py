"""The desk's documents end to end: a real dossier, real PDF bytes, read back as text and bars."""

import shutil
import subprocess

import pytest

from desk import documents, events, intake
from desk.errors import DomainError
from tests.conftest import vn
from tests.desk.test_intake import PERSON

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")


def text_of(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture
def dossier(office, clock):
    return intake.receive(office, intake.IntakeRequest("1.004873", PERSON, clerk="Trần Thị Hồng"),
                          now=clock)


@needs_poppler
def test_receipt_holds_the_dossier_facts_in_vietnamese(dossier, tmp_path):
    text = text_of(documents.receipt_pdf(dossier.code), tmp_path)
    for expected in (dossier.code, "Đặng Văn Đức", "079203001234", "0912345678",
                     "Cấp Giấy xác nhận tình trạng hôn nhân", "UBND XÃ TÂN PHÚ",
                     "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
                     "Trung tâm Phục vụ hành chính công xã Tân Phú",
                     "Mẫu số 01 - Thông tư 03/2025/TT-VPCP",
                     "27 tháng 11 năm 2026", "Trần Thị Hồng"):
        assert expected in text, expected


@needs_poppler
@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools")
def test_receipt_barcode_reads_back_the_code(dossier, tmp_path):
    (tmp_path / "r.pdf").write_bytes(documents.receipt_pdf(dossier.code, "a5"))
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(tmp_path / "r.pdf"),
                    str(tmp_path / "page")], check=True)
    page = next(tmp_path.glob("page*.png"))
    decoded = subprocess.run(["zbarimg", "-q", str(page)], capture_output=True, text=True).stdout
    assert f"CODE-128:{dossier.code}" in decoded.splitlines()


@needs_poppler
def test_supplement_slip_lists_what_to_bring(office, clock, dossier, tmp_path):
    events.record(office, dossier.code, "supplement_requested", note="Thiếu giấy tờ cư trú",
                  data={"documents": ["Bản sao sổ hộ khẩu"]}, now=clock)
    text = text_of(documents.slip_pdf("supplement", dossier.code), tmp_path)
    assert "Bản sao sổ hộ khẩu" in text and "Thiếu giấy tờ cư trú" in text


def flat(pdf: bytes, tmp_path) -> str:
    """The text in reading order (no -layout: table cells stay whole), whitespace folded."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


@needs_poppler
def test_extension_letter_of_a_2025_dossier_gives_both_dates_and_the_reason(
    office, clock, dossier, tmp_path
):
    events.record(office, dossier.code, "rescheduled", note="Cần xác minh thêm",
                  data={"due_at": vn(2026, 12, 4, 10)}, now=clock)
    text = flat(documents.slip_pdf("extension", dossier.code), tmp_path)
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "Mẫu số 04 - Thông tư 03/2025/TT-VPCP" in text
    assert "ngày 27 tháng 11 năm 2026" in text
    assert "10 giờ 00 phút, ngày 04 tháng 12 năm 2026" in text
    assert "Lý do: Cần xác minh thêm" in text
    with pytest.raises(DomainError) as caught:
        documents.slip_pdf("apology", dossier.code)
    assert caught.value.code == "form_not_in_set" and "extension" in caught.value.message


@needs_poppler
def test_a_2024_dossier_gets_the_2018_apology_and_no_stop(office, clock, tmp_path):
    clock.set(vn(2024, 11, 20, 9))
    old = intake.receive(office, intake.IntakeRequest("1.004873", PERSON), now=clock)
    clock.set(vn(2024, 11, 22, 9))
    events.record(office, old.code, "rescheduled", note="Chờ xác minh",
                  data={"due_at": vn(2024, 11, 29, 10)}, now=clock)
    text = flat(documents.slip_pdf("apology", old.code), tmp_path)
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert "Mẫu số 04 - Thông tư 01/2018/TT-VPCP" in text
    assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" not in text  # the letter is UBND's own
    with pytest.raises(DomainError) as caught:
        events.record(office, old.code, "stopped", note="Đề nghị dừng", now=clock)
    assert caught.value.code == "stop_not_in_rules"
    receipt = flat(documents.receipt_pdf(old.code), tmp_path)
    assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in receipt
    assert "Mẫu số 01 - Thông tư 01/2018/TT-VPCP" in receipt


@needs_poppler
def test_stop_notice_prints_the_reason_and_the_dossier_is_stopped(office, clock, dossier,
                                                                  tmp_path):
    clock.set(vn(2026, 11, 24, 9))
    events.record(office, dossier.code, "stopped", note="Công dân đề nghị dừng", now=clock)
    assert events.get_dossier(dossier.code).status == "stopped"
    text = flat(documents.slip_pdf("stop", dossier.code), tmp_path)
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "Mẫu số 05 - Thông tư 03/2025/TT-VPCP" in text
    assert "Lý do: Công dân đề nghị dừng" in text
    assert "kể từ 09 giờ 00 phút, ngày 24 tháng 11 năm 2026" in text


@needs_poppler
def test_control_slip_lists_real_handovers_with_a_verdict(office, clock, dossier, tmp_path):
    clock.set(vn(2026, 11, 23, 14))
    events.record(office, dossier.code, "assigned", note="Công chức Tư pháp - Hộ tịch",
                  now=clock)
    clock.set(vn(2026, 11, 25, 9))
    events.record(office, dossier.code, "result_ready", now=clock)
    clock.set(vn(2026, 11, 25, 10))
    events.record(office, dossier.code, "returned", now=clock)
    events.record(office, dossier.code, "rated", data={"rating": 3}, now=clock)
    text = flat(documents.slip_pdf("control", dossier.code), tmp_path)
    assert "1. Giao: Trung tâm Phục vụ hành chính công xã Tân Phú" in text
    assert "2. Nhận: Công chức Tư pháp - Hộ tịch" in text
    assert "1. Giao: Công chức Tư pháp - Hộ tịch" in text
    assert "Trước hạn" in text  # the result came back two days before the deadline
    assert "Mẫu số 06 - Thông tư 03/2025/TT-VPCP" in text
    for not_a_handover in ("Đặng Văn Đức Người giao", "Đánh giá", "Trả kết quả"):
        assert not_a_handover not in text
    assert "Tiếp nhận hồ sơ" not in text.split("GHI CHÚ", 1)[1]


@needs_poppler
def test_ledger_shows_the_new_appointment_and_the_original_in_ghi_chu(office, clock, dossier,
                                                                       tmp_path):
    events.record(office, dossier.code, "rescheduled", note="Cần xác minh thêm",
                  data={"due_at": vn(2026, 12, 4, 10)}, now=clock)
    text = flat(documents.ledger_pdf(vn(2026, 11, 1).date(), vn(2026, 11, 30).date()),
                tmp_path)
    assert "Hẹn ban đầu: 10:00 27/11/2026; hẹn lại: 10:00 04/12/2026" in text
    assert "Mẫu số 07 - Thông tư 03/2025/TT-VPCP" in text


def test_slip_for_a_step_that_never_happened_is_refused(dossier):
    with pytest.raises(DomainError) as caught:
        documents.slip_pdf("refusal", dossier.code)
    assert caught.value.code == "no_such_step"


@needs_poppler
def test_ledger_numbers_the_entries(office, clock, dossier, tmp_path):
    intake.receive(office, intake.IntakeRequest("1.001193", PERSON), now=clock)
    text = text_of(documents.ledger_pdf(vn(2026, 11, 1).date(), vn(2026, 11, 30).date()),
                   tmp_path)
    assert dossier.code in text and "SỔ THEO DÕI HỒ SƠ" in text.upper()


def test_unknown_paper_is_refused(dossier):
    with pytest.raises(DomainError):
        documents.receipt_pdf(dossier.code, "letter")
