"""Backups: encrypted, verified, rotated 7/4/12, warned about when old or missing; a restore
says what would be lost, keeps the current file aside and never repeats a dossier code."""

import datetime as dt
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from desk import audit, backups, dbkey, intake, restore, settings
from desk.clock import VN_TZ
from desk.context import load_context
from desk.database import open_database
from desk.errors import DomainError
from desk.paths import database_path
from models import DailySequence, Dossier, Outbox, SyncState, db
from tests.conftest import vn

PERSON = intake.ApplicantInput(name="Đặng Văn Đức", id_number="079203001234",
                               phone="0912345678")


def receive(ctx, clock, n=1):
    return [intake.receive(ctx, intake.IntakeRequest("1.001193", PERSON), now=clock).code
            for _ in range(n)]


def refused(code, call, *args, **kwargs):
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value.code
    return caught.value.message


def test_a_backup_is_encrypted_verified_and_recorded(office, database, clock):
    receive(office, clock, 2)
    made = backups.take(db.obj, database.parent, by="admin", now=clock)
    assert made.path.parent == database.parent / "backups"
    assert made.path.name == "motcua-20261123-100000.sqlite3"
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(made.path).execute("SELECT 1 FROM dossier").fetchall()
    assert backups.check(made.path, dbkey.require(database))["commune_code"] == "26734"
    assert backups.status(database.parent, now=clock).warning == ""
    entry = audit.entries()[-1]
    assert (entry["action"], entry["actor"], entry["target"]) == ("backup", "admin",
                                                                 made.path.name)


def test_the_status_bar_warns_after_two_days_and_when_the_folder_is_gone(office, database,
                                                                         clock, tmp_path):
    assert backups.status(database.parent, now=clock).warning == "Chưa có bản sao lưu nào"
    assert backups.due(now=clock)
    backups.take(db.obj, database.parent, by="", now=clock)
    assert not backups.due(now=clock)
    clock.set(clock() + dt.timedelta(days=1))
    assert backups.due(now=clock)  # the first start of the next day takes one
    clock.set(clock() + dt.timedelta(days=1, hours=1))
    assert "đã cũ" in backups.status(database.parent, now=clock).warning
    usb = tmp_path / "usb"
    settings.put("backup.folder", str(usb))
    missing = backups.status(database.parent, now=clock)
    assert missing.warning == "Không thấy thư mục sao lưu (USB chưa cắm?)"
    assert str(usb) in missing.explanation


def test_an_unplugged_folder_is_told_and_nothing_is_lost(office, database, clock, tmp_path):
    settings.put("backup.folder", str(tmp_path / "usb"))
    message = refused("backup_folder_missing", backups.take, db.obj, database.parent, by="",
                      now=clock)
    assert "cắm USB" in message
    assert settings.get("backup.last_good_at") == ""
    assert audit.entries()[-1]["action"] == "backup_failed"


@pytest.fixture
def tiny_disk(tmp_path):
    folder = tmp_path / "full"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_full_folder_is_told_and_earlier_backups_stay(office, database, clock, tiny_disk):
    receive(office, clock, 30)
    (tiny_disk / "motcua-20261122-170000.sqlite3").write_bytes(b"an earlier backup")
    settings.put("backup.folder", str(tiny_disk))
    message = refused("backup_folder_full", backups.take, db.obj, database.parent, by="",
                      now=clock)
    assert "đã đầy" in message
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["motcua-20261122-170000.sqlite3"]


def test_rotation_keeps_7_daily_4_weekly_12_monthly(tmp_path):
    start = dt.datetime(2025, 1, 1, 17, 0)
    for day in range(400):  # two backups a day for 400 days
        for hour in (8, 17):
            taken = start + dt.timedelta(days=day, hours=hour - 17)
            (tmp_path / f"motcua-{taken:%Y%m%d-%H%M%S}.sqlite3").write_bytes(b"x")
    (tmp_path / "motcua-before-restore-20250101-000000.sqlite3").write_bytes(b"kept apart")
    today = (start + dt.timedelta(days=399)).replace(tzinfo=VN_TZ)
    backups.rotate(tmp_path, now=lambda: today.astimezone(dt.UTC))
    kept = backups.listing(tmp_path)
    days = {b.taken_at.date() for b in kept}
    assert len(kept) == len(days)  # one per day kept, the day's newest (17:00)
    assert all(b.taken_at.hour == 17 for b in kept)
    last_week = {today.date() - dt.timedelta(days=n) for n in range(7)}
    assert last_week <= days
    assert len({d.isocalendar()[:2] for d in days}) >= 4
    assert len({(d.year, d.month) for d in days}) == 12
    assert len(kept) <= 7 + 4 + 12
    assert (tmp_path / "motcua-before-restore-20250101-000000.sqlite3").exists()


KILLED_BACKUP = """
import sys
from pathlib import Path
from desk import backups
from desk.database import open_database
from tests.conftest import CLOCK_START, FixedClock
clock = FixedClock(CLOCK_START)
clock.advance(minutes=30)
handle = open_database(Path(sys.argv[1]), now=clock)
backups.take(handle, Path(sys.argv[1]).parent, by="", now=clock)
"""


@pytest.mark.slow
def test_a_kill_during_a_backup_leaves_earlier_backups_and_the_next_one_works(
        office, database, clock):
    receive(office, clock, 600)
    first = backups.take(db.obj, database.parent, by="", now=clock)
    db.close()
    child = subprocess.Popen([sys.executable, "-c", KILLED_BACKUP, str(database)],
                             env=os.environ, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    folder = database.parent / "backups"
    while (not list(folder.glob("*.partial")) and child.poll() is None
           and time.monotonic() < deadline):
        time.sleep(0.001)
    # the kill must land mid-backup: a child that died early (no key, say) proves nothing
    mid_way = child.poll() is None and bool(list(folder.glob("*.partial")))
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert mid_way, "the child never reached its backup"
    key = dbkey.require(database)
    assert backups.check(first.path, key)["commune_code"] == "26734"
    open_database(database, now=clock)
    clock.set(clock() + dt.timedelta(hours=1))
    again = backups.take(db.obj, database.parent, by="", now=clock)
    assert backups.check(again.path, key)
    assert not list(folder.glob("*.partial"))


def test_a_damaged_or_foreign_file_is_refused_by_name(office, database, clock, tmp_path):
    made = backups.take(db.obj, database.parent, by="", now=clock)
    key = dbkey.require(database)
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray(made.path.read_bytes())
    data[5000:5100] = bytes(100)
    damaged.write_bytes(bytes(data))
    assert "đã hỏng" in refused("backup_unreadable", backups.check, damaged, key)
    other = tmp_path / "other-desk.sqlite3"
    other.write_bytes(made.path.read_bytes())
    refused("backup_unreadable", backups.check, other, os.urandom(32))
    junk = tmp_path / "notes.sqlite3"
    junk.write_text("không phải cơ sở dữ liệu")
    refused("backup_unreadable", backups.check, junk, key)


def test_a_restore_says_what_would_be_lost_and_codes_never_repeat(office, database, clock):
    receive(office, clock, 2)
    made = backups.take(db.obj, database.parent, by="", now=clock)
    later = receive(office, clock, 2)
    # The server acknowledged the first of the later dossiers (its two records), not the other.
    first_later = Dossier.get(Dossier.code == later[0])
    records = [first_later.id, *(e.id for e in first_later.events)]
    Outbox.update(state="acked").where(Outbox.record_id.in_(records)).execute()
    found = restore.plan(made.path, database.parent, db.obj)
    assert found.lost_dossiers == later and found.unsent_dossiers == [later[1]]
    assert (found.lost_events, found.unsent_events) == (2, 1)
    assert "SẼ MẤT HẲN 1 hồ sơ" in found.summary() and later[1] in found.summary()
    aside = restore.apply(found, database.parent, db.obj, by="admin", now=clock)
    open_database(database, now=clock)
    restore.resume(found, aside, by="admin", now=clock)
    assert Dossier.select().count() == 2
    assert backups.check(aside, dbkey.require(database))  # the previous file, kept whole
    [after] = receive(load_context(now=clock), clock)
    assert after not in later and after.endswith("-0005")
    assert settings.get("sync.pull_own") is True
    assert audit.entries()[-2]["action"] == "restore"
    assert DailySequence.select().count() == 1


def test_a_backup_of_another_commune_is_refused(office, database, clock, tmp_path):
    made = backups.take(db.obj, database.parent, by="", now=clock)
    foreign = tmp_path / "foreign.sqlite3"
    shutil.copyfile(made.path, foreign)
    key = dbkey.require(database)
    from sqlcipher3 import dbapi2 as sqlcipher

    conn = sqlcipher.connect(str(foreign))
    conn.execute(f'PRAGMA key = "{dbkey.sqlcipher_key(key)}"')
    conn.execute("UPDATE desk SET commune_code = '99999'")
    conn.commit()
    conn.close()
    message = refused("backup_other_commune", restore.plan, foreign, database.parent, db.obj)
    assert "xã/phường khác" in message
    assert database_path(database.parent).exists()


def test_restore_resumes_the_outbox_numbering_and_asks_for_a_full_pull(office, database, clock):
    receive(office, clock)
    SyncState.insert(id=1, pull_cursor=42).execute()
    made = backups.take(db.obj, database.parent, by="", now=clock)
    receive(office, clock, 3)
    highest = Outbox.select().order_by(Outbox.seq.desc()).first().seq
    found = restore.plan(made.path, database.parent, db.obj)
    aside = restore.apply(found, database.parent, db.obj, by="", now=clock)
    open_database(database, now=clock)
    restore.resume(found, aside, by="", now=clock)
    assert SyncState.get_by_id(1).pull_cursor == 0
    receive(load_context(now=clock), clock)  # a dossier and its event: two records
    fresh = [r.seq for r in Outbox.select().order_by(Outbox.seq.desc()).limit(2)]
    assert fresh == [highest + 2, highest + 1]


def test_status_names_the_time_in_vietnam(office, database, clock):
    backups.take(db.obj, database.parent, by="", now=clock)
    clock.set(vn(2026, 11, 26, 9))
    assert backups.status(database.parent, now=clock).warning == (
        "Sao lưu gần nhất đã cũ: 23/11/2026")
