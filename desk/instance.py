"""One window per data folder: an OS lock on ``motcua.lock`` held while the window is open.

The lock is the kernel's (flock on Linux, a byte-range lock on Windows), so it goes away with
the process however it ends: a crash or a power cut leaves no stale lock behind. The window's
"focus the first one" message travels separately (ui.single_instance); this is the part the
CLI also reads, so that a restore never swaps the file under an open window.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

LOCK_FILE = "motcua.lock"


class InstanceLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_FILE
        self._handle: IO[bytes] | None = None

    def acquire(self) -> bool:
        """True if this process now holds the folder; False if another one does."""
        handle = open(self.path, "a+b")  # noqa: SIM115 - held open for the lock's lifetime
        try:
            _lock(handle)
        except OSError:
            handle.close()
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file drops the lock
            self._handle = None


def window_running(data_dir: Path) -> bool:
    probe = InstanceLock(data_dir)
    if not probe.acquire():
        return True
    probe.release()
    return False


if os.name == "nt":
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
