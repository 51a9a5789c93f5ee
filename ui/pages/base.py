"""``Page``: the base of every navigation area (首页, 凭证, 科目, 账簿报表, 导入导出, 设置).

A page builds its widgets in ``__init__``, turns one clerk intent into one service call
(``self.attempt(books.x.y, ...)`` shows a refusal's Chinese message and returns ``Outcome``), and
shows the result. Long work goes through ``self.run_task(label, fn, on_success=...)``.

Registering a page: add ``("ui.pages.my_page", "MyPage")`` to ``PAGE_REGISTRY`` in
``ui/main_window.py``; a missing module is skipped. Minimal page::

    class VouchersPage(Page):
        title = "凭证"            # navigation text; translated with the class name as context
        icon = "vouchers"        # resources/icons/vouchers.svg

        def __init__(self, books, bridge, parent=None):
            super().__init__(books, bridge, parent)
            ...                                   # build widgets, layouts in code
            self.refresh_on("voucher_saved", "voucher_posted", "period_closed")

        def refresh(self):                        # re-read from the services
            self.model.reload()

        def on_new(self):                         # Ctrl+N in the shell; defining it enables 新建
            ...

The shell's 新建 / 保存 / 查找 / 打印 / 导出 actions (Ctrl+N / Ctrl+S / Ctrl+F / Ctrl+P / Ctrl+E)
call ``on_new`` / ``on_save`` / ``on_find`` / ``on_print`` / ``on_export`` of the current page. An
action is enabled only when the page overrides the method and ``can(action)`` says True; call
``self.actions_changed.emit()`` when that changes (e.g. a selection appears).
``self.navigate_requested.emit("VouchersPage")`` asks the shell to show another page (pages never
reach into each other).
"""
from __future__ import annotations

from typing import Any, Callable, ClassVar

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.dialogs.error_dialog import Outcome, attempt, show_error

SHELL_ACTIONS = ("new", "save", "find", "print", "export")


class Page(QWidget):
    """Base of every page. ``books`` is the open ``Books``; ``bridge`` the ``EventBridge``.

    ``actions_changed`` asks the shell to re-read which shell actions are enabled.
    """

    title: ClassVar[str] = ""
    icon: ClassVar[str] = ""

    actions_changed = Signal()
    navigate_requested = Signal(str)  # a page class name: "please show that page" (handled by the shell)

    def __init__(self, books: Any, bridge: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.books = books
        self.bridge = bridge
        self._stale = False
        self.setObjectName(type(self).__name__)

    # --- identity -----------------------------------------------------------------
    @classmethod
    def display_title(cls) -> str:
        """The navigation text, translated (context = the class name)."""
        return QCoreApplication.translate(cls.__name__, cls.title)

    # --- lifecycle ------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read everything shown from the services. Default: nothing."""

    def has_unsaved_changes(self) -> bool:
        """True while the clerk has typed something not yet saved; the shell asks before closing."""
        return False

    def save_unsaved(self) -> bool:
        """Save what ``has_unsaved_changes`` reports; False when the service refused (stay open)."""
        return True

    def activated(self) -> None:
        """Called by the shell each time the page becomes current; refreshes if marked stale."""
        if self._stale:
            self._stale = False
            self.refresh()

    def mark_stale(self) -> None:
        """Refresh now if visible, else on the next ``activated``."""
        if self.isVisible():
            self._stale = False
            self.refresh()
        else:
            self._stale = True

    def refresh_on(self, *event_names: str) -> None:
        """Refresh (or mark stale) when any of these core events arrives through the bridge."""
        if not hasattr(self, "_refresh_events"):
            self._refresh_events: set[str] = set()
            self.bridge.event_published.connect(self._on_bridge_event_published)
        self._refresh_events.update(event_names)

    def _on_bridge_event_published(self, name: str, _payload: dict) -> None:
        if name in self._refresh_events:
            self.mark_stale()

    # --- shell actions --------------------------------------------------------------
    def on_new(self) -> None:
        """Ctrl+N. Override to enable 新建."""

    def on_save(self) -> None:
        """Ctrl+S. Override to enable 保存."""

    def on_find(self) -> None:
        """Ctrl+F. Override to enable 查找 (usually: focus the page's search box)."""

    def on_print(self) -> None:
        """Ctrl+P. Override to enable 打印."""

    def on_export(self) -> None:
        """Ctrl+E. Override to enable 导出."""

    def supports(self, action: str) -> bool:
        """True when this page overrides ``on_<action>``."""
        method = getattr(type(self), f"on_{action}", None)
        return method is not None and method is not getattr(Page, f"on_{action}")

    def can(self, action: str) -> bool:
        """Whether the shell action is enabled now; override for state (default: supported)."""
        return self.supports(action)

    def trigger(self, action: str) -> None:
        """Run a shell action on this page (what the shell's shortcuts call)."""
        if self.supports(action) and self.can(action):
            getattr(self, f"on_{action}")()

    # --- helpers --------------------------------------------------------------------
    def attempt(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Outcome:
        """Call a service; a refusal is shown (Chinese message + what to do). See ``attempt``."""
        return attempt(self, fn, *args, **kwargs)

    def show_error(self, exc: BaseException) -> None:
        show_error(self, exc)

    def run_task(self, label: str, fn: Callable[..., Any], **options: Any):
        """Background work with progress and cancel (``ui.workers.run_task``)."""
        from ui.workers import run_task

        return run_task(self, label, fn, **options)

    @staticmethod
    def heading(text: str) -> QLabel:
        """A page heading label in the house style (styled by the ``pageHeading`` object name)."""
        label = QLabel(text)
        label.setObjectName("pageHeading")
        return label

    def page_layout(self) -> QVBoxLayout:
        """A vertical layout with the house margins and a heading with the page title."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.heading(self.display_title()))
        return layout
