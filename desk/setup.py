"""First start: the commune, this desk's identity and number, the catalogue and calendar."""

from __future__ import annotations

from desk import catalogue, codes, communes, reference, settings
from desk.clock import Now
from desk.errors import DomainError
from desk.ids import new_id
from desk.text import clean
from models import Clerk, Commune, Desk, db


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
    commune = communes.identity(commune_code, commune_name, agency_code)
    code = commune.code
    if not 0 <= desk_number <= codes.MAX_DESK_NUMBER:
        raise DomainError("invalid_desk_number", "Số máy tiếp nhận phải từ 0 đến 9.")
    row = {**commune.row(), "province_name": clean(province_name)}
    with db.atomic():
        Commune.insert(code=code, **row).on_conflict(
            conflict_target=[Commune.code], update=row).execute()
        desk = _ensure_desk(code, desk_number, now)
        if governing_body:
            settings.put("office.governing_body", clean(governing_body))
        if clerk_name and not Clerk.select().where(Clerk.name == clean(clerk_name)).exists():
            Clerk.create(id=new_id(), commune_code=code, name=clean(clerk_name),
                         created_at=now())
        for kind in reference.KINDS:  # never over newer data pulled since the last init
            reference.apply_if_newer(kind, catalogue.shipped(reference.SHIPPED[kind]),
                                     reference.DESK, "shipped")
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
