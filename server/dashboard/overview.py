"""The province's table: every commune (or the leader's own) with its figures for the period,
when its desks last synced and what they said was still waiting, and the province's total."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

import peewee

from desk.periods import Span
from desk.reports import Figures
from models import Commune
from models.base import UtcDateTimeField
from models.hub import Device
from server.figures import read

# The columns of the table, in the desk's words (desk.reports.FIGURE_LABELS).
COLUMNS = ("carried_over", "received", "resolved", "resolved_early", "resolved_on_time",
           "resolved_late", "pending_on_time", "pending_overdue", "waiting_supplement")
# Each column with its CSS class, made once here rather than in the template for each of the
# 300 communes' cells (the table's drawing was half of the page's time).
CELLS = tuple((name, name.replace("_", "-")) for name in COLUMNS)


def communes(span: Span, now: dt.datetime,
             scope: Collection[str] | None = None) -> dict[str, Any]:
    query = Commune.select().order_by(Commune.code)
    if scope is not None:
        query = query.where(Commune.code.in_(list(scope)))
    listed = list(query)
    frame, figures = read.by_commune(span, now, None if scope is None else scope)
    contact = device_summary(scope)
    rows = []
    for commune in listed:
        last, waiting, count = contact.get(commune.code, (None, 0, 0))
        rows.append({"code": commune.code, "name": commune.name, "last_sync": last,
                     "waiting": waiting, "devices": count,
                     **cells(figures.get(commune.code, Figures()))})
    return {"rows": rows, "total": cells(read.total(figures)), "until": frame.until,
            "live": frame.live}


def cells(figures: Figures) -> dict[str, Any]:
    return {**{name: figures.count(name) for name in COLUMNS},
            "on_time_rate": figures.on_time_rate, "satisfaction_rate": figures.satisfaction_rate}


def device_summary(scope: Collection[str] | None = None
                   ) -> dict[str, tuple[dt.datetime | None, int, int]]:
    """Per commune: the latest contact of its desks, what they said was waiting, how many."""
    query = (Device.select(Device.commune_code, peewee.fn.MAX(Device.last_seen_at),
                           peewee.fn.SUM(Device.pending_reported), peewee.fn.COUNT(Device.id))
             .where(Device.revoked_at.is_null()).group_by(Device.commune_code))
    if scope is not None:
        query = query.where(Device.commune_code.in_(list(scope)))
    parse = UtcDateTimeField().python_value
    return {code: (parse(last) if isinstance(last, str) else last, int(waiting or 0), count)
            for code, last, waiting, count in query.tuples()}
