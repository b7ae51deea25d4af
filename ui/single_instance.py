"""One window per data folder: a second start brings the first window forward and leaves.

The folder's OS lock (desk.instance) decides who is first, so a crashed window leaves nothing
stale behind. A second start that finds the lock taken leaves a small request file in the
folder; the first window watches the folder (QFileSystemWatcher, Qt Core: no network module in
the frozen build), removes the request and comes forward.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal

from desk.instance import InstanceLock

REQUEST_FILE = "motcua.show"


class SingleInstance(QObject):
    activated = Signal()  # another start asked to see this window

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.request = data_dir / REQUEST_FILE
        self.lock = InstanceLock(data_dir)
        self.watcher: QFileSystemWatcher | None = None

    def claim(self) -> bool:
        """True: this process is the folder's window. False: the first one was asked to show
        itself, and this process should leave."""
        if not self.lock.acquire():
            self.request.write_text(str(os.getpid()), encoding="ascii")
            return False
        self._take_request()  # a request left by a start while no window ran
        self.watcher = QFileSystemWatcher([str(self.request.parent)], self)
        self.watcher.directoryChanged.connect(self._folder_changed)
        return True

    def _folder_changed(self, _path: str) -> None:
        if self._take_request():
            self.activated.emit()

    def _take_request(self) -> bool:
        with contextlib.suppress(FileNotFoundError):
            self.request.unlink()
            return True
        return False

    def release(self) -> None:
        if self.watcher is not None:
            self.watcher.deleteLater()
            self.watcher = None
        self.lock.release()
