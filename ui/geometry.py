"""Fitting windows to the screens commune PCs have: 1024×768 with a taskbar is the smallest.

A maximised window on such a screen has about 1024×728 for itself (a 40 px taskbar), less its
own title bar; every window and dialog asks for no more than that and sizes itself to the
screen it opens on.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SMALLEST_SCREEN = QSize(1024, 728)  # 1024×768 less a taskbar
TITLE_BAR = 32  # what Windows 10 draws above a window's client area at 100 % scaling
SMALLEST_CLIENT = QSize(SMALLEST_SCREEN.width(), SMALLEST_SCREEN.height() - TITLE_BAR)


def available(widget: QWidget | None = None) -> QRect:
    """The part of the widget's screen (or the primary one) that windows may use."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(widget: QWidget, width: int, height: int, anchor: QWidget | None = None) -> None:
    """Resize to ``width``×``height`` or the screen less a margin, whichever is smaller."""
    area = available(anchor or widget.parentWidget() or widget)
    size = QSize(min(width, area.width() - 16), min(height, area.height() - TITLE_BAR - 8))
    widget.resize(size)
    frame = QRect(area.topLeft(), size)
    frame.moveCenter(area.center())
    widget.move(frame.topLeft())
