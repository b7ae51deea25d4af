"""The ``motcua`` CLI as a script runs it: a real subprocess per command on a real data folder."""

import datetime as dt
import os
import subprocess

import pytest

from tests import clocked


@pytest.fixture
def run(tmp_path, clock_start):
    # A week after the instants the tests write down, as when paper records are entered; each
    # command a minute after the one before (every process starts its clock afresh).
    calls = []

    def call(*args, check=True, password=None, stdin=None):
        calls.append(args)
        at = clock_start + dt.timedelta(days=7, minutes=len(calls))
        env = {**os.environ}
        if password is not None:
            env["MOTCUA_PASSWORD"] = password
        result = subprocess.run(
            clocked.command(at, "motcua", "--data-dir", str(tmp_path), *args), env=env,
            capture_output=True, text=True, timeout=60, input=stdin, cwd=clocked.ROOT)
        if check and result.returncode != 0:
            raise AssertionError(result.stderr)
        return result

    return call


@pytest.fixture
def initialised(run):
    run("init", "--commune-code", "26734", "--commune-name", "Xã Tân Phú",
        "--agency-code", "000.00.12.H12")
    return run


@pytest.fixture
def staffed(initialised):
    initialised("users", "add", "admin", "--name", "Lê Văn Quản", "--role", "admin",
                "--password-stdin", stdin="mat-khau-quan-tri\n")
    for login, name, role in (("hong", "Trần Thị Hồng", "clerk"),
                              ("lanh.dao", "Phạm Văn Lãnh", "leader")):
        initialised("--as", "admin", "users", "add", login, "--name", name, "--role", role,
                    "--password-stdin", password="mat-khau-quan-tri", stdin=f"mat-khau-{login}\n")
    return initialised
