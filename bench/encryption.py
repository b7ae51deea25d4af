"""Encryption's cost, side by side in one run: the same intakes and searches on a plain SQLite
file and on a SQLCipher file (raw 256-bit key, as the desk opens it). Goal (issue #16): the
encrypted figures within 1.3× of the plain ones. Usage: python bench/encryption.py
[--intakes N] [--dossiers N] [--queries N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import keyring_setup  # noqa: E402, F401 - before desk/: where database keys go
import search as search_bench  # noqa: E402 - bench/search.py: the same bulk build
from intake import CounterClock  # noqa: E402 - bench/intake.py: a counter's pace

from desk import dbkey, intake, setup  # noqa: E402
from desk.context import load_context  # noqa: E402
from desk.database import connect  # noqa: E402
from desk.search import search  # noqa: E402
from desk.text import fold  # noqa: E402
from models import Dossier, Procedure, db  # noqa: E402
from models.migrations import DESK_MIGRATIONS, migrate  # noqa: E402

PERSON = intake.ApplicantInput(name="Đặng Văn Đức", id_number="079203001234",
                               phone="0912345678", address="Thôn Đông, xã Tân Phú")
KINDS = ("name", "code", "ID number", "phone prefix")


def bound(path: Path, key: bytes | None) -> None:
    handle = connect(path, key)
    db.initialize(handle)
    migrate(handle, DESK_MIGRATIONS)


def percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def intakes(count: int, clock: CounterClock) -> tuple[float, float]:
    ctx = load_context(now=clock)
    times = []
    for _ in range(count):
        t0 = time.perf_counter()
        intake.receive(ctx, intake.IntakeRequest("1.001193", PERSON), now=clock)
        times.append((time.perf_counter() - t0) * 1000)
        clock.tick()
    return percentiles(times)


def searches(count: int, queries: int) -> dict[str, tuple[float, float]]:
    rng = random.Random(7)
    ctx = load_context(now=search_bench.BUILT)
    procedures = [p.code for p in Procedure.select()]
    start = search_bench.dt.datetime(2022, 1, 3, tzinfo=search_bench.dt.UTC)
    for offset in range(0, count, search_bench.CHUNK):
        with db.atomic():
            search_bench._insert_chunk(ctx.desk.id, procedures, start, offset,
                                       min(search_bench.CHUNK, count - offset), rng)
    db.execute_sql("INSERT INTO dossier_search(dossier_search) VALUES ('optimize')")
    db.execute_sql("ANALYZE")
    picks = [Dossier.get_by_id(f"d{rng.randrange(count):035d}") for _ in range(queries)]
    texts = {"name": [" ".join(fold(d.applicant.name).split()[:2]) for d in picks],
             "code": [d.code for d in picks], "ID number": [d.applicant.id_number for d in picks],
             "phone prefix": [d.applicant.phone[:7] for d in picks]}
    figures = {}
    for kind in KINDS:
        times = []
        for text in texts[kind]:
            t0 = time.perf_counter()
            search(text, limit=50)
            times.append((time.perf_counter() - t0) * 1000)
        figures[kind] = percentiles(times)
    return figures


def opening(path: Path, key: bytes | None, runs: int = 50) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        handle = connect(path, key)
        handle.connect()
        handle.execute_sql("SELECT count(*) FROM dossier").fetchone()
        handle.close()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def run(mode: str, folder: Path, args: argparse.Namespace) -> dict[str, object]:
    path = folder / f"{mode}.sqlite3"
    key = dbkey.create(path) if mode == "encrypted" else None
    bound(path, key)
    clock = CounterClock()
    setup.initialize("26734", "Xã Tân Phú", search_bench.AGENCY, desk_number=1, now=clock)
    figures: dict[str, object] = {"intake": intakes(args.intakes, clock)}
    db.close()
    search_path = folder / f"{mode}-search.sqlite3"
    key = dbkey.create(search_path) if mode == "encrypted" else None
    bound(search_path, key)
    setup.initialize("26734", "Xã Tân Phú", search_bench.AGENCY, now=search_bench.BUILT)
    figures.update(searches(args.dossiers, args.queries))
    db.close()
    figures["open"] = opening(search_path, key)
    figures["size"] = search_path.stat().st_size / 1e6
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--intakes", type=int, default=300)
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        plain = run("plain", Path(tmp), args)
        encrypted = run("encrypted", Path(tmp), args)
    print(f"plain SQLite vs SQLCipher 4 (raw key): {args.intakes} intakes; {args.queries} "
          f"searches of each kind over {args.dossiers:,} dossiers (goal ≤ 1.3×)")
    for name in ("intake", *KINDS):
        (p50, p95), (e50, e95) = plain[name], encrypted[name]
        print(f"  {name:<13} plain p50 {p50:6.2f} ms p95 {p95:6.2f} ms   encrypted p50 "
              f"{e50:6.2f} ms p95 {e95:6.2f} ms   ratio p50 {e50 / p50:4.2f}× p95 "
              f"{e95 / p95:4.2f}×")
    print(f"  opening a connection: plain {plain['open']:.2f} ms, encrypted "
          f"{encrypted['open']:.2f} ms (no key derivation)")
    print(f"  file size: plain {plain['size']:.0f} MB, encrypted {encrypted['size']:.0f} MB")


if __name__ == "__main__":
    main()
