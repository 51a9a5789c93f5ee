"""收款: the counter where the clerk takes rent, and the list of receipts.

收款台 (keyboard first): type a tenant's name, pinyin initials (``ygx`` for 叶桂霞) or 合同编号
in the search box, Enter picks the first hit and shows everything the payer owes
(``books.receivables.open_charges``) with its 预收 credit and the deposits of its leases; the amount
is filled with what is owed (less the credit) and selected, so the clerk types the amount received
and presses Enter: ``books.receivables.receive`` takes it oldest-first (or only the charges chosen,
with 只收选中的款项), and the page shows the receipt number and what it settled. 打印收据 (Ctrl+P)
opens the receipt report (``report receipt --number N``) in the print preview.

收据列表: receipts of a date range, searchable by payer or number; voided ones grey with 作废 in red;
作废 (asks the reason; ``void_receipt``) and 重打.

The side dialogs (``ui.dialogs.receipt_dialogs``): 收押金 / 退押金 / 押金抵欠, 抵销 and 坏账核销.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AssetDeskError
from assetdesk.money import format_money
from assetdesk.services.accounts import pinyin_initials
from assetdesk.services.receivables.types import ChargeRow, Payer, ReceiptInput, ReceiptView
from ui.dialogs.receipt_dialogs import (
    APPLY,
    RECEIVE,
    REFUND,
    CreditRefundDialog,
    DepositDialog,
    MethodCombo,
    OffsetDialog,
    WriteOffDialog,
)
from ui.models.table_model import RIGHT, Column, TableModel, date_column, money_column, text_column
from ui.pages.base import Page
from ui.table_export import export_button, export_table_view
from ui.widgets.date_edit import DateEdit
from ui.widgets.money_edit import MoneyEdit

HITS = 30  # payers listed while typing
VOID_COLOUR = QColor("#9aa5b1")
VOID_MARK = QColor("#c62828")
OVERDUE_COLOUR = QColor("#c62828")


@dataclass
class PayerHit:
    """One payer the counter can find: a counterparty with its leases (numbers, rows)."""

    id: int
    name: str
    initials: str
    leases: list = field(default_factory=list)

    @property
    def numbers(self) -> list[str]:
        return [lease.number for lease in self.leases]

    def matches(self, text: str) -> bool:
        low = text.lower()
        return (low in self.name.lower() or self.initials.startswith(low)
                or any(low in number.lower() for number in self.numbers))

    def label(self) -> str:
        numbers = "、".join(self.numbers[:3]) + ("…" if len(self.numbers) > 3 else "")
        return f"{self.name}　{numbers}" if numbers else self.name


class _SearchKeys(QObject):
    """Up / Down in the search box move through the hits; the clerk's hands stay on the keys."""

    def __init__(self, hits: QListWidget, parent: QObject):
        super().__init__(parent)
        self.hits = hits

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = min(max(self.hits.currentRow() + step, 0), self.hits.count() - 1)
            self.hits.setCurrentRow(row)
            return True
        return False


class ReceiptsPage(Page):
    """收款 (see module docstring)."""

    title = "收款"
    icon = "receipts"

    def __init__(self, books, bridge, parent: QWidget | None = None):
        super().__init__(books, bridge, parent)
        self.payer: PayerHit | None = None
        self.last_receipt: ReceiptView | None = None
        self.preview = None  # the last receipt preview opened (打印收据)
        self.credit_fen = 0  # the chosen payer's 预收
        self._index: dict[int, PayerHit] = {}
        self._lease_numbers: dict[int, str] = {}
        layout = self.page_layout()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_counter(), self.tr("收款台"))
        self.tabs.addTab(self._build_list(), self.tr("收据列表"))
        self.tabs.currentChanged.connect(lambda _i: self.actions_changed.emit())
        layout.addWidget(self.tabs, 1)
        self.refresh_on("receivables_changed", "leases_changed", "documents_posted", "org_changed",
                        "data_imported", "database_restored")
        self.refresh()
        self.search_edit.setFocus()

    # --- construction: the counter ----------------------------------------------------------
    def _build_counter(self) -> QWidget:
        tab = QWidget()
        box = QVBoxLayout(tab)
        box.setSpacing(8)
        top = QHBoxLayout()
        left = QVBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("输入承租人姓名、拼音首字母或合同编号，回车选定"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumHeight(30)
        self.hits_list = QListWidget()
        self.hits_list.setMaximumHeight(96)
        self.hits_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.search_edit.installEventFilter(_SearchKeys(self.hits_list, self))
        self.search_edit.textChanged.connect(self._fill_hits)
        self.search_edit.returnPressed.connect(self._on_search_return_pressed)
        self.hits_list.itemClicked.connect(lambda item: self.choose_payer(item.data(Qt.ItemDataRole.UserRole)))
        left.addWidget(QLabel(self.tr("交款人（F3 回到这里）")))
        left.addWidget(self.search_edit)
        left.addWidget(self.hits_list)
        top.addLayout(left, 2)

        self.payer_card = QFrame()
        self.payer_card.setObjectName("card")
        card = QVBoxLayout(self.payer_card)
        card.setContentsMargins(14, 10, 14, 10)
        self.payer_label = QLabel(self.tr("尚未选定交款人"))
        self.payer_label.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.owed_label = QLabel()
        self.credit_label = QLabel()
        self.deposit_label = QLabel()
        self.deposit_label.setWordWrap(True)
        for label in (self.payer_label, self.owed_label, self.credit_label, self.deposit_label):
            card.addWidget(label)
        card.addStretch(1)
        top.addWidget(self.payer_card, 3)
        box.addLayout(top)

        self.charges_model = TableModel.in_memory(self._charge_columns(), parent=self)
        self.charges_view = QTableView()
        self.charges_view.setModel(self.charges_model)
        self.charges_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.charges_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.charges_view.verticalHeader().setVisible(False)
        self.charges_view.horizontalHeader().setStretchLastSection(True)
        self.charges_view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.charges_model.apply_column_widths(self.charges_view)
        self.charges_view.selectionModel().selectionChanged.connect(self._on_charge_selection_changed)
        box.addWidget(self.charges_view, 1)

        box.addLayout(self._build_payment_form())
        self.result_frame = QFrame()
        self.result_frame.setObjectName("card")
        result = QHBoxLayout(self.result_frame)
        result.setContentsMargins(14, 8, 14, 8)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton(self.tr("打印收据 (Ctrl+P)"))
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(lambda: self.print_receipt(self.last_receipt.number)
                                          if self.last_receipt else None)
        result.addWidget(self.result_label, 1)
        result.addWidget(self.print_button)
        self.result_frame.setVisible(False)
        box.addWidget(self.result_frame)
        box.addLayout(self._build_side_actions())
        self.setTabOrder(self.search_edit, self.amount_edit)
        self.setTabOrder(self.amount_edit, self.method_combo)
        self.setTabOrder(self.method_combo, self.date_edit)
        self.setTabOrder(self.date_edit, self.summary_edit)
        self.setTabOrder(self.summary_edit, self.receive_button)
        QShortcut(QKeySequence("F3"), self, activated=self.on_find)
        return tab

    def _build_payment_form(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        self.amount_edit = MoneyEdit(allow_negative=False)
        self.amount_edit.setMinimumHeight(30)
        self.amount_edit.setStyleSheet("font-size: 13pt;")
        self.amount_edit.returnPressed.connect(self.on_receive)
        self.method_combo = MethodCombo()
        self.date_edit = DateEdit(required=True)
        self.date_edit.returnPressed.connect(self.on_receive)
        self.summary_edit = QLineEdit()
        self.summary_edit.setPlaceholderText(self.tr("留空则按所收款项填写"))
        self.summary_edit.returnPressed.connect(self.on_receive)
        self.chosen_check = QCheckBox(self.tr("只收选中的款项"))
        self.chosen_check.setToolTip(self.tr("勾选后只结清表中选中的应收；不勾选则从最早的应收起依次结清，多收的转为预收"))
        self.chosen_check.toggled.connect(lambda _on: self._fill_amount())
        self.receive_button = QPushButton(self.tr("收款 (Enter)"))
        self.receive_button.setObjectName("primary")
        self.receive_button.setMinimumHeight(30)
        self.receive_button.clicked.connect(self.on_receive)
        for column, (label, widget) in enumerate(((self.tr("实收金额"), self.amount_edit),
                                                  (self.tr("方式"), self.method_combo),
                                                  (self.tr("日期"), self.date_edit),
                                                  (self.tr("摘要"), self.summary_edit))):
            grid.addWidget(QLabel(label), 0, column)
            grid.addWidget(widget, 1, column)
        grid.addWidget(self.chosen_check, 1, 4)
        grid.addWidget(self.receive_button, 1, 5)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(3, 3)
        return grid

    def _build_side_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.deposit_in_button = QPushButton(self.tr("收押金…"))
        self.deposit_out_button = QPushButton(self.tr("退押金…"))
        self.deposit_apply_button = QPushButton(self.tr("押金抵欠…"))
        self.offset_button = QPushButton(self.tr("抵销…"))
        self.write_off_button = QPushButton(self.tr("坏账核销…"))
        self.credit_refund_button = QPushButton(self.tr("退预收…"))
        self.credit_refund_button.clicked.connect(self.on_credit_refund)
        self.deposit_in_button.clicked.connect(lambda: self.on_deposit(RECEIVE))
        self.deposit_out_button.clicked.connect(lambda: self.on_deposit(REFUND))
        self.deposit_apply_button.clicked.connect(lambda: self.on_deposit(APPLY))
        self.offset_button.clicked.connect(self.on_offset)
        self.write_off_button.clicked.connect(self.on_write_off)
        hint = QLabel(self.tr("↑↓ 选择交款人　回车 选定/收款　1–4 选择方式（方式框内）"))
        hint.setObjectName("hint")
        row.addWidget(hint)
        row.addStretch(1)
        for button in (self.deposit_in_button, self.deposit_out_button, self.deposit_apply_button,
                       self.offset_button, self.credit_refund_button, self.write_off_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addWidget(export_button(lambda: export_table_view(self, self.books, self.tr("应收明细"),
                                                              self.charges_model), self))
        return row

    def _charge_columns(self) -> list[Column]:
        today = self.books.ctx.today

        def overdue_colour(row: ChargeRow):
            return OVERDUE_COLOUR if row.days_overdue(today()) > 0 else None

        return [
            Column("lease", self.tr("合同"), value=lambda r: self._lease_numbers.get(r.lease_id or 0, r.source),
                   width=110),
            text_column("item", "款项", width=60),
            Column("period", "期间", value=_period_text, width=150),
            date_column("due_on", "应收日"),
            money_column("amount_fen", "应收"),
            money_column("paid", "已收", value=lambda r: r.amount_fen - r.outstanding_fen),
            money_column("outstanding_fen", "未收"),
            Column("days", "逾期天数", RIGHT, value=lambda r: r.days_overdue(today()), width=70,
                   foreground=overdue_colour, formatter=lambda d: str(d) if d else ""),
        ]

    # --- construction: the list ------------------------------------------------------------
    def _build_list(self) -> QWidget:
        tab = QWidget()
        box = QVBoxLayout(tab)
        bar = QHBoxLayout()
        today = self.books.ctx.today()
        self.from_edit = DateEdit()
        self.from_edit.set_date(dt.date(today.year, 1, 1))
        self.to_edit = DateEdit()
        self.to_edit.set_date(today)
        self.list_search = QLineEdit()
        self.list_search.setPlaceholderText(self.tr("交款人或收据号"))
        self.list_search.setClearButtonEnabled(True)
        self.list_search.textChanged.connect(self._filter_receipts)
        refresh = QPushButton(self.tr("查询"))
        refresh.clicked.connect(self.refresh_receipts)
        self.from_edit.returnPressed.connect(self.refresh_receipts)
        self.to_edit.returnPressed.connect(self.refresh_receipts)
        self.void_button = QPushButton(self.tr("作废…"))
        self.void_button.clicked.connect(self.on_void)
        self.reprint_button = QPushButton(self.tr("重打"))
        self.reprint_button.clicked.connect(self.on_reprint)
        for label, widget in ((self.tr("日期从"), self.from_edit), (self.tr("至"), self.to_edit),
                              (self.tr("查找"), self.list_search)):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addWidget(refresh)
        bar.addStretch(1)
        bar.addWidget(self.void_button)
        bar.addWidget(self.reprint_button)
        self.receipts_model = TableModel.in_memory(self._receipt_columns(), parent=self)
        bar.addWidget(export_button(lambda: export_table_view(self, self.books, self.tr("收据列表"),
                                                              self.receipts_model), tab))
        box.addLayout(bar)
        self.receipts_view = QTableView()
        self.receipts_view.setModel(self.receipts_model)
        self.receipts_view.setSortingEnabled(True)
        self.receipts_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the newest receipt first
        self.receipts_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.receipts_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.receipts_view.verticalHeader().setVisible(False)
        self.receipts_view.horizontalHeader().setStretchLastSection(True)
        self.receipts_model.apply_column_widths(self.receipts_view)
        self.receipts_view.doubleClicked.connect(lambda _index: self.on_reprint())
        box.addWidget(self.receipts_view, 1)
        self.receipts_summary = QLabel()
        box.addWidget(self.receipts_summary)
        self._all_receipts: list[ReceiptView] = []
        return tab

    def _receipt_columns(self) -> list[Column]:
        def grey(row: ReceiptView):
            return VOID_COLOUR if row.is_void else None

        def red(row: ReceiptView):
            return VOID_MARK if row.is_void else None

        return [
            text_column("number", "收据号", width=90, foreground=grey),
            date_column("received_on", "日期", foreground=grey),
            text_column("payer_name", "交款人", width=130, foreground=grey),
            money_column("amount_fen", "金额", foreground=grey),
            text_column("method", "方式", width=60, foreground=grey),
            text_column("summary", "摘要", width=200, foreground=grey),
            text_column("voucher_label", "凭证", width=110, foreground=grey),
            Column("state", "状态", value=lambda r: "作废" if r.is_void else "正常", width=60, foreground=red),
            text_column("void_reason", "作废原因", foreground=grey),
        ]

    # --- reading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self._build_index()
        self._fill_hits(self.search_edit.text())
        if self.payer is not None:
            self.choose_payer(self.payer.id, keep_focus=True)
        if not self.date_edit.text():
            self.date_edit.set_date(self.books.ctx.today())
        self.refresh_receipts()

    def _build_index(self) -> None:
        """Tenants and their leases, for the search box (a community has hundreds, not millions)."""
        self._index.clear()
        self._lease_numbers.clear()
        try:
            leases = self.books.leases.list_leases()
        except (AssetDeskError, NotImplementedError):
            leases = []
        for lease in leases:
            self._lease_numbers[lease.id] = lease.number
            hit = self._index.get(lease.tenant_id)
            if hit is None:
                hit = self._index[lease.tenant_id] = PayerHit(lease.tenant_id, lease.tenant_name,
                                                              pinyin_initials(lease.tenant_name))
            hit.leases.append(lease)

    def find_payers(self, text: str) -> list[PayerHit]:
        """Payers whose name, pinyin initials or 合同编号 match ``text``; tenants first, then any
        other 往来单位 whose name, 证件号码 or phone matches (a party owed an offset, say)."""
        text = text.strip()
        if not text:
            return []
        hits = [hit for hit in self._index.values() if hit.matches(text)]
        hits.sort(key=lambda h: (not h.name.startswith(text), h.name))
        if len(hits) < HITS:
            for row in self.books.org.list_counterparties(search=text, limit=HITS):
                if row.id not in self._index:
                    hits.append(PayerHit(row.id, row.name, pinyin_initials(row.name)))
        return hits[:HITS]

    def _fill_hits(self, text: str) -> None:
        self.hits_list.clear()
        for hit in self.find_payers(text):
            item = QListWidgetItem(hit.label())
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            self.hits_list.addItem(item)
        if self.hits_list.count():
            self.hits_list.setCurrentRow(0)

    def _on_search_return_pressed(self) -> None:
        item = self.hits_list.currentItem()
        if item is not None:
            self.choose_payer(item.data(Qt.ItemDataRole.UserRole))

    def _hit(self, payer_id: int) -> PayerHit:
        hit = self._index.get(payer_id)
        if hit is None:
            row = self.books.org.get_counterparty(payer_id)
            hit = PayerHit(row.id, row.name, pinyin_initials(row.name))
        return hit

    def choose_payer(self, payer_id: int, keep_focus: bool = False) -> None:
        """Show what the payer owes, its credit and deposits; the amount is filled and selected."""
        outcome = self.attempt(self._hit, payer_id)
        if not outcome.ok:
            return
        self.payer = outcome.value
        payer = Payer.counterparty(payer_id)
        charges = self.attempt(self.books.receivables.open_charges, payer)
        credit = self.attempt(self.books.receivables.credit_of, payer)
        self.charges_model.set_rows(charges.value if charges.ok else [])
        self.credit_fen = credit.value if credit.ok else 0
        owed = sum(c.outstanding_fen for c in self.charges_model.rows())
        overdue = [c for c in self.charges_model.rows() if c.days_overdue(self.books.ctx.today()) > 0]
        self.payer_label.setText(self.payer.label())
        self.owed_label.setText(self.tr("尚欠 {0}，共 {1} 笔{2}").format(
            format_money(owed), len(self.charges_model.rows()),
            self.tr("（逾期 {0} 笔）").format(len(overdue)) if overdue else ""))
        self.owed_label.setStyleSheet("color: #c62828; font-weight: bold;" if overdue else "font-weight: bold;")
        self.credit_label.setText(self.tr("预收余额 {0}").format(format_money(self.credit_fen)))
        leases = [self.tr("{0}　{1}　{2}　{3}　押金结存 {4}（约定 {5}）").format(
            lease.number, "、".join(lease.asset_names), lease.rent_text, lease.status,
            format_money(lease.deposit_held_fen), format_money(lease.deposit_fen)) for lease in self.payer.leases]
        self.deposit_label.setText("\n".join(leases) if leases else self.tr("没有租赁合同"))
        self._fill_amount()
        self.actions_changed.emit()
        if not keep_focus:
            self.amount_edit.setFocus()
            self.amount_edit.selectAll()

    def selected_charges(self) -> list[ChargeRow]:
        return [self.charges_model.row_at(index) for index in self.charges_view.selectionModel().selectedRows()]

    def owed_fen(self) -> int:
        """What the payer owes now, less its credit (what the amount field proposes)."""
        if self.chosen_check.isChecked():
            return sum(c.outstanding_fen for c in self.selected_charges())
        owed = sum(c.outstanding_fen for c in self.charges_model.rows())
        return max(0, owed - self.credit_fen)

    def _fill_amount(self) -> None:
        self.amount_edit.set_fen(self.owed_fen() or None)

    def _on_charge_selection_changed(self, *_args) -> None:
        if self.chosen_check.isChecked():
            self._fill_amount()

    def refresh_receipts(self) -> None:
        try:
            date_from, date_to = self.from_edit.date(), self.to_edit.date()
        except AssetDeskError as exc:
            self.show_error(exc)
            return
        rows = self.attempt(self.books.receivables.receipts, date_from=date_from, date_to=date_to)
        self._all_receipts = list(rows.value) if rows.ok else []
        self._filter_receipts()

    def _filter_receipts(self, *_args) -> None:
        text = self.list_search.text().strip().lower()
        rows = [r for r in self._all_receipts
                if not text or text in r.payer_name.lower() or text in r.number.lower()
                or pinyin_initials(r.payer_name).startswith(text)]
        self.receipts_model.set_rows(rows)
        valid = [r for r in rows if not r.is_void]
        self.receipts_summary.setText(self.tr("共 {0} 张收据（作废 {1} 张），有效金额合计 {2}").format(
            len(rows), len(rows) - len(valid), format_money(sum(r.amount_fen for r in valid))))

    def selected_receipt(self) -> ReceiptView | None:
        rows = self.receipts_view.selectionModel().selectedRows()
        return self.receipts_model.row_at(rows[0]) if rows else None

    # --- the counter ----------------------------------------------------------------------
    def on_find(self) -> None:
        """Ctrl+F / F3: back to the search box, its text selected."""
        self.tabs.setCurrentIndex(0)
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def on_receive(self) -> None:
        """收款 (Enter): one receipt for the amount typed; shows its number and what it settled."""
        if self.payer is None:
            QMessageBox.information(self, self.tr("收款"), self.tr("请先在上面的查找框选定交款人"))
            self.search_edit.setFocus()
            return
        try:
            amount, on = self.amount_edit.fen(), self.date_edit.date()
        except AssetDeskError as exc:
            self.show_error(exc)
            return
        if not amount or amount <= 0:
            QMessageBox.information(self, self.tr("收款"), self.tr("请填写实收金额"))
            self.amount_edit.setFocus()
            return
        charge_ids = tuple(c.id for c in self.selected_charges()) if self.chosen_check.isChecked() else None
        if charge_ids == ():
            QMessageBox.information(self, self.tr("收款"), self.tr("请在表中选中要收的款项，或取消“只收选中的款项”"))
            return
        item = ReceiptInput(payer=Payer.counterparty(self.payer.id), received_on=on or self.books.ctx.today(),
                            amount_fen=amount, method=self.method_combo.method(), charge_ids=charge_ids,
                            summary=self.summary_edit.text().strip())
        outcome = self.attempt(self.books.receivables.receive, item)
        if not outcome.ok:
            return
        self.show_receipt(outcome.value)
        self.summary_edit.clear()
        self.chosen_check.setChecked(False)
        self.choose_payer(self.payer.id, keep_focus=True)
        self.refresh_receipts()
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def show_receipt(self, receipt: ReceiptView) -> None:
        """The receipt just taken: its number, amount, what it settled and the credit kept."""
        self.last_receipt = receipt
        lines = [self.tr("<b>收据 No.{0}</b>　{1}　{2}（{3}）").format(
            receipt.number, receipt.payer_name, format_money(receipt.amount_fen), receipt.method)]
        settled = [f"{_period_text(a)} {a.item} {format_money(a.amount_fen)}" for a in receipt.allocations]
        if settled:
            lines.append(self.tr("结清：") + "；".join(settled))
        if receipt.credit_fen:
            lines.append(self.tr("多收 {0} 转为预收").format(format_money(receipt.credit_fen)))
        if receipt.voucher_label:
            lines.append(self.tr("凭证 {0}").format(receipt.voucher_label))
        self.result_label.setText("<br>".join(lines))
        self.result_frame.setVisible(True)
        self.actions_changed.emit()

    # --- printing ---------------------------------------------------------------------------
    def on_print(self) -> None:
        """Ctrl+P: 打印收据 of the receipt just taken (收款台) or of the one selected (收据列表)."""
        if self.tabs.currentIndex() == 1:
            self.on_reprint()
        elif self.last_receipt is not None:
            self.print_receipt(self.last_receipt.number)

    def can(self, action: str) -> bool:
        if action == "print":
            return self.tabs.currentIndex() == 1 or self.last_receipt is not None
        return super().can(action)

    def print_receipt(self, number: str):
        """The receipt report (``report receipt --number N``) in the print preview."""
        from assetdesk.pdf import REPORTS
        from ui.dialogs.report_preview_dialog import preview_report

        if "receipt" not in REPORTS:
            QMessageBox.information(self, self.tr("打印收据"), self.tr("本版本尚不能打印收据"))
            return None
        try:
            self.preview = preview_report(self, self.books, "receipt", number=number)
        except AssetDeskError as exc:
            self.show_error(exc)
            return None
        return self.preview

    def on_reprint(self) -> None:
        receipt = self.selected_receipt()
        if receipt is None:
            QMessageBox.information(self, self.tr("重打"), self.tr("请先在列表中选中一张收据"))
            return
        self.print_receipt(receipt.number)

    def on_void(self) -> None:
        """作废 the selected receipt: the reason is asked; the number stays, the voucher is reversed."""
        receipt = self.selected_receipt()
        if receipt is None:
            QMessageBox.information(self, self.tr("作废收据"), self.tr("请先在列表中选中一张收据"))
            return
        if receipt.is_void:
            QMessageBox.information(self, self.tr("作废收据"), self.tr("收据 {0} 已经作废").format(receipt.number))
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("作废收据"),
            self.tr("作废收据 No.{0}（{1} {2}）\n收据号保留，凭证红字冲销，所结清的款项恢复为未收。\n\n作废原因：")
            .format(receipt.number, receipt.payer_name, format_money(receipt.amount_fen)))
        if not ok:
            return
        if not reason.strip():
            QMessageBox.information(self, self.tr("作废收据"), self.tr("请填写作废原因，收据没有作废"))
            return
        outcome = self.attempt(self.books.receivables.void_receipt, receipt.number, self.books.ctx.today(),
                               reason.strip())
        if outcome.ok:
            self.refresh_receipts()
            if self.payer is not None:
                self.choose_payer(self.payer.id, keep_focus=True)

    def on_export(self) -> None:
        if self.tabs.currentIndex() == 1:
            export_table_view(self, self.books, self.tr("收据列表"), self.receipts_model)
        else:
            export_table_view(self, self.books, self.tr("应收明细"), self.charges_model)

    # --- side dialogs --------------------------------------------------------------------------
    def _need_payer(self, title: str) -> bool:
        if self.payer is None:
            QMessageBox.information(self, title, self.tr("请先在查找框选定交款人"))
            return False
        return True

    def choose_lease(self, title: str):
        """The payer's lease the deposit action is for (asked when it has several)."""
        leases = self.payer.leases if self.payer else []
        if not leases:
            QMessageBox.information(self, title, self.tr("{0} 没有租赁合同").format(self.payer.name if self.payer else ""))
            return None
        if len(leases) == 1:
            return leases[0]
        labels = [f"{lease.number}　{'、'.join(lease.asset_names)}　{lease.status}" for lease in leases]
        text, ok = QInputDialog.getItem(self, title, self.tr("合同："), labels, 0, False)
        return leases[labels.index(text)] if ok else None

    def on_deposit(self, mode: str) -> None:
        title = {RECEIVE: self.tr("收押金"), REFUND: self.tr("退押金"), APPLY: self.tr("押金抵欠")}[mode]
        if not self._need_payer(title):
            return
        lease = self.choose_lease(title)
        if lease is None:
            return
        owed = sum(c.outstanding_fen for c in self.charges_model.rows() if c.lease_id == lease.id)
        dialog = self.attempt(DepositDialog, self.books, lease, mode, self, owed_fen=owed)
        if dialog.ok and dialog.value.exec() == QDialog.DialogCode.Accepted:
            if isinstance(dialog.value.result_value, ReceiptView):
                self.show_receipt(dialog.value.result_value)
            self._after_side_action()

    def on_offset(self) -> None:
        if not self._need_payer(self.tr("抵销")):
            return
        chosen = tuple(c.id for c in self.selected_charges()) if self.chosen_check.isChecked() else None
        dialog = self.attempt(OffsetDialog, self.books, Payer.counterparty(self.payer.id), self.payer.name, self,
                              charge_ids=chosen or None)
        if dialog.ok and dialog.value.exec() == QDialog.DialogCode.Accepted:
            self._after_side_action()

    def on_credit_refund(self) -> None:
        if not self._need_payer(self.tr("退还预收款")):
            return
        dialog = self.attempt(CreditRefundDialog, self.books, Payer.counterparty(self.payer.id), self.payer.name, self)
        if dialog.ok and dialog.value.exec() == QDialog.DialogCode.Accepted:
            self._after_side_action()

    def on_write_off(self) -> None:
        if not self._need_payer(self.tr("坏账核销")):
            return
        charges = self.selected_charges()
        if len(charges) != 1:
            QMessageBox.information(self, self.tr("坏账核销"), self.tr("请在表中选中要核销的一笔应收（以前年度的欠款）"))
            return
        dialog = WriteOffDialog(self.books, charges[0], self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._after_side_action()

    def _after_side_action(self) -> None:
        self._build_index()
        if self.payer is not None:
            self.choose_payer(self.payer.id, keep_focus=True)
        self.refresh_receipts()


def _period_text(row) -> str:
    """2025-01 ~ 2025-03 for whole months, 2025-01 for one, the dates for a part of a month."""
    start, end = row.period_start, row.period_end
    whole = start.day == 1 and (end + dt.timedelta(days=1)).day == 1
    if not whole:
        return f"{start.isoformat()} ~ {end.isoformat()}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%Y-%m}"
    return f"{start:%Y-%m} ~ {end:%Y-%m}"
