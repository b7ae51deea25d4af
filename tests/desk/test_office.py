"""The office's names after setup, About's facts, and the test receipt."""

import datetime as dt

import pytest

import desk.office as names_service
from desk import about, documents
from desk.errors import ValidationError
from models import Commune
from tests.desk.test_documents import needs_poppler, text_of


def names(**changes):
    return names_service.OfficeNames(**{**vars(names_service.current()), **changes})


def test_the_names_set_at_setup_are_the_current_ones(office):
    current = names()
    assert (current.commune_name, current.province_name, current.governing_body) == (
        "Xã Tân Phú", "Đồng Nai", "UBND TỈNH ĐỒNG NAI")


def test_renamed_office_prints_its_new_names(office):
    office_names = names(commune_name="Phường  Tân Phú ", governing_body="UBND TỈNH ĐỒNG NAI",
                         hotline="0251 3822 123", head_name="Nguyễn Văn Bình")
    names_service.save(office_names)
    commune = Commune.get_by_id("26734")
    assert (commune.name, commune.place_name) == ("Phường Tân Phú", "Tân Phú")
    printed = documents.office(commune)
    assert printed.unit_name == "UBND phường Tân Phú"
    assert printed.hotline == "02513822123"
    assert names_service.current().head_name == "Nguyễn Văn Bình"


def test_a_refused_field_saves_nothing_and_names_every_wrong_field(office):
    with pytest.raises(ValidationError) as refused:
        names_service.save(names(commune_name="Xã Mới", governing_body="  ", head_title="",
                          hotline="12"))
    assert set(refused.value.fields) == {"governing_body", "head_title", "hotline"}
    assert "cơ quan chủ quản" in refused.value.fields["governing_body"].message
    assert names_service.current() == names()  # the good commune name was not saved either
    assert Commune.get_by_id("26734").name == "Xã Tân Phú"


def test_about_names_the_reference_data_in_use(office):
    facts = about.about()
    assert facts.catalogue_version == "2026-12-01"
    assert facts.calendar_version == "2026-12-01"
    assert facts.procedures >= 50
    assert facts.calendar_until is not None and facts.calendar_until >= dt.date(2026, 12, 31)
    assert facts.calendar_days > 0 and not facts.calendar_from_server
    assert (facts.data_dir / "motcua.sqlite3").exists()


@needs_poppler
def test_the_test_receipt_prints_this_office_and_says_it_is_a_test(office, clock, tmp_path):
    text = text_of(documents.test_receipt_pdf(now=clock), tmp_path)
    for expected in ("UBND XÃ TÂN PHÚ", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
                     documents.TEST_APPLICANT, "23 tháng 11 năm 2026"):
        assert expected in text, expected
