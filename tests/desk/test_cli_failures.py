"""The CLI's last resort (DESIGN.md §4): whatever goes wrong prints one line (one JSON object
with --json) and never a traceback, which goes to the log; a reader that stops early is no
error worth a word."""

import json
import subprocess

import pytest

from desk import paths
from desk.database import open_database
from tests import clocked
from tests.conftest import CLOCK_START

INTAKE = ("intake", "--procedure", "1.001193", "--name", "Đặng Văn Đức",
          "--id-number", "079203001234")


@pytest.mark.parametrize(("option", "args"), [
    ("--received-at", (*INTAKE, "--received-at", "not-a-date")),
    ("--at", ("event", "000.00.12.H12-261123-0001", "assign", "--at", "hôm qua")),
    ("--as-of", ("report", "--month", "2026-11", "--as-of", "31/11/2026")),
])
def test_a_bad_instant_is_named_in_vietnamese_and_in_json(initialised, option, args):
    said = initialised(*args, check=False)
    assert said.returncode == 2 and "Traceback" not in said.stderr
    line = said.stderr.strip()
    assert "\n" not in line and option in line and "không phải ngày giờ" in line
    shown = json.loads(initialised(*args, "--json", check=False).stderr)
    assert shown["error"] == "invalid_instant" and option in shown["detail"]


def test_a_bad_database_file_is_refused_in_one_line_never_a_traceback(run, tmp_path):
    """An encrypted desk (#16) reads a file it cannot open as locked: one Vietnamese line
    pointing to the recovery key, and its code with --json."""
    paths.database_path(tmp_path).write_bytes(b"this is not a database " * 200)  # a bad disk
    said = run(*INTAKE, check=False)
    assert said.returncode == 2 and "Traceback" not in said.stderr
    line = said.stderr.strip()
    assert "\n" not in line and "khóa khôi phục" in line
    shown = run(*INTAKE, "--json", check=False)
    assert shown.returncode == 2
    assert json.loads(shown.stderr)["error"] in {"missing_database_key", "cannot_open_database"}


def test_an_unexpected_failure_prints_one_line_and_logs_the_traceback(initialised, tmp_path):
    """A database that opens but lost a table (a damaged disk, a hand edit): no rule foresees it,
    so the last resort speaks, and the log keeps the traceback for whoever supports the desk."""
    database = open_database(paths.database_path(tmp_path), now=lambda: CLOCK_START)
    database.execute_sql("DROP TABLE outbox")
    database.close()
    said = initialised(*INTAKE, check=False)
    assert said.returncode == 1 and "Traceback" not in said.stderr
    line = said.stderr.strip()
    assert "\n" not in line and line.startswith("Lỗi ngoài dự kiến (OperationalError)")
    assert "dữ liệu đã lưu vẫn an toàn" in line
    shown = initialised(*INTAKE, "--json", check=False)
    assert shown.returncode == 1
    error = json.loads(shown.stderr)
    assert error["error"] == "internal_error" and error["detail"].startswith("OperationalError")
    logged = (paths.logs_dir(tmp_path) / "motcua.log").read_text(encoding="utf-8")
    assert "Traceback" in logged and "motcua intake failed" in logged


def test_a_reader_that_stops_early_ends_the_output_quietly(initialised, tmp_path, clock_start):
    command = clocked.command(clock_start, "motcua", "--data-dir", str(tmp_path),
                              "procedures", "--json")
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             cwd=clocked.ROOT)
    child.stdout.close()  # as `| head -0` does, before anything is written
    _, errors = child.communicate(timeout=60)
    assert child.returncode == 1
    assert errors.decode() == ""
