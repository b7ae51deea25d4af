import datetime as dt

import pytest

from desk.citizen_id import (
    check_id_number,
    mismatches,
    parse_qr,
    place_of_birth_registration,
)
from desk.errors import DomainError

QR7 = "079203001234|025123456|Đặng Văn Đức|15082003|Nam|Thôn Đông, Tân Phú, Đồng Nai|01092021"
QR6 = "001190000001|Lê Thị Lan|01021990|Nữ|Số 5 Hàng Bạc, Hoàn Kiếm, Hà Nội|20042022"


def test_seven_field_qr_fills_every_field():
    card = parse_qr(QR7)
    assert card.id_number == "079203001234"
    assert card.old_id_number == "025123456"
    assert card.name == "Đặng Văn Đức"
    assert card.birth_date == dt.date(2003, 8, 15)
    assert card.sex == "Nam"
    assert card.address.startswith("Thôn Đông")
    assert card.issue_date == dt.date(2021, 9, 1)


def test_six_field_variant_without_old_id_parses_by_pattern():
    card = parse_qr(QR6)
    assert (card.name, card.sex, card.old_id_number) == ("Lê Thị Lan", "Nữ", "")
    assert card.birth_date == dt.date(1990, 2, 1)


def test_qr_with_empty_old_id_parses():
    card = parse_qr(QR7.replace("|025123456|", "||"))
    assert card.name == "Đặng Văn Đức"


def test_garbage_from_the_scanner_is_refused_in_vietnamese():
    with pytest.raises(DomainError, match="Không đọc được mã QR"):
        parse_qr("hello world")


@pytest.mark.parametrize("number", ["12345", "0792030012345", "abcdefghijkl", "003203001234"])
def test_invalid_id_numbers_are_refused(number):
    with pytest.raises(DomainError):
        check_id_number(number)


def test_spaces_in_id_number_are_ignored():
    assert check_id_number("079 203 001 234") == "079203001234"


def test_a_twelve_digit_old_number_in_the_second_field_still_reads():
    card = parse_qr(QR7.replace("|025123456|", "|079203009999|"))
    assert (card.old_id_number, card.name, card.birth_date) == (
        "079203009999", "Đặng Văn Đức", dt.date(2003, 8, 15))


@pytest.mark.parametrize("written", ["NAM", "nam", "Nam "])
def test_sex_in_any_case_is_understood(written):
    assert parse_qr(QR7.replace("|Nam|", f"|{written}|")).sex == "Nam"
    assert parse_qr(QR6.replace("|Nữ|", "|NỮ|")).sex == "Nữ"


def test_full_width_digits_from_a_misconfigured_scanner_are_read_as_digits():
    wide = QR7.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    card = parse_qr(wide)
    assert card.id_number == "079203001234" and card.birth_date == dt.date(2003, 8, 15)
    assert check_id_number("０７９２０３００１２３４") == "079203001234"


def test_a_birth_registered_abroad_opens_with_the_country_code():
    # 840 (United States of America) in place of a province: a citizen born abroad.
    assert check_id_number("840203001234") == "840203001234"
    assert place_of_birth_registration("840203001234") == "United States of America"
    with pytest.raises(DomainError, match="mã tỉnh hay mã quốc gia"):
        check_id_number("999203001234")


@pytest.mark.parametrize(("number", "birth", "sex", "expected"), [
    ("079203001234", dt.date(2003, 8, 15), "Nam", []),
    ("001190000001", dt.date(1990, 2, 1), "Nữ", []),
    ("079203001234", dt.date(2004, 8, 15), "Nam", ["năm sinh 2003"]),
    ("079003001234", dt.date(2003, 8, 15), "Nam", ["năm sinh 1903"]),
    ("079203001234", dt.date(2003, 8, 15), "Nữ", ["giới tính nam"]),
    ("079303001234", dt.date(2003, 8, 15), "NAM", ["giới tính nữ"]),
    ("079203001234", None, "", []),
])
def test_the_id_digits_are_checked_against_birth_date_and_sex(number, birth, sex, expected):
    found = mismatches(number, birth, sex)
    assert len(found) == len(expected)
    for text, part in zip(found, expected, strict=True):
        assert part in text
