"""Crash-and-fault harness (issue #17): kill -9 and a misbehaving line, then count what was lost.

Every round, on a real data folder driven through the real ``motcua`` CLI and a real
``motcua-server`` (SQLite, or PostgreSQL with ``--pg``):

1. a few intakes run to the end; the codes they print are what a clerk has handed out;
2. faults are planned on the proxy between desk and server (tools.faults: cut requests and
   answers, duplicates, replays, delays, a 413);
3. one SIGKILL at a random instant: of the desk during an intake, of the desk during a step
   (``motcua event``), of the desk during a sync, or of the server while the desk pushes;
4. a sync through the faulty proxy;
5. checks: ``PRAGMA integrity_check`` of the desk (and of the server on SQLite), every printed
   code held exactly once, the stored projection equal to the fold of the events
   (desk.workflow.fold), the outbox holding each record exactly once and nothing acknowledged
   beyond the acknowledged number.

At the end a clean sync (no faults) must leave the server holding exactly the desk's records:
no loss, no double, the same content. Randomness comes from ``--seed``; every process runs on a
clock starting at a fixed instant (tests.clocked), so no result depends on the wall clock.

Usage: python bench/crash.py [--kills 20] [--seed 17] [--pg DSN]
Its last line: ``crash: N kills, F faults, L lost, D doubled, integrity ok`` or what failed
(exit 1).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import keyring

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk import paths, workflow  # noqa: E402
from desk.database import open_database  # noqa: E402
from models import Dossier, DossierEvent, Outbox, SyncState  # noqa: E402
from models.hub import IngestLedger  # noqa: E402
from tests import clocked  # noqa: E402
from tests.conftest import CLOCK_START  # noqa: E402
from tests.sync.harness import Hub, bound, content_hash, hub_url  # noqa: E402
from tests.sync.keyrings import ENV_FILE, JsonFileKeyring  # noqa: E402
from tools.faults import FAULTS, FaultProxy  # noqa: E402

COMMUNE = ("26734", "Xã Tân Phú", "000.00.12.H12")
PROCEDURE = "1.001193"
# The desk's clock runs a few hours behind the server's, as the server refuses stamps from its
# future; every desk process starts a little later than the one before, so that instants and
# hybrid-clock stamps advance as they would over a day at the counter.
DESK_EPOCH = CLOCK_START - dt.timedelta(hours=6)
PROCESS_STEP = dt.timedelta(seconds=20)
KILLS = ("intake", "event", "sync", "server")
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Đặng", "Võ")
GIVEN = ("Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thị Hoa", "Đức Huy")


@dataclass
class Tally:
    kills: int = 0
    printed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    lost: int = 0
    doubled: int = 0


class Desk:
    """A data folder driven only through ``motcua`` processes, each on its own fixed clock."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder, self.env, self.started = folder, env, 0
        # How long an uninterrupted run of each command takes here: kills are drawn over it.
        self.typical: dict[str, float] = {}

    def _argv(self, *args: str) -> list[str]:
        start = DESK_EPOCH + self.started * PROCESS_STEP
        self.started += 1
        return clocked.command(start, "motcua", "--data-dir", str(self.folder), *args)

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        began = time.monotonic()
        done = subprocess.run(self._argv(*args), capture_output=True, text=True, env=self.env,
                              timeout=180, cwd=clocked.ROOT)
        self.typical[args[0]] = time.monotonic() - began
        return done

    def kill_during(self, rng: random.Random, *args: str) -> subprocess.Popen[str]:
        """Start ``motcua ARGS``; the caller kills something at a random instant of its run."""
        return subprocess.Popen(self._argv(*args), stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, env=self.env,
                                cwd=clocked.ROOT)

    def pause(self, rng: random.Random, command: str) -> None:
        """Sleep until a random instant of a typical run of ``command``.

        Most of a short CLI run is Python starting; the database work is its last tenth or so.
        Half the kills are drawn over the whole run, half over its end, so that enough of them
        land inside a transaction, an fsync or a push on the wire."""
        fraction = rng.uniform(0.3, 1.1) if rng.random() < 0.5 else rng.uniform(0.85, 1.05)
        time.sleep(fraction * self.typical.get(command, 1.5))


def intake(desk: Desk, rng: random.Random) -> list[str]:
    return ["intake", "--procedure", PROCEDURE, "--json",
            "--name", f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
            "--id-number", f"0792030{rng.randint(0, 99_999):05d}"]


def printed_code(stdout: str) -> str | None:
    with contextlib.suppress(ValueError, TypeError):
        return str(json.loads(stdout)["code"])
    return None


# ------------------------------------------------------------------------------ one round

@dataclass
class Rig:
    desk: Desk
    hub: Hub
    proxy: FaultProxy
    rng: random.Random
    tally: Tally
    by_kind: Counter[str] = field(default_factory=Counter)
    rounds: int = 0
    seconds: float = 0.0


def one_round(rig: Rig) -> None:
    rng = rig.rng
    for _ in range(rng.randint(1, 2)):
        done = rig.desk.run(*intake(rig.desk, rng))
        if done.returncode == 0 and (code := printed_code(done.stdout)):
            rig.tally.printed.append(code)
    if rig.tally.printed and rng.random() < 0.5:
        rig.desk.run("event", rng.choice(rig.tally.printed), "assign", "--json")
    rig.proxy.plan.extend(rng.sample(FAULTS, rng.randint(1, 2)))
    kind = rng.choice(KILLS)
    if kind == "server":
        kill_server(rig)
    else:
        kill_desk(rig, kind)
    rig.desk.run("sync", "--json")  # through whatever faults are still planned


def kill_desk(rig: Rig, kind: str) -> None:
    rng, tally = rig.rng, rig.tally
    if kind == "event" and not tally.printed:
        kind = "intake"
    args = {"intake": lambda: intake(rig.desk, rng),
            "event": lambda: ["event", rng.choice(tally.printed), "assign", "--json"],
            "sync": lambda: ["sync", "--json"]}[kind]()
    process = rig.desk.kill_during(rng, *args)
    rig.desk.pause(rng, args[0])
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
        tally.kills += 1
        rig.by_kind[f"desk during {kind}"] += 1
    out, _ = process.communicate(timeout=180)
    # A run the kill came too late for finished: the code it printed was handed out.
    if kind == "intake" and process.returncode == 0 and (code := printed_code(out)):
        tally.printed.append(code)


def kill_server(rig: Rig) -> None:
    process = rig.desk.kill_during(rig.rng, "sync", "--json")
    rig.desk.pause(rig.rng, "sync")
    if process.poll() is None:
        rig.hub.kill()
        rig.tally.kills += 1
        rig.by_kind["server during push"] += 1
    process.communicate(timeout=180)
    if rig.hub.process is None or rig.hub.process.poll() is not None:
        rig.hub.start()


# -------------------------------------------------------------------------------- checks

@contextlib.contextmanager
def desk_database(folder: Path) -> Iterator[object]:
    """The desk's own file, opened between processes (never while a ``motcua`` runs)."""
    database = open_database(paths.database_path(folder), now=lambda: DESK_EPOCH)
    try:
        with bound(database):
            yield database
    finally:
        database.close()


def integrity(database: object) -> list[str]:
    rows = database.execute_sql("PRAGMA integrity_check").fetchall()  # type: ignore[attr-defined]
    return [] if rows == [("ok",)] else [f"integrity_check: {rows[:3]}"]


def projection_problems(commune: str) -> list[str]:
    """Every stored projection must be what the one fold makes of the dossier's events."""
    problems = []
    for dossier in Dossier.select().where(Dossier.commune_code == commune):
        state = workflow.project(workflow.facts_from_rows(dossier.events))
        stored = {name: getattr(dossier, name) for name in workflow.COLUMNS}
        if state is None or workflow.columns(state) != stored:
            problems.append(f"projection of {dossier.code} differs from the fold of its events")
    return problems


def outbox_problems() -> list[str]:
    """Each dossier and event queued exactly once, in the same transaction as its write, and
    nothing marked acknowledged above the number the server acknowledged."""
    queued = Counter((r.record_type, r.record_id) for r in Outbox.select())
    written = {("dossier", d.id) for d in Dossier.select(Dossier.id)} | {
        ("event", e.id) for e in DossierEvent.select(DossierEvent.id)}
    problems = [f"outbox misses {k}" for k in sorted(written - queued.keys())]
    problems += [f"outbox holds unknown {k}" for k in sorted(queued.keys() - written)]
    problems += [f"outbox holds {k} {n} times" for k, n in queued.items() if n > 1]
    acked = SyncState.get_or_none(SyncState.id == 1)
    ceiling = int(acked.acked_seq) if acked else 0
    beyond = Outbox.select().where((Outbox.state == "acked") & (Outbox.seq > ceiling)).count()
    strange = Outbox.select().where(Outbox.state.not_in(("pending", "acked", "parked"))).count()
    return problems + ([f"{beyond} rows acked above {ceiling}"] if beyond else []) + (
        [f"{strange} rows in an unknown state"] if strange else [])


def check_round(rig: Rig) -> None:
    tally = rig.tally
    with desk_database(rig.desk.folder) as database:
        tally.problems += integrity(database) + projection_problems(COMMUNE[0])
        tally.problems += outbox_problems()
        held = Counter(code for (code,) in Dossier.select(Dossier.code).tuples())
    missing = [c for c in tally.printed if held[c] == 0]
    tally.lost += len(missing)
    tally.doubled += sum(1 for c in set(tally.printed) if held[c] > 1)
    tally.problems += [f"printed code {c} is not on the desk" for c in missing]
    tally.printed = [c for c in tally.printed if held[c]]  # a loss is counted once
    if not rig.hub.url.startswith("postgres"):
        with rig.hub.session():
            tally.problems += [f"server {p}" for p in integrity(rig.hub.database)]


# ------------------------------------------------------------------------- the final sync

def final_sync(rig: Rig) -> None:
    """A clean line at last: the outbox must empty and the server hold the desk's records."""
    rig.proxy.plan.clear()
    for _ in range(3):
        done = rig.desk.run("sync", "--json")
        if done.returncode == 0 and json.loads(done.stdout)["pending"] == 0:
            break
    else:
        rig.tally.problems.append("the outbox did not empty on a clean line")
    check_round(rig)
    with desk_database(rig.desk.folder):
        desk_ids, outbox_rows = record_ids(COMMUNE[0]), Outbox.select().count()
        local = content_hash(COMMUNE[0])
    with rig.hub.session():
        server_ids, ledger = record_ids(COMMUNE[0]), IngestLedger.select().where(
            IngestLedger.commune_code == COMMUNE[0]).count()
        codes = Counter(c for (c,) in Dossier.select(Dossier.code).where(
            Dossier.commune_code == COMMUNE[0]).tuples())
        rig.tally.problems += [f"server {p}" for p in projection_problems(COMMUNE[0])]
    compare(rig.tally, desk_ids, server_ids, codes)
    if ledger != outbox_rows:
        rig.tally.problems.append(f"server ledger holds {ledger} records, the desk {outbox_rows}")
    if rig.hub.content_hash(COMMUNE[0]) != local:
        rig.tally.problems.append("the server's records differ in content from the desk's")


def record_ids(commune: str) -> set[tuple[str, str]]:
    return {("dossier", d) for (d,) in Dossier.select(Dossier.id).where(
        Dossier.commune_code == commune).tuples()} | {
        ("event", e) for (e,) in DossierEvent.select(DossierEvent.id).where(
            DossierEvent.commune_code == commune).tuples()}


def compare(tally: Tally, desk: set[tuple[str, str]], server: set[tuple[str, str]],
            codes: Counter[str]) -> None:
    lost, extra = desk - server, server - desk
    twice = {c: n for c, n in codes.items() if n > 1}
    tally.lost += len(lost)
    tally.doubled += len(extra) + sum(n - 1 for n in twice.values())
    tally.problems += [f"the server lacks {kind} {rid}" for kind, rid in sorted(lost)[:5]]
    tally.problems += [f"the server holds {kind} {rid} the desk never wrote"
                       for kind, rid in sorted(extra)[:5]]
    tally.problems += [f"the server holds code {c} {n} times" for c, n in twice.items()]


# ---------------------------------------------------------------------------------- main

def set_up(folder: Path, hub: Hub, seed: int) -> Rig:
    keys = folder / "keys.json"
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.sync.keyrings.JsonFileKeyring",
           ENV_FILE: str(keys), "PYTHONPATH": str(clocked.ROOT)}
    os.environ[ENV_FILE] = str(keys)  # the checks open the desk's file with the same keys
    keyring.set_keyring(JsonFileKeyring())
    desk, proxy = Desk(folder / "desk", env), FaultProxy(hub.port, delay=0.5)
    for args in (("init", "--commune-code", COMMUNE[0], "--commune-name", COMMUNE[1],
                  "--agency-code", COMMUNE[2]),
                 ("enroll", "--server", proxy.url, "--code", hub.enrolment_code(COMMUNE[0]))):
        done = desk.run(*args)
        if done.returncode:
            raise SystemExit(f"crash: set-up failed: motcua {args[0]}: {done.stderr.strip()}")
    return Rig(desk, hub, proxy, random.Random(seed), Tally())


def run(kills: int, seed: int, folder: Path, url: str) -> Rig:
    hub = Hub(url, folder / "server.log", start=CLOCK_START).start()
    try:
        hub.add_commune(*COMMUNE)
        rig = set_up(folder, hub, seed)
        began = time.monotonic()  # for the figure printed only: no check reads it
        # A round whose kill came too late kills nothing; the bound only stops a machine so
        # slow that no kill ever lands from running for ever.
        while rig.tally.kills < kills and rig.rounds < 4 * kills + 10:
            one_round(rig)
            check_round(rig)
            rig.rounds += 1
        final_sync(rig)
        rig.seconds = time.monotonic() - began
        rig.proxy.close()
        return rig
    finally:
        hub.stop()


def report(rig: Rig, database: str) -> int:
    tally, seen = rig.tally, Counter(f for f in rig.proxy.seen if f)
    faults = sum(seen.values())
    print(f"server database: {database}; {rig.rounds} rounds in {rig.seconds:.0f} s")
    print("kills: " + ", ".join(f"{k} {n}" for k, n in sorted(rig.by_kind.items())))
    print("faults: " + ", ".join(f"{k} {n}" for k, n in sorted(seen.items())))
    with desk_database(rig.desk.folder):
        print(f"desk: {Dossier.select().count()} dossiers, {Outbox.select().count()} records")
    for problem in tally.problems[:20]:
        print("problem: " + problem)
    verdict = "integrity ok" if not tally.problems else f"{len(tally.problems)} problem(s)"
    print(f"crash: {tally.kills} kills, {faults} faults, {tally.lost} lost, "
          f"{tally.doubled} doubled, {verdict}")
    return 1 if tally.problems or tally.lost or tally.doubled else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--pg", help="PostgreSQL DSN for the server (default: SQLite)")
    args = parser.parse_args()
    # Stopped from outside, the harness still stops its server and drops its schema.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.pg:
        os.environ["MOTCUA_TEST_PG"] = args.pg  # hub_url makes its own schema there
    else:
        os.environ.pop("MOTCUA_TEST_PG", None)
    with tempfile.TemporaryDirectory() as tmp, hub_url(Path(tmp)) as url:
        rig = run(args.kills, args.seed, Path(tmp), url)
        return report(rig, "PostgreSQL" if args.pg else "SQLite (no DSN given)")


if __name__ == "__main__":
    raise SystemExit(main())
