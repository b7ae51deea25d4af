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
                     "UBND TỈNH ĐỒNG NAI", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
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


@needs_poppler
def test_apology_slip_gives_both_dates(office, clock, dossier, tmp_path):
    events.record(office, dossier.code, "rescheduled", note="Cần xác minh thêm",
                  data={"due_at": vn(2026, 12, 4, 10)}, now=clock)
    text = " ".join(text_of(documents.slip_pdf("apology", dossier.code), tmp_path).split())
    assert "ngày 27 tháng 11 năm 2026" in text
    assert "10 giờ 00 phút, ngày 04 tháng 12 năm 2026" in text


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
