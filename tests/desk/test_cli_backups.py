"""motcua backup and restore as an administrator runs them."""

import json
import os

from desk.instance import InstanceLock

ADMIN = {"password": "mat-khau-quan-tri"}
INTAKE = ("intake", "--procedure", "1.001193", "--name", "Đặng Văn Đức",
          "--id-number", "079203001234")


def test_backup_then_restore_with_what_would_be_lost(staffed, tmp_path):
    first = json.loads(staffed("--as", "hong", *INTAKE, "--json",
                               password="mat-khau-hong").stdout)["code"]
    out = tmp_path / "usb" / "motcua.backup"
    out.parent.mkdir()
    made = json.loads(staffed("--as", "admin", "backup", "--out", str(out), "--json",
                              **ADMIN).stdout)
    assert made == {"file": str(out), "bytes": out.stat().st_size, "verified": True}
    lost = json.loads(staffed("--as", "hong", *INTAKE, "--json",
                              password="mat-khau-hong").stdout)["code"]

    clerk = staffed("--as", "hong", "backup", password="mat-khau-hong", check=False)
    assert clerk.returncode != 0 and "sao lưu" in clerk.stderr
    asked = staffed("--as", "admin", "restore", str(out), **ADMIN, check=False)
    assert asked.returncode != 0
    assert "SẼ MẤT HẲN 1 hồ sơ" in asked.stderr and "--yes" in asked.stderr

    done = json.loads(staffed("--as", "admin", "restore", str(out), "--yes", "--json",
                              **ADMIN).stdout)
    assert done["lost_dossiers"] == [lost] and os.path.exists(done["kept_aside"])
    found = json.loads(staffed("--as", "hong", "search", "dang van duc", "--json",
                               password="mat-khau-hong").stdout)
    assert [r["code"] for r in found] == [first]
    again = json.loads(staffed("--as", "hong", *INTAKE, "--json",
                               password="mat-khau-hong").stdout)["code"]
    assert again not in (first, lost)  # the lost dossier's code is never given twice
    audit = json.loads(staffed("--as", "admin", "audit", "--json", **ADMIN).stdout)
    assert "restore" in [r["action"] for r in audit]


def test_restore_refuses_while_the_window_is_open(staffed, tmp_path):
    out = tmp_path / "b.sqlite3"
    staffed("--as", "admin", "backup", "--out", str(out), **ADMIN)
    lock = InstanceLock(tmp_path)
    assert lock.acquire()
    try:
        refused = staffed("--as", "admin", "restore", str(out), "--yes", "--json", **ADMIN,
                          check=False)
        assert json.loads(refused.stderr)["error"] == "window_open"
    finally:
        lock.release()


def test_a_damaged_database_is_restored_without_signing_in(staffed, tmp_path):
    out = tmp_path / "b.sqlite3"
    staffed("--as", "admin", "backup", "--out", str(out), **ADMIN)
    path = tmp_path / "motcua.sqlite3"
    data = bytearray(path.read_bytes())
    data[:4096] = os.urandom(4096)  # the first page: nothing opens it any more
    path.write_bytes(bytes(data))
    broken = staffed("--as", "admin", "users", "list", "--json", **ADMIN, check=False)
    assert json.loads(broken.stderr)["error"] == "cannot_open_database"
    done = json.loads(staffed("restore", str(out), "--yes", "--json").stdout)
    assert done["current_readable"] is False
    users = json.loads(staffed("--as", "admin", "users", "list", "--json", **ADMIN).stdout)
    assert len(users) == 3


def test_a_junk_file_is_refused_in_vietnamese(staffed, tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a backup at all" * 100)
    refused = staffed("--as", "admin", "restore", str(junk), "--yes", **ADMIN, check=False)
    assert refused.returncode != 0 and "không mở được" in refused.stderr
