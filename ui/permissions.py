"""Role gating in the window, in one place: every gated action, menu item or screen is added
here with the permission (desk.roles) it needs, and follows the signed-in account.

What a role may not use is hidden, not merely greyed out: a clerk's window shows a clerk's
work. The CLI reads the same table (desk.roles.PERMISSIONS).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTabWidget, QWidget

from desk import roles
from desk.accounts import Actor


class Gate:
    def __init__(self) -> None:
        self._items: list[tuple[Callable[[bool], None], str]] = []
        self.actor: Actor | None = None

    def add(self, item: QAction | QWidget, permission: str) -> None:
        roles.PERMISSIONS[permission]  # an unknown permission fails here, at build time
        self._items.append((item.setVisible, permission))
        self._show(item.setVisible, permission)

    def add_tab(self, tabs: QTabWidget, page: QWidget, permission: str) -> None:
        def show(visible: bool) -> None:
            tabs.setTabVisible(tabs.indexOf(page), visible)

        self._items.append((show, permission))
        self._show(show, permission)

    def allows(self, permission: str) -> bool:
        """No account on this desk yet (right after init) gates nothing, as in the CLI."""
        return self.actor is None or roles.allowed(self.actor.role, permission)

    def apply(self, actor: Actor | None) -> None:
        self.actor = actor
        for show, permission in self._items:
            self._show(show, permission)

    def _show(self, show: Callable[[bool], None], permission: str) -> None:
        show(self.allows(permission))
