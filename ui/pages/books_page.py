"""账簿报表: 科目余额表, 明细账, 现金日记账, 银行存款日记账, 结账, 辅助余额表 and 辅助明细账 — read
from ``books.ledger`` / ``books.periods`` / ``books.aux``; nothing is computed here.

Drill-down: double-click an amount in the 科目余额表 → that account's 明细账 for the same months, or
its 辅助余额表 when the account carries a 辅助核算 (应收款 by 往来单位; its 明细账 is then in the right-click
menu, which offers both); the 明细账 of such an account has a 辅助余额表 button; double-click a row of
the 辅助余额表 → that record's 辅助明细账; double-click a line of any ledger or journal → its voucher
in ``VoucherDialog`` (read-only, since posted). 本月合计 / 本年累计 / 本日合计 / 合计 rows are bold.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AssetDeskError
from assetdesk.periods import Period
from ui.dialogs.voucher_dialog import VoucherDialog
from ui.models.table_model import CENTER, TableModel, money_column, text_column
from ui.pages.base import Page
from ui.table_export import export_button
from ui.theme import OK, WARN
from ui.widgets.account_picker import AccountEdit
from ui.widgets.period_picker import PeriodPicker
from ui.widgets.report_table import ReportTableView

TOTAL_KINDS = {"month_total", "year_total", "day_total", "opening"}


class EmphasisTableModel(TableModel):
    """``TableModel`` that paints rows bold when ``bold(row)`` says so (totals, 本月合计 …)."""

    def __init__(self, columns, bold, parent=None):
        super().__init__(columns, parent)
        self._bold = bold
        self._font = QFont()
        self._font.setBold(True)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.FontRole and index.isValid() and self._bold(self.row_at(index.row())):
            return self._font
        return super().data(index, role)


def _table(model: TableModel) -> ReportTableView:
    """A books table whose columns fit their content (see ``ReportTableView``)."""
    view = ReportTableView()
    view.setModel(model)
    return view


def trial_balance_columns() -> list:
    amount = dict(blank_zero=True)
    return [
        text_column("code", "科目编码", value=lambda r: r.code or ""),
        text_column("name", "科目名称", stretch=True,
                    value=lambda r: ("　" * (r.level - 1) if r.level else "") + r.name),
        money_column("opening_debit_fen", "期初借方", **amount),
        money_column("opening_credit_fen", "期初贷方", **amount),
        money_column("debit_fen", "本期借方", **amount),
        money_column("credit_fen", "本期贷方", **amount),
        money_column("ytd_debit_fen", "本年累计借方", **amount),
        money_column("ytd_credit_fen", "本年累计贷方", **amount),
        money_column("closing_debit_fen", "期末借方", **amount),
        money_column("closing_credit_fen", "期末贷方", **amount),
    ]


def ledger_columns(with_account: bool = False) -> list:
    columns = [
        text_column("date_on", "日期",
                    value=lambda e: e.date_on.isoformat() if e.date_on and e.kind in ("line", "opening", "day_total") else ""),
        text_column("voucher_label", "凭证号"),
        text_column("summary", "摘要", stretch=True),
        money_column("debit_fen", "借方", blank_zero=True),
        money_column("credit_fen", "贷方", blank_zero=True),
        text_column("direction", "方向", alignment=CENTER),
        money_column("balance_fen", "余额"),
    ]
    if with_account:
        columns.insert(2, text_column("account_code", "科目"))
    return columns


class _RangeBar(QHBoxLayout):
    """期间 from … to … and a 查询 button."""

    def __init__(self, page: "BooksPage", on_query):
        super().__init__()
        self.start = PeriodPicker()
        self.end = PeriodPicker()
        self.query_button = QPushButton(page.tr("查询"))
        self.query_button.clicked.connect(on_query)
        self._filled = False  # True once periods were offered: from then on the clerk's choice stands
        self.addWidget(QLabel(page.tr("期间")))
        self.addWidget(self.start)
        self.addWidget(QLabel(page.tr("至")))
        self.addWidget(self.end)

    def finish(self) -> None:
        self.addWidget(self.query_button)
        self.addStretch(1)

    def set_periods(self, periods, current) -> None:
        """Offer ``periods``; the first time, show the current (first open) period, as the status
        bar does; later refreshes keep what the clerk chose."""
        first_fill = not self._filled
        for picker in (self.start, self.end):
            picker.set_periods(periods)
            if current is not None and (first_fill or picker.period() is None):
                picker.set_period(current)
        if first_fill:
            self._filled = bool(periods)

    def range(self) -> tuple[Period, Period]:
        return self.start.period(), self.end.period()


class BooksPage(Page):
    title = "账簿报表"
    icon = "books"
    order = 40

    def __init__(self, books, bridge, parent: QWidget | None = None):
        super().__init__(books, bridge, parent)
        self._dialogs: list[VoucherDialog] = []
        layout = self.page_layout()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_trial_balance_tab(), self.tr("科目余额表"))
        self.tabs.addTab(self._build_ledger_tab(), self.tr("明细账"))
        self.cash_tab = self._build_journal_tab("cash")
        self.bank_tab = self._build_journal_tab("bank")
        self.tabs.addTab(self.cash_tab, self.tr("现金日记账"))
        self.tabs.addTab(self.bank_tab, self.tr("银行存款日记账"))
        self.tabs.addTab(self._build_close_tab(), self.tr("结账"))
        from ui.pages.books_aux import AuxBalanceTab, AuxLedgerTab  # they use this module's widgets

        self.aux_balance_tab = AuxBalanceTab(self)
        self.aux_ledger_tab = AuxLedgerTab(self)
        self.aux_balance_tab.record_opened.connect(self._on_aux_balance_tab_record_opened)
        self.tabs.addTab(self.aux_balance_tab, self.tr("辅助余额表"))
        self.tabs.addTab(self.aux_ledger_tab, self.tr("辅助明细账"))
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(self._load_tab)
        self.refresh_on("voucher_posted", "documents_posted", "voucher_reversed", "accounts_changed", "opening_balances_changed",
                        "period_closed", "period_reopened", "database_restored", "data_imported", "org_changed")
        self.refresh()

    # --- 科目余额表 -----------------------------------------------------------------------
    def _build_trial_balance_tab(self) -> QWidget:
        self.tb_range = _RangeBar(self, self.load_trial_balance)
        self.tb_level = QComboBox()
        for text, level in ((self.tr("全部级次"), None), (self.tr("一级科目"), 1), (self.tr("至二级"), 2),
                            (self.tr("至三级"), 3)):
            self.tb_level.addItem(text, level)
        self.tb_range.addWidget(QLabel(self.tr("级次")))
        self.tb_range.addWidget(self.tb_level)
        self.tb_range.finish()
        self.tb_status = QLabel()
        self.tb_range.addWidget(self.tb_status)
        self.tb_aux_button = QPushButton(self.tr("辅助余额表"))
        self.tb_aux_button.setToolTip(self.tr("所选科目按往来单位（小区）的余额（科目设有辅助核算时）"))
        self.tb_aux_button.setEnabled(False)
        self.tb_aux_button.clicked.connect(self._on_tb_aux_button_clicked)
        self.tb_range.addWidget(self.tb_aux_button)
        self.tb_export_button = export_button(self.export_trial_balance)
        self.tb_range.addWidget(self.tb_export_button)
        self.tb_model = EmphasisTableModel(trial_balance_columns(), lambda r: r.level <= 1)
        self.tb_table = _table(self.tb_model)
        self.tb_table.doubleClicked.connect(self._on_tb_table_double_clicked)
        self.tb_table.selectionModel().currentRowChanged.connect(self._on_tb_current_row_changed)
        self.tb_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tb_table.customContextMenuRequested.connect(self._on_tb_table_context_menu_requested)
        hint = QLabel(self.tr("双击金额查看该科目的明细账（设有辅助核算的科目：辅助余额表；右键可选）"))
        hint.setObjectName("hint")
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(self.tb_range)
        layout.addWidget(self.tb_table, 1)
        layout.addWidget(hint)
        return tab

    def load_trial_balance(self) -> None:
        try:
            start, end = self.tb_range.range()
            tb = self.books.ledger.trial_balance(start, end, level=self.tb_level.currentData())
        except AssetDeskError as exc:
            self.show_error(exc)
            return
        self.trial_balance = tb
        self.tb_model.set_rows(list(tb.rows) + [tb.totals])
        if tb.balanced:
            self.tb_status.setText(self.tr("试算平衡"))
            self.tb_status.setStyleSheet(f"color: {OK}; font-weight: bold;")
        else:
            self.tb_status.setText(self.tr("试算不平衡"))
            self.tb_status.setStyleSheet(f"color: {WARN}; font-weight: bold;")

    def _on_tb_table_double_clicked(self, index) -> None:
        row = self.tb_model.row_at(index.row())
        if not row.code:
            return
        start, end = self.tb_range.range()
        if self._carries_dimension(row.code):
            self.show_aux_balance(row.code, start, end)
        else:
            self.show_ledger(row.code, start, end)

    def _carries_dimension(self, code: str | None) -> bool:
        try:
            return bool(code) and bool(self.books.aux.dimensions_of(code))
        except AssetDeskError:
            return False

    def _tb_selected_code(self) -> str | None:
        index = self.tb_table.currentIndex()
        return self.tb_model.row_at(index.row()).code or None if index.isValid() else None

    def _on_tb_current_row_changed(self, *_args) -> None:
        self.tb_aux_button.setEnabled(self._carries_dimension(self._tb_selected_code()))

    def _on_tb_aux_button_clicked(self) -> None:
        code = self._tb_selected_code()
        if code:
            self.show_aux_balance(code, *self.tb_range.range())

    def _on_tb_table_context_menu_requested(self, position) -> None:
        """Right-click an account: its 明细账, or (when it carries a 辅助核算) its 辅助余额表."""
        index = self.tb_table.indexAt(position)
        code = self.tb_model.row_at(index.row()).code if index.isValid() else ""
        if not code:
            return
        start, end = self.tb_range.range()
        menu = QMenu(self)
        menu.addAction(self.tr("明细账"), lambda: self.show_ledger(code, start, end))
        aux = menu.addAction(self.tr("辅助余额表"), lambda: self.show_aux_balance(code, start, end))
        aux.setEnabled(self._carries_dimension(code))
        self.tb_menu = menu  # kept for tests, which trigger its actions
        menu.popup(self.tb_table.viewport().mapToGlobal(position))

    # --- 明细账 -------------------------------------------------------------------------
    def _build_ledger_tab(self) -> QWidget:
        self.ledger_account = AccountEdit(self.books)
        self.ledger_account.setFixedWidth(320)
        self.ledger_account.committed.connect(self.load_ledger)
        self.ledger_range = _RangeBar(self, self.load_ledger)
        self.ledger_range.insertWidget(0, QLabel(self.tr("科目")))
        self.ledger_range.insertWidget(1, self.ledger_account)
        self.ledger_range.finish()
        self.ledger_aux_button = QPushButton(self.tr("辅助余额表"))
        self.ledger_aux_button.setToolTip(self.tr("本科目按往来单位（小区）的余额（科目设有辅助核算时）"))
        self.ledger_aux_button.setEnabled(False)
        self.ledger_aux_button.clicked.connect(
            lambda: self.show_aux_balance(self.ledger_account.code(), *self.ledger_range.range()))
        self.ledger_range.addWidget(self.ledger_aux_button)
        self.ledger_export_button = export_button(self.export_ledger)
        self.ledger_range.addWidget(self.ledger_export_button)
        self.ledger_title = QLabel()
        self.ledger_title.setStyleSheet("font-weight: bold;")
        self.ledger_model = EmphasisTableModel(ledger_columns(with_account=True), lambda e: e.kind in TOTAL_KINDS)
        self.ledger_table = _table(self.ledger_model)
        self.ledger_table.doubleClicked.connect(
            lambda index: self._open_entry(self.ledger_model.row_at(index.row())))
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(self.ledger_range)
        layout.addWidget(self.ledger_title)
        layout.addWidget(self.ledger_table, 1)
        return tab

    def show_ledger(self, code: str, start: Period, end: Period) -> None:
        """Drill-down target: the 明细账 of ``code`` for these months."""
        self.ledger_account.set_code(code)
        self.ledger_range.start.set_period(start)
        self.ledger_range.end.set_period(end)
        self._stale_tabs.discard(1)  # read once, below, not again by the tab switch
        self.tabs.setCurrentIndex(1)
        self.load_ledger()

    def load_ledger(self) -> None:
        code = self.ledger_account.code()
        if not code:
            return
        try:
            start, end = self.ledger_range.range()
            entries = self.books.ledger.account_ledger(code, start, end)
            account = self.books.accounts.get(code)
        except AssetDeskError as exc:
            self.show_error(exc)
            return
        self.ledger_title.setText(self.tr("{0} {1}　{2} 至 {3}　余额方向：{4}").format(
            account.code, account.full_name, start, end, account.normal_side))
        self.ledger_model.set_rows(entries)
        self.ledger_aux_button.setEnabled(self._carries_dimension(code))

    # --- 辅助余额表 / 辅助明细账 (ui/pages/books_aux.py) ------------------------------------------
    def show_aux_balance(self, code: str, start: Period, end: Period, dimension: str | None = None) -> None:
        """Drill-down target: the 辅助余额表 of ``code`` for these months."""
        index = self.tabs.indexOf(self.aux_balance_tab)
        self._stale_tabs.discard(index)
        self.tabs.setCurrentIndex(index)
        self.aux_balance_tab.show_account(code, start, end, dimension)

    def _on_aux_balance_tab_record_opened(self, record) -> None:
        tab = self.aux_balance_tab
        self.show_aux_ledger(tab.choice.code(), *tab.range.range(), record)

    def show_aux_ledger(self, code: str, start: Period, end: Period, record=None) -> None:
        """Drill-down target: the 辅助明细账 of ``record`` (an ``AuxRecord``; None: all) of ``code``."""
        index = self.tabs.indexOf(self.aux_ledger_tab)
        self._stale_tabs.discard(index)
        self.tabs.setCurrentIndex(index)
        self.aux_ledger_tab.show_record(code, start, end, record)

    # --- 日记账 -------------------------------------------------------------------------
    def _build_journal_tab(self, kind: str) -> QWidget:
        tab = QWidget()
        tab.kind = kind
        tab.range = _RangeBar(self, lambda: self.load_journal(tab))
        # a cashier keeps one 日记账 per bank account: choose it (shown when there are several)
        tab.account_combo = QComboBox()
        tab.account_combo.setMinimumWidth(220)
        tab.account_combo.setVisible(False)
        tab.account_label = QLabel(self.tr("账户"))
        tab.account_label.setVisible(False)
        tab.range.addWidget(tab.account_label)
        tab.range.addWidget(tab.account_combo)
        tab.range.finish()
        tab.export_button = export_button(lambda: self.export_journal(tab))
        tab.range.addWidget(tab.export_button)
        tab.model = EmphasisTableModel(ledger_columns(), lambda e: e.kind in TOTAL_KINDS)
        tab.table = _table(tab.model)
        tab.table.doubleClicked.connect(lambda index: self._open_entry(tab.model.row_at(index.row())))
        layout = QVBoxLayout(tab)
        layout.addLayout(tab.range)
        layout.addWidget(tab.table, 1)
        return tab

    def _fill_journal_accounts(self, tab, accounts) -> None:
        """The leaf accounts under 库存现金 / 银行存款; the choice survives a refresh."""
        root = "101" if tab.kind == "cash" else "102"
        chosen = tab.account_combo.currentData()
        leaves = [a for a in accounts if a.is_leaf and a.code.startswith(root)]
        tab.account_combo.blockSignals(True)
        tab.account_combo.clear()
        tab.account_combo.addItem(self.tr("全部账户（合计）"), None)
        for account in leaves:
            tab.account_combo.addItem(f"{account.code} {account.full_name}", account.code)
        tab.account_combo.setCurrentIndex(max(tab.account_combo.findData(chosen), 0) if chosen else 0)
        tab.account_combo.blockSignals(False)
        several = len(leaves) > 1
        tab.account_combo.setVisible(several)
        tab.account_label.setVisible(several)

    def journal_account(self, tab) -> str:
        """What the tab shows and prints: one account's code, or "cash" / "bank" for all of them."""
        return tab.account_combo.currentData() or tab.kind

    def load_journal(self, tab) -> None:
        try:
            start, end = tab.range.range()
            entries = self.books.ledger.journal(self.journal_account(tab), start, end)
        except AssetDeskError as exc:
            self.show_error(exc)
            return
        tab.model.set_rows(entries)

    # --- drill-down ---------------------------------------------------------------------
    def _open_entry(self, entry) -> None:
        if entry.voucher_id:
            self.open_voucher(entry.voucher_id)

    def open_voucher(self, voucher_id: int) -> VoucherDialog:
        dialog = VoucherDialog(self.books, self, voucher_id=voucher_id, read_only=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._dialogs.remove(d) if d in self._dialogs else None)
        self._dialogs.append(dialog)
        dialog.open()
        return dialog

    # --- 结账 ---------------------------------------------------------------------------
    def _build_close_tab(self) -> QWidget:
        self.periods_model = TableModel.in_memory([
            text_column("period", "会计期间", formatter=str),
            text_column("status", "状态", alignment=CENTER),
            text_column("closed_at", "结账时间",
                        formatter=lambda v: v.strftime("%Y-%m-%d %H:%M") if v else ""),
            text_column("closed_by", "结账人", stretch=True),
        ])
        self.periods_table = _table(self.periods_model)
        self.close_button = QPushButton(self.tr("结账"))
        self.close_button.setObjectName("primary")
        self.reopen_button = QPushButton(self.tr("反结账"))
        self.year_end_button = QPushButton(self.tr("年终结转"))
        self.year_end_button.setToolTip(self.tr("损益类科目结转到“本年收益”，再转入“收益分配—未分配收益”"))
        self.close_button.clicked.connect(self.close_selected)
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.year_end_button.clicked.connect(self.close_year)
        self.current_label = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.reopen_button)
        buttons.addWidget(self.year_end_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.current_label)
        buttons.addStretch(1)
        self.periods_export_button = export_button(self.export_periods)
        buttons.addWidget(self.periods_export_button)
        self.log_model = TableModel.in_memory([
            text_column("period", "会计期间", formatter=str),
            text_column("action", "操作", alignment=CENTER),
            text_column("reason", "原因", stretch=True),
            text_column("user", "操作人"),
            text_column("at", "时间", formatter=lambda v: v.strftime("%Y-%m-%d %H:%M") if v else ""),
        ])
        self.log_table = _table(self.log_model)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(buttons)
        layout.addWidget(self.periods_table, 2)
        log_bar = QHBoxLayout()
        log_bar.addWidget(QLabel(self.tr("结账日志")))
        log_bar.addStretch(1)
        self.log_export_button = export_button(self.export_close_log)
        log_bar.addWidget(self.log_export_button)
        layout.addLayout(log_bar)
        layout.addWidget(self.log_table, 1)
        return tab

    def load_periods(self) -> None:
        try:
            rows = self.books.periods.list_periods()
            log = self.books.periods.log()
            current = self.books.periods.current_period()
        except AssetDeskError as exc:
            self.show_error(exc)
            return
        self.periods_model.set_rows(rows)
        self.log_model.set_rows(list(reversed(log)))
        self.current_label.setText(self.tr("当前会计期间：{0}").format(current))
        self._select_period(current)

    def _select_period(self, period: Period) -> None:
        for number, row in enumerate(self.periods_model.rows()):
            if row.period == period:
                self.periods_table.selectRow(number)
                return

    def selected_period(self) -> Period | None:
        index = self.periods_table.currentIndex()
        if not index.isValid():
            return None
        return self.periods_model.row_at(index.row()).period

    def close_selected(self) -> None:
        period = self.selected_period() or self.books.periods.current_period()
        answer = QMessageBox.question(
            self, self.tr("结账"), self.tr("结账 {0}？结账后该月不能再记账（可反结账，需要填写原因）。").format(period),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            self.attempt(self.books.periods.close, period)

    def reopen_selected(self) -> None:
        period = self.selected_period()
        if period is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("反结账"),
                                          self.tr("反结账 {0} 的原因（记入结账日志）：").format(period))
        if ok:
            self.attempt(self.books.periods.reopen, period, reason)

    def close_year(self) -> None:
        """年终结转 of the selected (or current) period's year: the service posts the closing vouchers."""
        year = (self.selected_period() or self.books.periods.current_period()).year
        answer = QMessageBox.question(
            self, self.tr("年终结转"),
            self.tr("将 {0} 年损益类科目结转到“本年收益”，再转入“收益分配—未分配收益”，"
                    "生成日期为 {0}-12-31 的结转凭证。请在 12 月结账前进行。继续？").format(year),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        outcome = self.attempt(self.books.periods.close_year, year)
        if outcome:
            labels = "、".join(f"{v.period} {v.label}" for v in outcome.value) or self.tr("（损益类科目没有余额，无需结转）")
            QMessageBox.information(self, self.tr("年终结转"), self.tr("已生成结转凭证：{0}").format(labels))

    # --- 打印 / 导出 (the shell's Ctrl+P / Ctrl+E) ---------------------------------------------
    def _current_report(self) -> tuple[str, dict, object, str] | None:
        """(report name, options, model on screen, title) of the tab on screen; None on 结账."""
        index = self.tabs.currentIndex()
        if index == 0:
            first, last = self.tb_range.range()
            return "trial-balance", {"period": (first, last)}, self.tb_model, self.tr("科目余额表")
        if index == 1:
            first, last = self.ledger_range.range()
            return ("ledger", {"period": (first, last), "account": self.ledger_account.code() or None},
                    self.ledger_model, self.tr("明细账"))
        if index in (2, 3):
            tab = self.cash_tab if index == 2 else self.bank_tab
            first, last = tab.range.range()
            title = self.tr("现金日记账") if index == 2 else self.tr("银行存款日记账")
            return "journal", {"period": (first, last), "account": self.journal_account(tab)}, tab.model, title
        if self.tabs.widget(index) is self.aux_balance_tab:
            tab = self.aux_balance_tab
            options = {"period": tab.range.range(), "account": tab.choice.code(),
                       "dimension": tab.choice.dimension_key()}
            return "aux-balance", options, tab.model, self.tr("辅助余额表")
        if self.tabs.widget(index) is self.aux_ledger_tab:
            tab = self.aux_ledger_tab
            return ("aux-ledger", {"period": tab.range.range(), **tab.report_options()}, tab.model,
                    self.tr("辅助明细账"))
        return None

    def can(self, action: str) -> bool:
        if action == "print":
            return self._current_report() is not None
        return super().can(action)

    def on_print(self) -> None:
        """Preview (and from there print, save or export) the book on screen."""
        from ui.dialogs.report_preview_dialog import preview_report

        report = self._current_report()
        if report is not None:
            name, options, _model, _title = report
            preview_report(self, self.books, name, **options)

    def on_export(self) -> None:
        """导出Excel (Ctrl+E) of the table on screen, exactly as shown; on 结账, the close/reopen log."""
        exports = (self.export_trial_balance, self.export_ledger, lambda: self.export_journal(self.cash_tab),
                   lambda: self.export_journal(self.bank_tab), self.export_close_log, self.export_aux_balance,
                   self.export_aux_ledger)
        exports[self.tabs.currentIndex()]()

    @staticmethod
    def _span(first: Period | None, last: Period | None) -> str:
        if first is None or last is None:
            return ""
        return f"（{first}）" if first == last else f"（{first} 至 {last}）"

    def _export(self, title: str, model: TableModel):
        from ui.table_export import export_table_view

        return export_table_view(self, self.books, title, model)

    def export_trial_balance(self):
        """The 科目余额表 as shown: the months and 级次 queried, every row and the 合计 row."""
        return self._export(self.tr("科目余额表") + self._span(*self.tb_range.range()), self.tb_model)

    def export_ledger(self):
        """The 明细账 of the account and months on screen."""
        code = self.ledger_account.code() or ""
        return self._export(" ".join(part for part in (self.tr("明细账"), code) if part)
                            + self._span(*self.ledger_range.range()), self.ledger_model)

    def export_journal(self, tab):
        """The 现金日记账 / 银行存款日记账 of the account (or all of them) and months on screen."""
        title = self.tr("现金日记账") if tab is self.cash_tab else self.tr("银行存款日记账")
        account = tab.account_combo.currentData()
        return self._export(" ".join(part for part in (title, account or "") if part) + self._span(*tab.range.range()),
                            tab.model)

    def export_aux_balance(self):
        """The 辅助余额表 as shown: the account, its dimension, the months and the 合计 row."""
        return self._export(self.aux_balance_tab.export_title() + self._span(*self.aux_balance_tab.range.range()),
                            self.aux_balance_tab.model)

    def export_aux_ledger(self):
        """The 辅助明细账 of the account, record (or all of them) and months on screen."""
        return self._export(self.aux_ledger_tab.export_title() + self._span(*self.aux_ledger_tab.range.range()),
                            self.aux_ledger_tab.model)

    def export_periods(self):
        """The 会计期间 list with each month's 结账 status."""
        return self._export(self.tr("会计期间"), self.periods_model)

    def export_close_log(self):
        """The 结账 / 反结账 log, newest first as shown."""
        return self._export(self.tr("结账日志"), self.log_model)

    # --- refresh ------------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            periods = [row.period for row in self.books.periods.list_periods()]
            current = self.books.periods.current_period()
        except AssetDeskError:
            periods, current = [], None
        for bar in (self.tb_range, self.ledger_range, self.cash_tab.range, self.bank_tab.range,
                    self.aux_balance_tab.range, self.aux_ledger_tab.range):
            bar.set_periods(periods, current)
        self.aux_balance_tab.choice.fill()
        self.aux_ledger_tab.refill()  # its list of records is read when the tab is next loaded
        accounts = self.books.accounts.list_accounts()
        for tab in (self.cash_tab, self.bank_tab):
            self._fill_journal_accounts(tab, accounts)
        self._stale_tabs = set(range(self.tabs.count()))
        self._load_tab(self.tabs.currentIndex())

    def _load_tab(self, index: int) -> None:
        """Only the tab on screen is read; the others when they are opened (large books stay fast)."""
        if index not in getattr(self, "_stale_tabs", ()):
            return
        self._stale_tabs.discard(index)
        loaders = (self.load_trial_balance, self.load_ledger, lambda: self.load_journal(self.cash_tab),
                   lambda: self.load_journal(self.bank_tab), self.load_periods, self.aux_balance_tab.load,
                   self.aux_ledger_tab.load)
        loaders[index]()
