"""Slow work off the UI thread: a QRunnable per task, reporting back by signals.

Each worker thread gets its own SQLite connection from peewee the first time it queries; the
task closes it when done, or the pool's long-lived threads would keep connections open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desk.errors import DomainError
from models import db

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    done = Signal(object)
    failed = Signal(str)
    finished = Signal(object)


class Task(QRunnable):
    """Run ``work()`` in the pool; ``done`` carries its result, ``failed`` a message to show."""

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = TaskSignals()

    @Slot()
    def run(self) -> None:
        try:
            result = self.work()
        except DomainError as exc:
            self.signals.failed.emit(exc.message)
        except Exception as exc:  # a worker must report, never die silently
            log.exception("background task failed")
            self.signals.failed.emit(f"Có lỗi khi thực hiện: {exc}")
        else:
            self.signals.done.emit(result)
        finally:
            db.close()
            self.signals.finished.emit(self)


class TaskRunner(QObject):
    """Starts tasks; ``busy_changed`` tells a progress indicator about the labelled ones
    (printing, searching), not the quiet background counts."""

    busy_changed = Signal(bool, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool.globalInstance()
        self.running: dict[Task, str] = {}  # kept referenced until finished

    def start(
        self, work: Callable[[], Any], on_done: Callable[[Any], None],
        on_error: Callable[[str], None], label: str = "",
    ) -> Task:
        task = Task(work)
        task.setAutoDelete(False)
        task.signals.done.connect(on_done)
        task.signals.failed.connect(on_error)
        task.signals.finished.connect(self._finished)
        self.running[task] = label
        if label:
            self.busy_changed.emit(True, label)
        self.pool.start(task)
        return task

    def _finished(self, task: Task) -> None:
        label = self.running.pop(task, "")
        if label and not any(self.running.values()):
            self.busy_changed.emit(False, "")

    def wait(self, msecs: int = 10_000) -> bool:
        return self.pool.waitForDone(msecs)
