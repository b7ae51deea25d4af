"""Settings declared once, as data: key, default, and the label the clerk sees."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from desk import audit
from desk.calendar import WorkingCalendar, WorkingHours
from desk.clock import Now
from desk.errors import DomainError
from models import CalendarOverride, Setting, db


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    label: str
    choices: tuple[str, ...] = ()


SPECS: tuple[SettingSpec, ...] = (
    SettingSpec("office.governing_body", "", "Cơ quan chủ quản (ví dụ: UBND TỈNH …)"),
    # Empty: the name in force on each document's date (printing/forms.json): "Bộ phận Tiếp
    # nhận và Trả kết quả" before 1/7/2025, "Trung tâm Phục vụ hành chính công xã …" since.
    SettingSpec("office.counter_name", "", "Tên bộ phận một cửa (để trống: theo quy định)"),
    SettingSpec("office.head_title", "CHỦ TỊCH", "Chức danh người ký văn bản của UBND"),
    SettingSpec("office.head_name", "", "Họ tên người ký văn bản của UBND"),
    SettingSpec("office.hotline", "", "Số điện thoại đường dây nóng"),
    SettingSpec("office.lookup_url", "", "Mẫu địa chỉ tra cứu hồ sơ (chứa {code})"),
    SettingSpec("hours.morning", "07:30-11:30", "Buổi sáng"),
    SettingSpec("hours.afternoon", "13:30-17:00", "Buổi chiều"),
    SettingSpec("hours.saturday_morning", "", "Sáng thứ Bảy (để trống nếu không làm)"),
    SettingSpec("hours.same_day_cutoff", "15:00", "Giờ chốt nhận hồ sơ trả trong ngày"),
    SettingSpec(
        "workflow.supplement_policy",
        "restart",
        "Khi công dân bổ sung hồ sơ, thời hạn giải quyết",
        ("restart", "pause"),
    ),
    SettingSpec("ledger.entries_per_book", 500, "Số dòng mỗi quyển sổ theo dõi"),
    # The report sent upward: the state regime's 15th-to-14th, or calendar months.
    SettingSpec("reports.cutoff", "state", "Kỳ báo cáo gửi cấp trên", ("state", "calendar")),
    SettingSpec("printing.printer", "", "Máy in"),
    SettingSpec("printing.paper", "a5", "Khổ giấy phiếu", ("a5", "a4")),
    SettingSpec("printing.copies", 1, "Số bản in mỗi lần"),
    SettingSpec("printing.direct", False, "In thẳng, không xem trước"),
    SettingSpec("backup.folder", "", "Thư mục sao lưu"),
    SettingSpec("security.idle_minutes", 15, "Tự khóa màn hình sau (phút không dùng)"),
    SettingSpec("backup.last_good_at", "", "Lần sao lưu thành công gần nhất (nội bộ)"),
    SettingSpec("clock.hlc", "", "Đồng hồ logic (nội bộ)"),
    SettingSpec("demo.login", "", "Tài khoản của máy trình diễn (nội bộ)"),
    SettingSpec("sync.pull_own", False, "Lấy lại hồ sơ của máy từ cấp trên (nội bộ)"),
    SettingSpec("security.recovery_key_shown_at", "", "Lúc hiển thị khóa khôi phục (nội bộ)"),
    SettingSpec("reference.catalogue", "", "Phiên bản danh mục thủ tục (nội bộ)"),
    SettingSpec("reference.calendar", "", "Phiên bản lịch ngày nghỉ (nội bộ)"),
)
SPEC_BY_KEY = {spec.key: spec for spec in SPECS}
# Settings the upstream server may set for every desk (server.settings publishes them).
SERVER_OWNED = ("office.lookup_url",)


def get(key: str) -> Any:
    spec = SPEC_BY_KEY[key]
    row = Setting.get_or_none(Setting.key == key)
    return spec.default if row is None else json.loads(row.value)


def put(key: str, value: Any) -> None:
    spec = SPEC_BY_KEY[key]
    if spec.choices and value not in spec.choices:
        raise DomainError("invalid_setting", f"Giá trị không hợp lệ cho «{spec.label}».")
    if key.startswith("hours."):
        _parse_hours_value(key, value)
    encoded = json.dumps(value, ensure_ascii=False)
    Setting.insert(key=key, value=encoded).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: encoded}
    ).execute()


def change(values: dict[str, Any], *, by: str, now: Now) -> list[str]:
    """Store the values a person chose, all or none, each change in the audit trail; returns
    the keys that changed. Values are not audited (a printer or folder name is no secret, but
    the trail keeps no free text)."""
    changed = []
    with db.atomic():
        for key, value in values.items():
            if get(key) == value:
                continue
            put(key, value)
            audit.record("setting_changed", actor=by, target=key, now=now)
            changed.append(key)
    return changed


def working_hours() -> WorkingHours:
    saturday = get("hours.saturday_morning")
    return WorkingHours(
        sessions=(_session(get("hours.morning")), _session(get("hours.afternoon"))),
        saturday_sessions=(_session(saturday),) if saturday else (),
        same_day_cutoff=_time(get("hours.same_day_cutoff")),
    )


def working_calendar() -> WorkingCalendar:
    overrides = {row.date: row.kind for row in CalendarOverride.select()}
    return WorkingCalendar(hours=working_hours(), overrides=overrides)


def _parse_hours_value(key: str, value: str) -> None:
    try:
        if key == "hours.same_day_cutoff":
            _time(value)
        elif value:
            _session(value)
    except ValueError as exc:
        raise DomainError(
            "invalid_setting", "Giờ làm việc phải có dạng HH:MM-HH:MM, ví dụ 07:30-11:30."
        ) from exc


def _session(text: str) -> tuple[dt.time, dt.time]:
    begin, end = (_time(part) for part in text.split("-"))
    if end <= begin:
        raise ValueError(f"session ends before it begins: {text}")
    return begin, end


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text.strip())
