"""The office's names, the ones every receipt and form prints in its header.

Set at first start (``desk.setup``) and edited afterwards from the window ("Tên cơ quan…"):
the checks live here once, so the setup dialog and the names dialog refuse the same things.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desk import communes, settings, validation
from desk.context import this_desk
from desk.errors import DomainError
from desk.text import clean
from models import Commune, db

MAX_TEXT = 200
# Names kept as settings (the rest are columns of the commune row).
SETTING_KEYS = {"governing_body": "office.governing_body", "counter_name": "office.counter_name",
                "head_title": "office.head_title", "head_name": "office.head_name",
                "hotline": "office.hotline"}


@dataclass(frozen=True)
class OfficeNames:
    commune_name: str
    province_name: str
    governing_body: str
    counter_name: str = ""
    head_title: str = "CHỦ TỊCH"
    head_name: str = ""
    hotline: str = ""


def required(what: str, code: str) -> Callable[[str], str]:
    """A check that refuses an empty or over-long text, naming the field in the message."""
    def check(text: str) -> str:
        value = clean(text)
        if not value:
            raise DomainError(f"missing_{code}", f"Chưa nhập {what}.")
        if len(value) > MAX_TEXT:
            raise DomainError(f"invalid_{code}", f"{what[0].upper()}{what[1:]} dài quá "
                                                 f"{MAX_TEXT} ký tự.")
        return value
    return check


def optional(text: str) -> str:
    value = clean(text)
    if len(value) > MAX_TEXT:
        raise DomainError("text_too_long", f"Tối đa {MAX_TEXT} ký tự.")
    return value


commune_name = required("tên xã/phường (ví dụ Xã Tân Phú)", "commune_name")
governing_body = required("cơ quan chủ quản, dòng trên cùng của giấy tiếp nhận",
                          "governing_body")
head_title = required("chức danh người ký (ví dụ CHỦ TỊCH)", "head_title")


def checked(names: OfficeNames) -> OfficeNames:
    """The names cleaned, or a ValidationError naming every field that is wrong."""
    values = validation.collect({
        "commune_name": (commune_name, names.commune_name),
        "province_name": (optional, names.province_name),
        "governing_body": (governing_body, names.governing_body),
        "counter_name": (optional, names.counter_name),
        "head_title": (head_title, names.head_title),
        "head_name": (optional, names.head_name),
        "hotline": (validation.phone, names.hotline),
    })
    return OfficeNames(**values)


def current() -> OfficeNames:
    commune = Commune.get_by_id(this_desk().commune_code)
    stored = {field: settings.get(key) for field, key in SETTING_KEYS.items()}
    return OfficeNames(commune_name=commune.name, province_name=commune.province_name,
                       **stored)


def save(names: OfficeNames) -> OfficeNames:
    """Store the names (all of them, or none when one is refused); the next print uses them."""
    good = checked(names)
    with db.atomic():
        Commune.update(name=good.commune_name, province_name=good.province_name,
                       place_name=communes.place_name(good.commune_name)).where(
            Commune.code == this_desk().commune_code).execute()
        for field, key in SETTING_KEYS.items():
            settings.put(key, getattr(good, field))
    return good

