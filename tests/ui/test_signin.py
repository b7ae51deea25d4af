"""The window's accounts: login screen, idle lock, "Đổi người dùng", role gating, one window
per data folder, the backup warning and the audit screen."""

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desk import accounts, audit, backups
from desk.accounts import Actor
from models import db
from ui.app import _window
from ui.audit_screen import AuditScreen
from ui.login_dialog import LoginDialog
from ui.single_instance import SingleInstance

pytestmark = pytest.mark.gui


@pytest.fixture
def staff(office, clock):
    accounts.add("admin", "Lê Văn Quản", "admin", "mat-khau-quan-tri", by="", now=clock)
    accounts.add("hong", "Trần Thị Hồng", "clerk", "mat-khau-hong", by="admin", now=clock)
    accounts.add("lanh.dao", "Phạm Văn Lãnh", "leader", "mat-khau-lanh-dao", by="admin",
                 now=clock)
    return office


def actor(login):
    return accounts.actor_of(accounts.get(login))


@pytest.fixture
def window_for(qtbot, staff):
    made = []

    def open_as(login):
        window = _window(staff, actor(login))
        window.back_up_on_close = False
        qtbot.addWidget(window)
        made.append(window)
        return window

    yield open_as
    for window in made:
        window.close()


def titles(window):
    return [window.screens.tabText(i) for i in range(window.screens.count())
            if window.screens.isTabVisible(i)]


def menu_texts(window):
    return {a.text() for a in window.actions() if a.isVisible()}


def test_a_wrong_password_is_told_and_the_right_one_signs_in(qtbot, staff, clock):
    dialog = LoginDialog("Xã Tân Phú — Máy tiếp nhận số 0", now=clock)
    qtbot.addWidget(dialog)
    dialog.login.setText("hong")
    dialog.password.setText("sai-mat-khau")
    dialog.submit()
    assert dialog.banner.text() == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert dialog.password.text() == "" and dialog.actor is None
    dialog.password.setText("mat-khau-hong")
    dialog.submit()
    assert dialog.actor == Actor("hong", "Trần Thị Hồng", "clerk")
    assert audit.entries()[-1]["action"] == "login"


def test_the_demo_desk_names_its_account_on_the_login_screen(qtbot, clock, office):
    dialog = LoginDialog("Xã Tân Phú", now=clock, demo_login="demo")
    qtbot.addWidget(dialog)
    assert dialog.demo.isVisibleTo(dialog) and "demo" in dialog.demo.text()
    assert dialog.login.text() == "demo"


def test_each_role_sees_its_own_window(window_for):
    clerk = window_for("hong")
    assert titles(clerk) == ["Danh sách hồ sơ (Alt+1…6)", "Tiếp nhận hồ sơ (F2)"]
    assert "Cài đặt…" not in menu_texts(clerk) and "Sao lưu dữ liệu ngay" not in menu_texts(clerk)
    # the admin tasks of "Hệ thống" follow the same table; the ledger is every clerk's
    admin_tasks = {"Kết nối với máy chủ cấp trên…", "Xuất gói dữ liệu ra USB…",
                   "Nhập gói trả lời từ USB…", "Tên cơ quan trên giấy tờ…"}
    assert not admin_tasks & menu_texts(clerk) and "In sổ theo dõi hồ sơ…" in menu_texts(clerk)
    leader = window_for("lanh.dao")
    assert "Thống kê (F9)" in titles(leader) and "Nhật ký hệ thống (F10)" in titles(leader)
    assert "Cài đặt…" not in menu_texts(leader)
    admin = window_for("admin")
    assert {"Cài đặt…", "Sao lưu dữ liệu ngay", "Quản lý tài khoản…"} <= menu_texts(admin)
    assert admin_tasks <= menu_texts(admin)
    assert "Trần Thị Hồng" in clerk.windowTitle()


def answer_next_login(login, password, switch=False):
    """Fill the login screen that is about to open modally, as the clerk would."""
    def fill():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(20, fill)
            return
        if switch:
            dialog.change_user()
            dialog.login.setText(login)
        dialog.password.setText(password)
        dialog.submit()
    QTimer.singleShot(0, fill)


def test_idle_time_locks_the_screen_and_hides_citizens_data(window_for, qtbot):
    window = window_for("hong")
    window.show()
    seen = {}

    def look():
        seen["covered"] = not window.centralWidget().isVisible()
        seen["menu"] = window.menuBar().isEnabled()
        window.signin.idle.timer.setInterval(600_000)  # once unlocked, no second lock here
        answer_next_login("hong", "mat-khau-hong")

    window.signin.idle.timer.setInterval(50)
    window.signin.idle.timer.start()
    QTimer.singleShot(200, look)
    qtbot.waitUntil(lambda: "covered" in seen, timeout=5000)
    qtbot.waitUntil(lambda: not window.signin.locked, timeout=5000)
    assert seen == {"covered": True, "menu": False}
    assert window.centralWidget().isVisible() and window.actor.login == "hong"
    assert [e["action"] for e in audit.entries()[-2:]] == ["lock", "login"]


def test_another_clerk_takes_over_from_the_lock_screen(window_for, qtbot):
    window = window_for("hong")
    answer_next_login("lanh.dao", "mat-khau-lanh-dao", switch=True)
    window.signin.lock()
    assert window.actor.login == "lanh.dao"
    assert "Thống kê (F9)" in titles(window)
    assert window.intake.signed_in.name == "Phạm Văn Lãnh"  # the receipt names who is there
    answer_next_login("hong", "mat-khau-hong", switch=True)
    window.signin.switch_user()
    assert window.actor.login == "hong" and "Thống kê (F9)" not in titles(window)
    assert window.screens.currentWidget() is window.dossiers


def test_a_second_start_on_the_same_folder_brings_the_first_forward(qtbot, tmp_path):
    first, second = SingleInstance(tmp_path), SingleInstance(tmp_path)
    assert first.claim()
    with qtbot.waitSignal(first.activated, timeout=5000):
        assert not second.claim()
    first.release()
    assert second.claim()  # once the first is gone, the next start is the window
    second.release()


def test_the_status_bar_warns_until_a_backup_is_made(window_for, qtbot):
    window = window_for("admin")
    window.refresh_backup_status()
    assert window.backup_label.text() == "⚠ Chưa có bản sao lưu nào"
    window.back_up_now()
    qtbot.waitUntil(lambda: window.backup_label.text() == "", timeout=10000)
    assert backups.listing(window.data_dir / "backups")


def test_the_audit_screen_lists_entries_and_says_the_chain_is_whole(qtbot, staff, clock):
    accounts.authenticate("hong", "mat-khau-hong", now=clock)
    screen = AuditScreen(now=clock)
    qtbot.addWidget(screen)
    screen.reload()
    assert screen.banner.text().startswith("Nhật ký nguyên vẹn")
    rows = [[screen.table.item(r, c).text() for c in range(5)]
            for r in range(screen.table.rowCount())]
    assert rows[0][1:4] == ["hong", "Đăng nhập", "hong"]
    db.execute_sql('DROP TRIGGER "audit_entry_no_delete"')
    db.execute_sql('DELETE FROM "audit_entry" WHERE "seq" = 1')
    screen.reload()
    assert "đã bị sửa hoặc xóa" in screen.banner.text()
