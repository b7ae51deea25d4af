"""Choosing files and folders in Qt's own dialog, which speaks Vietnamese (ui/translation.py).

Windows' native dialog speaks the language of the Windows installation, often English on a
commune PC; Qt's dialog is the same on every PC and every test. Each function returns the
chosen path, or None when the clerk cancels.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

OWN_DIALOG = QFileDialog.Option.DontUseNativeDialog


def save_path(parent: QWidget | None, title: str, suggested: str, kind: str) -> Path | None:
    """Where to save; ``kind`` is a filter such as "Tệp PDF (*.pdf)"."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, kind, options=OWN_DIALOG)
    return Path(path) if path else None


def open_path(parent: QWidget | None, title: str, kind: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, "", kind, options=OWN_DIALOG)
    return Path(path) if path else None


def folder_path(parent: QWidget | None, title: str, start: str = "") -> Path | None:
    folder = QFileDialog.getExistingDirectory(
        parent, title, start, QFileDialog.Option.ShowDirsOnly | OWN_DIALOG)
    return Path(folder) if folder else None
