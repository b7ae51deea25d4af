"""What one dossier adds to the daily figures: signed counts per (day, figure), the days of its
consecutive supplement requests, or "irregular" when its past does not fold into spells.

Pure: it reads a ``desk.report_source.DossierHistory`` (the desk's own view of a dossier for
its reports) and asks it ``standing_before`` each instant where something happened, so the
spells are the desk's standing, not a second interpretation of the events.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from desk import reports, workflow
from desk.clock import VN_TZ
from desk.report_source import DossierHistory, Standing
from models.hub import FIGURE_COLUMNS

ONE_TICK = dt.timedelta(microseconds=1)  # instants are stored to the microsecond
PENDING_FIGURES = frozenset({"pending_on_time", "pending_overdue", "waiting_supplement"})
_COLUMNS = frozenset(FIGURE_COLUMNS)

DayFigure = tuple[dt.date, str]


@dataclass
class Contribution:
    dossier_id: str
    commune_code: str
    procedure_code: str
    counts: Counter[DayFigure] = field(default_factory=Counter)
    repeats: Counter[tuple[dt.date, dt.date]] = field(default_factory=Counter)
    irregular: bool = False


def day_of(instant: dt.datetime) -> dt.date:
    """The Vietnam day an instant falls on: figures dated on it count from the next midnight."""
    return instant.astimezone(VN_TZ).date()


def contribution(history: DossierHistory) -> Contribution:
    """The dossier's signed counts; irregular (and no counts) when spells cannot describe it."""
    made = Contribution(history.id, history.commune_code, history.procedure_code)
    if any(mark.at < history.received_at for mark in history.marks) or not _spells(history, made):
        return Contribution(history.id, history.commune_code, history.procedure_code,
                            irregular=True)
    channel = history.channel if history.channel in reports.CHANNELS else "direct"
    made.counts[(day_of(history.received_at), f"received_{channel}")] += 1
    _marks(history, made)
    _check_columns(made)
    return made


def _spells(history: DossierHistory, made: Contribution) -> bool:
    """Add the standing spells; False when the standing leaves an outcome or vanishes."""
    received = history.received_at
    timeline = history.timeline
    later = sorted({e.at for e in timeline.events if e.at > received}) if timeline else []
    points = [received, *later]
    outcome: list[str] = []
    for index, start in enumerate(points):
        end = points[index + 1] if index + 1 < len(points) else None
        state = history.standing_before(start + ONE_TICK)
        if state is None:
            return False
        if state.status in workflow.RUNNING:
            if outcome:
                return False
            _running(made.counts, start, end, state.deadline_at)
            continue
        # a refusal, withdrawal or stop also counts when it came against the deadline
        figures = reports.endings(state, start + ONE_TICK)
        if outcome and figures != outcome:
            return False
        if figures[0] not in PENDING_FIGURES:
            outcome = figures
        for figure in figures:
            _spell(made.counts, figure, start, end)
    return True


def _running(counts: Counter[DayFigure], start: dt.datetime, end: dt.datetime | None,
             deadline: dt.datetime) -> None:
    """Running from ``start`` to ``end``: in time until the deadline, overdue after it."""
    if deadline > start:
        _spell(counts, "pending_on_time", start, deadline if end is None else min(end, deadline))
    if end is None or end > deadline:
        _spell(counts, "pending_overdue", max(start, deadline), end)


def _spell(counts: Counter[DayFigure], figure: str, start: dt.datetime,
           end: dt.datetime | None) -> None:
    """A figure held for every instant T with start < T <= end (the desk's "before T")."""
    counts[(day_of(start), figure)] += 1
    if end is not None:
        counts[(day_of(end), figure)] -= 1


def _marks(history: DossierHistory, made: Contribution) -> None:
    """The first rating, with the dossier's rating; every supplement request, and the days of
    consecutive pairs so that a window counts the dossier once (desk.reports._during)."""
    rating = next((m for m in history.marks if m.kind == "rated"), None)
    if rating is not None and history.rating in workflow.RATING_LABELS:
        made.counts[(day_of(rating.at), f"rated_{history.rating}")] += 1
    requests = sorted(day_of(m.at) for m in history.marks if m.kind == "supplement_requested")
    for day in requests:
        made.counts[(day, "supplement_requested")] += 1
    for first, then in zip(requests, requests[1:], strict=False):
        made.repeats[(first, then)] += 1


def _check_columns(made: Contribution) -> None:
    unknown = {name for _, name in made.counts} - _COLUMNS
    if unknown:
        raise RuntimeError(f"figures {sorted(unknown)} have no column in the figure tables "
                           "(models.hub.FIGURE_COLUMNS): add a server migration")


def standing_now(status: str, deadline_at: dt.datetime, now: dt.datetime) -> str | None:
    """The pending figure a dossier row stands in now (None: not pending), as desk.reports
    would end a window at ``now`` on the stored projection."""
    if status not in workflow.PENDING:
        return None
    return reports.endings(Standing(status, deadline_at, ""), now)[0]
