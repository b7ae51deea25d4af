"""The device secret stays in a real keyring; the sync commands as a script runs them."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import keyring
import pytest
from keyring.backends import chainer, fail, null

from desk import credentials
from desk.errors import DomainError
from desk.sync import enrolment
from models import Setting, SyncState
from tests import clocked
from tests.sync.conftest import TAN_PHU


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()])
def test_without_a_real_keyring_the_desk_refuses_and_says_why_in_vietnamese(
        hub, desk_factory, backend):
    code = hub.enrolment_code(TAN_PHU[0])
    desk = desk_factory()  # its database key is kept before the keyring goes away
    keyring.set_keyring(backend)
    with desk.session(), pytest.raises(DomainError) as refused:
        enrolment.enroll(hub.base, code, now=desk.now)
    assert refused.value.code == "no_secure_keyring"
    assert "kho khóa" in refused.value.message
    with desk.session():
        assert SyncState.get_or_none(SyncState.id == 1) is None
    keyring.set_keyring(chainer.ChainerBackend())
    assert not credentials.is_safe(fail.Keyring())


def test_the_secret_is_in_the_keyring_and_nowhere_in_the_database(hub, desk_factory):
    desk = desk_factory()
    with desk.session():
        enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=desk.now)
        device_id = SyncState.get_by_id(1).device_id
        secret = credentials.load_secret(device_id)
        stored = [r.value for r in Setting.select()]
    assert len(secret) >= 40
    assert all(secret not in value for value in stored)
    assert secret.encode() not in desk.path.read_bytes()


def run(data_dir: Path, *args: str, env: dict[str, str],
        at: dt.datetime) -> subprocess.CompletedProcess[str]:
    return subprocess.run(clocked.command(at, "motcua", "--data-dir", str(data_dir), *args),
                          capture_output=True, text=True, env=env, timeout=120,
                          cwd=clocked.ROOT)


def test_enroll_sync_and_bundle_commands(hub, tmp_path):
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.sync.keyrings.JsonFileKeyring",
           "MOTCUA_TEST_KEYRING_FILE": str(tmp_path / "keys.json"),
           "PYTHONPATH": str(Path(__file__).parents[2])}
    data = tmp_path / "desk"
    assert run(data, "init", "--commune-code", TAN_PHU[0], "--commune-name", TAN_PHU[1],
               "--agency-code", TAN_PHU[2], env=env, at=hub.now()).returncode == 0
    enrolled = run(data, "enroll", "--server", hub.base, "--code",
                   hub.enrolment_code(TAN_PHU[0]), "--json", env=env, at=hub.now())
    assert enrolled.returncode == 0, enrolled.stderr
    run(data, "intake", "--procedure", "1.001193", "--name", "Lê Thị Mai",
        "--id-number", "079203001234", env=env, at=hub.now())
    synced = run(data, "sync", "--json", env=env, at=hub.now())
    assert synced.returncode == 0, synced.stderr
    shown = json.loads(synced.stdout)
    assert (shown["pushed"], shown["pending"], shown["acked_seq"]) == (2, 0, 2)
    assert shown["pulled"] >= 2
    exported = run(data, "bundle", "export", str(tmp_path / "b.bundle"), "--json", env=env,
                   at=hub.now())
    assert json.loads(exported.stdout)["records"] == 0
    broken = tmp_path / "junk.bundle"
    broken.write_bytes(b"not a bundle")
    failed = run(data, "bundle", "import", str(broken), "--json", env=env, at=hub.now())
    assert failed.returncode == 2
    assert json.loads(failed.stderr)["error"] == "invalid_bundle"


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()])
def test_without_a_real_keyring_no_database_is_created_in_the_clear(tmp_path, backend, clock):
    keyring.set_keyring(backend)
    from desk.database import open_database

    with pytest.raises(DomainError) as refused:
        open_database(tmp_path / "motcua.sqlite3", now=clock)
    assert refused.value.code == "no_secure_keyring"
    assert "dữ liệu công dân" in refused.value.message
    assert not (tmp_path / "motcua.sqlite3").exists()
    keyring.set_keyring(chainer.ChainerBackend())
