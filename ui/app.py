"""Application entry: ``main(argv, db_url=None, smoke_dir=None) -> int``.

The CLI (``assetdesk gui``, ``assetdesk`` with no command, ``assetdesk gui --smoke DIR``) calls this;
PySide6 is imported only inside ``ui``. Start-up is kept light: no reportlab/openpyxl imports,
pages other than 首页 are built on first visit.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Sequence

ORGANISATION = "AssetDesk"
APPLICATION = "AssetDesk"


def settings():
    """The application's QSettings (window state, recent databases). Tests redirect its location."""
    from PySide6.QtCore import QSettings

    return QSettings(ORGANISATION, APPLICATION)


RECENT_LIMIT = 8


def recent_databases() -> list[str]:
    """Databases opened before, newest first (QSettings "recent_databases")."""
    value = settings().value("recent_databases", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def remember_database(location: str | os.PathLike) -> None:
    """Put ``location`` first in the recent list and make it the one opened next time."""
    location = str(location)
    recent = [location] + [r for r in recent_databases() if r != location]
    store = settings()
    store.setValue("recent_databases", recent[:RECENT_LIMIT])
    store.setValue("last_database", location)
    store.sync()


def install_translations(app) -> None:
    """Qt's own catalogue (确定/取消 on standard buttons) and ours when present.

    Simplified Chinese by default; ``ASSETDESK_LANG`` (e.g. ``en``) picks another catalogue from
    resources/i18n (``assetdesk_<lang>.qm``, see docs/i18n.md)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from ui.theme import resources_dir

    language = os.environ.get("ASSETDESK_LANG", "zh_CN")
    QLocale.setDefault(QLocale(language))
    if getattr(app, "_assetdesk_translators", None):
        return
    translators = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, directory in ((f"qtbase_{language}", qt_dir), (f"assetdesk_{language}", str(resources_dir() / "i18n"))):
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            translators.append(translator)
    app._assetdesk_translators = translators


def create_application(argv: Sequence[str] | None = None):
    """The QApplication with names, translations, font, style sheet and the excepthook."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from ui import theme
    from ui.dialogs.error_dialog import install_excepthook

    app = QApplication.instance() or QApplication(list(argv or [sys.argv[0] if sys.argv else "assetdesk"]))
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(app.translate("App", "AssetDesk 社区集体资产财务"))
    QGuiApplication.setDesktopFileName("assetdesk")
    app.setWindowIcon(theme.icon("app"))
    install_translations(app)
    app.setFont(theme.application_font())
    app.setStyle("Fusion")
    app.setStyleSheet(theme.STYLE_SHEET)
    install_excepthook()
    return app


def initial_database_url(db_url: str | None) -> str | None:
    """What to open: the given URL, else ``ASSETDESK_DB`` (resolved by the core), else the last
    database the clerk used if it still exists, else the default file (None)."""
    if db_url:
        return str(db_url)
    if os.environ.get("ASSETDESK_DB"):
        return None
    last = settings().value("last_database", "")
    if last and (not _looks_like_file(last) or Path(last).exists()):
        return str(last)
    return None


def _looks_like_file(url: str) -> bool:
    return "://" not in url or url.startswith("sqlite:")


def main(argv: Sequence[str] | None = None, db_url: str | None = None, smoke_dir: str | os.PathLike | None = None) -> int:
    """Run the desktop application; returns the process exit code.

    ``smoke_dir``: open the main window, visit every page, save one PNG per page into the folder,
    exit 0 — non-zero on any error (see ``ui.smoke``)."""
    if smoke_dir is not None and sys.platform.startswith("linux") and not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_application(argv)
    if smoke_dir is not None:
        from ui.smoke import run_smoke

        return run_smoke(app, db_url, Path(smoke_dir))

    from ui.dialogs.welcome_dialog import open_books_interactively
    from ui.main_window import MainWindow

    books = open_books_interactively(initial_database_url(db_url), None)
    if books is None:
        return 0
    window = MainWindow(books)
    window.show()
    return app.exec()


if __name__ == "__main__":  # pragma: no cover - `python -m ui.app`
    sys.exit(main(sys.argv))
