"""A real upstream server in a subprocess, desks on SQLite files, and the glue between them.

The desk code binds the shared ``models.db`` proxy; ``bound`` swaps it so one test process can
drive several desks and read the server's database between steps.

The server runs on the test's clock: started at the test's fixed instant (tests.conftest
``clock``), ticking from there (tests.clocked), and so does every admin step taken here; a desk
runs on the fixed clock it is given.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import peewee
import pytest

from desk import intake, setup
from desk.clock import Now
from desk.database import open_database
from models import Applicant, Dossier, DossierEvent, ReceivedDocument, db
from models.hub import Device
from models.wire import dossier_record, event_record
from server import enrolment
from server.communes import add_commune
from server.database import connect
from tests import clocked
from tests.clocked import TickingClock

ENV_PG = "MOTCUA_TEST_PG"
SERVER = Path(sys.executable).with_name("motcua-server")
PERSON = intake.ApplicantInput(name="Đặng Văn Đức", id_number="079203001234",
                               phone="0912345678", address="Thôn Đông, xã Tân Phú")


@contextlib.contextmanager
def bound(database: peewee.Database) -> Iterator[peewee.Database]:
    previous = db.obj
    db.initialize(database)
    try:
        yield database
    finally:
        db.initialize(previous)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def choose_dialect(dialect: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``hub_url`` give a SQLite file, or PostgreSQL (skipped when no DSN is set)."""
    if dialect == "sqlite":
        monkeypatch.delenv(ENV_PG, raising=False)
    elif not os.environ.get(ENV_PG):
        pytest.skip(f"{ENV_PG} is not set")


@contextlib.contextmanager
def running_hub(tmp_path: Path, communes: list[tuple[str, str, str]],
                start: dt.datetime) -> Iterator[Hub]:
    """A started server on a fresh database with ``communes`` registered, its clock starting at
    ``start``; stopped after."""
    with hub_url(tmp_path) as url:
        server = Hub(url, tmp_path / "server.log", start=start).start()
        try:
            for commune in communes:
                server.add_commune(*commune)
            yield server
        finally:
            server.stop()


@contextlib.contextmanager
def hub_url(tmp_path: Path) -> Iterator[str]:
    """A fresh server database: its own PostgreSQL schema when MOTCUA_TEST_PG is set."""
    base = os.environ.get(ENV_PG)
    if not base:
        yield str(tmp_path / "hub.sqlite3")
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with contextlib.closing(_pg_admin(base)) as conn, conn.cursor() as cur:
        cur.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with contextlib.closing(_pg_admin(base)) as conn, conn.cursor() as cur:
            cur.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _pg_admin(dsn: str):  # noqa: ANN202
    import psycopg2

    conn = psycopg2.connect(dsn)
    conn.autocommit = True
    return conn


class Hub:
    """The server process plus a handle on its database for admin steps and checks."""

    def __init__(self, url: str, log: Path, workers: int = 1, *, start: dt.datetime) -> None:
        self.url = url
        self.workers = workers
        self.started_at = start
        # Admin steps here and the server process share the instant they start from; several
        # worker processes run ``motcua-server serve`` itself, on the wall clock.
        self.now: Now = TickingClock(start)
        self.log = log
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.database = connect(url)

    def start(self, wait: float = 30) -> Hub:
        self.port = self.port or free_port()
        serve = ["--db", self.url, "serve", "--port", str(self.port), "--workers",
                 str(self.workers)]
        command = ([str(SERVER), *serve] if self.workers > 1
                   else clocked.command(self.now(), "motcua-server", *serve))
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=log, cwd=clocked.ROOT)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("server exited: " + self.log.read_text()[-2000:])
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.base + "/api/v1/health", timeout=1).status_code == 200:
                    return self
            time.sleep(0.1)
        self.stop()  # not left running behind the caller, who has no handle on it yet
        raise RuntimeError(f"server did not answer within {wait:g} s")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler, no flush, as a power cut would do it."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.database.close()

    @contextlib.contextmanager
    def session(self) -> Iterator[None]:
        with bound(self.database), self.database.connection_context():
            yield

    def admin(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        """``motcua-server --db URL ARGS...`` as an administrator runs it, on the hub's clock."""
        return subprocess.run(clocked.command(self.now(), "motcua-server", "--db", self.url, *args),
                              capture_output=True, text=True, input=stdin, timeout=60,
                              cwd=clocked.ROOT)

    def add_commune(self, code: str, name: str, agency: str) -> None:
        with self.session():
            add_commune(code, name, agency)

    def enrolment_code(self, commune: str) -> str:
        with self.session():
            return enrolment.make_code(commune, now=self.now)[0]

    def revoke(self, device_id: str) -> None:
        with self.session():
            enrolment.revoke(device_id, now=self.now)

    def device(self, device_id: str) -> Device:
        with self.session():
            return Device.get_by_id(device_id)

    def counts(self, commune: str) -> tuple[int, int]:
        with self.session():
            return (Dossier.select().where(Dossier.commune_code == commune).count(),
                    DossierEvent.select().where(DossierEvent.commune_code == commune).count())

    def content_hash(self, commune: str) -> str:
        with self.session():
            return content_hash(commune)


class DeskHarness:
    """One desk: a SQLite file initialised for a commune, running on the clock ``now``."""

    def __init__(self, path: Path, commune: tuple[str, str, str], number: int = 0, *,
                 now: Now) -> None:
        self.path = path
        self.commune = commune[0]
        self.now = now
        self.database = open_database(path, now=now)
        with self.session():
            setup.initialize(*commune, desk_number=number, now=now)

    @contextlib.contextmanager
    def session(self) -> Iterator[None]:
        with bound(self.database):
            yield

    def close(self) -> None:
        self.database.close()


def content_hash(commune: str) -> str:
    """A digest of every dossier of ``commune`` with its events, in wire form (projections
    excluded: every side derives those)."""
    digest = hashlib.sha256()
    for dossier in Dossier.select().where(Dossier.commune_code == commune).order_by(Dossier.id):
        documents = list(dossier.documents.order_by(ReceivedDocument.position))
        applicant = Applicant.get_by_id(dossier.applicant_id)
        digest.update(_canonical(dossier_record(dossier, applicant, documents)))
        for event in dossier.events.order_by(DossierEvent.id):
            digest.update(_canonical(event_record(event)))
    return digest.hexdigest()


def _canonical(record: dict[str, object]) -> bytes:
    return json.dumps(record, sort_keys=True, ensure_ascii=False).encode() + b"\n"
