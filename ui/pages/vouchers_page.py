"""凭证: the voucher list (paged, filtered and sorted in SQL) and what the clerk does with a voucher.

新建 (Ctrl+N) and 打开 (double-click / Enter) open ``VoucherDialog``; 过账, 红字冲销 (after a
confirmation) and 删除草稿 are one service call each. The panel under the list shows the selected
voucher's lines, its source when it has one (来源：导入（原凭证号 记-0004）) and its reversal link both
ways ("已被 2025-02 记-0001 冲销" / "冲销 2025-01 记-0001").
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AssetDeskError
from assetdesk.services.aux_labels import aux_label
from assetdesk.services.documents import kind_label
from assetdesk.services.vouchers import VoucherFilter
from ui.dialogs.voucher_dialog import VoucherDialog
from ui.models.table_model import CENTER, TableModel, date_column, money_column, number_column, text_column
from ui.pages.base import Page
from ui.table_export import export_button
from ui.theme import WARN
from ui.widgets.money_edit import MoneyEdit
from ui.widgets.period_picker import PeriodPicker

STATUS_CHOICES = (("全部", None), ("草稿", "draft"), ("已过账", "posted"))


def _source_tip(row) -> str | None:
    """Where a voucher came from (an import keeps the paper number there), on the 凭证号 cell."""
    return QCoreApplication.translate("VouchersPage", "来源：{0}").format(row.source) if row.source else None


def voucher_columns() -> list:
    return [
        text_column("period", "期间", sort_key="period", width=80),
        text_column("label", "凭证号", sort_key="number", width=90,
                    tooltip=_source_tip),
        date_column("date_on", "日期", sort_key="date", width=100),
        text_column("summary", "摘要", sort_key="summary", stretch=True),
        money_column("debit_fen", "金额", sort_key="debit", width=130),
        number_column("attachments", "附件", sort_key="", width=56),
        text_column("preparer", "制单人", sort_key="", width=80),
        text_column("status", "状态", sort_key="status", width=70, alignment=CENTER),
        text_column("is_reversal", "冲销", sort_key="", width=80, alignment=CENTER,
                    formatter=lambda v: "红字冲销" if v else ""),
    ]


def line_columns() -> list:
    return [
        number_column("seq", "行", sort_key="", width=40),
        text_column("summary", "摘要", width=260),
        text_column("account", "会计科目", stretch=True, value=aux_label),  # 112 应收款—普洱茶源商贸有限公司
        money_column("debit_fen", "借方金额", width=130),
        money_column("credit_fen", "贷方金额", width=130),
    ]


class VouchersPage(Page):
    title = "凭证"
    icon = "vouchers"
    order = 20

    def __init__(self, books, bridge, parent: QWidget | None = None):
        super().__init__(books, bridge, parent)
        self._dialogs: list[VoucherDialog] = []
        layout = self.page_layout()
        layout.addLayout(self._build_filter_bar())
        layout.addLayout(self._build_buttons())

        self.model = TableModel.paged(
            voucher_columns(),
            fetch=lambda offset, limit, order, descending, flt: self.books.vouchers.list_vouchers(
                flt, order_by=order or "number", descending=descending, offset=offset, limit=limit),
            count=self.books.vouchers.count_vouchers,
            filter=VoucherFilter(), load=False, page_size=200)
        self.model.load_failed.connect(self.show_error)
        self.model.reloaded.connect(self._on_model_reloaded)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setWordWrap(False)
        self.model.apply_column_widths(self.table)
        header = self.table.horizontalHeader()
        header.setSortIndicator(self.model.column_index("label"), Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.activated.connect(self._on_table_double_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

        self.detail_title = QLabel()
        self.detail_title.setStyleSheet("font-weight: bold;")
        self.detail_source = QLabel()  # 来源：导入（原凭证号 记-0004）, back to paper
        self.detail_source.setObjectName("hint")
        self.detail_source.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.link_label = QLabel()
        self.link_label.setTextFormat(Qt.TextFormat.RichText)
        self.link_label.setStyleSheet(f"color: {WARN};")
        self.link_label.linkActivated.connect(self._on_link_label_link_activated)
        self.lines_model = TableModel.in_memory(line_columns())
        self.lines_table = QTableView()
        self.lines_table.setModel(self.lines_model)
        self.lines_table.verticalHeader().setVisible(False)
        self.lines_table.setAlternatingRowColors(True)
        self.lines_model.apply_column_widths(self.lines_table)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 6, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.detail_title)
        top.addSpacing(16)
        top.addWidget(self.detail_source)
        top.addStretch(1)
        top.addWidget(self.link_label)
        detail_layout.addLayout(top)
        detail_layout.addWidget(self.lines_table)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        layout.addWidget(self.count_label)

        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(300)
        self._text_timer.timeout.connect(self.apply_filter)
        self.refresh_on("voucher_saved", "voucher_posted", "documents_posted", "voucher_reversed", "voucher_discarded",
                        "period_closed", "period_reopened", "database_restored", "data_imported", "accounts_changed")
        self.table.setSortingEnabled(True)  # loads the first page, newest first

    # --- layout -------------------------------------------------------------------------
    def _build_filter_bar(self) -> QHBoxLayout:
        self.period_picker = PeriodPicker()
        self.all_periods = QCheckBox(self.tr("全部期间"))
        self.all_periods.setChecked(True)
        self.period_picker.setEnabled(False)
        self._load_periods()
        self.status_combo = QComboBox()
        for text, value in STATUS_CHOICES:
            self.status_combo.addItem(self.tr(text), value)
        self.account_edit = QLineEdit()
        self.account_edit.setPlaceholderText(self.tr("科目编码"))
        self.account_edit.setFixedWidth(100)
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(self.tr("摘要包含…"))
        self.text_edit.setClearButtonEnabled(True)
        self.amount_edit = MoneyEdit()
        self.amount_edit.setPlaceholderText(self.tr("金额"))
        self.amount_edit.setFixedWidth(120)

        self.all_periods.toggled.connect(self._on_all_periods_toggled)
        self.period_picker.period_changed.connect(lambda _p: self.apply_filter())
        self.status_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.account_edit.editingFinished.connect(self.apply_filter)
        self.text_edit.textChanged.connect(lambda _t: self._text_timer.start())
        self.text_edit.returnPressed.connect(self.apply_filter)
        self.amount_edit.value_changed.connect(lambda _v: self.apply_filter())

        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(QLabel(self.tr("期间")))
        bar.addWidget(self.period_picker)
        bar.addWidget(self.all_periods)
        bar.addSpacing(8)
        bar.addWidget(QLabel(self.tr("状态")))
        bar.addWidget(self.status_combo)
        bar.addSpacing(8)
        bar.addWidget(QLabel(self.tr("科目")))
        bar.addWidget(self.account_edit)
        bar.addWidget(QLabel(self.tr("金额")))
        bar.addWidget(self.amount_edit)
        bar.addWidget(self.text_edit, 1)
        return bar

    def _build_buttons(self) -> QHBoxLayout:
        self.new_button = QPushButton(self.tr("新建 Ctrl+N"))
        self.new_button.setObjectName("primary")
        self.open_button = QPushButton(self.tr("打开"))
        self.post_button = QPushButton(self.tr("过账"))
        self.reverse_button = QPushButton(self.tr("红字冲销"))
        self.discard_button = QPushButton(self.tr("删除草稿"))
        self.new_button.clicked.connect(self.on_new)
        self.open_button.clicked.connect(self.open_selected)
        self.post_button.clicked.connect(self.post_selected)
        self.reverse_button.clicked.connect(self.reverse_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.export_button = export_button(self.on_export)
        bar = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.post_button, self.reverse_button, self.discard_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        return bar

    def _load_periods(self) -> None:
        try:
            periods = [row.period for row in self.books.periods.list_periods()]
        except AssetDeskError:
            periods = []
        self.period_picker.set_periods(periods)
        if periods and self.period_picker.period() is None:
            self.period_picker.set_period(self.books.periods.current_period())

    # --- filtering ----------------------------------------------------------------------
    def current_filter(self) -> VoucherFilter:
        period = None if self.all_periods.isChecked() else self.period_picker.period()
        try:
            amount = self.amount_edit.fen()
        except AssetDeskError:
            amount = None
        return VoucherFilter(period=period, text=self.text_edit.text().strip(),
                             account_code=self.account_edit.text().strip(), amount_fen=amount,
                             status=self.status_combo.currentData())

    def apply_filter(self) -> None:
        self._text_timer.stop()
        try:
            flt = self.current_filter()
        except AssetDeskError as exc:
            self.show_error(exc)
            return
        if flt != self.model.filter:
            self.model.set_filter(flt)

    def _on_all_periods_toggled(self, checked: bool) -> None:
        self.period_picker.setEnabled(not checked)
        self.apply_filter()

    def refresh(self) -> None:
        selected = self.selected_id()
        self._load_periods()
        self.model.reload()
        if selected is not None:
            self.select_voucher(selected)

    def _on_model_reloaded(self) -> None:
        self.count_label.setText(self.tr("共 {0} 张凭证").format(self.model.total_count()))
        self._show_detail()
        self._update_buttons()

    # --- selection ----------------------------------------------------------------------
    def selected_row(self):
        index = self.table.selectionModel().currentIndex() if self.table.selectionModel() else None
        if index is None or not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row else None

    def select_voucher(self, voucher_id: int) -> bool:
        """Make the voucher current if it is among the loaded rows."""
        for number, row in enumerate(self.model.rows()):
            if row.id == voucher_id:
                index = self.model.index(number, 0)
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                return True
        return False

    def _on_current_row_changed(self, *_args) -> None:
        self._show_detail()
        self._update_buttons()

    def _show_detail(self) -> None:
        row = self.selected_row()
        if row is None:
            self.detail_title.setText(self.tr("选择一张凭证查看分录"))
            self.detail_source.setText("")
            self.link_label.setText("")
            self.lines_model.set_rows([])
            return
        try:
            view = self.books.vouchers.get(row.id)
        except AssetDeskError:
            self.lines_model.set_rows([])
            return
        self.detail_view = view
        self.detail_title.setText(f"{view.period} {view.label}　{view.date_on:%Y-%m-%d}　{view.summary}")
        source = self.tr("来源：{0}").format(view.source) if view.source else ""
        if view.document_kind:  # the business document it posts (its source names the same kind)
            source = self.tr("来源：{0} {1}").format(kind_label(view.document_kind), view.document_id)
        self.detail_source.setText(source)
        self.link_label.setText(self.reversal_text(view))
        self.lines_model.set_rows(view.lines)

    def reversal_text(self, view) -> str:
        """Both directions of the 红字冲销 link, as clickable rich text."""
        parts = []
        if view.reversed_by_id:
            parts.append(self.tr("已被 <a href='{0}'>{1}</a> 冲销").format(view.reversed_by_id, view.reversed_by_label))
        if view.reverses_id:
            parts.append(self.tr("冲销 <a href='{0}'>{1}</a>").format(view.reverses_id, view.reverses_label))
        return "　".join(parts)

    def _on_link_label_link_activated(self, link: str) -> None:
        self.open_voucher(int(link))

    def _update_buttons(self) -> None:
        row = self.selected_row()
        draft = row is not None and row.number is None
        self.open_button.setEnabled(row is not None)
        self.post_button.setEnabled(draft)
        self.discard_button.setEnabled(draft)
        self.reverse_button.setEnabled(row is not None and not draft and not row.is_reversal)
        self.actions_changed.emit()

    # --- actions ------------------------------------------------------------------------
    def on_new(self) -> None:
        self.open_voucher(None)

    def on_print(self) -> None:
        """记账凭证 of the period filtered (or the current period), two to an A4 page."""
        from ui.dialogs.report_preview_dialog import preview_report

        period = self.current_filter().period or self.books.periods.current_period()
        preview_report(self, self.books, "vouchers", period=period)

    def on_export(self):
        """导出Excel (the button or Ctrl+E) of the voucher list as filtered and sorted on screen:
        every matching voucher, not only the rows loaded so far; the title names the period."""
        from ui.table_export import export_table_view

        period = self.model.filter.period if self.model.filter is not None else None
        title = self.tr("凭证列表") + (f"（{period}）" if period else "")
        return export_table_view(self, self.books, title, self.model)

    def on_find(self) -> None:
        self.text_edit.setFocus()
        self.text_edit.selectAll()

    def open_voucher(self, voucher_id: int | None) -> VoucherDialog:
        """Open (or start) a voucher in its own window; the list refreshes through the bridge."""
        dialog = VoucherDialog(self.books, self, voucher_id=voucher_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._dialogs.remove(d) if d in self._dialogs else None)
        self._dialogs.append(dialog)
        dialog.open()
        return dialog

    def open_selected(self) -> None:
        voucher_id = self.selected_id()
        if voucher_id is not None:
            self.open_voucher(voucher_id)

    def _on_table_double_clicked(self, index) -> None:
        if index.isValid():
            self.open_voucher(self.model.row_at(index.row()).id)

    def post_selected(self) -> None:
        voucher_id = self.selected_id()
        if voucher_id is not None:
            self.attempt(self.books.vouchers.post, voucher_id)  # the bridge's voucher_posted refreshes

    def reverse_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self, self.tr("红字冲销"),
            self.tr("将为 {0} {1}（{2}）生成一张红字冲销凭证，金额全部取负数并立即过账。\n确定冲销吗？")
            .format(row.period, row.label, row.summary),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.attempt(self.books.vouchers.reverse, row.id)

    def discard_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self, self.tr("删除草稿"), self.tr("删除凭证草稿“{0}”？删除后不能恢复。").format(row.summary),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.attempt(self.books.vouchers.discard, row.id)
