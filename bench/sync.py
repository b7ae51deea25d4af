"""Sync figures (issue #5). Prints, asserts nothing.

1. Bytes on the wire per dossier for a weekly batch of 1,000 dossiers with four events each
   (goal ≤ 150 B), counted at the socket, HTTP headers included.
2. Time for that batch through a shaping proxy at 64 kbit/s, 300 ms RTT, 2 % loss, next to
   bytes ÷ bandwidth (goal ≤ 1.3×). Loss is modelled per 1,400-byte segment as one extra RTT
   (a fast retransmit); the link serialises bytes in both directions.
3. Server ingest in records/s on PostgreSQL (goal ≥ 10,000/s; SQLite when no DSN is given),
   one device, then 100 devices pushing at once, with bodies built before the clock starts.

Usage: python bench/sync.py [--dossiers 1000] [--devices 100] [--workers 1] [--pg DSN]
       [--only wire|ingest]
(DSN default: $MOTCUA_BENCH_PG or $MOTCUA_TEST_PG.)
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import queue
import random
import socket
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import keyring
import zstandard

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import keyring_setup  # noqa: E402, F401 - before desk/: where database keys go

from desk import events, intake  # noqa: E402
from desk.citizen_id import PROVINCE_CODES  # noqa: E402
from desk.context import load_context  # noqa: E402
from desk.demo import GIVEN, HAMLETS, MIDDLE, MOBILE_PREFIXES, SURNAMES  # noqa: E402
from desk.ids import new_id  # noqa: E402
from desk.sync import enrolment, session  # noqa: E402
from desk.sync.batching import BatchSizer, next_batch  # noqa: E402
from models import Outbox  # noqa: E402
from models.wire import BODY_V2, MEDIA_V1, MEDIA_V2, encode_body_v2  # noqa: E402
from tests.conftest import CLOCK_START, FixedClock  # noqa: E402
from tests.sync.harness import DeskHarness, Hub, hub_url  # noqa: E402
from tests.sync.keyrings import MemoryKeyring  # noqa: E402

COMMUNE = ("26734", "Xã Tân Phú", "000.00.12.H12")
PROVINCES = sorted(PROVINCE_CODES)
KIND_STEPS = ("assigned", "result_ready", "returned")  # + "received" = four events


# ---------------------------------------------------------------- the weekly batch on a desk

def fill_week(desk: DeskHarness, count: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    ctx = load_context(now=desk.now)
    start = ctx.now() - dt.timedelta(days=7)
    for i in range(count):
        person = intake.ApplicantInput(
            name=f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            id_number=f"{rng.choice(PROVINCES)}{rng.choice('0123')}{rng.randint(0, 99):02d}"
                      f"{rng.randint(0, 999_999):06d}",
            phone=f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 9_999_999):07d}",
            address=f"{rng.choice(HAMLETS)}, xã Tân Phú")
        received = start + dt.timedelta(minutes=i * 7)
        dossier = intake.receive(ctx, intake.IntakeRequest("1.001193", person,
                                                           received_at=received), now=ctx.now)
        for step, kind in enumerate(KIND_STEPS, start=1):
            events.record(ctx, dossier.code, kind, at=received + dt.timedelta(minutes=step),
                          now=ctx.now)


def batch_bytes() -> tuple[int, int, int]:
    """(NDJSON bytes, zstd bytes, batches) as the desk would cut the outbox."""
    sizer, after, raw, wire, batches = BatchSizer(), 0, 0, 0, 0
    while (batch := next_batch(sizer, after)) is not None:
        raw, wire, batches = raw + batch.raw_size, wire + len(batch.body), batches + 1
        after = batch.last
    return raw, wire, batches


# ---------------------------------------------------------------------- the shaping proxy

class ShapingProxy:
    """TCP relay that behaves like a 2G link: bandwidth, latency and segment loss."""

    def __init__(self, upstream: int, kbit: float, rtt: float, loss: float) -> None:
        self.upstream, self.rate = upstream, kbit * 1000 / 8
        self.one_way, self.rtt, self.loss = rtt / 2, rtt, loss
        self.rng = random.Random(7)
        self.bytes = 0
        self.server = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream))
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(src, dst), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket) -> None:
        free_at, due, segments = time.monotonic(), 0.0, queue.Queue()
        threading.Thread(target=self._deliver, args=(segments, dst), daemon=True).start()
        while chunk := _recv(src):
            for start in range(0, len(chunk), 1400):
                segment = chunk[start:start + 1400]
                self.bytes += len(segment)
                free_at = max(free_at, time.monotonic()) + len(segment) / self.rate
                penalty = self.rtt if self.rng.random() < self.loss else 0.0
                # TCP delivers in order: a lost segment holds back every one behind it.
                due = max(due, free_at + self.one_way + penalty)
                segments.put((due, segment))
        segments.put((max(due, free_at + self.one_way), b""))

    @staticmethod
    def _deliver(segments: queue.Queue, dst: socket.socket) -> None:
        while True:
            due, segment = segments.get()
            time.sleep(max(0.0, due - time.monotonic()))
            with contextlib.suppress(OSError):
                if not segment:
                    dst.shutdown(socket.SHUT_WR)
                    return
                dst.sendall(segment)


def _recv(sock: socket.socket) -> bytes:
    try:
        return sock.recv(65536)
    except OSError:
        return b""


# --------------------------------------------------------------------------- server ingest

def synthetic_batch(commune: str, agency: str, dossiers: int, first_seq: int) -> bytes:
    """A push body as a desk sends it (v2 columns, zstd)."""
    body = encode_body_v2(synthetic_records(commune, agency, dossiers, first_seq))
    assert body is not None
    return zstandard.ZstdCompressor(level=19).compress(body)


def synthetic_records(commune: str, agency: str, dossiers: int,
                      first_seq: int) -> list[tuple[int, dict]]:
    """(seq, record) pairs in the wire format for ``dossiers`` dossiers and their four events
    each, without a desk database."""
    lines, seq, now = [], first_seq, CLOCK_START.astimezone(dt.UTC)
    for i in range(dossiers):
        dossier_id, at = new_id(), (now - dt.timedelta(minutes=dossiers - i)).isoformat()
        code = f"{agency}-261116-{seq:04d}"[-48:]
        record = {"type": "dossier", "v": 1, "id": dossier_id, "commune_code": commune,
                  "desk_id": new_id(), "code": code, "procedure_code": "1.001193",
                  "received_at": at, "received_by": "", "channel": "direct",
                  "return_method": "counter", "sets_count": 1, "fee_amount": 0, "note": "",
                  "ledger_book": "", "ledger_entry": i + 1, "documents": [],
                  "applicant": {"id": new_id(), "name": "Nguyễn Văn An", "id_number":
                                "079203001234", "phone": "", "address": "", "email": "",
                                "birth_date": None, "sex": ""}}
        lines.append((seq, record))
        seq += 1
        for n, kind in enumerate(("received", *KIND_STEPS)):
            data = {"due_at": at, "deadline_at": at} if kind == "received" else {}
            lines.append((seq, {
                "type": "event", "v": 1, "id": new_id(), "commune_code": commune,
                "dossier_id": dossier_id, "kind": kind, "at": at, "recorded_at": at,
                "hlc": f"{int(now.timestamp() * 1000):015d}-{n:06d}", "actor": "",
                "origin": "desk", "note": "", "data": data}))
            seq += 1
    return lines


def body_type(body: bytes) -> str:
    inner = zstandard.ZstdDecompressor().decompressobj().decompress(body)
    return MEDIA_V2 if inner.startswith(BODY_V2) else MEDIA_V1


def push_bodies(base: str, token: str, bodies: list[bytes]) -> None:
    """Push prepared bodies one after the other, as a desk does."""
    with httpx.Client(timeout=120) as client:
        for body in bodies:
            answer = client.post(base + "/api/v1/sync/push", content=body, headers={
                "Authorization": f"Bearer {token}", "Content-Encoding": "zstd",
                "Content-Type": body_type(body)})
            answer.raise_for_status()


def prepared(commune: str, agency: str, dossiers: int) -> list[bytes]:
    """``dossiers`` dossiers (five records each) in 80-dossier batches of 400 records, as a
    desk cuts them."""
    return [synthetic_batch(commune, agency, min(80, dossiers - start), 1 + start * 5)
            for start in range(0, dossiers, 80)]


def device_tokens(hub: Hub, count: int) -> list[tuple[str, str, str]]:
    tokens = []
    for n in range(count):
        code, agency = f"5{n:04d}", f"000.{n:02d}.{n // 100}.H99"
        hub.add_commune(code, f"Xã {n}", agency)
        answer = httpx.post(hub.base + "/api/v1/enrol", json={"code": hub.enrolment_code(code)})
        tokens.append((f"{answer.json()['device_id']}.{answer.json()['secret']}", code, agency))
    return tokens


# ------------------------------------------------------------------------------ the figures

def wire_figures(hub: Hub, folder: Path, dossiers: int) -> None:
    desk = DeskHarness(folder / "week.sqlite3", COMMUNE, now=FixedClock(CLOCK_START))
    proxy = ShapingProxy(hub.port, kbit=64, rtt=0.3, loss=0.02)
    with desk.session():
        enrolment.enroll(proxy.url, hub.enrolment_code(COMMUNE[0]), now=desk.now)
        session.sync(now=desk.now)  # first contact: the catalogue comes down once, not weekly
        fill_week(desk, dossiers)
        records = Outbox.select().where(Outbox.state == "pending").count()
        raw, wire, batches = batch_bytes()
        proxy.bytes = 0
        started = time.monotonic()
        session.transport(now=desk.now).close()
        from desk.sync import push  # the weekly push alone, as the clerk waits for it

        push.push(session.transport(now=desk.now), now=desk.now)
        elapsed = time.monotonic() - started
    on_wire = proxy.bytes
    print(f"weekly batch: {dossiers} dossiers, {records} records, {batches} request(s)")
    print(f"  NDJSON {raw / dossiers:.0f} B/dossier, zstd body {wire / dossiers:.0f} B/dossier, "
          f"on the wire (both ways, headers included) {on_wire / dossiers:.0f} B/dossier "
          "(goal ≤ 150 B)")
    ideal = on_wire * 8 / 64_000
    print(f"  64 kbit/s, 300 ms RTT, 2 % loss: {elapsed:.1f} s; bytes ÷ bandwidth {ideal:.1f} s; "
          f"ratio {elapsed / ideal:.2f}× (goal ≤ 1.3×)")
    desk.close()


def ingest_figures(hub: Hub, dossiers: int, devices: int) -> None:
    """Bodies are built before the clock starts: the server's rate is measured, not the
    client's (on this 2-core machine both share the CPU with PostgreSQL)."""
    tokens = device_tokens(hub, devices + 1)
    token, commune, agency = tokens.pop()
    bodies = prepared(commune, agency, dossiers * 4)
    sent, started = dossiers * 4 * 5, time.monotonic()
    push_bodies(hub.base, token, bodies)
    print(f"server ingest, 1 device: {sent / (time.monotonic() - started):,.0f} records/s "
          f"({sent} records; goal ≥ 10,000/s)")
    each = max(5, dossiers // 10)
    work = [(t, prepared(code, agency, each)) for t, code, agency in tokens]
    total, started = devices * each * 5, time.monotonic()
    with ThreadPoolExecutor(devices) as pool:
        list(pool.map(lambda w: push_bodies(hub.base, w[0], w[1]), work))
    elapsed = time.monotonic() - started
    print(f"server ingest, {devices} devices at once: {total / elapsed:,.0f} records/s "
          f"({total} records in {elapsed:.1f} s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1000)
    parser.add_argument("--devices", type=int, default=100)
    parser.add_argument("--workers", type=int, default=1,
                        help="server processes (motcua-server serve --workers)")
    parser.add_argument("--only", choices=("wire", "ingest"), default=None,
                        help="print one figure only")
    parser.add_argument("--pg", default=os.environ.get("MOTCUA_BENCH_PG")
                        or os.environ.get("MOTCUA_TEST_PG"))
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    if args.pg:
        os.environ["MOTCUA_TEST_PG"] = args.pg
    else:
        os.environ.pop("MOTCUA_TEST_PG", None)
    with tempfile.TemporaryDirectory() as tmp, hub_url(Path(tmp)) as url:
        os.environ["MOTCUA_BENCH_LOG"] = str(Path(tmp) / "server.log")
        hub = Hub(url, Path(tmp) / "server.log", workers=args.workers, start=CLOCK_START).start()
        try:
            hub.add_commune(*COMMUNE)
            print(f"server database: {'PostgreSQL' if args.pg else 'SQLite (no DSN given)'}")
            if args.only != "ingest":
                wire_figures(hub, Path(tmp), args.dossiers)
            if args.only != "wire":
                ingest_figures(hub, args.dossiers, args.devices)
        finally:
            hub.stop()


if __name__ == "__main__":
    main()
