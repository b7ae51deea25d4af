import datetime as dt

import pytest

from desk.citizen_id import check_id_number, parse_qr
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
