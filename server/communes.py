"""Registering the communes whose desks may enrol (the identity rule is the desk's:
desk.communes)."""

from __future__ import annotations

from desk import communes
from desk.errors import DomainError
from desk.text import clean
from models import Commune
from server.errors import ApiError


def add_commune(code: str, name: str, agency_code: str = "", province_name: str = "") -> Commune:
    """Add or rename a commune (its code never changes: dossiers point at it)."""
    try:
        commune = communes.identity(code, name, agency_code)
    except DomainError as exc:
        raise ApiError(400, exc.code, exc.detail) from exc
    # A dossier code carries its agency code, and the server takes a code only from the
    # commune of that agency: two communes under one agency code could claim each other's.
    if Commune.select().where((Commune.agency_code == commune.agency_code)
                              & (Commune.code != commune.code)).exists():
        raise ApiError(409, "agency_code_taken",
                       f"agency code {commune.agency_code} belongs to another commune")
    row = {**commune.row(), "province_name": clean(province_name)}
    Commune.insert(code=commune.code, **row).on_conflict(
        conflict_target=[Commune.code], update=row).execute()
    return Commune.get_by_id(commune.code)
