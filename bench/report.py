"""Yearly report over a year of 20,000 dossiers: the time of desk.reports.build_report.

Goal (issue #6): ≤ 500 ms. The year is seeded in a temporary SQLite file with bulk inserts that
write the rows intake and events write (dossier, applicant, event log, projection columns set by
folding the events with desk.workflow), since a benchmark fixture need not go through intake
20,000 times. Usage: python bench/report.py [--dossiers N] [--repeat R]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import keyring_setup  # noqa: E402, F401 - before desk/: where database keys go
from peewee import chunked  # noqa: E402

from desk import setup, workflow  # noqa: E402
from desk.clock import VN_TZ  # noqa: E402
from desk.codes import format_code  # noqa: E402
from desk.context import load_context  # noqa: E402
from desk.database import open_database  # noqa: E402
from desk.periods import Period  # noqa: E402
from desk.reports import build_report, monthly_series  # noqa: E402
from desk.workflow import EventFacts  # noqa: E402
from models import Applicant, Dossier, DossierEvent, Procedure, db  # noqa: E402

AGENCY = "000.00.12.H12"
YEAR = 2025


def SEEDED() -> dt.datetime:  # noqa: N802 - a constant clock
    """When the benchmark's desk says it was set up (its dossiers carry their own instants)."""
    return dt.datetime(YEAR, 1, 2, tzinfo=VN_TZ)
HOUR = dt.timedelta(hours=1)


def life(rng: random.Random, received: dt.datetime) -> list[tuple[str, dt.datetime, dict]]:
    """A plausible event log: mostly resolved on time, some late, refused, waiting, pending."""
    due = received + dt.timedelta(days=rng.choice([0.3, 2, 3, 5]))
    stamps = {"due_at": workflow.stamp(due), "deadline_at": workflow.stamp(due)}
    log = [("received", received, stamps), ("assigned", received + HOUR, {})]
    roll, at = rng.random(), received + 2 * HOUR
    if roll < 0.08:
        log.append(("supplement_requested", at, {}))
        if rng.random() < 0.7:
            at += dt.timedelta(days=3)
            new = at + (due - received)
            log.append(("supplemented", at, {"due_at": workflow.stamp(new),
                                             "deadline_at": workflow.stamp(new)}))
            due = new
        else:
            return log
    if roll > 0.97:
        return log  # still pending
    if 0.08 <= roll < 0.11:
        return [*log, (rng.choice(["refused", "withdrawn"]), at + HOUR, {})]
    ready = max(received + (due - received) * rng.choice([0.4, 0.9, 0.98, 1.3]), at + HOUR)
    if ready > due and rng.random() < 0.3:  # the apology with a new appointment
        log.append(("rescheduled", at, {"due_at": workflow.stamp(ready + 4 * HOUR)}))
    log += [("result_ready", ready, {}), ("returned", ready + 5 * HOUR, {})]
    if rng.random() < 0.6:
        log.append(("rated", ready + 6 * HOUR, {"rating": rng.choice([3, 3, 2, 1])}))
    return log


def build(count: int, rng: random.Random) -> None:
    setup.initialize("26734", "Xã Tân Phú", AGENCY, now=SEEDED)
    ctx = load_context(now=SEEDED)
    codes = [p.code for p in Procedure.select()]
    start = dt.datetime(YEAR, 1, 2, 8, tzinfo=VN_TZ)
    step = dt.timedelta(days=360) / count
    applicants, dossiers, events = [], [], []
    for i in range(count):
        received = (start + step * i).astimezone(dt.UTC)
        did, aid = f"d{i:035d}", f"a{i:035d}"
        log = life(rng, received)
        facts = [EventFacts(f"{did}-{n}", kind, at, f"{int(at.timestamp() * 1000):015d}-{n:06d}",
                            data) for n, (kind, at, data) in enumerate(log)]
        state = workflow.project(facts)
        applicants.append({"id": aid, "commune_code": "26734", "name": "Nguyễn Văn An",
                           "id_number": f"{i:012d}"})
        dossiers.append({
            "id": did, "commune_code": "26734", "desk_id": ctx.desk.id,
            "code": format_code(AGENCY, received.astimezone(VN_TZ).date(), i % 900 + 1),
            "procedure": rng.choice(codes), "applicant": aid, "received_at": received,
            "channel": rng.choice(["direct", "direct", "online", "post"]),
            **workflow.columns(state), "updated_at": facts[-1].at,
        })
        events += [{"id": f.id, "commune_code": "26734", "dossier": did, "kind": f.kind,
                    "at": f.at, "recorded_at": f.at, "hlc": f.hlc,
                    "data": json.dumps(f.data) if f.data else "{}"} for f in facts]
    with db.atomic():
        for model, rows in ((Applicant, applicants), (Dossier, dossiers), (DossierEvent, events)):
            for batch in chunked(rows, 500):
                model.insert_many(batch).execute()
    db.execute_sql("ANALYZE")


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "report.sqlite3", now=SEEDED)
        t0 = time.perf_counter()
        build(args.dossiers, random.Random(6))
        events = DossierEvent.select().count()
        print(f"seeded {args.dossiers:,} dossiers, {events:,} events of {YEAR} "
              f"in {time.perf_counter() - t0:.1f} s")
        as_of = dt.datetime(YEAR + 1, 3, 1, tzinfo=VN_TZ)

        def now() -> dt.datetime:
            return as_of

        year = Period.whole_year(YEAR)
        ms, report = timed(lambda: build_report(year, now=now), args.repeat)
        f = report.total.figures
        print(f"yearly report: median {ms:.0f} ms over {args.repeat} runs (goal ≤ 500 ms)")
        print(f"  received {f.received:,}, resolved {f.resolved:,} (early {f.resolved_early:,}, "
              f"on time {f.resolved_on_time:,}, late {f.resolved_late:,}), "
              f"on-time rate {f.on_time_rate:.1%}, pending {f.pending:,}, "
              f"waiting {f.waiting_supplement:,}, refused {f.refused:,}, "
              f"withdrawn {f.withdrawn:,}")
        ms, _ = timed(lambda: build_report(Period.month(YEAR, 11), now=now), args.repeat)
        print(f"monthly report (11/{YEAR}): median {ms:.0f} ms")
        ms, _ = timed(lambda: monthly_series(year, now=now), args.repeat)
        print(f"twelve monthly totals for the charts: median {ms:.0f} ms")
        db.close()


if __name__ == "__main__":
    main()
