"""The 租赁合同 page: the leases, each with its 应收租金计划 and deposit (DOMAIN §5).

Everything shown comes from ``books.leases`` (list_leases, schedule) and ``books.receivables``
(deposit_state). 新建合同 / 修改条款 / 续租 go through ``LeaseDialog``, 提前终止 through
``TerminationDialog``, 租金到期出账 runs ``books.leases.bill_rent`` through a chosen month in the
background worker and says what it billed. The page re-reads on ``leases_changed`` and
``receivables_changed`` (its own writes, the counter's receipts, imports).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AssetDeskError
from assetdesk.money import format_money
from assetdesk.services.leases.types import ACTIVE, EXPIRED, NOT_STARTED, TERMINATED, LeaseRow
from assetdesk.services.receivables.types import BILLED, CANCELLED, PLANNED, ChargeRow
from ui.models.table_model import RIGHT, Column, TableModel, date_column, money_column, text_column
from ui.pages.base import Page
from ui.table_export import export_button, export_table_view
from ui.widgets.period_picker import ask_month

STATUS_FILTERS = (ACTIVE, NOT_STARTED, EXPIRED, TERMINATED)
OVERDUE_COLOUR = "#c62828"


def _area(centi: int) -> str:
    return f"{centi / 100:,.2f}" if centi else ""


def charge_state(charge: ChargeRow) -> str:
    """未到期 / 未收 / 部分收款 / 已结清 / 已取消, as the clerk reads a schedule line."""
    if charge.state == CANCELLED:
        return "已取消"
    if charge.state == PLANNED:
        return "未出账"
    if charge.outstanding_fen <= 0:
        return "已结清"
    if charge.outstanding_fen < charge.amount_fen:
        return "部分收款"
    return "未收"


def _collected(charge: ChargeRow) -> int:
    return charge.received_fen + charge.deposit_fen + charge.offset_fen


class LeasesPage(Page):
    title = "租赁合同"
    icon = "leases"

    def __init__(self, books: Any, bridge: Any, parent: QWidget | None = None):
        super().__init__(books, bridge, parent)
        self.last_worker = None
        self.last_message = ""
        layout = self.page_layout()
        layout.addLayout(self._build_filters())
        layout.addLayout(self._build_buttons())
        self.lease_model = TableModel.in_memory(self._lease_columns(), parent=self)
        self.lease_view = self._view(self.lease_model)
        self.lease_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.schedule_model = TableModel.in_memory(self._schedule_columns(), parent=self)
        self.schedule_view = self._view(self.schedule_model, sortable=False)  # in 期次 order
        self.detail_tabs = QTabWidget()
        schedule_tab = QWidget()
        schedule_box = QVBoxLayout(schedule_tab)
        schedule_box.setContentsMargins(0, 4, 0, 0)
        self.schedule_summary = QLabel()
        schedule_box.addWidget(self.schedule_view, 1)
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.schedule_summary, 1)
        summary_row.addWidget(export_button(self.export_schedule, schedule_tab))
        schedule_box.addLayout(summary_row)
        self.detail_tabs.addTab(schedule_tab, self.tr("应收租金计划"))
        deposit_tab = QWidget()
        deposit_box = QVBoxLayout(deposit_tab)
        self.deposit_label = QLabel()
        self.deposit_label.setWordWrap(True)
        self.deposit_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        deposit_box.addWidget(self.deposit_label)
        deposit_box.addStretch(1)
        self.detail_tabs.addTab(deposit_tab, self.tr("押金"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.lease_view)
        splitter.addWidget(self.detail_tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setObjectName("hint")
        self.message_label.hide()  # shown with the outcome of the clerk's last action
        self.summary_label = QLabel()
        layout.addWidget(self.message_label)
        layout.addWidget(self.summary_label)
        self.lease_view.selectionModel().selectionChanged.connect(lambda *_: self._on_selection())
        self.lease_view.doubleClicked.connect(lambda index: self.edit_terms(self.lease_model.row_at(index)))
        self.refresh_on("leases_changed", "receivables_changed", "assets_changed", "data_imported",
                        "database_restored")
        self.refresh()

    # --- construction ---------------------------------------------------------------
    def _build_filters(self) -> QHBoxLayout:
        self.status_combo = QComboBox()
        for status in STATUS_FILTERS:
            self.status_combo.addItem(self.tr(status), status)
        self.status_combo.addItem(self.tr("全部"), None)
        self.status_combo.currentIndexChanged.connect(self.refresh)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("合同编号、承租方或资产"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(240)
        self.search_edit.textChanged.connect(self._apply_search)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("状态")))
        bar.addWidget(self.status_combo)
        bar.addWidget(QLabel(self.tr("查找")))
        bar.addWidget(self.search_edit)
        bar.addStretch(1)
        bar.addWidget(export_button(self.on_export, self))
        return bar

    def _build_buttons(self) -> QHBoxLayout:
        self.new_button = QPushButton(self.tr("新建合同"))
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.new_button.clicked.connect(self.on_new)
        self.edit_button = QPushButton(self.tr("修改条款"))
        self.edit_button.setToolTip(self.tr("已出账或已收款的期次不变，其余按新条款重新生成"))
        self.edit_button.clicked.connect(lambda: self._with_selected(self.edit_terms))
        self.renew_button = QPushButton(self.tr("续租"))
        self.renew_button.clicked.connect(lambda: self._with_selected(self.renew))
        self.terminate_button = QPushButton(self.tr("提前终止"))
        self.terminate_button.clicked.connect(lambda: self._with_selected(self.terminate))
        self.bill_button = QPushButton(self.tr("租金到期出账"))
        self.bill_button.setToolTip(self.tr("把到期的租金计入应收款并生成凭证；重复出账不会重复记账"))
        self.bill_button.clicked.connect(self.on_bill_rent)
        bar = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.renew_button, self.terminate_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.bill_button)
        return bar

    def _view(self, model: TableModel, sortable: bool = True) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSortingEnabled(sortable)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)
        model.apply_column_widths(view)
        return view

    def _lease_columns(self) -> list[Column]:
        return [
            text_column("number", "合同编号", width=100),
            text_column("tenant_name", "承租方", width=130),
            Column("assets", "资产", value=lambda r: "、".join(r.asset_names) or "、".join(r.asset_codes), stretch=True,
                   tooltip=lambda r: "、".join(f"{c} {n}" for c, n in zip(r.asset_codes, r.asset_names))),
            Column("area_centi", "面积(㎡)", RIGHT, formatter=_area, width=72),
            Column("rent_text", "租金", RIGHT, width=128),
            text_column("cycle_label", "周期", width=40),
            Column("term", "起止", value=lambda r: f"{r.start_on} 至 {r.last_day}", width=176),
            money_column("deposit_fen", "押金", width=96),
            text_column("status", "状态", width=52),
            money_column("outstanding_fen", "欠款", width=100, blank_zero=True),
        ]

    def _schedule_columns(self) -> list[Column]:
        return [
            Column("seq", "期次", RIGHT, width=44),
            Column("period", "起止", value=lambda c: f"{c.period_start} 至 {c.period_end}", width=190),
            date_column("due_on", "应收日"),
            Column("months_text", "月数", RIGHT, width=56),
            money_column("amount_fen", "应收", width=110),
            money_column("collected", "已收", value=_collected, width=110, blank_zero=True,
                         tooltip=lambda c: self.tr("收款 %1；押金抵扣 %2；抵销 %3").replace(
                             "%1", format_money(c.received_fen)).replace("%2", format_money(c.deposit_fen))
                         .replace("%3", format_money(c.offset_fen))),
            money_column("outstanding", "未收", value=lambda c: c.outstanding_fen if c.state == BILLED else 0,
                         width=110, blank_zero=True),
            Column("state_text", "状态", value=charge_state, width=70),
            text_column("note", "说明", stretch=True),
        ]

    # --- reading --------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the leases with the filter bar's status, keep the selected one selected."""
        current = self.selected_lease()
        rows = self.attempt(self.books.leases.list_leases, status=self.status_combo.currentData())
        if not rows.ok:
            return
        self.lease_model.set_rows(rows.value)
        self._apply_search()
        if current is not None:
            self.select_lease(current.number)
        self._on_selection()
        shown = self.lease_model.rows()
        owed = sum(r.outstanding_fen for r in shown)
        self.summary_label.setText(self.tr("共 %1 份合同，欠款合计 %2").replace("%1", str(len(shown)))
                                   .replace("%2", format_money(owed)))

    def _apply_search(self) -> None:
        needle = self.search_edit.text().strip().lower()
        if not needle:
            self.lease_model.set_filter(None)
        else:
            def matches(row: LeaseRow) -> bool:
                texts = (row.number, row.tenant_name, *row.asset_codes, *row.asset_names)
                return any(needle in text.lower() for text in texts)
            self.lease_model.set_filter(matches)

    def selected_lease(self) -> LeaseRow | None:
        rows = self.lease_view.selectionModel().selectedRows()
        return self.lease_model.row_at(rows[0]) if rows else None

    def select_lease(self, number: str) -> None:
        for row, lease in enumerate(self.lease_model.rows()):
            if lease.number == number:
                self.lease_view.selectRow(row)
                return

    def _on_selection(self) -> None:
        lease = self.selected_lease()
        open_lease = lease is not None and lease.status != TERMINATED
        self.edit_button.setEnabled(open_lease)
        self.terminate_button.setEnabled(open_lease)
        self.renew_button.setEnabled(lease is not None)
        if lease is None:
            self.schedule_model.set_rows([])
            self.schedule_summary.setText(self.tr("选中一份合同查看其应收租金计划"))
            self.deposit_label.setText("")
            return
        try:
            charges = self.books.leases.schedule(lease.number)
        except AssetDeskError as exc:
            self.show_error(exc)
            charges = []
        self.schedule_model.set_rows(charges)
        live = [c for c in charges if c.state != CANCELLED]
        total = sum(c.amount_fen for c in live)
        billed = sum(c.amount_fen for c in live if c.state == BILLED)
        collected = sum(_collected(c) for c in live)
        owed = sum(c.outstanding_fen for c in live if c.state == BILLED)
        self.schedule_summary.setText(
            self.tr("%1：共 %2 期，应收合计 %3，已出账 %4，已收 %5，未收 %6").replace("%1", lease.number)
            .replace("%2", str(len(live))).replace("%3", format_money(total)).replace("%4", format_money(billed))
            .replace("%5", format_money(collected)).replace("%6", format_money(owed)))
        self.deposit_label.setText(self._deposit_text(lease))

    def _deposit_text(self, lease: LeaseRow) -> str:
        try:
            state = self.books.receivables.deposit_state(lease.id)
        except (AssetDeskError, NotImplementedError):
            return self.tr("押金：合同约定 %1，结存 %2").replace("%1", format_money(lease.deposit_fen)) \
                .replace("%2", format_money(lease.deposit_held_fen))
        lines = [
            self.tr("合同约定押金　%1").replace("%1", format_money(state.required_fen)),
            self.tr("已收押金　　　%1").replace("%1", format_money(state.received_fen)),
            self.tr("抵扣欠款　　　%1").replace("%1", format_money(state.applied_fen)),
            self.tr("已退还　　　　%1").replace("%1", format_money(state.refunded_fen)),
            self.tr("押金结存　　　%1").replace("%1", format_money(state.held_fen)),
        ]
        if state.received_fen < state.required_fen:
            lines.append(self.tr("尚未收齐押金 %1（在收款页面收取）").replace(
                "%1", format_money(state.required_fen - state.received_fen)))
        return "\n".join(lines)

    # --- clerk actions --------------------------------------------------------------
    def _with_selected(self, action) -> None:
        lease = self.selected_lease()
        if lease is None:
            QMessageBox.information(self, self.display_title(), self.tr("请先在列表中选中一份合同"))
            return
        action(lease)

    def say(self, text: str) -> None:
        """The page's message area (the outcome of the last action)."""
        self.last_message = text
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def on_new(self) -> None:
        """新建合同 (also Ctrl+N)."""
        from ui.dialogs.lease_dialog import LeaseDialog

        self._after_dialog(LeaseDialog(self.books, parent=self), self.tr("已新建合同 %1"))

    def edit_terms(self, lease: LeaseRow) -> None:
        from ui.dialogs.lease_dialog import EDIT, LeaseDialog

        self._after_dialog(LeaseDialog(self.books, lease, EDIT, parent=self), self.tr("已修改合同 %1 的条款"))

    def renew(self, lease: LeaseRow) -> None:
        from ui.dialogs.lease_dialog import RENEW, LeaseDialog

        self._after_dialog(LeaseDialog(self.books, lease, RENEW, parent=self),
                           self.tr("已续租：新合同 %1（原合同 %2）").replace("%2", lease.number))

    def _after_dialog(self, dialog, message: str) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.say(message.replace("%1", dialog.saved.number))
            self.refresh()
            self.select_lease(dialog.saved.number)

    def terminate(self, lease: LeaseRow) -> None:
        from ui.dialogs.termination_dialog import TerminationDialog, describe

        dialog = TerminationDialog(self.books, lease, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_value is not None:
            self.say(describe(dialog.result_value))
            self.refresh()

    def on_export(self) -> None:
        export_table_view(self, self.books, self.display_title(), self.lease_model)

    def export_schedule(self) -> None:
        lease = self.selected_lease()
        title = self.tr("应收租金计划") + (f" {lease.number}" if lease else "")
        export_table_view(self, self.books, title, self.schedule_model)

    def on_find(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def ask_through(self):
        """出账至 YYYY-MM (the current period offered); None when the clerk cancelled."""
        current = self.attempt(self.books.periods.current_period)
        return ask_month(self, self.tr("租金到期出账"), self.tr("出账至"), current.value if current.ok else None,
                         self.tr("把应收日在所选月份及以前、尚未出账的租金计入应收款，每月一张凭证。"))

    def on_bill_rent(self) -> None:
        """租金到期出账 through a month, in the background; the message says what was billed."""
        through = self.attempt(self.ask_through)
        if not through.ok or through.value is None:
            return
        period = through.value
        self.last_worker = self.run_task(self.tr("正在出账…"), lambda _control: self.books.leases.bill_rent(period),
                                         on_success=lambda result: self._on_billed(period, result))

    def _on_billed(self, period, result) -> None:
        if result.charges:
            vouchers = result.first_voucher if result.first_voucher == result.last_voucher \
                else f"{result.first_voucher} – {result.last_voucher}"
            text = self.tr("出账至 %1：%2 笔租金，合计 %3，凭证 %4").replace("%1", str(period)) \
                .replace("%2", str(result.charges)).replace("%3", format_money(result.total_fen)) \
                .replace("%4", vouchers)
        else:
            text = self.tr("出账至 %1：没有新到期的租金（已出账的不会重复出账）").replace("%1", str(period))
        self.say(text)
        QMessageBox.information(self, self.tr("租金到期出账"), text)
        self.refresh()
