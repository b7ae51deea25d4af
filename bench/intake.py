"""Median time of one intake (validation, code, dossier, documents, event, search entry, outbox,
one committed transaction with synchronous=FULL) on a real SQLite file. Goal (issue #2): ≤ 5 ms.

The intakes happen at a counter's pace on a clock of their own: one every 30 s from 07:30, and
no more than PER_DAY on one day before the next day begins, because a desk hands out at most
999 dossier codes a day (desk.codes). Usage: python bench/intake.py [--count N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import keyring_setup  # noqa: E402, F401 - before desk/: where database keys go

from desk import intake, setup  # noqa: E402
from desk.clock import VN_TZ  # noqa: E402
from desk.context import load_context  # noqa: E402
from desk.database import open_database  # noqa: E402

PERSON = intake.ApplicantInput(name="Đặng Văn Đức", id_number="079203001234",
                               phone="0912345678", address="Thôn Đông, xã Tân Phú")
PER_DAY = 900
FIRST_DAY = dt.date(2026, 11, 23)


class CounterClock:
    """The instant of intake number ``n``; ``tick`` moves to the next one."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> dt.datetime:
        day = FIRST_DAY + dt.timedelta(days=self.n // PER_DAY)
        start = dt.datetime.combine(day, dt.time(7, 30), VN_TZ)
        return (start + dt.timedelta(seconds=30 * (self.n % PER_DAY))).astimezone(dt.UTC)

    def tick(self) -> None:
        self.n += 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500, help="intakes per procedure")
    args = parser.parse_args()
    clock = CounterClock()
    with tempfile.TemporaryDirectory() as tmp:
        open_database(Path(tmp) / "bench.sqlite3", now=clock)
        setup.initialize("26734", "Xã Tân Phú", "000.00.12.H12", now=clock)
        ctx = load_context(now=clock)
        for procedure in ("1.001193", "1.004873"):
            times = []
            for _ in range(args.count):
                t0 = time.perf_counter()
                intake.receive(ctx, intake.IntakeRequest(procedure, PERSON), now=clock)
                times.append((time.perf_counter() - t0) * 1000)
                clock.tick()
            times.sort()
            print(f"intake {procedure}: median {statistics.median(times):.2f} ms, "
                  f"p95 {times[int(len(times) * 0.95) - 1]:.2f} ms over {args.count} "
                  "(goal median ≤ 5 ms)")
        print(f"{clock.n} intakes over {clock.n // PER_DAY + 1} day(s), at most {PER_DAY} a day")


if __name__ == "__main__":
    main()
