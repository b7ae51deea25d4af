"""Who this desk is: its commune, its number, its calendar. Loaded once the database is open."""

from __future__ import annotations

from dataclasses import dataclass

from desk import settings
from desk.calendar import WorkingCalendar
from desk.errors import DomainError
from models import Commune, Desk


@dataclass
class DeskContext:
    commune: Commune
    desk: Desk
    calendar: WorkingCalendar
    supplement_policy: str
    entries_per_book: int = 500

    @property
    def commune_code(self) -> str:
        return self.commune.code


def load_context() -> DeskContext:
    desk = Desk.select().order_by(Desk.created_at).first()
    if desk is None:
        raise DomainError(
            "not_initialized",
            "Máy này chưa được khởi tạo. Hãy nhập thông tin xã/phường trước (motcua init).",
        )
    return DeskContext(
        commune=Commune.get_by_id(desk.commune_code),
        desk=desk,
        calendar=settings.working_calendar(),
        supplement_policy=settings.get("workflow.supplement_policy"),
        entries_per_book=int(settings.get("ledger.entries_per_book")),
    )
