"""Citizens' data encrypted at rest: SQLCipher with a raw key from the keyring, a plain file
converted in place (crash-safe), and no name or ID number in any file of the data folder."""

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import keyring
import pytest

from desk import dbkey, encryption, intake, paths, search, setup
from desk.context import load_context
from desk.database import connect, open_database
from desk.errors import DomainError
from models import Dossier, db
from models.migrations import DESK_MIGRATIONS, migrate
from tests import clocked
from tests.conftest import AGENCY, FixedClock, vn

# A fixed instant for the files made here and for the processes killed mid-way.
CLOCK = FixedClock(vn(2026, 11, 30, 16))
PERSON = intake.ApplicantInput(name="Đặng Văn Đức", id_number="079203001234",
                               phone="0912345678", address="Thôn Đông, xã Tân Phú")
NEEDLES = ("Đặng Văn Đức", "dang van duc", "079203001234", "0912345678", "Thôn Đông")


def needles(*extra: str) -> list[bytes]:
    import unicodedata

    found = []
    for text in (*NEEDLES, *extra):
        for form in ("NFC", "NFD"):
            for encoding in ("utf-8", "utf-16-le"):
                found.append(unicodedata.normalize(form, text).encode(encoding))
    return found


def files_holding(root: Path, secrets: list[bytes]) -> list[str]:
    return sorted({f"{path.relative_to(root)}" for path in root.rglob("*") if path.is_file()
                   for secret in secrets if secret in path.read_bytes()})


def test_plain_sqlite_cannot_read_the_file(office, database):
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(database).execute("SELECT count(*) FROM sqlite_master").fetchall()
    assert database.read_bytes()[:16] != encryption.PLAIN_HEADER


def test_fts5_search_works_under_encryption(office, clock):
    made = intake.receive(office, intake.IntakeRequest("1.001193", PERSON), now=clock)
    assert [d.code for d in search.search("dang van duc")] == [made.code]
    assert [d.code for d in search.search("079203001234")] == [made.code]


def test_a_missing_key_is_told_in_vietnamese_and_the_recovery_key_opens_it(office, database,
                                                                              clock):
    key = dbkey.require(database)
    db.close()
    name = dbkey.key_id_path(database).read_text().strip()
    keyring.get_keyring().delete_password("MotCuaDesk", name)
    with pytest.raises(DomainError) as caught:
        open_database(database, now=clock)
    assert caught.value.code == "missing_database_key"
    assert "khóa khôi phục" in caught.value.message
    # A typo in the recovery sheet, then another desk's key, then the right one.
    with pytest.raises(DomainError) as typo:
        dbkey.parse_recovery("ABCD-EFGH")
    assert typo.value.code == "invalid_recovery_key"
    with pytest.raises(DomainError) as other:
        dbkey.restore(database, os.urandom(32))
    assert other.value.code == "wrong_recovery_key"
    text = dbkey.recovery_text(key)
    assert len(text.replace("-", "")) == 52
    dbkey.restore(database, dbkey.parse_recovery(text.lower().replace("-", " ")))
    open_database(database, now=clock)
    assert load_context(now=clock).commune.name == "Xã Tân Phú"


def test_a_wrong_key_in_the_keyring_is_refused_cleanly(office, database, clock):
    db.close()
    dbkey.keep(database, os.urandom(32))
    with pytest.raises(DomainError) as caught:
        open_database(database, now=clock)
    assert caught.value.code == "cannot_open_database"
    assert "motcua key restore" in caught.value.message


def plain_desk(path: Path, dossiers: int) -> None:
    """A desk file as releases before encryption wrote it: plain SQLite, in WAL mode."""
    handle = connect(path, None)
    db.initialize(handle)
    migrate(handle, DESK_MIGRATIONS)
    setup.initialize("26734", "Xã Tân Phú", AGENCY, now=CLOCK)
    ctx = load_context(now=CLOCK)
    for n in range(dossiers):
        person = intake.ApplicantInput(name=PERSON.name, id_number=PERSON.id_number,
                                       phone=PERSON.phone, address=f"{PERSON.address} {n}")
        received = vn(2026, 11, 2 + n // 500, 9)  # at most 999 codes a day per desk
        intake.receive(ctx, intake.IntakeRequest("1.001193", person, received_at=received),
                       now=CLOCK)
    handle.close()
    db.initialize(None)


def test_a_plain_database_is_encrypted_in_place_backed_up_and_checked(tmp_path, clock):
    path = tmp_path / "motcua.sqlite3"
    plain_desk(path, 3)
    assert encryption.is_plain(path)
    open_database(path, now=clock)
    assert not encryption.is_plain(path)
    assert Dossier.select().count() == 3
    assert [d.applicant.name for d in Dossier.select()] == [PERSON.name] * 3
    kept = tmp_path / "backups" / "motcua-encrypted-copy.sqlite3"
    assert dbkey.opens(kept, dbkey.require(path))
    from desk import audit

    assert [e["action"] for e in audit.entries()][-1] == "encrypted"
    db.close()
    assert files_holding(tmp_path, needles()) == []
    assert not list(tmp_path.glob("*.encrypting*"))


CONVERT = """
import sys
from pathlib import Path
from desk.database import open_database
from tests.desk.test_encryption import CLOCK
open_database(Path(sys.argv[1]), now=CLOCK)
print("done", flush=True)
"""


def count_dossiers(path: Path) -> int:
    handle = open_database(path, now=CLOCK)
    try:
        return Dossier.select().count()
    finally:
        handle.close()
        db.initialize(None)


@pytest.mark.slow
def test_a_kill_mid_conversion_leaves_the_original_usable(tmp_path):
    """kill -9 at moments spread over the conversion (from the moment its encrypted copy
    appears): each time the file opens afterwards, plain still or encrypted whole, with every
    dossier; never half of either."""
    original = tmp_path / "original.sqlite3"
    plain_desk(original, 1500)
    outcomes = []
    for attempt in range(10):
        work = tmp_path / f"try{attempt}"
        work.mkdir()
        path = work / "motcua.sqlite3"
        path.write_bytes(original.read_bytes())
        copy = path.with_name(path.name + encryption.WORK_SUFFIX)
        child = subprocess.Popen([sys.executable, "-c", CONVERT, str(path)], env=os.environ,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not copy.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        time.sleep(0.015 * attempt)
        child.send_signal(signal.SIGKILL)
        child.wait()
        outcomes.append("plain" if encryption.is_plain(path) else "encrypted")
        assert count_dossiers(path) == 1500, outcomes
        assert not encryption.is_plain(path)
    assert "plain" in outcomes, outcomes  # at least one kill landed mid-conversion
    assert files_holding(tmp_path / "try0", needles()) == []


def test_no_citizen_data_in_any_file_of_the_data_folder(tmp_path):
    """The real CLI in a real data folder: database, WAL, backups, logs, key id, all scanned."""
    data = tmp_path / "desk"
    env = {**os.environ}

    def motcua(*args: str, later: int = 0) -> subprocess.CompletedProcess[str]:
        when = CLOCK() + dt.timedelta(minutes=later)
        done = subprocess.run(clocked.command(when, "motcua", "--data-dir", str(data), *args),
                              capture_output=True, text=True, env=env, timeout=120,
                              cwd=clocked.ROOT)
        assert done.returncode == 0, done.stderr
        return done

    made = json.loads(motcua("init", "--commune-code", "26734", "--commune-name",
                             "Xã Tân Phú", "--agency-code", AGENCY, "--json").stdout)
    assert made["recovery_key"] and len(made["recovery_key"]) == 64  # 52 letters, 12 dashes
    # Shown once: a second init (names updated) does not show it again.
    again = json.loads(motcua("init", "--commune-code", "26734", "--commune-name",
                              "Xã Tân Phú", "--agency-code", AGENCY, "--json").stdout)
    assert again["recovery_key"] is None
    code = json.loads(motcua("intake", "--procedure", "1.001193", "--name", PERSON.name,
                             "--id-number", PERSON.id_number, "--phone", PERSON.phone,
                             "--address", PERSON.address, "--json").stdout)["code"]
    motcua("event", code, "correct", "--field", "name", "--value", "Đặng Văn Đông",
           "--note", "Sửa theo giấy khai sinh", later=5)
    motcua("search", "dang van")
    motcua("backup")
    key_hex = dbkey.require(paths.database_path(data)).hex()
    assert list((data / "backups").glob("motcua-*.sqlite3"))
    assert (data / "logs" / "motcua.log").exists()
    assert files_holding(data, needles("Đặng Văn Đông", "dang van dong", key_hex)) == []
