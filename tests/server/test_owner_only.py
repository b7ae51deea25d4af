"""The server's files are its owner's only (server.files), even under a umask of 0: the real
server is started, takes a desk's records and writes a reply, then its files are stat'ed."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.sync import bundle, session
from server import cli, database
from tests.sync.conftest import AN_BINH, TAN_PHU
from tests.sync.harness import choose_dialect, running_hub
from tests.sync.test_sync_roundtrip import enrolled, receive


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """Every permission the process umask allows: what the server writes must not rely on it
    (the server's subprocesses inherit it)."""
    previous = os.umask(0)
    yield
    os.umask(previous)


@pytest.fixture
def sqlite_hub(monkeypatch, open_umask, tmp_path, clock):
    choose_dialect("sqlite", monkeypatch)
    with running_hub(tmp_path, [TAN_PHU, AN_BINH], start=clock()) as server:
        yield server


def test_the_database_and_its_wal_are_owner_only_after_an_ingest(sqlite_hub, desk_factory,
                                                                  tmp_path):
    desk = enrolled(sqlite_hub, desk_factory)
    exported = tmp_path / "out.bundle"
    with desk.session():
        receive(desk, 2)
        assert session.sync(now=desk.now)["pushed"] == 4
        receive(desk, 1)
        bundle.export(exported, now=desk.now)
    reply = tmp_path / "reply.bundle"
    done = sqlite_hub.admin("import-bundle", str(exported), "--reply", str(reply))
    assert done.returncode == 0, done.stderr
    files = [Path(sqlite_hub.url + suffix) for suffix in ("", "-wal", "-shm")] + [reply]
    with sqlite_hub.session():  # the -wal and -shm exist while a connection is open
        assert sqlite_hub.counts("26734") == (3, 3)
        modes = {f.name: oct(mode(f)) for f in files}
    assert modes == {f.name: "0o600" for f in files}


def test_a_database_left_readable_by_an_earlier_release_is_narrowed(open_umask, tmp_path):
    path = tmp_path / "hub.sqlite3"
    for suffix in ("", "-wal"):
        Path(str(path) + suffix).write_bytes(b"")
        Path(str(path) + suffix).chmod(0o644)
    database.connect(str(path)).close()
    assert (mode(path), mode(Path(str(path) + "-wal"))) == (0o600, 0o600)


def test_the_default_data_folder_and_the_crash_log_are_owner_only(open_umask, monkeypatch,
                                                                  tmp_path):
    monkeypatch.delenv(database.ENV_DB, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    url = Path(database.default_url())
    try:
        raise RuntimeError("a failure with a record in it")
    except RuntimeError:
        log = cli._log_crash("serve")  # noqa: SLF001 - the path every crash takes
    assert (oct(mode(url.parent)), oct(mode(log.parent)), oct(mode(log))) == (
        "0o700", "0o700", "0o600")
