"""The shell: left navigation, a stack of pages, menus, shell shortcuts, status bar.

Pages are registered in ``PAGE_REGISTRY`` as (module, class name), in navigation order. A module
that does not exist (yet) is skipped — no empty placeholder pages; a module that exists but fails
to import is logged and listed in ``MainWindow.page_load_errors`` (the smoke run fails on it).
Pages are built on first visit, so start-up stays fast.

Shell actions 新建 Ctrl+N, 保存 Ctrl+S, 查找 Ctrl+F, 打印 Ctrl+P, 导出 Ctrl+E go to the current
page (``Page.trigger``); they are enabled only when the page supports them (``Page.can``).
"""
from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.app import recent_databases, remember_database, settings
from ui.bridge import EventBridge
from ui.pages.base import SHELL_ACTIONS, Page

log = logging.getLogger(__name__)

#: Navigation areas in order: (module, class). Add a page by adding its line.
PAGE_REGISTRY: list[tuple[str, str]] = [
    ("ui.pages.home_page", "HomePage"),            # 首页
    ("ui.pages.vouchers_page", "VouchersPage"),    # 凭证
    ("ui.pages.accounts_page", "AccountsPage"),    # 科目
    ("ui.pages.books_page", "BooksPage"),          # 账簿报表
    ("ui.pages.assets_page", "AssetsPage"),        # 资产台账
    ("ui.pages.leases_page", "LeasesPage"),        # 租赁合同
    ("ui.pages.exchange_page", "ExchangePage"),    # 导入导出
    ("ui.pages.settings_page", "SettingsPage"),    # 设置
]

SHELL_SHORTCUTS = {
    "new": ("新建", QKeySequence.StandardKey.New),
    "save": ("保存", QKeySequence.StandardKey.Save),
    "find": ("查找", QKeySequence.StandardKey.Find),
    "print": ("打印", QKeySequence.StandardKey.Print),
    "export": ("导出", QKeySequence("Ctrl+E")),
}


@dataclass
class PageEntry:
    """One navigation area: its class and, once visited, its widget."""

    cls: type
    page: Page | None = None
    extras: dict = field(default_factory=dict)


def load_page_classes(registry: list[tuple[str, str]] | None = None) -> tuple[list[type], list[str]]:
    """Import the registered page classes; returns (classes, errors). Missing modules are skipped."""
    classes, errors = [], []
    for module_name, class_name in registry or PAGE_REGISTRY:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # that area is not built yet
            log.exception("page module %s failed to import", module_name)
            errors.append(f"{module_name}: {exc!r}")
            continue
        except Exception as exc:
            log.exception("page module %s failed to import", module_name)
            errors.append(f"{module_name}: {exc!r}")
            continue
        cls = getattr(module, class_name, None)
        if cls is None:
            errors.append(f"{module_name}: no class {class_name}")
            continue
        classes.append(cls)
    return classes, errors


class MainWindow(QMainWindow):
    """The main window over one open ``Books``; ``set_books`` switches databases."""

    def __init__(self, books, parent: QWidget | None = None, registry: list[tuple[str, str]] | None = None):
        super().__init__(parent)
        self.books = None
        self.bridge = EventBridge(parent=self)
        self.entries: list[PageEntry] = []
        self.page_load_errors: list[str] = []
        self._registry = registry
        self._auto_backup = True
        self.setWindowTitle(self.tr("AssetDesk 社区集体资产财务"))
        self.setMinimumSize(QSize(960, 600))
        self._build_body()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self.bridge.event_published.connect(self._on_bridge_event_published)
        self.set_books(books)
        self._restore_geometry()

    # --- construction ---------------------------------------------------------------
    def _build_body(self) -> None:
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setFixedWidth(188)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.currentRowChanged.connect(self._on_navigation_current_row_changed)
        self.brand = QLabel()
        self.brand.setObjectName("navBrand")
        self.brand.setWordWrap(True)
        self.brand.setFixedWidth(188)
        footer = QLabel(self.tr("Ctrl+1…7 切换页面"))
        footer.setObjectName("navFooter")
        footer.setFixedWidth(188)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        side.addWidget(self.brand)
        side.addWidget(self.navigation, 1)
        side.addWidget(footer)

        self.stack = QStackedWidget()
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(side)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)

    def _build_actions(self) -> None:
        self.shell_actions: dict[str, QAction] = {}
        for name, (text, shortcut) in SHELL_SHORTCUTS.items():
            action = QAction(self.tr(text), self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, n=name: self.trigger_shell_action(n))
            self.addAction(action)
            self.shell_actions[name] = action
        self.refresh_action = QAction(self.tr("刷新"), self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.triggered.connect(self._on_refresh_triggered)
        self.addAction(self.refresh_action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        file_menu.addAction(self.tr("新建账套(&N)…"), self._on_new_book_triggered)
        file_menu.addAction(self.tr("打开数据库(&O)…"), QKeySequence(QKeySequence.StandardKey.Open),
                            self._on_open_database_triggered)
        self.recent_menu = file_menu.addMenu(self.tr("最近打开(&R)"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.tr("备份(&B)…"), self._on_backup_triggered)
        file_menu.addAction(self.tr("恢复备份(&E)…"), self._on_restore_triggered)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("退出(&X)"), self.close)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))

        edit_menu = bar.addMenu(self.tr("编辑(&E)"))
        for name in SHELL_ACTIONS:
            edit_menu.addAction(self.shell_actions[name])

        self.view_menu = bar.addMenu(self.tr("查看(&V)"))
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self.tr("关于 AssetDesk(&A)"), self._on_about_triggered)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setSizeGripEnabled(True)
        self.location_label = QLabel()
        self.period_label = QLabel()
        self.user_button = QToolButton()
        self.user_button.setAutoRaise(True)
        self.user_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.user_button.setToolTip(self.tr("当前操作人（记入审计日志）"))
        self.user_menu = QMenu(self.user_button)
        self.user_menu.aboutToShow.connect(self._fill_user_menu)
        self.user_button.setMenu(self.user_menu)
        status.addWidget(self.location_label, 1)
        status.addPermanentWidget(self.period_label)
        status.addPermanentWidget(self.user_button)

    # --- books ----------------------------------------------------------------------
    def set_books(self, books) -> None:
        """Show ``books``: every page is rebuilt (lazily), the bridge listens to its events."""
        old = self.books
        self.books = books
        self.bridge.attach(books.events)
        last_user = settings().value("last_user", "")
        if last_user:
            books.user = str(last_user)
        if old is not None and old is not books:
            old.close()
        self._rebuild_pages()
        self.update_status()

    def _rebuild_pages(self) -> None:
        current_cls = self.current_page_class()
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        classes, self.page_load_errors = load_page_classes(self._registry)
        self.entries = [PageEntry(cls) for cls in classes]
        self.navigation.blockSignals(True)
        self.navigation.clear()
        self.view_menu.clear()
        for number, cls in enumerate(classes):
            item = QListWidgetItem(theme.icon(cls.icon), cls.display_title())
            item.setSizeHint(QSize(0, 42))
            self.navigation.addItem(item)
            placeholder = QWidget()  # replaced by the page on first visit
            self.stack.addWidget(placeholder)
            action = self.view_menu.addAction(cls.display_title(), lambda n=number: self.show_page(n))
            if number < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.refresh_action)
        self.navigation.blockSignals(False)
        target = next((n for n, e in enumerate(self.entries) if e.cls is current_cls), 0)
        if self.entries:
            self.show_page(target)

    def page(self, number: int) -> Page:
        """The page at navigation position ``number``, built on first use."""
        entry = self.entries[number]
        if entry.page is None:
            entry.page = entry.cls(self.books, self.bridge)
            entry.page.actions_changed.connect(self._update_shell_actions)
            entry.page.navigate_requested.connect(self._on_page_navigate_requested)
            placeholder = self.stack.widget(number)
            self.stack.insertWidget(number, entry.page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        return entry.page

    def show_page(self, target: int | type | str) -> Page:
        """Make a page current by position, class or class name; returns it."""
        number = self._page_number(target)
        page = self.page(number)
        if self.navigation.currentRow() != number:
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(number)
            self.navigation.blockSignals(False)
        self.stack.setCurrentIndex(number)
        page.activated()
        self._update_shell_actions()
        return page

    def current_page(self) -> Page | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Page) else None

    def current_page_class(self) -> type | None:
        row = self.navigation.currentRow()
        return self.entries[row].cls if 0 <= row < len(self.entries) else None

    def page_classes(self) -> list[type]:
        return [entry.cls for entry in self.entries]

    def _page_number(self, target: int | type | str) -> int:
        if isinstance(target, int):
            return target
        for number, entry in enumerate(self.entries):
            if entry.cls is target or entry.cls.__name__ == target:
                return number
        raise KeyError(target)

    # --- shell actions --------------------------------------------------------------
    def trigger_shell_action(self, name: str) -> None:
        page = self.current_page()
        if page is not None:
            page.trigger(name)

    def _update_shell_actions(self) -> None:
        page = self.current_page()
        for name, action in self.shell_actions.items():
            action.setEnabled(bool(page and page.supports(name) and page.can(name)))

    def _on_navigation_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.entries):
            self.show_page(row)

    def _on_page_navigate_requested(self, class_name: str) -> None:
        try:
            self.show_page(class_name)
        except KeyError:
            log.warning("navigation to missing page %s", class_name)

    def _on_refresh_triggered(self) -> None:
        page = self.current_page()
        if page is not None:
            page.refresh()
        self.update_status()

    # --- status bar -----------------------------------------------------------------
    def update_status(self) -> None:
        books = self.books
        self.location_label.setText(self.tr("数据库：") + str(books.location))
        self.location_label.setToolTip(str(books.location))
        book = books.org.book()
        self.brand.setText(book.community_name if book else self.tr("AssetDesk"))
        try:
            period = str(books.periods.current_period())
        except Exception:  # shown as unknown rather than breaking the window
            log.exception("current period unavailable")
            period = "—"
        self.period_label.setText(self.tr("当前期间：") + period)
        self.user_button.setText(self.tr("操作人：") + books.user)
        community = book.community_name if book else ""
        self.setWindowTitle(self.tr("AssetDesk 社区集体资产财务") + (f" — {community}" if community else ""))

    def _fill_user_menu(self) -> None:
        self.user_menu.clear()
        for user in self.books.org.list_users():
            if not user.is_active:
                continue
            action = self.user_menu.addAction(f"{user.name}（{user.role}）")
            action.setCheckable(True)
            action.setChecked(user.name == self.books.user)
            action.triggered.connect(lambda _c=False, name=user.name: self.set_user(name))
        if self.user_menu.isEmpty():
            action = self.user_menu.addAction(self.tr("在“设置”中添加用户"))
            action.triggered.connect(lambda: self.show_page("SettingsPage"))

    def set_user(self, name: str) -> None:
        """Who is acting (recorded in the audit log); remembered for next time."""
        self.books.user = name
        settings().setValue("last_user", name)
        self.update_status()

    def _on_bridge_event_published(self, name: str, _payload: dict) -> None:
        if name in ("period_closed", "period_reopened", "org_changed", "database_restored"):
            self.update_status()

    # --- 文件 menu ------------------------------------------------------------------
    def open_database(self, url) -> bool:
        """Switch to another database (welcome dialog if it is empty). False when the clerk gave up."""
        from ui.dialogs.welcome_dialog import open_books_interactively

        books = open_books_interactively(url, self)
        if books is None:
            return False
        self.set_books(books)
        return True

    def _on_open_database_triggered(self) -> None:
        from ui.dialogs.welcome_dialog import ask_database_file

        path = ask_database_file(self)
        if path:
            self.open_database(path)

    def _on_new_book_triggered(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from ui.dialogs.welcome_dialog import DATABASE_FILTER

        path, _ = QFileDialog.getSaveFileName(self, self.tr("新账套的数据库文件"), "", self.tr(DATABASE_FILTER))
        if path:
            if not path.lower().endswith((".db", ".sqlite")):
                path += ".db"
            self.open_database(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for location in recent_databases():
            self.recent_menu.addAction(location, lambda loc=location: self.open_database(loc))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("（无）")).setEnabled(False)

    def _on_backup_triggered(self) -> None:
        from ui.dialogs.backup_dialogs import backup_now

        backup_now(self, self.books)

    def _on_restore_triggered(self) -> None:
        from ui.dialogs.backup_dialogs import restore_backup

        if restore_backup(self, self.books):
            self._rebuild_pages()  # every page re-reads the restored database
            self.update_status()

    def _on_about_triggered(self) -> None:
        QMessageBox.about(self, self.tr("关于 AssetDesk"), self.tr(
            "<b>AssetDesk 社区集体资产财务</b><br>"
            "社区集体经济组织的资产、合同、物业费、资金与账务管理。<br><br>"
            "执行《农村集体经济组织会计制度》（财会〔2023〕14号）。"))

    # --- geometry and exit -----------------------------------------------------------
    def _restore_geometry(self) -> None:
        store = settings()
        geometry = store.value("main_window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        state = store.value("main_window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def set_auto_backup(self, enabled: bool) -> None:
        """Tests and the smoke run switch the exit backup off."""
        self._auto_backup = enabled

    def confirm_unsaved(self) -> bool:
        """Ask about every page holding typed, unsaved work: 保存 / 不保存 / 取消 (False = stay open)."""
        for entry in self.entries:
            page = entry.page
            if page is None or not page.has_unsaved_changes():
                continue
            answer = QMessageBox.question(
                self, self.tr("尚未保存"), self.tr("“{0}”中有尚未保存的修改，是否保存？").format(page.display_title()),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save)
            if answer == QMessageBox.StandardButton.Cancel:
                return False
            if answer == QMessageBox.StandardButton.Save and not page.save_unsaved():
                return False
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.books is not None and not self.confirm_unsaved():
            event.ignore()
            return
        store = settings()
        store.setValue("main_window/geometry", self.saveGeometry())
        store.setValue("main_window/state", self.saveState())
        store.sync()
        if self.books is not None:
            if self._auto_backup:
                from ui.dialogs.backup_dialogs import auto_backup_on_exit

                auto_backup_on_exit(self.books)
            self.bridge.detach()
            self.books.close()
            self.books = None
        super().closeEvent(event)


__all__ = ["MainWindow", "PAGE_REGISTRY", "load_page_classes", "remember_database"]
