"""The province's own texts (settings declared in server.settings): its name, shown on the
login page, in the header and at the top of the reports; defaults from the communes' province."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from models import Commune
from models.hub import ServerSetting
from server import settings

KEYS = {"province_name": "Tên tỉnh/thành phố", "agency_name": "Tên cơ quan quản lý hệ thống"}


@dataclass(frozen=True)
class ProvinceTexts:
    province: str  # "Đồng Nai"
    agency: str  # "Trung tâm Phục vụ hành chính công tỉnh Đồng Nai"

    @property
    def governing_body(self) -> str:
        """The heading above every report: "UBND TỈNH ĐỒNG NAI"."""
        return f"UBND tỉnh {self.province}" if self.province else "UBND tỉnh"

    @property
    def title(self) -> str:
        return "Hệ thống một cửa — số liệu toàn tỉnh"


def load() -> ProvinceTexts:
    stored = dict(ServerSetting.select(ServerSetting.key, ServerSetting.value).tuples())
    province = stored.get("province_name") or _most_common_province()
    agency = stored.get("agency_name") or (
        f"Trung tâm Phục vụ hành chính công tỉnh {province}" if province
        else "Trung tâm Phục vụ hành chính công")
    return ProvinceTexts(province, agency)


def save(values: dict[str, str], *, now: dt.datetime) -> None:
    """Through server.settings, as ``motcua-server setting`` does; empty means the default."""
    for key, value in values.items():
        if key in KEYS:
            settings.put(key, value, now=now)


def _most_common_province() -> str:
    names = Counter(n for (n,) in Commune.select(Commune.province_name).tuples() if n)
    return names.most_common(1)[0][0] if names else ""
