"""Qt's own words in Vietnamese: standard buttons, context menus, file and print dialogs.

Qt ships no Vietnamese translation, so the app carries one: ``ui/i18n/qt_vi.ts`` is the
source (edit it with Qt Linguist or by hand), ``qt_vi.qm`` the compiled file that ships as
package data (``make translations`` rebuilds it with pyside6-lrelease; a test keeps the two
in step).
"""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

log = logging.getLogger(__name__)
CATALOGUE = "qt_vi.qm"
VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def install(app: QCoreApplication) -> QTranslator | None:
    """Load the Vietnamese catalogue into ``app``; dates and numbers follow Vietnam too."""
    QLocale.setDefault(VIETNAMESE)
    translator = QTranslator(app)  # parented: it lives as long as the application
    with resources.as_file(resources.files("ui.i18n") / CATALOGUE) as path:
        loaded = translator.load(str(path))
    if not loaded:
        log.error("Qt translation %s could not be loaded", CATALOGUE)
        return None
    app.installTranslator(translator)
    return translator
