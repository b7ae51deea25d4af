"""The handovers of the control slip (Phiếu kiểm soát quá trình giải quyết hồ sơ), from a
dossier's events, with a verdict per step where the desk can know one.

A handover is the dossier moving between the counter and whoever resolves it: assigned
(counter → officer), sent back for the citizen to supplement (officer → counter), completed
(counter → officer), and the outcome coming back (officer → counter: result ready, refused or
stopped). Receiving from the citizen, returning the result, ratings and corrections happen at
the counter with the citizen and are not handovers.

Verdict (product decision): the step that brings the result back carries the dossier's class
(trước hạn / đúng hạn / quá hạn against the statutory deadline); any other step made after the
deadline then in force is "quá hạn"; the rest stay blank for the officer, because the time each
internal step may take is set by the province's internal procedure, which the desk does not
hold.
"""

from __future__ import annotations

import datetime as dt

from desk import workflow
from models import Dossier, DossierEvent
from printing import ControlStep, Verdict

OFFICER = "Công chức chuyên môn"
BACK_TO_COUNTER = ("supplement_requested", "result_ready", "refused", "stopped")


def control_steps(dossier: Dossier, counter: str) -> tuple[list[ControlStep], str | None]:
    """The handovers in order, and who resolves the dossier (the assignee named in the
    assign step's note), or None while it is not assigned."""
    rows = list(dossier.events.order_by(DossierEvent.hlc, DossierEvent.id))
    facts = workflow.facts_from_rows(rows)
    notes = {e.id: e.note for e in rows}
    steps: list[ControlStep] = []
    officer: str | None = None
    deadline: dt.datetime | None = None
    for step in workflow.fold(facts):
        event, state = step.event, step.state
        if event.kind == "assigned":
            officer = notes[event.id] or OFFICER
            steps.append(ControlStep(counter, officer, event.at, _late(event.at, deadline)))
        elif officer and event.kind == "supplemented":
            steps.append(ControlStep(counter, officer, event.at, None, "Hồ sơ đã bổ sung"))
        elif officer and event.kind in BACK_TO_COUNTER:
            verdict = _outcome(state) if event.kind == "result_ready" else _late(event.at,
                                                                                 deadline)
            note = workflow.EVENT_LABELS[event.kind] if event.kind != "result_ready" else None
            steps.append(ControlStep(officer, counter, event.at, verdict, note))
        deadline = state.deadline_at
    return steps, officer


def _outcome(state: workflow.Projection) -> Verdict | None:
    return Verdict(state.outcome) if state.outcome else None


def _late(at: dt.datetime, deadline: dt.datetime | None) -> Verdict | None:
    return Verdict.LATE if deadline is not None and at > deadline else None
