"""A real main window over a real SQLite file, with printing recorded instead of sent."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from desk import intake
from ui.main_window import MainWindow

QR = ("079203001234|025012345|Đặng Văn Đức|05031990|Nam|"
      "Thôn Đông, xã Tân Phú, tỉnh Đồng Nai|12052021")
PERSON = intake.ApplicantInput(name="Lê Thị An", id_number="001190004567", phone="0987654321")


@pytest.fixture
def printed():
    return []


@pytest.fixture
def window(qtbot, office, clock, printed, monkeypatch):
    main = MainWindow(office)
    qtbot.addWidget(main)
    monkeypatch.setattr(main.printing, "print_receipt",
                        lambda code: printed.append(("receipt", code)))
    monkeypatch.setattr(main.printing, "print_slip",
                        lambda kind, code: printed.append((kind, code)))
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    yield main
    main.tasks.wait()  # no worker may outlive the test's database
    if main.dossier_view is not None:
        main.dossier_view.close()


def receive(office, clock, name="Lê Thị An", procedure="1.004837"):
    person = intake.ApplicantInput(name=name, id_number=PERSON.id_number, phone=PERSON.phone)
    return intake.receive(office, intake.IntakeRequest(procedure, person), now=clock)


def type_text(text: str, widget: QWidget | None = None) -> None:
    """Type like a keyboard, one character at a time (keyClicks aborts on non-ASCII text)."""
    target = widget or QApplication.focusWidget()
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, target, Qt.Key.Key_unknown, char,
                           Qt.KeyboardModifier.NoModifier)


def press(key: Qt.Key, widget: QWidget | None = None) -> None:
    QTest.keyClick(widget or QApplication.focusWidget(), key)
