"""科目: the chart as a tree (code, name, category, 余额方向, 状态, 辅助核算) and the opening balances
(期初余额, ``opening_tab``).

Every change is one service call (``books.accounts``); a refusal (an account in use, a first-level
name, a 辅助核算 the books cannot carry yet) is the service's Chinese message. 辅助核算… opens
``AccountDimensionsDialog`` for the chosen account.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AssetDeskError
from ui.pages.base import Page
from ui.pages.opening_tab import OpeningTab
from ui.table_export import export_button

CODE_ROLE = Qt.ItemDataRole.UserRole
GREY = QColor("#9aa5b1")
CHART_COLUMNS = 5  # the 科目表 import's columns: what the chart export writes
DIMENSIONS_COLUMN = 5


class AccountsPage(OpeningTab, Page):
    title = "科目"
    icon = "accounts"
    order = 30

    def __init__(self, books, bridge, parent: QWidget | None = None):
        super().__init__(books, bridge, parent)
        layout = self.page_layout()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_chart_tab(), self.tr("科目表"))
        self.tabs.addTab(self._build_opening_tab(), self.tr("期初余额"))
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda _i: self.actions_changed.emit())
        self.refresh_on("accounts_changed", "opening_balances_changed", "database_restored", "data_imported",
                        "period_closed", "period_reopened")
        self.refresh()

    # --- 科目表 -------------------------------------------------------------------------
    def _build_chart_tab(self) -> QWidget:
        self.tree = QTreeWidget()
        self.tree.setColumnCount(6)
        self.tree.setHeaderLabels([self.tr("科目编码"), self.tr("科目名称"), self.tr("类别"),
                                   self.tr("余额方向"), self.tr("状态"), self.tr("辅助核算")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column, width in ((0, 150), (2, 90), (3, 80), (4, 70), (DIMENSIONS_COLUMN, 130)):
            self.tree.setColumnWidth(column, width)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(self._build_chart_buttons())
        layout.addWidget(self.tree, 1)
        return tab

    def _build_chart_buttons(self) -> QHBoxLayout:
        """The chart's actions on the chosen account, the search box and 导出Excel."""
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("查找：编码、名称或拼音首字母"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(240)  # the placeholder readable beside the buttons
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)

        self.add_button = QPushButton(self.tr("新增明细科目"))
        self.add_button.setObjectName("primary")
        self.rename_button = QPushButton(self.tr("修改名称"))
        self.active_button = QPushButton(self.tr("停用"))
        self.delete_button = QPushButton(self.tr("删除"))
        self.dimensions_button = QPushButton(self.tr("辅助核算…"))
        self.dimensions_button.setToolTip(self.tr("设置该科目按往来单位、小区等辅助核算"))
        self.dimensions_button.clicked.connect(self.edit_dimensions)
        self.add_button.clicked.connect(self.add_sub_account)
        self.rename_button.clicked.connect(self.rename_current)
        self.active_button.clicked.connect(self.toggle_active)
        self.delete_button.clicked.connect(self.delete_current)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.active_button, self.delete_button,
                       self.dimensions_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.search_edit)
        self.chart_export_button = export_button(self.export_chart)
        buttons.addWidget(self.chart_export_button)
        return buttons

    def _load_tree(self) -> None:
        current = self.current_code()
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        try:
            rows = self.books.accounts.list_accounts()
        except AssetDeskError as exc:
            self.show_error(exc)
            return
        self._rows = {row.code: row for row in rows}
        for row in rows:
            item = QTreeWidgetItem([row.code, row.name, row.category, row.normal_side,
                                    self.tr("启用") if row.is_active else self.tr("停用"), "、".join(row.dimensions)])
            item.setData(0, CODE_ROLE, row.code)
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignCenter)
            item.setTextAlignment(4, Qt.AlignmentFlag.AlignCenter)
            if not row.is_active:
                for column in range(self.tree.columnCount()):
                    item.setForeground(column, QBrush(GREY))
            parent_row = self._rows.get(row.parent_code)
            if parent_row is not None and row.dimensions and parent_row.dimensions == row.dimensions:
                item.setForeground(DIMENSIONS_COLUMN, QBrush(GREY))  # as its parent: set there, not here
                item.setToolTip(DIMENSIONS_COLUMN, self.tr("由上级科目设置"))
            if row.level == 1:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
                item.setFont(1, font)
            parent = items.get(row.parent_code)
            (parent.addChild(item) if parent else self.tree.addTopLevelItem(item))
            items[row.code] = item
        self._items = items
        self.tree.expandAll()
        if current and current in items:
            self.tree.setCurrentItem(items[current])
        self._on_search_edit_text_changed(self.search_edit.text())
        self._update_buttons()

    def _on_search_edit_text_changed(self, text: str) -> None:
        """Hide what does not match (the service's search: code, name, pinyin initials)."""
        text = text.strip()
        if not text:
            for item in getattr(self, "_items", {}).values():
                item.setHidden(False)
            return
        try:
            hits = {row.code for row in self.books.accounts.search(text)}
        except AssetDeskError:
            hits = set()
        for code, item in self._items.items():
            item.setHidden(not any(hit.startswith(code) or code.startswith(hit) for hit in hits))

    def current_code(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, CODE_ROLE) if item else None

    def select_code(self, code: str) -> None:
        item = getattr(self, "_items", {}).get(code)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _update_buttons(self) -> None:
        code = self.current_code()
        row = self._rows.get(code) if code else None
        for button in (self.add_button, self.rename_button, self.active_button, self.delete_button,
                       self.dimensions_button):
            button.setEnabled(row is not None)
        if row is not None:
            self.active_button.setText(self.tr("停用") if row.is_active else self.tr("启用"))

    def add_sub_account(self) -> None:
        code = self.current_code()
        if not code:
            return
        row = self._rows[code]
        name, ok = QInputDialog.getText(self, self.tr("新增明细科目"),
                                        self.tr("在“{0} {1}”下新增明细科目，名称：").format(row.code, row.name))
        if ok:
            outcome = self.attempt(self.books.accounts.add_sub_account, code, name)
            if outcome:
                self.select_code(outcome.value.code)

    def rename_current(self) -> None:
        code = self.current_code()
        if not code:
            return
        name, ok = QInputDialog.getText(self, self.tr("修改科目名称"), self.tr("科目“{0}”的新名称：").format(code),
                                        QLineEdit.EchoMode.Normal, self._rows[code].name)
        if ok:
            self.attempt(self.books.accounts.rename, code, name)

    def toggle_active(self) -> None:
        code = self.current_code()
        if code:
            self.attempt(self.books.accounts.set_active, code, not self._rows[code].is_active)

    def edit_dimensions(self):
        """辅助核算 of the current account in ``AccountDimensionsDialog``; returns the dialog (opened)."""
        from ui.dialogs.account_dimensions_dialog import AccountDimensionsDialog

        code = self.current_code()
        if not code:
            return None
        try:
            dialog = AccountDimensionsDialog(self.books, code, self)
        except AssetDeskError as exc:
            self.show_error(exc)
            return None
        self.dimensions_dialog = dialog
        dialog.open()
        return dialog

    def delete_current(self) -> None:
        code = self.current_code()
        if not code:
            return
        row = self._rows[code]
        answer = QMessageBox.question(self, self.tr("删除科目"), self.tr("删除科目“{0} {1}”？").format(code, row.name),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.attempt(self.books.accounts.delete, code)

    # --- refresh ------------------------------------------------------------------------
    def refresh(self) -> None:
        self._load_tree()
        if not self.has_unsaved_changes():  # never overwrite what the clerk is typing
            self._load_opening()

    def can(self, action: str) -> bool:
        if action == "save":
            return self.tabs.currentIndex() == 1
        return super().can(action)

    def on_save(self) -> None:
        if self.tabs.currentIndex() == 1:
            self.save_opening_balances()

    def on_print(self) -> None:
        """会计科目表 (chart) as a printed report."""
        from ui.dialogs.report_preview_dialog import preview_report

        preview_report(self, self.books, "chart")

    def on_export(self) -> None:
        """导出Excel (Ctrl+E) of the tab on screen: the 科目表 or the 期初余额."""
        if self.tabs.currentIndex() == 1:
            self.export_opening()
        else:
            self.export_chart()

    def export_chart(self):
        """The chart as listed, in tree order: every account, or those the 查找 box leaves shown.
        The columns are the 科目表 import's, so the workbook re-imports unchanged."""
        from ui.table_export import export_values

        header = self.tree.headerItem()
        columns = [(header.text(column), "text") for column in range(CHART_COLUMNS)]
        rows = [[item.text(column) for column in range(CHART_COLUMNS)]
                for item in self._tree_items() if not self._hidden_in_tree(item)]
        return export_values(self, self.books, self.tr("科目表"), columns, rows)

    def _tree_items(self):
        """Every item of the chart tree, parents before their children (the order shown)."""
        stack = [self.tree.topLevelItem(n) for n in reversed(range(self.tree.topLevelItemCount()))]
        while stack:
            item = stack.pop()
            yield item
            stack.extend(item.child(n) for n in reversed(range(item.childCount())))

    @staticmethod
    def _hidden_in_tree(item) -> bool:
        while item is not None:
            if item.isHidden():
                return True
            item = item.parent()
        return False

    def on_find(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search_edit.setFocus()
        self.search_edit.selectAll()
