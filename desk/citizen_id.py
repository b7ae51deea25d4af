"""The 12-digit citizen ID (CCCD) and the text a 2D scanner types from its QR code."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import iso3166

from desk.errors import DomainError
from desk.text import clean, fold

# Province codes of birth registration that open the 12-digit number (Circular 07/2016/TT-BCA,
# the 63 provinces before the 2025 merger; numbers already issued keep them).
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn",
    "008": "Tuyên Quang", "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu",
    "014": "Sơn La", "015": "Yên Bái", "017": "Hòa Bình", "019": "Thái Nguyên",
    "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang", "025": "Phú Thọ",
    "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định",
    "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh",
    "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế", "048": "Đà Nẵng",
    "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định", "054": "Phú Yên",
    "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu", "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang",
    "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long", "087": "Đồng Tháp",
    "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
    "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}

_ID = re.compile(r"^\d{12}$")
_OLD_ID = re.compile(r"^(\d{9}|\d{12})$")  # the 9-digit CMND, or a 12-digit CMND/CCCD
_DATE = re.compile(r"^\d{8}$")
# The fourth digit: sex and century of birth (Circular 07/2016/TT-BCA, art. 7; Circular
# 59/2021/TT-BCA): even for men, odd for women; 0-1 the 1900s, 2-3 the 2000s, 4-5 the 2100s, …
CENTURY_START = 1900
SEXES = {"nam": "Nam", "nu": "Nữ", "male": "Nam", "female": "Nữ", "m": "Nam", "f": "Nữ"}


@dataclass(frozen=True)
class CitizenCard:
    id_number: str
    old_id_number: str
    name: str
    birth_date: dt.date | None
    sex: str
    address: str
    issue_date: dt.date | None


def normalized(text: str) -> str:
    """NFKC first: a scanner set to another keyboard layout, or text pasted from a phone, can
    bring full-width digits (０７９…) that look right and compare wrong."""
    return unicodedata.normalize("NFKC", text or "")


def place_of_birth_registration(number: str) -> str | None:
    """The province (or, for a birth registered abroad, the country) the first three digits
    name; None when they name neither."""
    code = number[:3]
    if code in PROVINCE_CODES:
        return PROVINCE_CODES[code]
    country = iso3166.countries_by_numeric.get(code)
    return None if country is None or code == "704" else country.name


def check_id_number(text: str) -> str:
    """The ID number with spaces removed, or a Vietnamese refusal saying what is wrong."""
    number = re.sub(r"\s", "", normalized(text))
    if not _ID.match(number):
        raise DomainError(
            "invalid_id_number", "Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số."
        )
    if place_of_birth_registration(number) is None:
        raise DomainError(
            "invalid_id_number",
            f"Số CCCD bắt đầu bằng «{number[:3]}», không phải mã tỉnh hay mã quốc gia nơi "
            "đăng ký khai sinh. Hãy kiểm tra lại.",
        )
    return number


def sex_named(text: str) -> str:
    """ "Nam" or "Nữ" from what a card or a clerk wrote ("NAM", "nữ", "Nu"); else ""."""
    return SEXES.get(fold(text).strip(), "")


def mismatches(id_number: str, birth_date: dt.date | None, sex: str) -> list[str]:
    """What the ID's digits say that the birth date or sex contradict, in Vietnamese; empty
    when they agree or there is nothing to compare. A warning, not a refusal: the card is the
    authority and the clerk may have mistyped either."""
    number = re.sub(r"\s", "", normalized(id_number))
    if not _ID.match(number):
        return []
    digit = int(number[3])
    problems = []
    if birth_date is not None:
        century = CENTURY_START + 100 * (digit // 2)
        year = century + int(number[4:6])
        if year != birth_date.year:
            problems.append(
                f"Số CCCD cho năm sinh {year}, nhưng ngày sinh nhập là "
                f"{birth_date:%d/%m/%Y}."
            )
    named = sex_named(sex)
    if named:
        by_digit = "Nữ" if digit % 2 else "Nam"
        if by_digit != named:
            problems.append(f"Số CCCD là của người giới tính {by_digit.lower()}, nhưng giới tính "
                            f"nhập là {named.lower()}.")
    return problems


def parse_qr(text: str) -> CitizenCard:
    """Parse the QR text; fields are found by pattern, so the six-field variant parses too."""
    parts = [clean(p) for p in normalized(text).strip().split("|")]
    if len(parts) < 6 or not _ID.match(parts[0]):
        raise DomainError(
            "invalid_qr", "Không đọc được mã QR trên CCCD. Hãy quét lại hoặc nhập tay."
        )
    old_id = ""
    rest = parts[1:]
    if rest and (rest[0] == "" or _OLD_ID.match(rest[0])) and len(rest) >= 6:
        old_id, rest = rest[0], rest[1:]
    name, birth, sex, address = rest[0], rest[1], rest[2], rest[3]
    issue = rest[4] if len(rest) > 4 else ""
    if not name or not _DATE.match(birth):
        raise DomainError(
            "invalid_qr", "Mã QR trên CCCD thiếu họ tên hoặc ngày sinh. Hãy quét lại."
        )
    return CitizenCard(
        id_number=check_id_number(parts[0]),
        old_id_number=old_id,
        name=name,
        birth_date=_ddmmyyyy(birth),
        sex=sex_named(sex),
        address=address,
        issue_date=_ddmmyyyy(issue),
    )


def _ddmmyyyy(text: str) -> dt.date | None:
    if not _DATE.match(text or ""):
        return None
    try:
        return dt.date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        return None
