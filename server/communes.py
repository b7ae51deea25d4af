"""Registering the communes whose desks may enrol."""

from __future__ import annotations

import re

from desk.text import clean
from models import Commune
from server.errors import ApiError

_COMMUNE = re.compile(r"^[0-9A-Za-z]{1,16}$")
_AGENCY = re.compile(r"^[A-Z0-9]+(\.[A-Z0-9]+)*$")


def add_commune(code: str, name: str, agency_code: str = "", province_name: str = "") -> Commune:
    """Add or rename a commune (its code never changes: dossiers point at it)."""
    code, name = clean(code), clean(name)
    agency = clean(agency_code).upper() or code
    if not _COMMUNE.match(code):
        raise ApiError(400, "invalid_commune_code", "commune code: 1-16 letters or digits")
    if not name:
        raise ApiError(400, "missing_commune_name", "commune name is empty")
    if not _AGENCY.match(agency) or len(agency) > 32:
        raise ApiError(400, "invalid_agency_code", "agency code looks like 000.00.12.H12")
    row = {"name": name, "agency_code": agency, "province_name": clean(province_name)}
    Commune.insert(code=code, place_name=name, **row).on_conflict(
        conflict_target=[Commune.code], update=row).execute()
    return Commune.get_by_id(code)
