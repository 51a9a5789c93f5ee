"""提前终止: end a lease on a date and settle its deposit (``books.leases.terminate``, DOMAIN §5).

Before the clerk confirms, the dialog says what will happen, read from the lease's schedule and
deposit: rent billed and received so far, what is still owed, the deposit held and what the chosen
押金处理 does with it; billed rent for days after the last day is credited back by the service and
planned periods after it are cancelled. ``result`` holds the service's ``Termination``.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from assetdesk.errors import AssetDeskError, InputError
from assetdesk.money import format_money
from assetdesk.services.leases.types import DEPOSIT_ACTIONS, LeaseRow, Termination
from assetdesk.services.receivables.types import BILLED, CANCELLED, METHODS
from ui.dialogs.error_dialog import show_error
from ui.widgets.date_edit import DateEdit

DEPOSIT_LABELS = {
    "apply_then_refund": "抵扣欠款后退还",
    "apply": "仅抵扣",
    "refund": "全额退还",
    "keep": "暂不处理",
}


class TerminationDialog(QDialog):
    def __init__(self, books: Any, lease: LeaseRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.books = books
        self.lease = lease
        self.result_value: Termination | None = None
        self.setWindowTitle(self.tr("提前终止 %1").replace("%1", lease.number))
        self.setMinimumWidth(520)
        self._charges = self._read_charges()
        self.on_edit = DateEdit()
        today = books.ctx.today()
        self.on_edit.set_date(min(max(today, lease.start_on), lease.end_on))
        self.deposit_combo = QComboBox()
        for action in DEPOSIT_ACTIONS:
            self.deposit_combo.addItem(self.tr(DEPOSIT_LABELS.get(action, action)), action)
        self.method_combo = QComboBox()
        for method in METHODS:
            self.method_combo.addItem(method, method)
        self.method_combo.setCurrentIndex(max(0, self.method_combo.findData("转账")))
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("例如 承租方申请提前退租，经两委会同意"))
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setObjectName("hint")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确认终止"))
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.on_confirm)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("合同"), QLabel(f"{lease.number}　{lease.tenant_name}　{'、'.join(lease.asset_names)}"))
        form.addRow(self.tr("终止日期"), self.on_edit)
        form.addRow(self.tr("押金处理"), self.deposit_combo)
        form.addRow(self.tr("退款方式"), self.method_combo)
        form.addRow(self.tr("说明"), self.note_edit)
        form.addRow(self.summary_label)
        form.addRow(self.buttons)
        self.on_edit.value_changed.connect(self.update_summary)
        self.deposit_combo.currentIndexChanged.connect(self.update_summary)
        self.method_combo.currentIndexChanged.connect(self.update_summary)
        self.update_summary()

    def _read_charges(self) -> list:
        try:
            return list(self.books.leases.schedule(self.lease.number))
        except AssetDeskError:
            return []

    def _deposit_held(self) -> int:
        try:
            return self.books.receivables.deposit_state(self.lease.id).held_fen
        except (AssetDeskError, NotImplementedError):
            return self.lease.deposit_held_fen

    def update_summary(self, *_args: Any) -> None:
        """What will happen, in the clerk's words, with the amounts the service will settle."""
        try:
            on = self.on_edit.date()
        except AssetDeskError as exc:
            self.summary_label.setText(exc.message)
            return
        billed = [c for c in self._charges if c.state == BILLED]
        billed_fen = sum(c.amount_fen for c in billed)
        received_fen = sum(c.received_fen + c.deposit_fen + c.offset_fen for c in billed)
        owed_fen = sum(c.outstanding_fen for c in billed)
        after = [c for c in billed if on is not None and c.period_end > on]
        planned = [c for c in self._charges if c.state not in (BILLED, CANCELLED) and on is not None]
        planned_after = [c for c in planned if c.period_start > on]
        planned_cut = [c for c in planned if c.period_start <= on < c.period_end]
        held = self._deposit_held()
        action = self.deposit_combo.currentData()
        lines = [
            self.tr("已出账租金 %1，已收 %2，欠款 %3。").replace("%1", format_money(billed_fen))
            .replace("%2", format_money(received_fen)).replace("%3", format_money(owed_fen)),
        ]
        if after:
            lines.append(self.tr("终止日后已出账的 %1 期租金按日折算冲回。").replace("%1", str(len(after))))
        if planned_cut:
            lines.append(self.tr("未出账的当期租金按日计至终止日。"))
        if planned_after:
            lines.append(self.tr("终止日后未出账的 %1 期租金计划取消。").replace("%1", str(len(planned_after))))
        lines.append(self._settlement_text(on, held, action))
        self.summary_label.setText("\n".join(lines))

    def _settlement_text(self, on, held: int, action: str) -> str:
        """The exact amounts terminating would settle (``preview_termination``: the service's own
        arithmetic, rolled back), or why it would be refused."""
        text = self.tr("押金结存 %1").replace("%1", format_money(held))
        if on is None:
            return text
        try:
            preview = self.books.leases.preview_termination(self.lease.number, on, action,
                                                            self.method_combo.currentData())
        except AssetDeskError as exc:
            return text + "\n" + exc.message
        if action == "keep":
            text += self.tr("，暂不处理。")
        else:
            text += self.tr("：抵扣欠款 %1，退还 %2。").replace("%1", format_money(preview.deposit_applied_fen)) \
                .replace("%2", format_money(preview.deposit_refunded_fen))
        text += self.tr("\n冲回租金 %1；结算后尚欠 %2。").replace(
            "%1", format_money(preview.rent_credited_fen)).replace("%2", format_money(preview.outstanding_fen))
        if preview.credit_fen > 0:
            text += self.tr("\n多收的租金 %1 留作预收款，可在“收款”中退还。").replace(
                "%1", format_money(preview.credit_fen))
        return text

    def on_confirm(self) -> None:
        try:
            on = self.on_edit.date()
            if on is None:
                raise InputError(self.tr("请填写终止日期"), self.tr("终止日期是最后一天计租的日子"))
            self.result_value = self.books.leases.terminate(
                self.lease.number, on, deposit_action=self.deposit_combo.currentData(),
                refund_method=self.method_combo.currentData(), note=self.note_edit.text().strip())
        except AssetDeskError as exc:
            show_error(self, exc)
            return
        self.accept()


def describe(result: Termination) -> str:
    """The outcome as the page's message says it."""
    from PySide6.QtCore import QCoreApplication

    def tr(text: str) -> str:
        return QCoreApplication.translate("TerminationDialog", text)

    return (tr("合同 %1 已于 %2 终止：冲回租金 %3，押金抵扣 %4，退还 %5，尚欠 %6")
            .replace("%1", result.lease_number).replace("%2", result.on.isoformat())
            .replace("%3", format_money(result.rent_credited_fen)).replace("%4", format_money(result.deposit_applied_fen))
            .replace("%5", format_money(result.deposit_refunded_fen)).replace("%6", format_money(result.outstanding_fen)))

