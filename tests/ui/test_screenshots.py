"""Every main screen renders something readable (grabbed offscreen, saved, not blank)."""

import pytest
from PySide6.QtCore import Qt

from desk import events
from tests.ui.conftest import QR, press, receive
from ui.prompts import RatingDialog
from ui.settings_dialog import SettingsDialog
from ui.setup_dialog import SetupDialog

pytestmark = pytest.mark.gui


def distinct_colours(image) -> int:
    small = image.scaled(80, 60)
    return len({small.pixel(x, y) for x in range(80) for y in range(60)})


def test_each_main_screen_is_drawn_and_saved(window, office, clock, qtbot, tmp_path):
    for name in ("Lê Thị An", "Trần Văn Bình", "Phạm Thu Hà"):
        dossier = receive(office, clock, name)
    events.record(office, dossier.code, "result_ready", now=clock)
    window.refresh()
    window.resize(1366, 740)
    shots = {"main-window": window.grab()}
    press(Qt.Key.Key_F2, window)
    window.intake.picker.filter("khai sinh")
    press(Qt.Key.Key_Return, window.intake.picker.line)
    window.intake.applicant.scan.setText(QR)
    press(Qt.Key.Key_Return, window.intake.applicant.scan)
    shots["intake"] = window.grab()
    shots["dossier"] = window.open_dossier(dossier.code).grab()
    for name, dialog in (("settings", SettingsDialog()), ("setup", SetupDialog(now=clock)),
                         ("rating", RatingDialog())):
        qtbot.addWidget(dialog)
        shots[name] = dialog.grab()
    for name, pixmap in shots.items():
        path = tmp_path / f"{name}.png"
        assert pixmap.save(str(path)), name
        assert path.stat().st_size > 2000, name
        assert distinct_colours(pixmap.toImage()) > 8, f"{name} looks blank"
