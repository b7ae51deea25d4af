"""Starting the window: one per data folder, open the database, set the desk up on first start,
sign in (the first administrator is made on the first start), then show it."""

from __future__ import annotations

import importlib.resources
import os
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox

from desk import __version__, accounts, audit, demo, paths, recovery
from desk.accounts import Actor
from desk.cli import ENV_PASSWORD, GuiStart
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


def run(start: GuiStart, clock: Now = utcnow) -> int:
    """The window's entry point: it chooses the clock the whole window runs on."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    prepare_application(app)
    failures.install(paths.logs_dir(start.data_dir))
    from ui.single_instance import SingleInstance

    instance = SingleInstance(start.data_dir)
    if not instance.claim():
        return 0  # the window already open on this folder was brought forward
    try:
        open_database(paths.database_path(start.data_dir), now=clock)
        ctx = _demo_context(clock) if start.demo else _context_or_setup(clock)
        actor = _sign_in(ctx, start.login, clock) if ctx is not None else None
    except DomainError as exc:
        QMessageBox.critical(None, "Một Cửa Desk", exc.message)
        instance.release()
        return 2
    if ctx is None or actor is None:
        instance.release()
        return 0  # the clerk left the first-start or the login screen
    window = _window(ctx, actor)
    instance.activated.connect(lambda: _bring_forward(window))
    window.showMaximized()
    window.back_up_if_due()
    code = app.exec()
    instance.release()
    return code


def _window(ctx: DeskContext, actor: Actor | None = None) -> QMainWindow:
    """The main window with its statistics and audit screens, sign-in and background sync."""
    from ui import keys
    from ui.audit_screen import AuditScreen
    from ui.main_window import MainWindow
    from ui.signin import SignIn
    from ui.statistics import StatisticsScreen
    from ui.sync_worker import SyncWorker

    window = MainWindow(ctx, actor=actor)
    statistics = StatisticsScreen(ctx, now=window.now)
    statistics.open_requested.connect(window.open_dossier)
    window.add_screen(statistics, "Thống kê", keys.STATISTICS, "statistics")
    window.add_screen(AuditScreen(now=window.now), "Nhật ký hệ thống", keys.AUDIT, "audit")
    window.set_actor(actor)
    window.signin = SignIn(window, now=window.now, demo_login=demo.demo_login())
    worker = SyncWorker(now=ctx.now)
    window.attach_sync(worker)
    worker.start()
    return window


def _sign_in(ctx: DeskContext, login: str | None, clock: Now) -> Actor | None:
    """The account the window opens for: ``--as`` with MOTCUA_PASSWORD (a scripted start),
    else the login screen; on the desk's very first start, its first administrator."""
    from ui.login_dialog import LoginDialog

    office = f"{ctx.commune.name} — {ctx.desk.name}"
    if not accounts.exist():
        actor = _first_admin(clock)
    else:
        actor, refusal = None, ""
        if login and os.environ.get(ENV_PASSWORD) is not None:
            try:
                actor = accounts.authenticate(login, os.environ[ENV_PASSWORD], now=clock)
            except DomainError as exc:
                refusal = exc.message
        if actor is None:
            dialog = LoginDialog(office, now=clock, demo_login=demo.demo_login())
            if login:
                dialog.login.setText(login)
            if refusal:
                dialog.banner.say(refusal, "error")
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            actor = dialog.actor if accepted else None
    if actor is not None and actor.role == "admin" and not demo.demo_login():
        _show_recovery_key_once(office, actor, clock)
    return actor


def _first_admin(clock: Now) -> Actor | None:
    from ui.account_dialogs import AccountForm

    form = AccountForm(now=clock, by="", first=True)
    if form.exec() != QDialog.DialogCode.Accepted or form.made is None:
        return None
    return accounts.actor_of(form.made)


def _show_recovery_key_once(office: str, actor: Actor, clock: Now) -> None:
    from models import db
    from ui.recovery_dialog import RecoveryKeyDialog

    key = recovery.reveal_once(Path(db.obj.database), by=actor.login, now=clock)
    if key:
        RecoveryKeyDialog(key, office).exec()


def _bring_forward(window: QMainWindow) -> None:
    if window.isMinimized():
        window.showMaximized()
    window.raise_()
    window.activateWindow()


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
    ctx = load_context(now=clock)
    audit.record("desk_initialized", actor="", target=ctx.commune_code, now=clock,
                 details={"desk_number": ctx.desk.number})
    return ctx


def _demo_context(clock: Now) -> DeskContext:
    try:
        return load_context(now=clock)
    except DomainError:
        demo.seed(demo.ensure_demo_office(now=clock), 120, now=clock, by=demo.DEMO_LOGIN)
        return load_context(now=clock)
