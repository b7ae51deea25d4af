"""Search latency over 1,000,000 synthetic dossiers: p50/p95 for name, code, ID and phone.

Goal (issue #2): p95 ≤ 20 ms. The database is built once in bench/out/ with bulk inserts that
write the same rows and search entries intake writes (going through intake.receive a million
times would take an hour), then reused. Usage: python bench/search.py [--dossiers N] [--rebuild]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import keyring_setup  # noqa: E402, F401 - before desk/: where database keys go
from peewee import chunked  # noqa: E402

from desk import setup  # noqa: E402
from desk.citizen_id import PROVINCE_CODES  # noqa: E402
from desk.codes import format_code  # noqa: E402
from desk.context import load_context  # noqa: E402
from desk.database import open_database  # noqa: E402
from desk.demo import GIVEN, MIDDLE, MOBILE_PREFIXES, SURNAMES  # noqa: E402
from desk.search import search  # noqa: E402
from desk.text import fold  # noqa: E402
from models import Applicant, Dossier, Procedure, db  # noqa: E402

OUT = Path(__file__).parent / "out"
AGENCY = "000.00.12.H12"
CHUNK = 20_000
PER_DAY = 720  # one dossier every two minutes, numbered per day as intake does


def BUILT() -> dt.datetime:  # noqa: N802 - a constant clock
    """The instant the benchmark database says it was made (its rows carry their own)."""
    return dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)


def build(path: Path, count: int, rng: random.Random) -> None:
    path.unlink(missing_ok=True)
    open_database(path, now=BUILT)
    setup.initialize("26734", "Xã Tân Phú", AGENCY, now=BUILT)
    ctx = load_context(now=BUILT)
    procedures = [p.code for p in Procedure.select()]
    start = dt.datetime(2022, 1, 3, 0, 0, tzinfo=dt.UTC)
    made = 0
    while made < count:
        n = min(CHUNK, count - made)
        with db.atomic():
            _insert_chunk(ctx.desk.id, procedures, start, made, n, rng)
        made += n
        print(f"\r  built {made:,}/{count:,}", end="", flush=True)
    print()
    db.execute_sql("INSERT INTO dossier_search(dossier_search) VALUES ('optimize')")
    db.execute_sql("ANALYZE")


def _insert_chunk(desk_id: str, procedures: list[str], start: dt.datetime, offset: int, n: int,
                  rng: random.Random) -> None:
    applicants, dossiers, search_rows = [], [], []
    for i in range(offset, offset + n):
        received = start + dt.timedelta(minutes=2 * i)
        code = format_code(AGENCY, received.date(), i % PER_DAY + 1)
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        id_number = f"{rng.choice(list(PROVINCE_CODES))}{rng.randint(0, 999_999_999):09d}"
        phone = f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 9_999_999):07d}"
        aid, did = f"a{i:035d}", f"d{i:035d}"
        applicants.append({"id": aid, "commune_code": "26734", "name": name,
                           "id_number": id_number, "phone": phone, "address": "", "email": "",
                           "sex": ""})
        dossiers.append({"id": did, "commune_code": "26734", "desk_id": desk_id, "code": code,
                         "procedure": rng.choice(procedures), "applicant": aid,
                         "received_at": received, "status": "received", "due_at": received,
                         "deadline_at": received, "clock_started_at": received,
                         "updated_at": received})
        tail = code.split("-", 1)[1]
        search_rows.append(" ".join(fold(p) for p in (name, code, tail, id_number, phone)))
    for batch in chunked(applicants, 1000):
        Applicant.insert_many(batch).execute()
    for batch in chunked(dossiers, 1000):
        Dossier.insert_many(batch).execute()
    first = db.execute_sql('SELECT rowid FROM dossier WHERE id = ?', (dossiers[0]["id"],))
    rowid = first.fetchone()[0]
    db.obj.connection().executemany(
        'INSERT INTO dossier_search(rowid, folded) VALUES (?, ?)',
        [(rowid + k, text) for k, text in enumerate(search_rows)],
    )


def queries(rng: random.Random, kind: str, n: int) -> list[str]:
    picks = [Dossier.get_by_id(f"d{rng.randrange(COUNT):035d}") for _ in range(n)]
    if kind == "name":
        return [" ".join(fold(d.applicant.name).split()[:2]) for d in picks]
    if kind == "name (full)":
        return [d.applicant.name for d in picks]
    if kind == "code":
        return [d.code for d in picks]
    if kind == "code tail":
        return [d.code.split("-", 1)[1] for d in picks]
    if kind == "ID number":
        return [d.applicant.id_number for d in picks]
    return [d.applicant.phone[:7] for d in picks]


def measure(texts: list[str]) -> tuple[float, float]:
    times = []
    for text in texts:
        t0 = time.perf_counter()
        search(text, limit=50)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


COUNT = 1_000_000


def main() -> None:
    global COUNT
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=COUNT)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    COUNT = args.dossiers
    OUT.mkdir(exist_ok=True)
    path = OUT / f"search-{COUNT}.sqlite3"
    rng = random.Random(7)
    if args.rebuild or not path.exists():
        print(f"building {COUNT:,} dossiers in {path} …")
        t0 = time.perf_counter()
        partial = path.with_suffix(".partial")
        build(partial, COUNT, rng)
        db.close()
        partial.rename(path)  # only a complete build is ever reused
        open_database(path, now=BUILT)
        print(f"  built in {time.perf_counter() - t0:.0f} s, {path.stat().st_size / 1e6:.0f} MB")
    else:
        open_database(path, now=BUILT)
    print(f"search over {COUNT:,} dossiers, {args.queries} queries each, limit 50 "
          "(goal p95 ≤ 20 ms)")
    for kind in ("name", "name (full)", "code", "code tail", "ID number", "phone prefix"):
        p50, p95 = measure(queries(rng, kind, args.queries))
        print(f"  {kind:<13} p50 {p50:6.2f} ms   p95 {p95:6.2f} ms")


if __name__ == "__main__":
    main()
