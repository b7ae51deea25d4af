"""Correcting what was declared at intake: which facts, how each is checked, how it reads.

A correction is a "corrected" event carrying the field, the value before and after, and the
clerk's reason; the same event changes the applicant wherever it is applied (desk, server, a
desk that pulls it), through ``models.replica.apply_correction``. Values travel as text: a
birth date as ISO ``YYYY-MM-DD`` ("" when unknown), sex as "Nam", "Nữ" or "".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desk import validation
from desk.errors import DomainError
from desk.text import clean
from models import Applicant
from models.replica import CORRECTABLE_FIELDS

SEXES = ("Nam", "Nữ")


@dataclass(frozen=True)
class Field:
    label: str
    check: Callable[[str, dt.date], str]  # (typed text, today) -> the value as stored text

    def shown(self, key: str, value: str) -> str:
        """The value as the clerk reads it (dates as dd/mm/yyyy), "—" when empty."""
        if key == "birth_date" and value:
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        return value or "—"


def _birth_date(text: str, today: dt.date) -> str:
    value = clean(text)
    if not value:
        return ""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            day = dt.datetime.strptime(value, pattern).date()
            break
        except ValueError:
            continue
    else:
        raise DomainError("invalid_birth_date",
                          "Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 05/03/1990.")
    if not dt.date(1900, 1, 1) <= day <= today:
        raise DomainError("invalid_birth_date", "Ngày sinh phải sau năm 1900 và không ở tương lai.")
    return day.isoformat()


def _sex(text: str, _today: dt.date) -> str:
    value = clean(text)
    if value and value not in SEXES:
        raise DomainError("invalid_sex", "Giới tính là «Nam», «Nữ» hoặc để trống.")
    return value


FIELDS: dict[str, Field] = {
    "name": Field("Họ và tên", lambda text, _today: validation.name(text)),
    "id_number": Field("Số CCCD", lambda text, _today: validation.id_number(text)),
    "birth_date": Field("Ngày sinh", _birth_date),
    "sex": Field("Giới tính", _sex),
    "phone": Field("Điện thoại", lambda text, _today: validation.phone(text)),
    "address": Field("Địa chỉ", lambda text, _today: clean(text)),
    "email": Field("Email", lambda text, _today: validation.email(text)),
}
assert tuple(FIELDS) == CORRECTABLE_FIELDS, "desk and replica must correct the same fields"


def current(applicant: Applicant, key: str) -> str:
    """The applicant's value of ``key`` as correction text."""
    value = getattr(applicant, key)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value or ""


def current_values(applicant: Applicant) -> dict[str, str]:
    return {key: current(applicant, key) for key in FIELDS}


def payload(
    applicant: Applicant, data: dict[str, Any], note: str, today: dt.date
) -> dict[str, Any]:
    """The event data of a correction, or a Vietnamese refusal saying what to fix."""
    key = data.get("field") or ""
    if key not in FIELDS:
        names = ", ".join(f.label.lower() for f in FIELDS.values())
        raise DomainError("invalid_correction", f"Chỉ đính chính được: {names}.")
    if not clean(note):
        raise DomainError("missing_reason", "Chưa nhập lý do đính chính.")
    before = current(applicant, key)
    after = FIELDS[key].check(str(data.get("value") or ""), today)
    if after == before:
        raise DomainError("nothing_to_correct",
                          f"{FIELDS[key].label} đang là «{FIELDS[key].shown(key, before)}»; "
                          "giá trị mới giống giá trị hiện tại.")
    return {"field": key, "from": before, "to": after}
