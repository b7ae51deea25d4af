"""Turning a plain SQLite file (written before encryption existed) into a SQLCipher one, in place.

Crash-safe by construction: the plain file is never written to. Its WAL is checkpointed into it,
an encrypted copy is exported beside it, the copy is checked (integrity, every table's row
count) and kept in ``backups/``, and only then does one ``os.replace`` put it in the plain
file's place. A kill at any moment leaves either the untouched plain file (the next start
converts it again) or the finished encrypted one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from desk.dbkey import sqlcipher_key
from desk.errors import DomainError

log = logging.getLogger(__name__)

PLAIN_HEADER = b"SQLite format 3\x00"
WORK_SUFFIX = ".encrypting"

FAILED = ("Không mã hóa được tệp dữ liệu cũ ({why}). Tệp dữ liệu vẫn nguyên vẹn như trước; hãy "
          "báo cán bộ kỹ thuật.")


def is_plain(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except FileNotFoundError:
        return False


def convert_in_place(path: Path, key: bytes, keep_in: Path) -> Path:
    """Encrypt ``path`` with ``key``; returns the verified copy kept in the folder ``keep_in``."""
    work = path.with_name(path.name + WORK_SUFFIX)
    _remove_with_journals(work)
    counts = _export(path, work, key)
    _verify(work, key, counts)
    kept = _keep_copy(work, keep_in / f"{path.stem}-encrypted-copy.sqlite3")
    for journal in _journals(path):
        if journal.exists() and journal.stat().st_size and journal.suffix.endswith("wal"):
            raise DomainError("encryption_failed", FAILED.format(why="tệp còn đang được mở"))
    os.replace(work, path)
    _fsync_dir(path.parent)
    for journal in _journals(path):
        journal.unlink(missing_ok=True)
    log.info("encrypted %s in place (%d tables checked)", path.name, len(counts))
    return kept


def _export(path: Path, work: Path, key: bytes) -> dict[str, int]:
    plain = sqlcipher.connect(str(path), isolation_level=None)
    try:
        # Everything into the main file first: the copy is made from the file alone.
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = _counts(plain)
        plain.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(work), sqlcipher_key(key)))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute("DETACH DATABASE encrypted")
    except sqlcipher.DatabaseError as exc:
        raise DomainError("encryption_failed", FAILED.format(why=str(exc))) from exc
    finally:
        plain.close()
    return counts


def _verify(work: Path, key: bytes, expected: dict[str, int]) -> None:
    copy = sqlcipher.connect(str(work), isolation_level=None)
    try:
        copy.execute(f'PRAGMA key = "{sqlcipher_key(key)}"')
        problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
        if problems != ["ok"] or _counts(copy) != expected:
            raise DomainError("encryption_failed", FAILED.format(why="bản mã hóa không khớp"))
        with open(work, "rb+") as handle:
            os.fsync(handle.fileno())
    finally:
        copy.close()


def _keep_copy(work: Path, target: Path) -> Path:
    """The verified encrypted copy in backups/: the pre-conversion backup, and encrypted too,
    so no plain copy of citizens' data is ever left in the data folder."""
    partial = target.with_name(target.name + ".partial")
    shutil.copyfile(work, partial)
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)
    return target


def _counts(connection: sqlcipher.Connection) -> dict[str, int]:
    names = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    return {name: int(connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
            for name in names}


def _journals(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _remove_with_journals(path: Path) -> None:
    for leftover in (path, *_journals(path)):
        leftover.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename itself
    fd = os.open(folder, os.O_RDONLY)
    with contextlib.suppress(OSError):
        os.fsync(fd)
    os.close(fd)
