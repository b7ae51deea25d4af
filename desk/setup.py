"""First start: the commune, this desk's identity and number, the catalogue and calendar."""

from __future__ import annotations

import re

from desk import catalogue, codes, settings
from desk.clock import Now
from desk.errors import DomainError
from desk.ids import new_id
from desk.text import clean
from models import Clerk, Commune, Desk, db

_AGENCY = re.compile(r"^[A-Z0-9]+(\.[A-Z0-9]+)*$")
_COMMUNE = re.compile(r"^[0-9A-Za-z]{1,16}$")


def initialize(
    commune_code: str,
    commune_name: str,
    agency_code: str | None = None,
    *,
    desk_number: int = 0,
    province_name: str = "",
    governing_body: str = "",
    clerk_name: str = "",
    now: Now,
) -> Desk:
    """Set this desk up (idempotent: a second call updates names, never the desk's id)."""
    code, name = clean(commune_code), clean(commune_name)
    agency = clean(agency_code or "").upper() or code
    _check(code, name, agency, desk_number)
    with db.atomic():
        Commune.insert(
            code=code, name=name, agency_code=agency, province_name=clean(province_name),
            place_name=_place(name),
        ).on_conflict(
            conflict_target=[Commune.code],
            update={Commune.name: name, Commune.agency_code: agency,
                    Commune.province_name: clean(province_name), Commune.place_name: _place(name)},
        ).execute()
        desk = _ensure_desk(code, desk_number, now)
        if governing_body:
            settings.put("office.governing_body", clean(governing_body))
        if clerk_name and not Clerk.select().where(Clerk.name == clean(clerk_name)).exists():
            Clerk.create(id=new_id(), commune_code=code, name=clean(clerk_name),
                         created_at=now())
        catalogue.load_procedures()
        catalogue.load_calendar_overrides()
    return desk


def _ensure_desk(commune_code: str, number: int, now: Now) -> Desk:
    desk = Desk.select().first()
    if desk is None:
        return Desk.create(id=new_id(), commune_code=commune_code, number=number,
                           name=f"Máy tiếp nhận số {number}", created_at=now())
    if desk.commune_code != commune_code:
        raise DomainError(
            "commune_mismatch",
            "Máy này đã được khởi tạo cho xã/phường khác; không thể đổi mã xã/phường.",
        )
    desk.number = number
    desk.save()
    return desk


def _check(code: str, name: str, agency: str, desk_number: int) -> None:
    if not _COMMUNE.match(code):
        raise DomainError(
            "invalid_commune_code", "Mã xã/phường chỉ gồm chữ và số, tối đa 16 ký tự."
        )
    if not name:
        raise DomainError("missing_commune_name", "Chưa nhập tên xã/phường.")
    if not _AGENCY.match(agency) or len(agency) > 32:
        raise DomainError(
            "invalid_agency_code",
            "Mã định danh cơ quan có dạng như 000.00.12.H12 (chữ, số và dấu chấm).",
        )
    if not 0 <= desk_number <= codes.MAX_DESK_NUMBER:
        raise DomainError("invalid_desk_number", "Số máy tiếp nhận phải từ 0 đến 9.")


def _place(commune_name: str) -> str:
    """The place written before the date on forms: "Xã Tân Phú" → "Tân Phú"."""
    for prefix in ("Xã ", "Phường ", "Thị trấn ", "Đặc khu "):
        if commune_name.startswith(prefix):
            return commune_name[len(prefix):]
    return commune_name
