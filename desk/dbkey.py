"""The database key: 256 random bits in the OS keyring, and the recovery key that prints it.

The key is handed to SQLCipher raw (``x'…'``), so no PBKDF2 runs when a connection opens: the
key is already random, and stretching it would cost every thread that opens the file a few
hundred milliseconds on an old PC. The keyring entry's name is kept beside the database in
``motcua.keyid`` (a random name, not a secret), so a data folder moved to another drive of the
same Windows account still finds its key.

The recovery key is the same 256 bits written for people: 52 letters and digits in groups of
four. It is shown once at setup, to be printed and kept by the leader; on a new PC, or when the
keyring has lost the key, ``motcua key restore`` puts it back.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import os
import secrets
import uuid
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from desk import credentials
from desk.errors import DomainError

KEY_BYTES = 32
GROUP = 4

MISSING_KEY = (
    "Không tìm thấy khóa mở dữ liệu của máy này trong kho khóa của hệ điều hành (có thể do "
    "cài lại Windows hoặc đổi tài khoản người dùng). Dữ liệu vẫn nguyên vẹn nhưng đang bị khóa: "
    "hãy lấy bản in khóa khôi phục (do lãnh đạo giữ) và chạy «motcua key restore»."
)


def key_id_path(database: Path) -> Path:
    return database.with_suffix(".keyid")


def load(database: Path) -> bytes | None:
    """This database's key from the keyring, or None when the folder has none yet."""
    name = _key_name(database)
    if name is None:
        return None
    stored = credentials.load_database_key(name)
    return _decode_hex(stored) if stored else None


def require(database: Path) -> bytes:
    key = load(database)
    if key is None:
        raise DomainError("missing_database_key", MISSING_KEY)
    return key


def create(database: Path) -> bytes:
    """A new random key, stored in the keyring before its name is written beside the file: a
    crash between the two leaves a stray keyring entry, never a file without its key."""
    key = secrets.token_bytes(KEY_BYTES)
    keep(database, key)
    return key


def keep(database: Path, key: bytes) -> None:
    """Store ``key`` as this database's key (a new keyring entry, then its name)."""
    name = f"database:{uuid.uuid4()}"
    credentials.store_database_key(name, key.hex())
    _write_atomically(key_id_path(database), name)


def restore(database: Path, key: bytes) -> None:
    """Keep a key typed from the recovery sheet, once it is shown to open the database (when
    there is one: on a new PC the backup to restore comes next)."""
    if database.exists() and not opens(database, key):
        raise DomainError("wrong_recovery_key",
                          "Khóa khôi phục này không mở được dữ liệu của máy. Hãy đối chiếu lại "
                          "bản in (khóa của đúng máy, đúng xã/phường).")
    keep(database, key)


def opens(path: Path, key: bytes) -> bool:
    connection = sqlcipher.connect(str(path))
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f'PRAGMA key = "{sqlcipher_key(key)}"')
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher.DatabaseError:
        return False
    finally:
        connection.close()


def sqlcipher_key(key: bytes) -> str:
    """The key as SQLCipher's raw-key literal (no key derivation on open)."""
    return f"x'{key.hex()}'"


def recovery_text(key: bytes) -> str:
    text = base64.b32encode(key).decode().rstrip("=")
    return "-".join(text[i:i + GROUP] for i in range(0, len(text), GROUP))


def parse_recovery(text: str) -> bytes:
    letters = "".join(ch for ch in text.upper() if ch.isalnum())
    try:
        key = base64.b32decode(letters + "=" * (-len(letters) % 8))
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise DomainError("invalid_recovery_key",
                          "Khóa khôi phục không đúng: phải gồm 52 chữ và số (nhóm 4 ký tự, cách "
                          "nhau bởi dấu gạch). Hãy đối chiếu lại bản in.")
    return key


def _key_name(database: Path) -> str | None:
    with contextlib.suppress(FileNotFoundError):
        name = key_id_path(database).read_text(encoding="ascii").strip()
        return name or None
    return None


def _decode_hex(stored: str) -> bytes:
    try:
        key = bytes.fromhex(stored)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise DomainError("missing_database_key", MISSING_KEY)
    return key


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w", encoding="ascii") as handle:
        handle.write(text + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
