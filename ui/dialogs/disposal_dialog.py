"""处置资产: the clerk's form over ``books.assets.dispose`` (处置日期, 处置收入, 原因).

Before: the asset's 原值, 累计折旧 and 净值, as the register holds them. After: the voucher the disposal
posted (原值 off 固定资产, 累计折旧 off 152, the net value to 固定资产清理), shown line by line in the
same dialog, so the clerk sees what went into the books before closing it. A refusal (no reason, the
month closed …) is shown and the form stays as typed.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AssetDeskError, InputError
from assetdesk.money import format_money
from assetdesk.services.assets.depreciation import DISPOSAL
from assetdesk.services.assets.types import AssetRow, Disposal
from ui.dialogs.error_dialog import show_error
from ui.widgets.date_edit import DateEdit
from ui.widgets.money_edit import MoneyEdit


class DisposalDialog(QDialog):
    """``disposal`` holds the service's result once done; the dialog then shows the voucher."""

    def __init__(self, books: Any, asset: AssetRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.books = books
        self.asset = asset
        self.disposal: Disposal | None = None
        self.setWindowTitle(self.tr("处置资产"))
        self.setMinimumWidth(640)
        box = QVBoxLayout(self)
        heading = QLabel(f"{asset.code}  {asset.name}（{asset.category}，{asset.status}）")
        heading.setStyleSheet("font-weight: 600;")
        box.addWidget(heading)
        form = QFormLayout()
        self.original_label = self._amount(asset.original_fen)
        self.accumulated_label = self._amount(asset.accumulated_fen)
        self.net_label = self._amount(asset.original_fen - asset.accumulated_fen)
        self.date_edit = DateEdit(required=True)
        self.date_edit.set_date(books.ctx.today())
        self.proceeds_edit = MoneyEdit(allow_negative=False)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("例如：拆除（社区两委会决议 2025-3 号）"))
        self.reason_edit.setMaxLength(200)
        for label, widget in ((self.tr("原值"), self.original_label), (self.tr("累计折旧"), self.accumulated_label),
                              (self.tr("净值"), self.net_label), (self.tr("处置日期"), self.date_edit),
                              (self.tr("处置收入"), self.proceeds_edit), (self.tr("处置原因"), self.reason_edit)):
            form.addRow(label, widget)
        box.addLayout(form)
        self.hint_label = QLabel(self.tr("处置后生成凭证：转出原值和累计折旧，净值转入固定资产清理；"
                                         "收到处置收入和结转清理损益请另做凭证。处置后不能撤销，只能冲销凭证。"))
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: #666;")
        box.addWidget(self.hint_label)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setStyleSheet("color: #2e7d32; font-weight: 600;")
        self.result_label.hide()
        box.addWidget(self.result_label)
        self.voucher_table = QTableWidget(0, 4)
        self.voucher_table.setHorizontalHeaderLabels([self.tr("摘要"), self.tr("科目"), self.tr("借方"), self.tr("贷方")])
        self.voucher_table.verticalHeader().setVisible(False)
        self.voucher_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.voucher_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.voucher_table.hide()
        box.addWidget(self.voucher_table, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.dispose_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.dispose_button.setText(self.tr("确认处置"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("取消"))
        self.buttons.accepted.connect(self.on_dispose)
        self.buttons.rejected.connect(self.reject)
        box.addWidget(self.buttons)
        self.reason_edit.setFocus()

    @staticmethod
    def _amount(fen: int) -> QLabel:
        label = QLabel(format_money(fen))
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return label

    def on_dispose(self) -> None:
        if self.disposal is not None:  # 关闭 after the result is shown
            self.accept()
            return
        try:
            on = self.date_edit.date()
            if on is None:
                raise InputError("请填写处置日期", "例如 2025-03-31")
            self.disposal = self.books.assets.dispose(self.asset.code, on, self.proceeds_edit.fen() or 0,
                                                      self.reason_edit.text())
        except AssetDeskError as exc:
            show_error(self, exc)
            return
        self._show_result(self.disposal)

    def _show_result(self, disposal: Disposal) -> None:
        for widget in (self.date_edit, self.proceeds_edit, self.reason_edit):
            widget.setEnabled(False)
        self.hint_label.hide()
        text = self.tr("已处置。") + (self.tr("已生成凭证 %1：").replace("%1", disposal.voucher_label)
                                      if disposal.voucher_label else self.tr("原值为零，没有需要生成的凭证。"))
        self.result_label.setText(text)
        self.result_label.show()
        voucher = self._voucher()
        if voucher is not None:
            self.voucher_table.setRowCount(len(voucher.lines))
            for r, line in enumerate(voucher.lines):
                cells = (line.summary, f"{line.account_code} {line.account_name}",
                         format_money(line.debit_fen) if line.debit_fen else "",
                         format_money(line.credit_fen) if line.credit_fen else "")
                for c, value in enumerate(cells):
                    item = QTableWidgetItem(value)
                    if c >= 2:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.voucher_table.setItem(r, c, item)
            self.voucher_table.resizeColumnsToContents()
            self.voucher_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            self.voucher_table.show()
        self.dispose_button.setText(self.tr("关闭"))
        self.cancel_button.hide()
        self.adjustSize()

    def _voucher(self):
        """The voucher the disposal posted (its event is the asset's last 处置)."""
        events = [e for e in self.books.assets.events(self.asset.code) if e.kind == "处置"]
        if not events:
            return None
        voucher_id = self.books.documents.voucher_of(DISPOSAL, events[-1].id)
        return self.books.vouchers.get(voucher_id) if voucher_id is not None else None
