"""导入向导: the two-step Excel import of DOMAIN §8, for the clerk.

``ImportWizard(books, parent=None, kind=None)`` — ``kind`` a name of ``assetdesk.excel.KINDS``
("accounts", "opening-balances", "counterparties", "compounds", "vouchers") or None to choose.

1. 选择文件: what to import (the kinds' Chinese titles), the workbook, and 下载模板 (a blank
   template with an example row, ``write_template``).
2. 检查: ``import_file(..., dry_run=True)`` in the background worker; the summary (新增 / 修改 /
   未变), every change with its 工作表 and 行 (a voucher's first to last line), and every error
   (工作表, 行 — blank for a whole-sheet refusal, 列, 值, 原因) with 导出错误报告
   (``write_error_report``); sheets of the workbook left out are named with why (未导入的工作表),
   and so are other kinds' tables further down a sheet that is read (未导入的表格).
   导入 stays disabled while there is any error: nothing is written, so the headline then says
   "发现 n 处错误，未导入任何数据", never "新增 n"; records with an error are listed as 有错误
   (red), and the counts of the others are given for after the file is corrected.
3. 完成: ``commit_preview(...)`` commits the checked rows all or nothing in the worker (re-checked
   against the books; a file saved again since the check is checked anew and shown, not imported),
   then the result. The
   service publishes ``data_imported``; the wizard publishes nothing itself.

A file refused before reading (a renamed text file, an encrypted workbook, a zip bomb:
``ImportFileError``) shows its Chinese message through ``show_error``; the wizard stays open on
step 1 so the clerk can choose another file.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AssetDeskError, ImportFileError
from assetdesk.excel import (
    KINDS,
    ImportFileChangedError,
    ImportRejectedError,
    commit_preview,
    import_file,
    sheet_names,
    write_error_report,
    write_template,
)
from ui.dialogs.error_dialog import show_error
from ui.models.table_model import RIGHT, TableModel, number_column, text_column
from ui.theme import WARN

OPEN_FILTER = "Excel 工作簿 (*.xlsx *.xlsm *.xls *.csv *.txt);;所有文件 (*)"
STATUS_TEXT = {"new": QT_TRANSLATE_NOOP("ImportWizard", "新增"), "changed": QT_TRANSLATE_NOOP("ImportWizard", "修改"),
               "unchanged": QT_TRANSLATE_NOOP("ImportWizard", "未变"), "error": QT_TRANSLATE_NOOP("ImportWizard", "有错误")}
STEP_NAMES = ("选择文件", "检查数据", "完成")


def _error_row(row: int | None) -> str:
    """A whole-sheet refusal (试算不平衡) is a RowError of row 0: no row to point at, a blank cell."""
    return str(row) if row else ""


def error_columns():
    return [
        text_column("sheet", "工作表", width=110),
        number_column("row", "行", width=56, formatter=_error_row),
        text_column("column", "列", width=140),
        text_column("value", "值", width=130, tooltip=lambda error: error.value),
        text_column("reason", "原因", stretch=True, tooltip=lambda error: error.reason),
    ]


@dataclass(frozen=True)
class ChangeLine:
    """One change as listed: the record's key, what changes, and where it is in the sheet.

    ``rows`` is (first, last) sheet row of the record: one row for most kinds, a voucher's first
    and last line for vouchers; None when the record cannot be placed. ``status`` is the core's
    "new" / "changed" / "unchanged", or "error" when a row of the record has an error (it will
    not be imported as it stands)."""

    status: str
    key: str
    detail: str
    sheet: str = ""
    rows: tuple[int, int] | None = None

    @property
    def row(self) -> int | None:
        return self.rows[0] if self.rows else None


def _record_rows(preview: Any) -> list[list[Any]] | None:
    """The sheet rows behind each change, in the core's order: one row each when the kind
    classifies row by row, a voucher's lines when it classifies by voucher (the kind's own
    ``group``, the grouping its ``classify`` uses); None when they cannot be matched."""
    if len(preview.changes) == len(preview.rows):
        return [[row] for row in preview.rows]
    group = getattr(preview.kind, "group", None)
    if group is None:
        return None
    groups = list(group(preview.rows).values())
    return groups if len(groups) == len(preview.changes) else None


def change_lines(preview: Any) -> list[ChangeLine]:
    """Changes with their sheet and rows; a record with a row in error is marked "error"."""
    records = _record_rows(preview)
    if records is None:
        return [ChangeLine(change.status, change.key, change.detail) for change in preview.changes]
    bad = {(error.sheet, error.row) for error in preview.errors}
    lines = []
    for change, rows in zip(preview.changes, records):
        status = "error" if any((row.sheet, row.row) in bad for row in rows) else change.status
        numbers = [row.row for row in rows]
        lines.append(ChangeLine(status, change.key, change.detail, rows[0].sheet if rows else "",
                                (min(numbers), max(numbers)) if numbers else None))
    return lines


def _row_span(rows: tuple[int, int]) -> str:
    first, last = rows
    return str(first) if first == last else f"{first}–{last}"


def change_columns():
    return [
        text_column("status", "状态", formatter=lambda s: QCoreApplication.translate("ImportWizard", STATUS_TEXT.get(s, s)),
                    width=64),
        text_column("sheet", "工作表", width=110),
        text_column("rows", "行", width=72, alignment=RIGHT, formatter=_row_span),
        text_column("key", "记录", width=220),
        text_column("detail", "变化", stretch=True, tooltip=lambda change: change.detail),
    ]


class ChangesTableModel(TableModel):
    """The change list: a record with a row in error is painted red."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and self.row_at(index.row()).status == "error":
            return QBrush(QColor(WARN))
        return super().data(index, role)


class ImportWizard(QDialog):
    """See the module docstring. ``step`` is 1, 2 or 3; ``preview`` the last check's result;
    ``result`` the committed import (``ImportPreview`` with ``committed`` True)."""

    def __init__(self, books: Any, parent: QWidget | None = None, kind: str | None = None):
        super().__init__(parent)
        self.books = books
        self.preview = None
        self.result = None
        self.worker = None
        self.step = 1
        self.setWindowTitle(self.tr("从Excel导入"))
        self.setMinimumSize(820, 560)

        self.steps_label = QLabel()
        self.steps_label.setTextFormat(Qt.TextFormat.RichText)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_choose_page())
        self.stack.addWidget(self._build_check_page())
        self.stack.addWidget(self._build_done_page())

        self.back_button = QPushButton(self.tr("上一步"))
        self.next_button = QPushButton(self.tr("下一步：检查"))
        self.import_button = QPushButton(self.tr("导入"))  # drawn as the main action while it is the default
        self.finish_button = QPushButton(self.tr("完成"))
        self.cancel_button = QPushButton(self.tr("取消"))
        for button in (self.back_button, self.next_button, self.import_button, self.finish_button, self.cancel_button):
            button.setAutoDefault(False)
        self.back_button.clicked.connect(self._on_back_clicked)
        self.next_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.commit)
        self.finish_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        for button in (self.next_button, self.import_button, self.finish_button, self.cancel_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.steps_label)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

        if kind is not None:
            self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(kind), 0))
        self._on_kind_changed()
        self._go(1)

    # --- step 1 ------------------------------------------------------------------------
    def _build_choose_page(self) -> QWidget:
        page = QWidget()
        self.kind_combo = QComboBox()
        for name, sheet_kind in KINDS.items():
            self.kind_combo.addItem(self.tr(sheet_kind.title), name)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText(self.tr("选择要导入的 Excel 工作簿（.xlsx、.xls）或 CSV 文件"))
        self.file_edit.textChanged.connect(self._update_buttons)
        self.file_edit.returnPressed.connect(self.check)
        self.browse_button = QPushButton(self.tr("浏览…"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self._on_browse_clicked)
        self.template_button = QPushButton(self.tr("下载模板…"))
        self.template_button.setAutoDefault(False)
        self.template_button.clicked.connect(self.download_template)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        # a workbook with several sheets: all of them (each read as the kind it is) or the one chosen
        self.sheet_combo = QComboBox()
        self.sheet_label = QLabel(self.tr("工作表"))
        self.file_edit.editingFinished.connect(self._fill_sheets)
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("导入内容"), self.kind_combo)
        form.addRow(self.tr("Excel 文件"), file_row)
        form.addRow(self.sheet_label, self.sheet_combo)
        self._show_sheets([])
        self.columns_label = QLabel()
        self.columns_label.setWordWrap(True)
        self.columns_label.setTextFormat(Qt.TextFormat.RichText)
        hint = QLabel(self.tr(
            "表格可以带标题行、“单位：元”行、合计行和填表人行，读取时会自动跳过；列名可以用常见的别名，"
            "列的顺序不限。导入前会先检查全部数据：有任何错误都不会导入，改正后重新选择文件即可。"
            "同一个文件重复导入不会产生重复记录。"))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        template_row = QHBoxLayout()
        template_row.addWidget(QLabel(self.tr("没有现成的表格？")))
        template_row.addWidget(self.template_button)
        template_row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(14)
        layout.addLayout(form)
        layout.addWidget(self.columns_label)
        layout.addWidget(hint)
        layout.addLayout(template_row)
        layout.addStretch(1)
        return page

    def kind(self) -> str:
        return self.kind_combo.currentData()

    def kind_title(self) -> str:
        return self.kind_combo.currentText()

    def _on_kind_changed(self, *_args) -> None:
        sheet_kind = KINDS[self.kind()]
        names = [f"<b>{c.header}</b>" + self.tr("（必填）") if c.required else c.header
                 for c in sheet_kind.written_columns]
        self.columns_label.setText(self.tr("表格的列：") + "、".join(names))
        self.setWindowTitle(self.tr("从Excel导入{title}").format(title=self.kind_title()))

    def _on_browse_clicked(self) -> None:
        from ui.table_export import last_directory, remember_directory

        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择要导入的Excel文件"), last_directory(),
                                              self.tr(OPEN_FILTER))
        if path:
            remember_directory(path)
            self.file_edit.setText(path)
            self._fill_sheets()

    def set_file(self, path: str | Path) -> None:
        self.file_edit.setText(str(path))
        self._fill_sheets()

    def sheet(self) -> str | None:
        """The one sheet to import, or None for every sheet holding this kind's table."""
        return self.sheet_combo.currentData() if not self.sheet_combo.isHidden() else None

    def _fill_sheets(self) -> None:
        """Offer the sheets of the chosen file when there are several (an unreadable file is
        explained by 检查, not here)."""
        path = self.file_edit.text().strip()
        try:
            names = sheet_names(path) if path else []
        except AssetDeskError:
            names = []
        self._show_sheets(names)

    def _show_sheets(self, names: list[str]) -> None:
        self.sheet_combo.clear()
        self.sheet_combo.addItem(self.tr("全部工作表（每张按其内容识别）"), None)
        for name in names:
            self.sheet_combo.addItem(name, name)
        several = len(names) > 1
        self.sheet_combo.setVisible(several)
        self.sheet_label.setVisible(several)

    def download_template(self) -> Path | None:
        """Save the blank template of the chosen kind (下载模板)."""
        from ui.table_export import ask_save_path, show_saved

        target = ask_save_path(self, self.tr("保存导入模板"), self.tr("{title}导入模板.xlsx").format(title=self.kind_title()))
        if target is None:
            return None
        try:
            write_template(self.kind(), target)
        except OSError as exc:
            from ui.table_export import _show_write_error

            _show_write_error(self, exc, target)
            return None
        show_saved(self, target)
        return target

    # --- step 2 ------------------------------------------------------------------------
    def _build_check_page(self) -> QWidget:
        page = QWidget()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("cardValue")
        self.summary_label.setWordWrap(True)
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.report_button = QPushButton(self.tr("导出错误报告…"))
        self.report_button.setAutoDefault(False)
        self.report_button.setToolTip(self.tr("错误清单和标红的原表，便于对照改正"))
        self.report_button.clicked.connect(self.export_error_report)
        verdict_row = QHBoxLayout()
        verdict_row.addWidget(self.verdict_label, 1)
        verdict_row.addWidget(self.report_button)
        # sheets of the workbook left out (a 科目汇总表 beside a journal): seen before importing the rest
        self.skipped_label = QLabel()
        self.skipped_label.setWordWrap(True)
        self.skipped_label.setStyleSheet(f"color: {WARN};")

        self.errors_model = TableModel.in_memory(error_columns(), parent=self)
        self.changes_model = ChangesTableModel(change_columns(), parent=self)
        self.errors_view = self._table(self.errors_model)
        self.changes_view = self._table(self.changes_model)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.errors_view, self.tr("错误"))
        self.tabs.addTab(self.changes_view, self.tr("变化明细"))

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.summary_label)
        layout.addLayout(verdict_row)
        layout.addWidget(self.skipped_label)
        layout.addWidget(self.tabs, 1)
        return page

    def _table(self, model: TableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(26)
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)  # in file order (sheet, row) until the clerk clicks a header
        model.apply_column_widths(view)
        return view

    def check(self) -> None:
        """Validate the chosen file in the background (writes nothing) and show step 2."""
        from ui.workers import run_task

        path = self.file_edit.text().strip()
        if not path:
            return
        books, kind, sheet = self.books, self.kind(), self.sheet()
        reading = self.tr("正在读取“{name}”：{done} / {total} 行…")
        reading_unsized = self.tr("正在读取“{name}”：已读 {done} 行…")  # the file does not say how many
        name = Path(path).name

        def work(control: Any) -> Any:
            def progress(done: int, total: int) -> None:
                control.check_cancelled()  # 取消 stops the read
                text = reading.format(name=name, done=f"{done:,}", total=f"{total:,}") if total else \
                    reading_unsized.format(name=name, done=f"{done:,}")
                control.progress(done, total, text)

            result = import_file(books, kind, path, dry_run=True, sheet=sheet, progress=progress)
            control.check_cancelled()  # 取消 pressed as the last rows were checked: no step 2
            return result

        self.worker = run_task(self, self.tr("正在检查“{name}”…").format(name=name), work,
                               on_success=self._show_preview, on_error=self._on_check_failed)

    def _on_check_failed(self, exc: BaseException) -> None:
        self._go(1)
        suggested = getattr(exc, "suggested_kind", "")
        if suggested and suggested in KINDS and self._offer_kind(exc, suggested):
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(suggested))
            self.check()
            return
        show_error(self, exc)

    def _offer_kind(self, exc: Any, suggested: str) -> bool:
        """The file holds another kind's table (工作表“小区”是片区与小区): offer to import it as that."""
        title = KINDS[suggested].title
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("导入类型不符"), exc.message, parent=self)
        box.setInformativeText(self.tr("要改为导入“{title}”吗？").format(title=title))
        switch = box.addButton(self.tr("改为导入“{title}”").format(title=title), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(switch)
        box.exec()
        return box.clickedButton() is switch

    def _show_preview(self, preview: Any) -> None:
        self.preview = preview
        lines = change_lines(preview)
        self.errors_model.set_rows(preview.errors)
        self.changes_model.set_rows(lines)
        self.errors_view.resizeColumnToContents(2)
        self.tabs.setTabText(0, self.tr("错误（{n}）").format(n=f"{len(preview.errors):,}"))
        self.tabs.setTabText(1, self.tr("变化明细（{n}）").format(n=f"{len(preview.changes):,}"))
        self.tabs.setTabVisible(0, bool(preview.errors))
        self.tabs.setCurrentIndex(0 if preview.errors else 1)
        self.summary_label.setText(self._summary(preview, lines))
        self.summary_label.setStyleSheet(f"color: {WARN};" if preview.errors else "")
        self.verdict_label.setText(self._verdict(preview, lines))
        self.verdict_label.setObjectName("" if preview.errors else "statusOk")  # the headline says it in red
        self.verdict_label.style().unpolish(self.verdict_label)
        self.verdict_label.style().polish(self.verdict_label)
        self.report_button.setVisible(bool(preview.errors))
        left_out = []
        if preview.skipped_sheets:
            left_out.append(self.tr("未导入的工作表：") + "、".join(preview.skipped_sheets))
        if preview.skipped_tables:
            left_out.append(self.tr("未导入的表格：") + "、".join(preview.skipped_tables))
        self.skipped_label.setText("\n".join(left_out))
        self.skipped_label.setVisible(bool(left_out))
        self._go(2)

    def _summary(self, preview: Any, lines: list[ChangeLine]) -> str:
        """The headline. With any error nothing is imported, so it never says what would be added."""
        if preview.errors:
            return self.tr("发现 {n} 处错误，未导入任何数据").format(n=f"{len(preview.errors):,}")
        return self.tr("“{name}”：共 {rows} 行，新增 {new}，修改 {changed}，未变 {same}").format(
            name=Path(preview.path).name, rows=f"{len(preview.rows):,}", new=f"{preview.new:,}",
            changed=f"{preview.changed:,}", same=f"{preview.unchanged:,}")

    def _verdict(self, preview: Any, lines: list[ChangeLine]) -> str:
        notes = []
        if preview.skipped_examples:
            notes.append(self.tr("已跳过模板中的示例行"))
        if preview.ignored_columns:
            notes.append(self.tr("未使用的列：") + "、".join(preview.ignored_columns))
        extra = ("（" + "；".join(notes) + "）") if notes else ""
        if preview.errors:
            return self._error_verdict(preview, lines) + extra
        if not (preview.new or preview.changed):
            return self.tr("文件中的数据与账簿一致，无需导入。") + extra
        return self.tr("检查通过，可以导入。") + extra

    def _error_verdict(self, preview: Any, lines: list[ChangeLine]) -> str:
        """Where the errors are, and what the rows without errors hold once the file is corrected."""
        text = self.tr("“{name}”共 {rows} 行，有错误的行见下表。").format(
            name=Path(preview.path).name, rows=f"{len(preview.rows):,}")
        good = [line for line in lines if line.status != "error"]
        if good and len(good) < len(lines):
            counts = {status: sum(1 for line in good if line.status == status) for status in ("new", "changed", "unchanged")}
            text += self.tr("其余 {n} 条记录无误（新增 {new}，修改 {changed}，未变 {same}），但要全部改正后才能导入。").format(
                n=f"{len(good):,}", new=f"{counts['new']:,}", changed=f"{counts['changed']:,}",
                same=f"{counts['unchanged']:,}")
        return text + self.tr("请改正 Excel 文件后，点“上一步”重新检查。")

    def can_import(self) -> bool:
        preview = self.preview
        return bool(preview is not None and not preview.errors and (preview.new or preview.changed))

    def export_error_report(self) -> Path | None:
        """Save the error report (error list + the sheets with bad cells in red)."""
        from ui.table_export import ask_save_path, show_saved

        if self.preview is None or not self.preview.errors:
            return None
        name = Path(self.preview.path).stem
        target = ask_save_path(self, self.tr("导出错误报告"), self.tr("{name}-错误报告.xlsx").format(name=name))
        if target is None:
            return None
        from ui.table_export import _show_write_error, check_writable
        from ui.workers import run_task_and_wait

        preview = self.preview
        # 50,000 bad rows take several seconds to write: in the background, with the busy dialog
        worker = run_task_and_wait(self, self.tr("正在导出错误报告…"),
                                   lambda control: write_error_report(preview, check_writable(target)),
                                   on_error=lambda exc: _show_write_error(self, exc, target))
        if worker.outcome != "succeeded":
            return None
        show_saved(self, target)
        return target

    # --- step 3 ------------------------------------------------------------------------
    def _build_done_page(self) -> QWidget:
        page = QWidget()
        self.done_label = QLabel()
        self.done_label.setObjectName("cardValue")
        self.done_label.setWordWrap(True)
        self.done_detail = QLabel()
        self.done_detail.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 24, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.done_label)
        layout.addWidget(self.done_detail)
        layout.addStretch(1)
        return page

    def commit(self) -> None:
        """Import all rows in one transaction: the rows checked in step 2, checked again against the
        books (the file is read again only if the clerk saved it since)."""
        from ui.workers import run_task

        if not self.can_import():
            return
        books, preview, sheet = self.books, self.preview, self.sheet()
        self.import_button.setEnabled(False)
        self.worker = run_task(self, self.tr("正在导入{title}…").format(title=self.kind_title()),
                               lambda control: commit_preview(books, preview, sheet), cancellable=False,
                               on_success=self._show_result, on_error=self._on_commit_failed)

    def _on_commit_failed(self, exc: BaseException) -> None:
        show_error(self, exc)
        if isinstance(exc, (ImportRejectedError, ImportFileChangedError)):  # books or file changed since the check
            self._show_preview(exc.preview)
        elif isinstance(exc, ImportFileError):  # the file is gone or unreadable now: choose it again
            self._go(1)
        else:
            self._go(2)

    def _show_result(self, result: Any) -> None:
        self.result = result
        self.done_label.setText(self.tr("导入完成"))
        self.done_detail.setText(self.tr("{title}：新增 {new}，修改 {changed}，未变 {same}。").format(
            title=self.kind_title(), new=f"{result.new:,}", changed=f"{result.changed:,}", same=f"{result.unchanged:,}")
            + self.tr("各页面已自动刷新。"))
        self._go(3)

    # --- navigation ----------------------------------------------------------------------
    def _on_back_clicked(self) -> None:
        self._go(self.step - 1 if self.step == 2 else 1)

    def _go(self, step: int) -> None:
        self.step = step
        self.stack.setCurrentIndex(step - 1)
        parts = []
        for number, name in enumerate(STEP_NAMES, 1):
            text = f"{number} {self.tr(name)}"
            parts.append(f"<b style='color:#3d5a80'>{text}</b>" if number == step else f"<span style='color:#8a94a0'>{text}</span>")
        self.steps_label.setText("&nbsp;&nbsp;›&nbsp;&nbsp;".join(parts))
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        step = self.step
        self.back_button.setVisible(step == 2)
        self.next_button.setVisible(step == 1)
        self.next_button.setEnabled(bool(self.file_edit.text().strip()))
        self.import_button.setVisible(step == 2)
        self.import_button.setEnabled(step == 2 and self.can_import())
        self.finish_button.setVisible(step == 3)
        self.cancel_button.setVisible(step != 3)
        default = {1: self.next_button, 2: self.import_button, 3: self.finish_button}[step]
        default.setDefault(default.isEnabled())


__all__ = ["ImportWizard"]
