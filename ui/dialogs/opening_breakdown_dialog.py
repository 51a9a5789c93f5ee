"""期初明细: the opening of an account carrying 辅助核算, record by record (应收款 by 往来单位 …).

The clerk adds a line per record (F8-style pickers: the 往来单位 list searched in SQL, the 小区
list), types its 借方 or 贷方, and sees the lines' sum against the account's opening as typed on the
期初余额 tab; 保存 is allowed only when they agree to the fen, or after 以合计为期初余额 makes the
sum the opening. Saving is one service call (``set_opening_balances`` with the breakdown): the
account's opening and its lines together; a refusal is shown and the dialog stays open.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AmountError
from assetdesk.money import format_money, parse_amount
from assetdesk.services.accounts import BreakdownInput, side_amount
from ui.dialogs.aux_pickers import pick_compound, pick_counterparty
from ui.dialogs.error_dialog import attempt, show_error
from ui.theme import OK, WARN
from ui.widgets.amount_delegate import AmountDelegate

ID_ROLE = Qt.ItemDataRole.UserRole
_FIELDS = {"counterparty": "counterparty_id", "compound": "compound_id"}


class OpeningBreakdownDialog(QDialog):
    """``saved_fen`` holds the account's opening after 保存 (None until then)."""

    def __init__(self, books: Any, code: str, opening_fen: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.books, self.code, self.target = books, code, opening_fen
        self.saved_fen: int | None = None
        self.locked = books.accounts.opening_locked()  # the first month closed: the lines are only shown
        account = books.accounts.get(code)
        self.keys = list(books.accounts.dimensions_of(code))
        self.setWindowTitle(self.tr("期初明细 — {0} {1}").format(account.code, account.full_name))
        self.table = QTableWidget(0, len(self.keys) + 2)
        self.table.setHorizontalHeaderLabels([*account.dimensions, self.tr("借方余额"), self.tr("贷方余额")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        header = self.table.horizontalHeader()
        for column in range(len(self.keys)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in (len(self.keys), len(self.keys) + 1):
            self.table.setItemDelegateForColumn(column, AmountDelegate(self.table))
            self.table.setColumnWidth(column, 140)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.table.cellDoubleClicked.connect(self._on_table_cell_double_clicked)
        self.opening_label, self.sum_label, self.status_label = QLabel(), QLabel(), QLabel()
        self.add_button = QPushButton(self.tr("添加"))
        self.remove_button = QPushButton(self.tr("删除"))
        self.take_sum_button = QPushButton(self.tr("以合计为期初余额"))
        self.add_button.clicked.connect(self.add_line)
        self.remove_button.clicked.connect(self.remove_current)
        self.take_sum_button.clicked.connect(self.take_sum)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._layout(account)
        for row in books.accounts.opening_breakdown(code):
            self._append({r.dimension: (r.id, r.name) for r in row.records}, row.amount_fen)
        self._update_sum()
        if self.locked is not None:
            for button in (self.add_button, self.remove_button, self.take_sum_button):
                button.setEnabled(False)
            self.save_button.hide()
        self.resize(640, 460)

    def _layout(self, account: Any) -> None:
        layout = QVBoxLayout(self)
        if self.locked is not None:
            text = self.tr("首个会计期间 {0} 已结账，期初明细只能查看，不能再修改。").format(self.locked)
        else:
            text = self.tr("“{0}”按{1}辅助核算：请逐行列出各{1}的期初余额，合计应等于科目的期初余额。").format(
                account.full_name, "、".join(account.dimensions))
        hint = QLabel(text)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        edit = QHBoxLayout()
        for button in (self.add_button, self.remove_button):
            edit.addWidget(button)
        edit.addStretch(1)
        layout.addLayout(edit)
        layout.addWidget(self.table, 1)
        sums = QHBoxLayout()
        for widget in (self.opening_label, self.sum_label, self.status_label):
            sums.addWidget(widget)
            sums.addSpacing(16)
        sums.addStretch(1)
        sums.addWidget(self.take_sum_button)
        layout.addLayout(sums)
        layout.addWidget(self.buttons)

    # --- lines ------------------------------------------------------------------------
    def _append(self, records: dict[str, tuple[int, str]], amount_fen: int = 0) -> int:
        table = self.table
        table.blockSignals(True)
        number = table.rowCount()
        table.insertRow(number)
        for column, key in enumerate(self.keys):
            record_id, name = records.get(key, (None, ""))
            item = QTableWidgetItem(name)
            item.setData(ID_ROLE, record_id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setToolTip(self.tr("双击重新选择"))
            table.setItem(number, column, item)
        for offset, fen in ((0, max(amount_fen, 0)), (1, max(-amount_fen, 0))):
            item = QTableWidgetItem(format_money(fen) if fen else "")
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if self.locked is not None:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            table.setItem(number, len(self.keys) + offset, item)
        table.blockSignals(False)
        return number

    def _pick(self, key: str) -> tuple[int, str] | None:
        chosen = pick_counterparty(self, self.books) if key == "counterparty" else pick_compound(self, self.books)
        return chosen if chosen and chosen[0] else None

    def add_line(self) -> None:
        """One picker per dimension of the account, then the new line's 借方 cell is edited."""
        records = {}
        for key in self.keys:
            chosen = self._pick(key)
            if chosen is None:
                return
            records[key] = chosen
        number = self._append(records)
        self.table.setCurrentCell(number, len(self.keys))
        self.table.editItem(self.table.item(number, len(self.keys)))
        self._update_sum()

    def remove_current(self) -> None:
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())
            self._update_sum()

    def _on_table_cell_double_clicked(self, row: int, column: int) -> None:
        if column < len(self.keys) and self.locked is None:
            chosen = self._pick(self.keys[column])
            if chosen is not None:
                item = self.table.item(row, column)
                item.setText(chosen[1])
                item.setData(ID_ROLE, chosen[0])

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() < len(self.keys):
            return
        self.table.blockSignals(True)
        text = item.text().strip()
        try:
            fen = parse_amount(text) if text else 0
            item.setText(format_money(fen) if fen else "")
            item.setToolTip("")
            item.setForeground(QBrush(QColor(WARN)) if fen < 0 else QBrush())
        except AmountError as exc:
            item.setToolTip(str(exc))
            item.setForeground(QBrush(QColor(WARN)))
        self.table.blockSignals(False)
        self._update_sum()

    # --- sums -------------------------------------------------------------------------
    def lines(self) -> list[BreakdownInput]:
        """The lines as typed (signed, debit positive); raises ``AmountError`` naming the line."""
        out = []
        for number in range(self.table.rowCount()):
            amounts = []
            for offset in (0, 1):
                text = self.table.item(number, len(self.keys) + offset).text().strip()
                try:
                    amounts.append(parse_amount(text) if text else 0)
                except AmountError as exc:
                    raise AmountError(self.tr("第 {0} 行：").format(number + 1) + exc.message, exc.hint) from None
            ids = {_FIELDS[key]: self.table.item(number, column).data(ID_ROLE) for column, key in enumerate(self.keys)}
            out.append(BreakdownInput(amounts[0] - amounts[1], **ids))
        return out

    def _update_sum(self) -> None:
        try:
            total = sum(line.amount_fen for line in self.lines())
        except AmountError:
            total = None
        self.opening_label.setText(self.tr("科目期初余额 {0}").format(side_amount(self.target)))
        if total is None:
            self.sum_label.setText(self.tr("明细合计：有金额无法识别"))
            self.status_label.setText("")
        else:
            self.sum_label.setText(self.tr("明细合计 {0}").format(side_amount(total)))
            agree = total == self.target
            self.status_label.setText(self.tr("相符") if agree else self.tr("差额 {0}").format(format_money(total - self.target)))
            self.status_label.setStyleSheet(f"color: {OK if agree else WARN}; font-weight: bold;")
        self.save_button.setEnabled(total is not None and total == self.target and self.locked is None)
        self.take_sum_button.setEnabled(total is not None and total != self.target and self.locked is None)
        self._total = total

    def take_sum(self) -> None:
        """The lines' sum becomes the account's opening (saved with them)."""
        if self._total is not None:
            self.target = self._total
            self._update_sum()

    def accept(self) -> None:
        try:
            lines = self.lines()
        except AmountError as exc:
            show_error(self, exc)
            return
        outcome = attempt(self, self.books.accounts.set_opening_balances, {self.code: self.target},
                          breakdown={self.code: lines})
        if outcome:
            self.saved_fen = self.target
            super().accept()
