"""The counter's side dialogs (收款 page): 收押金 / 退押金 / 押金抵欠 of one lease, 抵销 of a payer's
debt against what the centre owes the same party, and 坏账核销 of one charge.

Each shows what the clerk needs to decide (the deposit held, the debt and what the centre owes, a
charge's due / received / written off / outstanding), calls one ``books.receivables`` method, and on
a refusal shows the service's Chinese message with its hint and stays open (nothing was written).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AssetDeskError, InputError
from assetdesk.money import format_money
from assetdesk.services.receivables.types import METHODS, ChargeRow, Payer
from ui.dialogs.error_dialog import show_error
from ui.widgets.date_edit import DateEdit
from ui.widgets.money_edit import MoneyEdit


class MethodCombo(QComboBox):
    """现金 / 转账 / 微信 / 支付宝; the keys 1–4 choose one (keyboard first)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        for number, method in enumerate(METHODS, start=1):
            self.addItem(f"{number} {method}", method)
        self.setToolTip(self.tr("按 1–4 选择：1 现金　2 转账　3 微信　4 支付宝"))

    def method(self) -> str:
        return str(self.currentData())

    def set_method(self, method: str) -> None:
        self.setCurrentIndex(max(0, self.findData(method)))

    def keyPressEvent(self, event) -> None:
        text = event.text()
        if text and text in "1234" and int(text) <= self.count():
            self.setCurrentIndex(int(text) - 1)
            return
        super().keyPressEvent(event)


class _ServiceDialog(QDialog):
    """A small form: facts on top, fields, 确定 / 取消; ``submit`` calls the service."""

    def __init__(self, books: Any, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.books = books
        self.result_value: Any = None
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setStyleSheet("background: #f4f6f9; border: 1px solid #d8dee8; border-radius: 4px; padding: 8px;")
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.facts)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def _date_edit(self) -> DateEdit:
        edit = DateEdit(required=True)
        edit.set_date(self.books.ctx.today())
        return edit

    def submit(self) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def _on_accepted(self) -> None:
        try:
            self.result_value = self.submit()
        except AssetDeskError as exc:
            show_error(self, exc)  # the Chinese message and its hint; nothing was written
            return
        self.accept()


def _facts(rows: list[tuple[str, str]]) -> str:
    return "<table cellspacing='2'>" + "".join(
        f"<tr><td style='color:#52606d; padding-right:12px'>{label}</td><td align='right'><b>{value}</b></td></tr>"
        for label, value in rows) + "</table>"


def _amount(edit: MoneyEdit) -> int:
    fen = edit.fen()
    if fen is None or fen <= 0:
        raise InputError("请填写金额", "金额须大于 0")
    return fen


def _date(edit: DateEdit):
    on = edit.date()
    if on is None:
        raise InputError("请填写日期", "例如 2026-03-31")
    return on


# --- deposits --------------------------------------------------------------------------------
RECEIVE, REFUND, APPLY = "receive", "refund", "apply"
_DEPOSIT_TITLES = {RECEIVE: "收押金", REFUND: "退押金", APPLY: "押金抵欠"}


class DepositDialog(_ServiceDialog):
    """收押金 / 退押金 / 押金抵欠 of one lease (``lease``: a ``LeaseRow``). Shows the deposit the
    contract asks, received, applied, refunded and held; the amount defaults to what is natural
    (the rest of the deposit / all that is held / what is owed, at most what is held)."""

    def __init__(self, books: Any, lease: Any, mode: str, parent: QWidget | None = None, owed_fen: int = 0):
        super().__init__(books, "", parent)
        self.lease, self.mode = lease, mode
        self.setWindowTitle(self.tr(_DEPOSIT_TITLES[mode]) + f" — {lease.number}")
        state = books.receivables.deposit_state(lease.id)
        self.state = state
        rows = [(self.tr("合同"), f"{lease.number}　{lease.tenant_name}"),
                (self.tr("合同约定押金"), format_money(state.required_fen)),
                (self.tr("已收押金"), format_money(state.received_fen)),
                (self.tr("已抵欠款"), format_money(state.applied_fen)),
                (self.tr("已退押金"), format_money(state.refunded_fen)),
                (self.tr("押金结存"), format_money(state.held_fen))]
        if mode == APPLY:
            rows.append((self.tr("尚欠租金"), format_money(owed_fen)))
        self.facts.setText(_facts(rows))
        self.amount_edit = MoneyEdit(allow_negative=False, required=True)
        default = {RECEIVE: max(0, state.required_fen - state.received_fen), REFUND: state.held_fen,
                   APPLY: min(state.held_fen, owed_fen) if owed_fen else state.held_fen}[mode]
        self.amount_edit.set_fen(default or None)
        self.form.addRow(self.tr("金额："), self.amount_edit)
        self.method_combo = MethodCombo()
        if mode != APPLY:
            self.form.addRow(self.tr("方式："), self.method_combo)
        self.date_edit = self._date_edit()
        self.form.addRow(self.tr("日期："), self.date_edit)
        self.amount_edit.setFocus()
        self.amount_edit.selectAll()

    def submit(self) -> Any:
        amount, on = _amount(self.amount_edit), _date(self.date_edit)
        service = self.books.receivables
        if self.mode == RECEIVE:
            return service.receive_deposit(self.lease.id, amount, on, self.method_combo.method())
        if self.mode == REFUND:
            return service.refund_deposit(self.lease.id, amount, on, self.method_combo.method())
        return service.apply_deposit(self.lease.id, on, amount)


# --- offset -------------------------------------------------------------------------------------
def centre_owes(books: Any, counterparty_id: int) -> int | None:
    """What the centre owes the party on the 抵销 account (其他应付款 by default), fen; None when
    it cannot be read (no rule set, no 往来单位 sub-ledger on that account)."""
    try:
        code = books.posting_rules.get("offset.payable").account_code
        if not code:
            return None
        periods = [row.period for row in books.periods.list_periods()]  # every month the books hold
        balance = books.aux.balance(code, periods[0], periods[-1], "counterparty")
    except (AssetDeskError, IndexError, KeyError):
        return None
    for row in balance.rows:
        if row.record.id == counterparty_id:
            return -row.closing_fen  # a credit balance: what the centre owes
    return 0


class OffsetDialog(_ServiceDialog):
    """抵销: settle what a payer owes against what the centre owes the same party (no cash moves)."""

    def __init__(self, books: Any, payer: Payer, payer_name: str, parent: QWidget | None = None,
                 charge_ids: tuple[int, ...] | None = None):
        super().__init__(books, self.tr("抵销") + f" — {payer_name}", parent)
        self.payer, self.charge_ids = payer, charge_ids
        owed = sum(c.outstanding_fen for c in books.receivables.open_charges(payer)
                   if charge_ids is None or c.id in charge_ids)
        centre = centre_owes(books, payer.id)
        self.owed_fen, self.centre_fen = owed, centre
        self.facts.setText(_facts([
            (self.tr("单位/个人"), payer_name),
            (self.tr("对方尚欠（应收）"), format_money(owed)),
            (self.tr("本单位欠对方（应付）"), format_money(centre) if centre is not None else self.tr("未能读取")),
        ]))
        self.amount_edit = MoneyEdit(allow_negative=False, required=True)
        default = min(owed, max(centre, 0)) if centre is not None else owed
        self.amount_edit.set_fen(default or None)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("例如：以应付工程款抵顶租金（经双方确认）"))
        self.date_edit = self._date_edit()
        self.form.addRow(self.tr("抵销金额："), self.amount_edit)
        self.form.addRow(self.tr("抵销原因："), self.reason_edit)
        self.form.addRow(self.tr("日期："), self.date_edit)

    def submit(self) -> Any:
        amount, on = _amount(self.amount_edit), _date(self.date_edit)
        return self.books.receivables.offset(self.payer, amount, on, self.reason_edit.text().strip(),
                                             charge_ids=self.charge_ids)


class CreditRefundDialog(_ServiceDialog):
    """退还预收款: a payer's credit (rent paid for days after a termination, an overpayment) paid back."""

    def __init__(self, books: Any, payer: Payer, payer_name: str, parent: QWidget | None = None):
        super().__init__(books, self.tr("退还预收款") + f" — {payer_name}", parent)
        self.payer = payer
        self.credit_fen = books.receivables.credit_of(payer)
        self.facts.setText(_facts([(self.tr("单位/个人"), payer_name),
                                   (self.tr("预收款余额"), format_money(self.credit_fen))]))
        self.amount_edit = MoneyEdit(allow_negative=False, required=True)
        self.amount_edit.set_fen(self.credit_fen or None)
        self.method_combo = MethodCombo()
        self.method_combo.set_method("转账")
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("例如：提前终止合同，退还多收的租金"))
        self.date_edit = self._date_edit()
        self.form.addRow(self.tr("退还金额："), self.amount_edit)
        self.form.addRow(self.tr("退款方式："), self.method_combo)
        self.form.addRow(self.tr("退还原因："), self.reason_edit)
        self.form.addRow(self.tr("日期："), self.date_edit)

    def submit(self) -> Any:
        amount, on = _amount(self.amount_edit), _date(self.date_edit)
        return self.books.receivables.refund_credit(self.payer, amount, on, self.method_combo.method(),
                                                    self.reason_edit.text().strip())


# --- write-off ------------------------------------------------------------------------------------
class WriteOffDialog(_ServiceDialog):
    """坏账核销 of one charge (of an earlier year): reason and the 负责人's approval name."""

    def __init__(self, books: Any, charge: ChargeRow, parent: QWidget | None = None):
        super().__init__(books, self.tr("坏账核销") + f" — {charge.payer_name}", parent)
        self.charge = charge
        period = f"{charge.period_start.isoformat()} ~ {charge.period_end.isoformat()}"
        self.facts.setText(_facts([
            (self.tr("交款人"), charge.payer_name),
            (self.tr("款项"), f"{charge.item}　{period}"),
            (self.tr("应收日"), charge.due_on.isoformat()),
            (self.tr("应收"), format_money(charge.amount_fen)),
            (self.tr("已收"), format_money(charge.received_fen + charge.deposit_fen + charge.offset_fen)),
            (self.tr("已核销"), format_money(charge.written_off_fen)),
            (self.tr("尚欠"), format_money(charge.outstanding_fen)),
        ]))
        self.amount_edit = MoneyEdit(allow_negative=False, required=True)
        self.amount_edit.set_fen(charge.outstanding_fen or None)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("例如：承租人已注销，多次催收无果"))
        self.approved_edit = QLineEdit()
        self.approved_edit.setPlaceholderText(self.tr("批准核销的负责人姓名"))
        self.date_edit = self._date_edit()
        self.form.addRow(self.tr("核销金额："), self.amount_edit)
        self.form.addRow(self.tr("核销原因："), self.reason_edit)
        self.form.addRow(self.tr("负责人批准："), self.approved_edit)
        self.form.addRow(self.tr("日期："), self.date_edit)

    def submit(self) -> Any:
        amount, on = _amount(self.amount_edit), _date(self.date_edit)
        return self.books.receivables.write_off(self.charge.id, on, self.reason_edit.text().strip(),
                                                self.approved_edit.text().strip(), amount_fen=amount)
