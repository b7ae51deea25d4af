"""How instants, dates and money read on screen: Vietnam time, Vietnamese words."""

from __future__ import annotations

import datetime as dt

from desk.clock import to_local

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def instant(value: dt.datetime | None) -> str:
    """"10:00 25/11/2026" in Vietnam time, or "" for no value."""
    return "" if value is None else to_local(value).strftime("%H:%M %d/%m/%Y")


def appointment(value: dt.datetime) -> str:
    """"10:00, Thứ Tư 25/11/2026": the weekday helps the citizen remember the day."""
    local = to_local(value)
    return f"{local:%H:%M}, {WEEKDAYS[local.weekday()]} {local:%d/%m/%Y}"


def money(amount: int) -> str:
    """Whole đồng with dots between thousands, as Vietnamese writes them: "50.000 đồng"."""
    return f"{amount:,} đồng".replace(",", ".")


def date(value: dt.date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")


def parse_date(text: str) -> dt.date | None:
    """A date typed as dd/mm/yyyy; None when empty; ValueError when unreadable."""
    text = text.strip()
    if not text:
        return None
    return dt.datetime.strptime(text, "%d/%m/%Y").date()
