"""How the dashboard writes things: instants as ``HH:MM dd/mm/yyyy`` in Vietnam time, numbers
and rates as the printed report does, and the desk's own names for statuses, steps and figures."""

from __future__ import annotations

import datetime as dt

from desk import workflow
from desk.clock import VN_TZ, parse_instant, to_local
from desk.reports import FIGURE_LABELS
from printing.report import format_value

STATUS_LABELS = workflow.STATUS_LABELS
EVENT_LABELS = workflow.EVENT_LABELS
FIGURES = FIGURE_LABELS
RATE_LABEL = "Tỷ lệ giải quyết đúng hạn"
SATISFACTION_LABEL = "Tỷ lệ hài lòng"
# What the province reads about a record a commune's desk could not send (the desk shows its
# clerk a longer text with what to do): by the server's refusal code.
REFUSALS = {
    "unknown_procedure": "Thủ tục chưa có trong danh mục của máy chủ",
    "unknown_dossier": "Sự kiện của hồ sơ máy chủ chưa nhận",
    "wrong_commune": "Bản ghi của xã/phường khác",
    "duplicate_code": "Mã hồ sơ trùng với một hồ sơ khác",
    "duplicate_id": "Mã người nộp hoặc giấy tờ trùng với hồ sơ khác",
    "record_conflict": "Đã nhận trước đây với nội dung khác",
    "invalid_record": "Dữ liệu không đúng quy cách",
    "invalid_event_data": "Thông tin đi kèm sự kiện không hợp lệ",
    "unknown_record_type": "Loại bản ghi máy chủ chưa biết",
    "unsupported_version": "Định dạng bản ghi máy chủ chưa hỗ trợ",
}


def when(instant: dt.datetime | None) -> str:
    return "" if instant is None else to_local(instant).strftime("%H:%M %d/%m/%Y")


def day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def read_day(text: str) -> dt.date:
    """A date as people type it here, ``dd/mm/yyyy`` (or ISO ``yyyy-mm-dd``)."""
    text = text.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r}")


def read_instant(text: str) -> dt.datetime:
    """An instant as shown here, ``HH:MM dd/mm/yyyy`` in Vietnam time, or ISO 8601 (UTC)."""
    text = " ".join(text.split())
    for pattern in ("%H:%M %d/%m/%Y", "%d/%m/%Y %H:%M"):
        try:
            local = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
        return local.replace(tzinfo=VN_TZ).astimezone(dt.UTC)
    return parse_instant(text)


def number(value: int | float | None) -> str:
    """12 → "12"; 12345 → "12.345"; a rate 0.6 → "60,0 %"; None → "—"."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return format_value(value) + " %"
    return format_value(value)


def refusal(code: str) -> str:
    return REFUSALS.get(code, f"Bị từ chối (mã {code})")
