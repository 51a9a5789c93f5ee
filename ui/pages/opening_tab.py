"""The 期初余额 tab of the 科目 page: 借方/贷方 of each leaf account with a live 试算平衡, and the
breakdown (期初明细) of an account carrying 辅助核算.

Amounts are parsed with the money parser as typed; 保存 writes the changed ones through
``set_opening_balances`` and the check shown afterwards is the service's ``opening_check``. The
辅助核算 column says which accounts carry a dimension and how many lines their opening has; 期初明细
(or a double click there) opens ``OpeningBreakdownDialog`` with the amount on screen, which saves
the account's opening and its lines together.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AmountError, AssetDeskError
from assetdesk.money import format_money, parse_amount
from ui.table_export import export_button
from ui.theme import OK, WARN
from ui.widgets.amount_delegate import AmountDelegate

RED = QColor(WARN)
DIMENSIONS_COLUMN = 5


class OpeningTab:
    """Mixed into ``AccountsPage`` (a ``Page``): the 期初余额 tab's widgets and the clerk's actions on it."""

    def _build_opening_tab(self) -> QWidget:
        self.opening_table = QTableWidget(0, 6)
        self.opening_table.setHorizontalHeaderLabels([self.tr("科目编码"), self.tr("科目名称"), self.tr("方向"),
                                                      self.tr("借方余额"), self.tr("贷方余额"), self.tr("辅助核算")])
        self.opening_table.verticalHeader().setVisible(False)
        self.opening_table.setAlternatingRowColors(True)
        self.opening_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.opening_table.setItemDelegateForColumn(3, AmountDelegate(self.opening_table))
        self.opening_table.setItemDelegateForColumn(4, AmountDelegate(self.opening_table))
        header = self.opening_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 110), (2, 60), (3, 150), (4, 150), (DIMENSIONS_COLUMN, 150)):
            self.opening_table.setColumnWidth(column, width)
        self.opening_table.itemChanged.connect(self._on_opening_item_changed)
        self.opening_table.currentCellChanged.connect(lambda *_: self._update_breakdown_button())
        self.opening_table.cellDoubleClicked.connect(self._on_opening_table_cell_double_clicked)
        hint = QLabel(self.tr("期初余额录入到末级科目；可输入 1234.50、1,234.50 或 12.5万。按辅助核算的科目，"
                              "请点“期初明细”逐项录入。首个期间结账后不能再修改。"))
        hint.setObjectName("hint")

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(hint)
        layout.addWidget(self.opening_table, 1)
        layout.addLayout(self._build_opening_footer())
        return tab

    def _build_opening_footer(self) -> QHBoxLayout:
        """试算平衡 of what is on screen, and the tab's buttons."""
        self.breakdown_button = QPushButton(self.tr("期初明细…"))
        self.breakdown_button.setToolTip(self.tr("按往来单位、小区等辅助核算的科目：逐项录入期初余额"))
        self.breakdown_button.clicked.connect(self.open_breakdown)
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
        check.addWidget(self.breakdown_button)
        check.addWidget(self.save_opening_button)
        return check

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
        self._load_dimension_column()
        self._update_opening_check()

    def _load_dimension_column(self) -> None:
        """辅助核算 of each account shown, with how many lines its opening is broken into."""
        try:
            carried = {row.code: row.dimensions for row in self.books.accounts.list_accounts()}
            lines = {code: len(rows) for code, rows in self.books.accounts.opening_breakdowns().items()}
        except AssetDeskError as exc:
            self.show_error(exc)
            return
        table = self.opening_table
        table.blockSignals(True)
        for number in range(table.rowCount()):
            code = table.item(number, 0).text()
            labels = "、".join(carried.get(code, ()))
            text = self.tr("{0}（{1} 项）").format(labels, lines[code]) if labels and lines.get(code) else labels
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setData(Qt.ItemDataRole.UserRole, bool(labels))
            if labels:
                item.setToolTip(self.tr("双击或点“期初明细”，按{0}录入期初余额").format(labels))
            table.setItem(number, DIMENSIONS_COLUMN, item)
        table.blockSignals(False)
        self._update_breakdown_button()

    def _carries_dimension(self, number: int) -> bool:
        item = self.opening_table.item(number, DIMENSIONS_COLUMN) if number >= 0 else None
        return bool(item is not None and item.data(Qt.ItemDataRole.UserRole))

    def _update_breakdown_button(self) -> None:
        self.breakdown_button.setEnabled(self._carries_dimension(self.opening_table.currentRow()))

    def _on_opening_table_cell_double_clicked(self, number: int, column: int) -> None:
        if column == DIMENSIONS_COLUMN and self._carries_dimension(number):
            self.opening_table.setCurrentCell(number, column)
            self.open_breakdown()

    def open_breakdown(self):
        """期初明细 of the current account, against its amount as on screen; returns the dialog (opened)."""
        from ui.dialogs.opening_breakdown_dialog import OpeningBreakdownDialog

        number = self.opening_table.currentRow()
        if not self._carries_dimension(number):
            return None
        code = self.opening_table.item(number, 0).text()
        try:
            amounts = [self._cell_fen(number, column) or 0 for column in (3, 4)]
            dialog = OpeningBreakdownDialog(self.books, code, amounts[0] - amounts[1], self)
        except AssetDeskError as exc:
            self.show_error(exc)
            return None
        dialog.accepted.connect(lambda: self._on_breakdown_saved(number, code, dialog.saved_fen))
        self.breakdown_dialog = dialog
        dialog.open()
        return dialog

    def _on_breakdown_saved(self, number: int, code: str, fen: int | None) -> None:
        """The dialog saved the account's opening with its lines: the row shows it, as saved."""
        if fen is None or self.opening_table.item(number, 0).text() != code:
            return
        self._opening_saved[code] = fen
        for column, amount in ((3, max(fen, 0)), (4, max(-fen, 0))):
            self.opening_table.item(number, column).setText(format_money(amount) if amount else "")
        self._load_dimension_column()

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

