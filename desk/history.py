"""A dossier's state at a past instant, folded from its events rather than read from today's row.

The ``Dossier`` row holds the state *now*; a report for last month must instead show what was
true at the end of last month, or it would change every time a dossier moves on. The state as
of an instant is the one fold (desk.workflow.fold) of the events that happened before it.

Events are folded in their (hlc, id) order, and an event belongs to the past of an instant when
its ``at`` precedes it. Usually ``at`` grows with the hlc, so the events before any instant are
a prefix of the log and one fold serves every instant (a bisect per question); a paper record
entered after the fact breaks that order, and then the dossier is folded again per instant.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence

from desk.workflow import EventFacts, Projection, Step, fold


class Timeline:
    """One dossier's events, answering "what had happened before this instant?"."""

    def __init__(self, events: Sequence[EventFacts]) -> None:
        self.events = sorted(events, key=lambda e: (e.hlc, e.id))
        times = [e.at for e in self.events]
        self._in_order = all(a <= b for a, b in zip(times, times[1:], strict=False))
        self._steps = fold(self.events) if self._in_order else []
        self._step_times = [s.event.at for s in self._steps]

    def before(self, instant: dt.datetime) -> list[Step]:
        """The applied events that happened before ``instant``, each with the state after it."""
        if self._in_order:
            return self._steps[: bisect.bisect_left(self._step_times, instant)]
        return fold([e for e in self.events if e.at < instant])

    def state_before(self, instant: dt.datetime) -> Projection | None:
        """The state just before ``instant``; None when the dossier was not received yet."""
        steps = self.before(instant)
        return steps[-1].state if steps else None


def state_at(events: Sequence[EventFacts], instant: dt.datetime) -> Projection | None:
    """The state of a dossier with these events just before ``instant`` (a one-off question)."""
    return Timeline(events).state_before(instant)
