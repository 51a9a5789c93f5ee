"""科目: the chart as a tree (code, name, category, 余额方向, 状态) and the opening balances (期初余额).

Every change is one service call (``books.accounts``); a refusal (an account in use, a first-level
name) is the service's Chinese message. The 期初余额 tab edits 借方/贷方 of leaf accounts with the
money parser and shows a live 试算平衡 of what is on screen; 保存 writes it through
``set_opening_balances`` and the check shown afterwards is the service's ``opening_check``.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AmountError, AssetDeskError
from assetdesk.money import format_money, parse_amount
from ui.pages.base import Page
from ui.table_export import export_button
from ui.theme import OK, WARN

CODE_ROLE = Qt.ItemDataRole.UserRole
GREY = QColor("#9aa5b1")
RED = QColor(WARN)


class _AmountDelegate(QStyledItemDelegate):
    """Edits an amount cell with a right-aligned line edit (the figure without ¥ and commas)."""

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor

    def setEditorData(self, editor, index):
        editor.setText((index.data() or "").replace(",", "").replace("¥", ""))
        editor.selectAll()


class AccountsPage(Page):
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
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels([self.tr("科目编码"), self.tr("科目名称"), self.tr("类别"),
                                   self.tr("余额方向"), self.tr("状态")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column, width in ((0, 150), (2, 90), (3, 80), (4, 70)):
            self.tree.setColumnWidth(column, width)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
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
        self.add_button.clicked.connect(self.add_sub_account)
        self.rename_button.clicked.connect(self.rename_current)
        self.active_button.clicked.connect(self.toggle_active)
        self.delete_button.clicked.connect(self.delete_current)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.active_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.search_edit)
        self.chart_export_button = export_button(self.export_chart)
        buttons.addWidget(self.chart_export_button)

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        return tab

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
                                    self.tr("启用") if row.is_active else self.tr("停用")])
            item.setData(0, CODE_ROLE, row.code)
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignCenter)
            item.setTextAlignment(4, Qt.AlignmentFlag.AlignCenter)
            if not row.is_active:
                for column in range(5):
                    item.setForeground(column, QBrush(GREY))
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
        for button in (self.add_button, self.rename_button, self.active_button, self.delete_button):
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

    # --- 期初余额 -----------------------------------------------------------------------
    def _build_opening_tab(self) -> QWidget:
        self.opening_table = QTableWidget(0, 5)
        self.opening_table.setHorizontalHeaderLabels([self.tr("科目编码"), self.tr("科目名称"), self.tr("方向"),
                                                      self.tr("借方余额"), self.tr("贷方余额")])
        self.opening_table.verticalHeader().setVisible(False)
        self.opening_table.setAlternatingRowColors(True)
        self.opening_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.opening_table.setItemDelegateForColumn(3, _AmountDelegate(self.opening_table))
        self.opening_table.setItemDelegateForColumn(4, _AmountDelegate(self.opening_table))
        header = self.opening_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 110), (2, 60), (3, 150), (4, 150)):
            self.opening_table.setColumnWidth(column, width)
        self.opening_table.itemChanged.connect(self._on_opening_item_changed)

        self.opening_debit = QLabel()
        self.opening_credit = QLabel()
        self.opening_difference = QLabel()
        self.opening_status = QLabel()
        self.save_opening_button = QPushButton(self.tr("保存期初余额"))
        self.save_opening_button.setObjectName("primary")
        self.save_opening_button.clicked.connect(self.save_opening_balances)
        check = QHBoxLayout()
        check.addWidget(QLabel(self.tr("试算平衡：")))
        for label in (self.opening_debit, self.opening_credit, self.opening_difference):
            check.addWidget(label)
            check.addSpacing(16)
        check.addWidget(self.opening_status)
        check.addStretch(1)
        self.opening_export_button = export_button(self.export_opening)
        check.addWidget(self.opening_export_button)
        check.addWidget(self.save_opening_button)
        hint = QLabel(self.tr("期初余额录入到末级科目；可输入 1234.50、1,234.50 或 12.5万。首个期间结账后不能再修改。"))
        hint.setObjectName("hint")

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(hint)
        layout.addWidget(self.opening_table, 1)
        layout.addLayout(check)
        return tab

    def _load_opening(self) -> None:
        try:
            rows = self.books.accounts.opening_balances()
        except AssetDeskError as exc:
            self.show_error(exc)
            return
        table = self.opening_table
        table.blockSignals(True)
        table.setRowCount(len(rows))
        self._opening_saved: dict[str, int] = {}
        for number, row in enumerate(rows):
            self._opening_saved[row.code] = row.debit_fen - row.credit_fen
            for column, text in enumerate((row.code, row.name, row.normal_side)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(number, column, item)
            for column, fen in ((3, row.debit_fen), (4, row.credit_fen)):
                item = QTableWidgetItem(format_money(fen) if fen else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if fen < 0:
                    item.setForeground(QBrush(RED))
                table.setItem(number, column, item)
        table.blockSignals(False)
        self._update_opening_check()

    def _on_opening_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() not in (3, 4):
            return
        self.opening_table.blockSignals(True)
        text = item.text().strip()
        try:
            fen = parse_amount(text) if text else 0
            item.setText(format_money(fen) if fen else "")
            item.setToolTip("")
            item.setBackground(QBrush())
            item.setForeground(QBrush(RED) if fen < 0 else QBrush())
        except AmountError as exc:
            item.setToolTip(str(exc))
            item.setBackground(QBrush(QColor("#fff5f5")))
            item.setForeground(QBrush(RED))
        self.opening_table.blockSignals(False)
        self._update_opening_check()

    def opening_entries(self) -> dict[str, int]:
        """code → signed fen (借方 − 贷方) as on screen; raises ``AmountError`` naming the account."""
        result = {}
        for number in range(self.opening_table.rowCount()):
            code = self.opening_table.item(number, 0).text()
            amounts = []
            for column, side in ((3, self.tr("借方")), (4, self.tr("贷方"))):
                text = self.opening_table.item(number, column).text().strip()
                try:
                    amounts.append(parse_amount(text) if text else 0)
                except AmountError as exc:
                    raise AmountError(self.tr("科目 {0} {1}：").format(code, side) + exc.message, exc.hint) from None
            result[code] = amounts[0] - amounts[1]
        return result

    def _update_opening_check(self) -> None:
        debit = credit = 0
        valid = True
        for number in range(self.opening_table.rowCount()):
            for column in (3, 4):
                text = self.opening_table.item(number, column).text().strip()
                try:
                    fen = parse_amount(text) if text else 0
                except AmountError:
                    valid = False
                    continue
                if column == 3:
                    debit += fen
                else:
                    credit += fen
        self.opening_debit.setText(self.tr("借方合计 {0}").format(format_money(debit)))
        self.opening_credit.setText(self.tr("贷方合计 {0}").format(format_money(credit)))
        self.opening_difference.setText(self.tr("差额 {0}").format(format_money(debit - credit)))
        balanced = valid and debit == credit
        if not valid:
            self.opening_status.setText(self.tr("有金额无法识别"))
        else:
            self.opening_status.setText(self.tr("平衡") if balanced else self.tr("不平衡"))
        colour = OK if balanced else WARN
        for label in (self.opening_difference, self.opening_status):
            label.setStyleSheet(f"color: {colour}; font-weight: bold;")

    def opening_is_balanced_on_screen(self) -> bool:
        return self.opening_status.text() == self.tr("平衡")

    def save_opening_balances(self) -> bool:
        """Save the changed 期初 rows; False when nothing could be saved (the typed values stay)."""
        try:
            entries = self.opening_entries()
        except AssetDeskError as exc:
            self.show_error(exc)
            return False
        changed = {code: fen for code, fen in entries.items() if self._opening_saved.get(code, 0) != fen}
        if not changed:
            return True
        outcome = self.attempt(self.books.accounts.set_opening_balances, changed)
        if outcome:
            self._opening_saved.update(changed)
        if outcome and not outcome.value.balanced:
            QMessageBox.information(self, self.tr("期初余额已保存"), self.tr(
                "期初余额已保存，但借贷不平衡（差额 {0}）。结账前请补齐。").format(format_money(outcome.value.difference_fen)))
        return bool(outcome)

    def has_unsaved_changes(self) -> bool:
        """期初 typed on screen and not saved (a cell that does not parse counts as unsaved)."""
        try:
            entries = self.opening_entries()
        except AssetDeskError:
            return True
        saved = getattr(self, "_opening_saved", {})
        return any(saved.get(code, 0) != fen for code, fen in entries.items())

    def save_unsaved(self) -> bool:
        return self.save_opening_balances()

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
        columns = [(header.text(column), "text") for column in range(self.tree.columnCount())]
        rows = [[item.text(column) for column in range(self.tree.columnCount())]
                for item in self._tree_items() if not self._hidden_in_tree(item)]
        return export_values(self, self.books, self.tr("科目表"), columns, rows)

    def export_opening(self):
        """The 期初余额 as on screen (typed amounts too, saved or not), 借方/贷方 as numbers, so the
        workbook re-imports as it is; an amount that does not parse is shown, naming the account,
        and nothing is written. 方向 (the account's normal side, 双向 included) goes with it as on
        screen: beside 借方/贷方 the import takes the side from the amounts."""
        from ui.table_export import export_values

        try:
            self.opening_entries()  # every amount parses, or the clerk is told which one does not
        except AssetDeskError as exc:
            self.show_error(exc)
            return None
        table = self.opening_table
        exported = ((0, "text"), (1, "text"), (2, "text"), (3, "amount"), (4, "amount"))
        columns = [(table.horizontalHeaderItem(column).text(), kind) for column, kind in exported]
        rows = [[table.item(number, 0).text(), table.item(number, 1).text(), table.item(number, 2).text(),
                 self._cell_fen(number, 3), self._cell_fen(number, 4)] for number in range(table.rowCount())]
        return export_values(self, self.books, self.tr("期初余额"), columns, rows)

    def _cell_fen(self, row: int, column: int) -> int | None:
        text = self.opening_table.item(row, column).text().strip()
        return parse_amount(text) if text else None

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
