"""Starting the window: open the database, set the desk up on first start, then show it."""

from __future__ import annotations

import importlib.resources
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox

from desk import __version__, demo, paths
from desk.clock import Now, utcnow
from desk.context import DeskContext, load_context
from desk.database import open_database
from desk.errors import DomainError
from ui import failures, translation


def prepare_application(app: QApplication) -> None:
    """What every window needs before it is built: its name and Vietnamese conventions."""
    app.setApplicationName("Một Cửa Desk")
    app.setApplicationVersion(__version__)
    # The same .ico the frozen programs and the installer carry (ui/assets, package data).
    app.setWindowIcon(QIcon(str(importlib.resources.files("ui") / "assets" / "motcua.ico")))
    translation.install(app)


def run(data_dir: Path, with_demo: bool, clock: Now = utcnow) -> int:
    """The window's entry point: it chooses the clock the whole window runs on."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    prepare_application(app)
    failures.install(paths.logs_dir(data_dir))
    try:
        open_database(paths.database_path(data_dir), now=clock)
        ctx = _demo_context(clock) if with_demo else _context_or_setup(clock)
    except DomainError as exc:
        QMessageBox.critical(None, "Một Cửa Desk", exc.message)
        return 2
    if ctx is None:
        return 0  # the clerk left the first-start dialog
    window = _window(ctx)
    window.showMaximized()
    return app.exec()


def _window(ctx: DeskContext) -> QMainWindow:
    """The main window with its statistics screen and background sync attached."""
    from ui import keys
    from ui.main_window import MainWindow
    from ui.statistics import StatisticsScreen
    from ui.sync_worker import SyncWorker

    window = MainWindow(ctx)
    statistics = StatisticsScreen(ctx, now=window.now)
    statistics.open_requested.connect(window.open_dossier)
    window.add_screen(statistics, "Thống kê", keys.STATISTICS)
    worker = SyncWorker(now=ctx.now)
    window.attach_sync(worker)
    worker.start()
    return window


def _context_or_setup(clock: Now) -> DeskContext | None:
    """This desk's context; on first start, ask who it is (server enrolment comes later)."""
    try:
        return load_context(now=clock)
    except DomainError as exc:
        if exc.code != "not_initialized":
            raise
    from ui.setup_dialog import SetupDialog

    if SetupDialog(now=clock).exec() != QDialog.DialogCode.Accepted:
        return None
    return load_context(now=clock)


def _demo_context(clock: Now) -> DeskContext:
    try:
        return load_context(now=clock)
    except DomainError:
        demo.seed(demo.ensure_demo_office(now=clock), 120, now=clock)
        return load_context(now=clock)
