"""The background sync: probe the server with back-off while anything waits, then push and pull.

It lives on its own QThread and reports only by signals, so the window never waits on a 2G
line. Wiring it into the main window (MainWindow.show_sync_status exists)::

    self.sync_worker = SyncWorker(parent=None)          # a QObject; it moves to its thread
    self.sync_worker.status_changed.connect(self.show_sync_status)
    self.sync_worker.push_progress.connect(self.on_sync_progress)       # (sent, total)
    self.sync_worker.offer_bundle.connect(self.offer_usb_bundle)        # seven days, no sync
    self.sync_worker.start()   # and self.sync_worker.stop() in closeEvent
    # after a save: self.sync_worker.wake()  -> syncs soon instead of at the next tick
"""

from __future__ import annotations

import logging
import random
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from desk.clock import Now
from desk.errors import DomainError
from desk.sync import session
from desk.sync.status import SyncStatus, sync_status
from models import db

log = logging.getLogger(__name__)

FIRST_RETRY_S = 15.0
MAX_RETRY_S = 15 * 60.0
IDLE_PULL_S = 15 * 60.0  # with nothing waiting, still fetch upstream news this often


class SyncWorker(QObject):
    status_changed = Signal(object)  # desk.sync.status.SyncStatus, after every attempt
    push_progress = Signal(int, int)  # records sent so far, records waiting at the start
    pull_progress = Signal(int)  # updates applied so far
    synced = Signal(dict)  # {"pushed", "pulled", "pending", "acked_seq", "parked"}
    failed = Signal(str)  # the clerk's message (Vietnamese)
    offer_bundle = Signal()  # no successful sync for seven days: offer the USB bundle (once)
    _wake = Signal()
    _halt = Signal(object)

    def __init__(self, first_retry: float = FIRST_RETRY_S, max_retry: float = MAX_RETRY_S,
                 idle_pull: float = IDLE_PULL_S, parent: QObject | None = None, *,
                 now: Now) -> None:
        super().__init__(parent)
        self.now = now
        self.first_retry, self.max_retry, self.idle_pull = first_retry, max_retry, idle_pull
        self.retry = first_retry
        self.offered = False  # the USB bundle, during this spell without a sync
        self.thread_ = QThread()
        self.thread_.setObjectName("sync")
        self.timer: QTimer | None = None
        self._wake.connect(self._tick_now)
        self._halt.connect(self._stop_in_thread, Qt.ConnectionType.BlockingQueuedConnection)

    def start(self) -> None:
        self.moveToThread(self.thread_)
        self.thread_.started.connect(self._begin)
        self.thread_.start()

    def stop(self) -> None:
        """Stop after the current attempt (call from the UI thread, e.g. in closeEvent)."""
        if self.thread_.isRunning():
            self._halt.emit(QThread.currentThread())
            self.thread_.wait(30_000)

    @Slot(object)
    def _stop_in_thread(self, home: QThread) -> None:
        # Timers belong to the thread that started them: stop ours here, then hand the object
        # back to the UI thread so it can be destroyed there without Qt warnings.
        if self.timer is not None:
            self.timer.stop()
        self.moveToThread(home)
        self.thread_.quit()

    def wake(self) -> None:
        """Something was saved: try soon (safe to call from the UI thread)."""
        self._wake.emit()

    @Slot()
    def _begin(self) -> None:
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.tick)
        self.tick()

    @Slot()
    def _tick_now(self) -> None:
        if self.timer is not None:
            self.timer.start(0)

    @Slot()
    def tick(self) -> None:
        try:
            delay = self._attempt()
        except Exception:  # a bug must not kill the thread that keeps the data flowing
            log.exception("sync worker attempt failed")
            delay = self.max_retry
        finally:
            db.close()  # this thread's connection only; the next tick opens a fresh one
        if self.timer is not None:
            self.timer.start(int(delay * 1000))

    def _attempt(self) -> float:
        """One probe-and-sync; returns the seconds to wait before the next one."""
        status = sync_status(now=self.now)
        if not status.configured:
            self._report(status)
            return self.max_retry
        if not session.probe(now=self.now):
            return self._back_off(sync_status(now=self.now))
        try:
            done = session.sync(on_push=self.push_progress.emit,
                                on_pull=self.pull_progress.emit, now=self.now)
        except DomainError as exc:
            self.failed.emit(exc.message)
            return self._back_off(sync_status(now=self.now))
        self.synced.emit(done)
        self.retry = self.first_retry
        self._report(sync_status(now=self.now))
        return self.first_retry if done["pending"] else self.idle_pull

    def _back_off(self, status: SyncStatus) -> float:
        self._report(status)
        delay = self.retry * random.uniform(0.8, 1.2)
        self.retry = min(self.max_retry, self.retry * 2)
        return delay

    def _report(self, status: SyncStatus) -> None:
        """Every status, and the USB bundle offered once when the desk turns stale (again
        only after a sync ended that spell), not at every attempt."""
        self.status_changed.emit(status)
        if status.stale and not self.offered:
            self.offer_bundle.emit()
        self.offered = status.stale


def connect_window(worker: SyncWorker, window: Any) -> None:
    """The usual wiring, for a window with ``show_sync_status(status)``."""
    worker.status_changed.connect(window.show_sync_status)
