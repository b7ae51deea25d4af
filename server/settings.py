"""Province settings the server keeps as data, declared once: key, check, and whether desks get it.

Every server process (workers, the CLI importing a bundle, the notice sender) reads the same
rows, so a change made with ``motcua-server setting KEY VALUE`` holds everywhere at once.
Secrets (the SMTP password, the SMS token) are never settings: they stay in the environment.
A setting published to desks becomes one change-log entry for every commune, as the catalogue
does, and the desk stores it under its own key (desk.settings).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from desk import communes
from desk.codes import format_code
from desk.text import clean
from models.hub import ServerSetting
from server.errors import ApiError
from server.ingest.apply import append_changes

_HOTLINE = re.compile(r"^[0-9 .()+-]{3,20}$")


@dataclass(frozen=True)
class SettingSpec:
    key: str
    help: str
    check: Callable[[str], str]
    desk_key: str = ""  # published to desks under this desk setting


def _lookup_url(value: str) -> str:
    text = clean(value)
    sample = text.replace("{code}", format_code("000.00.12.H12", dt.date(2026, 11, 23), 1))
    if text and ("{code}" not in text or not re.match(r"^https?://[^\s{}]+$", sample)):
        raise ApiError(400, "invalid_setting",
                       "lookup_url: an http(s) address holding {code}, e.g. "
                       "https://motcua.example.gov.vn/tra-cuu?ma={code}")
    return text


def _switch(value: str) -> str:
    text = clean(value).lower()
    if text not in ("on", "off"):
        raise ApiError(400, "invalid_setting", "give on or off")
    return text


def _hotline(value: str) -> str:
    text = clean(value)
    if text and not _HOTLINE.match(text):
        raise ApiError(400, "invalid_setting", "hotline: a phone number, e.g. 0251 3822 123")
    return text


def _name(value: str) -> str:
    return clean(value)[:200]


SPECS = (
    SettingSpec("province_name", "the province's name on the dashboard and its reports "
                "(default: the communes' province)", _name),
    SettingSpec("agency_name", "the agency named on the dashboard's sign-in page and header "
                "(default: Trung tâm Phục vụ hành chính công tỉnh <province>)", _name),
    SettingSpec("lookup_url", "address the receipt's QR carries, with {code} for the dossier "
                "code (also sent to every desk)", _lookup_url, desk_key="office.lookup_url"),
    SettingSpec("notify_received", "on: also tell consenting citizens that their dossier was "
                "received (default off)", _switch),
    SettingSpec("hotline", "the one-stop hotline printed in notices (hotline.<commune> for one "
                "commune's own)", _hotline),
)
DEFAULTS = {"province_name": "", "agency_name": "", "lookup_url": "", "notify_received": "off",
            "hotline": ""}


def spec_of(key: str) -> SettingSpec:
    base, _, commune = key.partition(".")
    spec = next((s for s in SPECS if s.key == base), None)
    if spec is None or (commune and (base != "hotline" or not communes.CODE.match(commune))):
        raise ApiError(400, "unknown_setting", f"no setting {key!r}; settings: "
                       + ", ".join(s.key for s in SPECS) + ", hotline.<commune>")
    return spec


def get(key: str) -> str:
    spec_of(key)
    row = ServerSetting.get_or_none(ServerSetting.key == key)
    return row.value if row else DEFAULTS.get(key, "")


def put(key: str, value: str, *, now: dt.datetime) -> str:
    """Store a checked value and, for a desk setting, publish it to every desk."""
    spec = spec_of(key)
    checked = spec.check(value)
    ServerSetting.insert(key=key, value=checked, updated_at=now).on_conflict(
        conflict_target=[ServerSetting.key],
        update={ServerSetting.value: checked, ServerSetting.updated_at: now}).execute()
    if spec.desk_key:
        publish(now=now)
    return checked


def all_values() -> dict[str, str]:
    stored = {row.key: row.value for row in ServerSetting.select()
              if not row.key.startswith("reference.")}  # versions: server.reference's
    return {**DEFAULTS, **stored}


def desk_payload() -> dict[str, str]:
    """Every desk setting the server owns, as the desk names it."""
    return {spec.desk_key: get(spec.key) for spec in SPECS if spec.desk_key}


def publish(*, now: dt.datetime) -> None:
    append_changes([{"commune_code": None, "kind": "settings",
                     "record_id": f"settings:{now.isoformat()}", "origin_device": "",
                     "payload": json.dumps(desk_payload(), ensure_ascii=False,
                                           separators=(",", ":")),
                     "created_at": now}])


def hotline(commune_code: str) -> str:
    """The commune's own hotline, else the province's."""
    own = ServerSetting.get_or_none(ServerSetting.key == f"hotline.{commune_code}")
    return own.value if own and own.value else get("hotline")


def notify_received() -> bool:
    return get("notify_received") == "on"
