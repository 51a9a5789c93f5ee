"""``VoucherDialog``: typing, saving and posting one 记账凭证 (and showing a posted one, read-only).

    VoucherDialog(books, parent=None, voucher_id=None)   # None: a new voucher

What the clerk types is never lost: 保存草稿 goes through ``books.vouchers.save_draft``; when the clerk
stops typing for ``AUTOSAVE_MS`` the grid is also saved as a draft *if the service accepts it*
(incomplete and unbalanced lines are fine for a draft; the draft then appears in the 凭证 list after a
crash). A refusal is shown with ``show_error`` and the grid stays as typed. Closing with edits not
saved by the clerk asks 保存 / 不保存 / 取消; 不保存 also removes a draft only the autosave created.

A voucher's source, when it has one (an imported voucher renumbered: 导入（原凭证号 记-0004））, is shown
read-only as 来源 under the header, so the clerk can trace it back to paper.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTime, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AssetDeskError, InputError
from assetdesk.money import format_money, to_capital
from assetdesk.services.vouchers import VoucherInput, VoucherView
from ui.dialogs.error_dialog import show_error
from ui.theme import OK, WARN
from ui.widgets.date_edit import DateEdit
from ui.widgets.voucher_grid import SUMMARY, VoucherGrid


class VoucherDialog(QDialog):
    """One voucher (see module docstring). ``voucher_id`` is set once it has been saved."""

    AUTOSAVE_MS = 3000

    def __init__(self, books, parent: QWidget | None = None, voucher_id: int | None = None, read_only: bool = False):
        super().__init__(parent)
        self.books = books
        self.voucher_id: int | None = None
        self.view: VoucherView | None = None
        self._force_read_only = read_only
        self._saved_snapshot: tuple = ()
        self._autosaved_snapshot: tuple = ()
        self._saved_input: VoucherInput | None = None
        self._created_by_autosave = False
        self.read_only = read_only
        self.setWindowTitle(self.tr("记账凭证"))
        self.resize(980, 600)
        self._build()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(self.AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self._on_autosave_timer_timeout)
        if voucher_id is not None:
            self.load(voucher_id)
        else:
            self.new_voucher()

    # --- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("记 账 凭 证"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 18pt; font-weight: bold; color: #1f2d3d; letter-spacing: 4px;")

        self.date_edit = DateEdit(required=True)
        self.date_edit.setFixedWidth(150)
        self.number_label = QLabel()
        self.number_label.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.attachments_spin = QSpinBox()
        self.attachments_spin.setRange(0, 999)
        self.attachments_spin.setSuffix(self.tr(" 张"))
        self.status_label = QLabel()
        header = QHBoxLayout()
        header.addWidget(QLabel(self.tr("日期")))
        header.addWidget(self.date_edit)
        header.addSpacing(24)
        header.addWidget(QLabel(self.tr("凭证号")))
        header.addWidget(self.number_label)
        header.addStretch(1)
        header.addWidget(self.status_label)
        header.addSpacing(24)
        header.addWidget(QLabel(self.tr("附件")))
        header.addWidget(self.attachments_spin)

        # where a voucher came from (导入（原凭证号 记-0004）): traced back to paper, read-only
        self.source_label = QLabel()
        self.source_label.setObjectName("hint")
        self.source_label.setTextFormat(Qt.TextFormat.PlainText)
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source_label.hide()

        self.link_label = QLabel()
        self.link_label.setTextFormat(Qt.TextFormat.RichText)
        self.link_label.linkActivated.connect(self._on_link_label_link_activated)
        self.link_label.hide()

        self.grid = VoucherGrid(self.books)
        self.grid.changed.connect(self._on_edited)
        self.grid.totals_changed.connect(self._on_grid_totals_changed)
        self.date_edit.textChanged.connect(self._on_edited)
        self.attachments_spin.valueChanged.connect(self._on_edited)
        for widget in (self.date_edit, self.attachments_spin):
            widget.installEventFilter(self)

        self.capital_label = QLabel()
        self.capital_label.setStyleSheet("color: #3b4756;")
        self.debit_total = QLabel()
        self.credit_total = QLabel()
        for label in (self.debit_total, self.credit_total):
            label.setFixedWidth(140)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setStyleSheet("font-weight: bold; padding-right: 6px;")
        self.difference_label = QLabel()
        totals = QHBoxLayout()
        totals.addWidget(QLabel(self.tr("合计")))
        totals.addWidget(self.capital_label, 1)
        totals.addWidget(self.difference_label)
        totals.addSpacing(12)
        totals.addWidget(self.debit_total)
        totals.addWidget(self.credit_total)

        self.preparer_label = QLabel()
        self.autosave_label = QLabel()
        self.autosave_label.setObjectName("hint")
        keys = QLabel(self.tr("Enter 下一格　= 平衡金额　空格 借贷互换　- 红字　.. 复制上行摘要　// 复制首行摘要　F7 科目列表　F8 往来单位　F9 小区"))
        keys.setObjectName("hint")

        self.save_button = QPushButton(self.tr("保存草稿 Ctrl+S"))
        self.save_new_button = QPushButton(self.tr("保存并新增"))
        self.post_button = QPushButton(self.tr("过账"))
        self.post_button.setObjectName("primary")
        self.close_button = QPushButton(self.tr("关闭"))
        for button in (self.save_button, self.save_new_button, self.post_button, self.close_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.save_new_button.clicked.connect(self._on_save_new_button_clicked)
        self.post_button.clicked.connect(self._on_post_button_clicked)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, self._on_save_button_clicked)

        buttons = QHBoxLayout()
        buttons.addWidget(self.preparer_label)
        buttons.addSpacing(16)
        buttons.addWidget(self.autosave_label, 1)
        for button in (self.save_button, self.save_new_button, self.post_button, self.close_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addLayout(header)
        layout.addWidget(self.source_label)
        layout.addWidget(self.link_label)
        layout.addWidget(self.grid, 1)
        layout.addLayout(totals)
        layout.addWidget(keys)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.date_edit, self.attachments_spin)
        QWidget.setTabOrder(self.attachments_spin, self.grid.cell(0, SUMMARY))

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if watched is self.date_edit:
                self.date_edit.is_valid()
                self.grid.focus_cell(0, SUMMARY)
                return True
            if watched is self.attachments_spin:
                self.grid.focus_cell(0, SUMMARY)
                return True
        return super().eventFilter(watched, event)

    # --- loading ------------------------------------------------------------------------
    def new_voucher(self) -> None:
        """An empty voucher, dated like the last one typed (or today)."""
        keep_date = self.date_edit.text().strip()
        self.voucher_id, self.view = None, None
        self._saved_input, self._created_by_autosave = None, False
        if keep_date:
            self.date_edit.setText(keep_date)
            self.date_edit.is_valid()
        else:
            self.date_edit.set_date(self.books.ctx.today())
        self.attachments_spin.setValue(0)
        self.grid.clear_lines()
        self._set_read_only(self._force_read_only)
        self._mark_saved()
        self.autosave_label.setText("")
        self._show_header()
        self.grid.focus_cell(0, SUMMARY)

    def load(self, voucher_id: int) -> None:
        """Show a saved voucher; posted ones are read-only (corrected by 红字冲销, never edited)."""
        view = self.books.vouchers.get(voucher_id)
        self.voucher_id, self.view = view.id, view
        self.date_edit.set_date(view.date_on)
        self.attachments_spin.setValue(view.attachments)
        self.grid.set_lines(view.lines)
        self._set_read_only(self._force_read_only or view.is_posted)
        self._saved_input = None if view.is_posted else self._safe_input()
        self._created_by_autosave = False
        self._mark_saved()
        self._show_header()

    def _set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.grid.set_read_only(read_only)
        self.date_edit.setReadOnly(read_only)
        self.attachments_spin.setReadOnly(read_only)
        for button in (self.save_button, self.post_button):
            button.setEnabled(not read_only)
            button.setVisible(not read_only)
        self.save_new_button.setText(self.tr("新增凭证") if read_only else self.tr("保存并新增"))

    def _show_header(self) -> None:
        view = self.view
        if view is None:
            self.number_label.setText(self.tr("（过账后编号）"))
            self.status_label.setText(self.tr("新凭证"))
        else:
            number = f"{view.period} {view.label}" if view.number else self.tr("（过账后编号）")
            self.number_label.setText(number)
            self.status_label.setText(view.status)
        colour = OK if view is not None and view.is_posted else "#8a6d00"
        self.status_label.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.preparer_label.setText(self.tr("制单：{0}").format(view.preparer if view else self.books.user)
                                    + (self.tr("　审核：{0}").format(view.reviewer) if view and view.reviewer else ""))
        source = view.source if view is not None else ""
        self.source_label.setText(self.tr("来源：{0}").format(source) if source else "")
        self.source_label.setVisible(bool(source))
        links = []
        if view is not None and view.reverses_id:
            links.append(self.tr("冲销 <a href='{0}'>{1}</a>").format(view.reverses_id, view.reverses_label))
        if view is not None and view.reversed_by_id:
            links.append(self.tr("已被 <a href='{0}'>{1}</a> 冲销").format(view.reversed_by_id, view.reversed_by_label))
        self.link_label.setText("　".join(links))
        self.link_label.setVisible(bool(links))
        self.link_label.setStyleSheet(f"color: {WARN};")

    def _on_link_label_link_activated(self, link: str) -> None:
        if self._confirm_close():
            self.load(int(link))

    # --- totals -------------------------------------------------------------------------
    def _on_grid_totals_changed(self, debit: int, credit: int) -> None:
        self.debit_total.setText(format_money(debit))
        self.credit_total.setText(format_money(credit))
        self.capital_label.setText(to_capital(debit, prefix=True) if debit and debit == credit else "")
        if debit == credit:
            self.difference_label.setText(self.tr("借贷平衡"))
            self.difference_label.setStyleSheet(f"color: {OK}; font-weight: bold;")
        else:
            self.difference_label.setText(self.tr("借贷不平，差额 {0}").format(format_money(debit - credit)))
            self.difference_label.setStyleSheet(f"color: {WARN}; font-weight: bold;")
        colour = WARN if debit != credit else "#1f2d3d"
        for label in (self.debit_total, self.credit_total):
            label.setStyleSheet(f"font-weight: bold; padding-right: 6px; color: {colour};")

    # --- state --------------------------------------------------------------------------
    def snapshot(self) -> tuple:
        return (self.date_edit.text().strip(), self.attachments_spin.value(), self.grid.snapshot())

    def is_dirty(self) -> bool:
        """Edits the clerk has not saved (an autosave does not count as the clerk saving)."""
        return not self.read_only and self.snapshot() != self._saved_snapshot

    def _mark_saved(self) -> None:
        self._saved_snapshot = self._autosaved_snapshot = self.snapshot()

    def _on_edited(self, *_args) -> None:
        if not self.read_only and hasattr(self, "autosave_timer"):
            self.autosave_timer.start(self.AUTOSAVE_MS)

    def _build_input(self) -> VoucherInput:
        day = self.date_edit.date()
        if day is None:
            raise InputError(self.tr("请填写凭证日期"), self.tr("例如 2025-03-31"))
        source = self.view.source if self.view is not None else ""  # saving a draft keeps where it came from
        return VoucherInput(day, "", self.grid.lines(), self.attachments_spin.value(), preparer=self.books.user,
                            source=source)

    def _safe_input(self) -> VoucherInput | None:
        try:
            return self._build_input()
        except AssetDeskError:
            return None

    # --- actions ------------------------------------------------------------------------
    def save_draft(self) -> bool:
        """保存草稿 through the service; a refusal is shown and the grid keeps what was typed."""
        if self.read_only:
            return True
        self.autosave_timer.stop()
        try:
            item = self._build_input()
            view = self.books.vouchers.save_draft(item, self.voucher_id)
        except AssetDeskError as exc:
            show_error(self, exc)
            return False
        self.voucher_id, self.view = view.id, view
        self._saved_input, self._created_by_autosave = item, False
        self._mark_saved()
        self._show_header()
        self.autosave_label.setText(self.tr("已保存草稿"))
        return True

    def _on_save_button_clicked(self) -> None:
        self.save_draft()

    def _on_save_new_button_clicked(self) -> None:
        if self.read_only or self.save_draft():
            self._force_read_only = False
            self.new_voucher()

    def post(self) -> bool:
        """过账: save what is on screen, then post; the number appears and the voucher locks."""
        if self.read_only:
            return False
        if (self.voucher_id is None or self.is_dirty()) and not self.save_draft():
            return False
        try:
            view = self.books.vouchers.post(self.voucher_id)
        except AssetDeskError as exc:
            show_error(self, exc)
            return False
        self.load(view.id)
        self.autosave_label.setText(self.tr("已过账：{0} {1}").format(view.period, view.label))
        return True

    def _on_post_button_clicked(self) -> None:
        self.post()

    def _on_autosave_timer_timeout(self) -> None:
        """Keep a recovery draft when the service accepts what is typed; silent when it does not."""
        current = self.snapshot()
        if self.read_only or not current[2] or current in (self._autosaved_snapshot, self._saved_snapshot):
            return
        try:
            item = self._build_input()
            view = self.books.vouchers.save_draft(item, self.voucher_id)
        except AssetDeskError as exc:
            self.autosave_label.setText(self.tr("暂未自动保存：{0}").format(exc.message))
            return
        if self.voucher_id is None:
            self._created_by_autosave = True
        self.voucher_id, self.view = view.id, view
        self._autosaved_snapshot = current
        self._show_header()
        self.autosave_label.setText(self.tr("已自动保存草稿 {0}").format(QTime.currentTime().toString("HH:mm:ss")))

    # --- closing ------------------------------------------------------------------------
    def _confirm_close(self) -> bool:
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self, self.tr("凭证尚未保存"), self.tr("这张凭证有未保存的修改。是否保存为草稿？"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save_draft()
        if answer == QMessageBox.StandardButton.Discard:
            self._drop_unsaved()
            return True
        return False

    def _drop_unsaved(self) -> None:
        """不保存: undo what only the autosave wrote (a new recovery draft, or later edits to a draft)."""
        self.autosave_timer.stop()
        if self.voucher_id is None or self._autosaved_snapshot == self._saved_snapshot:
            return
        try:
            if self._created_by_autosave:
                self.books.vouchers.discard(self.voucher_id)
            elif self._saved_input is not None:
                self.books.vouchers.save_draft(self._saved_input, self.voucher_id)
        except AssetDeskError as exc:
            show_error(self, exc)

    def reject(self) -> None:
        if self._confirm_close():
            self.autosave_timer.stop()
            super().reject()
