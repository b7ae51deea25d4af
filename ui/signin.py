"""Who sits at the counter: sign-in at start, the lock after idle time, "Đổi người dùng".

``SignIn`` owns the window's account menu and an application-wide idle watcher. While the
screen is locked nothing of the window shows behind the login screen: the queues, the search
results and an open dossier hold citizens' names.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QToolBar

from desk import audit, settings
from desk.accounts import Actor
from desk.clock import Now
from ui.account_dialogs import PasswordDialog, UsersDialog
from ui.login_dialog import LoginDialog

ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
            QEvent.Type.Wheel, QEvent.Type.TouchBegin}


class IdleWatcher(QObject):
    """Fires ``idle`` after ``minutes`` with no key, mouse or touch anywhere in the app."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self, singleShot=True, interval=max(1, minutes) * 60_000)
        self.timer.timeout.connect(self.idle)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class SignIn(QObject):
    def __init__(self, window: QMainWindow, *, now: Now, demo_login: str = "") -> None:
        super().__init__(window)
        self.window, self.now, self.demo_login = window, now, demo_login
        self.locked = False
        self.idle = IdleWatcher(int(settings.get("security.idle_minutes")), self)
        self.idle.idle.connect(self.lock)
        self._build_menu()

    @property
    def actor(self) -> Actor | None:
        return self.window.actor  # type: ignore[attr-defined, no-any-return]

    def _build_menu(self) -> None:
        menu = self.window.menuBar().addMenu("Tài &khoản")
        self.who = menu.addAction("")
        self.who.setEnabled(False)
        menu.addSeparator()
        for text, keys, slot in (("Khóa màn hình", "Ctrl+L", self.lock),
                                 ("Đổi người dùng…", "Ctrl+Shift+L", self.switch_user),
                                 ("Đổi mật khẩu…", "", self.change_password)):
            action = QAction(text, self.window)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            menu.addAction(action)
            self.window.addAction(action)
        users = QAction("Quản lý tài khoản…", self.window)
        users.triggered.connect(self.manage_users)
        menu.addAction(users)
        self.window.addAction(users)
        self.window.gate.add(users, "accounts")  # type: ignore[attr-defined]
        self.show_who()

    def show_who(self) -> None:
        actor = self.actor
        self.who.setText(f"{actor.name} — {actor.role_label}" if actor else "Chưa đăng nhập")

    def _cover(self, covered: bool) -> None:
        """Hide everything that shows citizens' data while the login screen is up."""
        window = self.window
        if window.centralWidget() is not None:
            window.centralWidget().setVisible(not covered)
        for bar in window.findChildren(QToolBar):
            bar.setVisible(not covered)
        window.menuBar().setEnabled(not covered)
        view = getattr(window, "dossier_view", None)
        if covered and view is not None:
            window.close_dossier()  # its tab goes too: nothing of the citizen stays behind

    def lock(self) -> None:
        if self.actor is None or self.locked:
            return
        self.locked = True
        self._cover(True)
        audit.record("lock", actor=self.actor.login, now=self.now)
        self._ask(LoginDialog(self._office(), now=self.now, locked_for=self.actor,
                              demo_login=self.demo_login, parent=self.window))

    def switch_user(self) -> None:
        if self.actor is not None:
            audit.record("logout", actor=self.actor.login, now=self.now)
        self.locked = True
        self._cover(True)
        self._ask(LoginDialog(self._office(), now=self.now, demo_login=self.demo_login,
                              parent=self.window))

    def _ask(self, dialog: LoginDialog) -> None:
        self.idle.timer.stop()
        accepted = dialog.exec() == QDialog.DialogCode.Accepted and dialog.actor is not None
        self.locked = False
        if not accepted:
            self.window.close()  # "Thoát phần mềm" from the lock screen
            return
        self.window.set_actor(dialog.actor)  # type: ignore[attr-defined]
        self.show_who()
        self._cover(False)
        self.idle.timer.start()

    def change_password(self) -> None:
        if self.actor is not None:
            PasswordDialog(self.actor.login, now=self.now, by=self.actor, parent=self.window).exec()

    def manage_users(self) -> None:
        if self.actor is not None:
            UsersDialog(now=self.now, by=self.actor, parent=self.window).exec()

    def _office(self) -> str:
        ctx = self.window.ctx  # type: ignore[attr-defined]
        return f"{ctx.commune.name} — {ctx.desk.name}"

    def stop(self) -> None:
        self.idle.stop()
