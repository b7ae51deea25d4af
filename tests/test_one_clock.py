"""One clock (DESIGN.md §5): nothing reads the wall clock but the clock itself and the entry
points that choose it, and the suites that compare instants pass with the clock years ahead."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHIFT_OPTION

ROOT = Path(__file__).parents[1]
SCANNED = ("desk", "models", "server")
# desk/clock.py defines ``utcnow``; the entry points choose the clock and hand it on.
ALLOWED = {"desk/clock.py", "desk/cli.py", "server/cli.py", "server/app.py"}
WALL_CALLS = {("datetime", "now"), ("datetime", "utcnow"), ("datetime", "today"),
              ("date", "today"), ("time", "time"), ("time", "time_ns"),
              ("time", "localtime"), ("time", "gmtime"), ("time", "ctime")}
# Run with the clock 365 weeks (seven years, weekdays kept) ahead: the suites that stamp and
# compare instants (sync status, parked records, push and pull, upstream events, enrolment).
# (On SQLite only: the PostgreSQL runs of the same tests add time, not clocks.)
TIME_SENSITIVE = (
    "tests/desk/test_sync_status.py", "tests/desk/test_parked.py",
    "tests/sync/test_sync_roundtrip.py", "tests/sync/test_parked_retry.py",
    "tests/sync/test_upstream_events.py", "tests/sync/test_sync_worker.py",
    "tests/server/test_upstream_events.py", "tests/server/test_server_cli.py",
    "tests/ui/test_parked_dialog.py",
)
SHIFT_WEEKS = 365


def wall_clock_reads(source: str) -> list[tuple[int, str]]:
    """(line, what) for every read of the wall clock in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name | ast.Attribute):
            owner = node.value.id if isinstance(node.value, ast.Name) else node.value.attr
            if (owner, node.attr) in WALL_CALLS:
                found.append((node.lineno, f"{owner}.{node.attr}"))
        if isinstance(node, ast.Name) and node.id == "utcnow":
            found.append((node.lineno, "utcnow"))
        if isinstance(node, ast.ImportFrom) and any(a.name == "utcnow" for a in node.names):
            found.append((node.lineno, "import utcnow"))
    return found


def test_the_scan_sees_every_way_of_reading_the_wall_clock():
    source = ("import datetime as dt, time\nfrom datetime import date, datetime\n"
              "from desk.clock import utcnow\n"
              "a = dt.datetime.now(dt.UTC)\nb = datetime.utcnow()\nc = date.today()\n"
              "d = time.time()\ne = utcnow()\ndef f(now=utcnow): ...\n"
              "ok = time.monotonic() + time.perf_counter()\n")
    assert [what for _, what in wall_clock_reads(source)] == [
        "import utcnow", "datetime.now", "datetime.utcnow", "date.today", "time.time",
        "utcnow", "utcnow"]


def test_only_the_clock_and_the_entry_points_read_the_wall_clock():
    offenders = []
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if name in ALLOWED:
                continue
            offenders += [f"{name}:{line}: {what}"
                          for line, what in wall_clock_reads(path.read_text(encoding="utf-8"))]
    assert offenders == [], "take `now: Now` instead:\n" + "\n".join(offenders)


@pytest.mark.slow
@pytest.mark.timeout(1500)  # a few dozen real servers started one after the other
def test_the_time_sensitive_suites_pass_with_the_clock_years_ahead():
    """Whatever still read the wall clock would be seven years off the tests' clock."""
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow",
         "-k", "not postgresql", f"{SHIFT_OPTION}={SHIFT_WEEKS}", *TIME_SENSITIVE],
        capture_output=True, text=True, cwd=ROOT, timeout=1400)
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert " passed" in summary and "failed" not in summary, summary
