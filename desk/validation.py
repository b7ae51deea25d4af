"""Checks on what the clerk typed, each refusal in Vietnamese saying what to fix."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import phonenumbers

from desk.citizen_id import check_id_number
from desk.errors import DomainError, ValidationError
from desk.text import clean

MAX_NAME = 200
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_NAME = re.compile(r"^[^\W\d_]+(?:[ '.-][^\W\d_]+)*$")


def name(text: str) -> str:
    value = clean(text)
    if not value:
        raise DomainError("missing_name", "Chưa nhập họ và tên người nộp hồ sơ.")
    if len(value) > MAX_NAME or not _NAME.match(value):
        raise DomainError(
            "invalid_name", "Họ và tên chỉ gồm chữ cái và khoảng trắng, tối đa 200 ký tự."
        )
    return value


def id_number(text: str) -> str:
    return check_id_number(text)


def phone(text: str | None) -> str:
    """A Vietnamese phone number in national form (0912345678), or "" when none was given."""
    value = clean(text)
    if not value:
        return ""
    try:
        parsed = phonenumbers.parse(value, "VN")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number_for_region(parsed, "VN"):
        raise DomainError(
            "invalid_phone",
            "Số điện thoại không hợp lệ. Nhập số Việt Nam, ví dụ 0912 345 678.",
        )
    national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return re.sub(r"\D", "", national)


def email(text: str | None) -> str:
    value = clean(text)
    if value and not _EMAIL.match(value):
        raise DomainError("invalid_email", "Địa chỉ email không hợp lệ.")
    return value


def collect(checks: dict[str, tuple[Callable[[Any], Any], Any]]) -> dict[str, Any]:
    """Run every check, gathering all refusals so the clerk sees them at once."""
    values: dict[str, Any] = {}
    errors: dict[str, DomainError] = {}
    for field, (check, raw) in checks.items():
        try:
            values[field] = check(raw)
        except DomainError as exc:
            errors[field] = exc
    if errors:
        raise ValidationError(errors)
    return values
