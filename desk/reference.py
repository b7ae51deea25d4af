"""Reference data that flows: the procedure catalogue and the holiday calendar, each a JSON file
with its ``version`` (the shipped format of desk/data), shipped in every release and published
by the upstream server (``motcua-server reference load FILE``).

One rule on both sides: a newer version wins wherever it comes from (the package at start, the
server at a pull, the administrator's file upstream); an older one never replaces a newer one.
A calendar file is the whole calendar: days it no longer lists are dropped (an estimate that the
government's notice replaced). Appointments already given keep their dates: they are frozen on
the dossier at intake, so a new calendar moves only those counted after it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desk import catalogue, settings
from desk.calendar import DAY_OFF, ESTIMATED_OFF, UNITS, WORKING_DAY
from desk.errors import DomainError
from models import Procedure

KINDS = ("catalogue", "calendar")
SHIPPED = {"catalogue": "procedures.json", "calendar": "calendar_overrides.json"}
ITEMS = {"catalogue": "procedures", "calendar": "overrides"}
LABELS = {"catalogue": "danh mục thủ tục", "calendar": "lịch ngày nghỉ, ngày làm bù"}
DAY_KINDS = (WORKING_DAY, DAY_OFF, ESTIMATED_OFF)


@dataclass(frozen=True)
class VersionStore:
    """Where one side keeps the versions it holds (the desk's settings, the server's)."""

    get: Callable[[str], str]
    put: Callable[[str, str], None]


def version_key(version: str) -> tuple[int, ...]:
    """'2027-01-05' after '2026-12-01', '2026-12-10' after '2026-12-9': by their numbers."""
    return tuple(int(n) for n in re.findall(r"\d+", version))


def is_newer(candidate: str, held: str) -> bool:
    return version_key(candidate) > version_key(held)


def parts(data: Any) -> dict[str, dict[str, Any]]:
    """The catalogue and/or calendar a file holds, checked, each with the file's version; a
    refusal says what is wrong (Vietnamese for the clerk, English for the administrator)."""
    if not isinstance(data, dict) or not any(ITEMS[k] in data for k in KINDS):
        raise _invalid("tệp không chứa danh mục thủ tục («procedures») hay lịch («overrides»)",
                       "the file holds neither \"procedures\" nor \"overrides\"")
    version = data.get("version")
    if not isinstance(version, str) or not version_key(version):
        raise _invalid("tệp thiếu phiên bản («version», ví dụ 2027-01-05)",
                       "the file has no \"version\" (e.g. \"2027-01-05\")")
    found = {}
    for kind in KINDS:
        if ITEMS[kind] in data:
            items = data[ITEMS[kind]]
            if not isinstance(items, list) or not items:
                raise _invalid(f"«{ITEMS[kind]}» phải là một danh sách không rỗng",
                               f"\"{ITEMS[kind]}\" must be a non-empty list")
            check = _check_procedure if kind == "catalogue" else _check_day
            for position, item in enumerate(items, start=1):
                check(item, position)
            found[kind] = {"version": version, ITEMS[kind]: items}
    return found


def _check_procedure(item: Any, position: int) -> None:
    where = f"procedures[{position}]"
    try:
        ok = (isinstance(item["code"], str) and item["code"].strip()
              and isinstance(item["name"], str) and item["name"].strip()
              and isinstance(item["field"], str)
              and isinstance(item["processing"]["value"], int)
              and item["processing"]["unit"] in UNITS
              and all(isinstance(d["name"], str)
                      and d.get("form", "original") in catalogue.FORM_LABELS
                      for d in item.get("documents", [])))
    except (KeyError, TypeError):
        ok = False
    if not ok:
        raise _invalid(f"thủ tục thứ {position} thiếu mã, tên, lĩnh vực, thời hạn hoặc giấy tờ "
                       "hợp lệ", f"{where}: needs code, name, field, processing {{value, unit "
                       f"in {', '.join(UNITS)}}} and documents with a name and a known form")


def _check_day(item: Any, position: int) -> None:
    try:
        dt.date.fromisoformat(item["date"])
        ok = item["kind"] in DAY_KINDS
    except (KeyError, TypeError, ValueError):
        ok = False
    if not ok:
        raise _invalid(f"ngày thứ {position} của lịch không hợp lệ",
                       f"overrides[{position}]: needs an ISO \"date\" and a \"kind\" in "
                       + ", ".join(DAY_KINDS))


def _invalid(message: str, detail: str) -> DomainError:
    return DomainError("invalid_reference", f"Tệp dữ liệu danh mục không hợp lệ: {message}.",
                       detail)


def apply(kind: str, data: dict[str, Any], versions: VersionStore, source: str) -> None:
    """Write one checked part into the tables and remember its version (inside the caller's
    transaction)."""
    if kind == "catalogue":
        catalogue.load_procedures(data)
    else:
        catalogue.load_calendar_overrides(data, source=source)
    versions.put(kind, str(data.get("version", "")))


def apply_if_newer(kind: str, data: dict[str, Any], versions: VersionStore,
                   source: str) -> bool:
    """Apply a part unless what is held is newer (the same version again is applied: it is the
    same data, and a first pull after ``init`` finds it so)."""
    if is_newer(versions.get(kind), str(data.get("version", ""))):
        return False
    apply(kind, data, versions, source)
    return True


def refresh_packaged(versions: VersionStore, source: str) -> list[str]:
    """At start: the parts of this release's data newer than what is held, applied. Nothing on
    a database that was never set up (``init`` loads everything)."""
    if not Procedure.select().exists():
        return []
    applied = []
    for kind in KINDS:
        data = catalogue.shipped(SHIPPED[kind])
        if is_newer(str(data.get("version", "")), versions.get(kind)):
            apply(kind, data, versions, source)
            applied.append(kind)
    return applied


def held(versions: VersionStore) -> dict[str, str]:
    """``{"catalogue": version, "calendar": version}`` ('' for data older than versions)."""
    return {kind: versions.get(kind) for kind in KINDS}


def _desk_get(kind: str) -> str:
    return str(settings.get(f"reference.{kind}") or "")


def _desk_put(kind: str, version: str) -> None:
    settings.put(f"reference.{kind}", version)


DESK = VersionStore(_desk_get, _desk_put)


def versions() -> dict[str, str]:
    """What this desk holds, for ``motcua status`` and the About box."""
    return held(DESK)
