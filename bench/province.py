"""The province dashboard at scale (issue #15). Prints, asserts nothing.

Builds a province with COPY (dossiers received over ``--years`` years up to now, each with its
events as a desk makes them, the stored state folded by the desk's workflow), builds the day
figures and the search index with the server's own code, then times every dashboard page and
export through a real ``motcua-server`` process: p50 and p95 at 100,000 dossiers and at
``--dossiers``, a ``p95 … ms`` line per page and ``growth …x`` (the worst p95 at N over the
worst p95 at 100 k). Goal at 1,000,000 dossiers over 300 communes: every page p95 ≤ 300 ms,
growth ≤ 2×. Then ``--devices`` desks (one per commune) push at once into the large province:
records/s, and whether any push failed.

Usage: python bench/province.py --pg DSN [--dossiers 1000000] [--communes 300] [--years 3]
       [--repeat 20] [--devices 300] [--keep] [--ingest-only]
Each size goes into its own schema of the DSN's database (bench_<n>), dropped at the end
unless --keep; an existing schema is reused with --keep.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import multiprocessing
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import orjson
import psycopg2
import zstandard

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk import workflow  # noqa: E402
from desk.clock import VN_TZ, encode_hlc  # noqa: E402
from desk.demo import GIVEN, HAMLETS, MIDDLE, MOBILE_PREFIXES, SURNAMES  # noqa: E402
from desk.ids import new_id  # noqa: E402
from desk.periods import Period, span_key  # noqa: E402
from desk.search import query_tokens  # noqa: E402
from desk.workflow import EventFacts  # noqa: E402
from models import Procedure, db  # noqa: E402
from models.base import utc_text  # noqa: E402
from models.hub import DerivedState, Device  # noqa: E402
from server import search  # noqa: E402
from server.auth import hash_secret  # noqa: E402
from server.bootstrap import open_hub  # noqa: E402
from server.communes import add_commune  # noqa: E402
from server.dashboard.users import Account, save_user  # noqa: E402
from server.figures.rebuild import rebuild as rebuild_figures  # noqa: E402
from tests.sync.harness import Hub  # noqa: E402

SMALL = 100_000
PASSWORD = "mật-khẩu-đủ-dài-cho-bench"
# How common surnames are in Vietnam (Nguyễn about two in five): search must stay fast for them.
SURNAME_WEIGHTS = [38, 11, 9.5, 7, 5.1, 4.1, 4.5, 3.9, 3.9, 2.1, 2, 1.4, 1.3, 1.3, 1, 0.5]
DAY = dt.timedelta(days=1)


def utc(instant: dt.datetime) -> str:
    return utc_text(instant)


# ----------------------------------------------------------------------------- the province

@dataclass
class Sample:
    """What the timed pages ask for: real codes, names and ID numbers from the data."""

    codes: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    id_numbers: list[str] = field(default_factory=list)
    # The instant the province was built up to: a kept schema is timed at it, not at today,
    # so that "this month" holds the dossiers the build put there.
    now: str = ""


class Generator:
    """Dossiers of ``communes`` communes received uniformly over ``years`` years up to ``now``,
    with the life a dossier has: most resolved (some late), some asked for papers, refused,
    withdrawn or stopped, recent ones pending and a few old ones stuck overdue."""

    def __init__(self, communes: list[tuple[str, str]], procedures: list[str], now: dt.datetime,
                 years: float, seed: int) -> None:
        self.rng = random.Random(seed)
        self.communes, self.procedures, self.now = communes, procedures, now
        self.weights = [1 / (rank + 1) for rank in range(len(procedures))]  # Zipf-like
        self.span = dt.timedelta(days=365 * years)
        self.counters: dict[tuple[str, str], int] = {}
        self.sample = Sample()

    def dossier(self) -> tuple[list[str], list[str], list[str]]:
        """COPY lines: the applicant, the dossier, its events."""
        rng = self.rng
        commune, agency = rng.choice(self.communes)
        received = self.now - self.span * rng.random() ** 0.9  # slightly more in recent years
        received = received.replace(microsecond=0)
        days = rng.choice((1, 3, 5, 7, 10, 15))
        deadline = received + days * 1.4 * DAY
        steps = self._life(received, deadline)
        dossier_id, applicant_id = new_id(), new_id()
        name = (f"{rng.choices(SURNAMES, SURNAME_WEIGHTS)[0]} {rng.choice(MIDDLE)} "
                f"{rng.choice(GIVEN)}")
        id_number = f"0{rng.randint(1, 96):02d}{rng.choice('0123')}{rng.randint(0, 99):02d}" \
                    f"{rng.randint(0, 999_999):06d}"
        phone = f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 9_999_999):07d}"
        day_key = (agency, received.astimezone(VN_TZ).strftime("%y%m%d"))
        number = self.counters.get(day_key, 0) + 1
        self.counters[day_key] = number
        code = f"{agency}-{day_key[1]}-{number:04d}"
        channel = rng.choices(("direct", "online", "post"), (70, 25, 5))[0]
        procedure = rng.choices(self.procedures, self.weights)[0]
        facts, events = [], []
        for index, (kind, at, data, note) in enumerate(steps):
            event_id, hlc = new_id(), encode_hlc(int(at.timestamp() * 1000), index)
            facts.append(EventFacts(event_id, kind, at, hlc, data))
            events.append("\t".join((event_id, commune, dossier_id, kind, utc(at), utc(at), hlc,
                                     "Cán bộ một cửa", "desk", note, json.dumps(data))))
        folded = workflow.project(facts)
        assert folded is not None
        state = workflow.columns(folded)
        if rng.random() < 0.0005:
            self.sample.codes.append(code)
            self.sample.names.append(name)
            self.sample.id_numbers.append(id_number)
        applicant = "\t".join((applicant_id, commune, name, id_number, phone,
                               f"{rng.choice(HAMLETS)}", "", "\\N", ""))
        row = "\t".join((
            dossier_id, commune, "0190c000-0000-7000-8000-00000000be9c", code, procedure,
            applicant_id, utc(received), "Cán bộ một cửa", channel, "counter", "1", "0", "",
            "", str(number), state["status"], utc(state["due_at"]), utc(state["deadline_at"]),
            utc(state["clock_started_at"]), _maybe(state["result_ready_at"]),
            _maybe(state["returned_at"]), _maybe(state["closed_at"]), state["outcome"],
            str(state["reschedule_count"]),
            "\\N" if state["rating"] is None else str(state["rating"]), utc(self.now)))
        return [applicant], [row], events

    def _life(self, received: dt.datetime, deadline: dt.datetime) -> list[tuple]:
        rng = self.rng
        iso = lambda t: t.astimezone(dt.UTC).isoformat()  # noqa: E731
        steps = [("received", received, {"due_at": iso(deadline), "deadline_at": iso(deadline)},
                  "")]
        length = deadline - received
        moment = received + length * 0.1
        if moment < self.now and rng.random() < 0.6:
            steps.append(("assigned", moment, {}, ""))
        roll = rng.random()
        if roll < 0.06:  # papers asked for, brought some days later
            asked = received + length * 0.3
            brought = asked + rng.uniform(1, 10) * DAY
            if brought < self.now:
                new = brought + length
                steps += [("supplement_requested", asked, {}, ""),
                          ("supplemented", brought,
                           {"due_at": iso(new), "deadline_at": iso(new)}, "")]
                length, received = new - brought, brought
            elif asked < self.now:
                return [*steps, ("supplement_requested", asked, {}, "")]
        if roll > 0.97:  # stuck: nobody ever closed it
            return steps
        outcome = rng.random()
        ends = received + length * rng.uniform(0.3, 1.25)
        if ends >= self.now:
            return steps
        if outcome < 0.03:
            return [*steps, ("refused", ends, {}, "Hồ sơ không đủ điều kiện")]
        if outcome < 0.04:
            return [*steps, ("withdrawn", ends, {}, "")]
        if outcome < 0.05:
            return [*steps, ("stopped", ends, {}, "Người nộp không bổ sung hồ sơ")]
        steps.append(("result_ready", ends, {}, ""))
        handed = ends + rng.uniform(0.1, 3) * DAY
        if handed < self.now:
            steps.append(("returned", handed, {}, ""))
            if rng.random() < 0.4:
                steps.append(("rated", handed, {"rating": rng.choices((3, 2, 1), (70, 25, 5))[0]},
                              ""))
        return steps


def _maybe(instant: dt.datetime | None) -> str:
    return "\\N" if instant is None else utc(instant)


DOSSIER_COLUMNS = ("id, commune_code, desk_id, code, procedure_code, applicant_id, received_at, "
                   "received_by, channel, return_method, sets_count, fee_amount, note, "
                   "ledger_book, ledger_entry, status, due_at, deadline_at, clock_started_at, "
                   "result_ready_at, returned_at, closed_at, outcome, reschedule_count, rating, "
                   "updated_at")
TABLES = (("applicant", "id, commune_code, name, id_number, phone, address, email, "
                        "birth_date, sex"),
          ("dossier", DOSSIER_COLUMNS),
          ("dossier_event", "id, commune_code, dossier_id, kind, at, recorded_at, hlc, actor, "
                            "origin, note, data"))


def build(dsn: str, schema: str, dossiers: int, communes: int, years: float,
          now: dt.datetime) -> Sample:
    """A fresh schema holding the province, derived tables built, statistics gathered."""
    with contextlib.closing(psycopg2.connect(dsn)) as conn, conn.cursor() as cur:
        conn.autocommit = True
        cur.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        cur.execute(f'CREATE SCHEMA "{schema}"')
    url = scoped(dsn, schema)
    database = open_hub(url, now=lambda: now)
    with database.connection_context():
        names = [(f"{70000 + n:05d}", f"Xã {n + 1:03d}",
                  f"000.{n // 100:02d}.{n % 100:02d}.H99") for n in range(communes)]
        for code, name, agency in names:
            add_commune(code, name, agency, "Đồng Nai")
        procedures = [p for (p,) in Procedure.select(Procedure.code).where(Procedure.active)
                      .order_by(Procedure.code).tuples()]
    database.close()
    started = time.monotonic()
    with contextlib.closing(psycopg2.connect(dsn, options=f"-csearch_path={schema}")) as conn:
        indexes = _drop_indexes(conn, exclude=("dossier_search",))
        sample = _copy_all(dsn, schema, [(c, a) for c, _, a in names], procedures, now, years,
                           dossiers)
        _restore(conn, indexes)
        _analyze(conn)
    print(f"  {dossiers:,} dossiers written by COPY in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    database = open_hub(url, now=lambda: now)
    with database.connection_context():
        counted = rebuild_figures()
        print(f"  figures of {counted:,} dossiers built in {time.monotonic() - started:.0f} s")
        started = time.monotonic()
        with contextlib.closing(psycopg2.connect(dsn, options=f"-csearch_path={schema}")) as c:
            search_indexes = _drop_indexes(c, only=("dossier_search",))
        with db.atomic():
            search.rebuild()
        with contextlib.closing(psycopg2.connect(dsn, options=f"-csearch_path={schema}")) as c:
            _restore(c, search_indexes)
        for name in ("figures", "search"):
            DerivedState.insert(name=name, built_at=now).on_conflict_ignore().execute()
        print(f"  search index built in {time.monotonic() - started:.0f} s")
    database.close()
    with contextlib.closing(psycopg2.connect(dsn, options=f"-csearch_path={schema}")) as conn:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("VACUUM ANALYZE")
            # what a province of this size costs on disk (tables, indexes, TOAST)
            cur.execute("SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c "
                        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s",
                        (schema,))
            print(f"  on disk: {cur.fetchone()[0]}")
    return sample


def _copy_all(dsn: str, schema: str, communes: list[tuple[str, str]], procedures: list[str],
              now: dt.datetime, years: float, count: int) -> Sample:
    """One generating and copying process per core, each with its share of the communes (so
    the dossier numbers of a commune's day stay one sequence): making the rows is Python work,
    and one process left the second core idle for the hour 10,000,000 dossiers take."""
    parts = max(1, min(os.cpu_count() or 1, len(communes)))
    shares = [communes[k::parts] for k in range(parts)]
    counts = [count * len(share) // len(communes) for share in shares]
    counts[0] += count - sum(counts)
    jobs = [(dsn, schema, share, procedures, now, years, n, count * 100 + k)
            for k, (share, n) in enumerate(zip(shares, counts, strict=True))]
    with ProcessPoolExecutor(parts, mp_context=multiprocessing.get_context("spawn")) as pool:
        samples = list(pool.map(_copy_part, *zip(*jobs, strict=True)))
    return Sample(codes=[c for s in samples for c in s.codes],
                  names=[n for s in samples for n in s.names],
                  id_numbers=[i for s in samples for i in s.id_numbers])


def _copy_part(dsn: str, schema: str, communes: list[tuple[str, str]], procedures: list[str],
               now: dt.datetime, years: float, count: int, seed: int) -> Sample:
    generator = Generator(communes, procedures, now, years, seed)
    chunk = 20_000
    with contextlib.closing(psycopg2.connect(dsn, options=f"-csearch_path={schema}")) as conn, \
            conn.cursor() as cur:
        for first in range(0, count, chunk):
            buffers: list[list[str]] = [[], [], []]
            for _ in range(min(chunk, count - first)):
                for buffer, lines in zip(buffers, generator.dossier(), strict=True):
                    buffer += lines
            for (table, columns), lines in zip(TABLES, buffers, strict=True):
                cur.copy_expert(f"COPY {table} ({columns}) FROM STDIN",
                                io.BytesIO(("\n".join(lines) + "\n").encode()))
            conn.commit()
    return generator.sample


def _drop_indexes(conn, exclude: tuple[str, ...] = (), only: tuple[str, ...] = ()) -> list[str]:
    """Secondary indexes of the data tables, dropped for the load; their definitions back."""
    with conn.cursor() as cur:
        cur.execute("SELECT tablename, indexname, indexdef FROM pg_indexes "
                    "WHERE schemaname = current_schema() AND indexname NOT LIKE '%%_pkey'")
        rows = [(t, n, d) for t, n, d in cur.fetchall()
                if (t in only if only else t in ("applicant", "dossier", "dossier_event"))
                and t not in exclude and "UNIQUE" not in d]
        for _, name, _ in rows:
            cur.execute(f'DROP INDEX "{name}"')
    conn.commit()
    return [d for _, _, d in rows]


def _restore(conn, definitions: list[str]) -> None:
    with conn.cursor() as cur:
        cur.execute("SET maintenance_work_mem = '512MB'")
        for definition in definitions:
            cur.execute(definition)
    conn.commit()


def _analyze(conn) -> None:
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("ANALYZE")
    conn.autocommit = False


def scoped(dsn: str, schema: str) -> str:
    joiner = "&" if "?" in dsn else "?"
    return f"{dsn}{joiner}options=-csearch_path%3D{schema}"


# ------------------------------------------------------------------------------ the pages

def pages(sample: Sample, communes: list[str], rng: random.Random,
          now: dt.datetime) -> list[tuple[str, list]]:
    """(name, [paths]) for every page and export; each timing picks one path in turn."""
    month = Period.containing(now)
    last = Period.containing(month.start - DAY)
    quarter, year = Period.containing(now, "quarter"), Period.containing(now, "year")
    state = span_key(Period.containing(now, "month", 15))
    state_year = span_key(Period.containing(now, "year", 15))
    local = now.astimezone(VN_TZ).date()
    recent = f"tu={local - 45 * DAY:%d/%m/%Y}&den={local - DAY:%d/%m/%Y}"
    some = lambda values, n=20: [values[i % len(values)] for i in range(n)]  # noqa: E731
    picked = min(10, len(communes))  # a small trial province may have fewer than ten
    commune_paths = lambda tail: [f"/communes/{c}{tail}" for c in rng.sample(communes, picked)]  # noqa: E731
    names = [n for n in sample.names]
    no_tones = [query_tokens(n) for n in names]
    return [
        ("login page", ["/login"]),
        ("overview, this month", ["/"]),
        ("overview, last month", [f"/?ky={last.key}"]),
        ("overview, this quarter", [f"/?ky={quarter.key}"]),
        ("overview, year", [f"/?ky={year.key}"]),
        ("overview, state month", [f"/?ky={state}"]),
        ("overview, state year", [f"/?ky={state_year}"]),
        ("overview, 45 days", [f"/?{recent}"]),
        ("commune, this month", commune_paths("")),
        ("commune, state year", commune_paths(f"?ky={state_year}")),
        ("search, surname Nguyễn", ["/dossiers?q=Nguyễn"]),
        ("search, full name", [f"/dossiers?q={n}" for n in some(names)]),
        ("search, no tones", [f"/dossiers?q={' '.join(t)}" for t in some(no_tones)]),
        ("search, ID number", [f"/dossiers?q={n}" for n in some(sample.id_numbers)]),
        ("search, code tail", [f"/dossiers?q={c.split('-', 1)[1]}" for c in some(sample.codes)]),
        ("search, exact code", [f"/dossiers?q={c}" for c in some(sample.codes)]),
        ("dossier page", [f"/dossiers/{c}" for c in some(sample.codes)]),
        ("overdue, province", ["/overdue"]),
        ("upload page", ["/bundles"]),
        ("admin page", ["/admin"]),
        ("export PDF, province year", [f"/report.pdf?ky={year.key}"]),
        ("export Excel, province month", [f"/report.xlsx?ky={last.key}"]),
        ("export PDF, commune state month", commune_paths(f"/report.pdf?ky={state}")),
        ("export Excel, commune quarter", commune_paths(f"/report.xlsx?ky={quarter.key}")),
    ]


@contextlib.contextmanager
def signed_in(base: str, username: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=120) as client:
        page = client.get("/login").text
        token = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        answer = client.post("/login", data={"username": username, "password": PASSWORD,
                                             "csrf": token})
        if answer.status_code != 303:
            raise SystemExit(f"cannot sign in: {answer.status_code}")
        yield client


def time_pages(base: str, plan: list[tuple[str, list]], repeat: int,
               leader: str) -> dict[str, tuple[float, float]]:
    results: dict[str, tuple[float, float]] = {}
    with signed_in(base, "bench-tinh") as client, signed_in(base, "bench-xa") as own:
        scoped_plan = [("leader: own commune", [f"/communes/{leader}"]),
                       ("leader: search Nguyễn", ["/dossiers?q=Nguyễn"])]
        for name, paths in [*plan, *scoped_plan]:
            who = own if name.startswith("leader") else client
            first = time.perf_counter()
            who.get(paths[0])  # warm up the server's and the database's caches
            first = (time.perf_counter() - first) * 1000
            if len(paths) > 1:
                who.get(paths[1])
            took = []
            for i in range(repeat):
                start = time.perf_counter()
                answer = who.get(paths[i % len(paths)])
                took.append((time.perf_counter() - start) * 1000)
                if answer.status_code >= 400:
                    raise SystemExit(f"{name}: {paths[i % len(paths)]} answered "
                                     f"{answer.status_code}")
            p50 = statistics.median(took)
            p95 = statistics.quantiles(took, n=20, method="inclusive")[18]
            results[name] = (p50, p95)
            drawn = f"; first, drawn: {first:.0f} ms" if name.startswith("export") else ""
            print(f"  p95 {name:<34} {p95:7.1f} ms   (p50 {p50:6.1f} ms{drawn})", flush=True)
    return results


@contextlib.contextmanager
def server(url: str, log: Path, now: dt.datetime, workers: int = 1) -> Iterator[Hub]:
    """A real ``motcua-server`` whose clock starts at the province's ``now``."""
    # A niced bench on a loaded machine: the server may take more than the tests' 30 s to
    # import and migrate before it answers.
    hub = Hub(url, log, workers=workers, start=now).start(wait=300)
    try:
        yield hub
    finally:
        hub.stop()


# --------------------------------------------------------------------------------- ingest

def device_records(commune: str, agency: str, count: int, first_seq: int, now: dt.datetime,
                   rng: random.Random) -> list[tuple[int, dict]]:
    out, seq = [], first_seq
    for i in range(count):
        dossier_id, at = new_id(), now - dt.timedelta(minutes=count - i)
        due = at + 5 * DAY
        stamp = lambda t: t.astimezone(dt.UTC).isoformat(timespec="microseconds")  # noqa: E731
        out.append((seq, {
            "type": "dossier", "v": 1, "id": dossier_id, "commune_code": commune,
            # The desk's code shape (desk.codes.is_code_of), or the server refuses the dossier
            # and every event of it; 9001–9800 stay clear of the built province's numbers.
            "desk_id": new_id(), "code": f"{agency}-{at.astimezone(VN_TZ):%y%m%d}-{9000 + seq:04d}",
            "procedure_code": "1.001193", "received_at": stamp(at), "received_by": "",
            "channel": "direct", "return_method": "counter", "sets_count": 1, "fee_amount": 0,
            "note": "", "ledger_book": "", "ledger_entry": i + 1, "documents": [],
            "applicant": {"id": new_id(), "name": f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} "
                          f"{rng.choice(GIVEN)}", "id_number": f"079{rng.randint(0, 10**9):09d}",
                          "phone": "", "address": "", "email": "", "birth_date": None,
                          "sex": ""}}))
        seq += 1
        for n, (kind, data) in enumerate((("received", {"due_at": stamp(due),
                                                        "deadline_at": stamp(due)}),
                                          ("assigned", {}), ("result_ready", {}))):
            out.append((seq, {
                "type": "event", "v": 1, "id": new_id(), "commune_code": commune,
                "dossier_id": dossier_id, "kind": kind, "at": stamp(at + n * dt.timedelta(
                    minutes=1)), "recorded_at": stamp(at), "hlc": encode_hlc(
                    int(at.timestamp() * 1000) + n, 0), "actor": "", "origin": "desk",
                "note": "", "data": data}))
            seq += 1
    return out


def body(lines: list[tuple[int, dict]]) -> bytes:
    ndjson = b"".join(orjson.dumps({"seq": s, "record": r}) + b"\n" for s, r in lines)
    return zstandard.ZstdCompressor(level=6).compress(ndjson)


def ingest(url: str, log: Path, devices: int, now: dt.datetime) -> None:
    database = open_hub(url, now=lambda: now)
    rng = random.Random(9)
    work = []
    with database.connection_context():
        from models import Commune

        communes = list(Commune.select().order_by(Commune.code).limit(devices))
        for commune in communes:
            secret = new_id()
            device = Device.create(id=new_id(), commune_code=commune.code, name="bench",
                                   secret_hash=hash_secret(secret), bundle_key="0" * 64,
                                   created_at=now)
            batches = [device_records(commune.code, commune.agency_code, 100,
                                      1 + start * 400, now, rng) for start in range(2)]
            work.append((f"{device.id}.{secret}", [(body(b), len(b)) for b in batches]))
    database.close()
    errors: list[str] = []

    def push(item: tuple[str, list[tuple[bytes, int]]]) -> int:
        token, batches = item
        sent = 0
        with httpx.Client(timeout=300) as client:
            for payload, records in batches:
                answer = client.post(base + "/api/v1/sync/push", content=payload, headers={
                    "Authorization": f"Bearer {token}", "Content-Encoding": "zstd",
                    "Content-Type": "application/x-ndjson"})
                if answer.status_code != 200:
                    errors.append(f"{answer.status_code}: {answer.text[:200]}")
                    continue
                done = answer.json()
                sent += done["applied"]
                # A refused record is acknowledged but neither applied nor a duplicate: it
                # counts as an error too (the desk would park it), not as a success.
                refused = records - done["applied"] - done["duplicates"]
                if refused:
                    errors.append(f"{refused} of {records} records refused")
        return sent

    with server(url, log, now, workers=2) as hub:
        base = hub.base
        started = time.monotonic()
        with ThreadPoolExecutor(len(work)) as pool:
            applied = sum(pool.map(push, work))
        elapsed = time.monotonic() - started
    print(f"ingest: {len(work)} devices pushing at once, {applied:,} records applied in "
          f"{elapsed:.1f} s: {applied / elapsed:,.0f} records/s; {len(errors)} errors"
          + (f" (first: {errors[0]})" if errors else ""))


# ----------------------------------------------------------------------------------- main

def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default=os.environ.get("MOTCUA_BENCH_PG"), required=False)
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--communes", type=int, default=300)
    parser.add_argument("--years", type=float, default=3.0)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--devices", type=int, default=300)
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the schemas")
    parser.add_argument("--ingest-only", action="store_true",
                        help="only the pushes, into the largest (kept) province")
    args = parser.parse_args()
    if not args.pg:
        raise SystemExit("give --pg postgresql://user:pass@host/db (or $MOTCUA_BENCH_PG)")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    sizes = sorted({min(SMALL, args.dossiers), args.dossiers})
    if args.ingest_only:
        sizes = sizes[-1:]
    worst: dict[int, float] = {}
    log = Path("/tmp") / f"bench-province-{os.getpid()}.log"
    print(f"machine load before: {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} "
          f"{os.getloadavg()[2]:.1f} (1, 5, 15 min; {os.cpu_count()} cores)")
    for size in sizes:
        schema = f"bench_{size}"
        print(f"== {size:,} dossiers, {args.communes} communes, {args.years:g} years "
              f"(schema {schema})", flush=True)
        sample = _existing_sample(args.pg, schema) if args.keep else None
        if sample is None:
            sample = build(args.pg, schema, size, args.communes, args.years, now)
            sample.now = now.isoformat()
            _save_sample(args.pg, schema, sample)
        elif sample.now:
            now = dt.datetime.fromisoformat(sample.now)
        url = scoped(args.pg, schema)
        if not args.ingest_only:
            worst[size] = _time_size(url, sample, size, args.repeat, log, now)
        if size == sizes[-1] and args.devices:
            ingest(url, log, args.devices, now)
    if len(worst) > 1:
        print(f"growth {worst[sizes[-1]] / worst[sizes[0]]:.2f}x (worst p95 at "
              f"{sizes[-1]:,} over worst p95 at {sizes[0]:,}; goal ≤ 2×)")
    print(f"machine load after: {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} "
          f"{os.getloadavg()[2]:.1f}")
    if not args.keep:
        with contextlib.closing(psycopg2.connect(args.pg)) as conn, conn.cursor() as cur:
            conn.autocommit = True
            for size in sizes:
                cur.execute(f'DROP SCHEMA IF EXISTS "bench_{size}" CASCADE')


def _time_size(url: str, sample: Sample, size: int, repeat: int, log: Path,
               now: dt.datetime) -> float:
    """Every page and export of one province; returns the worst p95."""
    communes = _accounts(url, now)
    plan = pages(sample, communes, random.Random(size), now)
    with server(url, log, now) as hub:
        results = time_pages(hub.base, plan, repeat, communes[0])
    worst = max(p95 for _, p95 in results.values())
    print(f"  worst p95 at {size:,}: {worst:.1f} ms; load {os.getloadavg()[0]:.1f}", flush=True)
    return worst


def _accounts(url: str, now: dt.datetime) -> list[str]:
    database = open_hub(url, now=lambda: now)
    with database.connection_context():
        from models import Commune

        communes = [c for (c,) in Commune.select(Commune.code).order_by(Commune.code).tuples()]
        save_user(Account("bench-tinh", PASSWORD, "Văn phòng UBND tỉnh", "admin"),
                  now=lambda: now)
        save_user(Account("bench-xa", PASSWORD, "Chủ tịch xã", "commune", communes[0]),
                  now=lambda: now)
    database.close()
    return communes


def _save_sample(dsn: str, schema: str, sample: Sample) -> None:
    with contextlib.closing(psycopg2.connect(dsn)) as conn, conn.cursor() as cur:
        cur.execute(f'CREATE TABLE "{schema}".bench_sample (body TEXT)')
        cur.execute(f'INSERT INTO "{schema}".bench_sample VALUES (%s)',
                    (json.dumps(sample.__dict__, ensure_ascii=False),))
        conn.commit()


def _existing_sample(dsn: str, schema: str) -> Sample | None:
    with contextlib.closing(psycopg2.connect(dsn)) as conn, conn.cursor() as cur:
        cur.execute("SELECT to_regclass(%s)", (f'"{schema}".bench_sample',))
        if cur.fetchone()[0] is None:
            return None
        cur.execute(f'SELECT body FROM "{schema}".bench_sample')
        return Sample(**json.loads(cur.fetchone()[0]))


if __name__ == "__main__":
    main()
