"""What Help → About tells the IT person: the program, where its data is, and which reference
data (procedure catalogue, working calendar) this desk computes with."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import peewee

from desk import __version__, reference
from models import CalendarOverride, Procedure, db


@dataclass(frozen=True)
class AboutFacts:
    version: str
    data_dir: Path
    catalogue_version: str  # "" for data older than versions
    calendar_version: str  # likewise
    procedures: int
    calendar_days: int  # days the government moved (make-up working days, extra days off)
    calendar_until: dt.date | None  # the last such day known: the calendar is known up to here
    calendar_from_server: bool  # some of those days came from the upstream server


def about() -> AboutFacts:
    """The facts of the open database (its folder is the data folder)."""
    active = Procedure.select().where(Procedure.active)
    last = CalendarOverride.select(peewee.fn.MAX(CalendarOverride.date)).scalar()
    # The versions sync reports and compares (desk.reference), so the IT person reads here the
    # same version the province's dashboard lists for this desk.
    held = reference.versions()
    return AboutFacts(
        version=__version__,
        data_dir=Path(db.database).parent,
        catalogue_version=held["catalogue"]
        or active.select(peewee.fn.MAX(Procedure.catalogue_version)).scalar() or "",
        calendar_version=held["calendar"],
        procedures=active.count(),
        calendar_days=CalendarOverride.select().count(),
        calendar_until=dt.date.fromisoformat(str(last)) if last else None,
        calendar_from_server=CalendarOverride.select()
        .where(CalendarOverride.source != "shipped").exists(),
    )
