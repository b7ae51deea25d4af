"""What identifies a commune: its code, its agency code (mã định danh), its name and the place
written before the date on forms. One rule for the desk's setup and the server's registry, so a
commune registered upstream reads as the desk it enrols."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desk.errors import DomainError
from desk.text import clean

CODE = re.compile(r"^[0-9A-Za-z]{1,16}$")
AGENCY_CODE = re.compile(r"^[A-Z0-9]+(\.[A-Z0-9]+)*$")
AGENCY_CODE_LIMIT = 32
# The national identifier of a unit (mã định danh, QĐ 20/2020/QĐ-TTg), e.g. 000.00.12.H12: what
# the setup dialog asks for (the CLI and the registry accept the looser AGENCY_CODE).
NATIONAL_AGENCY_CODE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")
# The kinds of unit a commune-level office serves (since 1/7/2025: xã, phường, đặc khu).
UNIT_KINDS = ("Xã", "Phường", "Thị trấn", "Đặc khu")


@dataclass(frozen=True)
class CommuneIdentity:
    code: str
    name: str  # as given, NFC, e.g. "Xã Tân Phú"
    agency_code: str  # upper case; the commune code when none is given
    place_name: str  # "Tân Phú": the place before the date on forms

    def row(self) -> dict[str, str]:
        """The models.Commune columns it sets (province_name aside)."""
        return {"name": self.name, "agency_code": self.agency_code,
                "place_name": self.place_name}


def identity(code: str, name: str, agency_code: str | None = None) -> CommuneIdentity:
    """The cleaned identity, or DomainError (Vietnamese message, English detail)."""
    code, name = clean(code), clean(name)
    agency = clean(agency_code or "").upper() or code
    if not code:
        raise DomainError("missing_commune_code", "Chưa nhập mã xã/phường (ví dụ 26734).",
                          "commune code is empty")
    if not CODE.match(code):
        raise DomainError("invalid_commune_code",
                          "Mã xã/phường chỉ gồm chữ và số, tối đa 16 ký tự.",
                          "commune code: 1-16 letters or digits")
    if not name:
        raise DomainError("missing_commune_name", "Chưa nhập tên xã/phường.",
                          "commune name is empty")
    if not AGENCY_CODE.match(agency) or len(agency) > AGENCY_CODE_LIMIT:
        raise DomainError(
            "invalid_agency_code",
            "Mã định danh cơ quan có dạng như 000.00.12.H12 (chữ, số và dấu chấm).",
            "agency code looks like 000.00.12.H12 (letters, digits and dots, at most 32)")
    return CommuneIdentity(code, name, agency, place_name(name))


def place_name(commune_name: str) -> str:
    """The place written before the date on forms: "Xã Tân Phú" → "Tân Phú"."""
    name = clean(commune_name)
    for kind in UNIT_KINDS:
        prefix = kind + " "
        if name.lower().startswith(prefix.lower()) and len(name) > len(prefix):
            return name[len(prefix):]
    return name
