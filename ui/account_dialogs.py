"""Accounts in the window: the first administrator, one's own password, and the admin's list.

Every change goes through desk.accounts (argon2, the rules, the audit trail) with the signed-in
account named as the one who made it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk import accounts, roles
from desk.accounts import Actor
from desk.clock import Now
from desk.errors import DomainError
from ui import formats
from ui.widgets import Banner, ok_cancel


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class AccountForm(QDialog):
    """A new account: the first administrator at first start, or one the admin adds."""

    def __init__(self, *, now: Now, by: str, first: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now, self.by, self.made = now, by, None
        self.setWindowTitle("Tạo tài khoản quản trị" if first else "Thêm tài khoản")
        self.name, self.login = QLineEdit(), QLineEdit()
        self.login.setPlaceholderText("chữ thường không dấu, ví dụ: quan.lv")
        self.role = QComboBox()
        for role in ((roles.ADMIN,) if first else roles.ROLES):
            self.role.addItem(roles.ROLE_LABELS[role], role)
        self.password, self.again = _password_field(), _password_field()
        self.banner = Banner()
        intro = QLabel("Máy chưa có tài khoản nào. Hãy tạo tài khoản quản trị đầu tiên: người "
                       "này thêm tài khoản cho cán bộ tiếp nhận và lãnh đạo." if first else "")
        intro.setWordWrap(True)
        intro.setVisible(first)
        form = QFormLayout()
        form.addRow("Họ và tên", self.name)
        form.addRow("Tên đăng nhập", self.login)
        form.addRow("Vai trò", self.role)
        form.addRow(f"Mật khẩu (ít nhất {accounts.MIN_PASSWORD} ký tự)", self.password)
        form.addRow("Nhập lại mật khẩu", self.again)
        buttons = ok_cancel("Tạo tài khoản")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in (intro, self.banner):
            layout.addWidget(part)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def submit(self) -> None:
        if self.password.text() != self.again.text():
            self.banner.say("Hai lần nhập mật khẩu không giống nhau.", "error")
            return
        try:
            self.made = accounts.add(self.login.text(), self.name.text(), self.role.currentData(),
                                     self.password.text(), by=self.by, now=self.now)
        except DomainError as exc:
            self.banner.say(exc.message, "error")
            return
        self.accept()


class PasswordDialog(QDialog):
    """A new password: one's own (the old one first), or any account's for the admin."""

    def __init__(self, login: str, *, now: Now, by: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target, self.now, self.by = login, now, by
        self.own = login == by.login
        self.setWindowTitle(f"Đổi mật khẩu — {login}")
        self.old, self.new, self.again = _password_field(), _password_field(), _password_field()
        self.banner = Banner()
        form = QFormLayout()
        if self.own:
            form.addRow("Mật khẩu hiện tại", self.old)
        form.addRow(f"Mật khẩu mới (ít nhất {accounts.MIN_PASSWORD} ký tự)", self.new)
        form.addRow("Nhập lại mật khẩu mới", self.again)
        buttons = ok_cancel("Đổi mật khẩu")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def submit(self) -> None:
        try:
            if self.new.text() != self.again.text():
                raise DomainError("password_mismatch", "Hai lần nhập mật khẩu không giống nhau.")
            if self.own:
                accounts.authenticate(self.target, self.old.text(), now=self.now)
            else:
                roles.require(self.by.role, "accounts")
            accounts.set_password(self.target, self.new.text(), by=self.by.login, now=self.now)
        except DomainError as exc:
            self.banner.say(exc.message, "error")
            return
        self.accept()


class UsersDialog(QDialog):
    """The admin's list: every account, its role and state; add, lock, new password."""

    COLUMNS = ("Tên đăng nhập", "Họ và tên", "Vai trò", "Trạng thái", "Đăng nhập lần cuối")

    def __init__(self, *, now: Now, by: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now, self.by = now, by
        self.setWindowTitle("Quản lý tài khoản")
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.banner = Banner()
        buttons = QHBoxLayout()
        for text, slot in (("Thêm tài khoản…", self.add), ("Khóa tài khoản", self.disable),
                           ("Đặt mật khẩu mới…", self.reset), ("Đóng", self.accept)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.resize(760, 420)
        self.reload()

    def reload(self) -> None:
        rows = accounts.listing()
        self.table.setRowCount(len(rows))
        for r, account in enumerate(rows):
            cells = (account.login, account.name, roles.ROLE_LABELS[account.role],
                     "Đang dùng" if account.active else "Đã khóa",
                     formats.instant(account.last_login_at) if account.last_login_at else "—")
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def selected(self) -> str | None:
        row = self.table.currentRow()
        return self.table.item(row, 0).text() if row >= 0 else None

    def add(self) -> None:
        if AccountForm(now=self.now, by=self.by.login, first=False, parent=self).exec():
            self.banner.say("Đã tạo tài khoản.", "success")
            self.reload()

    def disable(self) -> None:
        login = self.selected()
        if login is None:
            return
        try:
            accounts.disable(login, by=self.by.login, now=self.now)
        except DomainError as exc:
            self.banner.say(exc.message, "error")
            return
        self.banner.say(f"Đã khóa tài khoản «{login}».", "success")
        self.reload()

    def reset(self) -> None:
        login = self.selected()
        if login and PasswordDialog(login, now=self.now, by=self.by, parent=self).exec():
            self.banner.say(f"Đã đặt mật khẩu mới cho «{login}».", "success")
