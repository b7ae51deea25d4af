"""The login screen: at start, when the screen locks after idle time, and "Đổi người dùng".

Locked, it asks the same person's password and offers to change user; a demo desk names its
demo account. A wrong password says so in Vietnamese; after several the wait is told.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk import accounts
from desk.accounts import Actor
from desk.clock import Now
from desk.errors import DomainError
from ui.widgets import Banner


class LoginDialog(QDialog):
    def __init__(self, office_name: str, *, now: Now, locked_for: Actor | None = None,
                 demo_login: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now = now
        self.actor: Actor | None = None
        self.locked_for = locked_for
        self.setWindowTitle("Đăng nhập — Một Cửa Desk")
        self.setModal(True)
        title = QLabel("Một Cửa Desk")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size:15pt; font-weight:bold; padding-top:8px;")
        self.office = QLabel(office_name)
        self.office.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.office.setWordWrap(True)
        self.office.setStyleSheet("font-size:12pt; padding-bottom:8px;")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.login = QLineEdit()
        self.login.setPlaceholderText("ví dụ: hong.tt")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.banner = Banner()
        self.demo = QLabel()
        self.demo.setWordWrap(True)
        self.demo.setStyleSheet("background:#fff3cd; color:#664d03; padding:6px;")
        self.demo.setVisible(bool(demo_login))
        if demo_login:
            self.demo.setText(f"Máy trình diễn (dữ liệu mẫu): đăng nhập bằng tài khoản "
                              f"<b>{demo_login}</b>, mật khẩu <b>{demo_login}</b>.")
            self.login.setText(demo_login)
        self.sign_in = QPushButton("Đăng nhập")
        self.sign_in.setDefault(True)
        self.sign_in.clicked.connect(self.submit)
        self.switch = QPushButton("Đổi người dùng")
        self.switch.clicked.connect(self.change_user)
        self.leave = QPushButton("Thoát phần mềm")
        self.leave.clicked.connect(self.reject)
        self._lay_out(title)
        self._mode(locked_for)

    def _lay_out(self, title: QLabel) -> None:
        form = QFormLayout()
        form.addRow("Tên đăng nhập", self.login)
        form.addRow("Mật khẩu", self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.leave)
        buttons.addWidget(self.switch)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.office)
        layout.addWidget(self.caption)
        layout.addWidget(self.demo)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)

    def _mode(self, locked_for: Actor | None) -> None:
        self.locked_for = locked_for
        self.login.setReadOnly(locked_for is not None)
        self.switch.setVisible(locked_for is not None)
        if locked_for is not None:
            self.login.setText(locked_for.login)
            self.caption.setText(f"Màn hình đã khóa. {locked_for.name} "
                                 f"({locked_for.role_label.lower()}) nhập mật khẩu để tiếp tục.")
            self.password.setFocus()
        else:
            self.caption.setText("Nhập tên đăng nhập và mật khẩu của bạn.")
            (self.password if self.login.text() else self.login).setFocus()

    def change_user(self) -> None:
        self.login.clear()
        self.password.clear()
        self.banner.clear_message()
        self._mode(None)

    def submit(self) -> None:
        try:
            self.actor = accounts.authenticate(self.login.text(), self.password.text(),
                                               now=self.now)
        except DomainError as exc:
            self.password.clear()
            self.password.setFocus()
            self.banner.say(exc.message, "error")
            return
        self.accept()
