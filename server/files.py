"""The server's files are its owner's only: the SQLite database (with its -wal and -shm) holds
citizens' ID numbers and every device's bundle key, a crash log may quote a record, and a reply
bundle is for one desk. Each is created 0600 (folders 0700) whatever the umask, and one left
wider by an earlier release is narrowed when the server opens it."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def private_folder(path: Path) -> Path:
    """``path`` created (with its parents) and narrowed to its owner: only for the server's
    own folders, never a folder an administrator chose for other files too."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if os.name == "posix":
        path.chmod(FOLDER_MODE)
    return path


def private_file(path: Path) -> Path:
    """``path`` existing and owner-only; creating it here rather than letting SQLite or the
    logging module do it under the process umask."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    if os.name == "posix":
        path.chmod(FILE_MODE)
    return path


def private_database(path: Path) -> None:
    """A SQLite file and the companions it already has made owner-only. SQLite creates a
    -wal or -shm later with the database file's own mode, so they follow it."""
    private_file(path)
    for suffix in SQLITE_COMPANIONS:
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + suffix).chmod(FILE_MODE)


def write_private(path: Path, data: bytes) -> None:
    """``data`` written to ``path``, owner-only from its first byte."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    if os.name == "posix":
        path.chmod(FILE_MODE)
