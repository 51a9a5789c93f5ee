"""UI test setup: offscreen Qt, a temporary QSettings location, and errors observed without modal dialogs."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """QSettings("AssetDesk", "AssetDesk") writes under tmp_path, never the real user profile."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(tmp_path / "qsettings"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    yield tmp_path / "qsettings"


@pytest.fixture(autouse=True)
def _errors_never_block(request):
    """No modal error dialog ever blocks a test; an error nobody expected fails the test with its details."""
    from ui.dialogs import error_dialog

    seen: list = []
    listener = lambda exc, details: seen.append((exc, details))  # noqa: E731
    error_dialog.add_error_listener(listener)
    error_dialog.set_interactive(False)
    request.node._shown_errors = seen
    yield seen
    error_dialog.remove_error_listener(listener)
    error_dialog.set_interactive(True)
    if seen and not getattr(request.node, "_errors_expected", False):
        pytest.fail("unexpected error shown to the clerk:\n" + "\n".join(d for _, d in seen), pytrace=False)


@pytest.fixture
def shown_errors(request, _errors_never_block):
    """Every error the UI showed in this test, as (exception, details); expected by the test."""
    request.node._errors_expected = True
    return _errors_never_block


@pytest.fixture
def zh_app(qapp):
    """The application with the Chinese catalogues installed (Qt's own 确定/取消)."""
    from ui.app import install_translations

    install_translations(qapp)
    return qapp


def type_text(widget, text: str) -> None:
    """Type like a clerk, Chinese included (QTest.keyClicks aborts on non-ASCII characters)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


@pytest.fixture
def typist():
    """``typist(widget, "12.5万")`` types text (any characters) into a widget."""
    return type_text


@pytest.fixture
def saved_messages(monkeypatch):
    """Texts of the information boxes shown ("已导出到 …"), instead of showing them."""
    from PySide6.QtWidgets import QMessageBox

    seen = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *args, **kw: seen.append(args[2])))
    return seen


@pytest.fixture
def rent(books):
    """The 租金收入 sub-account (50101) most screen tests post to."""
    from tests.helpers import rent_account

    return rent_account(books)


def show_main_window(qtbot, books, size=(1280, 800)):
    """The main window on ``books`` at the size a clerk's laptop gives it, shown and exposed."""
    from ui.main_window import MainWindow

    window = MainWindow(books)
    window.set_auto_backup(False)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window
