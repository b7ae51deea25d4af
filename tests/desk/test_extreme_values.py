"""Extreme instants: refused where a clerk types them, and never a crash where one is stored
(a value written before the range was enforced, or by an older server)."""

import datetime as dt
import itertools
import json
import subprocess

import pytest

from desk import paths
from desk.database import open_database
from tests.clocked import ROOT, command
from tests.conftest import CLOCK_START


@pytest.fixture
def run(tmp_path, clock_start):
    minutes = itertools.count()  # each process starts a minute after the one before

    def call(*args, check=True):
        start = clock_start + dt.timedelta(minutes=next(minutes))
        result = subprocess.run(command(start, "motcua", "--data-dir", str(tmp_path), *args),
                                capture_output=True, text=True, timeout=60, cwd=ROOT)
        if check and result.returncode != 0:
            raise AssertionError(result.stderr)
        return result

    call("init", "--commune-code", "26734", "--commune-name", "Xã Tân Phú",
         "--agency-code", "000.00.12.H12")
    return call


def intake(run, *extra):
    return run("intake", "--procedure", "1.001193", "--name", "Đặng Văn Đức",
               "--id-number", "079203001234", *extra, "--json", check=False)


def error_of(result) -> str:
    assert result.returncode != 0
    return json.loads(result.stderr)["error"]


def test_instants_no_screen_could_show_are_refused_where_they_are_typed(run):
    assert error_of(intake(run, "--received-at", "0001-01-01T08:00")) == "received_too_early"
    code = json.loads(intake(run).stdout)["code"]
    moved = run("event", code, "reschedule", "--new-due", "9999-12-31T23:00", "--json",
                check=False)
    assert error_of(moved) == "invalid_new_due"
    ledger = run("ledger", "--from", "2026-01-01", "--to", "9999-12-31", "--out", "x.pdf",
                 check=False)
    assert ledger.returncode != 0 and "2000–2099" in ledger.stderr
    assert "Traceback" not in ledger.stderr


def test_a_stored_instant_at_the_end_of_the_calendar_never_stops_show_or_the_ledger(
        run, tmp_path):
    code = json.loads(intake(run).stdout)["code"]
    end = "9999-12-31T23:00:00.000000+00:00"  # +07:00 is past datetime's last day
    database = open_database(paths.database_path(tmp_path), now=lambda: CLOCK_START)
    with database.atomic():  # the encrypted file, with the key the commands stored
        database.execute_sql('UPDATE "dossier" SET "due_at" = ?, "deadline_at" = ?', (end, end))
        database.execute_sql('UPDATE "dossier_event" SET "data" = ?',
                             (json.dumps({"due_at": end, "deadline_at": end}),))
    database.close()
    shown = json.loads(run("show", code, "--json").stdout)
    assert shown["due_at"].startswith("9999-12-31T23:00")
    assert "31/12/9999" in run("show", code).stdout
    run("ledger", "--from", "2026-01-01", "--to", "2026-12-31", "--out",
        str(tmp_path / "ledger.pdf"))
    run("search", "Đức", "--json")
    run("report", "--month", "2026-12", "--json")
    run("receipt", code, "--out", str(tmp_path / "receipt.pdf"))
