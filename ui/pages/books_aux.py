"""账簿报表 › 辅助余额表 and 辅助明细账: an account's sub-ledger by 往来单位 or 小区 (``books.aux``).

The 辅助余额表 tab lists one row per record (and the （未指定往来单位） row) with a 合计 row equal to
the account's line in the 科目余额表; double-clicking a row opens that record's 辅助明细账 in the
next tab, whose lines open their voucher. Nothing is computed here: each tab turns the clerk's
choice (科目, 辅助核算, 期间, 往来单位) into one service call and shows what comes back.

``BooksPage`` builds both tabs (importing this module when it does, so the two modules need no
import cycle); the tabs use its range bar, bold-row model and fitted table so the books read alike.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QPushButton, QVBoxLayout, QWidget

from assetdesk.dimensions import BY_KEY
from assetdesk.errors import AssetDeskError
from assetdesk.services.aux_ledger import AuxRecord
from assetdesk.services.ledger import LedgerEntry
from ui.models.table_model import CENTER, money_column, text_column
from ui.pages.books_page import TOTAL_KINDS, EmphasisTableModel, _RangeBar, _table, ledger_columns
from ui.table_export import export_button

CODE_HEADERS = {"counterparty": "证件号码", "compound": "小区编码"}


def aux_balance_columns() -> list:
    amount = dict(blank_zero=True)
    return [
        text_column("code", "编码"),
        text_column("name", "核算项目", stretch=True),
        text_column("opening_direction", "期初方向", alignment=CENTER),
        money_column("opening_amount_fen", "期初余额"),
        money_column("debit_fen", "本期借方", **amount),
        money_column("credit_fen", "本期贷方", **amount),
        money_column("ytd_debit_fen", "本年累计借方", **amount),
        money_column("ytd_credit_fen", "本年累计贷方", **amount),
        text_column("closing_direction", "期末方向", alignment=CENTER),
        money_column("closing_amount_fen", "期末余额"),
    ]


@dataclass(frozen=True)
class AuxLedgerLine:
    """One row of the 辅助明细账 on screen: a ``LedgerEntry`` and the record it belongs to."""

    record: str
    entry: LedgerEntry

    def __getattr__(self, name: str) -> Any:
        return getattr(self.entry, name)


class AuxTableModel(EmphasisTableModel):
    """Bold totals, and the record's columns headed for the dimension read (证件号码 / 往来单位 for
    往来单位, 小区编码 / 小区 for 小区) on screen and in 导出Excel."""

    def __init__(self, columns, bold, code_column: int | None, name_column: int):
        super().__init__(columns, bold)
        self._record_columns = (code_column, name_column)
        self._record_headers: dict[int, str] = {}

    def set_dimension(self, dimension) -> None:
        code_column, name_column = self._record_columns
        self._record_headers = {name_column: dimension.label} if dimension else {}
        if dimension and code_column is not None:
            self._record_headers[code_column] = CODE_HEADERS.get(dimension.key, "编码")
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 (Qt's name)
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and section in self._record_headers):
            return QCoreApplication.translate("TableModel", self._record_headers[section])
        return super().headerData(section, orientation, role)


class _AccountChoice:
    """科目 and 辅助核算 combos of a tab: the accounts that carry a dimension, and its dimensions."""

    def __init__(self, books: Any, on_change):
        self.books = books
        self.account = QComboBox()
        self.account.setMinimumWidth(170)
        self.dimension = QComboBox()
        self.account.currentIndexChanged.connect(lambda _i: (self._fill_dimensions(), on_change()))
        self.dimension.currentIndexChanged.connect(lambda _i: on_change())

    def fill(self) -> None:
        """Offer the accounts carrying a dimension; the choice survives a refresh."""
        chosen = self.account.currentData()
        names = {a.code: a.full_name for a in self.books.accounts.list_accounts()}
        self.account.blockSignals(True)
        self.account.clear()
        for code in self.books.aux.carrying_accounts():
            self.account.addItem(f"{code} {names.get(code, '')}", code)
        self.account.setCurrentIndex(max(self.account.findData(chosen), 0))
        self.account.blockSignals(False)
        self._fill_dimensions()

    def _fill_dimensions(self) -> None:
        chosen = self.dimension.currentData()
        self.dimension.blockSignals(True)
        self.dimension.clear()
        code = self.account.currentData()
        for dim in self.books.aux.dimensions_of(code) if code else ():
            self.dimension.addItem(dim.label, dim.key)
        self.dimension.setCurrentIndex(max(self.dimension.findData(chosen), 0))
        self.dimension.blockSignals(False)

    def set(self, code: str, dimension_key: str | None = None) -> None:
        """Show ``code`` read by ``dimension_key`` (a drill-down), without loading."""
        index = self.account.findData(code)
        if index < 0:  # not offered (no dimension of its own): shown anyway, read by the given dimension
            self.account.addItem(code, code)
            index = self.account.count() - 1
        self.account.blockSignals(True)
        self.account.setCurrentIndex(index)
        self.account.blockSignals(False)
        self._fill_dimensions()
        if dimension_key:
            self.dimension.blockSignals(True)  # the caller loads once, after the range is set too
            if self.dimension.findData(dimension_key) < 0:
                self.dimension.addItem(BY_KEY[dimension_key].label, dimension_key)
            self.dimension.setCurrentIndex(self.dimension.findData(dimension_key))
            self.dimension.blockSignals(False)

    def code(self) -> str | None:
        return self.account.currentData()

    def dimension_key(self) -> str | None:
        return self.dimension.currentData()


class AuxBalanceTab(QWidget):
    """辅助余额表 of one account. ``record_opened(AuxRecord)`` on a double-click (or 辅助明细账)."""

    record_opened = Signal(object)

    def __init__(self, page):
        super().__init__()
        self.books = page.books
        self.page = page
        self.balance = None
        self.choice = _AccountChoice(self.books, self.load)
        self.range = _RangeBar(page, self.load)
        for position, widget in enumerate((QLabel(self.tr("科目")), self.choice.account, QLabel(self.tr("辅助核算")),
                                           self.choice.dimension)):
            self.range.insertWidget(position, widget)
        self.range.finish()
        self.ledger_button = QPushButton(self.tr("辅助明细账"))
        self.ledger_button.setToolTip(self.tr("查看所选往来单位（小区）的辅助明细账"))
        self.ledger_button.clicked.connect(self.open_selected)
        self.export_button = export_button(page.export_aux_balance)
        self.range.addWidget(self.ledger_button)
        self.range.addWidget(self.export_button)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.model = AuxTableModel(aux_balance_columns(), lambda r: self.balance is not None and r is self.balance.totals,
                                   code_column=0, name_column=1)
        self.table = _table(self.model)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        hint = QLabel(self.tr("双击一行查看该往来单位（小区）的辅助明细账；合计与科目余额表中该科目的金额一致"))
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addLayout(self.range)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)

    def show_account(self, code: str, start, end, dimension_key: str | None = None) -> None:
        """Drill-down target: the 辅助余额表 of ``code`` for these months."""
        self.choice.set(code, dimension_key)
        self.range.start.set_period(start)
        self.range.end.set_period(end)
        self.load()

    def load(self) -> None:
        code = self.choice.code()
        if not code:
            self.title.setText(self.tr("科目表中没有设置辅助核算的科目（在“设置”中为科目设置辅助核算）"))
            self.model.set_rows([])
            return
        try:
            start, end = self.range.range()
            balance = self.books.aux.balance(code, start, end, self.choice.dimension_key())
        except AssetDeskError as exc:
            self.page.show_error(exc)
            return
        self.balance = balance
        self.model.set_dimension(balance.dimension)
        self.title.setText(self.tr("{0}　{1} 至 {2}").format(balance.heading.removeprefix("科目："), start, end))
        self.model.set_rows(list(balance.rows) + [balance.totals])

    def export_title(self) -> str:
        return " ".join(part for part in (self.tr("辅助余额表"), self.choice.code() or "",
                                          self.choice.dimension.currentText()) if part)

    def open_row(self, row: int) -> None:
        if self.balance is None or not 0 <= row < self.model.rowCount():
            return
        line = self.model.row_at(row)
        if line is not self.balance.totals:
            self.record_opened.emit(line.record)

    def open_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_row(index.row())


class AuxLedgerTab(QWidget):
    """辅助明细账 of one account: of one record, or every record with a balance or postings."""

    def __init__(self, page):
        super().__init__()
        self.books = page.books
        self.page = page
        self._records_stale = True
        self.choice = _AccountChoice(self.books, lambda: (self._fill_records(), self.load()))
        self.record = QComboBox()
        self.record.setMinimumWidth(240)
        self.record.setEditable(True)  # type part of a name: a community has hundreds of tenants
        self.record.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.record.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.record.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.record.activated.connect(lambda _index: self.load())  # picked from the list: shown at once
        self.range = _RangeBar(page, self.load)
        for position, widget in enumerate((QLabel(self.tr("科目")), self.choice.account, QLabel(self.tr("辅助核算")),
                                           self.choice.dimension, self.record)):
            self.range.insertWidget(position, widget)
        self.range.finish()
        self.export_button = export_button(page.export_aux_ledger)
        self.range.addWidget(self.export_button)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        columns = ledger_columns(with_account=True)
        columns.insert(0, text_column("record", "核算项目"))
        self.model = AuxTableModel(columns, lambda line: line.kind in TOTAL_KINDS, code_column=None, name_column=0)
        self.table = _table(self.model)
        self.table.doubleClicked.connect(lambda index: page._open_entry(self.model.row_at(index.row())))
        layout = QVBoxLayout(self)
        layout.addLayout(self.range)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)

    def _fill_records(self) -> None:
        """全部 and the records of the account's 辅助余额表 for the months chosen; a record chosen
        before stays chosen (and listed) even when it has nothing in these months."""
        chosen = self.chosen_record()
        self.record.blockSignals(True)
        self.record.clear()
        self.record.addItem(self.tr("全部往来单位（小区）"), None)
        code, key = self.choice.code(), self.choice.dimension_key()
        try:
            start, end = self.range.range()
            rows = self.books.aux.balance(code, start, end, key).rows if code else ()
        except AssetDeskError:
            rows = ()
        for row in rows:
            self.record.addItem(_record_text(row.record), row.record)
        if chosen is not None and chosen.dimension == key:
            index = self._record_index(chosen)
            if index < 0:
                self.record.addItem(_record_text(chosen), chosen)
                index = self.record.count() - 1
            self.record.setCurrentIndex(index)
        self.record.blockSignals(False)
        self.record.lineEdit().setCursorPosition(0)  # a long name reads from its start
        self._records_stale = False

    def _record_index(self, record: AuxRecord) -> int:
        for index in range(1, self.record.count()):
            item = self.record.itemData(index)
            if item is not None and (item.dimension, item.id) == (record.dimension, record.id):
                return index
        return -1

    def chosen_record(self) -> AuxRecord | None:
        """The record whose name is in the box (typed part of a name: the first it matches); None
        for 全部 or an empty box."""
        text = self.record.currentText().strip()
        if not text:
            return None
        index = self.record.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            index = self.record.findText(text, Qt.MatchFlag.MatchContains)
        return self.record.itemData(index) if index > 0 else None

    def show_record(self, code: str, start, end, record: AuxRecord | None) -> None:
        """Drill-down target: the 辅助明细账 of ``record`` (None: every record) of ``code``."""
        self.choice.set(code, record.dimension if record else None)
        self.range.start.set_period(start)
        self.range.end.set_period(end)
        self._fill_records()
        if record is not None:
            index = self._record_index(record)
            if index < 0:
                self.record.addItem(_record_text(record), record)
                index = self.record.count() - 1
            self.record.setCurrentIndex(index)
            self.record.lineEdit().setCursorPosition(0)
        self.load()

    def refill(self) -> None:
        """After a change in the books: the accounts now, the records when the tab is next loaded."""
        self.choice.fill()
        self._records_stale = True

    def load(self) -> None:
        code = self.choice.code()
        if not code:
            self.title.setText(self.tr("科目表中没有设置辅助核算的科目（在“设置”中为科目设置辅助核算）"))
            self.model.set_rows([])
            return
        if self._records_stale:
            self._fill_records()
        record = self.chosen_record()
        try:
            start, end = self.range.range()
            sections = self.books.aux.ledger(code, start, end, dimension=self.choice.dimension_key(),
                                             record=record)
            name = self.books.accounts.get(code).full_name
        except AssetDeskError as exc:
            self.page.show_error(exc)
            return
        self.model.set_dimension(sections[0].dimension if sections else None)
        who = record.name if record else self.tr("全部")
        self.title.setText(self.tr("{0} {1}　{2}：{3}　{4} 至 {5}").format(
            code, name, self.choice.dimension.currentText(), who, start, end))
        self.model.set_rows([AuxLedgerLine(s.record.name, entry) for s in sections for entry in s.entries])

    def export_title(self) -> str:
        record = self.chosen_record()
        return " ".join(part for part in (self.tr("辅助明细账"), self.choice.code() or "", record.name if record else "")
                        if part)

    def report_options(self) -> dict:
        """What 打印 / 导出Excel of this tab print: the account, dimension and record on screen."""
        record = self.chosen_record()
        options = {"account": self.choice.code(), "dimension": self.choice.dimension_key()}
        if record is not None:
            options[record.dimension] = record
        return options


def _record_text(record: AuxRecord) -> str:
    return f"{record.name}（{record.code}）" if record.code else record.name
