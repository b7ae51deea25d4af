"""One window per data folder: a second start brings the first window forward and leaves.

The folder's OS lock (desk.instance) decides who is first, so a crashed window leaves nothing
stale behind; the first one listens on a local socket named after the folder, and a second
start that finds the lock taken says "show" on that socket.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desk.instance import InstanceLock

WAIT_MS = 2000


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"motcua-{digest}"


class SingleInstance(QObject):
    activated = Signal()  # another start asked to see this window

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self.lock = InstanceLock(data_dir)
        self.server: QLocalServer | None = None
        self._clients: list[QLocalSocket] = []

    def claim(self) -> bool:
        """True: this process is the folder's window. False: the first one was told to show
        itself (or is still starting), and this process should leave."""
        if not self.lock.acquire():
            self._wake_first()
            return False
        QLocalServer.removeServer(self.name)  # a socket file left by a crash is stale
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._knock)
        self.server.listen(self.name)
        return True

    def _wake_first(self) -> None:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if socket.waitForConnected(WAIT_MS):
            socket.write(b"show\n")
            socket.waitForBytesWritten(WAIT_MS)
            socket.disconnectFromServer()

    def _knock(self) -> None:
        assert self.server is not None
        while (client := self.server.nextPendingConnection()) is not None:
            # The server owns its clients (freed when it closes); a knock is a few bytes.
            self._clients.append(client)
            client.readyRead.connect(self._read)
            self._read()

    def _read(self) -> None:
        for client in self._clients:
            if client.bytesAvailable() and b"show" in bytes(client.readAll().data()):
                self.activated.emit()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
            self._clients.clear()
        self.lock.release()
