"""A short run of the crash-and-fault harness (bench/crash.py): the same rounds as the long
run the README quotes, few enough to finish in under a minute here."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from types import ModuleType

import pytest

from desk import intake
from desk.context import load_context
from models import Dossier, Outbox
from tests import clocked
from tests.sync.harness import PERSON

LAST_LINE = re.compile(r"crash: (\d+) kills, (\d+) faults, (\d+) lost, (\d+) doubled, (.+)")


def run_harness(*args: str) -> tuple[subprocess.CompletedProcess[str], re.Match[str]]:
    argv = [sys.executable, "bench/crash.py", *args]
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          cwd=clocked.ROOT) as process:
        try:
            out, err = process.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            process.terminate()  # SIGTERM: the harness stops its server and drops its schema
            out, err = process.communicate(timeout=60)
    done = subprocess.CompletedProcess(argv, process.returncode, out, err)
    lines = done.stdout.strip().splitlines()
    match = LAST_LINE.fullmatch(lines[-1]) if lines else None
    assert match, done.stdout + done.stderr
    return done, match


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_kills_and_faults_lose_and_double_nothing(dialect):
    args = ["--kills", "2", "--seed", "3"]
    if dialect == "postgresql":
        if not os.environ.get("MOTCUA_TEST_PG"):
            pytest.skip("MOTCUA_TEST_PG is not set")
        args += ["--pg", os.environ["MOTCUA_TEST_PG"]]
    done, match = run_harness(*args)
    kills, faults, lost, doubled = (int(match.group(n)) for n in range(1, 5))
    assert (lost, doubled, match.group(5)) == (0, 0, "integrity ok"), done.stdout
    assert kills == 2 and faults >= 1, "kills landed and the proxy misbehaved"
    assert done.returncode == 0


def harness_module() -> ModuleType:
    """bench/ is scripts, not a package: load the file (dataclasses need it in sys.modules)."""
    name = "bench_crash"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, clocked.ROOT / "bench" / "crash.py")
    assert spec and spec.loader
    module = sys.modules[name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_checks_see_a_lost_outbox_row_and_a_projection_off_its_fold(desk_factory):
    """The harness's green line means something only if its checks can go red."""
    crash, desk = harness_module(), desk_factory()
    with desk.session():
        ctx = load_context(now=desk.now)
        dossier = intake.receive(ctx, intake.IntakeRequest("1.001193", PERSON), now=ctx.now)
        assert crash.outbox_problems() == []
        assert crash.projection_problems(desk.commune) == []
        Outbox.delete().where(Outbox.record_type == "event").execute()
        Dossier.update(status="returned").where(Dossier.id == dossier.id).execute()
        assert [p for p in crash.outbox_problems() if p.startswith("outbox misses ('event'")]
        assert crash.projection_problems(desk.commune) == [
            f"projection of {dossier.code} differs from the fold of its events"]
