"""Qt's own texts in Vietnamese: the shipped catalogue, built from its source, and what the
clerk sees in context menus, standard buttons and the file and print dialogs."""

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QPoint, QTimer, QTranslator
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
)

import ui
from ui import translation

pytestmark = pytest.mark.gui
I18N = Path(ui.__file__).parent / "i18n"
ENGLISH = {"Undo", "Redo", "Cut", "Copy", "Paste", "Delete", "Select All", "OK", "Cancel",
           "Close", "Save", "Open", "Yes", "No", "Look in:", "File name:", "Files of type:",
           "Print", "Options", "Properties", "Scroll here", "Top", "Bottom", "Step up"}


def catalogue():
    return ET.parse(I18N / "qt_vi.ts").getroot()


@pytest.fixture
def vietnamese(qapp):
    installed = translation.install(qapp)
    assert installed is not None
    yield qapp
    qapp.removeTranslator(installed)
    QLocale.setDefault(QLocale.c())


def shown(text: str) -> str:
    """A menu or button text as read: no mnemonic, no shortcut."""
    return text.split("\t")[0].replace("&", "").strip()


def test_the_shipped_qm_is_built_from_the_ts_source(tmp_path):
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"  # beside the venv's python
    built = tmp_path / "qt_vi.qm"
    subprocess.run([lrelease, "-silent", str(I18N / "qt_vi.ts"), "-qm", str(built)], check=True)
    assert built.read_bytes() == (I18N / "qt_vi.qm").read_bytes(), "run make translations"


def test_every_message_of_the_source_is_translated():
    messages = catalogue().iter("message")
    for message in messages:
        translated = message.find("translation")
        assert translated.get("type") is None, message.find("source").text
        assert (translated.text or "").strip(), message.find("source").text


def test_text_field_context_menus_are_vietnamese(vietnamese):
    line, text = QLineEdit("Đặng Văn Đức"), QPlainTextEdit("ghi chú")
    for menu in (line.createStandardContextMenu(), text.createStandardContextMenu()):
        labels = [shown(a.text()) for a in menu.actions() if a.text()]
        assert labels == ["Hoàn tác", "Làm lại", "Cắt", "Sao chép", "Dán", "Xóa", "Chọn tất cả"]


def test_spin_box_menu_and_scroll_bar_texts_are_vietnamese(vietnamese):
    seen = []

    def read_and_close():
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, read_and_close)
            return
        seen.append([shown(a.text()) for a in menu.actions() if a.text()])
        menu.close()

    spin = QSpinBox()
    spin.show()
    QTimer.singleShot(50, read_and_close)
    QApplication.sendEvent(spin, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(2, 2),
                                                   spin.mapToGlobal(QPoint(2, 2))))
    assert "Tăng lên" in seen[0] and "Chọn tất cả" in seen[0]
    # Windows' style gives scroll bars a menu (the offscreen style has none to open).
    assert QCoreApplication.translate("QScrollBar", "Scroll here") == "Cuộn đến đây"


def test_standard_buttons_speak_vietnamese(vietnamese):
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel
                               | QDialogButtonBox.StandardButton.Close
                               | QDialogButtonBox.StandardButton.Save)
    assert sorted(shown(b.text()) for b in buttons.buttons()) == ["Hủy", "Lưu", "Đóng", "Đồng ý"]
    box = QMessageBox(QMessageBox.Icon.Question, "Hỏi", "Tiếp tục?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert sorted(shown(b.text()) for b in box.buttons()) == ["Có", "Không"]


def visible_texts(dialog: QDialog) -> set[str]:
    texts = {shown(w.text()) for kind in (QLabel, QPushButton) for w in dialog.findChildren(kind)
             if w.isVisibleTo(dialog)}
    return {t for t in texts if t}


def test_the_file_dialog_is_vietnamese(vietnamese, tmp_path):
    dialog = QFileDialog(None, "Lưu gói dữ liệu", str(tmp_path), "Gói dữ liệu (*.bundle)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    texts = visible_texts(dialog)
    assert {"Tìm trong:", "Tên tệp:", "Loại tệp:", "Lưu", "Hủy"} <= texts
    assert not texts & ENGLISH


def test_the_print_dialog_is_vietnamese(vietnamese):
    dialog = QPrintDialog(QPrinter())
    texts = visible_texts(dialog)
    assert "In" in texts and "Hủy" in texts
    assert not texts & ENGLISH


class Spy(QTranslator):
    """Records every text Qt asks to translate."""

    def __init__(self):
        super().__init__()
        self.asked = set()

    def translate(self, context, source, disambiguation=None, n=-1):
        if source:
            self.asked.add((context, source))
        return None

    def isEmpty(self):  # noqa: N802 (Qt's name)
        return False


# Texts Qt asks for that read the same in Vietnamese (paper names, shortcuts, numbers).
SAME_IN_VIETNAMESE = {"QPageSize", "QShortcut", "QProgressBar", "QGuiApplication"}


def test_every_text_qt_shows_in_these_places_is_in_the_catalogue(qapp, tmp_path):
    spy = Spy()
    qapp.installTranslator(spy)
    try:
        keep = [QLineEdit("a"), QPlainTextEdit("a")]
        menus = [w.createStandardContextMenu() for w in keep]
        QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                         | QDialogButtonBox.StandardButton.Cancel
                         | QDialogButtonBox.StandardButton.Close
                         | QDialogButtonBox.StandardButton.Yes
                         | QDialogButtonBox.StandardButton.No)
        files = QFileDialog(None, "t", str(tmp_path))
        files.setOption(QFileDialog.Option.DontUseNativeDialog)
        files.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        QPrintDialog(QPrinter())
        del menus, files
    finally:
        qapp.removeTranslator(spy)
    known = {(c.find("name").text, m.find("source").text)
             for c in catalogue().iter("context") for m in c.iter("message")}
    missing = {(c, s) for c, s in spy.asked
               if c not in SAME_IN_VIETNAMESE and (c, s) not in known
               and not s[0].isdigit() and s not in ("%1%", "...")}
    assert not missing
