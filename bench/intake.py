"""Median time of one intake (validation, code, dossier, documents, event, search entry, outbox,
one committed transaction with synchronous=FULL) on a real SQLite file. Goal (issue #2): ≤ 5 ms.
Usage: python bench/intake.py [--count N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import keyring_setup  # noqa: E402, F401 - before desk/: where database keys go

from desk import intake, setup  # noqa: E402
from desk.context import load_context  # noqa: E402
from desk.database import open_database  # noqa: E402

PERSON = intake.ApplicantInput(name="Đặng Văn Đức", id_number="079203001234",
                               phone="0912345678", address="Thôn Đông, xã Tân Phú")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        open_database(Path(tmp) / "bench.sqlite3")
        setup.initialize("26734", "Xã Tân Phú", "000.00.12.H12")
        ctx = load_context()
        for procedure in ("1.001193", "1.004873"):
            times = []
            for _ in range(args.count):
                t0 = time.perf_counter()
                intake.receive(ctx, intake.IntakeRequest(procedure, PERSON))
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            print(f"intake {procedure}: median {statistics.median(times):.2f} ms, "
                  f"p95 {times[int(len(times) * 0.95) - 1]:.2f} ms over {args.count} "
                  "(goal median ≤ 5 ms)")


if __name__ == "__main__":
    main()
