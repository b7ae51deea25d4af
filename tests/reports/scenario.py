"""A hand-computable set of dossiers around November 2026, written through intake and events.

Procedures: A = 1.004873 (Hộ tịch, 3 working days), B = 2.000815 (Chứng thực, same day),
C = 1.001612 (Hộ kinh doanh, 3 working days). 24/11/2026 is a holiday. Times are Vietnam time.

Dossier, procedure, received → due: what happens; what November counts it as.

- d1 A, Thu 29/10 10:00 → Tue 3/11 10:00: ready Mon 2/11, returned, rated 3;
  carried over, early, rated 3.
- d2 B, Fri 30/10 09:00 → 30/10 17:00: ready Mon 2/11 10:00; carried over, late.
- d11 B, Fri 30/10 10:00 → 30/10 17:00: ready 30/10 14:00, returned and rated 1 on 2/11;
  rated 1 only (settled in October).
- d3 A online, Mon 2/11 08:00 → Thu 5/11 08:00: ready exactly at the deadline; on time.
- d4 A, Tue 3/11 10:00 → Fri 6/11 10:00: supplement asked 4/11, back 9/11 (due restarts:
  12/11 10:00), ready 12/11 09:00; supplement requested, on time.
- d5 A post, Wed 4/11 10:00 → Mon 9/11 10:00: re-appointed to 16/11, ready 13/11; late.
- d6 C, Mon 23/11 10:00 → Fri 27/11 10:00: supplement asked 25/11, still waiting on 30/11;
  supplement requested, waiting (not overdue: no clock runs).
- d7 C, Thu 26/11 10:00 → Tue 1/12 10:00: pending at the month's end; pending on time.
- d8 A, Mon 16/11 10:00 → Thu 19/11 10:00: re-appointed to 4/12, pending at the month's
  end; pending overdue.
- d9 B, Tue 10/11 09:00: refused 10/11 11:00. d10 B, Wed 11/11 09:00: withdrawn 12/11.

December (recorded after November's report was first taken): d6 supplemented 2/12, d7 and d8
resolved 3/12, d3 rated 2 on 2/12, d12 B received 1/12.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from desk import events, intake
from desk.context import DeskContext
from models import Dossier
from tests.conftest import FixedClock, vn
from tests.desk.test_intake import PERSON

A, B, C = "1.004873", "2.000815", "1.001612"

NOVEMBER = {
    "carried_over": 2, "received_direct": 6, "received_online": 1, "received_post": 1,
    "received": 8, "total": 10, "resolved_early": 1, "resolved_on_time": 2, "resolved_late": 2,
    "resolved": 5, "pending_on_time": 1, "pending_overdue": 1, "pending": 2,
    "waiting_supplement": 1, "supplement_requested": 2, "refused": 1, "withdrawn": 1,
    "rated_3": 1, "rated_2": 0, "rated_1": 1, "on_time_rate": 0.6, "satisfaction_rate": 0.5,
}
OCTOBER = {
    "carried_over": 0, "received": 3, "received_direct": 3, "resolved_on_time": 1,
    "resolved": 1, "pending_on_time": 1, "pending_overdue": 1, "waiting_supplement": 0,
    "on_time_rate": 1.0,
}


class Counter:
    """Receives and moves dossiers along, recording each event at its own instant."""

    def __init__(self, office: DeskContext, clock: FixedClock) -> None:
        self.office, self.clock = office, clock
        self.dossiers: dict[str, Dossier] = {}

    def receive(self, name: str, procedure: str, at: dt.datetime, channel: str = "direct") -> None:
        request = intake.IntakeRequest(procedure, PERSON, received_at=at, channel=channel)
        self.dossiers[name] = intake.receive(self.office, request, now=self.clock)

    def act(self, name: str, kind: str, at: dt.datetime, **data: Any) -> None:
        events.record(self.office, self.dossiers[name].code, kind, at=at, data=data,
                      now=self.clock)

    def id(self, name: str) -> str:
        return self.dossiers[name].id


def october_and_november(counter: Counter) -> None:
    c = counter
    c.receive("d1", A, vn(2026, 10, 29, 10))
    c.receive("d2", B, vn(2026, 10, 30, 9))
    c.receive("d11", B, vn(2026, 10, 30, 10))
    c.act("d11", "result_ready", vn(2026, 10, 30, 14))
    c.act("d1", "result_ready", vn(2026, 11, 2, 9))
    c.act("d1", "returned", vn(2026, 11, 2, 15))
    c.act("d1", "rated", vn(2026, 11, 2, 15, 5), rating=3)
    c.act("d2", "result_ready", vn(2026, 11, 2, 10))
    c.act("d11", "returned", vn(2026, 11, 2, 8))
    c.act("d11", "rated", vn(2026, 11, 2, 8, 5), rating=1)
    c.receive("d3", A, vn(2026, 11, 2, 8), channel="online")
    c.act("d3", "result_ready", vn(2026, 11, 5, 8))
    c.act("d3", "returned", vn(2026, 11, 5, 9))
    c.receive("d4", A, vn(2026, 11, 3, 10))
    c.act("d4", "supplement_requested", vn(2026, 11, 4, 9))
    c.act("d4", "supplemented", vn(2026, 11, 9, 10))
    c.act("d4", "result_ready", vn(2026, 11, 12, 9))
    c.receive("d5", A, vn(2026, 11, 4, 10), channel="post")
    c.act("d5", "rescheduled", vn(2026, 11, 6, 9), due_at=vn(2026, 11, 16, 10),
          reason="Chờ xác minh")
    c.act("d5", "result_ready", vn(2026, 11, 13, 10))
    c.receive("d9", B, vn(2026, 11, 10, 9))
    c.act("d9", "refused", vn(2026, 11, 10, 11))
    c.receive("d10", B, vn(2026, 11, 11, 9))
    c.act("d10", "withdrawn", vn(2026, 11, 12, 9))
    c.receive("d8", A, vn(2026, 11, 16, 10))
    c.act("d8", "rescheduled", vn(2026, 11, 18, 9), due_at=vn(2026, 12, 4, 10),
          reason="Chờ xác minh")
    c.receive("d6", C, vn(2026, 11, 23, 10))
    c.act("d6", "supplement_requested", vn(2026, 11, 25, 9))
    c.receive("d7", C, vn(2026, 11, 26, 10))


def december(counter: Counter) -> None:
    c = counter
    c.receive("d12", B, vn(2026, 12, 1, 9))
    c.act("d6", "supplemented", vn(2026, 12, 2, 10))
    c.act("d3", "rated", vn(2026, 12, 2, 11), rating=2)
    c.act("d7", "result_ready", vn(2026, 12, 3, 10))
    c.act("d8", "result_ready", vn(2026, 12, 3, 11))
