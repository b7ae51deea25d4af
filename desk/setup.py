"""First start: the commune, this desk's identity and number, the catalogue and calendar."""

from __future__ import annotations

from dataclasses import dataclass

from desk import catalogue, codes, communes, office, reference, settings, validation
from desk.clock import Now
from desk.errors import DomainError
from desk.ids import new_id
from desk.text import clean
from models import Clerk, Commune, Desk, db


@dataclass(frozen=True)
class SetupForm:
    """What the first-start dialog asks. The desk number is the clerk's (1, 2, 3…); the codes
    use it less one. ``no_agency_code``: the commune has no national identifier yet, and its
    dossier codes start with the commune code until it has one."""

    commune_code: str
    commune_name: str
    agency_code: str
    no_agency_code: bool
    desk_number: int
    province_name: str
    governing_body: str
    clerk_name: str


def commune_code(text: str) -> str:
    return communes.identity(text, "-").code  # the commune's own rule, name aside


def national_agency_code(text: str) -> str:
    value = clean(text).upper()
    if not value:
        raise DomainError("missing_agency_code",
                          "Chưa nhập mã định danh (dạng 000.00.12.H12) hoặc chọn «Chưa có mã».",
                          "agency code is empty")
    if not communes.NATIONAL_AGENCY_CODE.match(value):
        raise DomainError("invalid_agency_code",
                          "Mã định danh cơ quan có dạng 000.00.12.H12: ba nhóm số và một nhóm "
                          "chữ-số, cách nhau bằng dấu chấm.",
                          "agency code is not in the national format 000.00.12.H12")
    return value


def desk_shown(number: int) -> int:
    if not 1 <= number <= codes.MAX_DESK_NUMBER + 1:
        raise DomainError("invalid_desk_number",
                          f"Số máy tiếp nhận phải từ 1 đến {codes.MAX_DESK_NUMBER + 1}.")
    return number


clerk = office.required("họ tên người tiếp nhận, in dưới dòng NGƯỜI TIẾP NHẬN HỒ SƠ",
                        "clerk_name")


def checked_form(form: SetupForm) -> SetupForm:
    """The form cleaned, or a ValidationError naming every wrong field: the receipt it would
    print has a governing body, a unit and a clerk's name."""
    no_agency = form.no_agency_code
    values = validation.collect({
        "commune_code": (commune_code, form.commune_code),
        "commune_name": (office.commune_name, form.commune_name),
        "agency_code": ((lambda _: "") if no_agency else national_agency_code,
                        form.agency_code),
        "desk_number": (desk_shown, form.desk_number),
        "province_name": (office.optional, form.province_name),
        "governing_body": (office.governing_body, form.governing_body),
        "clerk_name": (clerk, form.clerk_name),
    })
    return SetupForm(no_agency_code=no_agency, **values)


def initialize_from_form(form: SetupForm, *, now: Now) -> Desk:
    """First start from the dialog: nothing is stored unless every field is right."""
    good = checked_form(form)
    return initialize(
        good.commune_code, good.commune_name,
        good.commune_code if good.no_agency_code else good.agency_code,
        desk_number=good.desk_number - 1, province_name=good.province_name,
        governing_body=good.governing_body, clerk_name=good.clerk_name, now=now,
    )


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
                           name=f"Máy tiếp nhận số {number + 1}", created_at=now())
    if desk.commune_code != commune_code:
        raise DomainError(
            "commune_mismatch",
            "Máy này đã được khởi tạo cho xã/phường khác; không thể đổi mã xã/phường.",
        )
    desk.number = number
    desk.save()
    return desk
