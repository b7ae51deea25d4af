"""Who this desk is: its commune, its number, its calendar, and the clock it runs on.

Loaded once the database is open. ``now`` is the one clock (DESIGN.md §5): the entry point
that loads the context (the CLI, the window) chooses it, and every service is handed it."""

from __future__ import annotations

from dataclasses import dataclass

from desk import settings
from desk.calendar import WorkingCalendar
from desk.clock import Now
from desk.errors import DomainError
from models import Commune, Desk


@dataclass
class DeskContext:
    commune: Commune
    desk: Desk
    calendar: WorkingCalendar
    supplement_policy: str
    now: Now
    entries_per_book: int = 500

    @property
    def commune_code(self) -> str:
        return self.commune.code


def this_desk() -> Desk:
    """This installation's desk row; refused until ``motcua init`` (or the setup dialog) ran."""
    desk = Desk.select().order_by(Desk.created_at).first()
    if desk is None:
        raise DomainError(
            "not_initialized",
            "Máy này chưa được khởi tạo. Hãy nhập thông tin xã/phường trước (motcua init).",
        )
    return desk


def load_context(*, now: Now) -> DeskContext:
    desk = this_desk()
    return DeskContext(
        commune=Commune.get_by_id(desk.commune_code),
        desk=desk,
        calendar=settings.working_calendar(),
        supplement_policy=settings.get("workflow.supplement_policy"),
        now=now,
        entries_per_book=int(settings.get("ledger.entries_per_book")),
    )
