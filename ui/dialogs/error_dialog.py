"""The one error dialog, and the excepthook that guarantees no traceback ever reaches the clerk.

* ``show_error(parent, exc)`` — an ``AssetDeskError`` shows its Chinese message and hint (what to
  do); anything else shows "程序出现意外错误…" and what to do. The technical details (exception
  type, traceback) are never displayed: the "复制详情" button copies them to the clipboard for support.
* ``attempt(parent, fn, *args, **kwargs) -> Outcome`` — call a service; on ``AssetDeskError`` show it
  and return ``Outcome(ok=False)``. This is how a page turns one intent into one service call.
* ``install_excepthook()`` — logs every uncaught exception (including ones raised in slots and in
  worker threads) to ``user_log_dir("AssetDesk")/assetdesk.log`` and shows ``show_error``.
* ``add_error_listener(fn)`` / ``set_interactive(False)`` — the smoke run and tests observe errors
  without a modal dialog blocking them.
"""
from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, Qt, QThread
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AssetDeskError

log = logging.getLogger("assetdesk.ui")

_listeners: list[Callable[[BaseException, str], None]] = []
_interactive = True


def _tr(text: str) -> str:
    return QCoreApplication.translate("ErrorDialog", text)


def add_error_listener(listener: Callable[[BaseException, str], None]) -> None:
    """``listener(exc, details)`` is called for every error shown (or that would be shown)."""
    _listeners.append(listener)


def remove_error_listener(listener: Callable[[BaseException, str], None]) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def set_interactive(interactive: bool) -> None:
    """False: errors are logged and reported to listeners but no modal dialog opens (smoke runs)."""
    global _interactive
    _interactive = interactive


def technical_details(exc: BaseException) -> str:
    """Type, message and traceback as text, for the clipboard and the log file only."""
    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    return "".join(lines).strip()


def user_message(exc: BaseException) -> tuple[str, str]:
    """(what is wrong, what to do) in Chinese for any exception."""
    if isinstance(exc, AssetDeskError):
        hint = exc.hint or _tr("请检查后重试。")
        return exc.message, hint
    if isinstance(exc, MemoryError):
        return _tr("内存不足，操作未完成。"), _tr("请关闭其他程序后重试。")
    return (
        _tr("程序出现意外错误，刚才的操作可能没有完成。"),
        _tr("请重试一次；如果问题仍然出现，请点击“复制详情”，把内容发给技术支持。"),
    )


class ErrorDialog(QDialog):
    """Chinese message, what to do, and "复制详情" (details go to the clipboard, never on screen)."""

    def __init__(self, exc: BaseException, parent: QWidget | None = None, details: str | None = None):
        super().__init__(parent)
        self.exc = exc
        self.details = details if details is not None else technical_details(exc)
        message, hint = user_message(exc)
        expected = isinstance(exc, AssetDeskError)
        self.setWindowTitle(self.tr("提示") if expected else self.tr("出错了"))
        self.setMinimumWidth(420)

        icon = QLabel()
        pixmap = QStyle.StandardPixmap.SP_MessageBoxWarning if expected else QStyle.StandardPixmap.SP_MessageBoxCritical
        icon.setPixmap(self.style().standardIcon(pixmap).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.message_label = QLabel(message)
        self.message_label.setObjectName("errorMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.message_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        font.setBold(True)
        self.message_label.setFont(font)
        self.hint_label = QLabel(self.tr("怎么办：") + hint)
        self.hint_label.setWordWrap(True)
        self.hint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        texts = QVBoxLayout()
        texts.setSpacing(8)
        texts.addWidget(self.message_label)
        texts.addWidget(self.hint_label)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(icon)
        top.addLayout(texts, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.copy_button = QPushButton(self.tr("复制详情"))
        self.copy_button.setAutoDefault(False)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        buttons.accepted.connect(self.accept)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addWidget(buttons)

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("已复制"))


def show_error(parent: QWidget | None, exc: BaseException, details: str | None = None) -> None:
    """Show ``exc`` to the clerk (blocking, modal). Domain errors are not logged as failures."""
    details = details if details is not None else technical_details(exc)
    if not isinstance(exc, AssetDeskError):
        log.error("unexpected error shown to the clerk\n%s", details)
    for listener in list(_listeners):
        try:
            listener(exc, details)
        except Exception:  # a listener must never hide the error itself
            log.exception("error listener failed")
    if not _interactive or QApplication.instance() is None:
        return
    if QThread.currentThread() is not QApplication.instance().thread():
        return  # never build widgets off the GUI thread; the hook re-posts (see install_excepthook)
    ErrorDialog(exc, parent or QApplication.activeWindow(), details).exec()


@dataclass(frozen=True)
class Outcome:
    """Result of ``attempt``: ``ok`` and the service's return value (None when refused)."""

    ok: bool
    value: Any = None

    def __bool__(self) -> bool:
        return self.ok


def attempt(parent: QWidget | None, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Outcome:
    """Call ``fn``; an ``AssetDeskError`` is shown with ``show_error`` and gives ``Outcome(False)``.

    Other exceptions propagate to the excepthook (logged, then the same dialog)."""
    try:
        return Outcome(True, fn(*args, **kwargs))
    except AssetDeskError as exc:
        show_error(parent, exc)
        return Outcome(False, None)


def log_directory() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir("AssetDesk", appauthor=False))


def configure_file_logging(directory: Path | None = None) -> Path:
    """Log WARNING and above to ``<user_log_dir>/assetdesk.log`` (rotated, 5 × 1 MB)."""
    directory = Path(directory) if directory else log_directory()
    path = directory / "assetdesk.log"
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        directory.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.setLevel(logging.WARNING)
        root.addHandler(handler)
        if root.level > logging.WARNING or root.level == logging.NOTSET:
            root.setLevel(logging.WARNING)
    return path


def _on_uncaught(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc is None:
        exc = exc_type()
    exc.__traceback__ = tb
    details = technical_details(exc)
    if isinstance(exc, AssetDeskError):  # a refusal a page forgot to catch: still just a message
        log.warning("uncaught domain error\n%s", details)
    app = QApplication.instance()
    if app is not None and QThread.currentThread() is not app.thread():
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, app, lambda: show_error(None, exc, details))
        return
    show_error(None, exc, details)


def install_excepthook(log_dir: Path | None = None) -> Path:
    """Route every uncaught exception (GUI thread, slots, Python threads) to the log and the dialog.

    Returns the log file path."""
    path = configure_file_logging(log_dir)
    sys.excepthook = _on_uncaught
    threading.excepthook = lambda args: _on_uncaught(args.exc_type, args.exc_value, args.exc_traceback)
    return path
