"""Screenshots of every screen as a clerk sees it on a 1024×768 PC with a taskbar.

    make screenshots        # xvfb-run at 1024×768; writes docs/screenshots/*.png

A demo commune in a throw-away data folder; the window placed as Windows maximises it above a
40 px taskbar (drawn, so the picture shows what is left); each screen reached the way a clerk
reaches it (keys, the scanner path: a code typed into the search box and Enter). Modal dialogs
are shot from a timer while they run, then cancelled.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QRect, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QWidget

TASKBAR = 40
SCENES: list[tuple[str, Callable[[Tour], None]]] = []


def scene(name: str) -> Callable[[Callable[[Tour], None]], Callable[[Tour], None]]:
    def register(step: Callable[[Tour], None]) -> Callable[[Tour], None]:
        SCENES.append((name, step))
        return step
    return register


class Tour:
    def __init__(self, app: QApplication, window: QMainWindow, out: Path) -> None:
        self.app, self.window, self.out = app, window, out
        self.taken: list[Path] = []

    def settle(self, ms: int = 300) -> None:
        deadline = QEventLoop()
        QTimer.singleShot(ms, deadline.quit)
        deadline.exec()

    def shoot(self, name: str) -> Path:
        self.settle()
        path = self.out / f"{name}.png"
        self.app.primaryScreen().grabWindow(0).save(str(path))
        self.taken.append(path)
        return path

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            widget: QWidget | None = None) -> None:
        target = widget or QApplication.focusWidget() or self.window
        QTest.keyClick(target, key, modifier)
        self.settle(100)

    def type(self, text: str, widget: QWidget | None = None) -> None:
        target = widget or QApplication.focusWidget()
        for char in text:
            QTest.sendKeyEvent(QTest.KeyAction.Click, target, Qt.Key.Key_unknown, char,
                               Qt.KeyboardModifier.NoModifier)
        self.settle(100)

    def modal(self, name: str, open_it: Callable[[], object],
              fill: Callable[[QDialog], None] | None = None, wait: int = 400) -> None:
        """Shoot the dialog ``open_it`` runs modally, then close it with Esc."""
        def shoot_and_close() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, QDialog):
                QTimer.singleShot(100, shoot_and_close)
                return
            if fill is not None:
                fill(dialog)
            self.shoot(name)
            dialog.reject()
        QTimer.singleShot(wait, shoot_and_close)
        taken = len(self.taken)
        open_it()  # returns when the dialog closes (exec) or at once (open)
        for _ in range(30 + wait // 100):
            if len(self.taken) > taken:
                break
            self.settle(100)
        self.window.activateWindow()  # what a window manager does when a dialog closes
        self.settle(100)


def announce_taskbar(width: int, height: int) -> None:
    """Tell Qt, as Windows would, that the bottom 40 px belong to the taskbar (needs xprop and
    an X server started with -noreset, or the properties vanish with xprop's connection)."""
    for name, kind, value in (("_NET_SUPPORTED", "32a", "_NET_WORKAREA"),
                              ("_NET_WORKAREA", "32c", f"0,0,{width},{height - TASKBAR}")):
        try:
            subprocess.run(["xprop", "-root", "-format", name, kind, "-set", name, value],
                           check=True)
        except (OSError, subprocess.CalledProcessError):
            print("xprop failed: dialogs may overlap the drawn taskbar", file=sys.stderr)


def place_like_maximised(app: QApplication, window: QMainWindow) -> QWidget:
    """Windows 10 at 1024×768: a taskbar at the bottom, the window above it, title bar and all."""
    screen = app.primaryScreen().geometry()
    bar = QLabel("  ⊞  Một Cửa Desk", None, Qt.WindowType.FramelessWindowHint
                 | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.Tool)
    bar.setStyleSheet("background:#1f1f1f; color:#dddddd; font-size:10pt;")
    bar.setGeometry(QRect(0, screen.height() - TASKBAR, screen.width(), TASKBAR))
    bar.show()
    title = 32  # the title bar Windows would draw; Xvfb draws none, so leave its room empty
    window.setGeometry(QRect(0, title, screen.width(), screen.height() - TASKBAR - title))
    window.show()
    window.activateWindow()
    return bar


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--only", nargs="*", help="scene names to shoot")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("MOTCUA_DATA_DIR", tempfile.mkdtemp(prefix="motcua-shots-"))

    from desk import demo, paths
    from desk.clock import utcnow
    from desk.context import load_context
    from desk.database import open_database

    open_database(paths.database_path(paths.data_dir()), now=utcnow)
    announce_taskbar(1024, 768)
    app = QApplication(sys.argv)
    from ui.app import _window, prepare_application

    prepare_application(app)
    demo.seed(demo.ensure_demo_office(now=utcnow), 150, now=utcnow)
    window = _window(load_context(now=utcnow))
    bar = place_like_maximised(app, window)
    tour = Tour(app, window, args.out)
    tour.settle(1200)
    for name, step in SCENES:
        if not args.only or name in args.only:
            step(tour)
    window.close()
    bar.close()
    for path in tour.taken:
        print(path)
    return 0


# -- the scenes, in the order a clerk's day meets them ------------------------------------


@scene("list")
def _list(tour: Tour) -> None:
    tour.key(Qt.Key.Key_6, Qt.KeyboardModifier.AltModifier)
    tour.shoot("list")


@scene("intake")
def _intake(tour: Tour) -> None:
    tour.key(Qt.Key.Key_F2)
    tour.type("dang ky dat dai lan dau")
    tour.key(Qt.Key.Key_Return)
    tour.key(Qt.Key.Key_Return, widget=tour.window.intake.note)  # save with nothing typed
    tour.shoot("intake")
    tour.window.intake.reset()


@scene("dossier")
def _dossier(tour: Tour) -> None:
    from desk import intake

    person = intake.ApplicantInput(name="Đặng Văn Đức", id_number="079203001234",
                                   phone="0912345678", address="Thôn Đông, xã Tân Phú")
    ctx = tour.window.ctx
    dossier = intake.receive(ctx, intake.IntakeRequest("1.004837", person), now=ctx.now)
    tour.key(Qt.Key.Key_F3)
    tour.type(dossier.code)  # the scanner types the code and Enter
    tour.key(Qt.Key.Key_Return)
    tour.shoot("dossier")
    view = tour.window.dossier_view
    assert view is not None
    tour.modal("confirmation", lambda: view.action_buttons["result_ready"].click())
    tour.modal("preview", lambda: tour.key(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier,
                                            view), wait=2500)


@scene("statistics")
def _statistics(tour: Tour) -> None:
    tour.key(Qt.Key.Key_F9)
    tour.settle(1500)
    tour.shoot("statistics")
    screen = tour.window.screens.currentWidget()
    tour.modal("statistics-list", lambda: screen.tiles["received"].click())


@scene("settings")
def _settings(tour: Tour) -> None:
    tour.key(Qt.Key.Key_Escape)
    tour.modal("settings", tour.window.open_settings)


@scene("admin")
def _admin(tour: Tour) -> None:
    admin = tour.window.admin
    menu = tour.window.menus["system"]

    def show_menu() -> None:
        tour.window.menuBar().setActiveAction(menu.menuAction())
        tour.settle(400)
        tour.shoot("menu-system")
        menu.hide()
    show_menu()
    tour.modal("enrolment", admin.enrol)
    tour.modal("office-names", admin.office_names)
    tour.modal("ledger", admin.ledger)
    tour.modal("about", admin.about)


@scene("setup")
def _setup(tour: Tour) -> None:
    from desk.clock import utcnow
    from ui.setup_dialog import SetupDialog

    dialog = SetupDialog(now=utcnow, parent=tour.window)
    tour.modal("setup-errors", dialog.exec, fill=lambda shown: shown.submit())


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main())
