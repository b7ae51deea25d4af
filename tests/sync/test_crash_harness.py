"""A short run of the crash-and-fault harness (bench/crash.py): the same rounds as the long
run the README quotes, few enough to finish in under a minute here."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests import clocked

LAST_LINE = re.compile(r"crash: (\d+) kills, (\d+) faults, (\d+) lost, (\d+) doubled, (.+)")


def run_harness(*args: str) -> tuple[subprocess.CompletedProcess[str], re.Match[str]]:
    done = subprocess.run([sys.executable, "bench/crash.py", *args], capture_output=True,
                          text=True, timeout=300, cwd=clocked.ROOT)
    lines = done.stdout.strip().splitlines()
    match = LAST_LINE.fullmatch(lines[-1]) if lines else None
    assert match, done.stdout + done.stderr
    return done, match


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_kills_and_faults_lose_and_double_nothing(dialect):
    args = ["--kills", "3", "--seed", "3"]
    if dialect == "postgresql":
        if not os.environ.get("MOTCUA_TEST_PG"):
            pytest.skip("MOTCUA_TEST_PG is not set")
        args += ["--pg", os.environ["MOTCUA_TEST_PG"]]
    done, match = run_harness(*args)
    kills, faults, lost, doubled = (int(match.group(n)) for n in range(1, 5))
    assert (lost, doubled, match.group(5)) == (0, 0, "integrity ok"), done.stdout
    assert kills == 3 and faults >= 1, "kills landed and the proxy misbehaved"
    assert done.returncode == 0
