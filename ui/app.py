"""Starting the window: open the database (seeding the demo on request), then show it."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from desk import demo, paths
from desk.context import load_context
from desk.database import open_database
from desk.errors import DomainError


def run(data_dir: Path, with_demo: bool) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Một Cửa Desk")
    try:
        open_database(paths.database_path(data_dir))
        if with_demo:
            _ensure_demo()
        ctx = load_context()
    except DomainError as exc:
        QMessageBox.critical(None, "Một Cửa Desk", exc.message)
        return 2
    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.show()
    return app.exec()


def _ensure_demo() -> None:
    try:
        load_context()
    except DomainError:
        demo.seed(demo.ensure_demo_office(), 120)
