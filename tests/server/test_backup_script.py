"""The shipped nightly backup (installer/server/motcua-backup.sh) against real PostgreSQL:
a dump that pg_restore reads back, no half-written file left, old dumps pruned."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.sync.harness import ENV_PG

SCRIPT = Path(__file__).parents[2] / "installer" / "server" / "motcua-backup.sh"


@pytest.mark.pg
def test_the_nightly_backup_dumps_a_restorable_file_and_prunes_old_ones(tmp_path):
    dsn = os.environ.get(ENV_PG)
    if not dsn:
        pytest.skip(f"{ENV_PG} is not set")
    old = tmp_path / "motcua-20250101-013000.dump"
    old.write_bytes(b"old")
    month_ago = time.time() - 40 * 86400
    os.utime(old, (month_ago, month_ago))
    done = subprocess.run(["sh", str(SCRIPT)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "MOTCUA_BACKUP_DB": dsn,
                               "MOTCUA_BACKUP_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    dumps = sorted(tmp_path.glob("motcua-*.dump"))
    assert len(dumps) == 1 and dumps[0] != old
    assert not list(tmp_path.glob(".*.part"))
    assert oct(dumps[0].stat().st_mode & 0o777) == "0o600"
    listing = subprocess.run(["pg_restore", "--list", str(dumps[0])], capture_output=True,
                             text=True, check=True).stdout
    assert "PGDMP" not in listing and ";" in listing  # a table of contents, read back
